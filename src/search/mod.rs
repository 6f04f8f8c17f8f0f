//! Search engine: query parsing, tiered matching (exact > pinyin > fuzzy),
//! agency filters, snippets. No terminal code.
//!
//! Every offset this module hands out is a **char** position (not a byte
//! offset, not a display column) in the original, unfolded string it names:
//! `Item::title`, `Item::text`, or [`document_text`] for the document itself.
//! fuzzy-matcher also counts chars (fuzzy-matcher#15), so there is one index
//! space end to end.

mod agency;
mod engine;
mod exact;
mod fuzzy;
mod index;
pub mod initials;
mod normalize;
mod numbers;
mod pinyin;
mod pinyin_table;
mod query;
mod signature;
mod snippet;
mod store;
mod stored;
mod t2s;
mod term;
mod thesaurus;

use std::ops::Range;

use crate::doc::{Document, Item};

pub use index::{Index, Row, Visit};
pub use normalize::fold;
pub use numbers::number_form;
pub use pinyin::Matcher as PinyinMatcher;
pub use query::{Query, QueryError, parse as parse_query, parse_number};
pub use store::{Buffer, Shared, Store};
pub use stored::{Segment, Stored, StoredDoc};

/// Distinct terms the domain thesaurus expands (loads it on first call).
pub fn thesaurus_len() -> usize {
    thesaurus::len()
}

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitKind {
    /// The document's metadata ([`document_text`]).
    Document,
    /// An item above the measures (a section heading).
    Section,
    /// A measure (or an item below one).
    Measure,
}

/// How well a hit matched: its worst term's tier, in this order whatever
/// the fields and scores. The last four are approximate (see
/// [`Tier::is_approximate`]): a user should be told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// The term as typed (after folding: case, width, traditional forms).
    Exact,
    /// ASCII letters as the pinyin of the text (zjtx, kaifayinhang).
    Pinyin,
    /// A compound not found contiguous, found as all of its words
    /// (融资担保 → 融资 + 担保, listed in [`Results::also_searched`]).
    Split,
    /// A thesaurus expansion (减税 → 税费减免, financing → 融资).
    Synonym,
    /// A homophone of the term (值押 → 质押): an input-method slip.
    Homophone,
    /// Pinyin with fuzzy initials / finals or one syllable one edit off.
    FuzzyPinyin,
    /// The term's characters in order within a short window.
    Fuzzy,
    /// Best-effort: shares words with the query ([`Results::related`] only).
    Related,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Pinyin => "pinyin",
            Tier::Split => "split",
            Tier::Synonym => "synonym",
            Tier::Homophone => "homophone",
            Tier::FuzzyPinyin => "fuzzy_pinyin",
            Tier::Fuzzy => "fuzzy",
            Tier::Related => "related",
        }
    }

    /// A guess rather than the words asked for: shown with a mark (≈).
    pub fn is_approximate(self) -> bool {
        self >= Tier::Homophone
    }
}

/// Where a hit matched: the weakest field any term needed (a hit found in a
/// title for one term and only in the body for another is a body hit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Agency,
    Body,
    /// The document's metadata.
    Meta,
}

/// One result.
#[derive(Clone, Debug)]
pub struct Hit {
    pub kind: HitKind,
    /// Which document of the index (see [`Index::from_segments`]); 0 in an
    /// index of one document.
    pub doc: usize,
    /// The index's record for this hit: a hint that spares
    /// [`Index::snippet`] and [`Index::heading`] a search (checked against
    /// `doc` and `path`, so a wrong one only costs that search).
    pub record: usize,
    /// Child indices from `Document::items` down to the item; empty for the document.
    pub path: Vec<usize>,
    /// The measure's 1-based ordinal, for measures.
    pub ordinal: Option<usize>,
    /// Higher is better, comparable within a tier (hits are sorted by tier,
    /// then score, then document order).
    pub score: i64,
    pub tier: Tier,
    pub field: Field,
    /// Char ranges in the item's title (the document's title for the
    /// document), sorted, non-overlapping.
    pub title_matches: Vec<Range<usize>>,
    /// Char ranges in the item's `text` ([`document_text`] for the document):
    /// every occurrence of every positive term (and of the agencies an `a:`
    /// selected), sorted, non-overlapping.
    pub text_matches: Vec<Range<usize>>,
    /// Indices into the item's `agencies` that matched.
    pub agency_matches: Vec<usize>,
    /// The query was this measure's number (12, 十二, 第十二条, （十二）):
    /// listed first, labelled as a jump.
    pub jump: bool,
    /// `tier.is_approximate()`: show the hit with an approximate mark.
    pub approximate: bool,
}

/// Everything a query found: the hits (a number form's jump first), what
/// the query was widened to, and best-effort related items when nothing
/// matched, never mixed with the hits.
#[derive(Clone, Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Searched besides the words typed: thesaurus expansions that matched
    /// (税费减免) and compounds split into words ("融资 担保").
    pub also_searched: Vec<String>,
    /// Only when `hits` is empty: items sharing words (CJK bigrams) with the
    /// query, best first, for a separate "related / 相关" heading.
    pub related: Vec<Hit>,
    /// Terms left out of a query of several: English function words (for,
    /// the) and English words that matched nothing ("tax incentives" searches
    /// tax). Empty when nothing was dropped.
    pub ignored: Vec<String>,
}

/// One line of text around a match, with the matched chars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snippet {
    pub text: String,
    /// Char ranges in `text`, sorted, non-overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// The searchable metadata of a document, which [`HitKind::Document`] hits'
/// `text_matches` refer to: title, 文号, issuer, date, addressees (joined by
/// "，"), the cover letter, preamble and closing, the non-empty ones joined by "\n".
pub fn document_text(doc: &Document) -> String {
    let addressees = doc.addressees.join("，");
    [
        doc.title.as_str(),
        &doc.number,
        &doc.issuer,
        &doc.date,
        &addressees,
        &doc.letter,
        &doc.preamble,
        &doc.closing,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("\n")
}

/// The item at `path` (child indices from `doc.items`, then attachments:
/// see [`crate::doc::outline::item_at`]).
pub fn item_at<'a>(doc: &'a Document, path: &[usize]) -> Option<&'a Item> {
    crate::doc::outline::item_at(doc, path)
}

/// `doc` with its items repeated `copies` times: the large corpus of the
/// benchmarks (300 copies of the embedded document is about 5 MB of text).
pub fn replicate(doc: &Document, copies: usize) -> Document {
    let mut big = doc.clone();
    big.items = (0..copies)
        .flat_map(|_| doc.items.iter().cloned())
        .collect();
    big
}

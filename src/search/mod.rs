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
mod normalize;
mod pinyin;
mod query;
mod snippet;
mod term;

use std::ops::Range;

use crate::doc::{Document, Item};

pub use index::Index;
pub use normalize::fold;
pub use pinyin::Matcher as PinyinMatcher;
pub use query::{Query, QueryError, parse as parse_query, parse_number};

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

/// How well a hit matched: its worst term's tier. Exact beats pinyin beats
/// fuzzy, whatever the fields and scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Exact,
    Pinyin,
    Fuzzy,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Pinyin => "pinyin",
            Tier::Fuzzy => "fuzzy",
        }
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

/// The item at `path` (child indices from `doc.items`).
pub fn item_at<'a>(doc: &'a Document, path: &[usize]) -> Option<&'a Item> {
    let (&first, rest) = path.split_first()?;
    let mut it = doc.items.get(first)?;
    for &i in rest {
        it = it.children.get(i)?;
    }
    Some(it)
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

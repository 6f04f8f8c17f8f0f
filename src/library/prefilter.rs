//! Which documents can possibly match a query, decided from a few facts per
//! document kept in the on-disk index, so a search over a thousand documents
//! loads and indexes only those that can. Conservative by construction: a
//! document is skipped only when a positive term can match it neither
//! exactly nor in pinyin (and fuzzy matching is left to the engine, see
//! [`super::search`]).
//!
//! Per document: its searchable text folded as the engine folds it (the
//! haystack, where an exact term must occur), the set of Chinese characters
//! in it, and the set of pinyin initial pairs of adjacent characters.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use memmap2::Mmap;

use crate::doc::agencies::Directory;
use crate::doc::{Document, Item};
use crate::search::fold;

const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;
/// Words of the initial-pair bitmap (26 × 26 bits).
pub const PAIR_WORDS: usize = crate::search::initials::PAIR_WORDS;
/// A term as a possible pinyin spelling (shared with the search engine's
/// per-record initials).
pub use crate::search::initials::Spelling as Pinyin;

/// Bytes owned, or a slice of a memory-mapped index file (read-only; the
/// index is replaced by rename, never written in place).
#[derive(Clone)]
pub enum Bytes {
    Owned(Vec<u8>),
    Mapped(Arc<Mmap>, Range<usize>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m, r) => m.get(r.clone()).unwrap_or(&[]),
        }
    }
}

impl Bytes {
    /// Lets the kernel drop these pages from this process (a mapped file is
    /// read back from the page cache if touched again): a search over a
    /// thousand documents then never holds them all at once.
    pub fn release(&self) {
        #[cfg(unix)]
        if let Bytes::Mapped(m, r) = self
            && r.end <= m.len()
            && !r.is_empty()
        {
            // SAFETY: a read-only private mapping of a file that is never
            // written in place: dropped pages read back with the same bytes,
            // and no reference into them is held across this call by us.
            let _ = unsafe {
                m.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, r.start, r.len())
            };
        }
    }

    /// The whole mapping this slice belongs to, released (see [`Bytes::release`]).
    pub fn release_all(&self) {
        if let Bytes::Mapped(m, _) = self {
            Bytes::Mapped(m.clone(), 0..m.len()).release();
        }
    }
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bytes({})", self.len())
    }
}

/// Bytes of the ideograph bitmap: one bit per U+3400..=U+9FFF.
pub const HAN_BYTES: usize = ((LAST - FIRST + 1) as usize).div_ceil(8);

/// The search facts of one document.
#[derive(Debug, Clone)]
pub struct Facts {
    pub id: String,
    /// The content hash of the entry these facts were computed from.
    pub hash: String,
    /// Every searchable string, folded, separated by "\n": metadata, item
    /// titles and texts, agency names with the directory's spellings.
    pub haystack: Bytes,
    /// Bit per ideograph U+3400..=U+9FFF present in the haystack
    /// ([`HAN_BYTES`] bytes).
    pub han: Bytes,
    /// Bit `a * 26 + b` when some character with a reading starting with
    /// letter a is followed by one with a reading starting with letter b.
    pub pairs: Vec<u64>,
    /// Per item, depth-first: the byte range of its folded title and text
    /// in the haystack, as `[start, end]` pairs.
    pub items: Vec<u32>,
    /// Per item, depth-first: its initial pairs as [`Facts::pairs`]
    /// ([`PAIR_WORDS`] little-endian words each).
    pub item_pairs: Bytes,
    /// The search copy ([`super::record::DocRec`], postcard).
    pub rec: Bytes,
}

/// The initial-pair bitmap of `text` (see [`Facts::pairs`]; closing quotes
/// between two characters don't break their pair, as in pinyin matching).
pub fn pairs_of(text: &str) -> Vec<u64> {
    crate::search::initials::pairs_of(text).to_vec()
}

fn pair_bit(a: u8, b: u8) -> usize {
    (a - b'a') as usize * 26 + (b - b'a') as usize
}

impl Facts {
    pub fn of(id: &str, hash: &str, doc: &Document) -> Facts {
        let mut hay = fold(&crate::search::document_text(doc));
        hay.push('\n');
        let dir = Directory::embedded();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut ranges: Vec<u32> = Vec::new();
        fn walk<'a>(
            items: &'a [Item],
            dir: &Directory,
            seen: &mut HashSet<&'a str>,
            hay: &mut String,
            ranges: &mut Vec<u32>,
        ) {
            for it in items {
                ranges.push(hay.len() as u32);
                hay.push_str(&fold(&it.title));
                hay.push('\n');
                hay.push_str(&fold(&it.text));
                ranges.push(hay.len() as u32);
                hay.push('\n');
                for a in &it.agencies {
                    if seen.insert(a) {
                        hay.push_str(&fold(a));
                        hay.push('\n');
                        if let Some(e) = dir.lookup(a) {
                            for s in e.spellings().chain([e.english_name.as_str()]) {
                                hay.push_str(&fold(s));
                                hay.push('\n');
                            }
                        }
                    }
                }
                walk(&it.children, dir, seen, hay, ranges);
            }
        }
        walk(&doc.items, dir, &mut seen, &mut hay, &mut ranges);
        let haystack = hay;
        let mut han = vec![0u8; HAN_BYTES];
        for c in haystack.chars() {
            if let Some(s) = slot(c) {
                han[s / 8] |= 1 << (s % 8);
            }
        }
        let pairs = pairs_of(&haystack);
        let mut item_pairs: Vec<u8> = Vec::with_capacity(ranges.len() / 2 * PAIR_WORDS * 8);
        for r in ranges.chunks(2) {
            let text = haystack.get(r[0] as usize..r[1] as usize).unwrap_or("");
            for w in pairs_of(text) {
                item_pairs.extend_from_slice(&w.to_le_bytes());
            }
        }
        Facts {
            id: id.to_string(),
            hash: hash.to_string(),
            haystack: Bytes::Owned(haystack.into_bytes()),
            han: Bytes::Owned(han),
            pairs,
            items: ranges,
            item_pairs: Bytes::Owned(item_pairs),
            rec: Bytes::Owned(
                postcard::to_stdvec(&super::record::DocRec::of(doc)).unwrap_or_default(),
            ),
        }
    }

    fn has_han(&self, c: char) -> bool {
        match slot(c) {
            Some(s) => self.han.get(s / 8).is_some_and(|w| w & (1 << (s % 8)) != 0),
            None => true,
        }
    }

    fn has_pair(&self, a: u8, b: u8) -> bool {
        let bit = pair_bit(a, b);
        self.pairs
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Whether item `i` could spell `term` in pinyin (see [`Pinyin`]).
    pub fn item_may_spell(&self, i: usize, term: &Pinyin) -> bool {
        let at = i * PAIR_WORDS * 8;
        let Some(words) = self.item_pairs.get(at..at + PAIR_WORDS * 8) else {
            return true;
        };
        term.spelt_by(&|a, b| {
            let bit = pair_bit(a, b);
            let k = (bit / 64) * 8;
            let w = u64::from_le_bytes(words[k..k + 8].try_into().unwrap_or([0xff; 8]));
            w & (1 << (bit % 64)) != 0
        })
    }

    /// Whether every Chinese character of `term` (folded) occurs here: what
    /// exact and fuzzy matching both need.
    pub fn has_chars(&self, term: &str) -> bool {
        term.chars().all(|c| self.has_han(c))
    }

    /// Whether `term` (folded) occurs verbatim.
    pub fn contains(&self, term: &str) -> bool {
        self.has_chars(term) && memchr::memmem::find(&self.haystack, term.as_bytes()).is_some()
    }

    /// The folded title and text of item `i` (depth-first).
    pub fn item_text(&self, i: usize) -> &[u8] {
        match (self.items.get(2 * i), self.items.get(2 * i + 1)) {
            (Some(&s), Some(&e)) => self.haystack.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Number of items.
    pub fn item_count(&self) -> usize {
        self.items.len() / 2
    }

    /// Whether `term` could match here exactly or in pinyin.
    pub fn may_match(&self, term: &Pinyin, text: &str) -> bool {
        self.contains(text) || term.spelt_by(&|a, b| self.has_pair(a, b))
    }
}

fn slot(c: char) -> Option<usize> {
    let code = c as u32;
    (FIRST..=LAST)
        .contains(&code)
        .then(|| (code - FIRST) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Facts {
        let doc: Document = serde_json::from_value(serde_json::json!({
            "schema": 1, "title": "t", "items": [
                {"number": 1, "label": "（一）", "title": "x", "text": text, "agencies": ["人民银行"]}
            ]
        }))
        .unwrap();
        Facts::of("x", "h", &doc)
    }

    fn may(f: &Facts, term: &str) -> bool {
        let t = fold(term);
        match Pinyin::new(&t) {
            Some(p) => f.may_match(&p, &t),
            None => f.contains(&t),
        }
    }

    #[test]
    fn pinyin_and_exact_are_conservative() {
        let f = facts("引导“专精特新”中小企业，国家开发银行加大知识产权质押融资。");
        for yes in [
            "zjtx",
            "zhuanjingtexin",
            "zhjtx",
            "kaifayinhang",
            "kaifayinh",
            "zscq",
            "zhishichanquan",
            "知识产权",
            "pboc",
            "rmyh",
            "zh",
            "zxqy",
        ] {
            assert!(may(&f, yes), "{yes}");
        }
        for no in ["量子计算", "qxkj", "liangzijisuan", "12366"] {
            assert!(!may(&f, no), "{no}");
        }
    }
}

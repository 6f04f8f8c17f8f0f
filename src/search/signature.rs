//! Per-document signatures: which characters and pairs of ideographs each
//! document of a many-document index may hold, hashed into
//! [`BUCKETS`] buckets and stored bit-sliced (per bucket, one bit per
//! document). A scan for a Chinese term then reads only the documents that
//! can hold it: in a library of a thousand, a term most documents lack
//! (量子计算, a 文号's words, a homophone slip) reads a few of them, not
//! seventeen megabytes.
//!
//! A signature never misses what a document holds (bits are only set);
//! a hash collision at worst lets a document through that is then scanned.

use super::index::Index;
use super::normalize::is_ideograph;
use super::store::Store;

/// Buckets per signature. A policy document has one to four thousand
/// distinct keys (characters and pairs): about one bucket in ten is set,
/// so a two-character term lets about one document in ten through that
/// lacks it, and longer terms fewer still.
pub const BUCKETS: usize = 1 << 15;

/// The bucket of the pair `a` `b`, or of the character `a` alone (`b` = NUL).
fn bucket(a: char, b: char) -> usize {
    let h = (u64::from(a as u32) << 32 | u64::from(b as u32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - BUCKETS.trailing_zeros())) as usize
}

/// The buckets a word needs: every adjacent pair of ideographs in it.
pub(super) fn pair_buckets(word: &[char]) -> Vec<usize> {
    word.windows(2)
        .filter(|w| is_ideograph(w[0]) && is_ideograph(w[1]))
        .map(|w| bucket(w[0], w[1]))
        .collect()
}

/// The buckets of a word's characters.
pub(super) fn char_buckets(word: &[char]) -> Vec<usize> {
    word.iter().map(|&c| bucket(c, '\0')).collect()
}

/// `u64`s per bucket for `docs` documents.
pub(super) fn words_per_bucket(docs: usize) -> usize {
    docs.div_ceil(64)
}

impl Index {
    /// Every document's signature, bit-sliced: bucket `b`'s bitmap over
    /// documents is words `b * W .. (b + 1) * W`, W = [`words_per_bucket`].
    pub(super) fn make_signatures(&self) -> Vec<u64> {
        let w = words_per_bucket(self.docs.len());
        let mut sig = vec![0u64; BUCKETS * w];
        // One document's keys first (a 4 KB bitset, in cache), then
        // spread into the columns: one write per distinct key.
        let mut local = vec![0u64; BUCKETS / 64];
        for (d, span) in self.docs.iter().enumerate() {
            local.fill(0);
            for ri in span.clone() {
                let v = self.view(ri);
                for t in [v.title, v.body] {
                    for (i, &c) in t.iter().enumerate() {
                        let k = bucket(c, '\0');
                        local[k / 64] |= 1 << (k % 64);
                        if let Some(&n) = t.get(i + 1)
                            && is_ideograph(c)
                            && is_ideograph(n)
                        {
                            let k = bucket(c, n);
                            local[k / 64] |= 1 << (k % 64);
                        }
                    }
                }
            }
            let (col, bit) = (d / 64, 1u64 << (d % 64));
            for (i, &word) in local.iter().enumerate() {
                let mut rest = word;
                while rest != 0 {
                    let k = i * 64 + rest.trailing_zeros() as usize;
                    sig[k * w + col] |= bit;
                    rest &= rest - 1;
                }
            }
        }
        sig
    }

    /// The signatures, made now if this index has none (to store them).
    pub(super) fn signatures(&self) -> &[u64] {
        self.signatures
            .get_or_init(|| Store::owned(self.make_signatures()))
    }

    /// Uses `sig` as this index's signatures (a stored copy), when it has
    /// the right size; else there are none until [`Index::signatures`].
    pub(super) fn set_signatures(&self, sig: Store<u64>) {
        if sig.len() == BUCKETS * words_per_bucket(self.docs.len()) {
            let _ = self.signatures.set(sig);
        }
    }

    /// Per document, whether its signature has at least `need` of
    /// `buckets`. `None` when every document may (no signatures made, one
    /// document only, or nothing needed): scan them all.
    pub(super) fn docs_with(&self, buckets: &[usize], need: usize) -> Option<Vec<bool>> {
        let n = self.docs.len();
        if need == 0 || n < 2 {
            return None;
        }
        let sig = self.signatures.get()?;
        let w = words_per_bucket(n);
        let rows: Vec<&[u64]> = buckets
            .iter()
            .filter_map(|&b| sig.get(b * w..(b + 1) * w))
            .collect();
        if rows.len() != buckets.len() {
            return None;
        }
        Some(
            (0..n)
                .map(|d| {
                    rows.iter()
                        .filter(|r| r[d / 64] >> (d % 64) & 1 == 1)
                        .count()
                        >= need
                })
                .collect(),
        )
    }

    /// Per document, whether it may hold every one of `words` (each by
    /// its ideograph pairs); `None`: all may.
    pub(super) fn docs_with_all(&self, words: &[&[char]]) -> Option<Vec<bool>> {
        let b: Vec<usize> = words.iter().flat_map(|w| pair_buckets(w)).collect();
        self.docs_with(&b, b.len())
    }

    /// Per document, whether it may hold any one of `words`; `None`: all
    /// may (also when a word has no ideograph pair to tell by).
    pub(super) fn docs_with_any(&self, words: &[&[char]]) -> Option<Vec<bool>> {
        let mut out = vec![false; self.docs.len()];
        for w in words {
            match self.docs_with_all(&[w]) {
                Some(m) => out.iter_mut().zip(m).for_each(|(o, m)| *o |= m),
                None => return None,
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;
    use crate::search::{Segment, replicate};

    /// Two different documents: the embedded one and a slice of it.
    fn two() -> Index {
        let doc = Document::embedded();
        let mut small = doc.clone();
        small.items.truncate(1);
        Index::from_segments(vec![Segment::of(&doc), Segment::of(&small)])
    }

    #[test]
    fn signatures_never_miss_what_a_document_holds() {
        let ix = two();
        ix.signatures();
        for d in 0..ix.docs.len() {
            for ri in ix.docs[d].clone() {
                let v = ix.view(ri);
                for t in [v.title, v.body] {
                    for w in t.windows(2) {
                        let m = ix.docs_with_all(&[w]);
                        assert!(m.as_ref().is_none_or(|m| m[d]), "{w:?} in {d}");
                        let b = char_buckets(&w[..1]);
                        assert!(ix.docs_with(&b, 1).unwrap()[d]);
                    }
                }
            }
        }
    }

    #[test]
    fn a_term_one_document_lacks_leaves_it_out() {
        let ix = two();
        let word: Vec<char> = "量子计算".chars().collect();
        assert_eq!(
            ix.docs_with_all(&[&word]),
            None,
            "no signatures yet: all may"
        );
        ix.signatures();
        assert_eq!(ix.docs_with_all(&[&word]), Some(vec![false, false]));
        let doc = Document::embedded();
        let last: Vec<char> = "知识产权质押".chars().collect();
        let m = ix.docs_with_all(&[&last]).unwrap();
        assert!(m[0]);
        // Any of several: one that occurs is enough.
        let m = ix.docs_with_any(&[&word, &last]).unwrap();
        assert!(m[0]);
        // One document: never a filter.
        let one = Index::new(&replicate(&doc, 2));
        one.signatures();
        assert_eq!(one.docs_with_all(&[&last]), None);
    }
}

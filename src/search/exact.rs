//! Exact substring matching over folded characters.

use std::ops::Range;

/// Every non-overlapping occurrence of `needle` in `hay`, left to right.
pub fn find_all(hay: &[char], needle: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for_each(hay, needle, |r| out.push(r));
    out
}

/// Calls `f` on every non-overlapping occurrence, left to right.
pub fn for_each(hay: &[char], needle: &[char], mut f: impl FnMut(Range<usize>)) {
    let mut i = 0;
    while let Some(s) = next(hay, needle, i) {
        f(s..s + needle.len());
        i = s + needle.len();
    }
}

/// Where `needle` (not empty) next occurs in `hay` from `i` on.
fn next(hay: &[char], needle: &[char], mut i: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let n = needle.len();
    while i + n <= hay.len() {
        let s = i + find_char(&hay[i..=hay.len() - n], first)?;
        // Inline: a call to memcmp costs more than the two chars compared.
        if hay[s + 1..s + n].iter().zip(rest).all(|(a, b)| a == b) {
            return Some(s);
        }
        i = s + 1;
    }
    None
}

/// The first position of `c` in `hay`. A block of chars at a time: a
/// fixed number of compares ORed together vectorises, a search that stops
/// at the first equal char does not (this is most of a scan's time).
fn find_char(hay: &[char], c: char) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut blocks = hay.chunks_exact(BLOCK);
    for (k, b) in blocks.by_ref().enumerate() {
        if b.iter().fold(false, |any, &x| any | (x == c)) {
            return b.iter().position(|&x| x == c).map(|p| k * BLOCK + p);
        }
    }
    let tail = hay.len() - blocks.remainder().len();
    blocks
        .remainder()
        .iter()
        .position(|&x| x == c)
        .map(|p| tail + p)
}

/// A term to find many times, prepared once: its chars' bytes for
/// memchr's SIMD substring search over the text's bytes (the scan of every
/// text a broad query makes), a match kept only where a char starts.
pub struct Needle {
    len: usize,
    finder: memchr::memmem::Finder<'static>,
}

impl Needle {
    pub fn new(chars: &[char]) -> Needle {
        let bytes: Box<[u8]> = bytemuck::cast_slice::<char, u8>(chars).into();
        Needle {
            len: chars.len(),
            finder: memchr::memmem::FinderBuilder::new()
                .build_forward_with_ranker_owned(CharBytes, bytes),
        }
    }

    /// As [`for_each`].
    pub fn for_each(&self, hay: &[char], mut f: impl FnMut(Range<usize>)) {
        if self.len == 0 {
            return;
        }
        let bytes = bytemuck::cast_slice::<char, u8>(hay);
        let size = std::mem::size_of::<char>();
        let mut from = 0;
        while let Some(p) = bytes.get(from..).and_then(|b| self.finder.find(b)) {
            let at = from + p;
            if at % size == 0 {
                f(at / size..at / size + self.len);
                from = at + self.len * size;
            } else {
                // Across chars: the next char on.
                from = (at / size + 1) * size;
            }
        }
    }

    /// As [`find_all`].
    pub fn find_all(&self, hay: &[char]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        self.for_each(hay, |r| out.push(r));
        out
    }

    /// How many occurrences [`Needle::find_all`] would give, without
    /// allocating: what ranking needs.
    pub fn count(&self, hay: &[char]) -> usize {
        let mut n = 0;
        self.for_each(hay, |_| n += 1);
        n
    }
}

/// How common each byte is in text stored as 32-bit chars: the search
/// looks first for the needle's two rarest. Zero fills the upper bytes of
/// nearly every char, and 0x30..=0x9f is the second byte of Chinese text
/// (U+3000..=U+9FFF); a char's low byte tells it apart.
struct CharBytes;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for CharBytes {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            0 => 255,
            0x30..=0x9f => 200,
            _ => 50,
        }
    }
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || next(hay, needle, 0).is_some()
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_non_overlapping() {
        assert_eq!(find_all(&c("aaaa"), &c("aa")), vec![0..2, 2..4]);
        assert_eq!(find_all(&c("融资担保融资"), &c("融资")), vec![0..2, 4..6]);
        assert!(find_all(&c("融"), &c("融资")).is_empty());
        assert!(find_all(&c("abc"), &[]).is_empty());
        assert!(contains(&c("知识产权质押"), &c("质押")));
        assert!(!contains(&c("质"), &c("质押")));
    }

    /// A byte match across chars is no match: U+0100 U+0200 hold the bytes
    /// of U+0001 U+0002 at an offset (00 01 00 00 | 00 02 00 00 little-endian).
    #[test]
    fn prepared_needle_matches_whole_chars_only() {
        let hay: Vec<char> = ['\u{100}', '\u{200}', '\u{1}', '\u{2}', '\u{0}']
            .into_iter()
            .collect();
        let needle = Needle::new(&['\u{1}', '\u{2}']);
        assert_eq!(needle.find_all(&hay), vec![2..4]);
        assert_eq!(needle.find_all(&hay), find_all(&hay, &['\u{1}', '\u{2}']));
        assert!(Needle::new(&[]).find_all(&hay).is_empty());
    }

    /// The block search and the prepared needle find what a plain
    /// left-to-right search finds, at every offset and block boundary.
    #[test]
    fn block_search_equals_plain_search() {
        let naive = |hay: &[char], needle: &[char]| {
            let mut out = Vec::new();
            let mut i = 0;
            while !needle.is_empty() && i + needle.len() <= hay.len() {
                if hay[i..i + needle.len()] == *needle {
                    out.push(i..i + needle.len());
                    i += needle.len();
                } else {
                    i += 1;
                }
            }
            out
        };
        let alphabet = c("融资担保a");
        let mut seed = 7u32;
        for len in 0..70 {
            for _ in 0..20 {
                let hay: Vec<char> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                for needle in [c("融"), c("融资"), c("资担保"), c("aa"), c("保a融资")] {
                    assert_eq!(
                        find_all(&hay, &needle),
                        naive(&hay, &needle),
                        "{hay:?} {needle:?}"
                    );
                    assert_eq!(contains(&hay, &needle), !naive(&hay, &needle).is_empty());
                    let prepared = Needle::new(&needle);
                    assert_eq!(prepared.find_all(&hay), naive(&hay, &needle));
                    assert_eq!(prepared.count(&hay), naive(&hay, &needle).len());
                }
            }
        }
    }
}

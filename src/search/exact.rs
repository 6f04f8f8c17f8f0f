//! Exact substring matching over folded characters.

use std::ops::Range;

/// Every non-overlapping occurrence of `needle` in `hay`, left to right.
pub fn find_all(hay: &[char], needle: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for_each(hay, needle, |r| out.push(r));
    out
}

/// How many non-overlapping occurrences [`find_all`] would give, without
/// allocating: what ranking needs.
pub fn count(hay: &[char], needle: &[char]) -> usize {
    let mut n = 0;
    for_each(hay, needle, |_| n += 1);
    n
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

    /// The block search finds what a plain left-to-right one finds, at every
    /// offset and block boundary.
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
                    assert_eq!(count(&hay, &needle), naive(&hay, &needle).len());
                    assert_eq!(contains(&hay, &needle), !naive(&hay, &needle).is_empty());
                }
            }
        }
    }
}

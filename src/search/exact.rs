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
    let Some((&first, rest)) = needle.split_first() else {
        return;
    };
    let n = needle.len();
    let mut i = 0;
    while i + n <= hay.len() {
        match hay[i..=hay.len() - n].iter().position(|&c| c == first) {
            None => break,
            Some(off) => {
                let s = i + off;
                if hay[s + 1..s + n] == *rest {
                    f(s..s + n);
                    i = s + n;
                } else {
                    i = s + 1;
                }
            }
        }
    }
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[char], needle: &[char]) -> bool {
    match needle.split_first() {
        None => true,
        Some((&first, rest)) => {
            hay.len() >= needle.len()
                && hay[..=hay.len() - needle.len()]
                    .iter()
                    .enumerate()
                    .any(|(i, &c)| c == first && hay[i + 1..i + needle.len()] == *rest)
        }
    }
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
}

//! Text folding for matching: Unicode compatibility decomposition (the "K" of
//! NFKC, so full-width `１２３６６` equals `12366`) and lower case, applied per
//! character so every folded character maps back to one original character.
//!
//! Both the query and the indexed text go through [`fold_char`], so equality
//! under NFKC implies equality here (composed and decomposed accents agree).

use std::ops::Range;

use unicode_normalization::char::decompose_compatible;

/// Folds one character, calling `emit` for each folded character (at least one).
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else if is_ideograph(c) {
        // The common case in Chinese text: already folded.
        emit(c);
    } else {
        decompose_compatible(c, |d| {
            for l in d.to_lowercase() {
                emit(l);
            }
        });
    }
}

/// CJK Unified Ideographs and Extension A: stable under folding, and the
/// characters that have pinyin.
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// A folded string.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |d| out.push(d));
    }
    out
}

/// Folded text as characters, with the way back to the original's char offsets.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub chars: Vec<char>,
    /// Original char index of each folded char; `None` when folding kept the
    /// char count (the usual case: full-width punctuation folds one to one).
    map: Option<Vec<u32>>,
}

impl NormText {
    pub fn new(s: &str) -> NormText {
        let mut chars = Vec::with_capacity(s.len() / 2);
        let mut expanded = false;
        for c in s.chars() {
            let before = chars.len();
            fold_char(c, |d| chars.push(d));
            expanded |= chars.len() != before + 1;
        }
        if !expanded {
            return NormText { chars, map: None };
        }
        // Rare: some char folded to several; record where each came from.
        let mut map = Vec::with_capacity(chars.len());
        for (i, c) in s.chars().enumerate() {
            fold_char(c, |_| map.push(i as u32));
        }
        NormText {
            chars,
            map: Some(map),
        }
    }

    /// A folded char range as a char range of the original text (widened to
    /// whole original characters).
    pub fn to_orig(&self, r: Range<usize>) -> Range<usize> {
        match &self.map {
            None => r,
            Some(m) if r.is_empty() => {
                let s = m.get(r.start).map_or_else(|| orig_len(m), |&i| i as usize);
                s..s
            }
            Some(m) => m[r.start] as usize..m[r.end - 1] as usize + 1,
        }
    }
}

fn orig_len(m: &[u32]) -> usize {
    m.last().map_or(0, |&i| i as usize + 1)
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(fold("１２３６６ＰＢＯＣ，Ab"), "12366pboc,ab");
        assert_eq!(fold("\u{3000}"), " ");
        // Composed and decomposed accents fold alike.
        assert_eq!(fold("é"), fold("e\u{301}"));
        assert_eq!(fold("专精特新"), "专精特新");
    }

    #[test]
    fn maps_expansions_back() {
        let t = NormText::new("a①b㈠c");
        // ① → 1, ㈠ → (一)
        assert_eq!(t.chars.iter().collect::<String>(), "a1b(一)c");
        assert_eq!(t.to_orig(2..3), 2..3); // b
        assert_eq!(t.to_orig(3..6), 3..4); // (一) → ㈠
        assert_eq!(t.to_orig(4..5), 3..4); // 一 inside ㈠
        assert_eq!(t.to_orig(6..7), 4..5); // c
        let plain = NormText::new("（三）");
        assert_eq!(plain.chars.iter().collect::<String>(), "(三)");
        assert_eq!(plain.to_orig(1..2), 1..2);
    }
}

//! Text folding for matching: Unicode compatibility decomposition (the "K" of
//! NFKC, so full-width `１２３６６` equals `12366`), lower case and traditional
//! → simplified characters (專 → 专, see [`super::t2s`]), applied per
//! character so every folded character maps back to one original character.
//!
//! Both the query and the indexed text go through [`fold_char`], so equality
//! under NFKC implies equality here (composed and decomposed accents agree).

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::decompose_compatible;

/// Folds one character, calling `emit` for each folded character (at least one).
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else if is_ideograph(c) {
        // The common case in Chinese text: folded but for traditional forms.
        emit(super::t2s::simplify(c));
    } else if let Some(f) = punct_table().get(c) {
        emit(f);
    } else {
        fold_slow(c, emit);
    }
}

fn fold_slow(c: char, mut emit: impl FnMut(char)) {
    decompose_compatible(c, |d| {
        for l in d.to_lowercase() {
            emit(l);
        }
    });
}

/// One-to-one folds of the blocks Chinese punctuation lives in (General
/// Punctuation to CJK Symbols, half- and full-width forms), precomputed: the
/// decomposition lookup was most of the indexing time of a 5 MB corpus.
struct PunctTable {
    low: Vec<char>,
    high: Vec<char>,
}

const LOW: Range<u32> = 0x2000..0x3100;
const HIGH: Range<u32> = 0xFE00..0x10000;
/// Marks a char that does not fold to exactly one char.
const SLOW: char = '\0';

impl PunctTable {
    fn get(&self, c: char) -> Option<char> {
        let u = c as u32;
        let f = if LOW.contains(&u) {
            self.low[(u - LOW.start) as usize]
        } else if HIGH.contains(&u) {
            self.high[(u - HIGH.start) as usize]
        } else {
            SLOW
        };
        (f != SLOW).then_some(f)
    }
}

fn punct_table() -> &'static PunctTable {
    static T: OnceLock<PunctTable> = OnceLock::new();
    T.get_or_init(|| {
        let build = |r: Range<u32>| {
            r.map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return SLOW;
                };
                let mut out = [SLOW; 2];
                let mut n = 0;
                fold_slow(c, |d| {
                    if n < 2 {
                        out[n] = d;
                    }
                    n += 1;
                });
                if n == 1 { out[0] } else { SLOW }
            })
            .collect()
        };
        PunctTable {
            low: build(LOW),
            high: build(HIGH),
        }
    })
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

/// Appends the folded chars of `s` to `out`. Returns the original char index
/// of each appended char when folding changed the char count (rare: "…",
/// "①"), `None` when folded and original chars correspond one to one.
pub fn fold_into(s: &str, out: &mut Vec<char>) -> Option<Box<[u32]>> {
    let base = out.len();
    let mut expanded = false;
    for c in s.chars() {
        let before = out.len();
        fold_char(c, |d| out.push(d));
        expanded |= out.len() != before + 1;
    }
    if !expanded {
        return None;
    }
    let mut map = Vec::with_capacity(out.len() - base);
    for (i, c) in s.chars().enumerate() {
        fold_char(c, |_| map.push(i as u32));
    }
    Some(map.into_boxed_slice())
}

/// A folded char range as a char range of the original text (widened to
/// whole original characters), given [`fold_into`]'s map.
pub fn to_orig(map: Option<&[u32]>, r: Range<usize>) -> Range<usize> {
    match map {
        None => r,
        Some(m) if r.is_empty() => {
            let s = m
                .get(r.start)
                .map_or_else(|| m.last().map_or(0, |&i| i as usize + 1), |&i| i as usize);
            s..s
        }
        Some(m) => m[r.start] as usize..m[r.end - 1] as usize + 1,
    }
}

/// A folded string on its own (agency spellings).
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub chars: Vec<char>,
}

impl NormText {
    pub fn new(s: &str) -> NormText {
        let mut chars = Vec::with_capacity(s.len());
        fold_into(s, &mut chars);
        NormText { chars }
    }
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
        assert_eq!(fold("專精特新"), "专精特新");
    }

    #[test]
    fn table_agrees_with_decomposition() {
        for u in LOW.chain(HIGH).chain(0x80..0x400) {
            let Some(c) = char::from_u32(u) else { continue };
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_char(c, |d| fast.push(d));
            fold_slow(c, |d| slow.push(d));
            assert_eq!(fast, slow, "U+{u:04X}");
        }
        assert_eq!(fold("…（）：“”"), "...():“”");
    }

    #[test]
    fn maps_expansions_back() {
        let mut out = vec!['x'];
        let map = fold_into("a①b㈠c", &mut out);
        // ① → 1, ㈠ → (一); the map is relative to what was appended.
        assert_eq!(out[1..].iter().collect::<String>(), "a1b(一)c");
        let m = map.as_deref();
        assert!(m.is_some());
        assert_eq!(to_orig(m, 2..3), 2..3); // b
        assert_eq!(to_orig(m, 3..6), 3..4); // (一) → ㈠
        assert_eq!(to_orig(m, 4..5), 3..4); // 一 inside ㈠
        assert_eq!(to_orig(m, 6..7), 4..5); // c
        assert_eq!(to_orig(m, 7..7), 5..5);
        let mut plain = Vec::new();
        assert!(fold_into("（三）", &mut plain).is_none());
        assert_eq!(plain.iter().collect::<String>(), "(三)");
        assert_eq!(to_orig(None, 1..2), 1..2);
    }
}

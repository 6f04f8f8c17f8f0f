//! Snippets: one line of a hit's text around a match, cut by display width.

use std::ops::Range;

use crate::text::{ELLIPSIS, char_width, width};

use super::Snippet;

/// The part of `text` around `focus` (a char range) that fits `max_width`
/// display cells, centred on it, with [`ELLIPSIS`] where text was cut and
/// `matches` (char ranges in `text`, sorted) re-based onto the snippet.
/// Line breaks become spaces. Never wider than `max_width`.
pub fn around(
    text: &str,
    focus: Range<usize>,
    matches: &[Range<usize>],
    max_width: usize,
) -> Snippet {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let n = chars.len();
    let ell = width(ELLIPSIS);
    let cw = |i: usize| char_width(chars[i]);
    // Width of chars[s..e] plus the ellipses that cut would need.
    let total = |s: usize, e: usize, inner: usize| {
        inner + if s > 0 { ell } else { 0 } + if e < n { ell } else { 0 }
    };
    let start = focus.start.min(n);
    let fe = focus.end.clamp(start, n);
    if total(start, start, 0) > max_width {
        // Not even room for the ellipses.
        let text = if max_width >= ell { ELLIPSIS } else { "" };
        return Snippet {
            text: text.to_string(),
            highlights: Vec::new(),
        };
    }
    let (mut s, mut e, mut inner) = (start, start, 0);
    // The match itself first, as much of it as fits.
    while e < fe && total(s, e + 1, inner + cw(e)) <= max_width {
        inner += cw(e);
        e += 1;
    }
    // Then context, growing the side with less of it so the match stays centred.
    let (mut left, mut right) = (0, 0);
    loop {
        let can_left = s > 0 && total(s - 1, e, inner + cw(s - 1)) <= max_width;
        let can_right = e < n && total(s, e + 1, inner + cw(e)) <= max_width;
        let go_left = match (can_left, can_right) {
            (false, false) => break,
            (l, r) => l && (!r || left <= right),
        };
        if go_left {
            s -= 1;
            left += cw(s);
            inner += cw(s);
        } else {
            right += cw(e);
            inner += cw(e);
            e += 1;
        }
    }
    let mut out = String::new();
    let mut offset = 0;
    if s > 0 {
        out.push_str(ELLIPSIS);
        offset = ELLIPSIS.chars().count();
    }
    out.extend(&chars[s..e]);
    if e < n {
        out.push_str(ELLIPSIS);
    }
    let highlights = matches
        .iter()
        .filter_map(|m| {
            let a = m.start.max(s);
            let b = m.end.min(e);
            (a < b).then(|| a - s + offset..b - s + offset)
        })
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn centres_and_cuts_by_width() {
        let text = "一二三四五六七八九十abcdefghij一二三四五六七八九十";
        // Focus on "abc" (chars 10..13), 16 cells.
        let s = around(text, 10..13, &[10..13], 16);
        assert!(width(&s.text) <= 16, "{}", s.text);
        assert!(
            s.text.starts_with(ELLIPSIS) && s.text.ends_with(ELLIPSIS),
            "{}",
            s.text
        );
        let hl: String = s.text.chars().skip(s.highlights[0].start).take(3).collect();
        assert_eq!(hl, "abc");
        // Balanced: roughly as wide left of the match as right of it.
        let before = width(
            &s.text
                .chars()
                .take(s.highlights[0].start)
                .collect::<String>(),
        );
        let after = width(&s.text.chars().skip(s.highlights[0].end).collect::<String>());
        assert!(before.abs_diff(after) <= 2, "{} {before} {after}", s.text);
    }

    #[test]
    fn short_text_whole_and_tiny_widths() {
        let s = around("融资\n担保", 0..2, &[0..2, 3..5], 40);
        assert_eq!(s.text, "融资 担保");
        assert_eq!(s.highlights, vec![0..2, 3..5]);
        for mw in 0..8 {
            let s = around("知识产权质押融资", 4..6, &[4..6], mw);
            assert!(width(&s.text) <= mw, "{mw}: {}", s.text);
            for h in &s.highlights {
                assert!(h.end <= s.text.chars().count());
            }
        }
        let s = around("", 0..0, &[], 10);
        assert_eq!(s, Snippet::default());
    }

    #[test]
    fn match_near_end() {
        let text = format!("{}12366", "很".repeat(50));
        let s = around(&text, 50..55, &[50..55], 20);
        assert!(
            s.text.starts_with(ELLIPSIS) && s.text.ends_with("12366"),
            "{}",
            s.text
        );
        assert!(width(&s.text) <= 20);
    }
}

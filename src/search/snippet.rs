//! Snippets: one line of a hit's text around a match, cut by display width.

use std::ops::Range;

use crate::text::{ELLIPSIS, char_width, ellipsis_width};

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
    let mut out = String::new();
    let Some(w) = window(text.as_bytes(), focus, max_width) else {
        out.push_str(if max_width >= ellipsis_width() {
            ELLIPSIS
        } else {
            ""
        });
        return Snippet {
            text: out,
            highlights: Vec::new(),
        };
    };
    out.reserve(w.br - w.bl + 2 * ELLIPSIS.len());
    // A `str` is valid UTF-8 throughout: writing cannot fail.
    let offset = w.write(text.as_bytes(), &mut out).unwrap_or(0);
    let highlights = matches
        .iter()
        .filter_map(|m| {
            let a = m.start.max(w.s);
            let b = m.end.min(w.e);
            (a < b).then(|| a - w.s + offset..b - w.s + offset)
        })
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

/// [`around`]'s text, appended to `out` (a result line: no highlights),
/// from the text's bytes as stored: only the part shown is checked to be
/// UTF-8 (a result line shows a few dozen chars of a text of thousands),
/// and nothing is written when it is not.
pub fn around_into(text: &[u8], focus: Range<usize>, max_width: usize, out: &mut String) {
    match window(text, focus, max_width) {
        Some(w) => {
            w.write(text, out);
        }
        None if max_width >= ellipsis_width() => out.push_str(ELLIPSIS),
        None => {}
    }
}

/// What a snippet keeps: bytes `bl..br` of the text, chars `s..e`.
struct Window {
    bl: usize,
    br: usize,
    s: usize,
    e: usize,
}

impl Window {
    /// The kept text with its ellipses and line breaks as spaces, appended
    /// to `out`; the chars written before it (the leading ellipsis).
    /// `None`, and nothing written, when the kept bytes are not UTF-8.
    fn write(&self, text: &[u8], out: &mut String) -> Option<usize> {
        let kept = simdutf8::basic::from_utf8(text.get(self.bl..self.br)?).ok()?;
        let mut offset = 0;
        if self.bl > 0 {
            out.push_str(ELLIPSIS);
            offset = ELLIPSIS.chars().count();
        }
        let mut rest = kept;
        while let Some(i) = memchr::memchr(b'\n', rest.as_bytes()) {
            out.push_str(&rest[..i]);
            out.push(' ');
            rest = &rest[i + 1..];
        }
        out.push_str(rest);
        if self.br < text.len() {
            out.push_str(ELLIPSIS);
        }
        Some(offset)
    }
}

/// The window of [`around`]: walked outwards from the focus, a char at a
/// time from its bytes, reading only the chars it keeps (and one each
/// side); `None` when not even the ellipses fit. Bytes that are not UTF-8
/// give some window, never a panic ([`Window::write`] checks the kept ones).
fn window(b: &[u8], focus: Range<usize>, max_width: usize) -> Option<Window> {
    let ell = ellipsis_width();
    // The kept text is b[bl..br], chars s..e.
    let (bs, start) = byte_index(b, focus.start);
    if (if bs > 0 { ell } else { 0 }) + if bs < b.len() { ell } else { 0 } > max_width {
        // Not even room for the ellipses.
        return None;
    }
    // The next char each side, as (bytes, width), each read once; at either
    // end of the text a width that never fits. `lcut`/`rcut` are the
    // ellipses the kept text needs on each side now.
    let n = b.len();
    let right_of = |br: usize| {
        if br < n {
            char_after(b, br)
        } else {
            (0, NEVER)
        }
    };
    let left_of = |bl: usize| {
        if bl > 0 {
            char_before(b, bl)
        } else {
            (0, NEVER)
        }
    };
    let (mut bl, mut br, mut s, mut e) = (bs, bs, start, start);
    let (mut lcut, mut rcut) = (if bs > 0 { ell } else { 0 }, if bs < n { ell } else { 0 });
    // Cells left: the line less the kept text and its ellipses. Taking a
    // side's last char drops that side's ellipsis (`refund`).
    let mut room = max_width - lcut - rcut;
    let (mut rl, mut rw) = right_of(br);
    // The match itself first, as much of it as fits.
    while e < focus.end {
        let refund = if br + rl == n { rcut } else { 0 };
        if rw > room + refund {
            break;
        }
        (room, br, e) = (room + refund - rw, br + rl, e + 1);
        rcut -= refund;
        (rl, rw) = right_of(br);
    }
    // Then context, growing the side with less of it so the match stays centred.
    let (mut ll, mut lw) = left_of(bl);
    let (mut left, mut right) = (0, 0);
    // Far from both ends (a char is at most 4 bytes) no char taken is a
    // side's last, so no ellipsis is dropped: the same choices as below,
    // with fewer tests.
    while bl > 4 && br + 4 < n {
        let can_left = lw <= room;
        let can_right = rw <= room;
        if can_left && (!can_right || left <= right) {
            (room, bl, s, left) = (room - lw, bl - ll, s.saturating_sub(1), left + lw);
            (ll, lw) = char_before(b, bl);
        } else if can_right {
            (room, br, e, right) = (room - rw, br + rl, e + 1, right + rw);
            (rl, rw) = char_after(b, br);
        } else {
            break;
        }
    }
    loop {
        let lref = if bl == ll { lcut } else { 0 };
        let rref = if br + rl == n { rcut } else { 0 };
        let can_left = lw <= room + lref;
        let can_right = rw <= room + rref;
        if can_left && (!can_right || left <= right) {
            // (`s` counts chars as `byte_index` does; in bytes that are not
            // UTF-8 the walk may see more.)
            (room, bl, s, left) = (room + lref - lw, bl - ll, s.saturating_sub(1), left + lw);
            lcut -= lref;
            (ll, lw) = left_of(bl);
        } else if can_right {
            (room, br, e, right) = (room + rref - rw, br + rl, e + 1, right + rw);
            rcut -= rref;
            (rl, rw) = right_of(br);
        } else {
            break;
        }
    }
    Some(Window { bl, br, s, e })
}

/// The char starting at byte `i` (`i < b.len()`) of `b`: its length
/// and its width as [`char_width`] counts it, a line break as a space. In
/// bytes that are not UTF-8, some length within `b`.
#[inline(always)]
fn char_after(b: &[u8], i: usize) -> (usize, usize) {
    // Most chars of a policy text: an ideograph (as `width_of`), ASCII.
    match b.get(i..) {
        Some(&[x @ 0xe4..=0xe9, y, _, ..]) if x != 0xe4 || y >= 0xb8 => return (3, 2),
        Some(&[b'\n' | 0x20..=0x7e, ..]) => return (1, 1),
        _ => {}
    }
    let len = match b[i] {
        0..0x80 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
    .min(b.len() - i);
    (len, width_of(&b[i..i + len]))
}

/// The char ending at byte `i` (`0 < i <= b.len()`) of `b`, as
/// [`char_after`].
#[inline(always)]
fn char_before(b: &[u8], i: usize) -> (usize, usize) {
    match b.get(..i) {
        Some(&[.., x @ 0xe4..=0xe9, y, z])
            if (x != 0xe4 || y >= 0xb8) && y >= 0x80 && z >= 0x80 =>
        {
            return (3, 2);
        }
        Some(&[.., b'\n' | 0x20..=0x7e]) => return (1, 1),
        _ => {}
    }
    // In UTF-8 a lead byte two or one before the last byte starts it.
    let len = if b[i - 1] < 0x80 {
        1
    } else if i >= 3 && (0xe0..0xf0).contains(&b[i - 3]) {
        3
    } else if i >= 2 && (0xc0..0xe0).contains(&b[i - 2]) {
        2
    } else {
        4
    }
    .min(i);
    (len, width_of(&b[i - len..i]))
}

/// A width no char has: the side has no char left.
const NEVER: usize = usize::MAX / 4;

/// The width of the one char encoded in `c`; ASCII and the three-byte
/// ideographs of Chinese text without decoding through `str`.
#[inline(always)]
fn width_of(c: &[u8]) -> usize {
    match *c {
        [b'\n' | 0x20..=0x7e] => 1,
        // U+4E00..=U+9FFF.
        [x @ 0xe4..=0xe9, y, _] if (x != 0xe4 || y >= 0xb8) => 2,
        // U+3001..=U+3029, U+3030..=U+303E: 、。〈〉《》「」【】 …
        [0xe3, 0x80, 0x81..=0xa9 | 0xb0..=0xbe] => 2,
        // U+FF01..=U+FF60: ，：；（）！？ …
        [0xef, 0xbc, 0x81..=0xbf] | [0xef, 0xbd, 0x80..=0xa0] => 2,
        _ => width_of_other(c),
    }
}

/// [`width_of`] for the rest.
#[cold]
#[inline(never)]
fn width_of_other(c: &[u8]) -> usize {
    std::str::from_utf8(c)
        .ok()
        .and_then(|s| s.chars().next())
        .map_or(1, char_width)
}

/// The start of the text after its first `skip` chars, as much as fits
/// `max_width` cells (see [`around`]).
pub fn after(text: &str, skip: usize, max_width: usize) -> Snippet {
    let rest = text
        .get(byte_index(text.as_bytes(), skip).0..)
        .unwrap_or("");
    around(rest, 0..usize::MAX, &[], max_width)
}

/// [`after`]'s text, appended to `out` (from bytes, as [`around_into`]).
pub fn after_into(text: &[u8], skip: usize, max_width: usize, out: &mut String) {
    let rest = text.get(byte_index(text, skip).0..).unwrap_or(&[]);
    around_into(rest, 0..usize::MAX, max_width, out);
}

/// The byte offset of char `n` of `b` (its length when `b` is shorter),
/// and the chars before it (in UTF-8: counting the bytes that start one).
fn byte_index(b: &[u8], n: usize) -> (usize, usize) {
    let is_start = |x: u8| (x as i8) >= -64;
    let (mut i, mut seen) = (0, 0);
    // Whole blocks first: counting char starts into a byte vectorises.
    while i + 64 <= b.len() {
        let k = b[i..i + 64]
            .iter()
            .fold(0u8, |k, &x| k + u8::from(is_start(x)));
        if seen + usize::from(k) > n {
            break;
        }
        seen += usize::from(k);
        i += 64;
    }
    // Then eight bytes at a time: a byte starts a char unless it is
    // 0b10xxxxxx, so its bit 7 clear or bit 6 set, counted in one word.
    while let Some(word) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0x80; 8]));
        let k = ((!w >> 7 | w >> 6) & 0x0101_0101_0101_0101).count_ones() as usize;
        if seen + k > n {
            break;
        }
        seen += k;
        i += 8;
    }
    while i < b.len() {
        if is_start(b[i]) {
            if seen == n {
                return (i, seen);
            }
            seen += 1;
        }
        i += 1;
    }
    (b.len(), seen)
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::text::width;

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

    /// Pseudo-random numbers below `m` (xorshift), the same every run.
    fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        }
    }

    /// The snippet as first written, over every char of the text: what
    /// [`around`] must always equal.
    fn reference(
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

    #[test]
    fn walking_outwards_shows_what_the_whole_text_would() {
        // Pseudo-random texts of wide, narrow, zero-width chars and line
        // breaks; every focus, match and width.
        // Two-, three- and four-byte chars, ambiguous (“), controls (\t).
        let alphabet = [
            '融', '资', 'a', 'b', '\u{301}', '\n', '。', ' ', '\u{200b}', '“', 'é', '😀', '𠀀',
            '\t', '（',
        ];
        let mut next = numbers(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let len = next(400);
            let zero_heavy = next(4) == 0;
            let text: String = (0..len)
                .map(|_| {
                    alphabet[if zero_heavy {
                        4 + next(5)
                    } else {
                        next(alphabet.len())
                    }]
                })
                .collect();
            let a = next(len + 3);
            let focus = a..a + next(len + 3);
            let m = next(len + 1);
            let matches = [m..m + next(6), focus.clone()];
            let w = next(60);
            assert_eq!(
                around(&text, focus.clone(), &matches, w),
                reference(&text, focus.clone(), &matches, w),
                "{text:?} {focus:?} {w}"
            );
        }
        // A focus to the end of a long text (a title hit's "rest").
        let long = "很".repeat(5000);
        assert_eq!(
            around(&long, 0..usize::MAX, &[], 30),
            reference(&long, 0..5000, &[], 30)
        );
    }

    /// Every char's width from its bytes is [`char_width`]'s (a line break
    /// counts as the space it becomes).
    #[test]
    fn widths_from_bytes_are_char_widths() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let want = char_width(if c == '\n' { ' ' } else { c });
            assert_eq!(width_of(c.encode_utf8(&mut buf).as_bytes()), want, "{c:?}");
        }
    }

    /// Result lines read a text's bytes as stored: bytes that are not
    /// UTF-8 never panic and never reach the line, and a line is never
    /// wider than asked; valid text gives [`around`]'s snippet.
    #[test]
    fn snippets_from_bytes_never_break() {
        let pieces: [&[u8]; 9] = [
            "融资".as_bytes(),
            b"ab",
            b"\n",
            b"\xe8",
            b"\x9e\x8d",
            b"\xff",
            b"\xf0\x9f",
            "😀".as_bytes(),
            "。".as_bytes(),
        ];
        let mut next = numbers(0x2545_F491_4F6C_DD1D);
        for _ in 0..3000 {
            let bytes: Vec<u8> = (0..next(40))
                .flat_map(|_| pieces[next(pieces.len())].iter().copied())
                .collect();
            let a = next(bytes.len() + 3);
            let focus = a..a + next(8);
            let w = next(40);
            let mut line = String::new();
            around_into(&bytes, focus.clone(), w, &mut line);
            assert!(width(&line) <= w, "{bytes:?} {focus:?} {w}: {line:?}");
            if let Ok(text) = std::str::from_utf8(&bytes) {
                assert_eq!(line, around(text, focus.clone(), &[], w).text);
            }
            let mut line = String::new();
            after_into(&bytes, a, w, &mut line);
            assert!(width(&line) <= w, "{bytes:?} {a} {w}: {line:?}");
        }
    }

    #[test]
    fn byte_index_is_char_indices() {
        let text = "融资a\n😀é。".repeat(40);
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for n in 0..starts.len() + 3 {
            let want = (
                starts.get(n).copied().unwrap_or(text.len()),
                n.min(starts.len()),
            );
            for from in [0, 1, 7, 9, 63, 65] {
                // Every alignment of the blocks and words.
                let Some(rest) = text.get(starts.get(from).copied().unwrap_or(usize::MAX)..) else {
                    continue;
                };
                let base = text.len() - rest.len();
                let got = byte_index(rest.as_bytes(), n.saturating_sub(from));
                if n >= from {
                    assert_eq!((got.0 + base, got.1 + from), want, "{n} from {from}");
                }
            }
        }
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

//! Text utilities shared by the importer, search and the TUI: display width,
//! width-aware truncation, CJK line breaking and control-character sanitising.
//!
//! Every width here is a *display* width (terminal cells, a CJK character is 2),
//! never `len()` or a char count.

use std::ops::Range;

use textwrap::WordSeparator;
use unicode_width::UnicodeWidthStr;

/// What truncated text ends (or starts) with. One place to change it.
pub const ELLIPSIS: &str = "…";

/// Display width of a string in terminal cells, as ratatui counts it
/// (unicode-width, plus one cell for each halfwidth sound mark ﾞ ﾟ, which
/// terminals draw as characters of their own).
pub fn width(s: &str) -> usize {
    plain_width(s).unwrap_or_else(|| width_by_rules(s))
}

/// The width of `s` when it holds only ASCII and the characters of Chinese
/// text, summed at once (every snippet and heading): no sequence rule of
/// unicode-width involves only these, their widths are the same in both
/// modes, and none joins a cluster ([`split_wide_clusters`] leaves such a
/// string as it is). `None` for anything else.
pub fn plain_width(s: &str) -> Option<usize> {
    let mut w = 0;
    for c in s.chars() {
        w += plain_char_width(c)?;
    }
    Some(w)
}

/// The width of an ASCII character or a character of Chinese text (see
/// [`plain_width`]); `None` for any other.
fn plain_char_width(c: char) -> Option<usize> {
    match c as u32 {
        0x20..=0x7e => Some(1),
        0x3001..=0x3029 | 0x3030..=0x303e | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xff01..=0xff60 => {
            Some(2)
        }
        _ => None,
    }
}

/// [`width`] by unicode-width's rules (sequences, ambiguous mode).
fn width_by_rules(s: &str) -> usize {
    let base = if AMBIGUOUS_WIDE.load(std::sync::atomic::Ordering::Relaxed) {
        UnicodeWidthStr::width_cjk(s)
    } else {
        UnicodeWidthStr::width(s)
    };
    base + s.chars().filter(|&c| is_halfwidth_sound_mark(c)).count()
}

/// Whether ambiguous-width characters (“ ” … · ①) count as two cells: set
/// once by the browser when the terminal draws them wide.
static AMBIGUOUS_WIDE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Counts ambiguous-width characters as two cells from now on (`true`).
pub fn set_ambiguous_wide(wide: bool) {
    AMBIGUOUS_WIDE.store(wide, std::sync::atomic::Ordering::Relaxed);
}

/// The width of [`ELLIPSIS`] in the current ambiguous mode, without
/// measuring it (every snippet and cut asks).
pub fn ellipsis_width() -> usize {
    if AMBIGUOUS_WIDE.load(std::sync::atomic::Ordering::Relaxed) {
        2
    } else {
        1
    }
}

/// Display width of one character, counted as [`width`] counts it.
pub fn char_width(c: char) -> usize {
    // The characters of Chinese text, answered at once (snippets and line
    // breaking ask once per character): the same in both ambiguous modes.
    plain_char_width(c).unwrap_or_else(|| {
        let mut buf = [0u8; 4];
        width_by_rules(c.encode_utf8(&mut buf))
    })
}

fn is_halfwidth_sound_mark(c: char) -> bool {
    matches!(c, '\u{ff9e}' | '\u{ff9f}')
}

/// Invisible, zero-width, and a grapheme boundary on both sides (it is a
/// format control), without adding a line-break opportunity.
const WORD_JOINER: char = '\u{2060}';

/// Characters that never join a multi-character grapheme with more than
/// one visible character: the fast path for Chinese text.
fn is_simple(c: char) -> bool {
    matches!(c as u32,
        0..=0x2ff | 0x2000..=0x25ff | 0x3000..=0x9fff | 0xac00..=0xd7a3 | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f | 0xff00..=0xff9d | 0xffa0..=0xffef)
}

/// Splits every grapheme cluster that holds more than one character with
/// a width of its own (a flag's two regional indicators, an emoji and its
/// skin tone, a Devanagari consonant and its vowel sign or conjunct) with a
/// word joiner before each such character after the first.
///
/// ratatui gives a cluster one cell of the cluster's width and assumes the
/// terminal draws it as one glyph; terminals draw those characters one by
/// one (or, for skin tones, measure the pair differently), so a later frame
/// that overwrites the first cell leaves the rest standing: ghost cells and
/// shifted borders. Split, every cluster has one visible character and
/// every terminal and ratatui agree on where each one goes.
pub fn split_wide_clusters(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_segmentation::UnicodeSegmentation;
    if s.chars().all(is_simple) {
        return std::borrow::Cow::Borrowed(s);
    }
    // Regional indicators pair up from the start of each run, so a joiner
    // between the two of a flag would make the next two a new pair: put one
    // between every two of them first.
    let is_ri = |c: char| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c);
    let mut ri_split = String::with_capacity(s.len() + 8);
    let mut prev_ri = false;
    for c in s.chars() {
        if is_ri(c) && prev_ri {
            ri_split.push(WORD_JOINER);
        }
        prev_ri = is_ri(c);
        ri_split.push(c);
    }
    let mut out = String::with_capacity(ri_split.len() + 8);
    let mut line_start = true;
    for g in ri_split.graphemes(true) {
        // A visible character that would join whatever comes before it (a
        // skin tone, a spacing vowel sign) must not join a label or an
        // indent drawn before its line: start the line with a joiner.
        if line_start
            && let Some(c) = g.chars().next()
            && char_width(c) > 0
            && format!("a{c}").graphemes(true).count() == 1
        {
            out.push(WORD_JOINER);
        }
        line_start = g == "\n" || g == "\r\n";
        let mut visible = false;
        for c in g.chars() {
            if char_width(c) > 0 {
                if visible {
                    out.push(WORD_JOINER);
                }
                visible = true;
            }
            out.push(c);
        }
    }
    if out.len() == s.len() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(out)
}

/// The longest prefix of `s` whose display width is at most `max`, cut at a
/// character boundary (a wide character that would straddle `max` is left out).
pub fn prefix_by_width(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// The longest suffix of `s` whose display width is at most `max`.
pub fn suffix_by_width(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        let w = char_width(c);
        if used + w > max {
            return &s[i + c.len_utf8()..];
        }
        used += w;
    }
    s
}

/// `s` cut to at most `max` cells, ending in [`ELLIPSIS`] when anything was cut.
/// The result is ready to draw: clusters of several visible characters
/// (from text typed or pasted, which no loader sanitised) are split as
/// [`split_wide_clusters`] does.
pub fn truncate(s: &str, max: usize) -> String {
    if plain_width(s).is_some_and(|w| w <= max) {
        return s.to_string();
    }
    let s = &*split_wide_clusters(s);
    if width(s) <= max {
        return s.to_string();
    }
    let ell = width(ELLIPSIS);
    if max < ell {
        return String::new();
    }
    let mut out = prefix_by_width(s, max - ell).to_string();
    out.push_str(ELLIPSIS);
    out
}

/// `s` cut from the left to at most `max` cells, starting with [`ELLIPSIS`]
/// when anything was cut (for snippets whose match lies near the end).
pub fn truncate_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let ell = width(ELLIPSIS);
    if max < ell {
        return String::new();
    }
    let mut out = String::from(ELLIPSIS);
    out.push_str(suffix_by_width(s, max - ell));
    out
}

/// Characters that must never start a line (Chinese typesetting rule, 避头点).
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
    )
}

/// Wraps one paragraph (no `'\n'` inside) to lines of at most `max` cells,
/// returning byte ranges into `para`, so highlights can be mapped onto lines.
///
/// Break opportunities come from UAX #14 (textwrap's
/// `WordSeparator::UnicodeBreakProperties`); lines are filled first-fit.
/// A word wider than a line is split between characters, never right before
/// closing punctuation, so no line starts with "，。）" and the like unless
/// `max` is too narrow for a character and its punctuation together.
/// Whitespace at a break is dropped. A single glyph wider than `max` gets a
/// line of its own (the only case where a line exceeds `max`).
pub fn wrap_ranges(para: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let base = para.as_ptr() as usize;
    let mut lines: Vec<Range<usize>> = Vec::new();
    // The line being filled: its start, end (without trailing whitespace) and width.
    let mut cur: Option<(usize, usize, usize)> = None;
    let mut pending_ws = (0usize, 0usize); // whitespace after cur's last word: (bytes, cells)
    for word in WordSeparator::UnicodeBreakProperties.find_words(para) {
        let start = word.word.as_ptr() as usize - base;
        let w = width(word.word);
        let fits = cur.is_some_and(|(_, _, cw)| cw + pending_ws.1 + w <= max);
        if fits {
            let (s, _, cw) = cur.take().unwrap_or_default();
            cur = Some((s, start + word.word.len(), cw + pending_ws.1 + w));
        } else if w <= max {
            if let Some((s, e, _)) = cur.take() {
                lines.push(s..e);
            }
            cur = Some((start, start + word.word.len(), w));
        } else {
            if let Some((s, e, _)) = cur.take() {
                lines.push(s..e);
            }
            let mut pieces = split_long_word(word.word, max);
            let last = pieces.pop().unwrap_or(0..0);
            lines.extend(pieces.into_iter().map(|r| start + r.start..start + r.end));
            cur = Some((
                start + last.start,
                start + last.end,
                width(&word.word[last]),
            ));
        }
        pending_ws = (word.whitespace.len(), width(word.whitespace));
    }
    if let Some((s, e, _)) = cur {
        lines.push(s..e);
    }
    fix_closing_punct(para, &mut lines, max);
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// Splits a word wider than `max` into pieces of at most `max` cells, moving
/// a split point back one character when the next piece would start with
/// closing punctuation.
fn split_long_word(word: &str, max: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < word.len() {
        let piece = prefix_by_width(&word[start..], max);
        let mut end = start + piece.len();
        if end == start {
            // One glyph wider than the line: it stands alone.
            end = start
                + word[start..]
                    .chars()
                    .next()
                    .map_or(word.len() - start, char::len_utf8);
        } else if end < word.len()
            && word[end..].chars().next().is_some_and(is_closing_punct)
            && let Some((i, _)) = word[start..end]
                .char_indices()
                .next_back()
                .filter(|(i, _)| *i > 0)
        {
            end = start + i;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// Wraps a paragraph and returns the line slices (see [`wrap_ranges`]).
pub fn wrap(para: &str, max: usize) -> Vec<&str> {
    wrap_ranges(para, max)
        .into_iter()
        .map(|r| &para[r])
        .collect()
}

fn fix_closing_punct(para: &str, ranges: &mut [Range<usize>], max: usize) {
    for i in 1..ranges.len() {
        let Some(first) = para[ranges[i].clone()].chars().next() else {
            continue;
        };
        if !is_closing_punct(first) {
            continue;
        }
        let prev_w = width(&para[ranges[i - 1].clone()]);
        // Move the punctuation up when it fits (a contiguous boundary only).
        if ranges[i - 1].end == ranges[i].start && prev_w + char_width(first) <= max {
            ranges[i - 1].end += first.len_utf8();
            ranges[i].start += first.len_utf8();
            continue;
        }
        // Otherwise pull the previous line's last character down with it.
        let prev = &para[ranges[i - 1].clone()];
        let mut prev_chars = prev.chars();
        let Some(last) = prev_chars.next_back() else {
            continue;
        };
        let cur_w = width(&para[ranges[i].clone()]);
        if prev_chars.next().is_some()
            && ranges[i - 1].end == ranges[i].start
            && cur_w + char_width(last) <= max
            && !is_closing_punct(last)
        {
            ranges[i - 1].end -= last.len_utf8();
            ranges[i].start -= last.len_utf8();
        }
    }
}

/// Removes everything that could reach a terminal as a control sequence:
/// whole escape sequences (CSI, OSC, DCS, SOS, PM, APC, two-byte escapes),
/// 8-bit C1 controls and their sequences, other C0 controls except `'\n'`,
/// DEL, bidi overrides/isolates/marks, BOMs, and the emoji joiner and
/// presentation selectors (whose sequences terminals measure differently).
/// Tabs become spaces up to the next multiple of 4 columns; CR LF and a lone
/// CR become `'\n'`. Clusters of several visible characters are split
/// ([`split_wide_clusters`]).
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(needs_sanitizing) {
        return split_wide_clusters(s).into_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut col = 0usize;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\n' => {
                out.push('\n');
                col = 0;
            }
            // CR LF and a lone CR (old Mac files) are line breaks too.
            '\r' => {
                if it.peek() != Some(&'\n') {
                    out.push('\n');
                    col = 0;
                }
            }
            '\t' => {
                let n = 4 - col % 4;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\u{1b}' => match it.next() {
                Some('[') => skip_csi(&mut it),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut it),
                Some(c2) if ('\u{20}'..='\u{2f}').contains(&c2) => {
                    // nF escape: intermediates then one final byte.
                    while let Some(&n) = it.peek() {
                        it.next();
                        if !('\u{20}'..='\u{2f}').contains(&n) {
                            break;
                        }
                    }
                }
                _ => {} // two-character escape (ESC c, ESC 7, …): both dropped
            },
            '\u{9b}' => skip_csi(&mut it),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut it),
            c if needs_sanitizing(c) => {}
            c => {
                out.push(c);
                col += char_width(c);
            }
        }
    }
    match split_wide_clusters(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(split) => split,
    }
}

/// [`sanitize`] without copying: `s` is left alone when it is clean (the
/// common case: a document's strings are mostly clean, and copying each
/// cost a fifth of loading a large one).
pub fn sanitize_in_place(s: &mut String) {
    if s.chars().any(needs_sanitizing) {
        *s = sanitize(s);
    } else if let std::borrow::Cow::Owned(split) = split_wide_clusters(s) {
        *s = split;
    }
}

/// [`sanitize_line`] without copying a clean `s` (see [`sanitize_in_place`]).
pub fn sanitize_line_in_place(s: &mut String) {
    // Plain text (see `plain_width`) has nothing to sanitise but spaces at
    // either end: the common case, told at once.
    if plain_width(s).is_some() && !s.starts_with(' ') && !s.ends_with(' ') {
        return;
    }
    let clean = !s.chars().any(|c| c == '\n' || needs_sanitizing(c))
        && s.trim().len() == s.len()
        && matches!(split_wide_clusters(s), std::borrow::Cow::Borrowed(_));
    if !clean {
        *s = sanitize_line(s);
    }
}

/// [`sanitize`] for one-line fields (titles, labels, names): newlines become
/// spaces and surrounding whitespace is trimmed.
pub fn sanitize_line(s: &str) -> String {
    let clean = sanitize(s);
    if clean.contains('\n') {
        // A space where a line break was can join what follows it (a skin
        // tone) into a new cluster: split again.
        let joined = clean.replace('\n', " ");
        split_wide_clusters(joined.trim()).into_owned()
    } else {
        clean.trim().to_string()
    }
}

/// Characters a terminal may act on when printed: C0 controls other than
/// `'\n'` and `'\t'`, DEL, C1 controls, and bidi overrides, isolates and
/// marks (which reorder what follows them on the line).
pub fn is_terminal_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

/// Whether `s` holds a [`is_terminal_control`] character, read byte by
/// byte (printing thousands of result lines asks once per line).
pub fn has_terminal_control(s: &str) -> bool {
    let b = s.as_bytes();
    // C0 controls but tab and line feed, and DEL: one branch-free pass.
    let c0 = b.iter().fold(false, |any, &x| {
        any | (x < 0x20 && x != b'\t' && x != b'\n') | (x == 0x7f)
    });
    // The others start with one of three lead bytes.
    c0 || memchr::memchr3_iter(0xc2, 0xd8, 0xe2, b).any(|i| match b[i] {
        // C1 controls, U+0080..=U+009F.
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        // U+061C.
        0xd8 => b.get(i + 1) == Some(&0x9c),
        // U+200E, U+200F, U+202A..=U+202E; U+2066..=U+2069.
        _ => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
    })
}

/// `s` with every character a terminal could act on written out as a
/// visible escape (`\x1b`, `\n`, `\u{202e}`), for echoing user-supplied
/// strings (file names, queries, flags) in one-line error messages.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_terminal_control(c) || c == '\n' || c == '\t')
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 && is_terminal_control(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_terminal_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// JSON (or any text) with every character a terminal could act on written
/// as a JSON `\uXXXX` escape. Inside JSON strings this keeps the value
/// (serde_json leaves C1 controls and bidi overrides raw); outside strings
/// JSON has no such characters. Newlines and tabs are kept.
pub fn escape_json_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_terminal_control(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_terminal_control(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn needs_sanitizing(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}'
            // Emoji joiners and presentation selectors: terminals and
            // unicode-width disagree on the width of the sequences they build.
            | '\u{200d}' | '\u{fe0e}' | '\u{fe0f}'
        )
}

fn skip_csi(it: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameters and intermediates, then one final byte in 0x40..=0x7e.
    for c in it.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            break; // malformed: stop at the first byte that cannot belong
        }
    }
}

fn skip_string(it: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Up to BEL, ST (ESC \) or 8-bit ST.
    while let Some(c) = it.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if it.peek() == Some(&'\\') {
                    it.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In place, as `sanitize_line` does it: plain text at once, the rest
    /// the long way.
    #[test]
    fn sanitising_in_place_is_sanitize_line() {
        for x in [
            "",
            "融资担保",
            " 融资 ",
            "（一）加大融资支持",
            "a b",
            " a",
            "a ",
            "a\nb",
            "a\u{202e}b",
            "\u{1b}[31m红",
            "“专精特新”",
            "\u{3000}融资\u{3000}",
            "e\u{301}",
            "👍🏽",
        ] {
            let mut s = x.to_string();
            sanitize_line_in_place(&mut s);
            assert_eq!(s, sanitize_line(x), "{x:?}");
        }
    }

    #[test]
    fn fast_width_equals_the_rules_around_every_sequence() {
        // Fast-path characters (ASCII, CJK punctuation, ideographs, fullwidth
        // forms, each range's ends) among the characters unicode-width's
        // sequence rules turn on: every string of three, both ambiguous modes.
        let chars = [
            ' ',
            'a',
            '~',
            '0',
            '#',
            '*',
            '\u{3001}',
            '\u{3029}',
            '\u{3030}',
            '\u{303d}',
            '\u{303e}',
            '\u{3400}',
            '\u{4dbf}',
            '融',
            '\u{9fff}',
            '\u{ff01}',
            '\u{ff60}',
            '\u{fe0f}',
            '\u{fe0e}',
            '\u{200d}',
            '\u{20e3}',
            '\u{1f468}',
            '\u{1f3fb}',
            '\u{301}',
            '\u{2026}',
            '\u{ff9e}',
            '\u{5d0}',
            '\u{644}',
            '\u{627}',
            '\u{1f1e6}',
            '\n',
            '\u{a4f8}',
        ];
        for a in chars {
            for b in chars {
                for c in chars {
                    let s: String = [a, b, c].iter().collect();
                    let marks = s.chars().filter(|&c| is_halfwidth_sound_mark(c)).count();
                    let narrow = UnicodeWidthStr::width(s.as_str()) + marks;
                    let wide = UnicodeWidthStr::width_cjk(s.as_str()) + marks;
                    let w = width(&s);
                    assert!(w == narrow || w == wide, "{s:?}: {w} vs {narrow}/{wide}");
                    if narrow != wide {
                        // Ambiguous: only the rules (which read the mode) may answer.
                        assert_eq!(w, width_by_rules(&s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn char_width_is_width_of_the_one_char_string() {
        // Both ambiguous modes, without switching the global one (other
        // tests run meanwhile): the fast answers hold in either.
        for c in (0x20..0xa000)
            .chain(0xff00..0xff70)
            .filter_map(char::from_u32)
        {
            let mut buf = [0u8; 4];
            let s: &str = c.encode_utf8(&mut buf);
            let narrow = UnicodeWidthStr::width(s) + usize::from(is_halfwidth_sound_mark(c));
            let wide = UnicodeWidthStr::width_cjk(s) + usize::from(is_halfwidth_sound_mark(c));
            let fast = char_width(c);
            if narrow == wide {
                assert_eq!(fast, narrow, "{c:?} U+{:04X}", c as u32);
            } else {
                // Ambiguous: only the slow path (which reads the mode) may answer.
                assert_eq!(fast, width(s), "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn widths_count_cells() {
        assert_eq!(width("（一）"), 6);
        assert_eq!(width("ab中"), 4);
    }

    #[test]
    fn truncate_never_exceeds_and_marks_cuts() {
        assert_eq!(truncate("加强工业互联网赋能", 7), "加强工…");
        assert_eq!(width(&truncate("加强工业互联网赋能", 8)), 7);
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 0), "");
        assert_eq!(truncate_start("加强工业互联网赋能", 7), "…网赋能");
    }

    #[test]
    fn wrap_keeps_width_and_punctuation_rules() {
        let p = "通过中央财政有关专项资金引导地方加大对“专精特新”中小企业的支持力度。各地发挥中小企业发展专项资金作用，完善中小企业公共服务体系。";
        for w in 2..60 {
            let lines = wrap(p, w);
            assert_eq!(lines.concat(), p, "width {w}");
            for l in &lines {
                assert!(width(l) <= w, "width {w}: {l}");
            }
            if w >= 4 {
                for l in &lines[1..] {
                    assert!(!is_closing_punct(l.chars().next().unwrap()), "w {w}: {l}");
                }
            }
        }
    }

    #[test]
    fn sanitize_removes_whole_sequences() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m"), "ared");
        assert_eq!(sanitize("\u{1b}]0;pwned\u{7}title"), "title");
        assert_eq!(sanitize("\u{1b}]2;x\u{1b}\\y"), "y");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("a\u{202e}b\r\nc\u{0}d\re"), "ab\ncd\ne");
        assert_eq!(sanitize("👨\u{200d}👩\u{200d}👧 ⚠\u{fe0f}"), "👨👩👧 ⚠");
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("中\n文"), "中\n文");
        assert_eq!(sanitize_line(" 中\n文 "), "中 文");
    }

    #[test]
    fn clusters_of_several_visible_characters_are_split() {
        use unicode_segmentation::UnicodeSegmentation;
        for s in [
            "🇨🇳🇺🇸🇫",
            "👍🏽",
            "हिन्दी",
            "क्षत्रिय",
            "ｶﾞ",
            "e\u{301}",
            "政策",
            "각",
        ] {
            let out = sanitize(s);
            assert_eq!(out.replace(WORD_JOINER, ""), s);
            for g in out.graphemes(true) {
                let visible = g.chars().filter(|&c| char_width(c) > 0).count();
                assert!(visible <= 1, "{s:?}: {g:?}");
                assert_eq!(width(g), g.chars().map(char_width).sum::<usize>(), "{g:?}");
            }
        }
        assert_eq!(sanitize("政策e\u{301}"), "政策e\u{301}");
        assert_eq!(sanitize("🇨🇳"), "🇨\u{2060}🇳");
        for s in ["👍🏽", "🇨🇳🇺🇸", "हिन्दी", "🏽x", "ि"] {
            assert_eq!(sanitize(&sanitize(s)), sanitize(s), "idempotent");
        }
        // A leading skin tone cannot join a label drawn before it.
        assert_eq!(sanitize("🏽赞"), "\u{2060}🏽赞");
        assert_eq!(sanitize("a\n🏽"), "a\n\u{2060}🏽");
    }

    #[test]
    fn escapes_make_controls_visible() {
        assert_eq!(
            escape_controls("x\u{1b}]2;P\u{7}\ny"),
            "x\\x1b]2;P\\x07\\ny"
        );
        assert_eq!(escape_controls("a\u{9b}b\u{202e}c"), "a\\u{9b}b\\u{202e}c");
        assert_eq!(escape_controls("政策.json"), "政策.json");
        assert_eq!(
            escape_json_controls("\"a\u{9b}\u{202e}\"\n"),
            "\"a\\u009b\\u202e\"\n"
        );
        let v: String = serde_json::from_str(&escape_json_controls("\"\u{85}\u{2066}\"")).unwrap();
        assert_eq!(v, "\u{85}\u{2066}");
    }

    #[test]
    fn terminal_controls_found_byte_by_byte_as_char_by_char() {
        // At every offset in a word of eight bytes, across words, at the end.
        let pads = ["", "a", "融", "ab融", "“", "融资融", "abcdefg", "融资。"];
        for u in (0..0x3_0000u32).chain(0xE_0000..0xE_0100) {
            let Some(c) = char::from_u32(u) else { continue };
            for pad in pads {
                for s in [
                    format!("{pad}{c}b"),
                    format!("{pad}{c}"),
                    format!("{pad}{c}融资融资融资"),
                ] {
                    assert_eq!(
                        has_terminal_control(&s),
                        is_terminal_control(c),
                        "U+{u:04X} in {s:?}"
                    );
                }
            }
        }
        assert!(!has_terminal_control("“融资”…—\t\n"));
    }
}

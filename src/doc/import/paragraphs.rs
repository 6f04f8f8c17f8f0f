//! Lines joined into paragraphs, undoing hard wraps.

use super::front::{is_doc_number, is_title_like, parse_date};
use super::lines::{Line, is_cjk};
use super::numbering::{Style, label};

/// Punctuation after which a paragraph may end.
pub(super) fn ends_terminal(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '。' | '！'
                | '？'
                | '；'
                | '：'
                | '）'
                | ')'
                | '」'
                | '』'
                | '”'
                | '】'
                | '!'
                | '?'
                | ';'
                | ':'
                | '.'
        )
    })
}

/// Whether the text was hard-wrapped, and if so its wrap width: the typical
/// width of a line cut there.
///
/// Hard-wrapped text has lines cut mid-sentence (sentence punctuation inside,
/// none at the end); one-paragraph-per-line text almost never does. The cut
/// lines are the full ones, so their typical width is the wrap width.
pub(super) fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut cut: Vec<usize> = lines
        .iter()
        .filter(|l| {
            l.width >= 16
                && l.heading == 0
                && l.row.is_empty()
                && !ends_terminal(&l.text)
                && !is_title_like(&l.text)
        })
        .map(|l| l.width)
        .collect();
    if cut.len() < 2 || cut.len() * 20 < lines.len() {
        return None;
    }
    cut.sort_unstable();
    let wrap = cut[cut.len() / 2];
    // Cut by a wrap, most of them are (nearly) as wide as it.
    let at_wrap = cut
        .iter()
        .filter(|&&w| w + 4 >= wrap && w <= wrap + 4)
        .count();
    if at_wrap * 2 < cut.len() {
        return None;
    }
    // Lines far wider than the "wrap" mean it was no wrap: one paragraph per
    // line, with some lines (a name list, a table) merely unpunctuated.
    let wider = lines
        .iter()
        .filter(|l| l.width > wrap + wrap / 4 + 4)
        .count();
    (wider * 5 <= cut.len()).then_some(wrap)
}

/// A paragraph and the input line it starts on.
#[derive(Debug, Clone)]
pub(super) struct Para {
    pub(super) line: usize,
    pub(super) text: String,
    /// A Markdown heading's level; 0 for other paragraphs.
    pub(super) heading: u8,
    /// A table row's cells; empty for other paragraphs.
    pub(super) row: Vec<String>,
    /// "1 总则" in a decimally numbered document: a top-level item.
    pub(super) top: bool,
}

/// Joins two pieces of one paragraph: no space between CJK characters or
/// two digits; a space when both sides are Latin letters ("small" + "firms")
/// or the line ended in one ("loans " + "审批"). "APEC" + "中小" → "APEC中小".
pub(super) fn join_into(buf: &mut String, next: &str, had_space: bool) {
    let a = buf.chars().next_back();
    let b = next.chars().next();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let cjk_gap = a.is_some_and(is_cjk) && b.is_some_and(is_cjk);
    // Words are never cut, so two letters meet across a space; a number cut
    // by the wrap ("199" + "8年") is one number.
    let words = latin(a) && latin(b) && !(digit(a) && digit(b));
    if words || (had_space && !cjk_gap) {
        buf.push(' ');
    }
    buf.push_str(next);
}

/// `structured`: lines from HTML, Markdown or DOCX, each a paragraph unless
/// the source itself was hard-wrapped text (a PDF copy pasted into a page or
/// a document, its lines ended by `<br>` or paragraph marks); table rows and
/// Markdown headings are never joined.
pub(super) fn paragraphs(lines: &[Line], structured: bool) -> Vec<Para> {
    let wrap = wrap_width(lines);
    // When only some lines are indented, an indent starts a paragraph; when
    // (nearly) all are, it says nothing.
    let indents = lines.iter().filter(|l| l.indented).count();
    let indent_starts = indents * 10 < lines.len() * 7;
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<&Line> = None;
    // The last number seen per numbering style, to tell a heading that
    // continues its sequence from a wrapped "…第" + "（三）项…" reference.
    let mut last_number: Vec<(Style, u32)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let lab = label(&l.text);
        // A short line right above a date is a signature's issuer, unless
        // it is the rest of an issuer cut by the wrap (an unnumbered full line).
        let signs = is_title_like(&l.text)
            && l.width <= 40
            && lines
                .get(i + 1)
                .is_some_and(|n| parse_date(&n.text).is_some())
            && !prev.is_some_and(|p| {
                is_title_like(&p.text)
                    && label(&p.text).is_none()
                    && wrap.is_some_and(|w| p.width + 2 >= w)
            });
        let continues = match (wrap, prev) {
            // Table rows and Markdown headings stand alone.
            (Some(_), Some(p))
                if l.heading > 0 || p.heading > 0 || !l.row.is_empty() || !p.row.is_empty() =>
            {
                false
            }
            (Some(wrap), Some(p)) => {
                // Lines of one file wrap at varying widths (mixed Latin, a
                // second typesetting pass): three quarters of it counts as full.
                let full = wrap * 3 / 4;
                let p_full = p.width >= full;
                // Ended mid-sentence: a wrap, unless it is a short heading-like line.
                let p_cut = !ends_terminal(&p.text);
                // A short CJK line without sentence punctuation is a title,
                // issuer or heading; a Latin one is a wrapped phrase.
                let heading_like = is_title_like(&p.text) && p.text.chars().any(is_cjk);
                match lab {
                    // "具体按照第" + "（三）项规定执行": a cross-reference, not a heading.
                    Some(_) if p.text.ends_with('第') => true,
                    Some((style, n, ..)) => {
                        let seen = last_number.iter().find(|(s, _)| *s == style);
                        let in_sequence = seen.is_none_or(|&(_, m)| n == m + 1 || n == 1);
                        // "…国家法制统一、" + "尊严…" cut as "…统" / "一、尊严": the
                        // first label of its style right after prose cut mid-sentence.
                        let prose = out
                            .last()
                            .is_some_and(|para| para.text.contains(['，', '。']));
                        let first_cut = (seen.is_none() || n == 1) && prose;
                        (!in_sequence || first_cut) && p_full && p_cut
                    }
                    // A line that is exactly a date or a 文号 stands alone.
                    None if is_meta_line(&l.text) || signs => false,
                    // A salutation ("各省、自治区…：") ends at its colon.
                    None if p.text.ends_with(['：', ':'])
                        && out.last().is_some_and(|para| {
                            !para.text.contains('。') && !open_paren(&para.text)
                        }) =>
                    {
                        false
                    }
                    // A responsibility clause ends its measure.
                    None if ends_clause(&p.text) => false,
                    None if l.indented => !indent_starts && p_full && p_cut,
                    // After a sentence end, a short line with no punctuation is
                    // a title or signature, not the end of a paragraph.
                    None if !p_cut
                        && is_title_like(&l.text)
                        && !l.text.starts_with(['（', '('])
                        && l.width + 2 < wrap =>
                    {
                        false
                    }
                    // A heading-like line goes on only when the wrap cut it.
                    None if heading_like => p.width + 2 >= wrap,
                    None => p_full || p_cut,
                }
            }
            // One paragraph per line, but a line cut inside a parenthesis
            // ("（负责部门：" + "财政部；适用范围：全国）") goes on.
            (None, Some(_)) => {
                !structured
                    && lab.is_none()
                    && out.last().is_some_and(|para| open_paren(&para.text))
            }
            _ => false,
        };
        match out.last_mut() {
            Some(para) if continues => {
                let space = l.leading_space || prev.is_some_and(|p| p.trailing_space);
                join_into(&mut para.text, &l.text, space)
            }
            _ => {
                if let Some((style, n, ..)) = lab {
                    last_number.retain(|(s, _)| *s != style);
                    last_number.push((style, n));
                }
                out.push(Para {
                    line: l.no,
                    text: l.text.clone(),
                    heading: l.heading,
                    row: l.row.clone(),
                    top: false,
                })
            }
        }
        prev = Some(l);
    }
    out
}

/// Whether a parenthesis is still open at the end of `s` (looked at in its
/// last 200 bytes: a clause is short).
fn open_paren(s: &str) -> bool {
    let mut from = s.len().saturating_sub(200);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let mut depth = 0i32;
    for c in s[from..].chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// Ends in a responsibility clause ("…负责）"), which ends its measure.
pub(super) fn ends_clause(s: &str) -> bool {
    let s = s.trim_end_matches('。');
    s.ends_with("负责）") || s.ends_with("负责)")
}

/// 文号 and date lines always stand alone.
pub(super) fn is_meta_line(s: &str) -> bool {
    parse_date(s).is_some() || is_doc_number(s)
}

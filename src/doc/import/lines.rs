//! Input lines: whitespace normalised, web-page noise and seal lines dropped.

/// Lines containing any of these are web-page noise, not document text
/// (watermarks and page chrome of the sites documents are copied from).
pub const NOISE_PATTERNS: &[&str] = &[
    "本文内容来自网络",
    "如有任何异议请联系我们",
    "搜集整理，如有",
    "扫一扫在手机打开当前页",
    "打印本页",
    "关闭窗口",
    "【字体：",
    "分享到：",
    "浏览次数：",
];

/// Lines starting with any of these are page chrome too.
/// The gov.cn metadata block copied with the text is page chrome too (the
/// document states the same in its own words).
pub const NOISE_PREFIXES: &[&str] = &[
    "来源：",
    "责任编辑：",
    "发布时间：",
    "字号：",
    "索引号：",
    "主题分类：",
    "发文机关：",
    "成文日期：",
    "标题：",
    "发文字号：",
    "发布日期：",
    "主题词：",
    "当前位置：",
    "您当前的位置：",
    "您现在的位置：",
];

/// Seal markers (“（代 章）”): not text. Compared with all spaces removed.
pub(super) const SEALS: &[&str] = &[
    "（代章）",
    "(代章)",
    "（盖章）",
    "(盖章)",
    "（印章）",
    "（此件公开发布）",
];

/// A non-blank, non-noise input line, whitespace-normalised.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) no: usize,
    pub(super) text: String,
    /// Its display width in cells (computed once: paragraph joining asks often).
    pub(super) width: usize,
    /// Starts with a paragraph indent (NBSP, full-width space, tab or 2+ spaces).
    pub(super) indented: bool,
    /// Ended in whitespace: a real space when the next line is joined on.
    pub(super) trailing_space: bool,
    /// Started with whitespace that is not an indent: a real space too.
    pub(super) leading_space: bool,
    /// A Markdown heading's level ("## …" → 2); 0 for other lines.
    pub(super) heading: u8,
    /// A table row's cells (HTML, DOCX); empty for other lines.
    pub(super) row: Vec<String>,
}

/// Whether a normalised line is page chrome or a seal, not document text.
pub(super) fn is_noise(t: &str) -> bool {
    // Page chrome is a short line; a long paragraph is text even if it quotes one.
    if t.len() > 300 {
        return false;
    }
    if NOISE_PATTERNS.iter().any(|p| t.contains(p))
        || NOISE_PREFIXES.iter().any(|p| t.starts_with(p))
    {
        return true;
    }
    if is_page_number(t) {
        return true;
    }
    // Seals are short: only those lines are worth squeezing.
    if t.len() > 40 {
        return false;
    }
    let squeezed: String = t.chars().filter(|c| !is_space(*c)).collect();
    SEALS.contains(&squeezed.as_str())
}

/// A line from a structured source (HTML, Markdown, DOCX): one paragraph,
/// never joined to its neighbours. None when blank or noise.
pub(super) fn block_line(no: usize, raw: &str, heading: u8, row: Vec<String>) -> Option<Line> {
    let text = normalise_spaces(raw);
    if text.is_empty() || (row.is_empty() && is_noise(&text)) {
        return None;
    }
    Some(Line {
        no,
        width: crate::text::width(&text),
        text,
        indented: true,
        trailing_space: false,
        leading_space: false,
        heading,
        row,
    })
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{200b}'
}

/// Characters between which a space is a wrapping artefact ("投 放规模").
pub(super) fn is_cjk(c: char) -> bool {
    crate::text::char_width(c) == 2
        || matches!(
            c,
            '\u{2018}'..='\u{201f}' | '\u{2026}' | '\u{00b7}' | '\u{2014}'
        )
}

pub(super) fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let lead: String = raw.chars().take_while(|&c| is_space(c)).collect();
        let indented = lead.contains(['\u{a0}', '\u{3000}', '\t']) || lead.chars().count() >= 2;
        let t = normalise_spaces(raw);
        if t.is_empty() {
            continue;
        }
        if is_noise(&t) {
            continue;
        }
        out.push(Line {
            no: i + 1,
            width: crate::text::width(&t),
            text: t,
            indented,
            trailing_space: raw.ends_with(is_space),
            leading_space: !lead.is_empty() && !indented,
            heading: 0,
            row: Vec::new(),
        });
    }
    out
}

/// Trims, folds whitespace runs (NBSP, full-width) to one space and drops a
/// space between two CJK characters, keeping spaces between Latin words.
pub(super) fn normalise_spaces(s: &str) -> String {
    let s = s.trim_matches(is_space);
    let mut out = String::with_capacity(s.len());
    // Copy runs of non-space text whole; decide each space run on its neighbours.
    let mut run_start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_space(c) {
            continue;
        }
        out.push_str(&s[run_start..i]);
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if !is_space(d) {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        let prev = out.chars().next_back();
        let next = s[end..].chars().next();
        if !(prev.is_some_and(is_cjk) && next.is_some_and(is_cjk)) {
            out.push(' ');
        }
        run_start = end;
    }
    out.push_str(&s[run_start..]);
    // An entity a web page failed to decode ("&sp;") standing alone is not text.
    if out.contains('&') {
        let words: Vec<&str> = out.split(' ').filter(|w| !is_stray_entity(w)).collect();
        out = words.join(" ");
    }
    out
}

/// "&sp;", "&nbsp;": a whole word that is an HTML entity reference.
fn is_stray_entity(w: &str) -> bool {
    w.strip_prefix('&')
        .and_then(|r| r.strip_suffix(';'))
        .is_some_and(|n| {
            (1..=8).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
        })
}

/// A PDF page number copied with the text: "— 2 —", "- 12 -", "-3-".
fn is_page_number(t: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let inner = t.trim_start_matches(|c: char| dash(c) || c == ' ');
    let inner_end = inner.trim_end_matches(|c: char| dash(c) || c == ' ');
    t.starts_with(dash)
        && t.ends_with(dash)
        && (1..=3).contains(&inner_end.len())
        && inner_end.bytes().all(|b| b.is_ascii_digit())
}

//! The importer: plain text → [`Document`].
//!
//! Works on the text as State Council documents come: hard-wrapped or one
//! paragraph per line, with or without blank lines, CRLF, a BOM, indentation
//! by spaces, NBSP or full-width spaces, and web-page noise lines. Steps:
//! 1. decode and split into [`Line`]s (noise and seal lines dropped);
//! 2. join lines into paragraphs ([`paragraphs`]);
//! 3. split front matter, numbered items and closing ([`build`]);
//! 4. find each item's title and responsibility clause.

use std::fmt;
use std::path::Path;

use super::numerals::chinese;
use super::{Document, Item, SCHEMA};
use crate::text::width;

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
pub const NOISE_PREFIXES: &[&str] = &["来源：", "责任编辑：", "发布时间：", "字号："];

/// Seal markers (“（代 章）”): not text. Compared with all spaces removed.
const SEALS: &[&str] = &[
    "（代章）",
    "(代章)",
    "（盖章）",
    "(盖章)",
    "（印章）",
    "（此件公开发布）",
];

/// Why a text could not be imported; displayed as one line.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// 1-based line of the input where it helps.
    pub line: Option<usize>,
    pub msg: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.msg),
            None => write!(f, "{}", self.msg),
        }
    }
}

impl std::error::Error for ImportError {}

fn err(line: Option<usize>, msg: impl Into<String>) -> ImportError {
    ImportError {
        line,
        msg: msg.into(),
    }
}

/// Imports a file; the error names it.
pub fn import_file(path: &Path) -> Result<Document, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    import_bytes(&bytes).map_err(|e| format!("{name}: {e}"))
}

/// Imports raw bytes (UTF-8, optionally with a BOM).
pub fn import_bytes(bytes: &[u8]) -> Result<Document, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(None, "empty document"));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(err(
            None,
            "UTF-16 text (convert it with iconv -f UTF-16 -t UTF-8 first)",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(err(
                Some(line),
                "not UTF-8 text (convert GBK files with iconv first)",
            ));
        }
    };
    import_str(text)
}

/// Imports a UTF-8 string.
pub fn import_str(text: &str) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}'))
        .count();
    // NULs, or more than a few stray controls, mean a binary file.
    if let Some(pos) = text.find('\0').or_else(|| {
        (controls > 8 && controls * 100 > text.chars().count())
            .then(|| {
                text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}'))
            })
            .flatten()
    }) {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(err(Some(line), "binary data, not a text document"));
    }
    // Old Mac files end lines with a lone CR.
    let unified;
    let text = if text.contains('\r') && !text.contains('\n') {
        unified = text.replace('\r', "\n");
        &unified
    } else {
        text
    };
    let lines = split_lines(text);
    if lines.is_empty() {
        return Err(err(None, "empty document"));
    }
    let paras = paragraphs(&lines);
    let mut doc = build(paras)?;
    doc.sanitize();
    Ok(doc)
}

/// A non-blank, non-noise input line, whitespace-normalised.
#[derive(Debug, Clone)]
struct Line {
    no: usize,
    text: String,
    /// Starts with a paragraph indent (NBSP, full-width space, tab or 2+ spaces).
    indented: bool,
    /// Ended in whitespace: a real space when the next line is joined on.
    trailing_space: bool,
    /// Started with whitespace that is not an indent: a real space too.
    leading_space: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{200b}'
}

/// Characters between which a space is a wrapping artefact ("投 放规模").
fn is_cjk(c: char) -> bool {
    crate::text::char_width(c) == 2
        || matches!(
            c,
            '\u{2018}'..='\u{201f}' | '\u{2026}' | '\u{00b7}' | '\u{2014}'
        )
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let lead: String = raw.chars().take_while(|&c| is_space(c)).collect();
        let indented = lead.contains(['\u{a0}', '\u{3000}', '\t']) || lead.chars().count() >= 2;
        let t = normalise_spaces(raw);
        if t.is_empty() {
            continue;
        }
        if NOISE_PATTERNS.iter().any(|p| t.contains(p))
            || NOISE_PREFIXES.iter().any(|p| t.starts_with(p))
        {
            continue;
        }
        let squeezed: String = t.chars().filter(|c| !is_space(*c)).collect();
        if SEALS.contains(&squeezed.as_str()) {
            continue;
        }
        out.push(Line {
            no: i + 1,
            text: t,
            indented,
            trailing_space: raw.ends_with(is_space),
            leading_space: !lead.is_empty() && !indented,
        });
    }
    out
}

/// Trims, folds whitespace runs (NBSP, full-width) to one space and drops a
/// space between two CJK characters, keeping spaces between Latin words.
fn normalise_spaces(s: &str) -> String {
    let chars: Vec<char> = s.trim_matches(is_space).chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            let mut j = i;
            while j < chars.len() && is_space(chars[j]) {
                j += 1;
            }
            let prev = out.chars().next_back();
            let next = chars.get(j).copied();
            let cjk_gap = prev.is_some_and(is_cjk) && next.is_some_and(is_cjk);
            if !cjk_gap {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Punctuation after which a paragraph may end.
fn ends_terminal(s: &str) -> bool {
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
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut cut: Vec<usize> = lines
        .iter()
        .filter(|l| !ends_terminal(&l.text) && !is_title_like(&l.text) && width(&l.text) >= 16)
        .map(|l| width(&l.text))
        .collect();
    if cut.len() < 2 || cut.len() * 10 < lines.len() {
        return None;
    }
    cut.sort_unstable();
    Some(cut[cut.len() / 2])
}

/// A paragraph and the input line it starts on.
#[derive(Debug, Clone)]
struct Para {
    line: usize,
    text: String,
}

/// Joins two pieces of one paragraph: no space between CJK characters; a
/// space when both sides are Latin letters or digits ("small" + "firms") or
/// the line ended in one ("loans " + "审批"). "APEC" + "中小" → "APEC中小".
fn join_into(buf: &mut String, next: &str, had_space: bool) {
    let a = buf.chars().next_back();
    let b = next.chars().next();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let cjk_gap = a.is_some_and(is_cjk) && b.is_some_and(is_cjk);
    if (latin(a) && latin(b)) || (had_space && !cjk_gap) {
        buf.push(' ');
    }
    buf.push_str(next);
}

fn paragraphs(lines: &[Line]) -> Vec<Para> {
    let wrap = wrap_width(lines);
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<&Line> = None;
    // The last number seen per numbering style, to tell a heading that
    // continues its sequence from a wrapped "…第" + "（三）项…" reference.
    let mut last_number: Vec<(Style, u32)> = Vec::new();
    for l in lines {
        let lab = label(&l.text);
        let continues = match (wrap, prev) {
            (Some(wrap), Some(p)) => {
                // Lines of one file wrap at varying widths (mixed Latin, a
                // second typesetting pass): three quarters of it counts as full.
                let full = wrap * 3 / 4;
                let p_full = width(&p.text) >= full;
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
                        !in_sequence && p_full && p_cut
                    }
                    // A line that is exactly a date or a 文号 stands alone.
                    None if is_meta_line(&l.text) => false,
                    // A salutation ("各省、自治区…：") ends at its colon.
                    None if p.text.ends_with(['：', ':'])
                        && out.last().is_some_and(|para| !para.text.contains('。')) =>
                    {
                        false
                    }
                    // A responsibility clause ends its measure.
                    None if ends_clause(&p.text) => false,
                    None if l.indented => p_full && p_cut,
                    // After a sentence end, a short line with no punctuation is
                    // a title or signature, not the end of a paragraph.
                    None if !p_cut
                        && is_title_like(&l.text)
                        && !l.text.starts_with(['（', '('])
                        && width(&l.text) + 2 < wrap =>
                    {
                        false
                    }
                    // A heading-like line goes on only when the wrap cut it.
                    None if heading_like => width(&p.text) + 2 >= wrap,
                    None => p_full || p_cut,
                }
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
                })
            }
        }
        prev = Some(l);
    }
    out
}

/// Ends in a responsibility clause ("…负责）"), which ends its measure.
fn ends_clause(s: &str) -> bool {
    let s = s.trim_end_matches('。');
    s.ends_with("负责）") || s.ends_with("负责)")
}

/// 文号 and date lines always stand alone.
fn is_meta_line(s: &str) -> bool {
    parse_date(s).is_some() || is_doc_number(s)
}

// ---------------------------------------------------------------- labels

/// The numbering styles, outermost first: 一、 → （一） → 1. → （1）.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    /// 第一章
    Chapter,
    /// 第一节
    Part,
    /// 一、
    Chinese,
    /// 第一条 (regulations: 办法, 条例, 规定)
    Article,
    /// （一）
    ParenChinese,
    /// 1.
    Arabic,
    /// （1）
    ParenArabic,
}

/// A heading label at the start of `s`: (style, number, label, rest).
fn label(s: &str) -> Option<(Style, u32, &str, &str)> {
    if let Some(after) = s.strip_prefix('第') {
        let end = after.find(['章', '节', '条'])?;
        let n = chinese(&after[..end])?;
        let unit = after[end..].chars().next()?;
        let lab_len = '第'.len_utf8() + end + unit.len_utf8();
        let rest = s[lab_len..].trim_start();
        if rest.is_empty() {
            return None;
        }
        let style = match unit {
            '章' => Style::Chapter,
            '节' => Style::Part,
            _ => Style::Article,
        };
        return Some((style, n, &s[..lab_len], rest));
    }
    let open = ['（', '('];
    let close = ['）', ')'];
    if let Some(inner) = s.strip_prefix(open) {
        let end = inner.find(close)?;
        let num = &inner[..end];
        let after = &inner[end..];
        let close_len = after.chars().next()?.len_utf8();
        let lab_len = s.len() - inner.len() + end + close_len;
        let rest = &s[lab_len..];
        if rest.trim().is_empty() {
            return None;
        }
        if let Some(n) = chinese(num) {
            return Some((Style::ParenChinese, n, &s[..lab_len], rest));
        }
        if !num.is_empty() && num.len() <= 3 && num.bytes().all(|b| b.is_ascii_digit()) {
            return Some((Style::ParenArabic, num.parse().ok()?, &s[..lab_len], rest));
        }
        return None;
    }
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let after = &s[digits..];
        let sep = after.chars().next()?;
        if matches!(sep, '.' | '．' | '、') {
            let rest = &after[sep.len_utf8()..];
            // "1.5亿" is a number, not a label.
            if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let lab_len = digits + sep.len_utf8();
            return Some((
                Style::Arabic,
                s[..digits].parse().ok()?,
                &s[..lab_len],
                rest.trim_start(),
            ));
        }
        return None;
    }
    let end = s.find('、')?;
    let n = chinese(&s[..end])?;
    let lab_len = end + '、'.len_utf8();
    let rest = &s[lab_len..];
    if rest.trim().is_empty() {
        return None;
    }
    Some((Style::Chinese, n, &s[..lab_len], rest))
}

// ------------------------------------------------------------ front matter

/// "工信部企业〔2021〕169号"
fn is_doc_number(s: &str) -> bool {
    let s = s.trim();
    let Some(body) = s.strip_suffix('号') else {
        return false;
    };
    let Some(open) = body.find(['〔', '[', '［', '（', '(']) else {
        return false;
    };
    let after = &body[open..];
    let mut it = after.chars();
    it.next();
    let year: String = it.by_ref().take(4).collect();
    let close = it.next();
    let serial = it.as_str();
    s.chars().count() <= 40
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && matches!(close, Some('〕' | ']' | '］' | '）' | ')'))
        && !serial.is_empty()
        && serial.chars().all(|c| c.is_ascii_digit())
}

/// "2021年11月6日" or "二〇二一年十一月六日" → "2021-11-06".
pub fn parse_date(s: &str) -> Option<String> {
    let s: String = s.chars().filter(|c| !is_space(*c)).collect();
    let rest = s.strip_suffix('日')?;
    let (y, rest) = rest.split_once('年')?;
    let (m, d) = rest.split_once('月')?;
    let year: u32 = if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()?
    } else {
        // 二〇二一: digit by digit.
        let ds: Option<Vec<u32>> = y
            .chars()
            .map(|c| chinese(&c.to_string()).or((c == '〇' || c == '零').then_some(0)))
            .collect();
        let ds = ds?;
        if ds.len() != 4 {
            return None;
        }
        ds.iter().fold(0, |a, d| a * 10 + d)
    };
    let num = |t: &str| -> Option<u32> {
        if !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().ok()
        } else {
            chinese(t)
        }
    };
    let (m, d) = (num(m)?, num(d)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2200).contains(&year) {
        return None;
    }
    Some(format!("{year:04}-{m:02}-{d:02}"))
}

/// A short line with no sentence punctuation: a title, issuer or heading.
fn is_title_like(s: &str) -> bool {
    width(s) <= 80 && !s.contains(['。', '；', '，', '：', '！', '？'])
}

/// Whether an issuer line already names a whole body (then a following
/// line is a second issuer, not the rest of this one).
fn is_whole_name(s: &str) -> bool {
    [
        "部", "委", "局", "院", "行", "署", "室", "会", "组", "厅", "办", "府", "团",
    ]
    .iter()
    .any(|e| s.ends_with(e))
}

fn join_issuers(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 && is_whole_name(&parts[i - 1]) {
            out.push('、');
        }
        out.push_str(p);
    }
    out
}

#[derive(Default)]
struct Front {
    title: String,
    number: String,
    issuer: String,
    date: String,
    addressees: Vec<String>,
    letter: Vec<String>,
    preamble: Vec<String>,
}

fn split_addressees(s: &str) -> Vec<String> {
    s.trim_end_matches(['：', ':'])
        .split(['，', ','])
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

fn front_matter(paras: Vec<Para>) -> Front {
    let mut f = Front::default();
    let mut rest: Vec<Para> = Vec::new();
    for p in paras {
        if f.number.is_empty() && is_doc_number(&p.text) {
            f.number = p.text;
        } else {
            rest.push(p);
        }
    }
    // Addressees: a paragraph ending in "：" before any sentence.
    if let Some(i) = rest
        .iter()
        .take_while(|p| !p.text.contains('。'))
        .position(|p| p.text.ends_with(['：', ':']))
    {
        f.addressees = split_addressees(&rest.remove(i).text);
    }
    let texts: Vec<String> = rest.into_iter().map(|p| p.text).collect();
    match texts.iter().position(|t| parse_date(t).is_some()) {
        // A cover letter: letter body, issuer, date, then the title and preamble.
        Some(di) => {
            f.date = parse_date(&texts[di]).unwrap_or_default();
            let mut k = di;
            while k > 0 && is_title_like(&texts[k - 1]) && !texts[k - 1].ends_with('。') {
                k -= 1;
            }
            f.issuer = join_issuers(&texts[k..di]);
            f.letter = texts[..k].to_vec();
            // With nothing to tell them apart, a wrap can run the signature
            // on from the letter's last sentence: "…落实。国务院…办公室".
            if f.issuer.is_empty()
                && let Some(last) = f.letter.last_mut()
                && let Some((body, tail)) = last.rsplit_once('。')
                && !tail.is_empty()
                && is_title_like(tail)
            {
                f.issuer = tail.to_string();
                *last = format!("{body}。");
            }
            let after = &texts[di + 1..];
            match after.first() {
                Some(t) if is_title_like(t) => {
                    f.title = t.clone();
                    f.preamble = after[1..].to_vec();
                }
                _ => f.preamble = after.to_vec(),
            }
        }
        None => {
            let mut it = texts.into_iter();
            for t in it.by_ref() {
                if f.title.is_empty() && is_title_like(&t) {
                    f.title = t;
                } else {
                    f.preamble.push(t);
                }
                if !f.title.is_empty() {
                    break;
                }
            }
            f.preamble.extend(it);
        }
    }
    // A title split over two short lines ("关于…的" / "通知").
    f
}

// ------------------------------------------------------------------ items

/// The responsibility clause at the end of `text`: the last parenthesis whose
/// content (before an optional "。note") ends in 负责. Returns its agencies.
pub fn clause_agencies(text: &str) -> Option<Vec<String>> {
    let t = text.trim_end().trim_end_matches(['。', '.']).trim_end();
    let inner = t.strip_suffix(['）', ')'])?;
    // Find the matching opening parenthesis.
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in inner.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' if depth == 0 => {
                open = Some(i + c.len_utf8());
                break;
            }
            '（' | '(' => depth -= 1,
            _ => {}
        }
    }
    let content = &inner[open?..];
    let head = content.split('。').next().unwrap_or(content).trim();
    let mut head = head.strip_suffix("负责")?;
    for suffix in [
        "按职责分工",
        "按职责",
        "依职责",
        "分工",
        "牵头",
        "分别",
        "共同",
    ] {
        head = head.strip_suffix(suffix).unwrap_or(head);
    }
    Some(split_agencies(head))
}

fn split_agencies(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |a: &str| {
        let a = a.trim();
        if !a.is_empty() && !out.iter().any(|x| x == a) {
            out.push(a.to_string());
        }
    };
    for part in s.split(['、', '，', ',', '；']) {
        for part in part.split("会同") {
            for part in part.split('及') {
                // "工业和信息化部等有关部门" → 工业和信息化部, 有关部门; a bare trailing 等 is dropped.
                match part.split_once('等') {
                    Some((a, b)) => {
                        push(a);
                        if b.starts_with("有关") || b.starts_with("相关") {
                            push(b);
                        }
                    }
                    None => push(part),
                }
            }
        }
    }
    out
}

/// Title: the text up to the first "。" of the first paragraph.
fn title_of(text: &str) -> String {
    let first = text.split('\n').next().unwrap_or("");
    first.split('。').next().unwrap_or(first).trim().to_string()
}

struct Open {
    style: Style,
    item: Item,
    /// Its responsibility clause has been seen: later paragraphs are not its text.
    closed: bool,
}

fn finish(mut it: Item) -> Item {
    it.title = title_of(&it.text);
    it.agencies = clause_agencies(&it.text).unwrap_or_default();
    it
}

fn pop_into(stack: &mut Vec<Open>, items: &mut Vec<Item>) {
    if let Some(o) = stack.pop() {
        let it = finish(o.item);
        match stack.last_mut() {
            Some(parent) => parent.item.children.push(it),
            None => items.push(it),
        }
    }
}

fn push_para(text: &mut String, p: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(p);
}

fn build(paras: Vec<Para>) -> Result<Document, ImportError> {
    let Some(h0) = paras.iter().position(|p| label(&p.text).is_some()) else {
        let line = paras.first().map(|p| p.line);
        return Err(err(
            line,
            "no numbered items found (expected headings such as 一、 or （一）)",
        ));
    };
    let mut paras = paras;
    let body = paras.split_off(h0);
    let mut front = front_matter(paras);

    let mut items: Vec<Item> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut orphans: Vec<String> = Vec::new();
    for p in body {
        if let Some((style, number, lab, rest)) = label(&p.text) {
            // Paragraphs after a closed item belong to its parent.
            if !orphans.is_empty() {
                let n = stack.len();
                let target = if n >= 2 {
                    Some(&mut stack[n - 2].item.text)
                } else {
                    None
                };
                match target {
                    Some(t) => orphans.drain(..).for_each(|o| push_para(t, &o)),
                    None => front.preamble.append(&mut orphans),
                }
            }
            while stack.last().is_some_and(|o| o.style >= style) {
                pop_into(&mut stack, &mut items);
            }
            stack.push(Open {
                style,
                item: Item {
                    number,
                    label: lab.to_string(),
                    title: String::new(),
                    text: rest.trim().to_string(),
                    agencies: Vec::new(),
                    children: Vec::new(),
                },
                closed: false,
            });
        } else {
            match stack.last_mut() {
                Some(o) if !o.closed => push_para(&mut o.item.text, &p.text),
                _ => orphans.push(p.text),
            }
        }
        if let Some(o) = stack.last_mut() {
            o.closed = clause_agencies(&o.item.text).is_some();
        }
    }
    while !stack.is_empty() {
        pop_into(&mut stack, &mut items);
    }
    // Trailing issuer and date (documents without a cover letter sign at the end).
    let last_date = orphans.iter().rposition(|t| parse_date(t).is_some());
    if let Some(di) = last_date.filter(|di| di + 2 >= orphans.len()) {
        let date = parse_date(&orphans[di]).unwrap_or_default();
        let mut k = di;
        while k > 0 && is_title_like(&orphans[k - 1]) && di - k < 3 {
            k -= 1;
        }
        if front.date.is_empty() {
            front.date = date;
        }
        if front.issuer.is_empty() {
            front.issuer = join_issuers(&orphans[k..di]);
        }
        orphans.truncate(k);
    }
    Ok(Document {
        schema: SCHEMA,
        title: front.title,
        number: front.number,
        issuer: front.issuer,
        date: front.date,
        addressees: front.addressees,
        letter: front.letter.join("\n"),
        preamble: front.preamble.join("\n"),
        closing: orphans.join("\n"),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            label("一、总体要求").map(|l| (l.0, l.1)),
            Some((Style::Chinese, 1))
        );
        assert_eq!(
            label("（十二）加强工业互联网赋能。").map(|l| (l.0, l.1, l.2)),
            Some((Style::ParenChinese, 12, "（十二）"))
        );
        assert_eq!(
            label("3．加强").map(|l| (l.0, l.1)),
            Some((Style::Arabic, 3))
        );
        assert_eq!(
            label("(2)加强").map(|l| (l.0, l.1)),
            Some((Style::ParenArabic, 2))
        );
        assert!(label("1.5亿元").is_none());
        assert!(label("（财政部负责）").is_none());
        assert!(label("2021年11月6日").is_none());
        assert_eq!(
            label("第十二条 为了规范").map(|l| (l.0, l.1, l.2, l.3)),
            Some((Style::Article, 12, "第十二条", "为了规范"))
        );
        assert_eq!(
            label("第一章总则").map(|l| (l.0, l.1)),
            Some((Style::Chapter, 1))
        );
        assert_eq!(
            label("第二节 监督").map(|l| (l.0, l.1)),
            Some((Style::Part, 2))
        );
        assert!(label("第一批试点").is_none());
        assert!(label("第三条").is_none());
    }

    #[test]
    fn dates_and_numbers() {
        assert_eq!(parse_date("2021年11月6日").as_deref(), Some("2021-11-06"));
        assert_eq!(
            parse_date(" 2021年11月6日 \u{a0}").as_deref(),
            Some("2021-11-06")
        );
        assert_eq!(
            parse_date("二〇二一年十一月六日").as_deref(),
            Some("2021-11-06")
        );
        assert_eq!(parse_date("2021年13月6日"), None);
        assert!(is_doc_number("工信部企业〔2021〕169号"));
        assert!(is_doc_number("国发〔2021〕7号"));
        assert!(!is_doc_number("第169号"));
    }

    #[test]
    fn clauses() {
        let a = |s: &str| clause_agencies(s);
        assert_eq!(
            a("……水平。（财政部、工业和信息化部等有关部门及各地方按职责分工负责）").unwrap(),
            ["财政部", "工业和信息化部", "有关部门", "各地方"]
        );
        assert_eq!(a("……。（各地方负责）").unwrap(), ["各地方"]);
        assert_eq!(
            a("……。（人力资源社会保障部会同各地方按职责分工负责）").unwrap(),
            ["人力资源社会保障部", "各地方"]
        );
        assert_eq!(
            a("……。（发展改革委、财政部负责。列第一位者为牵头单位，下同）").unwrap(),
            ["发展改革委", "财政部"]
        );
        assert_eq!(
            a("……。（科技部、教育部等负责）").unwrap(),
            ["科技部", "教育部"]
        );
        assert_eq!(
            a("……。（工业和信息化部牵头负责）").unwrap(),
            ["工业和信息化部"]
        );
        assert!(a("……（例如专利）等。").is_none());
        assert!(a("没有括号。").is_none());
    }

    #[test]
    fn spaces_between_cjk_go_latin_stay() {
        assert_eq!(normalise_spaces("\u{a0} 贷款投 放规模"), "贷款投放规模");
        assert_eq!(
            normalise_spaces("APEC 中小 企业 small firms 100 个"),
            "APEC 中小企业 small firms 100 个"
        );
        assert_eq!(
            normalise_spaces("“专精特新” 中小企业"),
            "“专精特新”中小企业"
        );
    }
}

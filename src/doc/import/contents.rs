//! Documents numbered 1 / 1.1 / 1.2.1 (emergency plans, standards): the table
//! of contents is dropped, "1 总则" is a top-level item, and in plain text an
//! unnumbered short heading ("范围", "术语定义") is an item as Markdown makes it.

use super::lines::is_cjk;
use super::numbering::{Style, label};
use super::paragraphs::Para;

/// A contents entry's text without dot leaders and page number:
/// "1.1 编制目的……………1" → "1.1 编制目的".
fn entry(s: &str) -> &str {
    let t = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let t2 = t.trim_end_matches(['…', '.', '·', '-', '—', ' ']);
    if t2.len() < t.len() { t2 } else { s }
}

fn has_leader(s: &str) -> bool {
    s.contains("……") || s.contains("....") || s.contains("···")
}

/// Drops a table of contents: "目录" and the entries after it, up to where
/// the first entry appears again as a heading; or a run of dot-leader lines.
fn drop_contents(paras: &mut Vec<Para>) {
    let squeezed = |p: &Para| p.text.replace(' ', "");
    if let Some(start) = paras.iter().position(|p| squeezed(p) == "目录") {
        let first = paras.get(start + 1).map(|p| entry(&p.text).to_string());
        let end = first.and_then(|f| {
            paras[start + 2..]
                .iter()
                .position(|p| !has_leader(&p.text) && p.text == f)
                .map(|i| start + 2 + i)
        });
        let end = end.unwrap_or_else(|| {
            start
                + 1
                + paras[start + 1..]
                    .iter()
                    .take_while(|p| has_leader(&p.text))
                    .count()
        });
        paras.drain(start..end);
        return;
    }
    // No "目录" line: three or more dot-leader lines in a row.
    let mut i = 0;
    while i < paras.len() {
        let run = paras[i..]
            .iter()
            .take_while(|p| has_leader(&p.text))
            .count();
        if run >= 3 {
            paras.drain(i..i + run);
        } else {
            i += run.max(1);
        }
    }
}

/// "1 总则", "1. 总则", "1．总则": a top-level decimal heading (only in a
/// decimally numbered document).
pub(super) fn top_decimal(s: &str) -> Option<(u32, &str, &str)> {
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let after = &s[digits..];
    let sep = after
        .chars()
        .next()
        .filter(|c| matches!(c, '.' | '．' | '、'));
    let lab_len = digits + sep.map_or(0, char::len_utf8);
    let rest = &s[lab_len..];
    if sep.is_none() && !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim_start();
    let n = rest.chars().count();
    let short = (1..=20).contains(&n)
        && rest.chars().all(is_cjk)
        && !rest.contains(['，', '。', '；', '：']);
    let num = s[..digits].parse().ok()?;
    short.then_some((num, &s[..lab_len], rest))
}

/// A short all-CJK line with no punctuation: an unnumbered heading.
fn bare_heading(p: &Para) -> bool {
    let n = p.text.chars().count();
    (2..=12).contains(&n)
        && p.text
            .chars()
            .all(|c| is_cjk(c) && !"，。；：、！？（）“”".contains(c))
        && label(&p.text).is_none()
}

/// Marks the numbering a decimal document implies; other documents are left alone.
pub(super) fn prepare(mut paras: Vec<Para>) -> Vec<Para> {
    let decimals = paras
        .iter()
        .filter(|p| matches!(label(&p.text), Some((Style::Decimal(_), ..))))
        .count();
    if decimals < 2 {
        return paras;
    }
    drop_contents(&mut paras);
    for p in &mut paras {
        if p.heading == 0 && top_decimal(&p.text).is_some() {
            p.top = true;
        }
    }
    // Plain text of a document whose Markdown had unnumbered headings.
    let markdown = paras.iter().any(|p| p.heading > 0);
    if markdown || paras.iter().any(|p| p.top) {
        return paras;
    }
    let heads: Vec<bool> = paras
        .iter()
        .enumerate()
        .map(|(i, p)| i > 0 && bare_heading(p))
        .collect();
    let mut parent = false;
    for i in 1..paras.len() {
        if !heads[i] {
            continue;
        }
        let next_is_heading = heads.get(i + 1).copied().unwrap_or(false)
            || paras.get(i + 1).is_some_and(|q| label(&q.text).is_some());
        let level = if next_is_heading || !parent { 2 } else { 3 };
        if level == 2 {
            parent = next_is_heading;
        }
        paras[i].heading = level;
    }
    paras
}

//! Markdown input: "# 标题", "## 第一章 总则", HTML comments, one paragraph
//! per line (blank lines between them). Heading levels are kept: an
//! unnumbered heading ("## 范围") is an item of its own.

use super::lines::{Line, block_line};

pub(super) fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut t = raw.trim();
        // HTML comments (<!-- INFO END -->), possibly over several lines.
        if in_comment {
            if let Some(end) = t.find("-->") {
                in_comment = false;
                t = t[end + 3..].trim();
            } else {
                continue;
            }
        }
        if let Some(start) = t.find("<!--") {
            match t[start..].find("-->") {
                Some(end) => {
                    let rest = format!("{}{}", &t[..start], &t[start + end + 3..]);
                    if let Some(l) = line(i + 1, rest.trim()) {
                        out.push(l);
                    }
                    continue;
                }
                None => {
                    in_comment = true;
                    t = t[..start].trim();
                }
            }
        }
        if let Some(l) = line(i + 1, t) {
            out.push(l);
        }
    }
    out
}

fn line(no: usize, t: &str) -> Option<Line> {
    let level = t.bytes().take_while(|&b| b == b'#').count();
    let (heading, body) = if (1..=6).contains(&level) && t[level..].starts_with([' ', '\u{3000}']) {
        (level as u8, t[level..].trim())
    } else {
        (0, t)
    };
    // Emphasis markers around a whole line ("**第一条**") are not text.
    let body = body.trim_start_matches("**").trim_end_matches("**");
    block_line(no, body, heading, Vec::new())
}

/// Whether a text reads as Markdown: ATX headings ("# …") at line starts.
pub(super) fn looks_like(text: &str) -> bool {
    text.lines().take(400).any(|l| {
        let n = l.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&n) && l[n..].starts_with(' ')
    })
}

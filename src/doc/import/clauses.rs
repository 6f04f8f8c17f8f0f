//! Responsibility clauses: "（财政部、工业和信息化部按职责分工负责）".

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

pub(super) fn split_agencies(s: &str) -> Vec<String> {
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

//! Responsibility clauses: "（财政部、工业和信息化部按职责分工负责）",
//! "（…全国总工会等和各有关省级人民政府负责）", "（负责部门：自然资源部、
//! 海关总署；适用范围：…）", with the lead-agency notes
//! "列第一位者为牵头单位，下同" / "排在第一位的部门为牵头部门，下同".

use std::collections::HashSet;

use crate::doc::Clause;

/// Roles after a name inside a clause ("生态环境部指导，试点城市政府负责落实").
const ROLES: &[&str] = &[
    "按职责分工负责",
    "按职责负责",
    "依职责负责",
    "分工负责",
    "牵头负责",
    "分别负责",
    "共同负责",
    "负责落实",
    "负责",
    "按职责分工",
    "指导",
    "牵头",
    "参与",
    "配合",
];

/// Prefixes that introduce the names: "负责部门：A、B；适用范围：…".
const NAME_FIELDS: &[&str] = &[
    "负责部门",
    "负责单位",
    "责任部门",
    "责任单位",
    "牵头部门",
    "牵头单位",
];

/// The responsibility clause at the end of `text`: the last parenthesis whose
/// content (before an optional "。note") ends in 负责. Returns its agencies.
pub fn clause_agencies(text: &str) -> Option<Vec<String>> {
    let t = text.trim_end().trim_end_matches(['。', '.']).trim_end();
    let inner = t.strip_suffix(['）', ')'])?;
    let open = matching_open(inner)?;
    parse_clause(&inner[open..]).map(|c| c.agencies)
}

/// Byte offset just after the "（" matching a ")" at the end of `inner`'s parent.
fn matching_open(inner: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in inner.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' if depth == 0 => return Some(i + c.len_utf8()),
            '（' | '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Whether `text` ends in a responsibility clause (cheap: names not split).
pub(super) fn ends_with_clause(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(['。', '.']).trim_end();
    let Some(inner) = t.strip_suffix(['）', ')']) else {
        return false;
    };
    let Some(open) = matching_open(inner) else {
        return false;
    };
    let content = inner[open..].trim();
    let head = clause_head(content);
    NAME_FIELDS.iter().any(|f| content.starts_with(f))
        || ((head.ends_with("负责") || head.ends_with("负责落实")) && head.len() > "负责".len())
}

/// Every top-level parenthesis of `text` that is a responsibility clause, in order.
pub(super) fn clauses_in(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => {
                if depth == 0 {
                    start = i + c.len_utf8();
                }
                depth += 1;
            }
            '）' | ')' if depth > 0 => {
                depth -= 1;
                if depth == 0
                    && let Some(cl) = parse_clause(&text[start..i])
                {
                    out.push(cl);
                }
            }
            _ => {}
        }
    }
    out
}

/// A clause's content before its note: "…负责。列第一位者为牵头单位" or a
/// deadline "…负责，2022年底前完成" / "…负责；持续推进".
fn clause_head(content: &str) -> &str {
    let head = content.split('。').next().unwrap_or(content).trim();
    if head.ends_with("负责") || head.ends_with("负责落实") {
        return head;
    }
    match head.rfind(['，', '；', ',', ';']) {
        Some(i) => {
            let (names, note) = head.split_at(i);
            let note = note.trim_start_matches(['，', '；', ',', ';']);
            let deadline = (note.contains('年') || note.contains('月'))
                && (note.contains('前') || note.contains('底') || note.contains("完成"));
            let ongoing =
                ["持续推进", "长期坚持", "持续实施", "长期推进", "持续开展"].contains(&note);
            if deadline || ongoing {
                names.trim()
            } else {
                head
            }
        }
        None => head,
    }
}

/// Whether a clause says its first agency leads.
fn names_lead(content: &str) -> bool {
    content.contains("第一位") && content.contains("牵头")
}

/// A clause's content (without parentheses) → its agencies, if it is one.
fn parse_clause(content: &str) -> Option<Clause> {
    let content = content.trim();
    let lead_note = names_lead(content);
    let mut agencies = None;
    for f in NAME_FIELDS {
        if let Some(rest) = content.strip_prefix(f) {
            let rest = rest.trim_start_matches(['：', ':']);
            let names = rest.split(['；', ';']).next().unwrap_or(rest);
            agencies = Some(split_agencies(names.trim_end_matches('。')));
            break;
        }
    }
    if agencies.is_none() {
        let head = clause_head(content);
        let head = head
            .strip_suffix("负责")
            .or_else(|| head.strip_suffix("负责落实"))?;
        // Each "，" part names someone and their role ("A指导，B负责").
        let mut names = String::with_capacity(head.len());
        for (i, part) in head.split(['，', ',']).enumerate() {
            let mut p = part.trim();
            while let Some(r) = ROLES.iter().find_map(|r| p.strip_suffix(r)) {
                p = r;
            }
            if i > 0 {
                names.push('、');
            }
            names.push_str(p);
        }
        agencies = Some(split_agencies(&names));
    }
    let agencies = agencies.filter(|a| !a.is_empty())?;
    Some(Clause {
        text: content.to_string(),
        lead: if lead_note {
            agencies[0].clone()
        } else {
            String::new()
        },
        agencies,
    })
}

/// Whether a lead note extends to later clauses ("下同").
pub(super) fn lead_applies_later(c: &Clause) -> bool {
    names_lead(&c.text) && c.text.contains("下同")
}

/// A name ends here, so a "和" after it joins two names (财政部和税务总局),
/// while 工业和信息化部, 文化和旅游部 keep theirs.
fn ends_name(s: &str) -> bool {
    [
        "部", "委", "局", "署", "院", "行", "会", "办", "府", "厅", "门", "位", "室", "组", "团",
        "社", "联",
    ]
    .iter()
    .any(|e| s.ends_with(e))
}

/// Splits a list of names on 、 ， ； 及 会同 和; "等有关部门" → 有关部门,
/// "A等和B" → A, B, a bare trailing 等 dropped. Linear in the input.
pub(super) fn split_agencies(s: &str) -> Vec<String> {
    let mut names: Vec<&str> = Vec::new();
    for part in s.split(['、', '，', ',', '；']) {
        for part in part.split("会同") {
            for part in part.split('及') {
                match part.split_once('等') {
                    Some((a, b)) => {
                        split_on_and(a, &mut names);
                        // "等部门和各地区": the class word goes, what 和 adds stays.
                        let b = ["部门", "单位", "机构"]
                            .iter()
                            .find_map(|w| b.strip_prefix(w))
                            .unwrap_or(b);
                        if let Some(b) = b.strip_prefix('和') {
                            split_on_and(b, &mut names);
                        } else if b.starts_with("有关") || b.starts_with("相关") {
                            split_on_and(b, &mut names);
                        }
                    }
                    None => split_on_and(part, &mut names),
                }
            }
        }
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(names.len());
    names
        .into_iter()
        .map(str::trim)
        .filter(|a| !a.is_empty() && seen.insert(a))
        .map(String::from)
        .collect()
}

fn split_on_and<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let mut from = 0;
    for (i, _) in s.match_indices('和') {
        let left = &s[from..i];
        if ends_name(left) && i + '和'.len_utf8() < s.len() {
            out.push(left);
            from = i + '和'.len_utf8();
        }
    }
    out.push(&s[from..]);
}

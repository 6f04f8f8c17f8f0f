//! What the on-disk index keeps of each document, computed once when the
//! document is added or changes: metadata for the list, its measures and who
//! is responsible for them, and the other documents it mentions.

use serde::{Deserialize, Serialize};

use crate::doc::{Document, Item};

/// One document of the library, as the index keeps it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id (see [`super::id`]).
    pub id: String,
    /// The document embedded in the binary (always present, cannot be removed).
    pub builtin: bool,
    /// The file it is stored in (empty for the built-in one).
    pub file: String,
    /// What the file was when this entry was computed: size, mtime (ns) and
    /// SHA-256 of the content. Size and mtime decide cheaply whether to look
    /// again; the hash decides whether anything really changed.
    pub size: u64,
    pub mtime: u64,
    pub hash: String,
    pub title: String,
    /// 文号; empty when none.
    pub number: String,
    pub issuer: String,
    /// ISO 8601; empty when none.
    pub date: String,
    /// How many measures it has.
    pub measures: u32,
    /// Why the file could not be read; such an entry is reported and skipped.
    pub error: Option<String>,
}

/// What only some commands need of a document (tasks, agencies,
/// references), kept apart so listing and searching never decode it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Details {
    pub id: String,
    /// The content hash of the entry these were computed from.
    pub hash: String,
    pub measures: Vec<MeasureInfo>,
    /// Mentions of other documents (by 文号 or 《title》), resolved when listed.
    pub mentions: Vec<Mention>,
}

/// A measure and its responsibility clause.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureInfo {
    /// 1-based, as `zhengce show N`.
    pub ordinal: u32,
    pub label: String,
    pub title: String,
    pub agencies: Vec<String>,
    /// The leading agency, where the document says who leads; `None` when it
    /// does not (then every listed agency is simply responsible).
    pub lead: Option<String>,
}

/// How a document names another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MentionKind {
    /// By 文号 ("国办发〔2019〕6号").
    Number,
    /// By 《title》.
    Title,
}

/// A place where a document names another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub kind: MentionKind,
    /// The 文号 or title as written (without 《》).
    pub text: String,
    /// Child indices from `Document::items` to the item whose `text` holds
    /// it; empty for the document's own metadata text
    /// ([`crate::search::document_text`]).
    pub path: Vec<u32>,
    /// `[start, end)` char offsets of the mention in that text (《》 included).
    pub start: u32,
    pub end: u32,
}

impl Entry {
    /// The entry for a loaded document (file facts are filled by the caller).
    pub fn of(id: &str, doc: &Document) -> Entry {
        Entry {
            id: id.to_string(),
            title: doc.title.clone(),
            number: doc.number.clone(),
            issuer: doc.issuer.clone(),
            date: doc.date.clone(),
            measures: doc.measures().len() as u32,
            ..Entry::default()
        }
    }

    /// A file that could not be read.
    pub fn broken(id: &str, file: &str, error: String) -> Entry {
        Entry {
            id: id.to_string(),
            file: file.to_string(),
            error: Some(error),
            ..Entry::default()
        }
    }

    pub fn measure_count(&self) -> usize {
        self.measures as usize
    }
}

impl Details {
    pub fn of(id: &str, hash: &str, doc: &Document) -> Details {
        Details {
            id: id.to_string(),
            hash: hash.to_string(),
            measures: measures(doc),
            mentions: mentions(doc),
        }
    }
}

/// Phrases by which a document says the first agency of each clause leads.
const FIRST_LEADS: [&str; 4] = [
    "列第一位者为牵头单位",
    "排在第一位的部门为牵头部门",
    "列第一位的为牵头单位",
    "排在第一位的为牵头单位",
];

fn measures(doc: &Document) -> Vec<MeasureInfo> {
    let first_leads = says_first_leads(doc);
    doc.measures()
        .iter()
        .map(|m| MeasureInfo {
            ordinal: m.ordinal as u32,
            label: m.item.label.clone(),
            title: m.item.title.clone(),
            agencies: m.item.agencies.clone(),
            lead: lead_of(m.item, first_leads),
        })
        .collect()
}

fn says_first_leads(doc: &Document) -> bool {
    fn any(items: &[Item]) -> bool {
        items
            .iter()
            .any(|it| FIRST_LEADS.iter().any(|p| it.text.contains(p)) || any(&it.children))
    }
    [&doc.letter, &doc.preamble, &doc.closing]
        .iter()
        .any(|s| FIRST_LEADS.iter().any(|p| s.contains(p)))
        || any(&doc.items)
}

/// Who leads `item`: a `lead` field where the model has one (schema 2 items
/// or their `clauses`), else the first agency where the document says the
/// first listed leads, else an agency written "X牵头" in the text.
fn lead_of(item: &Item, first_leads: bool) -> Option<String> {
    if let Some(l) = model_lead(item) {
        return Some(l);
    }
    if item.agencies.is_empty() {
        return None;
    }
    if first_leads {
        return item.agencies.first().cloned();
    }
    item.agencies
        .iter()
        .find(|a| item.text.contains(&format!("{a}牵头")))
        .cloned()
}

/// A `lead` the importer recorded: on the item, or on one of its `clauses`
/// (a name, or `true` beside the clause's `agencies`). Read through JSON so
/// this compiles against the model with or without those fields.
fn model_lead(item: &Item) -> Option<String> {
    let v = serde_json::to_value(item).ok()?;
    let named = |v: &serde_json::Value| -> Option<String> {
        match v.get("lead")? {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Bool(true) => v
                .get("agencies")?
                .as_array()?
                .first()?
                .as_str()
                .map(str::to_string),
            _ => None,
        }
    };
    named(&v).or_else(|| v.get("clauses")?.as_array()?.iter().find_map(named))
}

fn mentions(doc: &Document) -> Vec<Mention> {
    let mut out = Vec::new();
    scan(&crate::search::document_text(doc), &[], &mut out);
    fn walk(items: &[Item], path: &mut Vec<u32>, out: &mut Vec<Mention>) {
        for (i, it) in items.iter().enumerate() {
            path.push(i as u32);
            scan(&it.text, path, out);
            walk(&it.children, path, out);
            path.pop();
        }
    }
    walk(&doc.items, &mut Vec::new(), &mut out);
    // A document's own 文号 and title are not references.
    let own = super::xref::norm_number(&doc.number);
    out.retain(|m| match m.kind {
        MentionKind::Number => own.is_empty() || !super::xref::norm_number(&m.text).ends_with(&own),
        MentionKind::Title => !same_title(&m.text, &doc.title),
    });
    out
}

/// Finds 《title》 and 文号 mentions in `text`.
fn scan(text: &str, path: &[u32], out: &mut Vec<Mention>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '《'
            && let Some(len) = chars[i + 1..].iter().take(80).position(|&c| c == '》')
        {
            let t: String = chars[i + 1..i + 1 + len].iter().collect();
            if !t.trim().is_empty() {
                out.push(Mention {
                    kind: MentionKind::Title,
                    text: t,
                    path: path.to_vec(),
                    start: i as u32,
                    end: (i + len + 2) as u32,
                });
            }
            i += len + 2;
            continue;
        }
        if let Some((s, e)) = number_at(&chars, i) {
            out.push(Mention {
                kind: MentionKind::Number,
                text: chars[s..e].iter().collect(),
                path: path.to_vec(),
                start: s as u32,
                end: e as u32,
            });
            i = e;
            continue;
        }
        i += 1;
    }
}

/// A 文号 whose year bracket opens at `chars[i]`: up to 10 Chinese
/// characters before it, 〔YYYY〕 (any of 〔[［(（ brackets), digits, 号.
fn number_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(chars[i], '〔' | '[' | '［' | '(' | '（' | '【') {
        return None;
    }
    let year: String = chars.get(i + 1..i + 5)?.iter().collect();
    if !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !matches!(chars.get(i + 5)?, '〕' | ']' | '］' | ')' | '）' | '】') {
        return None;
    }
    let mut e = i + 6;
    while chars.get(e).is_some_and(|c| c.is_ascii_digit()) {
        e += 1;
    }
    if e == i + 6 || chars.get(e) != Some(&'号') {
        return None;
    }
    let mut s = i;
    while s > 0 && i - s < 10 && is_han(chars[s - 1]) {
        s -= 1;
    }
    (s < i).then_some((s, e + 1))
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// Titles compare folded, and 关于印发《X》的通知 names X.
pub fn same_title(mention: &str, title: &str) -> bool {
    let m = title_key(mention);
    !m.is_empty() && m == title_key(title)
}

/// A title as compared: folded, without 关于印发…的通知 and 《》.
pub fn title_key(s: &str) -> String {
    let f = crate::search::fold(s);
    let s = f.strip_prefix("关于印发").unwrap_or(&f);
    let s = s.strip_suffix("的通知").unwrap_or(s);
    s.trim_matches(|c| c == '《' || c == '》').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(MentionKind, String)> {
        let mut out = Vec::new();
        scan(text, &[], &mut out);
        out.into_iter().map(|m| (m.kind, m.text)).collect()
    }

    #[test]
    fn finds_numbers_and_titles() {
        let t = "根据《国务院关于进一步支持小型微型企业健康发展的意见》（国发〔2012〕14号）和国办发[2019]6号，";
        assert_eq!(
            found(t),
            vec![
                (
                    MentionKind::Title,
                    "国务院关于进一步支持小型微型企业健康发展的意见".to_string()
                ),
                (MentionKind::Number, "国发〔2012〕14号".to_string()),
                // Up to ten characters before the bracket: resolution keeps
                // the suffix that is a 文号 of the library.
                (MentionKind::Number, "和国办发[2019]6号".to_string()),
            ]
        );
        assert!(found("（2021年）第3号").is_empty());
        assert!(found("《").is_empty() && found("《》").is_empty());
        assert!(same_title(
            "提升中小企业竞争力若干措施",
            "关于印发提升中小企业竞争力若干措施的通知"
        ));
    }

    #[test]
    fn lead_from_the_document_or_the_clause() {
        // Built from JSON so the test compiles whatever fields Item gains.
        let mut it: Item = serde_json::from_value(serde_json::json!({
            "number": 1, "label": "（一）", "title": "t",
            "text": "做好工作。（财政部牵头，商务部参与负责）",
            "agencies": ["财政部", "商务部"]
        }))
        .unwrap();
        assert_eq!(lead_of(&it, false).as_deref(), Some("财政部"));
        it.text = "做好工作。（财政部、商务部负责）".into();
        assert_eq!(lead_of(&it, false), None);
        assert_eq!(lead_of(&it, true).as_deref(), Some("财政部"));
    }
}

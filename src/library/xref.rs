//! Cross-references: where a document names another one of the library by
//! 文号 or 《title》, so the browser can follow the link and come back.

use serde::Serialize;

use std::collections::HashMap;

use super::catalog::{Mention, MentionKind, same_title, title_key};
use super::{Entry, Library};

/// A mention of another document that is in the library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// The document that names it.
    pub from: String,
    /// The document named.
    pub to: String,
    /// How and where (item path, char range in that item's text).
    pub mention: Mention,
}

/// The mention as it names `e`, narrowed to the 文号 itself (the scan takes
/// up to ten characters before the bracket: "根据乙政发〔2022〕15号").
fn resolves(m: &Mention, e: &Entry) -> Option<Mention> {
    match m.kind {
        MentionKind::Number => {
            let n = norm_number(&e.number);
            let t = norm_number(&m.text);
            if n.is_empty() || !t.ends_with(&n) {
                return None;
            }
            let cut = t.chars().count() - n.chars().count();
            let mut m = m.clone();
            m.text = m.text.chars().skip(cut).collect();
            m.start += cut as u32;
            Some(m)
        }
        MentionKind::Title => same_title(&m.text, &e.title).then(|| m.clone()),
    }
}

/// A 文号 folded, with its year brackets unified (〔〕 [] ［］ () （） 【】).
pub fn norm_number(s: &str) -> String {
    crate::search::fold(s)
        .chars()
        .map(|c| match c {
            '[' | '［' | '(' | '（' | '【' => '〔',
            ']' | '］' | ')' | '）' | '】' => '〕',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl Library {
    /// Every mention, in any document, of another document of the library,
    /// in library order, then document order. Resolved once per open with
    /// lookup tables (文号 suffixes, titles), so a thousand documents cost
    /// milliseconds, not a million comparisons.
    pub fn all_references(&self) -> &[Reference] {
        self.references.get_or_init(|| {
            let mut by_number: HashMap<String, &Entry> = HashMap::new();
            let mut by_title: HashMap<String, &Entry> = HashMap::new();
            for e in &self.entries {
                let n = norm_number(&e.number);
                if !n.is_empty() {
                    by_number.entry(n).or_insert(e);
                }
                let t = title_key(&e.title);
                if !t.is_empty() {
                    by_title.entry(t).or_insert(e);
                }
            }
            let mut out = Vec::new();
            for src in &self.entries {
                let Some(d) = self.details(&src.id) else {
                    continue;
                };
                for m in &d.mentions {
                    let target = match m.kind {
                        MentionKind::Number => {
                            let t = norm_number(&m.text);
                            // The longest suffix that is a 文号 of the library.
                            t.char_indices()
                                .find_map(|(i, _)| by_number.get(&t[i..]).copied())
                        }
                        MentionKind::Title => by_title.get(&title_key(&m.text)).copied(),
                    };
                    let Some(to) = target.filter(|t| t.id != src.id) else {
                        continue;
                    };
                    if let Some(mention) = resolves(m, to) {
                        out.push(Reference {
                            from: src.id.clone(),
                            to: to.id.clone(),
                            mention,
                        });
                    }
                }
            }
            out
        })
    }

    /// The mentions in document `from` of other documents in the library,
    /// in document order.
    pub fn references(&self, from: &str) -> Vec<Reference> {
        self.all_references()
            .iter()
            .filter(|r| r.from == from)
            .cloned()
            .collect()
    }

    /// The documents that mention `to`, in library order, each once.
    pub fn cited_by(&self, to: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.all_references().iter().filter(|r| r.to == to) {
            if !out.contains(&r.from) {
                out.push(r.from.clone());
            }
        }
        out
    }
}

//! Cross-references: where a document names another one of the library by
//! 文号 or 《title》, so the browser can follow the link and come back.

use serde::Serialize;

use super::catalog::{Mention, MentionKind, same_title};
use super::{Entry, Library, id};

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

fn resolves(m: &Mention, e: &Entry) -> bool {
    match m.kind {
        MentionKind::Number => {
            let n = id::from_number(&m.text);
            n.is_some() && n == id::from_number(&e.number)
        }
        MentionKind::Title => same_title(&m.text, &e.title),
    }
}

impl Library {
    /// The mentions in document `from` of other documents in the library,
    /// in document order.
    pub fn references(&self, from: &str) -> Vec<Reference> {
        let Some(src) = self.get(from) else {
            return Vec::new();
        };
        let Some(details) = self.details(from) else {
            return Vec::new();
        };
        details
            .mentions
            .iter()
            .filter_map(|m| {
                let to = self
                    .entries
                    .iter()
                    .find(|e| e.id != src.id && resolves(m, e))?;
                Some(Reference {
                    from: src.id.clone(),
                    to: to.id.clone(),
                    mention: m.clone(),
                })
            })
            .collect()
    }

    /// The documents that mention `to`, in library order.
    pub fn cited_by(&self, to: &str) -> Vec<String> {
        let Some(target) = self.get(to) else {
            return Vec::new();
        };
        self.entries
            .iter()
            .filter(|e| {
                e.id != target.id
                    && self
                        .details(&e.id)
                        .is_some_and(|d| d.mentions.iter().any(|m| resolves(m, target)))
            })
            .map(|e| e.id.clone())
            .collect()
    }
}

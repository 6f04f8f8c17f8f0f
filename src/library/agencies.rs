//! Agencies across the library: how many measures each is responsible for,
//! and an agency's task list, document by document (lead or not, where the
//! document says).

use serde::Serialize;

use crate::doc::agencies::Directory;
use crate::search::Index;

use super::Library;
use super::search::agency_document;

/// An agency's part in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The document names it as leading (牵头).
    Lead,
    /// The document names another agency as leading.
    Co,
    /// The document does not say who leads.
    Responsible,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Co => "co",
            Role::Responsible => "responsible",
        }
    }
}

/// One agency's load across the library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyLoad {
    /// The directory's name for it (variants merged: 工信部 → 工业和信息化部),
    /// or the name as written when the directory does not know it.
    pub name: String,
    /// Measures naming it, across all documents.
    pub measures: usize,
    /// Of those, the ones it leads.
    pub lead: usize,
    /// Documents with at least one of its measures.
    pub documents: usize,
}

/// One line of an agency's task list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// The document: id, 文号, title, date.
    pub id: String,
    pub number: String,
    pub document: String,
    pub date: String,
    /// The measure: ordinal (as `zhengce show N`), label, title.
    pub ordinal: u32,
    pub label: String,
    pub title: String,
    /// The agency as the document names it.
    pub agency: String,
    pub role: Role,
    /// The lead, when the document names one.
    pub lead: Option<String>,
    /// The other agencies of the clause.
    pub others: Vec<String>,
}

fn canonical(name: &str) -> String {
    Directory::embedded()
        .lookup(name)
        .map_or_else(|| name.to_string(), |a| a.name.clone())
}

fn role(agency: &str, lead: Option<&str>) -> Role {
    match lead {
        Some(l) if l == agency => Role::Lead,
        Some(_) => Role::Co,
        None => Role::Responsible,
    }
}

impl Library {
    /// Every agency with its measure count across the library, busiest first
    /// (then by name).
    pub fn agency_loads(&self) -> Vec<AgencyLoad> {
        let mut out: Vec<AgencyLoad> = Vec::new();
        let mut at: std::collections::HashMap<String, usize> = Default::default();
        for e in &self.entries {
            let mut in_doc: std::collections::HashSet<usize> = Default::default();
            let Some(d) = self.details(&e.id) else {
                continue;
            };
            for m in &d.measures {
                let mut in_measure: std::collections::HashSet<usize> = Default::default();
                for a in &m.agencies {
                    let name = canonical(a);
                    let i = *at.entry(name.clone()).or_insert_with(|| {
                        out.push(AgencyLoad {
                            name,
                            measures: 0,
                            lead: 0,
                            documents: 0,
                        });
                        out.len() - 1
                    });
                    if !in_measure.insert(i) {
                        continue;
                    }
                    out[i].measures += 1;
                    if m.lead.as_deref() == Some(a.as_str()) {
                        out[i].lead += 1;
                    }
                    if in_doc.insert(i) {
                        out[i].documents += 1;
                    }
                }
            }
        }
        out.sort_by(|a, b| b.measures.cmp(&a.measures).then(a.name.cmp(&b.name)));
        out
    }

    /// The measures of the agencies `a:X` selects (short, full, English
    /// name, abbreviation, pinyin; successors find predecessors), document
    /// by document in library order, then in document order.
    pub fn tasks(&self, agency: &str) -> Vec<Task> {
        let names = self.agency_names();
        let index = Index::new(&agency_document(&names));
        let value = crate::search::fold(agency).replace('"', "");
        let selected: std::collections::HashSet<String> = index
            .search(&format!("a:\"{value}\""), usize::MAX)
            .unwrap_or_default()
            .iter()
            .filter_map(|h| names.get(*h.path.first()?).cloned())
            .collect();
        let mut out = Vec::new();
        for e in &self.entries {
            let Some(d) = self.details(&e.id) else {
                continue;
            };
            for m in &d.measures {
                let Some(a) = m.agencies.iter().find(|a| selected.contains(*a)) else {
                    continue;
                };
                out.push(Task {
                    id: e.id.clone(),
                    number: e.number.clone(),
                    document: e.title.clone(),
                    date: e.date.clone(),
                    ordinal: m.ordinal,
                    label: m.label.clone(),
                    title: m.title.clone(),
                    agency: a.clone(),
                    role: role(a, m.lead.as_deref()),
                    lead: m.lead.clone(),
                    others: m.agencies.iter().filter(|x| *x != a).cloned().collect(),
                });
            }
        }
        out
    }
}

//! Search across the library: `d:X` narrows to documents (by 文号, title
//! words, pinyin, id), the rest of the query goes unchanged to the search
//! engine of [`crate::search`], run once over the library's one index (see
//! [`super::engine`]): its tiers, widening and ranking work across all
//! documents as within one (a guess is offered only when no document has
//! the words asked for), ties in library order.

use crate::doc::{Document, Item};
use crate::search::{Hit, HitKind, Index, QueryError, fold, parse_query};

use super::{Entry, Library};

/// A hit and the document it comes from.
#[derive(Debug, Clone)]
pub struct DocHit {
    /// The document's id ([`Library::load`] opens it).
    pub id: String,
    /// The hit in that document (paths, char offsets and ordinals refer to
    /// that document as [`Library::load`] gives it).
    pub hit: Hit,
}

/// A hit, for [`Library::search_with`].
pub struct Found<'a> {
    pub entry: &'a Entry,
    /// The library's index: [`Index::heading`] and [`Index::snippet`] of
    /// `hit` work without loading the document.
    pub index: &'a Index,
    pub hit: &'a Hit,
}

/// A query split into its `d:` part and the rest.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Narrowed {
    /// The `d:` values, folded, as one engine query over the documents'
    /// titles, 文号, issuers and ids.
    pub docs: Option<String>,
    /// The rest, for the engine, as typed.
    pub rest: String,
}

/// Splits `d:X` tokens (`d:"two words"` too, and full-width `ｄ：`) off a
/// query; everything else is kept verbatim for the engine.
pub fn narrow(query: &str) -> Narrowed {
    let mut docs: Vec<String> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    for tok in tokens(query) {
        let f = fold(&tok);
        match f.strip_prefix("d:") {
            Some(v) => {
                let v = v.trim_matches(|c| c == '"' || c == '“' || c == '”');
                if !v.trim().is_empty() {
                    docs.push(if v.contains(' ') {
                        format!("\"{v}\"")
                    } else {
                        v.to_string()
                    });
                }
            }
            None => rest.push(tok),
        }
    }
    Narrowed {
        docs: (!docs.is_empty()).then(|| docs.join(" ")),
        rest: rest.join(" "),
    }
}

/// Whitespace-separated tokens; a double-quoted run (ASCII or “”) stays one token.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' | '“' | '”' => {
                quoted = !quoted;
                cur.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A stand-in document with one measure per library entry (title, and in
/// the text 文号, issuer, date and id), so `d:X` matches documents with the
/// engine's own rules: exact, pinyin, then fuzzy.
fn directory_document(entries: &[&Entry]) -> Document {
    let items = entries
        .iter()
        .map(|e| Item {
            number: 1,
            label: "（1）".into(),
            title: e.title.clone(),
            text: format!(
                "{}\n{}\n{}\n{}\n{}",
                e.title, e.number, e.issuer, e.date, e.id
            ),
            ..Item::default()
        })
        .collect();
    Document {
        schema: 1,
        items,
        ..Document::default()
    }
}

impl Library {
    /// The entries `d:X` selects (`query` is the `d:` part of [`narrow`]),
    /// best match first.
    pub fn narrow_documents(&self, query: &str) -> Result<Vec<&Entry>, QueryError> {
        Ok(self
            .narrow_positions(query)?
            .into_iter()
            .map(|i| &self.entries[i])
            .collect())
    }

    /// As [`Library::narrow_documents`], as positions in
    /// [`Library::entries`] (which are documents' positions in the index).
    fn narrow_positions(&self, query: &str) -> Result<Vec<usize>, QueryError> {
        let all: Vec<&Entry> = self.entries.iter().collect();
        let doc = directory_document(&all);
        let hits = Index::new(&doc).search(query, usize::MAX)?;
        let mut seen = vec![false; all.len()];
        let mut out = Vec::new();
        for h in hits {
            if h.kind != HitKind::Measure {
                continue;
            }
            if let Some(&i) = h.path.first()
                && i < all.len()
                && !seen[i]
            {
                seen[i] = true;
                out.push(i);
            }
        }
        Ok(out)
    }

    /// Searches the library; at most `limit` hits, best first (tier, score,
    /// then library order, then document order). `d:X` alone lists the
    /// documents it selects, as document hits.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<DocHit>, QueryError> {
        self.search_with(query, limit, |f| DocHit {
            id: f.entry.id.clone(),
            hit: f.hit.clone(),
        })
    }

    /// As [`Library::search`], calling `f` on each hit (for snippets,
    /// labels, JSON; on two threads when there are many) and returning what
    /// it made.
    pub fn search_with<T: Send>(
        &self,
        query: &str,
        limit: usize,
        f: impl Fn(&Found) -> T + Sync,
    ) -> Result<Vec<T>, QueryError> {
        let n = narrow(query);
        let q = parse_query(&n.rest)?;
        if limit == 0 || (q.is_empty() && n.docs.is_none()) {
            return Ok(Vec::new());
        }
        let chosen = match &n.docs {
            Some(d) => Some(self.narrow_positions(d)?),
            None => None,
        };
        let index = self.engine();
        let one = |h: &Hit, visit: &mut crate::search::Visit| {
            visit.hit(h);
            let e = self.entries.get(h.doc)?;
            Some(f(&Found {
                entry: e,
                index,
                hit: h,
            }))
        };
        if q.is_empty() {
            // `d:X` alone: the documents, best match first.
            let mut visit = index.visit();
            return Ok(chosen
                .iter()
                .flatten()
                .filter_map(|&i| index.document_hit(i))
                .take(limit)
                .filter_map(|h| one(&h, &mut visit))
                .collect());
        }
        let scope = chosen.map(|c| {
            let mut s = vec![false; self.entries.len()];
            for i in c {
                s[i] = true;
            }
            s
        });
        // Each hit made into what `f` makes as soon as it is built, in
        // record order (one pass over the texts; see `Index::set_frugal`),
        // given back in rank order.
        let (_, made) =
            index.search_map(&n.rest, limit, scope.as_deref(), |h, visit| one(&h, visit))?;
        if index.damaged() && self.repaired.get().is_none() {
            // Part of the stored index read as empty: search again on
            // the index put together anew.
            self.repair();
            return self.search_with(query, limit, f);
        }
        // In place (`flatten` would make a second list).
        #[allow(clippy::filter_map_identity)]
        Ok(made
            .into_iter()
            .filter_map(std::convert::identity)
            .collect())
    }

    /// Every agency name written in the library, once, in first-seen order.
    pub fn agency_names(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for e in &self.entries {
            let Some(d) = self.details(&e.id) else {
                continue;
            };
            for m in &d.measures {
                for a in &m.agencies {
                    if seen.insert(a.as_str()) {
                        out.push(a.clone());
                    }
                }
            }
        }
        out
    }
}

/// A stand-in document with one measure per agency name, so `a:X` selects
/// names with the engine's rules (spellings, pinyin, successors).
pub(crate) fn agency_document(names: &[String]) -> Document {
    let items: Vec<Item> = names
        .iter()
        .filter_map(|n| {
            serde_json::from_value(serde_json::json!({
                "number": 1, "label": "（1）", "title": n, "text": n, "agencies": [n]
            }))
            .ok()
        })
        .collect();
    let mut d: Document = serde_json::from_value(serde_json::json!({"schema": 1, "title": ""}))
        .unwrap_or_else(|_| Document::embedded());
    d.items = items;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_splits_d_tokens() {
        let n = narrow("融资 d:2021 !银行 d:\"专精 特新\" ｄ：gxb");
        assert_eq!(n.rest, "融资 !银行");
        assert_eq!(n.docs.as_deref(), Some("2021 \"专精 特新\" gxb"));
        assert_eq!(narrow("融资").docs, None);
        assert_eq!(narrow("d:").docs, None);
    }
}

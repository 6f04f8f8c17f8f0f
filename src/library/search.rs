//! Search across the library: `d:X` narrows to documents (by 文号, title
//! words, pinyin, id), the rest of the query goes unchanged to the search
//! engine of [`crate::search`], run on each document that can match (see
//! [`super::prefilter`]), and the hits are merged, best first.
//!
//! Fuzzy matching across documents: the engine falls back to fuzzy matching
//! per document when nothing in *that* document matches exactly or in pinyin;
//! across the library a fuzzy hit is kept only when no document has an exact
//! or pinyin hit, as within one document.

use crate::doc::{Document, Item};
use crate::search::{Hit, HitKind, Index, QueryError, Tier, fold, parse_query};

use super::prefilter::{Facts, Pinyin};
use super::record::{DocView, Pruned};
use super::{Entry, Library};

/// A hit and the document it comes from.
#[derive(Debug, Clone)]
pub struct DocHit {
    /// The document's id ([`Library::load`] opens it).
    pub id: String,
    /// The hit in that document, as the engine reports it (paths, char
    /// offsets and ordinals refer to that document).
    pub hit: Hit,
}

/// A hit while its document is loaded, for [`Library::search_with`].
pub struct Found<'a> {
    pub entry: &'a Entry,
    /// The document as searched (its search copy, possibly without the
    /// items that could not match): `hit` refers to it, `index` is its index.
    pub doc: &'a Document,
    pub index: &'a Index,
    pub hit: &'a Hit,
    /// The same hit in the whole document (as [`Library::load`] gives it):
    /// the path and ordinal to open it at.
    pub whole: Hit,
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
    let items: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "number": 1, "label": "（1）", "title": e.title,
                "text": format!("{}\n{}\n{}\n{}\n{}", e.title, e.number, e.issuer, e.date, e.id),
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({"schema": 1, "title": "", "items": items}))
        .unwrap_or_else(|_| Document::embedded())
}

impl Library {
    /// The entries `d:X` selects (`query` is the `d:` part of [`narrow`]),
    /// best match first.
    pub fn narrow_documents(&self, query: &str) -> Result<Vec<&Entry>, QueryError> {
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
                out.push(all[i]);
            }
        }
        Ok(out)
    }

    /// Searches the library; at most `limit` hits, best first (tier, score,
    /// then library order, then the engine's order within a document).
    /// `d:X` alone lists the documents it selects, as document hits.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<DocHit>, QueryError> {
        self.search_with(query, limit, |f| f.whole.clone())
            .map(|v| v.into_iter().map(|(id, hit)| DocHit { id, hit }).collect())
    }

    /// As [`Library::search`], calling `f` on each kept hit while its
    /// document and index are loaded (for snippets, labels, JSON) and
    /// returning what it made, with the document's id.
    pub fn search_with<T: Send>(
        &self,
        query: &str,
        limit: usize,
        f: impl Fn(&Found) -> T + Sync,
    ) -> Result<Vec<(String, T)>, QueryError> {
        let n = narrow(query);
        let q = parse_query(&n.rest)?;
        if limit == 0 || (q.is_empty() && n.docs.is_none()) {
            return Ok(Vec::new());
        }
        let scope: Vec<&Entry> = match &n.docs {
            Some(d) => self.narrow_documents(d)?,
            None => self.entries.iter().collect(),
        };
        if q.is_empty() {
            return Ok(self.document_hits(&scope, limit, &f));
        }
        let (candidates, prune) = self.candidates(&scope, &q);
        let order = |e: &Entry| self.position(&e.id).unwrap_or(usize::MAX);
        let facts = self.facts();
        // The scan touched every document's text: give those pages back.
        if let Some(f) = facts.values().next() {
            f.haystack.release_all();
            f.han.release_all();
        }
        // One document: its search copy (items that cannot match left blank),
        // the engine's index and hits, and `f` on each.
        let one = |e: &Entry| -> Vec<Ranked<T>> {
            let fe = facts.get(&e.id);
            let copy = self.search_copy(e, fe, prune.as_ref());
            if let Some(f) = fe {
                f.haystack.release();
                f.rec.release();
            }
            let Some((doc, pruned)) = copy else {
                return Vec::new();
            };
            let index = Index::new(&doc);
            let Ok(hits) = index.search(&n.rest, limit) else {
                return Vec::new();
            };
            hits.iter()
                .enumerate()
                .map(|(i, h)| Ranked {
                    tier: h.tier,
                    score: h.score,
                    doc: order(e),
                    nth: i,
                    id: e.id.clone(),
                    value: f(&Found {
                        entry: e,
                        doc: &doc,
                        index: &index,
                        hit: h,
                        whole: pruned.as_ref().map_or_else(|| h.clone(), |p| p.whole(h)),
                    }),
                })
                .collect()
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
            .min(candidates.len().max(1));
        let work = |k: usize| -> Vec<Ranked<T>> {
            candidates
                .iter()
                .skip(k)
                .step_by(threads)
                .flat_map(|e| one(e))
                .collect()
        };
        let mut all: Vec<Ranked<T>> = if threads <= 1 {
            work(0)
        } else {
            std::thread::scope(|s| {
                let hs: Vec<_> = (0..threads).map(|k| s.spawn(move || work(k))).collect();
                hs.into_iter()
                    .flat_map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        if all.iter().any(|h| h.tier != Tier::Fuzzy) {
            all.retain(|h| h.tier != Tier::Fuzzy);
        }
        all.sort_by(|a, b| {
            a.tier
                .cmp(&b.tier)
                .then(b.score.cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
                .then(a.nth.cmp(&b.nth))
        });
        all.truncate(limit);
        Ok(all.into_iter().map(|h| (h.id, h.value)).collect())
    }

    /// The document as the engine should see it: decoded from the index's
    /// search copy (else loaded), without the items that cannot match (and
    /// then where its items are in the whole document), or with them blank
    /// when leaving them out would change the measures' numbering.
    fn search_copy(
        &self,
        e: &Entry,
        facts: Option<&Facts>,
        prune: Option<&Prune>,
    ) -> Option<(Document, Option<Pruned>)> {
        let whole = || self.load_entry(e).ok().map(|d| (d, None));
        let Some(f) = facts else {
            return whole();
        };
        let Some(view) = DocView::decode(&f.rec) else {
            return whole();
        };
        let Some(p) = prune else {
            return view
                .into_rec(&|_, _, _| true)
                .map(|(rec, _)| (rec.into_document(&|_, _| true), None));
        };
        let Some((rec, flags)) =
            view.into_rec(&|i, ordinal, agencies| p.keeps(f, i, ordinal, agencies))
        else {
            return whole();
        };
        // `#N` counts measures: leaving items out would renumber them, so
        // the items that cannot match are only blank (they are in `rec`).
        if p.measure.is_some() {
            return Some((rec.into_document(&|_, _| true), None));
        }
        let kept = |i: usize, _: &[String]| flags.get(i).copied().unwrap_or(true);
        match rec.pruned(&kept) {
            Some((d, map)) => Some((d, Some(map))),
            // Rare: leaving items out would renumber the measures; the items
            // that cannot match are blank in `rec` already.
            None => Some((rec.into_document(&|_, _| true), None)),
        }
    }

    /// The documents themselves as hits (a query of `d:X` alone).
    fn document_hits<T>(
        &self,
        scope: &[&Entry],
        limit: usize,
        f: &impl Fn(&Found) -> T,
    ) -> Vec<(String, T)> {
        scope
            .iter()
            .take(limit)
            .filter_map(|e| {
                let doc = self.load_entry(e).ok()?;
                let index = Index::new(&doc);
                let hit = Hit {
                    kind: HitKind::Document,
                    path: Vec::new(),
                    ordinal: None,
                    score: 0,
                    tier: Tier::Exact,
                    field: crate::search::Field::Meta,
                    title_matches: Vec::new(),
                    text_matches: Vec::new(),
                    agency_matches: Vec::new(),
                    jump: false,
                    approximate: false,
                };
                Some((
                    e.id.clone(),
                    f(&Found {
                        entry: e,
                        doc: &doc,
                        index: &index,
                        hit: &hit,
                        whole: hit.clone(),
                    }),
                ))
            })
            .collect()
    }

    /// The entries of `scope` that can match `q`, in library order, and how
    /// to prune their items (when every positive term must match exactly).
    fn candidates<'a>(
        &self,
        scope: &[&'a Entry],
        q: &crate::search::Query,
    ) -> (Vec<&'a Entry>, Option<Prune>) {
        let facts = self.facts();
        let selected = self.agency_selection(q);
        let terms: Vec<(String, Option<Pinyin>)> = q
            .terms
            .iter()
            .map(|t| {
                let p = if t.phrase { None } else { Pinyin::new(&t.text) };
                (t.text.clone(), p)
            })
            .collect();
        let exact_or_pinyin = |f: &Facts, (text, p): &(String, Option<Pinyin>)| match p {
            Some(p) => f.may_match(p, text),
            None => f.contains(text),
        };
        // A term nothing matches exactly or in pinyin anywhere may still match
        // fuzzily: then any document with its Chinese characters is a candidate.
        let fuzzy: Vec<bool> = terms
            .iter()
            .map(|t| {
                !scope
                    .iter()
                    .filter_map(|e| facts.get(&e.id))
                    .any(|f| exact_or_pinyin(f, t))
            })
            .collect();
        // Items can be skipped when no positive term may need the fuzzy
        // fallback: an item is kept when each term occurs in its text or
        // agencies, verbatim or (a term of letters) possibly in pinyin.
        // Terms prune items only when none may need the fuzzy fallback.
        // The engine widens terms per document (thesaurus words, compound
        // splits, number forms, agency aliases, homophones, fuzzy pinyin), so
        // a document or item without a verbatim or pinyin occurrence can still
        // match: terms neither skip documents nor prune items until this
        // prefilter knows those rules (a:, #N and d: still narrow).
        let widened = true;
        let by_terms = !widened && !terms.is_empty() && !fuzzy.iter().any(|&f| f);
        let prune = (by_terms || selected.is_some() || q.measure.is_some()).then(|| Prune {
            terms: if by_terms {
                q.terms
                    .iter()
                    .map(|t| {
                        let p = if t.phrase { None } else { Pinyin::new(&t.text) };
                        (t.text.clone(), p)
                    })
                    .collect()
            } else {
                Vec::new()
            },
            selected: selected.clone().map(|v| {
                v.into_iter()
                    .map(|names| names.into_iter().collect())
                    .collect()
            }),
            measure: q.measure,
            agencies: Default::default(),
        });
        let kept = scope
            .iter()
            .filter(|e| {
                if q.measure.is_some_and(|m| m > e.measure_count()) {
                    return false;
                }
                if let Some(sel) = &selected
                    && !sel.iter().all(|names| {
                        self.details(&e.id).is_none_or(|d| {
                            d.measures
                                .iter()
                                .any(|m| m.agencies.iter().any(|a| names.contains(a)))
                        })
                    })
                {
                    return false;
                }
                // Facts missing (unreadable document): let the engine decide.
                let Some(f) = facts.get(&e.id) else {
                    return true;
                };
                let can = widened
                    || terms.iter().zip(&fuzzy).all(|(t, &fz)| {
                        if fz {
                            f.has_chars(&t.0)
                        } else {
                            exact_or_pinyin(f, t)
                        }
                    });
                // Scanned: its pages can go (read back if it is searched).
                f.haystack.release();
                can
            })
            .copied()
            .collect();
        (kept, prune)
    }

    /// For each `a:X` of the query, the agency names (as written in the
    /// documents) it selects, with the engine's own rules; `None` without `a:`.
    fn agency_selection(&self, q: &crate::search::Query) -> Option<Vec<Vec<String>>> {
        if q.agencies.is_empty() {
            return None;
        }
        let names = self.agency_names();
        let doc = agency_document(&names);
        let index = Index::new(&doc);
        Some(
            q.agencies
                .iter()
                .map(|a| {
                    let quoted = format!("a:\"{a}\"");
                    index
                        .search(&quoted, usize::MAX)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|h| names.get(*h.path.first()?).cloned())
                        .collect()
                })
                .collect(),
        )
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

/// Which items can match: for every positive term, its folded title and
/// text hold the term or could spell it in pinyin, or one of its agencies
/// answers to it (spellings as the engine knows them).
pub(crate) struct Prune {
    terms: Vec<(String, Option<Pinyin>)>,
    /// `a:X` values: each selects these agency names (as written).
    selected: Option<Vec<std::collections::HashSet<String>>>,
    /// `#N`: only that measure.
    measure: Option<usize>,
    /// Per agency name: which terms it answers to (bit per term).
    agencies: std::sync::Mutex<std::collections::HashMap<String, u64>>,
}

impl Prune {
    fn agency_bits(&self, name: &str) -> u64 {
        let mut cache = self.agencies.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(&b) = cache.get(name) {
            return b;
        }
        let mut spellings = vec![fold(name)];
        if let Some(a) = crate::doc::agencies::Directory::embedded().lookup(name) {
            spellings.extend(a.spellings().chain([a.english_name.as_str()]).map(fold));
        }
        let pairs: Vec<Vec<u64>> = spellings
            .iter()
            .map(|s| super::prefilter::pairs_of(s))
            .collect();
        let bits = self
            .terms
            .iter()
            .enumerate()
            .filter(|(_, (t, p))| {
                spellings.iter().zip(&pairs).any(|(s, pw)| {
                    s.contains(t.as_str())
                        || p.as_ref().is_some_and(|p| {
                            p.spelt_by(&|a, b| {
                                let bit = (a - b'a') as usize * 26 + (b - b'a') as usize;
                                pw[bit / 64] & (1 << (bit % 64)) != 0
                            })
                        })
                })
            })
            .fold(0u64, |b, (i, _)| b | (1 << (i % 64)));
        cache.insert(name.to_string(), bits);
        bits
    }

    fn keeps(&self, f: &Facts, item: usize, ordinal: u32, agencies: &[String]) -> bool {
        if self.measure.is_some_and(|m| m != ordinal as usize) {
            return false;
        }
        if let Some(sel) = &self.selected
            && !sel
                .iter()
                .all(|names| agencies.iter().any(|a| names.contains(a)))
        {
            return false;
        }
        let from_agencies = agencies.iter().fold(0u64, |b, a| b | self.agency_bits(a));
        let text = f.item_text(item);
        self.terms.iter().enumerate().all(|(i, (t, p))| {
            from_agencies & (1 << (i % 64)) != 0
                || memchr::memmem::find(text, t.as_bytes()).is_some()
                || p.as_ref().is_some_and(|p| f.item_may_spell(item, p))
        })
    }
}

/// One hit on its way to the merged list.
struct Ranked<T> {
    tier: Tier,
    score: i64,
    /// The document's position in the library, and the hit's in the document.
    doc: usize,
    nth: usize,
    id: String,
    value: T,
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

//! The index and the query evaluation: records, tiered per-term matching,
//! ranking, highlights.

use std::collections::HashMap;
use std::ops::Range;

use crate::doc::Document;
use crate::doc::agencies::Directory;
use crate::doc::{Item, LabelStyle};

use super::agency::Agencies;
use super::fuzzy::Fuzzy;
use super::normalize::{fold_into, to_orig};
use super::query::{self, QueryError, Term};
use super::{Field, Hit, HitKind, Snippet, Tier, document_text, exact, pinyin, snippet};

/// A searchable unit: the document's metadata, a section or a measure, with
/// its title and text folded once at build time.
struct Record {
    kind: HitKind,
    path: Vec<usize>,
    ordinal: Option<usize>,
    /// Where its texts live: `chunks[chunk]`.
    chunk: usize,
    /// The original text (for snippets): bytes in the chunk's `orig`.
    text: Range<usize>,
    /// Folded title and text: chars in the chunk's `folded`.
    title: Range<usize>,
    body: Range<usize>,
    title_map: Option<Box<[u32]>>,
    body_map: Option<Box<[u32]>>,
    /// Agency entry ids, in the item's order.
    agencies: Vec<u32>,
    /// Chars at the start of `text` that repeat the title (and its "。"):
    /// where a snippet without a body match starts.
    title_prefix: usize,
}

/// Texts of a run of records, stored contiguously: a 5 MB corpus is a few
/// large allocations, not tens of thousands, and folds on several threads.
#[derive(Default)]
struct Chunk {
    orig: String,
    folded: Vec<char>,
}

/// What matching sees of a record.
struct View<'a> {
    kind: HitKind,
    title: &'a [char],
    body: &'a [char],
    agencies: &'a [u32],
}

/// A record before its texts are folded.
struct Pending<'a> {
    kind: HitKind,
    path: Vec<usize>,
    ordinal: Option<usize>,
    title: &'a str,
    text: &'a str,
    agencies: Vec<u32>,
}

/// The search index of one document. Built once; queries allocate only
/// their results. `Send + Sync`.
pub struct Index {
    records: Vec<Record>,
    chunks: Vec<Chunk>,
    agencies: Agencies,
}

/// Corpora smaller than this are folded on the calling thread.
const PARALLEL_BYTES: usize = 1 << 20;

/// One term's match in one record, at the term's best tier there.
#[derive(Debug)]
struct TermHit {
    tier: Tier,
    field: Field,
    /// Chars covered by the most compact match in `field`.
    spread: usize,
    fuzzy_score: i64,
    /// Folded char ranges.
    title: Vec<Range<usize>>,
    body: Vec<Range<usize>>,
    agencies: Vec<usize>,
}

struct Candidate {
    rec: usize,
    terms: Vec<TermHit>,
    /// Agencies selected by `a:` (indices into the item's agencies).
    selected: Vec<usize>,
}

fn field_rank(f: Field) -> i64 {
    match f {
        Field::Title => 0,
        Field::Agency => 1,
        Field::Body => 2,
        Field::Meta => 3,
    }
}

fn tier_rank(t: Tier) -> i64 {
    t as i64
}

impl Index {
    /// Indexes `doc` with the embedded agency directory.
    pub fn new(doc: &Document) -> Index {
        Index::with_directory(doc, Directory::embedded())
    }

    /// Indexes `doc`, resolving agency names with `dir`.
    pub fn with_directory(doc: &Document, dir: &'static Directory) -> Index {
        let mut agencies = Agencies::new(dir);
        let meta = document_text(doc);
        let pending = vec![Pending {
            kind: HitKind::Document,
            path: Vec::new(),
            ordinal: None,
            title: &doc.title,
            text: &meta,
            agencies: Vec::new(),
        }];
        let mut c = Collector {
            style: doc.measure_style(),
            ordinal: 0,
            path: Vec::new(),
            agencies: &mut agencies,
            styles: HashMap::new(),
            out: pending,
        };
        c.items(&doc.items, false);
        let mut pending = c.out;
        let n_records = pending.len();
        // Fold in contiguous runs of about equal size, one per thread.
        let total: usize = pending.iter().map(|p| p.text.len() + p.title.len()).sum();
        let threads = if total < PARALLEL_BYTES {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
        };
        let mut runs: Vec<Vec<Pending>> = Vec::new();
        for t in (1..=threads).rev() {
            let target = pending.iter().map(|p| p.text.len()).sum::<usize>() / t;
            let mut acc = 0;
            let cut = pending
                .iter()
                .position(|p| {
                    acc += p.text.len();
                    acc > target
                })
                .map_or(pending.len(), |i| i + 1);
            let tail = pending.split_off(cut.min(pending.len()));
            runs.push(std::mem::replace(&mut pending, tail));
        }
        let folded: Vec<(Chunk, Vec<Record>)> = if runs.len() == 1 {
            runs.into_iter().map(|r| fold_run(r, 0)).collect()
        } else {
            std::thread::scope(|sc| {
                let handles: Vec<_> = runs
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| sc.spawn(move || fold_run(r, i)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        let mut idx = Index {
            records: Vec::with_capacity(n_records),
            chunks: Vec::with_capacity(folded.len()),
            agencies,
        };
        for (chunk, records) in folded {
            idx.chunks.push(chunk);
            idx.records.extend(records);
        }
        idx
    }

    fn view(&self, ri: usize) -> View<'_> {
        let r = &self.records[ri];
        let c = &self.chunks[r.chunk];
        View {
            kind: r.kind,
            title: &c.folded[r.title.clone()],
            body: &c.folded[r.body.clone()],
            agencies: &r.agencies,
        }
    }

    fn text(&self, r: &Record) -> &str {
        &self.chunks[r.chunk].orig[r.text.clone()]
    }

    /// Ranked hits, best first, at most `limit`. A blank query gives none.
    /// Never panics.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, QueryError> {
        let q = query::parse(query)?;
        if q.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // Filters and bare exclusions list measures, not headings or metadata.
        let filtered = !q.agencies.is_empty() || q.measure.is_some() || q.terms.is_empty();
        let selections: Vec<Vec<bool>> =
            q.agencies.iter().map(|a| self.agencies.select(a)).collect();
        let mut cands: Vec<Candidate> = Vec::new();
        'records: for (ri, r) in self.records.iter().enumerate() {
            if filtered && r.kind != HitKind::Measure {
                continue;
            }
            if q.measure.is_some() && r.ordinal != q.measure {
                continue;
            }
            let mut selected = Vec::new();
            for sel in &selections {
                let before = selected.len();
                selected.extend(
                    r.agencies
                        .iter()
                        .enumerate()
                        .filter(|(_, id)| sel[**id as usize])
                        .map(|(i, _)| i),
                );
                if selected.len() == before {
                    continue 'records;
                }
            }
            cands.push(Candidate {
                rec: ri,
                terms: Vec::new(),
                selected,
            });
        }
        for t in &q.excludes {
            let ct = Compiled::new(t, &self.agencies);
            cands.retain(|c| ct.eval(&self.view(c.rec)).is_none());
        }
        for t in &q.terms {
            if cands.is_empty() {
                break;
            }
            let mut ct = Compiled::new(t, &self.agencies);
            let mut hits: Vec<Option<TermHit>> =
                cands.iter().map(|c| ct.eval(&self.view(c.rec))).collect();
            // Fuzzy only for a term nothing matches exactly or in pinyin.
            if !t.phrase && hits.iter().all(Option::is_none) && ct.enable_fuzzy(&self.agencies) {
                hits = cands
                    .iter()
                    .map(|c| ct.eval_fuzzy(&self.view(c.rec)))
                    .collect();
            }
            cands = cands
                .into_iter()
                .zip(hits)
                .filter_map(|(mut c, h)| {
                    c.terms.push(h?);
                    Some(c)
                })
                .collect();
        }
        let mut ranked: Vec<(Tier, i64, usize, Candidate)> = cands
            .into_iter()
            .map(|c| {
                let (tier, score) = rank(&c, !q.agencies.is_empty());
                (tier, score, c.rec, c)
            })
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        ranked.truncate(limit);
        Ok(ranked
            .into_iter()
            .map(|(tier, score, _, c)| self.hit(tier, score, c, !q.agencies.is_empty()))
            .collect())
    }

    fn hit(&self, tier: Tier, score: i64, c: Candidate, by_agency: bool) -> Hit {
        let r = &self.records[c.rec];
        let v = self.view(c.rec);
        let mut title = Vec::new();
        let mut body = Vec::new();
        let mut agencies = c.selected.clone();
        let mut named = c.selected.clone();
        for t in &c.terms {
            title.extend(t.title.iter().cloned());
            body.extend(t.body.iter().cloned());
            agencies.extend(&t.agencies);
            if t.body.is_empty() {
                // Matched through another spelling (pboc): show the clause name.
                named.extend(&t.agencies);
            }
        }
        for &a in &named {
            let name = &self.agencies.entries[r.agencies[a] as usize].name.chars;
            body.extend(exact::find_all(v.body, name));
        }
        agencies.sort_unstable();
        agencies.dedup();
        let field = c
            .terms
            .iter()
            .map(|t| t.field)
            .max_by_key(|f| field_rank(*f))
            .unwrap_or(if by_agency {
                Field::Agency
            } else {
                Field::Title
            });
        Hit {
            kind: r.kind,
            path: r.path.clone(),
            ordinal: r.ordinal,
            score,
            tier,
            field,
            title_matches: merge(
                title
                    .into_iter()
                    .map(|x| to_orig(r.title_map.as_deref(), x))
                    .collect(),
            ),
            text_matches: merge(
                body.into_iter()
                    .map(|x| to_orig(r.body_map.as_deref(), x))
                    .collect(),
            ),
            agency_matches: agencies,
        }
    }

    /// A one-line snippet of the hit's text around its first body match (or
    /// the text after the title when there is none), at most `max_width`
    /// display cells, cut with "…" on either side, with highlight ranges.
    pub fn snippet(&self, hit: &Hit, max_width: usize) -> Snippet {
        // Items are indexed in document order, which is the paths' lexicographic order.
        let rec = match hit.kind {
            HitKind::Document => Some(0),
            _ => self.records[1..]
                .binary_search_by(|r| r.path.as_slice().cmp(&hit.path))
                .ok()
                .map(|i| i + 1),
        };
        let Some(r) = rec.and_then(|i| self.records.get(i)) else {
            return Snippet::default();
        };
        let text = self.text(r);
        let n = text.chars().count();
        let focus = hit
            .text_matches
            .iter()
            .find(|m| m.start >= r.title_prefix)
            .or(hit.text_matches.first())
            .cloned()
            .unwrap_or(if r.title_prefix < n {
                r.title_prefix..n
            } else {
                0..n
            });
        snippet::around(text, focus, &hit.text_matches, max_width)
    }

    /// Number of records (document + sections + measures + sub-items).
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Never true: the document itself is always a record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// Walks the items in document order, numbering measures as
/// [`Document::measures`] does (by label style).
struct Collector<'a, 'd> {
    style: LabelStyle,
    ordinal: usize,
    path: Vec<usize>,
    agencies: &'d mut Agencies,
    styles: HashMap<&'a str, bool>,
    out: Vec<Pending<'a>>,
}

impl<'a> Collector<'a, '_> {
    fn items(&mut self, items: &'a [Item], in_measure: bool) {
        for (i, it) in items.iter().enumerate() {
            self.path.push(i);
            let (kind, ord) = if in_measure {
                (HitKind::Measure, None)
            } else if is_measure(&it.label, &self.style, &mut self.styles) {
                self.ordinal += 1;
                (HitKind::Measure, Some(self.ordinal))
            } else {
                (HitKind::Section, None)
            };
            let agencies = it
                .agencies
                .iter()
                .map(|a| self.agencies.intern(a))
                .collect();
            self.out.push(Pending {
                kind,
                path: self.path.clone(),
                ordinal: ord,
                title: &it.title,
                text: &it.text,
                agencies,
            });
            self.items(&it.children, kind == HitKind::Measure);
            self.path.pop();
        }
    }
}

/// Whether `label` is in the measures' style (labels repeat: cached).
fn is_measure<'a>(label: &'a str, style: &LabelStyle, cache: &mut HashMap<&'a str, bool>) -> bool {
    *cache
        .entry(label)
        .or_insert_with(|| LabelStyle::of(label) == *style)
}

/// Folds a run of records into one chunk.
fn fold_run(run: Vec<Pending>, chunk: usize) -> (Chunk, Vec<Record>) {
    let bytes: usize = run.iter().map(|p| p.text.len() + p.title.len()).sum();
    let mut c = Chunk {
        orig: String::with_capacity(bytes),
        // Chinese text: about a third as many chars as bytes.
        folded: Vec::with_capacity(bytes / 2),
    };
    let records = run
        .into_iter()
        .map(|p| {
            let t0 = c.orig.len();
            c.orig.push_str(p.text);
            let f0 = c.folded.len();
            let title_map = fold_into(p.title, &mut c.folded);
            let f1 = c.folded.len();
            let body_map = fold_into(p.text, &mut c.folded);
            Record {
                kind: p.kind,
                title_prefix: title_prefix(p.text, p.title),
                path: p.path,
                ordinal: p.ordinal,
                chunk,
                text: t0..c.orig.len(),
                title: f0..f1,
                body: f1..c.folded.len(),
                title_map,
                body_map,
                agencies: p.agencies,
            }
        })
        .collect();
    (c, records)
}

/// The record's tier (its worst term's) and score (higher is better).
fn rank(c: &Candidate, by_agency: bool) -> (Tier, i64) {
    if c.terms.is_empty() {
        let f = if by_agency { 1 } else { 0 };
        return (Tier::Exact, 1_000_000_000_000 - f * 10_000_000);
    }
    let worst = c.terms.iter().map(|t| t.tier).max().unwrap_or(Tier::Exact);
    let tiers: i64 = c.terms.iter().map(|t| tier_rank(t.tier)).sum();
    let fields: i64 = c.terms.iter().map(|t| field_rank(t.field)).sum();
    let spread: i64 = c.terms.iter().map(|t| t.spread as i64).sum();
    let fuzzy: i64 = c.terms.iter().map(|t| t.fuzzy_score).sum();
    let score = 1_000_000_000_000
        - tiers * 10_000_000_000
        - fields * 10_000_000
        - spread.min(9_999) * 1_000
        + fuzzy.clamp(0, 999);
    (worst, score)
}

fn title_prefix(text: &str, title: &str) -> usize {
    match text.strip_prefix(title) {
        Some(rest) if !title.is_empty() => {
            title.chars().count() + usize::from(rest.starts_with('。'))
        }
        _ => 0,
    }
}

/// Sorted ranges with overlaps joined.
fn merge(mut v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    v.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(v.len());
    for r in v {
        if r.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(l) if r.start < l.end => l.end = l.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// A term prepared for matching, with its result on every agency entry.
struct Compiled {
    chars: Vec<char>,
    pinyin: Option<pinyin::Matcher>,
    /// Per agency entry: the term's best (tier, spread) on its spellings.
    entries: Vec<Option<(Tier, usize)>>,
    fuzzy: Option<Fuzzy>,
    fuzzy_entries: Vec<Option<(usize, i64)>>,
}

impl Compiled {
    fn new(t: &Term, agencies: &Agencies) -> Compiled {
        let chars: Vec<char> = t.text.chars().collect();
        let pinyin = if t.phrase {
            None
        } else {
            pinyin::Matcher::new(&t.text)
        };
        let entries = agencies
            .entries
            .iter()
            .map(|e| {
                if e.aliases.iter().any(|a| exact::contains(&a.chars, &chars)) {
                    return Some((Tier::Exact, chars.len()));
                }
                let m = pinyin.as_ref()?;
                e.aliases
                    .iter()
                    .flat_map(|a| m.find_all(&a.chars))
                    .map(|r| r.len())
                    .min()
                    .map(|s| (Tier::Pinyin, s))
            })
            .collect();
        Compiled {
            chars,
            pinyin,
            entries,
            fuzzy: None,
            fuzzy_entries: Vec::new(),
        }
    }

    /// Prepares the fuzzy tier; false when the term is too short for it.
    fn enable_fuzzy(&mut self, agencies: &Agencies) -> bool {
        let text: String = self.chars.iter().collect();
        let Some(f) = Fuzzy::new(&text) else {
            return false;
        };
        self.fuzzy_entries = agencies
            .entries
            .iter()
            .map(|e| {
                e.aliases
                    .iter()
                    .filter_map(|a| f.find(&a.chars))
                    .map(|m| (m.span(), m.score))
                    .min_by_key(|(s, sc)| (*s, -sc))
            })
            .collect();
        self.fuzzy = Some(f);
        true
    }

    /// The exact or pinyin match of this term in `r`, exact preferred.
    fn eval(&self, r: &View) -> Option<TermHit> {
        let title = exact::find_all(r.title, &self.chars);
        let body = exact::find_all(r.body, &self.chars);
        let agencies = self.agencies_at(r, Tier::Exact);
        if !title.is_empty() || !body.is_empty() || !agencies.is_empty() {
            return Some(self.hit(r, Tier::Exact, title, body, agencies, self.chars.len(), 0));
        }
        let m = self.pinyin.as_ref()?;
        let title = m.find_all(r.title);
        let body = m.find_all(r.body);
        let agencies = self.agencies_at(r, Tier::Pinyin);
        if title.is_empty() && body.is_empty() && agencies.is_empty() {
            return None;
        }
        Some(self.hit(r, Tier::Pinyin, title, body, agencies, 0, 0))
    }

    fn eval_fuzzy(&self, r: &View) -> Option<TermHit> {
        let f = self.fuzzy.as_ref()?;
        let t = f.find(r.title);
        let b = f.find(r.body);
        let agencies: Vec<(usize, (usize, i64))> = r
            .agencies
            .iter()
            .enumerate()
            .filter_map(|(i, &id)| {
                Some((i, self.fuzzy_entries.get(id as usize).copied().flatten()?))
            })
            .collect();
        let (field, spread, score) = if let Some(m) = &t {
            (Field::Title, m.span(), m.score)
        } else if let Some((_, (s, sc))) = agencies.iter().min_by_key(|(_, (s, sc))| (*s, -sc)) {
            (Field::Agency, *s, *sc)
        } else if let Some(m) = &b {
            (Field::Body, m.span(), m.score)
        } else {
            return None;
        };
        let field = if r.kind == HitKind::Document {
            Field::Meta
        } else {
            field
        };
        Some(TermHit {
            tier: Tier::Fuzzy,
            field,
            spread,
            fuzzy_score: score,
            title: t.map(|m| m.ranges()).unwrap_or_default(),
            body: b.map(|m| m.ranges()).unwrap_or_default(),
            agencies: agencies.into_iter().map(|(i, _)| i).collect(),
        })
    }

    /// Indices of `r`'s agencies this term matches at `tier`.
    fn agencies_at(&self, r: &View, tier: Tier) -> Vec<usize> {
        r.agencies
            .iter()
            .enumerate()
            .filter(|(_, id)| matches!(self.entries.get(**id as usize), Some(Some((t, _))) if *t == tier))
            .map(|(i, _)| i)
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn hit(
        &self,
        r: &View,
        tier: Tier,
        title: Vec<Range<usize>>,
        body: Vec<Range<usize>>,
        agencies: Vec<usize>,
        exact_len: usize,
        fuzzy_score: i64,
    ) -> TermHit {
        let shortest = |v: &[Range<usize>]| v.iter().map(|x| x.len()).min();
        let (field, spread) = if let Some(s) = shortest(&title) {
            (Field::Title, s)
        } else if !agencies.is_empty() {
            let s = agencies
                .iter()
                .filter_map(|&i| self.entries[r.agencies[i] as usize].map(|(_, s)| s))
                .min()
                .unwrap_or(exact_len);
            (Field::Agency, s)
        } else {
            (Field::Body, shortest(&body).unwrap_or(exact_len))
        };
        let field = if r.kind == HitKind::Document {
            Field::Meta
        } else {
            field
        };
        TermHit {
            tier,
            field,
            spread,
            fuzzy_score,
            title,
            body,
            agencies,
        }
    }
}

//! Query evaluation: candidates after the `#N` and `a:` filters, exclusions,
//! each term ANDed in, then ranking (tier, then score, then document order)
//! and the hits' highlights in original char offsets.

use std::ops::Range;

use super::index::Index;
use super::normalize::to_orig;
use super::query::{self, QueryError};
use super::term::{Compiled, TermHit};
use super::{Field, Hit, HitKind, Tier, exact};

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

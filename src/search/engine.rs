//! Query evaluation: candidates after the `#N`, `a:` and `!a:` filters and
//! `!x` exclusions, each term ANDed in through its tiers, then ranking (tier,
//! then a BM25 score, then document order), a number form's jump, and the
//! related fallback when nothing matched.

use std::ops::Range;

use super::index::{Index, Scan, View, Visit};
use super::normalize::{is_ideograph, to_orig};
use super::numbers::number_form;
use super::pinyin::{FuzzyPinyin, Homophones};
use super::query::{self, Query, QueryError, Term};
use super::term::{Compiled, TermHit};
use super::{Field, Hit, HitKind, Results, Tier, exact, thesaurus};

/// A term's hits: (position among the candidates, hit), in candidate
/// order; only the candidates it matched (a library's tens of thousands of
/// records mostly have none).
type Hits = Vec<(usize, TermHit)>;

struct Candidate {
    rec: usize,
    /// Agencies selected by `a:` (indices into the item's agencies), if
    /// any: behind a thin pointer, as most searches select none and a
    /// library has tens of thousands of candidates.
    #[allow(clippy::box_collection)] // the thin pointer is the point
    selected: Option<Box<Vec<usize>>>,
}

impl Candidate {
    /// Record `rec`, no agency selected.
    fn bare(rec: usize) -> Candidate {
        Candidate {
            rec,
            selected: None,
        }
    }

    fn selected(&self) -> &[usize] {
        self.selected.as_deref().map_or(&[], Vec::as_slice)
    }
}

const _: () = assert!(std::mem::size_of::<Candidate>() == 16);

/// Each candidate's hit on each term kept so far, candidate by candidate:
/// one list, not one per candidate (tens of thousands of them).
struct TermHits {
    hits: Vec<TermHit>,
    /// Terms per candidate.
    per: usize,
}

impl TermHits {
    /// Candidate `i`'s hits, one per term.
    fn of(&self, i: usize) -> &[TermHit] {
        self.hits
            .get(i * self.per..(i + 1) * self.per)
            .unwrap_or(&[])
    }
}

/// What a one-term query matched at the exact and pinyin tiers, kept for
/// the next keystroke: a term that extends it (融 → 融资, z → zs) matches
/// only records that contain it, so only those are scanned again.
pub(super) struct Narrow {
    term: String,
    /// Whether the term was also matched as pinyin (a longer term can only
    /// narrow from it when it was, or when the longer one is not).
    pinyin: bool,
    /// The documents searched (see [`Index::search_in`]).
    scope: Option<Vec<bool>>,
    recs: Vec<u32>,
}

/// Whether document `doc` is searched (see [`Index::search_in`]).
fn in_scope(scope: Option<&[bool]>, doc: u32) -> bool {
    scope.is_none_or(|s| s.get(doc as usize).copied().unwrap_or(false))
}

/// The one plain term of `q`, when `q` is nothing else.
fn lone_term(q: &Query) -> Option<&Term> {
    match q.terms.as_slice() {
        [t] if !t.phrase
            && q.excludes.is_empty()
            && q.agencies.is_empty()
            && q.exclude_agencies.is_empty()
            && q.measure.is_none() =>
        {
            Some(t)
        }
        _ => None,
    }
}

fn field_rank(f: Field) -> i64 {
    match f {
        Field::Title => 0,
        Field::Agency => 1,
        Field::Body => 2,
        Field::Meta => 3,
    }
}

/// Title and text ranges of a related item.
type Matches = (Vec<Range<usize>>, Vec<Range<usize>>);

/// BM25 parameters (the usual ones).
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Related items shown at most.
const RELATED: usize = 5;

impl Index {
    /// Ranked hits, best first, at most `limit`: [`Index::search_all`]'s
    /// hits. A blank query gives none. Never panics.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, QueryError> {
        Ok(self.search_all(query, limit)?.hits)
    }

    /// Hits (at most `limit`), expansions and related items for `query`.
    pub fn search_all(&self, query: &str, limit: usize) -> Result<Results, QueryError> {
        self.search_in(query, limit, None)
    }

    /// As [`Index::search_all`], in the documents `scope` marks only (by
    /// their position in the index; `None`: all of them).
    pub fn search_in(
        &self,
        query: &str,
        limit: usize,
        scope: Option<&[bool]>,
    ) -> Result<Results, QueryError> {
        let (mut out, hits) = self.search_map(query, limit, scope, |h, _| h)?;
        out.hits = hits;
        Ok(out)
    }

    /// As [`Index::search_in`], each hit handed to `f` as soon as it is
    /// built (in record order, on two threads when there are many; `Visit`
    /// is that pass's, see [`Index::visit`]) and what `f` made returned in
    /// rank order, beside the results without their hits: thousands of
    /// hits made into lines are never all held at once.
    pub fn search_map<T: Send>(
        &self,
        query: &str,
        limit: usize,
        scope: Option<&[bool]>,
        f: impl Fn(Hit, &mut Visit) -> T + Sync,
    ) -> Result<(Results, Vec<T>), QueryError> {
        let q = query::parse(query)?;
        let mut out = Results::default();
        let mut mapped = Vec::new();
        if q.is_empty() || limit == 0 {
            return Ok((out, mapped));
        }
        let mut cands = self.candidates(&q, scope);
        for t in &q.excludes {
            let ct = Compiled::new(t, &self.agencies);
            cands.retain(|c| !self.mentions(&ct, c.rec));
        }
        let jumps = self.jump_targets(&q, scope);
        let jump = !jumps.is_empty();
        if jump && q.terms.len() > 1 {
            // "第 12 条": the jump only; its pieces are no text to look for.
            cands.clear();
        }
        // While typing: the term's matches among the previous query's only,
        // when that is exactly equivalent (else `None`, the full scan).
        let mut narrowed = if jump { None } else { self.narrowed(&q, scope) };
        let mut dfs = Vec::with_capacity(q.terms.len());
        // The compiled terms behind each candidate's `terms`, in order: the
        // kept hits' ranges are built from them (ranking only counts).
        let mut kept: Vec<Compiled> = Vec::with_capacity(q.terms.len());
        let several = q.terms.len() > 1;
        let mut terms = TermHits {
            hits: Vec::new(),
            per: 0,
        };
        // Several terms, none of them widened by the thesaurus or left out:
        // their first tiers in one pass. When a record matches them all,
        // no term widens and that is the result; else the passes one after
        // the other, the first term's already done.
        let mut first = None;
        if several
            && together_allowed()
            && narrowed.is_none()
            && !jump
            && !cands.is_empty()
            && q.terms.iter().all(|t| {
                (t.phrase || !is_stop_word(&t.text)) && thesaurus::expand(&t.text).is_empty()
            })
        {
            let all: Vec<&Term> = q.terms.iter().collect();
            let all_kept = limit >= cands.len();
            match self.eval_together(&all, &cands, all_kept) {
                // A term that can match nowhere at its first tier widens.
                None => {}
                Some((cts, found)) if found.iter().any(|f| f.1.1 + 1 == all.len()) => {
                    let n = all.len();
                    dfs.push(found.len());
                    dfs.extend((1..n).map(|k| found.iter().filter(|f| f.1.1 >= k).count()));
                    kept.extend(cts);
                    let mut kept_cands = Vec::new();
                    let mut hits = Vec::new();
                    let mut old = cands.into_iter().enumerate();
                    for (at, (h, m, next)) in found {
                        if m + 1 < n {
                            continue;
                        }
                        if let Some((_, c)) = old.find(|(i, _)| *i == at) {
                            kept_cands.push(c);
                            hits.push(h);
                            hits.extend(next);
                        }
                    }
                    cands = kept_cands;
                    terms = TermHits { hits, per: n };
                }
                Some((cts, found)) => {
                    let hits = found.into_iter().map(|(at, (h, _, _))| (at, h)).collect();
                    first = cts.into_iter().next().map(|ct| (hits, ct));
                }
            }
        }
        for t in q.terms.iter().skip(terms.per) {
            if cands.is_empty() {
                break;
            }
            if !t.phrase && is_stop_word(&t.text) {
                out.ignored.push(t.text.clone());
                continue;
            }
            let (hits, ct) = match narrowed.take() {
                Some((c, h, ct)) => {
                    cands = c;
                    (h, ct)
                }
                None => {
                    // Every hit that the other terms keep is kept when the
                    // limit takes all: its ranges are found in the scan, not
                    // in a second pass over the texts.
                    let all_kept = limit >= cands.len();
                    let first = first.take();
                    self.eval_term(t, &cands, (!jump, all_kept), first, &mut out.also_searched)
                }
            };
            // An English word that matches nothing among others that do is
            // dropped, not ANDed to an empty result ("tax incentives").
            if several
                && !t.phrase
                && t.text.len() >= 3
                && t.text.bytes().all(|b| b.is_ascii_alphabetic())
                && hits.is_empty()
            {
                out.ignored.push(t.text.clone());
                continue;
            }
            dfs.push(hits.len());
            kept.push(ct);
            // The candidates with a hit, each with its hits so far and this one.
            let per = terms.per;
            let mut kept_cands = Vec::with_capacity(hits.len());
            let mut kept_hits = Vec::with_capacity(hits.len() * (per + 1));
            let mut old = terms.hits.into_iter();
            let mut hits = hits.into_iter().peekable();
            for (i, c) in cands.into_iter().enumerate() {
                let mine = old.by_ref().take(per);
                match hits.next_if(|(at, _)| *at == i) {
                    Some((_, h)) => {
                        kept_hits.extend(mine);
                        kept_hits.push(h);
                        kept_cands.push(c);
                    }
                    None => mine.for_each(drop),
                }
            }
            cands = kept_cands;
            terms = TermHits {
                hits: kept_hits,
                per: per + 1,
            };
        }
        if !q.terms.is_empty() && dfs.is_empty() && q.agencies.is_empty() && q.measure.is_none() {
            // Every term was dropped and no filter is left: nothing was
            // really searched for.
            cands.clear();
            terms.hits.clear();
            out.ignored.clear();
        }
        self.remember(&q, jump, scope, &kept, &cands, &terms);
        let by_agency = !q.agencies.is_empty();
        let avg = self.average_len();
        let n = self.records.len() as f64;
        let idf: Vec<f64> = dfs
            .iter()
            .map(|&df| (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln())
            .collect();
        // Ranked by small keys (tier, score, record, candidate): the
        // candidates themselves stay where they are.
        let mut ranked: Vec<(Tier, i64, usize, usize)> = cands
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let (tier, score) = self.rank(c, terms.of(i), by_agency, &idf, avg);
                (tier, score, c.rec, i)
            })
            .collect();
        if !jumps.is_empty() {
            // Each measure itself first; its text hit (if any) merges into it.
            // `jumps` is in record order.
            let mut merged: Vec<Option<(i64, usize)>> = vec![None; jumps.len()];
            ranked.retain(|r| match jumps.binary_search(&r.2) {
                Ok(i) => {
                    merged[i] = Some((r.1, r.3));
                    false
                }
                Err(_) => true,
            });
            for (&j, m) in jumps.iter().zip(merged).take(limit) {
                let alone;
                let (score, c, hits) = match m {
                    Some((score, i)) => (score, &cands[i], terms.of(i)),
                    None => {
                        alone = Candidate::bare(j);
                        (0, &alone, &[][..])
                    }
                };
                let v = self.view(c.rec);
                let mut h = self.hit(Tier::Exact, score, (c, hits), false, &kept, &v);
                h.jump = true;
                h.field = Field::Title;
                mapped.push(f(h, &mut self.visit()));
            }
        }
        // Only the kept hits are put in order (tier, score, then document
        // order: a total order, so selecting first changes nothing), by one
        // packed key each: tier, score descending, record.
        let key = |&(tier, score, rec, _): &(Tier, i64, usize, usize)| {
            let descending = !((score as u64) ^ (1 << 63));
            (tier as u128) << 112 | (descending as u128) << 48 | rec as u128
        };
        let keep = limit.saturating_sub(mapped.len());
        if keep == 0 {
            ranked.clear();
        } else if ranked.len() > keep {
            ranked.select_nth_unstable_by_key(keep - 1, key);
            ranked.truncate(keep);
        }
        ranked.sort_unstable_by_key(key);
        // Built in record order (one pass over the texts), each put straight
        // into its place in rank order. The candidates are in record order:
        // their positions give that order without a sort.
        debug_assert!(cands.windows(2).all(|w| w[0].rec < w[1].rec));
        let mut at = vec![u32::MAX; cands.len()];
        for (k, r) in ranked.iter().enumerate() {
            at[r.3] = k as u32;
        }
        let by_rec: Vec<usize> = at
            .into_iter()
            .filter(|&k| k != u32::MAX)
            .map(|k| k as usize)
            .collect();
        let (built, _) = self.pass_collect(
            Index::rescan,
            &by_rec,
            |&k| ranked[k].2,
            None,
            || self.visit(),
            |visit, _, &k, v| {
                let (tier, score, _, i) = ranked[k];
                Some(f(
                    self.hit(tier, score, (&cands[i], terms.of(i)), by_agency, &kept, v),
                    visit,
                ))
            },
        );
        if terms.hits.len() >= PARALLEL_SCAN && terms.hits.iter().any(|h| h.ranges.is_some()) {
            // Thousands of hits' ranges, each an allocation: given back on
            // another thread while the results are put in order and used
            // (where no thread can start, here).
            let dead = (std::mem::take(&mut terms.hits), std::mem::take(&mut cands));
            let _ = std::thread::Builder::new().spawn(move || drop(dead));
        }
        let built = into_rank_order(built, |at| by_rec[at]);
        if mapped.is_empty() {
            // In place: no second list of thousands of results.
            mapped = built.into_iter().map(|(_, t)| t).collect();
        } else {
            mapped.extend(built.into_iter().map(|(_, t)| t));
        }
        if mapped.is_empty() && !q.terms.is_empty() {
            out.related = self.related(&q, limit.min(RELATED), scope);
        }
        Ok((out, mapped))
    }

    /// A lone term extending the previous lone term, evaluated on the
    /// previous matches only: the candidates, their hits and the compiled
    /// term. `None` whenever the full scan could find more: the term names
    /// an agency, has thesaurus expansions (searched in other records), is
    /// newly read as pinyin, or matches nothing at these tiers (the widening
    /// tiers then search everything).
    #[allow(clippy::type_complexity)]
    fn narrowed(
        &self,
        q: &Query,
        scope: Option<&[bool]>,
    ) -> Option<(Vec<Candidate>, Hits, Compiled)> {
        let t = lone_term(q)?;
        if is_stop_word(&t.text) {
            return None;
        }
        let ct = Compiled::new(t, &self.agencies);
        let cands: Vec<Candidate> = {
            let last = self.narrow.lock().ok()?;
            let n = last.as_ref()?;
            if !t.text.starts_with(&n.term)
                || n.scope.as_deref() != scope
                || (ct.has_pinyin() && !n.pinyin)
                || ct.names_an_agency()
                || !thesaurus::expand(&t.text).is_empty()
            {
                return None;
            }
            n.recs
                .iter()
                .map(|&rec| Candidate::bare(rec as usize))
                .collect()
        };
        let hits = self.term_hits(&cands, None, |c, v| self.rank_term(&ct, c.rec, v, false));
        if hits.is_empty() {
            return None;
        }
        Some((cands, hits, ct))
    }

    /// Keeps a lone term's matches for [`Index::narrowed`] when they are
    /// exactly its exact/pinyin matches (no widening tier added any);
    /// forgets them otherwise.
    fn remember(
        &self,
        q: &Query,
        jump: bool,
        scope: Option<&[bool]>,
        kept: &[Compiled],
        cands: &[Candidate],
        terms: &TermHits,
    ) {
        let Ok(mut last) = self.narrow.lock() else {
            return;
        };
        *last = match (lone_term(q), kept) {
            (Some(t), [ct]) if !jump && terms.hits.iter().all(|h| h.tier <= Tier::Pinyin) => {
                Some(Narrow {
                    term: t.text.clone(),
                    scope: scope.map(<[bool]>::to_vec),
                    pinyin: ct.has_pinyin(),
                    recs: cands.iter().map(|c| c.rec as u32).collect(),
                })
            }
            _ => None,
        };
    }

    /// Records that pass `#N`, `a:` and `!a:`. Filters and bare exclusions
    /// list measures, not headings or metadata.
    fn candidates(&self, q: &Query, scope: Option<&[bool]>) -> Vec<Candidate> {
        let filtered = !q.agencies.is_empty() || q.measure.is_some() || q.terms.is_empty();
        let selections: Vec<Vec<bool>> =
            q.agencies.iter().map(|a| self.agencies.select(a)).collect();
        let dropped: Vec<Vec<bool>> = q
            .exclude_agencies
            .iter()
            .map(|a| self.agencies.select(a))
            .collect();
        if !filtered && scope.is_none() && dropped.is_empty() {
            // Every record: none needs reading.
            return (0..self.records.len()).map(Candidate::bare).collect();
        }
        let mut cands = Vec::new();
        'records: for (ri, r) in self.records.iter().enumerate() {
            if filtered && r.kind() != HitKind::Measure {
                continue;
            }
            if !in_scope(scope, r.doc) {
                continue;
            }
            if q.measure.is_some() && r.ordinal() != q.measure {
                continue;
            }
            let ids = self.record_agencies(r);
            if dropped.iter().any(|d| ids.iter().any(|&id| d[id as usize])) {
                continue;
            }
            let mut selected = Vec::new();
            for sel in &selections {
                let before = selected.len();
                selected.extend(
                    ids.iter()
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
                selected: (!selected.is_empty()).then(|| Box::new(selected)),
            });
        }
        cands
    }

    /// Whether an excluded term occurs in the record's title or text, not
    /// counting the agency names of its responsibility clause (`!银行` keeps
    /// a measure whose only 银行 is the agency 人民银行; `!a:X` drops those).
    fn mentions(&self, ct: &Compiled, rec: usize) -> bool {
        let v = self.view(rec);
        if !ct.text_ranges(v.title).is_empty() {
            return true;
        }
        let names: Vec<Range<usize>> = v
            .agencies
            .iter()
            .flat_map(|&id| exact::find_all(v.body, &self.agencies.entries[id as usize].name.chars))
            .collect();
        ct.text_ranges(v.body)
            .iter()
            .any(|m| !names.iter().any(|n| n.start <= m.start && m.end <= n.end))
    }

    /// The records a lone number form (12, 十二, 第十二条, （十二）) jumps
    /// to: that measure of each document searched.
    fn jump_targets(&self, q: &Query, scope: Option<&[bool]>) -> Vec<usize> {
        if q.terms.is_empty() || q.terms.iter().any(|t| t.phrase) {
            return Vec::new();
        }
        // Spaces inside a number form ("第 12 条") don't matter.
        let text: String = q.terms.iter().map(|t| t.text.as_str()).collect();
        if !q.excludes.is_empty()
            || !q.agencies.is_empty()
            || !q.exclude_agencies.is_empty()
            || q.measure.is_some()
        {
            return Vec::new();
        }
        let Some(n) = number_form(&text) else {
            return Vec::new();
        };
        self.docs
            .iter()
            .filter(|d| in_scope(scope, self.records[d.start].doc))
            .filter_map(|d| {
                self.records[d.clone()]
                    .iter()
                    .position(|r| r.ordinal() == Some(n))
                    .map(|i| d.start + i)
            })
            .collect()
    }

    /// One term on every candidate, through the tiers: exact and pinyin; a
    /// compound's words; thesaurus expansions (for what the first tiers left
    /// out); then, only when nothing matched at all, homophones, fuzzy
    /// pinyin and the fuzzy window. A number form stops after the first.
    /// `with_ranges`: every hit will be kept, so the first tier's carry
    /// their ranges (the others' always do).
    /// `first`: the first tier's hits and the compiled term when already
    /// found (see [`Index::eval_together`]).
    fn eval_term(
        &self,
        t: &Term,
        cands: &[Candidate],
        (widen, with_ranges): (bool, bool),
        first: Option<(Hits, Compiled)>,
        also: &mut Vec<String>,
    ) -> (Hits, Compiled) {
        let chars: Vec<char> = t.text.chars().collect();
        let (mut hits, mut ct) = match first {
            Some(found) => found,
            None => {
                let ct = Compiled::new(t, &self.agencies);
                let hits = match self.first_tier_docs(&ct, &chars) {
                    None => Vec::new(),
                    Some(docs) => self.term_hits(cands, docs.as_deref(), |c, v| {
                        self.rank_term(&ct, c.rec, v, with_ranges)
                    }),
                };
                (hits, ct)
            }
        };
        if t.phrase || !widen {
            return (hits, ct);
        }
        if hits.is_empty()
            && let Some(mut pieces) = self.segment(&chars)
        {
            let every = |pieces: &[Vec<char>]| {
                let words: Vec<&[char]> = pieces.iter().map(Vec::as_slice).collect();
                self.docs_with_all(&words)
            };
            hits = self.term_hits(cands, every(&pieces).as_deref(), |_, v| {
                self.all_of(&ct, &pieces, v)
            });
            // Nothing has every word: leave out the generic ones (召回制度 →
            // 召回, 海外仓建设 → 海外仓) when a specific word remains.
            let specific: Vec<Vec<char>> =
                pieces.iter().filter(|p| !is_generic(p)).cloned().collect();
            if hits.is_empty() && !specific.is_empty() && specific.len() < pieces.len() {
                pieces = specific;
                hits = self.term_hits(cands, every(&pieces).as_deref(), |_, v| {
                    self.all_of(&ct, &pieces, v)
                });
            }
            if !hits.is_empty() {
                let words: Vec<String> = pieces.iter().map(|p| p.iter().collect()).collect();
                push_new(also, words.join(" "));
            }
        }
        let expansions = thesaurus::expand(&t.text);
        if !expansions.is_empty() {
            // Expansions the document cannot have are not scanned for.
            let words: Vec<Vec<char>> = expansions
                .iter()
                .map(|e| e.chars().collect::<Vec<char>>())
                .map(|w| if self.may_occur(&w) { w } else { Vec::new() })
                .collect();
            let any: Vec<&[char]> = words.iter().map(Vec::as_slice).collect();
            let any = self.docs_with_any(&any);
            // Only the candidates no tier has matched yet.
            let mut matched = vec![false; cands.len()];
            for (at, _) in &hits {
                matched[*at] = true;
            }
            let (more, passes) = self.scan_collect(
                cands,
                |c| c.rec,
                any.as_deref(),
                || vec![false; words.len()],
                |used, at, _, v| {
                    if matched[at] {
                        return None;
                    }
                    self.any_of(&ct, &words, v, used)
                },
            );
            if !more.is_empty() {
                hits.extend(more);
                hits.sort_unstable_by_key(|(at, _)| *at);
            }
            for (i, e) in expansions.iter().enumerate() {
                if passes.iter().any(|used| used[i]) {
                    push_new(also, e.clone());
                }
            }
        }
        if hits.is_empty()
            && let Some(m) = Homophones::new(&chars)
            && chars
                .windows(2)
                .filter(|w| self.may_have_pair(w[0], w[1]))
                .count()
                >= m.exact_pairs()
        {
            // Only where enough of the term's pairs may occur, as above.
            let pairs = super::signature::pair_buckets(&chars);
            let enough = self.docs_with(&pairs, m.exact_pairs());
            hits = self.term_hits(cands, enough.as_deref(), |_, v| {
                text_hit(
                    &ct,
                    v,
                    Tier::Homophone,
                    m.find_all(v.title),
                    m.find_all(v.body),
                )
            });
        }
        // Fuzzy pinyin: the split into real syllables first, the one with a
        // typo'd chunk only if that finds nothing.
        // Each pass makes its own matchers (they memoise as they go).
        let splits = FuzzyPinyin::all(&t.text).len();
        for k in 0..splits {
            if !hits.is_empty() {
                break;
            }
            let matcher = || FuzzyPinyin::all(&t.text).into_iter().nth(k);
            let Some(shape) = matcher().map(|m| super::initials::FuzzyShape::new(&m)) else {
                break;
            };
            (hits, _) = self.scan_collect(
                cands,
                |c| c.rec,
                None,
                matcher,
                |m, _, c, v| {
                    let m = m.as_ref()?;
                    if !self.may_fuzzy_pinyin(&shape, c.rec) {
                        return None;
                    }
                    text_hit(
                        &ct,
                        v,
                        Tier::FuzzyPinyin,
                        m.find_all(v.title),
                        m.find_all(v.body),
                    )
                },
            );
        }
        if hits.is_empty() && ct.enable_fuzzy(&self.agencies) {
            // The term's chars in order: a document lacking one can match
            // only through an agency name (checked without the text).
            let all_chars = self.docs_with(&super::signature::char_buckets(&chars), chars.len());
            hits = self.term_hits(cands, None, |c, v| {
                let text_may = all_chars
                    .as_ref()
                    .is_none_or(|k| k[self.records[c.rec].doc as usize]);
                (text_may || ct.fuzzy_agency(v))
                    .then(|| ct.eval_fuzzy(v))
                    .flatten()
            });
        }
        (hits, ct)
    }

    /// Where a term's first tier (exact, pinyin) may match: `None` when
    /// nowhere, else the documents that may hold it (`Some(None)`: any).
    fn first_tier_docs(&self, ct: &Compiled, chars: &[char]) -> Option<Option<Vec<bool>>> {
        let chinese = chars.iter().all(|&c| is_ideograph(c)) && !ct.names_an_agency();
        // A Chinese term with a pair of characters the document never has
        // cannot match its text: no scan (no-answer queries are common).
        if chinese && chars.len() >= 2 && !self.may_occur(chars) {
            return None;
        }
        // Else it can only match in the documents that may hold it.
        Some(chinese.then(|| self.docs_with_all(&[chars])).flatten())
    }

    /// The first tier of several terms in one pass over the candidates,
    /// each record's text read once: the first term on every candidate,
    /// each next one where all before it matched (as the terms' passes one
    /// after the other would evaluate them, each over texts the last pass
    /// has given back). The compiled terms and, per hit of the first term:
    /// its position, its hit, how many of the next terms matched in a row,
    /// and their hits when all did. `None` when one of the terms can match
    /// nowhere.
    #[allow(clippy::type_complexity)]
    fn eval_together(
        &self,
        terms: &[&Term],
        cands: &[Candidate],
        with_ranges: bool,
    ) -> Option<(Vec<Compiled>, Vec<(usize, (TermHit, usize, Vec<TermHit>))>)> {
        let cts: Vec<Compiled> = terms
            .iter()
            .map(|t| Compiled::new(t, &self.agencies))
            .collect();
        let docs = cts
            .iter()
            .zip(terms)
            .map(|(ct, t)| self.first_tier_docs(ct, &t.text.chars().collect::<Vec<char>>()))
            .collect::<Option<Vec<_>>>()?;
        let (first, rest) = cts.split_first()?;
        let may = |k: usize, doc: u32| {
            docs[k]
                .as_ref()
                .is_none_or(|d| d.get(doc as usize).copied().unwrap_or(true))
        };
        let (found, _) = self.scan_collect(
            cands,
            |c| c.rec,
            docs[0].as_deref(),
            || (),
            |_, _, c, v| {
                let h = self.rank_term(first, c.rec, v, with_ranges)?;
                let doc = self.records[c.rec].doc;
                let mut next = Vec::new();
                for (k, ct) in rest.iter().enumerate() {
                    match may(k + 1, doc)
                        .then(|| self.rank_term(ct, c.rec, v, with_ranges))
                        .flatten()
                    {
                        Some(h) => {
                            // Only as long as needed: thousands of records match.
                            next.reserve_exact(rest.len());
                            next.push(h);
                        }
                        None => break,
                    }
                }
                let matched = next.len();
                if matched < rest.len() {
                    next = Vec::new();
                }
                Some((h, matched, next))
            },
        );
        Some((cts, found))
    }

    /// A Chinese compound as words that each occur in the document, every
    /// word two chars or more, longest first from the left with
    /// backtracking; digits are a word of their own (12366热线 → 12366 +
    /// 热线). `None` when it does not split so.
    fn segment(&self, chars: &[char]) -> Option<Vec<Vec<char>>> {
        if chars.len() > 16 {
            return None;
        }
        let digit = |c: &char| c.is_ascii_digit();
        if chars.iter().any(digit) {
            let mut pieces = Vec::new();
            for run in chars.chunk_by(|a, b| digit(a) == digit(b)) {
                if run.iter().any(|c| !digit(c) && !is_ideograph(*c)) {
                    return None;
                }
                if (digit(&run[0]) || run.len() >= 2) && self.occurs(run) {
                    pieces.push(run.to_vec());
                } else if digit(&run[0]) {
                    return None;
                } else {
                    // A Chinese run (no digits): no further recursion here.
                    pieces.extend(self.segment(run)?);
                }
            }
            return (pieces.len() >= 2).then_some(pieces);
        }
        if chars.len() < 4 || !chars.iter().all(|&c| is_ideograph(c)) {
            return None;
        }
        // dead[i]: chars[i..] cannot be split (each suffix is tried once).
        let mut dead = vec![false; chars.len()];
        let mut cuts = Vec::new();
        if !self.split_from(chars, 0, &mut dead, &mut cuts) {
            return None;
        }
        let mut pieces = Vec::new();
        let mut start = 0;
        for &end in &cuts {
            pieces.push(chars[start..end].to_vec());
            start = end;
        }
        Some(pieces)
    }

    fn split_from(
        &self,
        chars: &[char],
        i: usize,
        dead: &mut [bool],
        cuts: &mut Vec<usize>,
    ) -> bool {
        if i == chars.len() {
            return true;
        }
        if dead[i] {
            return false;
        }
        let rest = chars.len() - i;
        for l in (2..=rest.min(8)).rev() {
            if rest - l == 1
                || (i == 0 && l == chars.len())
                || !self.may_occur(&chars[i..i + l])
                || !self.occurs(&chars[i..i + l])
            {
                continue;
            }
            cuts.push(i + l);
            if self.split_from(chars, i + l, dead, cuts) {
                return true;
            }
            cuts.pop();
        }
        dead[i] = true;
        false
    }

    /// Every piece in the record's title or text: a [`Tier::Split`] hit.
    fn all_of(&self, ct: &Compiled, pieces: &[Vec<char>], v: &View) -> Option<TermHit> {
        let (mut title, mut body) = (Vec::new(), Vec::new());
        for p in pieces {
            let t = exact::find_all(v.title, p);
            let b = exact::find_all(v.body, p);
            if t.is_empty() && b.is_empty() {
                return None;
            }
            title.extend(t);
            body.extend(b);
        }
        text_hit(ct, v, Tier::Split, merge(title), merge(body))
    }

    /// Any expansion in the record's title or text: a [`Tier::Synonym`] hit.
    fn any_of(
        &self,
        ct: &Compiled,
        words: &[Vec<char>],
        v: &View,
        used: &mut [bool],
    ) -> Option<TermHit> {
        let (mut title, mut body) = (Vec::new(), Vec::new());
        for (w, u) in words.iter().zip(used.iter_mut()) {
            let t = exact::find_all(v.title, w);
            let b = exact::find_all(v.body, w);
            *u |= !t.is_empty() || !b.is_empty();
            title.extend(t);
            body.extend(b);
        }
        text_hit(ct, v, Tier::Synonym, merge(title), merge(body))
    }

    fn average_len(&self) -> f64 {
        let total: usize = self.records.iter().map(|r| r.body_len()).sum();
        (total as f64 / self.records.len().max(1) as f64).max(1.0)
    }

    /// The record's tier (its worst term's) and BM25 score (higher is
    /// better): occurrences weighted by field (title 3, agency 2, text 1),
    /// saturated, normalised by the record's length.
    fn rank(
        &self,
        c: &Candidate,
        terms: &[TermHit],
        by_agency: bool,
        idf: &[f64],
        avg: f64,
    ) -> (Tier, i64) {
        if terms.is_empty() {
            let f = if by_agency { 1 } else { 0 };
            return (Tier::Exact, 1_000_000_000 - f);
        }
        let worst = terms.iter().map(|t| t.tier).max().unwrap_or(Tier::Exact);
        let r = &self.records[c.rec];
        // A heading or the metadata is short and titled: it would outrank the
        // measures it introduces, which are what a reader is after.
        let weight = if r.kind() == HitKind::Measure {
            1.0
        } else {
            0.4
        };
        let len = r.body_len() as f64;
        let norm = K1 * (1.0 - B + B * len / avg);
        let score: f64 = terms
            .iter()
            .zip(idf)
            .map(|(t, idf)| {
                let tf = 3.0 * t.title_count as f64
                    + 2.0 * t.agencies.len() as f64
                    + t.body_count as f64;
                // Ties: the more compact match, then the fuzzy matcher's score.
                idf * tf * (K1 + 1.0) / (tf + norm) - t.spread as f64 * 1e-4
                    + t.fuzzy_score as f64 * 1e-5
            })
            .sum();
        (worst, (score * weight * 1_000_000.0) as i64)
    }

    /// Items sharing CJK bigrams with the query's terms, at least two fifths
    /// of them, by BM25: the "related / 相关" fallback.
    fn related(&self, q: &Query, limit: usize, scope: Option<&[bool]>) -> Vec<Hit> {
        let mut grams: Vec<[char; 2]> = Vec::new();
        for t in &q.terms {
            let cs: Vec<char> = t.text.chars().collect();
            for w in cs.windows(2) {
                let g = [w[0], w[1]];
                if is_ideograph(g[0]) && is_ideograph(g[1]) && !grams.contains(&g) {
                    grams.push(g);
                }
            }
        }
        // At least two fifths of the query's pairs (and at least one).
        let need = (grams.len() * 2).div_ceil(5).max(1);
        // Pairs the document never has cannot count: often nothing is left.
        let present: Vec<usize> = (0..grams.len())
            .filter(|&g| self.may_have_pair(grams[g][0], grams[g][1]))
            .collect();
        if grams.is_empty() || present.len() < need {
            return Vec::new();
        }
        let avg = self.average_len();
        let n = self.records.len() as f64;
        let mut per: Vec<(usize, Matches, Vec<usize>)> = Vec::new();
        let mut scan = self.scan();
        for (ri, r) in self.records.iter().enumerate() {
            if r.kind() == HitKind::Document || !in_scope(scope, r.doc) {
                continue;
            }
            let v = scan.view(ri);
            let mut tfs = vec![0; grams.len()];
            let title = gram_hits(v.title, &grams, &present, &mut tfs, 3);
            let body = gram_hits(v.body, &grams, &present, &mut tfs, 1);
            if tfs.iter().filter(|&&x| x > 0).count() >= need {
                per.push((ri, (title, body), tfs));
            }
        }
        let dfs: Vec<usize> = (0..grams.len())
            .map(|g| per.iter().filter(|p| p.2[g] > 0).count())
            .collect();
        let mut scored: Vec<(i64, usize, Matches)> = per
            .into_iter()
            .map(|(ri, m, tfs)| {
                let len = self.records[ri].body_len() as f64;
                let norm = K1 * (1.0 - B + B * len / avg);
                let s: f64 = tfs
                    .iter()
                    .zip(&dfs)
                    .map(|(&tf, &df)| {
                        let idf = (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
                        let tf = tf as f64;
                        idf * tf * (K1 + 1.0) / (tf + norm)
                    })
                    .sum();
                ((s * 1_000_000.0) as i64, ri, m)
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, ri, (title, body))| {
                let r = &self.records[ri];
                let (title_map, body_map) = self.maps(r);
                Hit {
                    kind: r.kind(),
                    doc: r.doc as usize,
                    record: ri,
                    path: self.path(r),
                    ordinal: r.ordinal(),
                    score,
                    tier: Tier::Related,
                    field: if title.is_empty() {
                        Field::Body
                    } else {
                        Field::Title
                    },
                    title_matches: in_original(title_map, title),
                    text_matches: in_original(body_map, body),
                    agency_matches: Vec::new(),
                    jump: false,
                    approximate: true,
                }
            })
            .collect()
    }

    fn hit(
        &self,
        tier: Tier,
        score: i64,
        (c, terms): (&Candidate, &[TermHit]),
        by_agency: bool,
        compiled: &[Compiled],
        v: &View,
    ) -> Hit {
        let r = &self.records[c.rec];
        let mut title = Vec::new();
        let mut body = Vec::new();
        let mut agencies = c.selected().to_vec();
        let mut named = c.selected().to_vec();
        for (i, t) in terms.iter().enumerate() {
            match t.ranges() {
                Some([t, b]) => {
                    title.extend(t);
                    body.extend(b);
                }
                // Ranked on counts only: the ranges now, for a kept hit.
                None => {
                    if let Some([t, b]) = compiled
                        .get(i)
                        .and_then(|ct| ct.eval(v))
                        .as_ref()
                        .and_then(TermHit::ranges)
                    {
                        title.extend(t);
                        body.extend(b);
                    }
                }
            }
            agencies.extend(&t.agencies);
            if t.body_count == 0 {
                // Matched through another spelling (pboc): show the clause name.
                named.extend(&t.agencies);
            }
        }
        for &a in &named {
            let Some(&id) = v.agencies.get(a) else {
                continue;
            };
            let name = &self.agencies.entries[id as usize].name.chars;
            body.extend(exact::find_all(v.body, name));
        }
        agencies.sort_unstable();
        agencies.dedup();
        let field = terms
            .iter()
            .map(|t| t.field)
            .max_by_key(|f| field_rank(*f))
            .unwrap_or(if by_agency {
                Field::Agency
            } else {
                Field::Title
            });
        let (title_map, body_map) = self.maps(r);
        Hit {
            kind: r.kind(),
            doc: r.doc as usize,
            record: c.rec,
            path: self.path(r),
            ordinal: r.ordinal(),
            score,
            tier,
            field,
            title_matches: in_original(title_map, title),
            text_matches: in_original(body_map, body),
            agency_matches: agencies,
            jump: false,
            approximate: tier.is_approximate(),
        }
    }
}

#[cfg(not(test))]
fn together_allowed() -> bool {
    true
}

// Tests compare the combined pass with the passes one after the other.
#[cfg(test)]
thread_local! {
    static SEPARATE_PASSES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn together_allowed() -> bool {
    !SEPARATE_PASSES.with(std::cell::Cell::get)
}

/// Candidates from this many on are scanned on two threads.
const PARALLEL_SCAN: usize = 4096;

impl Index {
    /// `f` on each item (with its position) and the view of its record
    /// (`rec`), items in index order, skipping the documents `keep` leaves
    /// out: what it returns, with the position. On two threads when there
    /// are many, each half a pass of its own (see [`Index::scan`]). `state`
    /// makes each pass's scratch (matchers that memoise, flags), returned
    /// first half first.
    fn scan_collect<I: Sync, T: Send, S: Send>(
        &self,
        items: &[I],
        rec: impl Fn(&I) -> usize + Sync,
        keep: Option<&[bool]>,
        state: impl Fn() -> S + Sync,
        f: impl Fn(&mut S, usize, &I, &View) -> Option<T> + Sync,
    ) -> (Vec<(usize, T)>, Vec<S>) {
        self.pass_collect(Index::scan, items, rec, keep, state, f)
    }

    /// [`Index::scan_collect`] with the pass `pass` makes (a scan, or a
    /// [`Index::rescan`] of its hits).
    fn pass_collect<'a, I: Sync, T: Send, S: Send>(
        &'a self,
        pass: fn(&'a Index) -> Scan<'a>,
        items: &[I],
        rec: impl Fn(&I) -> usize + Sync,
        keep: Option<&[bool]>,
        state: impl Fn() -> S + Sync,
        f: impl Fn(&mut S, usize, &I, &View) -> Option<T> + Sync,
    ) -> (Vec<(usize, T)>, Vec<S>) {
        let run = |from: usize, items: &[I]| {
            let mut s = state();
            let mut scan = pass(self);
            let mut out = Vec::new();
            for (k, i) in items.iter().enumerate() {
                let r = rec(i);
                if let Some(k) = keep
                    && !k.get(self.records[r].doc as usize).copied().unwrap_or(true)
                {
                    continue;
                }
                if let Some(t) = f(&mut s, from + k, i, &scan.view(r)) {
                    out.push((from + k, t));
                }
            }
            (out, s)
        };
        if items.len() < PARALLEL_SCAN {
            let (out, s) = run(0, items);
            return (out, vec![s]);
        }
        let mid = items.len() / 2;
        let (a, b) = items.split_at(mid);
        std::thread::scope(|sc| {
            let second = sc.spawn(|| run(mid, b));
            let (mut out, s1) = run(0, a);
            // A panic there is a bug: re-raised as it would be on one thread.
            let (more, s2) = second
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            out.extend(more);
            (out, vec![s1, s2])
        })
    }

    /// `f` on each candidate's view in the documents `keep` leaves in: one
    /// term's hits (see [`Index::scan_collect`]).
    fn term_hits(
        &self,
        cands: &[Candidate],
        keep: Option<&[bool]>,
        f: impl Fn(&Candidate, &View) -> Option<TermHit> + Sync,
    ) -> Hits {
        self.scan_collect(cands, |c| c.rec, keep, || (), |_, _, c, v| f(c, v))
            .0
    }
}

/// `v` with each item moved to position `rank(its key)`, where `rank` is
/// a permutation of the positions: each swap puts one item in its place.
fn into_rank_order<T>(mut v: Vec<(usize, T)>, rank: impl Fn(usize) -> usize) -> Vec<(usize, T)> {
    let n = v.len();
    // A permutation takes fewer than `n` swaps; anything else (a bug) is
    // found out of bounds or swapping on.
    let mut swaps = 0;
    let mut broken = false;
    'items: for i in 0..n {
        loop {
            let r = rank(v[i].0);
            if r == i {
                break;
            }
            if r >= n || swaps > n {
                broken = true;
                break 'items;
            }
            v.swap(i, r);
            swaps += 1;
        }
    }
    if broken {
        debug_assert!(false, "ranks are not a permutation");
        // A plain sort, which cannot loop.
        v.sort_by_key(|(k, _)| rank(*k));
    }
    v
}

/// Occurrences of the `present` grams in `hay`, one pass: their ranges, and
/// `weight` added to each gram's count per occurrence.
fn gram_hits(
    hay: &[char],
    grams: &[[char; 2]],
    present: &[usize],
    tfs: &mut [usize],
    weight: usize,
) -> Vec<Range<usize>> {
    // A cheap first test: the pair's first char, hashed into 64 bits.
    let firsts = present
        .iter()
        .fold(0u64, |m, &g| m | 1 << (grams[g][0] as u32 % 64));
    let mut out = Vec::new();
    for (i, w) in hay.windows(2).enumerate() {
        if firsts & (1 << (w[0] as u32 % 64)) == 0 {
            continue;
        }
        if let Some(&g) = present.iter().find(|&&g| grams[g] == [w[0], w[1]]) {
            tfs[g] += weight;
            out.push(i..i + 2);
        }
    }
    out
}

/// A hit of `tier` from title and text ranges, `None` when both are empty.
fn text_hit(
    ct: &Compiled,
    v: &super::index::View,
    tier: Tier,
    title: Vec<Range<usize>>,
    body: Vec<Range<usize>>,
) -> Option<TermHit> {
    if title.is_empty() && body.is_empty() {
        return None;
    }
    Some(ct.hit(v, tier, title, body, Vec::new(), 0, 0))
}

/// Words that only frame a compound's subject (召回**制度**, 海外仓**建设**):
/// left out of a split compound when all its words together find nothing.
fn is_generic(w: &[char]) -> bool {
    const GENERIC: &[&str] = &[
        "制度", "建设", "体系", "工作", "政策", "措施", "机制", "问题", "情况", "方面", "相关",
        "有关", "支持", "服务", "管理", "企业", "工程", "行动", "平台", "能力", "水平", "发展",
        "推进", "加强", "提升", "推动",
    ];
    let s: String = w.iter().collect();
    GENERIC.contains(&s.as_str())
}

/// English function words, never searched for.
fn is_stop_word(t: &str) -> bool {
    matches!(
        t,
        "a" | "an"
            | "the"
            | "of"
            | "for"
            | "and"
            | "or"
            | "in"
            | "on"
            | "to"
            | "with"
            | "by"
            | "about"
            | "from"
            | "at"
            | "is"
            | "are"
            | "how"
            | "what"
            | "which"
    )
}

fn push_new(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Sorted ranges with overlaps joined.
/// Match ranges in folded text mapped back to the original characters,
/// sorted and merged.
fn in_original(map: Option<&[u32]>, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    merge(ranges.into_iter().map(|x| to_orig(map, x)).collect())
}

fn merge(mut v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    v.sort_unstable_by_key(|r| (r.start, r.end));
    // In place: `kept` ranges merged so far, at the front.
    let mut kept: usize = 0;
    for i in 0..v.len() {
        let r = v[i].clone();
        if r.is_empty() {
            continue;
        }
        match kept.checked_sub(1).map(|k| &mut v[k]) {
            Some(l) if r.start < l.end => l.end = l.end.max(r.end),
            _ => {
                v[kept] = r;
                kept += 1;
            }
        }
    }
    v.truncate(kept);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;

    /// A result line's parts, read at once, are the heading and snippet.
    #[test]
    fn row_is_heading_and_snippet() {
        let ix = Index::new(&Document::embedded());
        let mut rows = 0;
        for q in [
            "融资",
            "知识产权质押",
            "zjtx",
            "减税",
            "第十二条",
            "人民银行",
            "a:pboc",
        ] {
            for h in ix.search_all(q, usize::MAX).unwrap().hits {
                let row = ix.row(&h).unwrap();
                let (label, title, _) = ix.heading(&h);
                assert_eq!((row.label, row.title), (label, title), "{q}");
                for w in [0, 1, 2, 5, 20, 58, 200] {
                    let mut line = String::from("x");
                    row.snippet_into(w, &mut line);
                    assert_eq!(line[1..], ix.snippet(&h, w).text, "{q} {w}");
                }
                rows += 1;
            }
        }
        assert!(rows >= 20, "{rows}");
    }

    /// A lone term's matches are kept for the next keystroke also when every
    /// hit was kept (and so carries its ranges); not after a widening tier.
    #[test]
    fn matches_are_remembered_whatever_the_limit() {
        for limit in [1, usize::MAX] {
            // A new index each time: nothing remembered to narrow from.
            let ix = Index::new(&Document::embedded());
            ix.search_all("融", limit).unwrap();
            assert!(ix.narrow.lock().unwrap().is_some(), "{limit}");
        }
        let ix = Index::new(&Document::embedded());
        ix.search_all("值押", usize::MAX).unwrap();
        assert!(ix.narrow.lock().unwrap().is_none());
    }

    /// Merging in place gives what merging into a new list did.
    #[test]
    fn rank_order_in_place_is_a_sort_by_rank() {
        for n in [0, 1, 2, 7, 1000] {
            // A shuffled permutation: item `at` goes to `rank[at]`.
            let mut rank: Vec<usize> = (0..n).collect();
            let mut x = 12345u64;
            for i in (1..n).rev() {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                rank.swap(i, (x >> 33) as usize % (i + 1));
            }
            let v: Vec<(usize, String)> = (0..n).map(|at| (at, format!("item {at}"))).collect();
            let mut want = v.clone();
            want.sort_by_key(|(at, _)| rank[*at]);
            assert_eq!(into_rank_order(v, |at| rank[at]), want, "{n}");
        }
    }

    #[test]
    fn merge_in_place_is_merge() {
        let plain = |mut v: Vec<Range<usize>>| {
            v.sort_by_key(|r| (r.start, r.end));
            let mut out: Vec<Range<usize>> = Vec::new();
            for r in v.into_iter().filter(|r| !r.is_empty()) {
                match out.last_mut() {
                    Some(l) if r.start < l.end => l.end = l.end.max(r.end),
                    _ => out.push(r),
                }
            }
            out
        };
        let mut seed = 11u64;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) % m) as usize
        };
        for _ in 0..2000 {
            let v: Vec<Range<usize>> = (0..next(8))
                .map(|_| {
                    let a = next(20);
                    a..a + next(5)
                })
                .collect();
            assert_eq!(merge(v.clone()), plain(v.clone()), "{v:?}");
        }
    }

    #[test]
    fn pair_set_has_no_false_negatives() {
        let ix = Index::new(&Document::embedded());
        for ri in 0..ix.records.len() {
            let v = ix.view(ri);
            assert!(ix.may_occur(v.title) && ix.may_occur(v.body));
        }
        // Pairs it lacks: at most a rare false positive among these.
        let absent = ["量子", "首台", "台套", "电费", "房地", "芯片"];
        let fp = absent
            .iter()
            .filter(|p| ix.may_occur(&p.chars().collect::<Vec<_>>()))
            .count();
        assert!(fp <= 1, "{fp}");
        // Non-ideograph pairs are not tracked and never block.
        assert!(ix.may_occur(&['1', '2', '3']));
    }

    /// Everything a result shows, to compare two runs of a query.
    fn shown(r: &Results) -> Vec<String> {
        let mut v: Vec<String> = r
            .hits
            .iter()
            .chain(&r.related)
            .map(|h| {
                format!(
                    "{:?} {:?} {} {:?} {:?} {:?} {:?} {:?} {}",
                    h.path,
                    h.ordinal,
                    h.score,
                    h.tier,
                    h.field,
                    h.title_matches,
                    h.text_matches,
                    h.agency_matches,
                    h.jump
                )
            })
            .collect();
        v.push(format!("{:?} {:?}", r.also_searched, r.ignored));
        v
    }

    #[test]
    fn several_terms_in_one_pass_find_what_a_pass_per_term_finds() {
        let doc = crate::search::replicate(&Document::embedded(), 3);
        let ix = Index::new(&doc);
        let queries = [
            "融资 担保",
            "担保 融资 银行",
            "知识产权 质押",
            "融资 知识产权值押",
            "知识产权值押 融资",
            "zjtx 融资",
            "rongzi danbao",
            "融资 量子计算",
            "量子计算 区块链",
            "tax loan",
            "loan 融资",
            "融资 的",
            "\"融资担保\" 银行",
            "a:pboc 融资 担保",
            "融资 担保 !银行",
            "融資 擔保",
            "融资 融资",
            "减税 融资",
            "x 融资",
        ];
        for q in queries {
            for limit in [3, 200, usize::MAX] {
                let together = ix.search_all(q, limit).unwrap();
                SEPARATE_PASSES.with(|s| s.set(true));
                let separate = ix.search_all(q, limit).unwrap();
                SEPARATE_PASSES.with(|s| s.set(false));
                assert_eq!(shown(&together), shown(&separate), "{q} (limit {limit})");
            }
        }
    }

    #[test]
    fn typing_narrows_to_exactly_what_a_fresh_search_finds() {
        // Typed a character at a time on one index (each query may narrow
        // from the one before) against each query on a fresh index.
        let doc = crate::search::replicate(&Document::embedded(), 3);
        let typed = Index::new(&doc);
        let words = [
            "zjtxqy",
            "kaifayinhang",
            "融资担保",
            "知识产权质押",
            "减税",
            "12366热线",
            "taxes",
            "sta",
            "pboc",
            "zhishichanqun",
            "第十二条",
            "融资 担保",
            "一",
            "量子计算",
            "an",
            "銀行",
            "financing",
        ];
        for w in words {
            let chars: Vec<char> = w.chars().collect();
            for n in 1..=chars.len() {
                let q: String = chars[..n].iter().collect();
                for limit in [3, usize::MAX] {
                    let fresh = Index::new(&doc).search_all(&q, limit).unwrap();
                    let narrowed = typed.search_all(&q, limit).unwrap();
                    assert_eq!(shown(&narrowed), shown(&fresh), "{q} (limit {limit})");
                }
            }
        }
    }

    #[test]
    fn segments_into_words_that_occur() {
        let ix = Index::new(&Document::embedded());
        let seg = |s: &str| {
            ix.segment(&s.chars().collect::<Vec<_>>()).map(|v| {
                v.iter()
                    .map(|p| p.iter().collect::<String>())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(seg("融资担保"), Some(vec!["融资".into(), "担保".into()]));
        assert_eq!(seg("12366热线"), Some(vec!["12366".into(), "热线".into()]));
        assert_eq!(seg("小微企业贷款难"), None);
        assert_eq!(seg("融资"), None);
        assert_eq!(seg("99999热线"), None);
        assert_eq!(seg(&"融资".repeat(9)), None);
    }
}

//! One term against one record: its best tier there (exact, then pinyin;
//! fuzzy only when the caller finds nothing better anywhere), the field it
//! hit, how compact the match is, and every occurrence for highlighting.

use std::ops::Range;

use super::agency::Agencies;
use super::fuzzy::Fuzzy;
use super::index::View;
use super::initials::{Spelling, Summary};
use super::query::Term;
use super::{Field, HitKind, Tier, exact, pinyin};

/// One term's match in one record, at the term's best tier there.
#[derive(Debug)]
pub(super) struct TermHit {
    pub(super) tier: Tier,
    pub(super) field: Field,
    /// Chars covered by the most compact match in `field`.
    pub(super) spread: u32,
    pub(super) fuzzy_score: i64,
    /// Folded char ranges in the title (the first `title_count`), then in
    /// the text (see [`TermHit::ranges`]); `None` when not built (ranked on
    /// counts: see [`Compiled::rank_eval`]; [`Compiled::eval`] builds them
    /// again for the hits that are kept). One allocation of 32-bit ranges:
    /// a broad query keeps tens of thousands of hits, and their size is
    /// memory.
    pub(super) ranges: Option<Box<[Range<u32>]>>,
    /// Occurrences in the title and the text (what BM25 counts), set even
    /// when the ranges are not.
    pub(super) title_count: u32,
    pub(super) body_count: u32,
    pub(super) agencies: Vec<usize>,
}

/// A term prepared for matching, with its result on every agency entry.
pub(super) struct Compiled {
    chars: Vec<char>,
    /// `chars`, prepared for the scans.
    needle: exact::Needle,
    pinyin: Option<pinyin::Matcher>,
    /// A term of letters as the records' initials see it: what lets
    /// [`Compiled::rank_eval`] skip the records that cannot match.
    spelling: Option<Spelling>,
    /// Per agency entry: the term's best (tier, spread) on its spellings.
    entries: Vec<Option<(Tier, usize)>>,
    fuzzy: Option<Fuzzy>,
    fuzzy_entries: Vec<Option<(usize, i64)>>,
}

impl Compiled {
    pub(super) fn new(t: &Term, agencies: &Agencies) -> Compiled {
        let chars: Vec<char> = t.text.chars().collect();
        // An English policy word (tax, loan) is searched through the glossary,
        // not spelt as pinyin initials.
        let english = chars.len() >= 3 && !super::thesaurus::expand(&t.text).is_empty();
        let pinyin = if t.phrase || english {
            None
        } else {
            pinyin::Matcher::new(&t.text)
        };
        let latin = chars.iter().all(|c| c.is_ascii_alphanumeric());
        // A directory spelling (NFRA, 央行) names that agency and the ones it replaced.
        let known = agencies.known(&t.text);
        let entries = agencies
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let hit = |a: &&super::normalize::NormText| {
                    if latin {
                        word_match(&a.chars, &chars)
                    } else {
                        exact::contains(&a.chars, &chars)
                    }
                };
                if e.aliases.iter().any(|a| hit(&a))
                    || known.as_ref().is_some_and(|k| k.get(i) == Some(&true))
                {
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
            spelling: Spelling::new(&t.text),
            needle: exact::Needle::new(&chars),
            chars,
            pinyin,
            entries,
            fuzzy: None,
            fuzzy_entries: Vec::new(),
        }
    }

    /// Whether the term is also matched as pinyin.
    pub(super) fn has_pinyin(&self) -> bool {
        self.pinyin.is_some()
    }

    /// The term as the records' initials see it (a term of letters).
    pub(super) fn spelling(&self) -> Option<&Spelling> {
        self.spelling.as_ref()
    }

    /// Whether any agency entry matches the term (exactly or in pinyin).
    pub(super) fn names_an_agency(&self) -> bool {
        self.entries.iter().any(Option::is_some)
    }

    /// Prepares the fuzzy tier; false when the term is too short for it.
    pub(super) fn enable_fuzzy(&mut self, agencies: &Agencies) -> bool {
        // Latin letters have fuzzy pinyin and the glossary instead: scattered
        // letters in English agency names ("patent" in "dePArTmENTs") are noise.
        if self.chars.iter().all(|c| c.is_ascii()) {
            return false;
        }
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
    pub(super) fn eval(&self, r: &View) -> Option<TermHit> {
        self.eval_where(r, true, true)
    }

    /// [`Compiled::eval`], reading the text for the exact match only where
    /// `exact`, for the pinyin one only where `spelt` (what the record's
    /// initials allow; the agencies are always looked at).
    fn eval_where(&self, r: &View, exact: bool, spelt: bool) -> Option<TermHit> {
        // The exact matches straight into the hit's list (title's, then the
        // text's): one allocation for thousands of hits.
        let mut ranges = Vec::new();
        let mut title = 0;
        if exact {
            let narrow = |x: Range<usize>| small(x.start)..small(x.end);
            self.needle.for_each(r.title, |x| ranges.push(narrow(x)));
            title = ranges.len();
            self.needle.for_each(r.body, |x| ranges.push(narrow(x)));
        }
        let agencies = self.agencies_at(r, Tier::Exact);
        if !ranges.is_empty() || !agencies.is_empty() {
            let n = self.chars.len();
            return Some(self.packed_hit(r, Tier::Exact, (ranges, title), agencies, n, 0));
        }
        let m = self.pinyin.as_ref()?;
        let found = |hay| if spelt { m.find_all(hay) } else { Vec::new() };
        let (title, body) = (found(r.title), found(r.body));
        let agencies = self.agencies_at(r, Tier::Pinyin);
        if title.is_empty() && body.is_empty() && agencies.is_empty() {
            return None;
        }
        Some(self.hit(r, Tier::Pinyin, title, body, agencies, 0, 0))
    }

    /// [`Compiled::eval`] without the ranges: the same tier, field, spread
    /// and counts, nothing allocated for the occurrences. Ranking thousands
    /// of candidates needs only these; the few hits kept call `eval`. Given
    /// the record's initials (see [`super::initials`]), the scans they rule
    /// out are skipped and a one-letter term is counted from them: the same
    /// result either way. With `ranges` (every hit will be kept), the hit
    /// is `eval`'s, ranges and all, found in the same pass.
    pub(super) fn rank_eval(&self, r: &View, s: Option<Summary>, ranges: bool) -> Option<TermHit> {
        let n = self.chars.len();
        let known = s.zip(self.spelling.as_ref());
        if let Some(m) = &self.pinyin
            && let Some(((te, tp), (be, bp))) = Self::letter_counts(m, r, known)
        {
            // One letter: exact and pinyin counted in the same pass.
            let some = |k: usize| (k, (k > 0).then_some(1));
            let agencies = self.agencies_at(r, Tier::Exact);
            if te > 0 || be > 0 || !agencies.is_empty() {
                if ranges {
                    return self.eval(r);
                }
                return Some(self.summary(r, Tier::Exact, some(te), some(be), agencies, 1));
            }
            let agencies = self.agencies_at(r, Tier::Pinyin);
            if tp == 0 && bp == 0 && agencies.is_empty() {
                return None;
            }
            if ranges {
                return self.eval(r);
            }
            return Some(self.summary(r, Tier::Pinyin, some(tp), some(bp), agencies, 0));
        }
        let exact = known.is_none_or(|(s, sp)| sp.may_contain(s));
        let spelt = || known.is_none_or(|(s, sp)| sp.may_spell(s));
        if ranges {
            return self.eval_where(r, exact, spelt());
        }
        let (title, body) = if exact {
            (self.needle.count(r.title), self.needle.count(r.body))
        } else {
            (0, 0)
        };
        let agencies = self.agencies_at(r, Tier::Exact);
        if title > 0 || body > 0 || !agencies.is_empty() {
            let (tmin, bmin) = ((title > 0).then_some(n), (body > 0).then_some(n));
            return Some(self.summary(r, Tier::Exact, (title, tmin), (body, bmin), agencies, n));
        }
        let m = self.pinyin.as_ref()?;
        let (title, body) = if spelt() {
            (m.count(r.title), m.count(r.body))
        } else {
            ((0, None), (0, None))
        };
        let agencies = self.agencies_at(r, Tier::Pinyin);
        if title.0 == 0 && body.0 == 0 && agencies.is_empty() {
            return None;
        }
        Some(self.summary(r, Tier::Pinyin, title, body, agencies, 0))
    }

    /// A one-letter term's (exact, pinyin) counts in the title and the text:
    /// from the record's initials when they have them (the letter itself is
    /// absent), else in one pass over each. `None` for longer terms.
    #[allow(clippy::type_complexity)]
    fn letter_counts(
        m: &pinyin::Matcher,
        r: &View,
        known: Option<(Summary, &Spelling)>,
    ) -> Option<((usize, usize), (usize, usize))> {
        if !m.is_letter() {
            return None;
        }
        if let Some((title, body)) = known.and_then(|(s, sp)| s.letter_counts(sp.first())) {
            return Some(((0, title), (0, body)));
        }
        Some((m.count_letter(r.title)?, m.count_letter(r.body)?))
    }

    /// Where the term occurs in `hay`, exactly or in pinyin: what `!x` looks at.
    pub(super) fn text_ranges(&self, hay: &[char]) -> Vec<Range<usize>> {
        let mut v = self.needle.find_all(hay);
        if let Some(m) = &self.pinyin {
            v.extend(m.find_all(hay));
        }
        v
    }

    /// Whether one of the record's agencies matches the fuzzy term (see
    /// [`Compiled::enable_fuzzy`]): a fuzzy hit without reading the text.
    pub(super) fn fuzzy_agency(&self, r: &View) -> bool {
        r.agencies.iter().any(|&id| {
            self.fuzzy_entries
                .get(id as usize)
                .is_some_and(Option::is_some)
        })
    }

    pub(super) fn eval_fuzzy(&self, r: &View) -> Option<TermHit> {
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
        let title: Vec<Range<usize>> = t.map(|m| m.ranges()).unwrap_or_default();
        let body: Vec<Range<usize>> = b.map(|m| m.ranges()).unwrap_or_default();
        Some(TermHit {
            tier: Tier::Fuzzy,
            field,
            spread: small(spread),
            fuzzy_score: score,
            title_count: small(title.len()),
            body_count: small(body.len()),
            ranges: Some(pack(&title, &body)),
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
    pub(super) fn hit(
        &self,
        r: &View,
        tier: Tier,
        title: Vec<Range<usize>>,
        body: Vec<Range<usize>>,
        agencies: Vec<usize>,
        exact_len: usize,
        fuzzy_score: i64,
    ) -> TermHit {
        let title_n = title.len();
        let ranges = pack(&title, &body).into_vec();
        self.packed_hit(r, tier, (ranges, title_n), agencies, exact_len, fuzzy_score)
    }

    /// [`Compiled::hit`] from the ranges as [`TermHit::ranges`] stores them
    /// and how many are the title's.
    fn packed_hit(
        &self,
        r: &View,
        tier: Tier,
        (ranges, title): (Vec<Range<u32>>, usize),
        agencies: Vec<usize>,
        exact_len: usize,
        fuzzy_score: i64,
    ) -> TermHit {
        let (t, b) = ranges.split_at(title.min(ranges.len()));
        let shortest = |v: &[Range<u32>]| v.iter().map(|x| x.len()).min();
        let mut h = self.summary(
            r,
            tier,
            (t.len(), shortest(t)),
            (b.len(), shortest(b)),
            agencies,
            exact_len,
        );
        h.fuzzy_score = fuzzy_score;
        h.ranges = Some(ranges.into_boxed_slice());
        h
    }

    /// A lazy hit from (count, shortest length) in the title and the text.
    fn summary(
        &self,
        r: &View,
        tier: Tier,
        title: (usize, Option<usize>),
        body: (usize, Option<usize>),
        agencies: Vec<usize>,
        exact_len: usize,
    ) -> TermHit {
        let (field, spread) = if let Some(s) = title.1 {
            (Field::Title, s)
        } else if !agencies.is_empty() {
            let s = agencies
                .iter()
                .filter_map(|&i| self.entries[r.agencies[i] as usize].map(|(_, s)| s))
                .min()
                .unwrap_or(exact_len);
            (Field::Agency, s)
        } else {
            (Field::Body, body.1.unwrap_or(exact_len))
        };
        let field = if r.kind == HitKind::Document {
            Field::Meta
        } else {
            field
        };
        TermHit {
            tier,
            field,
            spread: small(spread),
            fuzzy_score: 0,
            ranges: None,
            title_count: small(title.0),
            body_count: small(body.0),
            agencies,
        }
    }
}

/// A count or a length as stored in a [`TermHit`] (a record's text is far
/// shorter than 4G chars; a larger one saturates).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Title and text ranges as [`TermHit::ranges`] stores them.
fn pack(title: &[Range<usize>], body: &[Range<usize>]) -> Box<[Range<u32>]> {
    title
        .iter()
        .chain(body)
        .map(|r| small(r.start)..small(r.end))
        .collect()
}

impl TermHit {
    /// The folded char ranges in the title and in the text, when built.
    pub(super) fn ranges(&self) -> Option<[impl Iterator<Item = Range<usize>> + '_; 2]> {
        let all = self.ranges.as_deref()?;
        let (title, body) = all.split_at((self.title_count as usize).min(all.len()));
        fn wide(v: &[Range<u32>]) -> impl Iterator<Item = Range<usize>> + '_ {
            v.iter().map(|r| r.start as usize..r.end as usize)
        }
        Some([wide(title), wide(body)])
    }
}

/// Whether Latin `term` occurs in `alias` at a word start; a term of three
/// letters or fewer must be the whole word (an abbreviation: STA is not
/// "State …", rc is not inside "NDRC").
fn word_match(alias: &[char], term: &[char]) -> bool {
    let n = term.len();
    if n == 0 || alias.len() < n {
        return false;
    }
    let boundary = |i: usize| i == 0 || i >= alias.len() || !alias[i].is_alphanumeric();
    (0..=alias.len() - n).any(|s| {
        (s == 0 || !alias[s - 1].is_alphanumeric())
            && alias[s..s + n] == *term
            && (n > 3 || boundary(s + n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn latin_terms_match_at_word_starts() {
        assert!(word_match(
            &c("state taxation administration"),
            &c("taxation")
        ));
        assert!(!word_match(&c("state taxation administration"), &c("tax")));
        assert!(!word_match(&c("state taxation administration"), &c("sta")));
        assert!(word_match(&c("sta"), &c("sta")));
        assert!(!word_match(&c("ndrc"), &c("rc")));
        assert!(word_match(&c("people's bank of china"), &c("bank")));
        assert!(word_match(&c("ministry of finance"), &c("finan")));
        assert!(!word_match(&c("departments"), &c("part")));
    }
}

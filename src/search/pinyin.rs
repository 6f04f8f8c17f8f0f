//! Contiguous pinyin matching: a query of ASCII letters against Chinese text,
//! each character spelt by its full syllable, its initial (z or zh), or — for
//! the last character — a prefix of its syllable (so typing "kaifayinh" already
//! finds 开发银行). Every reading of a polyphonic character is accepted (行 is
//! xing and hang, 重 zhong and chong). Scattered initials are never matched: they
//! would match nearly everything.

use std::sync::OnceLock;

use super::pinyin_table::{FIRST, LAST, fuzzy_form};

/// Readings of every ideograph in U+3400..=U+9FFF, made at build time
/// (build.rs, from the pinyin crate) and shared by every index.
struct Table {
    /// Per char: bit `n` set when a reading starts with letter `a + n`.
    masks: &'static [u32],
    /// Per char: its readings, a range of `ids`.
    spans: &'static [(u32, u8)],
    /// Per reading of a char: its syllable's id in `syllables` (ids, not
    /// the texts: a table of 35,000 pointers would be as many relocations
    /// to apply on every start).
    ids: &'static [u16],
    /// Every distinct reading, and its fuzzy form (see [`fuzzy_form`]).
    syllables: &'static [&'static [u8]],
    fuzzy: &'static [&'static [u8]],
}

mod generated {
    include!(concat!(env!("OUT_DIR"), "/pinyin_table.rs"));
}

static TABLE: Table = Table {
    masks: &generated::MASKS,
    spans: &generated::SPANS,
    ids: &generated::IDS,
    syllables: &generated::SYLLABLES,
    fuzzy: &generated::FUZZY,
};

fn table() -> &'static Table {
    &TABLE
}

impl Table {
    /// The readings in `span` (see [`Table::spans`]).
    fn readings(&self, (start, len): (u32, u8)) -> impl Iterator<Item = &'static [u8]> + use<> {
        let (ids, syllables) = (self.ids, self.syllables);
        ids.get(start as usize..start as usize + len as usize)
            .unwrap_or(&[])
            .iter()
            .map(move |&id| syllables.get(id as usize).copied().unwrap_or(b""))
    }
}

/// The plain readings of `c` (empty when it has none), e.g. 行 → xing, hang, heng.
#[cfg(test)]
pub fn readings(c: char) -> impl Iterator<Item = &'static [u8]> {
    let t = table();
    t.readings(slot(c).map_or((0, 0), |i| t.spans[i]))
}

/// Per ideograph U+3400..=U+9FFF (index `c - FIRST_IDEOGRAPH`): bit `n` set
/// when one of its readings starts with letter `a + n`.
pub(super) fn initial_masks() -> &'static [u32] {
    table().masks
}

/// The first code point of [`initial_masks`].
pub(super) const FIRST_IDEOGRAPH: u32 = FIRST;

/// Every distinct reading as typed (ü as v and as u).
pub(super) fn syllables() -> &'static [&'static [u8]] {
    table().syllables
}

/// Closing quotation and title marks: a pinyin match runs across them.
pub(super) fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '’' | '》' | '〉' | '」' | '』')
}

/// Syllable ids of `c`'s readings (empty when it has none).
fn ids(t: &Table, c: char) -> &[u16] {
    let (start, len) = slot(c).map_or((0, 0), |i| t.spans[i]);
    &t.ids[start as usize..start as usize + len as usize]
}

/// Whether two byte strings are at most one edit apart (insert, delete, substitute).
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if a.len() == b.len() {
        a[p..].iter().skip(1).eq(b[p..].iter().skip(1))
    } else {
        a[p..] == b[p + 1..]
    }
}

/// Chinese terms matched by sound: each char of the text equals the term's
/// char or shares a reading with it (值押 finds 质押, 数子化 finds 数字化),
/// for the input-method slips that put a homophone in place of the word.
/// At most a third of the term (at least one char) may be substituted.
pub struct Homophones {
    chars: Vec<char>,
    /// Per term char: a bitset of its syllable ids.
    sets: Vec<Vec<u64>>,
    max_subst: usize,
    /// Which ideographs (by slot) sound like the first char: the first test
    /// at each position of a text, one bit lookup.
    first: Vec<u64>,
    table: &'static Table,
}

impl Homophones {
    /// `None` unless `term` is 2 or more ideographs that all have readings.
    pub fn new(term: &[char]) -> Option<Homophones> {
        if term.len() < 2 || !term.iter().all(|&c| super::normalize::is_ideograph(c)) {
            return None;
        }
        let t = table();
        let words = t.syllables.len().div_ceil(64);
        let mut sets = Vec::with_capacity(term.len());
        for &c in term {
            let ids = ids(t, c);
            if ids.is_empty() {
                return None;
            }
            let mut set = vec![0u64; words];
            for &i in ids {
                set[i as usize / 64] |= 1 << (i % 64);
            }
            sets.push(set);
        }
        let mut first = vec![0u64; (LAST - FIRST + 1).div_ceil(64) as usize];
        for (i, &(start, len)) in t.spans.iter().enumerate() {
            let hit = t.ids[start as usize..start as usize + len as usize]
                .iter()
                .any(|&id| sets[0][id as usize / 64] & (1 << (id % 64)) != 0);
            if hit && i / 64 < first.len() {
                first[i / 64] |= 1 << (i % 64);
            }
        }
        Some(Homophones {
            first,
            chars: term.to_vec(),
            sets,
            max_subst: (term.len() / 3).max(1),
            table: t,
        })
    }

    /// Adjacent pairs of the term that a match keeps as typed, at least
    /// (each substituted char breaks at most two): when fewer of the term's
    /// pairs occur in a text, it cannot match there.
    pub fn exact_pairs(&self) -> usize {
        (self.chars.len() - 1).saturating_sub(2 * self.max_subst)
    }

    fn same_sound(&self, j: usize, c: char) -> bool {
        ids(self.table, c)
            .iter()
            .any(|&i| self.sets[j][i as usize / 64] & (1 << (i % 64)) != 0)
    }

    /// Every non-overlapping match, left to right.
    pub fn find_all(&self, text: &[char]) -> Vec<std::ops::Range<usize>> {
        let n = self.chars.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= text.len() {
            let c0 = text[i];
            if c0 != self.chars[0]
                && slot(c0).is_none_or(|s| self.first[s / 64] & (1 << (s % 64)) == 0)
            {
                i += 1;
                continue;
            }
            let mut subst = 0;
            let ok = (0..n).all(|j| {
                let c = text[i + j];
                if c == self.chars[j] {
                    true
                } else if subst < self.max_subst && self.same_sound(j, c) {
                    subst += 1;
                    true
                } else {
                    false
                }
            });
            if ok && subst > 0 {
                out.push(i..i + n);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// The syllables a query is split into: every reading, but single letters
/// only as a, e, o (m, n are noise here). Built once.
fn split_syllables() -> &'static std::collections::HashSet<&'static [u8]> {
    static S: OnceLock<std::collections::HashSet<&'static [u8]>> = OnceLock::new();
    S.get_or_init(|| {
        table()
            .syllables
            .iter()
            .copied()
            .filter(|s| s.len() > 1 || matches!(s, [b'a' | b'e' | b'o']))
            .collect()
    })
}

/// Pinyin typed with the slips input methods forgive: fuzzy initials and
/// finals (see [`fuzzy_form`]), then one syllable one edit off
/// (zhishichanqun finds 知识产权). The query must split into at least two
/// syllables; each text char must have a reading that fits its syllable.
pub struct FuzzyPinyin {
    /// The query's syllables, in fuzzy form.
    syllables: Vec<Vec<u8>>,
    /// Per (query syllable, syllable id): how it fits, once computed
    /// ([`UNKNOWN`] before): each pair is compared once per query.
    memo: std::cell::RefCell<Vec<u8>>,
    table: &'static Table,
    /// Per ideograph: how it fits the first syllable (see [`FuzzyPinyin::fit`])
    /// when it may start a match, else 0; built once the query has read
    /// [`TABLE_AFTER`] chars.
    first_fit: std::cell::OnceCell<Box<[u8]>>,
    scanned: std::sync::atomic::AtomicUsize,
}

const UNKNOWN: u8 = u8::MAX;

impl FuzzyPinyin {
    /// The matcher for the query's best split into syllables (see [`FuzzyPinyin::all`]).
    #[cfg(test)]
    pub fn new(q: &str) -> Option<FuzzyPinyin> {
        FuzzyPinyin::all(q).into_iter().next()
    }

    /// Matchers for the query's two plausible splits into syllables: the one
    /// with only real syllables (fewest), and the one with a single typo'd
    /// chunk (shortest): `zhaopim` is zhao·pi·m or zhao·pim, and only the
    /// second finds 招聘. Empty when no split has two syllables or more.
    pub fn all(q: &str) -> Vec<FuzzyPinyin> {
        if !is_pinyin_query(q) || q.len() > 60 {
            return Vec::new();
        }
        let t = table();
        let valid = split_syllables();
        let b = q.as_bytes();
        let n = b.len();
        // best[k][i]: (typo'd letters, syllables, previous cut, previous k)
        // for b[..i] with k typo'd chunks.
        type Step = Option<(usize, usize, usize, usize)>;
        let mut best: [Vec<Step>; 2] = [vec![None; n + 1], vec![None; n + 1]];
        best[0][0] = Some((0, 0, 0, 0));
        for i in 0..n {
            for k in 0..2 {
                let Some((bad_len, count, _, _)) = best[k][i] else {
                    continue;
                };
                for len in 1..=6.min(n - i) {
                    let chunk = &b[i..i + len];
                    let ok = valid.contains(chunk);
                    let k2 = k + usize::from(!ok);
                    if (!ok && len < 2) || k2 > 1 {
                        continue;
                    }
                    let cand = (bad_len + if ok { 0 } else { len }, count + 1, i, k);
                    let slot = &mut best[k2][i + len];
                    if slot.is_none_or(|s| (cand.0, cand.1) < (s.0, s.1)) {
                        *slot = Some(cand);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for k in 0..2 {
            let Some((_, count, _, _)) = best[k][n] else {
                continue;
            };
            if count < 2 {
                continue;
            }
            let mut cuts = vec![n];
            let (mut i, mut kk) = (n, k);
            while i > 0 {
                let Some((_, _, pi, pk)) = best[kk][i] else {
                    break;
                };
                i = pi;
                kk = pk;
                cuts.push(i);
            }
            cuts.reverse();
            let syllables: Vec<Vec<u8>> = cuts
                .windows(2)
                .map(|w| fuzzy_form(&b[w[0]..w[1]]))
                .collect();
            out.push(FuzzyPinyin {
                memo: std::cell::RefCell::new(vec![UNKNOWN; syllables.len() * t.syllables.len()]),
                syllables,
                table: t,
                first_fit: std::cell::OnceCell::new(),
                scanned: std::sync::atomic::AtomicUsize::new(0),
            });
        }
        out
    }

    /// Whether `c` reads as syllable `j`: 0 no, 1 by fuzzy form, 2 one edit off.
    fn fit(&self, j: usize, c: char) -> u8 {
        let q = &self.syllables[j];
        let n = self.table.syllables.len();
        let mut memo = self.memo.borrow_mut();
        let mut best = 0;
        for &i in ids(self.table, c) {
            let slot = &mut memo[j * n + i as usize];
            if *slot == UNKNOWN {
                let f = &self.table.fuzzy[i as usize];
                *slot = if f == q {
                    1
                } else if one_edit(f, q) {
                    2
                } else {
                    0
                };
            }
            best = match (best, *slot) {
                (1, _) | (_, 1) => 1,
                (b, s) => b.max(s),
            };
        }
        best
    }

    /// Per syllable, the initials of the readings that fit it without an
    /// edit (fuzzy forms share their first letter, but l also stands for n):
    /// what a record's initials must allow (see `search/initials.rs`).
    pub(super) fn initial_sets(&self) -> Vec<u32> {
        self.syllables
            .iter()
            .map(|s| {
                let bit = |l: u8| 1u32 << (l - b'a');
                bit(s[0]) | if s[0] == b'l' { bit(b'n') } else { 0 }
            })
            .collect()
    }

    /// Per ideograph: [`FuzzyPinyin::fit`] to the first syllable where a
    /// match may start (a reading with its first letter, or n for l), else 0.
    fn first_fit(&self) -> &[u8] {
        self.first_fit.get_or_init(|| {
            let first = self.initial_sets()[0];
            (FIRST..=LAST)
                .zip(self.table.masks)
                .map(|(code, &m)| match char::from_u32(code) {
                    Some(c) if m & first != 0 => self.fit(0, c),
                    _ => 0,
                })
                .collect()
        })
    }

    /// Builds the first-syllable table now (a scan uses it from then on).
    #[cfg(test)]
    pub fn prepare(&self) {
        self.first_fit();
    }

    /// [`FuzzyPinyin::find_all`] testing every char as a start, without the
    /// table.
    fn find_all_walking(&self, text: &[char]) -> Vec<std::ops::Range<usize>> {
        let first = self.initial_sets()[0];
        self.scan(text, |c| {
            if slot(c).is_some_and(|s| self.table.masks[s] & first != 0) {
                self.fit(0, c)
            } else {
                0
            }
        })
    }

    /// Every non-overlapping match, left to right.
    pub fn find_all(&self, text: &[char]) -> Vec<std::ops::Range<usize>> {
        let first = match self.first_fit.get() {
            Some(first) => first,
            None if table_pays(&self.scanned, text.len()) => self.first_fit(),
            None => return self.find_all_walking(text),
        };
        // The first char from the table: most chars cannot start a match.
        self.scan(text, |c| {
            first
                .get((c as u32).wrapping_sub(FIRST) as usize)
                .copied()
                .unwrap_or(0)
        })
    }

    /// The matches, `start_fit` telling how the first syllable fits a char
    /// (0 not, 1 as typed, 2 one edit off; see `fit`).
    fn scan(&self, text: &[char], start_fit: impl Fn(char) -> u8) -> Vec<std::ops::Range<usize>> {
        let n = self.syllables.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= text.len() {
            let f = start_fit(text[i]);
            let mut edits = usize::from(f == 2);
            let ok = f != 0
                && (1..n).all(|j| match self.fit(j, text[i + j]) {
                    1 => true,
                    2 if edits == 0 => {
                        edits += 1;
                        true
                    }
                    _ => false,
                });
            if ok {
                out.push(i..i + n);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// `a.starts_with(b)` for the few bytes of a syllable, without a call to
/// `memcmp` (the hot loop of pinyin matching).
#[inline]
fn starts_with(a: &[u8], b: &[u8]) -> bool {
    a.len() >= b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn slot(c: char) -> Option<usize> {
    let code = c as u32;
    (FIRST..=LAST)
        .contains(&code)
        .then(|| (code - FIRST) as usize)
}

/// Whether `q` can be a pinyin query: ASCII lowercase letters only (already
/// folded), short enough for the matcher's state set.
pub fn is_pinyin_query(q: &str) -> bool {
    !q.is_empty() && q.len() < 128 && q.bytes().all(|b| b.is_ascii_lowercase())
}

/// A compiled pinyin query.
pub struct Matcher {
    q: Vec<u8>,
    first_bit: u32,
    table: &'static Table,
    /// Per ideograph, how a match can start there (see [`Matcher::starts`]);
    /// built once the query has read [`TABLE_AFTER`] chars.
    starts: OnceLock<Box<[u32]>>,
    /// Chars read so far.
    scanned: std::sync::atomic::AtomicUsize,
}

/// Chars a query reads before a per-query table over every ideograph
/// (tens of µs to build) pays: a search of one document never builds one, a
/// search of a thousand does after a few records.
const TABLE_AFTER: usize = 1 << 16;

/// Whether a query that has read `scanned` chars and now reads `more`
/// should build its table.
fn table_pays(scanned: &std::sync::atomic::AtomicUsize, more: usize) -> bool {
    scanned.fetch_add(more, std::sync::atomic::Ordering::Relaxed) + more > TABLE_AFTER
}

/// In [`Matcher::starts`]: a reading starts with the whole query.
const WHOLE: u32 = 1 << 31;

impl Matcher {
    /// `None` unless [`is_pinyin_query`].
    pub fn new(q: &str) -> Option<Matcher> {
        is_pinyin_query(q).then(|| Matcher {
            q: q.as_bytes().to_vec(),
            first_bit: 1 << (q.as_bytes()[0] - b'a'),
            table: table(),
            starts: OnceLock::new(),
            scanned: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Per ideograph (index `c - FIRST`): [`WHOLE`] when one of its readings
    /// starts with the query (the shortest match is that char alone); else
    /// the initials the next char must have for a longer match to start
    /// here (0: none can). One pass over the table per query, so that a
    /// scan costs a lookup per char and a walk only where the next char fits.
    fn starts(&self) -> &[u32] {
        self.starts.get_or_init(|| {
            let t = self.table;
            let q = &self.q[..];
            let n = q.len();
            // A longer match ends in a char spelling a suffix's prefix.
            let longer = (1..n).any(|s| t.syllables.iter().any(|r| starts_with(r, &q[s..])));
            let bit = |p: usize| 1u32 << (q[p] - b'a');
            t.masks
                .iter()
                .zip(t.spans)
                .map(|(&m, &span)| {
                    if m & self.first_bit == 0 {
                        return 0;
                    }
                    if t.readings(span).any(|r| starts_with(r, q)) {
                        return WHOLE;
                    }
                    if !longer {
                        return 0;
                    }
                    // Where the next char starts: after this char's initial,
                    // its zh / ch / sh, or its whole syllable (as `match_at`).
                    let mut next = 0;
                    for r in t.readings(span).filter(|r| r.first() == q.first()) {
                        next |= bit(1);
                        let zh = r.len() > 1 && r[1] == b'h' && matches!(r[0], b'z' | b'c' | b's');
                        if zh && q[1] == b'h' && n > 2 {
                            next |= bit(2);
                        }
                        if r.len() < n && starts_with(q, r) {
                            next |= bit(r.len());
                        }
                    }
                    next
                })
                .collect()
        })
    }

    /// The end (exclusive) of the shortest match starting at `text[i]`.
    pub fn match_at(&self, text: &[char], i: usize) -> Option<usize> {
        let t = self.table;
        let first = slot(*text.get(i)?)?;
        if t.masks[first] & self.first_bit == 0 {
            return None;
        }
        let n = self.q.len();
        // Breadth-first over the query positions reachable after each char:
        // linear in the text, no backtracking blow-up ("shishishi…").
        let mut states: u128 = 1;
        for (k, &c) in text[i..].iter().enumerate() {
            // A closing quotation mark inside a phrase doesn't break it:
            // zjtxqy finds 专精特新”企业 (an opening one still does: 引导“专精).
            if k > 0 && is_closing_mark(c) {
                continue;
            }
            let s = slot(c)?;
            let (start, len) = t.spans[s];
            let mut next: u128 = 0;
            let mut rest = states;
            while rest != 0 {
                let p = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let q = &self.q[p..];
                if t.masks[s] & (1 << (q[0] - b'a')) == 0 {
                    continue;
                }
                for r in t.readings((start, len)) {
                    if starts_with(r, q) {
                        // The query ends inside (or exactly at the end of) this syllable.
                        return Some(i + k + 1);
                    }
                    if starts_with(q, r) {
                        next |= 1 << (p + r.len());
                    }
                    if r[0] == q[0] {
                        next |= 1 << (p + 1);
                        if r.len() > 1
                            && r[1] == b'h'
                            && matches!(r[0], b'z' | b'c' | b's')
                            && q.get(1) == Some(&b'h')
                        {
                            next |= 1 << (p + 2);
                        }
                    }
                }
            }
            if next & (1 << n) != 0 {
                return Some(i + k + 1);
            }
            if next == 0 {
                return None;
            }
            states = next;
        }
        None
    }

    /// Every non-overlapping match, left to right, as char ranges.
    pub fn find_all(&self, text: &[char]) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        self.for_each(text, |r| out.push(r));
        out
    }

    /// How many matches [`Matcher::find_all`] gives and the shortest one's
    /// length, without allocating: what ranking needs.
    pub fn count(&self, text: &[char]) -> (usize, Option<usize>) {
        let (mut n, mut min) = (0, None::<usize>);
        self.for_each(text, |r| {
            n += 1;
            min = Some(min.map_or(r.len(), |m| m.min(r.len())));
        });
        (n, min)
    }

    /// Whether the query is one letter (see [`Matcher::count_letter`]).
    pub fn is_letter(&self) -> bool {
        self.q.len() == 1
    }

    /// For a one-letter query, in one pass: how often the letter itself
    /// occurs (its exact matches) and how many chars have a reading that
    /// starts with it (its pinyin matches). `None` for longer queries.
    pub fn count_letter(&self, text: &[char]) -> Option<(usize, usize)> {
        let &[letter] = self.q.as_slice() else {
            return None;
        };
        let (letter, bit) = (u32::from(letter), self.first_bit);
        let masks = self.table.masks;
        let (mut exact, mut pinyin) = (0, 0);
        // Branch-light: this runs over every char of the document.
        for &c in text {
            let code = c as u32;
            let m = masks
                .get(code.wrapping_sub(FIRST) as usize)
                .copied()
                .unwrap_or(0);
            pinyin += usize::from(m & bit != 0);
            exact += usize::from(code == letter);
        }
        Some((exact, pinyin))
    }

    /// Builds the per-query table now (a scan uses it from then on).
    pub fn prepare(&self) {
        self.starts();
    }

    /// Calls `f` on every non-overlapping match, left to right.
    pub fn for_each(&self, text: &[char], f: impl FnMut(std::ops::Range<usize>)) {
        match self.starts.get() {
            Some(starts) => self.scan(starts, text, f),
            None if table_pays(&self.scanned, text.len()) => self.scan(self.starts(), text, f),
            None => self.walk(text, f),
        }
    }

    /// [`Matcher::for_each`] with the table: a lookup per char, a walk only
    /// where the next char fits.
    fn scan(&self, starts: &[u32], text: &[char], mut f: impl FnMut(std::ops::Range<usize>)) {
        let masks = self.table.masks;
        let at = |c: char| (c as u32).wrapping_sub(FIRST) as usize;
        let mut i = 0;
        while i < text.len() {
            // The cheap tests inline: most chars cannot start a match.
            let s = starts.get(at(text[i])).copied().unwrap_or(0);
            if s == WHOLE {
                f(i..i + 1);
                i += 1;
                continue;
            }
            // A longer match: the next char (past closing marks) must fit.
            let next = if s == 0 {
                None
            } else {
                text[i + 1..]
                    .iter()
                    .position(|&c| !is_closing_mark(c))
                    .map(|k| i + 1 + k)
                    .filter(|&j| masks.get(at(text[j])).is_some_and(|m| m & s != 0))
            };
            let end = match next {
                // Two letters: this char took the first, so the next, which
                // has a reading starting with the second, ends the match.
                Some(j) if self.q.len() == 2 => Some(j + 1),
                Some(_) => self.match_at(text, i),
                None => None,
            };
            match end {
                Some(e) => {
                    f(i..e);
                    i = e;
                }
                None => i += 1,
            }
        }
    }

    /// [`Matcher::for_each`] without the table: a walk from every char
    /// with a reading of the query's first letter.
    fn walk(&self, text: &[char], mut f: impl FnMut(std::ops::Range<usize>)) {
        let t = self.table;
        let mut i = 0;
        while i < text.len() {
            let starts = slot(text[i]).is_some_and(|s| t.masks[s] & self.first_bit != 0);
            match if starts { self.match_at(text, i) } else { None } {
                Some(e) => {
                    f(i..e);
                    i = e;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    /// The table built into the binary is the one the pinyin crate gives
    /// now (build.rs made it with the same code).
    #[test]
    fn built_in_table_is_the_crates() {
        let now = super::super::pinyin_table::from_crate();
        let t = table();
        assert_eq!(t.masks, &now.masks[..]);
        assert_eq!(t.spans, &now.spans[..]);
        assert!(
            (0..t.ids.len() as u32)
                .flat_map(|i| t.readings((i, 1)))
                .eq(now.pool.iter().map(|p| p.as_bytes()))
        );
        assert_eq!(t.ids, &now.ids[..]);
        assert!(
            t.syllables
                .iter()
                .copied()
                .eq(now.syllables.iter().map(|p| p.as_bytes()))
        );
        assert!(
            t.fuzzy
                .iter()
                .copied()
                .eq(now.fuzzy.iter().map(Vec::as_slice))
        );
        // Readings and polyphones as expected: 行 xing / hang / heng.
        assert!(readings('行').any(|r| r == b"hang"));
        assert!(t.syllables.len() > 400, "{}", t.syllables.len());
    }

    fn find(q: &str, text: &str) -> Vec<std::ops::Range<usize>> {
        let chars: Vec<char> = text.chars().collect();
        Matcher::new(q).unwrap().find_all(&chars)
    }

    #[test]
    fn polyphonic_readings() {
        let r: Vec<String> = readings('行')
            .map(|r| String::from_utf8(r.to_vec()).unwrap())
            .collect();
        assert!(r.contains(&"hang".to_string()) && r.contains(&"xing".to_string()));
        assert_eq!(find("yinhang", "人民银行"), vec![2..4]);
        assert_eq!(find("chongzu", "并购重组对接"), vec![2..4]);
        assert_eq!(find("tiaozheng", "调整完善"), vec![0..2]);
        assert_eq!(find("lv", "绿色"), vec![0..1]);
        assert_eq!(find("lvse", "绿色"), vec![0..2]);
    }

    #[test]
    fn full_initials_mixed_and_prefix() {
        let t = "引导“专精特新”中小企业";
        assert_eq!(find("zjtx", t), vec![3..7]);
        assert_eq!(find("zhuanjingtexin", t), vec![3..7]);
        assert_eq!(find("zhjtx", t), vec![3..7]);
        assert_eq!(find("kaifayinh", "开发银行"), vec![0..4]);
        assert_eq!(find("zxqy", t), vec![8..12]);
        assert_eq!(find("zjtxzxqy", t), vec![3..12]);
        // Contiguous only: initials across punctuation or scattered don't match.
        assert!(find("ydzj", t).is_empty());
        assert!(find("jx", t).is_empty());
        // 精 also reads qing.
        assert_eq!(find("zq", t), vec![3..5]);
        assert!(find("q", "abc").is_empty());
    }

    #[test]
    fn homophones_and_fuzzy_pinyin() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let h = Homophones::new(&c("知识产权值押")).unwrap();
        assert_eq!(h.find_all(&c("发挥知识产权质押信息平台")), vec![2..8]);
        // The exact word is not a homophone match (the exact tier has it).
        assert!(h.find_all(&c("知识产权值押")).is_empty());
        assert_eq!(
            Homophones::new(&c("数子化"))
                .unwrap()
                .find_all(&c("推动数字化")),
            vec![2..5]
        );
        assert!(
            Homophones::new(&c("数子化"))
                .unwrap()
                .find_all(&c("书子画"))
                .is_empty()
        );
        assert!(Homophones::new(&c("a")).is_none());
        let f = |q: &str, t: &str| FuzzyPinyin::new(q).unwrap().find_all(&c(t));
        assert_eq!(f("zhuanjintexin", "引导专精特新企业"), vec![2..6]);
        assert_eq!(f("shuzhihua", "推动数字化"), vec![2..5]);
        assert_eq!(f("zhishichanqun", "知识产权"), vec![0..4]);
        assert_eq!(f("lengyuan", "能源"), vec![0..2]);
        assert!(f("zhishichanqun", "知识分子").is_empty());
        assert!(FuzzyPinyin::new("stt").is_none());
        // A typo'd syllable: the split with one bad chunk finds it.
        let any = |q: &str, t: &str| {
            FuzzyPinyin::all(q)
                .iter()
                .flat_map(|m| m.find_all(&c(t)))
                .collect::<Vec<_>>()
        };
        assert_eq!(any("zhaopim", "网上招聘"), vec![2..4]);
        assert_eq!(any("hegi", "增强合规意识"), vec![2..4]);
        assert!(FuzzyPinyin::new("zjtx").is_none());
        assert_eq!(fuzzy_form(b"zhang"), b"zan");
        assert!(one_edit(b"qun", b"quan") && !one_edit(b"qun", b"qian"));
    }

    #[test]
    fn pathological_query_is_linear() {
        let t: String = "是".repeat(2000);
        let chars: Vec<char> = t.chars().collect();
        let m = Matcher::new(&"shi".repeat(40)).unwrap();
        assert_eq!(m.match_at(&chars, 0), Some(40));
        assert!(Matcher::new("").is_none());
        assert!(Matcher::new("ab1").is_none());
    }
}

//! What each record's folded title and text can spell in pinyin, summarised
//! in a few words per record, so that a pinyin term is matched only in the
//! records that can hold it, and a one-letter term is ranked from counts
//! without reading the text. Built once per index, on the first query of
//! Latin letters (see [`Index::initials`]), or stored with a library's
//! index and mapped ([`Index::set_initials`]); never changes a result: a
//! record is skipped only when the matcher could not find the term in it.
//!
//! Layout: [`WORDS`] words per record, record `i` at `i * WORDS`, so the
//! whole table is one flat slice that can be stored and mapped as is
//! ([`Initials::words`], [`Initials::from_words`]):
//!
//! - words 0..11 ([`PAIR_WORDS`]): bit `a * 26 + b` when a character with a
//!   reading starting with letter a is followed by one with a reading
//!   starting with b (closing quotes between them skipped, as the matcher
//!   skips them: 新”企 is x–q), or the letter a itself by the letter b;
//! - words 11..22: the same for a character and the one after next (what a
//!   fuzzy pinyin match keeps around a syllable typed one letter off);
//! - word 22: bits 0..26 the initials of the characters' readings, bits
//!   32..58 the letters a–z themselves;
//! - words 23..33: per letter, how many characters of the text have a
//!   reading starting with it (bytes 0..52, u16 little-endian, 65535 when
//!   there are more) and of the title (bytes 52..78, u8, 255 when more).

use std::collections::HashSet;
use std::sync::OnceLock;

use super::index::{Index, View};
use super::pinyin::{FIRST_IDEOGRAPH, FuzzyPinyin, initial_masks, is_closing_mark, syllables};
use super::store::Store;
use super::term::{Compiled, TermHit};

/// Words of the initial-pair bitmap (26 × 26 bits).
pub const PAIR_WORDS: usize = 11;
/// Words per record.
pub const WORDS: usize = 33;

const SKIPS: usize = PAIR_WORDS;
const MASKS: usize = 2 * PAIR_WORDS;
const COUNTS: usize = MASKS + 1;
const TITLE_COUNTS: usize = 52;
const LETTERS_SHIFT: u32 = 32;

/// The summaries of every record of an index.
pub struct Initials {
    words: Store<u64>,
}

impl Initials {
    /// Summaries stored earlier ([`Initials::words`]); `None` unless whole records.
    pub fn from_words(words: Store<u64>) -> Option<Initials> {
        words
            .len()
            .is_multiple_of(WORDS)
            .then_some(Initials { words })
    }

    /// The flat table: [`WORDS`] words per record.
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// The table as held (owned, or in a mapped file).
    pub(super) fn store(&self) -> &Store<u64> {
        &self.words
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.words.len() / WORDS
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Record `rec`'s summary; `None` past the end (then nothing is skipped).
    pub(super) fn record(&self, rec: usize) -> Option<Summary<'_>> {
        let w = self.words.get(rec * WORDS..(rec + 1) * WORDS)?;
        w.try_into().ok().map(Summary)
    }

    /// The summary of one record from its folded title and text.
    pub fn of_record(title: &[char], body: &[char]) -> [u64; WORDS] {
        let mut w = [0u64; WORDS];
        let mut counts = [[0u32; 26]; 2];
        for (text, counts) in [title, body].into_iter().zip(&mut counts) {
            spell(text, &mut w, counts);
        }
        let [title, body] = counts;
        let mut bytes = [0u8; (WORDS - COUNTS) * 8];
        for l in 0..26 {
            let b = body[l].min(u32::from(u16::MAX)) as u16;
            bytes[2 * l..2 * l + 2].copy_from_slice(&b.to_le_bytes());
            bytes[TITLE_COUNTS + l] = title[l].min(u32::from(u8::MAX)) as u8;
        }
        for (k, chunk) in bytes.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            w[COUNTS + k] = u64::from_le_bytes(b);
        }
        w
    }

    /// The summaries of every record of `ix`, on several threads when it is large.
    fn build(ix: &Index) -> Initials {
        Initials::build_on(ix, usize::MAX)
    }

    /// As [`Initials::build`], on at most `max_threads` threads.
    fn build_on(ix: &Index, max_threads: usize) -> Initials {
        let n = ix.len();
        let mut words = vec![0u64; n * WORDS];
        let fill = |first: usize, out: &mut [u64]| {
            for (j, w) in out.chunks_exact_mut(WORDS).enumerate() {
                let v = ix.view(first + j);
                w.copy_from_slice(&Initials::of_record(v.title, v.body));
            }
        };
        let threads = if n < PARALLEL_RECORDS {
            1
        } else {
            std::thread::available_parallelism()
                .map_or(1, |t| t.get().min(8).min(max_threads.max(1)))
        };
        if threads == 1 {
            fill(0, &mut words);
        } else {
            let per = n.div_ceil(threads);
            // A run whose thread cannot be started is done here afterwards.
            let mut left = Vec::new();
            std::thread::scope(|sc| {
                for (k, out) in words.chunks_mut(per * WORDS).enumerate() {
                    let fill = &fill;
                    let spawned = std::thread::Builder::new()
                        .spawn_scoped(sc, move || fill(k * per, out))
                        .is_ok();
                    if !spawned {
                        left.push(k);
                    }
                }
            });
            for k in left {
                let end = ((k + 1) * per * WORDS).min(words.len());
                fill(k * per, &mut words[k * per * WORDS..end]);
            }
        }
        Initials {
            words: Store::owned(words),
        }
    }
}

/// Indexes with fewer records are summarised on the calling thread.
const PARALLEL_RECORDS: usize = 2048;

/// One text's pairs, initials and letters into `w`, its counts into `counts`.
fn spell(text: &[char], w: &mut [u64; WORDS], counts: &mut [u32; 26]) {
    let masks = initial_masks();
    // Per letter a, the letters b of the pairs a–b, and of the pairs a–b
    // one character apart: set into `w` at the end (one OR per char here,
    // the hot loop of the build).
    let mut rows = [0u32; 26];
    let mut skips = [0u32; 26];
    // The initials of the previous character and of the one before it (0:
    // none, the run is broken), and the previous letter + 1 (0: none).
    let (mut prev, mut prev2, mut prev_letter) = (0u32, 0u32, 0usize);
    let mut letters = 0u32;
    for &c in text {
        let m = masks
            .get((c as u32).wrapping_sub(FIRST_IDEOGRAPH) as usize)
            .copied()
            .unwrap_or(0);
        if m != 0 {
            or_rows(&mut rows, prev, m);
            or_rows(&mut skips, prev2, m);
            if m & (m - 1) == 0 {
                // Most characters have one initial: no loop for them.
                counts[(m.trailing_zeros() as usize).min(25)] += 1;
            } else {
                let mut b = m;
                while b != 0 {
                    counts[(b.trailing_zeros() as usize).min(25)] += 1;
                    b &= b - 1;
                }
            }
            (prev2, prev, prev_letter) = (prev, m, 0);
        } else if is_closing_mark(c) {
            // Skipped inside a pinyin match; it separates letters.
            prev_letter = 0;
        } else if c.is_ascii_lowercase() {
            let l = (c as u8 - b'a') as usize;
            letters |= 1 << l;
            if prev_letter > 0 {
                rows[prev_letter - 1] |= 1 << l;
            }
            (prev2, prev, prev_letter) = (0, 0, l + 1);
        } else {
            (prev2, prev, prev_letter) = (0, 0, 0);
        }
    }
    for a in 0..26 {
        set_row(w, 0, a, rows[a]);
        set_row(w, SKIPS, a, skips[a]);
    }
    let initials = (0..26).fold(0u32, |m, l| m | u32::from(counts[l] > 0) << l);
    w[MASKS] |= u64::from(initials) | u64::from(letters) << LETTERS_SHIFT;
}

/// `rows[a] |= m` for every letter a of `from`.
fn or_rows(rows: &mut [u32; 26], from: u32, m: u32) {
    if from & from.wrapping_sub(1) == 0 {
        if from != 0 {
            rows[(from.trailing_zeros() as usize).min(25)] |= m;
        }
    } else {
        let mut a = from;
        while a != 0 {
            rows[(a.trailing_zeros() as usize).min(25)] |= m;
            a &= a - 1;
        }
    }
}

/// Sets the pair bits `a * 26 + b` (in the bitmap at word `base`) for every
/// letter b of `bs`.
fn set_row(w: &mut [u64; WORDS], base: usize, a: usize, bs: u32) {
    let bit = a * 26;
    let (k, off) = (base + bit / 64, bit % 64);
    w[k] |= u64::from(bs) << off;
    if off + 26 > 64 {
        w[k + 1] |= u64::from(bs) >> (64 - off);
    }
}

/// Bit of the pair of letters `a`, `b` (lowercase ASCII).
fn pair_bit(a: u8, b: u8) -> u16 {
    u16::from(a - b'a') * 26 + u16::from(b - b'a')
}

/// The initial-pair bitmap of a text (words 0..11 of [`Initials::of_record`]).
pub fn pairs_of(text: &str) -> [u64; PAIR_WORDS] {
    let chars: Vec<char> = text.chars().collect();
    let w = Initials::of_record(&[], &chars);
    let mut out = [0u64; PAIR_WORDS];
    out.copy_from_slice(&w[..PAIR_WORDS]);
    out
}

/// One record's summary (see the module's layout).
#[derive(Clone, Copy)]
pub(super) struct Summary<'a>(&'a [u64; WORDS]);

impl Summary<'_> {
    fn has_pair(self, bit: u16) -> bool {
        let bit = usize::from(bit);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// [`Summary::has_pair`] for characters one apart.
    fn has_skip(self, bit: u16) -> bool {
        let bit = usize::from(bit);
        self.0[SKIPS + bit / 64] & (1 << (bit % 64)) != 0
    }

    fn initials(self) -> u32 {
        self.0[MASKS] as u32 & ((1 << 26) - 1)
    }

    fn letters(self) -> u32 {
        (self.0[MASKS] >> LETTERS_SHIFT) as u32 & ((1 << 26) - 1)
    }

    fn byte(self, k: usize) -> u8 {
        (self.0[COUNTS + k / 8] >> (8 * (k % 8))) as u8
    }

    /// For a one-letter term: how many characters of the title and of the
    /// text have a reading starting with `letter`; `None` when the letter
    /// itself occurs (an exact match: the text must be read) or a count is
    /// too large to be stored.
    pub(super) fn letter_counts(self, letter: u8) -> Option<(usize, usize)> {
        let l = usize::from(letter.checked_sub(b'a')?);
        if l >= 26 || self.letters() & (1 << l) != 0 {
            return None;
        }
        let body = u16::from_le_bytes([self.byte(2 * l), self.byte(2 * l + 1)]);
        let title = self.byte(TITLE_COUNTS + l);
        (body != u16::MAX && title != u8::MAX).then_some((usize::from(title), usize::from(body)))
    }
}

/// Every reading as typed, and every prefix of one.
struct Syllables {
    whole: HashSet<&'static [u8]>,
    prefixes: HashSet<&'static [u8]>,
    longest: usize,
}

fn syllable_sets() -> &'static Syllables {
    static S: OnceLock<Syllables> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = Syllables {
            whole: HashSet::new(),
            prefixes: HashSet::new(),
            longest: 0,
        };
        for &r in syllables() {
            s.whole.insert(r);
            s.longest = s.longest.max(r.len());
            for k in 1..=r.len() {
                s.prefixes.insert(&r[..k]);
            }
        }
        s
    })
}

/// A term of letters as the summaries see it: what it needs to occur as
/// itself, and the ways a run of characters could spell it in pinyin (full
/// syllables or initials, z or zh, the last syllable possibly cut short, as
/// [`super::pinyin::Matcher`] reads them).
pub struct Spelling {
    q: Vec<u8>,
    /// One character can spell the whole term (it is a reading's prefix).
    single: bool,
    /// (start, end, pair bit of the letters there), by start: a character
    /// can spell `q[start..end]` and the next one start at `end`.
    steps: Vec<(u8, u8, u16)>,
    /// Bit `s` (s ≥ 1) when `q[s..]` is a reading's prefix: a last character
    /// can spell it.
    ends: u128,
    /// The term's letters, and the pairs of adjacent letters.
    letters: u32,
    letter_pairs: Vec<u16>,
}

impl Spelling {
    /// `None` unless the term is 1 to 127 ASCII lowercase letters.
    pub fn new(term: &str) -> Option<Spelling> {
        let q = term.as_bytes().to_vec();
        if q.is_empty() || q.len() >= 128 || !q.iter().all(u8::is_ascii_lowercase) {
            return None;
        }
        let s = syllable_sets();
        let n = q.len();
        let mut steps = Vec::new();
        let mut ends = 0u128;
        for start in 0..n {
            if start > 0 && s.prefixes.contains(&q[start..]) {
                ends |= 1 << start;
            }
            // An initial, zh / ch / sh, or a whole syllable.
            let zh =
                start + 1 < n && q[start + 1] == b'h' && matches!(q[start], b'z' | b'c' | b's');
            let lens = (1..=s.longest.min(n - start))
                .filter(|&l| l == 1 || (l == 2 && zh) || s.whole.contains(&q[start..start + l]));
            for l in lens {
                let end = start + l;
                if end < n {
                    steps.push((start as u8, end as u8, pair_bit(q[start], q[end])));
                }
            }
        }
        let mut letter_pairs: Vec<u16> = q.windows(2).map(|p| pair_bit(p[0], p[1])).collect();
        letter_pairs.sort_unstable();
        letter_pairs.dedup();
        Some(Spelling {
            single: s.prefixes.contains(q.as_slice()),
            letters: q.iter().fold(0, |m, b| m | 1 << (b - b'a')),
            steps,
            ends,
            letter_pairs,
            q,
        })
    }

    /// Whether text with these initial pairs could spell the term with two
    /// characters or more; true when one character can.
    pub fn spelt_by(&self, has_pair: &dyn Fn(u8, u8) -> bool) -> bool {
        self.single || self.reaches(|s, e, _| has_pair(self.q[s], self.q[e]))
    }

    /// A forward pass over the steps (each goes forward, and they are in
    /// order of start): which starts can be reached from 0.
    fn reaches(&self, step: impl Fn(usize, usize, u16) -> bool) -> bool {
        let mut reach: u128 = 1;
        for &(s, e, bit) in &self.steps {
            if reach & (1 << s) != 0 && step(usize::from(s), usize::from(e), bit) {
                reach |= 1 << e;
            }
        }
        reach & self.ends != 0
    }

    /// Whether the record may hold the term as pinyin.
    pub(super) fn may_spell(&self, s: Summary) -> bool {
        s.initials() & (1 << (self.q[0] - b'a')) != 0
            && (self.single || self.reaches(|_, _, bit| s.has_pair(bit)))
    }

    /// Whether the record may hold the term's letters themselves.
    pub(super) fn may_contain(&self, s: Summary) -> bool {
        s.letters() & self.letters == self.letters
            && self.letter_pairs.iter().all(|&b| s.has_pair(b))
    }

    /// The term's first letter.
    pub(super) fn first(&self) -> u8 {
        self.q[0]
    }
}

/// A fuzzy pinyin matcher as the records' initials see it: a match is a
/// run of characters, one per syllable, the first with the first syllable's
/// initial, and every other but at most one (the syllable typed one letter
/// off) with its syllable's (see [`FuzzyPinyin::initial_sets`]).
pub(super) struct FuzzyShape {
    first: u32,
    /// Per syllable j: the pair bits that fit syllables j and j + 1, and
    /// syllables j and j + 2.
    pairs: Vec<Vec<u16>>,
    skips: Vec<Vec<u16>>,
}

impl FuzzyShape {
    pub(super) fn new(m: &FuzzyPinyin) -> FuzzyShape {
        let sets = m.initial_sets();
        let letters = |set: u32| (0..26u8).filter(move |l| set & (1 << l) != 0);
        let cross = |a: u32, b: u32| -> Vec<u16> {
            letters(a)
                .flat_map(|x| letters(b).map(move |y| u16::from(x) * 26 + u16::from(y)))
                .collect()
        };
        // A query of 60 letters at most: far fewer than 127 pairs.
        FuzzyShape {
            first: sets.first().copied().unwrap_or(!0),
            pairs: sets
                .windows(2)
                .map(|w| cross(w[0], w[1]))
                .take(126)
                .collect(),
            skips: sets
                .windows(3)
                .map(|w| cross(w[0], w[2]))
                .take(126)
                .collect(),
        }
    }

    fn may_match(&self, s: Summary) -> bool {
        if s.initials() & self.first == 0 {
            return false;
        }
        let fits = |v: &[Vec<u16>], has: &dyn Fn(u16) -> bool| {
            v.iter()
                .enumerate()
                .filter(|(_, bits)| bits.iter().any(|&b| has(b)))
                .fold(0u128, |m, (j, _)| m | 1 << j)
        };
        let ok = fits(&self.pairs, &|b| s.has_pair(b));
        let all = (1u128 << self.pairs.len()) - 1;
        if ok == all {
            return true;
        }
        // Syllable w typed off (w ≥ 1: the first keeps its initial) frees
        // the pairs on either side, but its neighbours still sit one apart.
        let skip_ok = fits(&self.skips, &|b| s.has_skip(b));
        (1..=self.pairs.len()).any(|w| {
            (ok | 3u128 << (w - 1)) & all == all
                && (w > self.skips.len() || skip_ok & (1 << (w - 1)) != 0)
        })
    }
}

impl Index {
    /// Whether fuzzy pinyin `m` may match in record `rec` (see [`FuzzyShape`]).
    pub(super) fn may_fuzzy_pinyin(&self, shape: &FuzzyShape, rec: usize) -> bool {
        self.summaries()
            .and_then(|i| i.record(rec))
            .is_none_or(|s| shape.may_match(s))
    }

    /// The records' pinyin summaries, built on first use.
    pub(super) fn initials(&self) -> &Initials {
        self.initials.get_or_init(|| Initials::build(self))
    }

    /// Uses `words` (a stored copy of [`Initials::words`]) as this index's
    /// summaries, when they are one summary per record; else they are built
    /// on first need. Returns whether they were taken.
    pub(super) fn set_initials(&self, words: Store<u64>) -> bool {
        words.len() == self.len() * WORDS
            && Initials::from_words(words).is_some_and(|i| self.initials.set(i).is_ok())
    }

    /// The summaries' flat table as stored beside a library's index (built
    /// now when they were not).
    pub(super) fn initial_words(&self) -> &[u64] {
        self.initials().words()
    }

    /// The summaries when they pay: not for a one-off search
    /// ([`Index::set_frugal`]), where building them would read every text
    /// once more than the query does.
    fn summaries(&self) -> Option<&Initials> {
        match self.initials.get() {
            Some(i) => Some(i),
            None if self.frugal.load(std::sync::atomic::Ordering::Relaxed) => None,
            None => Some(self.initials()),
        }
    }

    /// Builds the summaries pinyin queries use now rather than on the first
    /// such query (for a caller that indexes on a background thread), and
    /// the character-pair set a Chinese query checks first (else its first
    /// keystroke reads every text for it).
    pub fn prepare_pinyin(&self) {
        self.initials();
        self.pair_set();
        self.warm();
    }

    /// As [`Index::prepare_pinyin`] on the calling thread only: for a
    /// background thread that must leave the other cores to the first
    /// frame.
    pub fn prepare_pinyin_quietly(&self) {
        self.initials.get_or_init(|| Initials::build_on(self, 1));
        self.pair_set();
        self.warm();
    }

    /// Reads the folded texts and the summaries once, when they are stored
    /// (mapped): the first keystroke then finds them in memory and checked,
    /// as it does when the summaries are built from the texts.
    fn warm(&self) {
        // The tables a first query of letters reads that are made at run
        // time, once per process (the pinyin table itself is built in).
        std::hint::black_box(Spelling::new("zhong"));
        std::hint::black_box(FuzzyPinyin::all("zhongxiao"));
        std::hint::black_box(super::thesaurus::expand("zhong"));
        for c in &self.chunks {
            std::hint::black_box(c.folded.first());
        }
        if let Some(i) = self.initials.get() {
            // One word per page.
            for w in i.words().iter().step_by(512) {
                std::hint::black_box(w);
            }
        }
    }

    /// `ct`'s ranking summary in record `rec`, whose view is `v`
    /// ([`Compiled::rank_eval`], with `ranges` or without), reading the text
    /// only where the record's initials allow a match.
    pub(super) fn rank_term(
        &self,
        ct: &Compiled,
        rec: usize,
        v: &View,
        ranges: bool,
    ) -> Option<TermHit> {
        let s = if ct.spelling().is_some() {
            self.summaries().and_then(|i| i.record(rec))
        } else {
            None
        };
        ct.rank_eval(v, s, ranges)
    }
}

#[cfg(test)]
#[path = "initials_equivalence.rs"]
mod equivalence;

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn summary(text: &str) -> [u64; WORDS] {
        Initials::of_record(&c("标题"), &c(text))
    }

    fn spells(q: &str, text: &str) -> bool {
        Spelling::new(q).unwrap().may_spell(Summary(&summary(text)))
    }

    #[test]
    fn pairs_bridge_closing_quotes_and_follow_readings() {
        assert!(spells("zjtx", "引导“专精特新”企业"));
        assert!(spells("zjtxqy", "引导“专精特新”企业"));
        assert!(spells("zhuanjingtexin", "引导“专精特新”企业"));
        assert!(spells("yinhang", "人民银行") && spells("yinx", "人民银行"));
        // An opening quote breaks the run, as for the matcher.
        assert!(!spells("ydzj", "引导“专精特新”企业"));
        assert!(!spells("qxkj", "引导“专精特新”企业"));
        assert!(!spells("zscq", "知识分子"));
        // A reading's prefix: one character may spell it.
        assert!(spells("zhua", "专") && !spells("zhua", "企业"));
        assert!(Spelling::new("Zs").is_none() && Spelling::new("").is_none());
    }

    #[test]
    fn letters_and_counts() {
        let w = summary("支持SME企业，zs与app");
        let s = Summary(&w);
        assert!(Spelling::new("zs").unwrap().may_contain(s));
        assert!(Spelling::new("app").unwrap().may_contain(s));
        assert!(!Spelling::new("sz").unwrap().may_contain(s));
        // Capitals never reach a summary of folded text; they are no letters.
        assert!(!Spelling::new("sme").unwrap().may_contain(s));
        // z occurs as a letter: the text must be read.
        assert_eq!(s.letter_counts(b'z'), None);
        // 业 ye, 与 yu; 标 biao.
        assert_eq!(s.letter_counts(b'y'), Some((0, 2)));
        assert_eq!(s.letter_counts(b'b'), Some((1, 0)));
        let long = "是".repeat(70_000);
        let w = Initials::of_record(&c(&"是".repeat(300)), &c(&long));
        assert_eq!(Summary(&w).letter_counts(b's'), None);
        let w = Initials::of_record(&c(&"是".repeat(254)), &c(&"是".repeat(65_534)));
        assert_eq!(Summary(&w).letter_counts(b's'), Some((254, 65_534)));
    }

    #[test]
    fn words_round_trip_and_reject_partial_records() {
        let w = Initials::of_record(&[], &c("知识产权"));
        assert_eq!(pairs_of("知识产权")[..], w[..PAIR_WORDS]);
        let ix = Initials::from_words(Store::owned(w.to_vec())).unwrap();
        assert_eq!((ix.len(), ix.words()), (1, &w[..]));
        assert!(ix.record(0).is_some() && ix.record(1).is_none());
        assert!(Initials::from_words(Store::owned(vec![0; WORDS + 1])).is_none());
    }

    #[test]
    fn fuzzy_shape_keeps_a_syllable_typed_off() {
        let text = c("推动发展改革");
        let w = Initials::of_record(&[], &text);
        // 展 typed can: only 发 and 改, one apart, are left to check (f–g
        // are never adjacent here); 革 typed ga, or 展 typed can last.
        for q in ["facangaige", "fazhangaiga", "tuidongfacan"] {
            let ms = FuzzyPinyin::all(q);
            let found: Vec<_> = ms
                .iter()
                .filter(|m| !m.find_all(&text).is_empty())
                .collect();
            assert!(!found.is_empty(), "{q}");
            for m in found {
                assert!(FuzzyShape::new(m).may_match(Summary(&w)), "{q}");
            }
        }
        for q in ["rongzidanbao", "facanxiaige"] {
            for m in FuzzyPinyin::all(q) {
                assert!(m.find_all(&text).is_empty(), "{q}");
                assert!(!FuzzyShape::new(&m).may_match(Summary(&w)), "{q}");
            }
        }
    }

    #[test]
    fn spelt_by_pairs_as_the_library_asks() {
        let p = pairs_of("国家开发银行加大知识产权质押融资");
        let has = |a: u8, b: u8| {
            let bit = usize::from(pair_bit(a, b));
            p[bit / 64] & (1 << (bit % 64)) != 0
        };
        for yes in ["kfyh", "kaifayinh", "zscq", "zhishichanquan", "zh", "rz"] {
            assert!(Spelling::new(yes).unwrap().spelt_by(&has), "{yes}");
        }
        for no in ["qxkj", "liangzijisuan", "zjtx"] {
            assert!(!Spelling::new(no).unwrap().spelt_by(&has), "{no}");
        }
    }
}

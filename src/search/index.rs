//! The index: one record per searchable unit (the document's metadata, each
//! section, each measure), its title and text folded once, stored in a few
//! contiguous chunks; and snippets of its original text.
//!
//! Records are plain fixed-size values whose variable parts (path, agency
//! ids, fold maps) live in their chunk's `pool`, so an index can be stored
//! as it is and memory-mapped back (see [`super::stored`]). An index may
//! hold several documents (a library): each is a run of records starting
//! with its document record.

use std::ops::Range;

use crate::doc::Document;
use crate::doc::agencies::Directory;
use crate::doc::outline::{Kind, Outline, preorder, preorder_items};

use super::agency::Agencies;
use super::normalize::fold_into;
use super::store::Store;
use super::{Hit, HitKind, Snippet, document_text, snippet};

/// A searchable unit: the document's metadata, a section or a measure.
/// Ranges are `[start, end)` in its chunk: bytes of `orig`, chars of
/// `folded`, `u32`s of `pool`.
#[derive(Clone, Copy, Debug, Default, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
pub(super) struct Record {
    /// [`KIND_DOCUMENT`], [`KIND_SECTION`] or [`KIND_MEASURE`], with
    /// [`HAS_TITLE_MAP`] / [`HAS_BODY_MAP`].
    pub(super) flags: u32,
    /// Which document of the index (0 in an index of one).
    pub(super) doc: u32,
    /// The measure's 1-based ordinal, 0 for none.
    pub(super) ordinal: u32,
    /// The item's `number` (0 for the document).
    pub(super) number: u32,
    /// Chars at the start of the text that repeat the title (and its "。"):
    /// where a snippet without a body match starts.
    pub(super) title_prefix: u32,
    pub(super) chunk: u32,
    /// The original text (for snippets), label and title (for result rows).
    pub(super) text: [u32; 2],
    pub(super) label: [u32; 2],
    pub(super) heading: [u32; 2],
    /// Folded title and text.
    pub(super) title: [u32; 2],
    pub(super) body: [u32; 2],
    /// Child indices from `Document::items` (see [`Hit::path`]).
    pub(super) path: [u32; 2],
    /// Agency entry ids, in the item's order.
    pub(super) agencies: [u32; 2],
    /// Per folded char, its char in the original (when folding changed the
    /// length; see [`fold_into`]).
    pub(super) title_map: [u32; 2],
    pub(super) body_map: [u32; 2],
}

pub(super) const KIND_DOCUMENT: u32 = 0;
pub(super) const KIND_SECTION: u32 = 1;
pub(super) const KIND_MEASURE: u32 = 2;
pub(super) const KIND_MASK: u32 = 0xff;
pub(super) const HAS_TITLE_MAP: u32 = 1 << 8;
pub(super) const HAS_BODY_MAP: u32 = 1 << 9;

pub(super) fn range(r: [u32; 2]) -> Range<usize> {
    r[0] as usize..r[1] as usize
}

fn span(r: Range<usize>) -> [u32; 2] {
    [r.start as u32, r.end as u32]
}

impl Record {
    pub(super) fn kind(&self) -> HitKind {
        match self.flags & KIND_MASK {
            KIND_DOCUMENT => HitKind::Document,
            KIND_SECTION => HitKind::Section,
            _ => HitKind::Measure,
        }
    }

    pub(super) fn ordinal(&self) -> Option<usize> {
        (self.ordinal > 0).then_some(self.ordinal as usize)
    }

    /// Length of the folded text, in chars.
    pub(super) fn body_len(&self) -> usize {
        range(self.body).len()
    }
}

/// Texts of a run of records, stored contiguously: a 5 MB corpus is a few
/// large allocations, not tens of thousands, and folds on several threads.
#[derive(Default)]
pub(super) struct Chunk {
    pub(super) orig: Store<u8>,
    pub(super) folded: Store<char>,
    pub(super) pool: Store<u32>,
}

/// What matching sees of a record.
pub(super) struct View<'a> {
    pub(super) kind: HitKind,
    pub(super) title: &'a [char],
    pub(super) body: &'a [char],
    pub(super) agencies: &'a [u32],
}

/// A record before its texts are folded.
struct Pending<'a> {
    kind: HitKind,
    path: Vec<usize>,
    ordinal: Option<usize>,
    number: u32,
    label: &'a str,
    title: &'a str,
    text: &'a str,
    agencies: Vec<u32>,
}

/// The search index of one document, or of several. Built once; queries
/// allocate only their results. `Send + Sync`.
pub struct Index {
    pub(super) records: Store<Record>,
    pub(super) chunks: Vec<Chunk>,
    pub(super) agencies: Agencies,
    /// Which pairs of adjacent ideographs occur, as a Bloom-like bitset;
    /// built on first need (the widening tiers), never for exact queries.
    pub(super) pairs: std::sync::OnceLock<Box<[u64]>>,
    /// The last one-term query's exact/pinyin matches: a longer query that
    /// extends it can only match among them (typing narrows).
    pub(super) narrow: std::sync::Mutex<Option<super::engine::Narrow>>,
    /// Each document's records (the first is its document record).
    pub(super) docs: Vec<Range<usize>>,
    /// Whether scans give back the memory of shared texts behind them (see
    /// [`Index::set_frugal`]).
    pub(super) frugal: std::sync::atomic::AtomicBool,
    /// Per record, what its text can spell in pinyin: built on the first
    /// term of letters ([`Index::initials`], `search/initials.rs`).
    pub(super) initials: std::sync::OnceLock<super::initials::Initials>,
    /// Per document, the characters and pairs it may hold (`signature.rs`):
    /// stored with a library's index, else made when it is stored.
    pub(super) signatures: std::sync::OnceLock<super::store::Store<u64>>,
}

/// The chunks a pass has left behind: with [`Index::set_frugal`], the
/// memory of one of their texts is given back as the pass moves on.
struct Behind<'a> {
    index: &'a Index,
    /// Marks a chunk's text as read: the folded one (matching) or the
    /// original (snippets).
    text: fn(&Chunk, &mut super::store::Releaser),
    chunk: Option<u32>,
    release: Option<super::store::Releaser>,
    /// For a scan (matching): the stored pinyin summaries of the chunk's
    /// records, given back with its text.
    summaries: Option<super::store::Releaser>,
}

impl Behind<'_> {
    /// The pass is now in chunk `c`.
    fn at(&mut self, c: u32) {
        if self.chunk != Some(c) {
            self.leave();
            self.chunk = Some(c);
        }
    }

    fn leave(&mut self) {
        if let (Some(rel), Some(c)) = (&mut self.release, self.chunk)
            && let Some(prev) = self.index.chunks.get(c as usize)
        {
            (self.text)(prev, rel);
        }
        // A stored index has one chunk per document.
        if let (Some(rel), Some(c)) = (&mut self.summaries, self.chunk)
            && self.index.chunks.len() == self.index.docs.len()
            && let Some(span) = self.index.docs.get(c as usize)
            && let Some(i) = self.index.initials.get()
        {
            let w = super::initials::WORDS;
            rel.add_part(i.store(), span.start * w..span.end * w);
        }
    }
}

impl Drop for Behind<'_> {
    fn drop(&mut self) {
        self.leave();
    }
}

/// Views of records in index order, for one pass over many of them: with
/// [`Index::set_frugal`], the folded texts of the chunks left behind are
/// released.
pub(super) struct Scan<'a>(Behind<'a>);

impl<'a> Scan<'a> {
    pub(super) fn view(&mut self, ri: usize) -> View<'a> {
        let index = self.0.index;
        if self.0.release.is_some() {
            self.0.at(index.records[ri].chunk);
        }
        index.view(ri)
    }
}

/// Hits visited in record order (for their snippets and headings): with
/// [`Index::set_frugal`], the original texts of the chunks left behind are
/// released.
pub struct Visit<'a>(Behind<'a>);

impl Visit<'_> {
    /// `hit` is about to be read.
    pub fn hit(&mut self, hit: &Hit) {
        if self.0.release.is_some()
            && let Some(r) = self.0.index.records.get(hit.record)
        {
            self.0.at(r.chunk);
        }
    }
}

/// Bits of the pair set, per char of text (a power of two, within
/// bounds): a policy document has far fewer distinct pairs than chars, so
/// false positives stay rare, and a library of many small documents stays
/// small (the embedded one: 4 KB).
pub(super) fn pair_bits(chars: usize) -> usize {
    (chars * 2).next_power_of_two().clamp(1 << 12, 1 << 20)
}

fn pair_bit(a: char, b: char, bits: usize) -> usize {
    let h = (u64::from(a as u32) << 32 | u64::from(b as u32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & (bits - 1)
}

/// Corpora smaller than this are folded on the calling thread.
const PARALLEL_BYTES: usize = 1 << 20;

impl Index {
    /// An index of these parts; what it makes on demand (pair set,
    /// summaries, signatures) not made yet.
    pub(super) fn assemble(
        records: Store<Record>,
        chunks: Vec<Chunk>,
        agencies: Agencies,
        docs: Vec<Range<usize>>,
    ) -> Index {
        Index {
            records,
            chunks,
            agencies,
            pairs: std::sync::OnceLock::new(),
            narrow: std::sync::Mutex::new(None),
            docs,
            frugal: Default::default(),
            initials: std::sync::OnceLock::new(),
            signatures: std::sync::OnceLock::new(),
        }
    }

    /// Indexes `doc` with the embedded agency directory.
    pub fn new(doc: &Document) -> Index {
        Index::with_directory(doc, Directory::embedded())
    }

    /// Indexes `doc`, resolving agency names with `dir`.
    pub fn with_directory(doc: &Document, dir: &'static Directory) -> Index {
        Index::with_outline(doc, &Outline::new(doc), dir)
    }

    /// Indexes `doc` whose outline is already built: record `i` is node `i`.
    pub fn with_outline(doc: &Document, outline: &Outline, dir: &'static Directory) -> Index {
        let mut agencies = Agencies::new(dir);
        let meta = document_text(doc);
        let pending = vec![Pending {
            kind: HitKind::Document,
            path: Vec::new(),
            ordinal: None,
            number: 0,
            label: "",
            title: &doc.title,
            text: &meta,
            agencies: Vec::new(),
        }];
        let mut c = Collector {
            agencies: &mut agencies,
            out: pending,
        };
        c.items(outline, doc);
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
        let mut records = Vec::with_capacity(n_records);
        let mut chunks = Vec::with_capacity(folded.len());
        for (chunk, recs) in folded {
            chunks.push(chunk);
            records.extend(recs);
        }
        Index::assemble(
            Store::owned(records),
            chunks,
            agencies,
            std::iter::once(0..n_records).collect(),
        )
    }

    /// Makes each pass over the records give back the memory of the stored
    /// (memory-mapped) texts it has read, as it goes: a one-off search over
    /// a large library then never holds all its texts at once. Costs
    /// re-reading them on the next pass; nothing for texts built in memory.
    pub fn set_frugal(&self, on: bool) {
        self.frugal.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Hits to be read in record order (see [`Visit`]).
    pub fn visit(&self) -> Visit<'_> {
        Visit(self.behind(|c, r| r.add(&c.orig), false))
    }

    fn behind(&self, text: fn(&Chunk, &mut super::store::Releaser), summaries: bool) -> Behind<'_> {
        let frugal = self.frugal.load(std::sync::atomic::Ordering::Relaxed);
        Behind {
            index: self,
            text,
            chunk: None,
            release: frugal.then(Default::default),
            summaries: (frugal && summaries).then(Default::default),
        }
    }

    /// A pass over records in index order (see [`Scan`]).
    pub(super) fn scan(&self) -> Scan<'_> {
        Scan(self.behind(|c, r| r.add(&c.folded), true))
    }

    /// A second pass over records a scan has read (the hits, for their
    /// results), which gives nothing back: their folded texts were given
    /// back by the scan and are seldom read again.
    pub(super) fn rescan(&self) -> Scan<'_> {
        let mut b = self.behind(|c, r| r.add(&c.folded), false);
        b.release = None;
        Scan(b)
    }

    pub(super) fn view(&self, ri: usize) -> View<'_> {
        let r = &self.records[ri];
        let c = &self.chunks[r.chunk as usize];
        View {
            kind: r.kind(),
            title: c.folded.get(range(r.title)).unwrap_or(&[]),
            body: c.folded.get(range(r.body)).unwrap_or(&[]),
            agencies: c.pool.get(range(r.agencies)).unwrap_or(&[]),
        }
    }

    /// The record's path, as [`Hit::path`] has it.
    pub(super) fn path(&self, r: &Record) -> Vec<usize> {
        self.pool(r, r.path).iter().map(|&p| p as usize).collect()
    }

    /// The record's agency ids.
    pub(super) fn record_agencies(&self, r: &Record) -> &[u32] {
        self.pool(r, r.agencies)
    }

    /// The record's fold maps (title, text), where folding changed lengths.
    pub(super) fn maps(&self, r: &Record) -> (Option<&[u32]>, Option<&[u32]>) {
        let title = (r.flags & HAS_TITLE_MAP != 0).then(|| self.pool(r, r.title_map));
        let body = (r.flags & HAS_BODY_MAP != 0).then(|| self.pool(r, r.body_map));
        (title, body)
    }

    fn pool(&self, r: &Record, at: [u32; 2]) -> &[u32] {
        self.chunks
            .get(r.chunk as usize)
            .and_then(|c| c.pool.get(range(at)))
            .unwrap_or(&[])
    }

    /// Whether `needle` (folded) occurs anywhere in the document.
    pub(super) fn occurs(&self, needle: &[char]) -> bool {
        self.chunks
            .iter()
            .any(|c| super::exact::contains(&c.folded, needle))
    }

    /// Which pairs of adjacent ideographs occur (see [`Index::may_have_pair`]),
    /// built on first use unless stored with the index.
    pub(super) fn pair_set(&self) -> &[u64] {
        self.pairs.get_or_init(|| {
            let n = pair_bits(self.chunks.iter().map(|c| c.folded.len()).sum());
            let mut set = vec![0u64; n / 64];
            for c in &self.chunks {
                for w in c.folded.windows(2) {
                    if super::normalize::is_ideograph(w[0]) && super::normalize::is_ideograph(w[1])
                    {
                        let i = pair_bit(w[0], w[1], n);
                        set[i / 64] |= 1 << (i % 64);
                    }
                }
            }
            set.into_boxed_slice()
        })
    }

    /// Whether ideographs `a` then `b` may occur adjacent somewhere (no
    /// false negatives; rare false positives).
    pub(super) fn may_have_pair(&self, a: char, b: char) -> bool {
        let set = self.pair_set();
        let i = pair_bit(a, b, set.len() * 64);
        set[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether every adjacent pair of ideographs in `s` may occur (see
    /// [`Index::may_have_pair`]); other pairs are not tracked and pass.
    pub(super) fn may_occur(&self, s: &[char]) -> bool {
        use super::normalize::is_ideograph;
        s.windows(2)
            .all(|w| !(is_ideograph(w[0]) && is_ideograph(w[1])) || self.may_have_pair(w[0], w[1]))
    }

    /// Original text of the record at `at` of its chunk ("" if a stored
    /// index was damaged there).
    fn orig(&self, r: &Record, at: [u32; 2]) -> &str {
        self.chunks
            .get(r.chunk as usize)
            .and_then(|c| c.orig.get(range(at)))
            .and_then(|b| simdutf8::basic::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The record a hit is on.
    fn record_of(&self, hit: &Hit) -> Option<&Record> {
        let is = |r: &Record| {
            r.doc as usize == hit.doc
                && r.kind() == hit.kind
                && self
                    .pool(r, r.path)
                    .iter()
                    .map(|&p| p as usize)
                    .eq(hit.path.iter().copied())
        };
        if let Some(r) = self.records.get(hit.record)
            && is(r)
        {
            return Some(r);
        }
        let span = self.docs.get(hit.doc)?;
        let recs = self.records.get(span.clone())?;
        match hit.kind {
            HitKind::Document => recs.first(),
            // Items are indexed in document order, which is the paths'
            // lexicographic order.
            _ => recs
                .get(1..)?
                .binary_search_by(|r| {
                    self.pool(r, r.path)
                        .iter()
                        .map(|&p| p as usize)
                        .cmp(hit.path.iter().copied())
                })
                .ok()
                .and_then(|i| recs.get(i + 1)),
        }
    }

    /// The hit's item as a result row names it: label, title (the
    /// document's title for a document hit) and the item's `number`.
    pub fn heading(&self, hit: &Hit) -> (&str, &str, u32) {
        match self.record_of(hit) {
            Some(r) => (self.orig(r, r.label), self.orig(r, r.heading), r.number),
            None => ("", "", 0),
        }
    }

    /// How many documents the index holds.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// A hit on document `doc` itself (its metadata record).
    pub fn document_hit(&self, doc: usize) -> Option<Hit> {
        let start = self.docs.get(doc)?.start;
        let r = self.records.get(start)?;
        Some(Hit {
            kind: HitKind::Document,
            doc,
            record: start,
            path: Vec::new(),
            ordinal: None,
            score: 0,
            tier: super::Tier::Exact,
            field: super::Field::Meta,
            title_matches: Vec::new(),
            text_matches: Vec::new(),
            agency_matches: Vec::new(),
            jump: false,
            approximate: false,
        })
        .filter(|_| r.kind() == HitKind::Document)
    }

    /// A one-line snippet of the hit's text around its first match after the
    /// title sentence, at most `max_width` display cells, cut with "…" on
    /// either side, with highlight ranges. For a hit in the title only, the
    /// text after the title; empty when the text is just the title (sections).
    pub fn snippet(&self, hit: &Hit, max_width: usize) -> Snippet {
        let Some(r) = self.record_of(hit) else {
            return Snippet::default();
        };
        let text = self.orig(r, r.text);
        let prefix = r.title_prefix as usize;
        let after_title = hit.text_matches.iter().find(|m| m.start >= prefix);
        match after_title {
            Some(m) => snippet::around(text, m.clone(), &hit.text_matches, max_width),
            // A title hit: the title is on the row already; show what follows it.
            None => snippet::after(text, prefix, max_width),
        }
    }

    /// What a result line shows of a hit, read at once: its label and
    /// title ([`Index::heading`]) and, through [`Row::snippet_into`], its
    /// snippet's text ([`Index::snippet`]). `None` for a hit on no record.
    pub fn row<'a>(&'a self, hit: &'a Hit) -> Option<Row<'a>> {
        let r = self.record_of(hit)?;
        let (text, [label, title]) = self.orig_row(r);
        Some(Row {
            label,
            title,
            text,
            prefix: r.title_prefix as usize,
            hit,
        })
    }

    /// A record's text as stored (the snippet checks what it shows of it),
    /// label and title: these two checked as one run of bytes when stored
    /// back to back (as the index lays them out), else one by one as
    /// [`Index::orig`] reads them; the same either way.
    fn orig_row(&self, r: &Record) -> (&[u8], [&str; 2]) {
        let (t, l, h) = (r.text, r.label, r.heading);
        let orig = self
            .chunks
            .get(r.chunk as usize)
            .map(|c| &c.orig[..])
            .unwrap_or(&[]);
        let text = orig.get(range(t)).unwrap_or(&[]);
        if l[1] == h[0] {
            // With the end of the text before them, from a char's start: a
            // check of 64 bytes or more runs SIMD, a shorter one a byte at a
            // time (a label and title are often shorter, and thousands of
            // lines check theirs).
            let mut from = if t[1] == l[0] {
                l[0].saturating_sub(64).max(t[0])
            } else {
                l[0]
            };
            while from < l[0] && orig.get(from as usize).is_some_and(|&x| x & 0xc0 == 0x80) {
                from += 1;
            }
            let at = |x: u32| x.wrapping_sub(from) as usize;
            if let Some(run) = orig
                .get(range([from, h[1]]))
                .and_then(|b| simdutf8::basic::from_utf8(b).ok())
                && let (Some(label), Some(title)) =
                    (run.get(at(l[0])..at(l[1])), run.get(at(h[0])..at(h[1])))
            {
                return (text, [label, title]);
            }
        }
        (text, [self.orig(r, l), self.orig(r, h)])
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

/// Turns the outline's nodes into pending records, one per node and in the
/// same order, so record `i` is outline node `i` (the document is node 0).
struct Collector<'a, 'd> {
    agencies: &'d mut Agencies,
    out: Vec<Pending<'a>>,
}

impl<'a> Collector<'a, '_> {
    fn items(&mut self, outline: &Outline, doc: &'a Document) {
        self.out.reserve(outline.len());
        // The nodes' sources in node order: the body's items, then each
        // attachment followed by its items (see doc::outline).
        let body = preorder(doc).map(Source::Item);
        let parts = doc.attachments.iter().flat_map(|a| {
            std::iter::once(Source::Part(a)).chain(preorder_items(&a.items).map(Source::Item))
        });
        for (n, src) in outline.nodes()[1..].iter().zip(body.chain(parts)) {
            let (kind, number, label, title, text, names): (_, _, &str, &str, &str, &[String]) =
                match src {
                    Source::Part(a) => (HitKind::Section, 0, &a.label, &a.title, &a.text, &[]),
                    Source::Item(it) => (
                        match n.kind {
                            Kind::Measure { .. } | Kind::Sub => HitKind::Measure,
                            Kind::Section | Kind::Root | Kind::Part { .. } => HitKind::Section,
                        },
                        it.number,
                        &it.label,
                        &it.title,
                        &it.text,
                        &it.agencies,
                    ),
                };
            let agencies = names.iter().map(|a| self.agencies.intern(a)).collect();
            self.out.push(Pending {
                kind,
                path: n.path.clone(),
                // `#N` is the body's measure N: an attachment's own
                // numbering is not a global ordinal.
                ordinal: n.ordinal().filter(|_| n.part.is_none()),
                number,
                label,
                title,
                text,
                agencies,
            });
        }
    }
}

/// Where an outline node's words come from.
enum Source<'a> {
    Item(&'a crate::doc::Item),
    Part(&'a crate::doc::Attachment),
}

/// Folds a run of records into one chunk.
fn fold_run(run: Vec<Pending>, chunk: usize) -> (Chunk, Vec<Record>) {
    let bytes: usize = run
        .iter()
        .map(|p| p.text.len() + p.title.len() * 2 + p.label.len())
        .sum();
    let mut orig = String::with_capacity(bytes);
    // Chinese text: about a third as many chars as bytes.
    let mut folded = Vec::with_capacity(bytes / 2);
    let mut pool: Vec<u32> = Vec::new();
    let put = |pool: &mut Vec<u32>, v: &mut dyn Iterator<Item = u32>| {
        let s = pool.len();
        pool.extend(v);
        [s as u32, pool.len() as u32]
    };
    let records = run
        .into_iter()
        .map(|p| {
            let t0 = orig.len();
            orig.push_str(p.text);
            let l0 = orig.len();
            orig.push_str(p.label);
            let h0 = orig.len();
            orig.push_str(p.title);
            let f0 = folded.len();
            let title_map = fold_into(p.title, &mut folded);
            let f1 = folded.len();
            let body_map = fold_into(p.text, &mut folded);
            let mut flags = match p.kind {
                HitKind::Document => KIND_DOCUMENT,
                HitKind::Section => KIND_SECTION,
                HitKind::Measure => KIND_MEASURE,
            };
            flags |= if title_map.is_some() {
                HAS_TITLE_MAP
            } else {
                0
            };
            flags |= if body_map.is_some() { HAS_BODY_MAP } else { 0 };
            Record {
                flags,
                doc: 0,
                ordinal: p.ordinal.map_or(0, |o| o as u32),
                number: p.number,
                title_prefix: title_prefix(p.text, p.title) as u32,
                chunk: chunk as u32,
                text: span(t0..l0),
                label: span(l0..h0),
                heading: span(h0..orig.len()),
                title: span(f0..f1),
                body: span(f1..folded.len()),
                path: put(&mut pool, &mut p.path.iter().map(|&x| x as u32)),
                agencies: put(&mut pool, &mut p.agencies.iter().copied()),
                title_map: put(
                    &mut pool,
                    &mut title_map.iter().flat_map(|m| m.iter().copied()),
                ),
                body_map: put(
                    &mut pool,
                    &mut body_map.iter().flat_map(|m| m.iter().copied()),
                ),
            }
        })
        .collect();
    let c = Chunk {
        orig: Store::owned(orig.into_bytes()),
        folded: Store::owned(folded),
        pool: Store::owned(pool),
    };
    (c, records)
}

fn title_prefix(text: &str, title: &str) -> usize {
    match text.strip_prefix(title) {
        Some(rest) if !title.is_empty() => {
            title.chars().count() + usize::from(rest.starts_with('。'))
        }
        _ => 0,
    }
}

/// A hit's label, title and text, as a result line shows them (see
/// [`Index::row`]).
pub struct Row<'a> {
    pub label: &'a str,
    pub title: &'a str,
    /// As stored: see [`snippet::around_into`].
    text: &'a [u8],
    prefix: usize,
    hit: &'a Hit,
}

impl Row<'_> {
    /// [`Index::snippet`]'s text, appended to `out`.
    pub fn snippet_into(&self, max_width: usize, out: &mut String) {
        let m = &self.hit.text_matches;
        match m.iter().find(|m| m.start >= self.prefix) {
            Some(m) => snippet::around_into(self.text, m.clone(), max_width, out),
            None => snippet::after_into(self.text, self.prefix, max_width, out),
        }
    }
}

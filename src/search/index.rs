//! The index: one record per searchable unit (the document's metadata, each
//! section, each measure), its title and text folded once, stored in a few
//! contiguous chunks; and snippets of its original text.

use std::ops::Range;

use crate::doc::Document;
use crate::doc::agencies::Directory;
use crate::doc::outline::{Kind, Outline, preorder, preorder_items};

use super::agency::Agencies;
use super::normalize::fold_into;
use super::{Hit, HitKind, Snippet, document_text, snippet};

/// A searchable unit: the document's metadata, a section or a measure, with
/// its title and text folded once at build time.
pub(super) struct Record {
    pub(super) kind: HitKind,
    pub(super) path: Vec<usize>,
    pub(super) ordinal: Option<usize>,
    /// Where its texts live: `chunks[chunk]`.
    pub(super) chunk: usize,
    /// The original text (for snippets): bytes in the chunk's `orig`.
    pub(super) text: Range<usize>,
    /// Folded title and text: chars in the chunk's `folded`.
    pub(super) title: Range<usize>,
    pub(super) body: Range<usize>,
    pub(super) title_map: Option<Box<[u32]>>,
    pub(super) body_map: Option<Box<[u32]>>,
    /// Agency entry ids, in the item's order.
    pub(super) agencies: Vec<u32>,
    /// Chars at the start of `text` that repeat the title (and its "。"):
    /// where a snippet without a body match starts.
    pub(super) title_prefix: usize,
}

/// Texts of a run of records, stored contiguously: a 5 MB corpus is a few
/// large allocations, not tens of thousands, and folds on several threads.
#[derive(Default)]
struct Chunk {
    orig: String,
    folded: Vec<char>,
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
    title: &'a str,
    text: &'a str,
    agencies: Vec<u32>,
}

/// The search index of one document. Built once; queries allocate only
/// their results. `Send + Sync`.
pub struct Index {
    pub(super) records: Vec<Record>,
    chunks: Vec<Chunk>,
    pub(super) agencies: Agencies,
    /// Which pairs of adjacent ideographs occur, as a Bloom-like bitset;
    /// built on first need (the widening tiers), never for exact queries.
    pairs: std::sync::OnceLock<Box<[u64]>>,
    /// The last one-term query's exact/pinyin matches: a longer query that
    /// extends it can only match among them (typing narrows).
    pub(super) narrow: std::sync::Mutex<Option<super::engine::Narrow>>,
    /// Per record, what its text can spell in pinyin: built on the first
    /// term of letters ([`Index::initials`], `search/initials.rs`).
    pub(super) initials: std::sync::OnceLock<super::initials::Initials>,
}

/// Bits of the pair set, per char of text (a power of two, within
/// bounds): a policy document has far fewer distinct pairs than chars, so
/// false positives stay rare, and a library of many small documents stays
/// small (the embedded one: 4 KB).
fn pair_bits(chars: usize) -> usize {
    (chars * 2).next_power_of_two().clamp(1 << 12, 1 << 20)
}

fn pair_bit(a: char, b: char, bits: usize) -> usize {
    let h = (u64::from(a as u32) << 32 | u64::from(b as u32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & (bits - 1)
}

/// Corpora smaller than this are folded on the calling thread.
const PARALLEL_BYTES: usize = 1 << 20;

impl Index {
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
        let mut idx = Index {
            records: Vec::with_capacity(n_records),
            chunks: Vec::with_capacity(folded.len()),
            agencies,
            pairs: std::sync::OnceLock::new(),
            narrow: std::sync::Mutex::new(None),
            initials: std::sync::OnceLock::new(),
        };
        for (chunk, records) in folded {
            idx.chunks.push(chunk);
            idx.records.extend(records);
        }
        idx
    }

    pub(super) fn view(&self, ri: usize) -> View<'_> {
        let r = &self.records[ri];
        let c = &self.chunks[r.chunk];
        View {
            kind: r.kind,
            title: &c.folded[r.title.clone()],
            body: &c.folded[r.body.clone()],
            agencies: &r.agencies,
        }
    }

    /// Whether `needle` (folded) occurs anywhere in the document.
    pub(super) fn occurs(&self, needle: &[char]) -> bool {
        self.chunks
            .iter()
            .any(|c| super::exact::contains(&c.folded, needle))
    }

    /// Whether ideographs `a` then `b` may occur adjacent somewhere (no
    /// false negatives; rare false positives).
    pub(super) fn may_have_pair(&self, a: char, b: char) -> bool {
        let set = self.pairs.get_or_init(|| {
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
        });
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

    fn text(&self, r: &Record) -> &str {
        &self.chunks[r.chunk].orig[r.text.clone()]
    }

    /// A one-line snippet of the hit's text around its first match after the
    /// title sentence, at most `max_width` display cells, cut with "…" on
    /// either side, with highlight ranges. For a hit in the title only, the
    /// text after the title; empty when the text is just the title (sections).
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
        let after_title = hit.text_matches.iter().find(|m| m.start >= r.title_prefix);
        match after_title {
            Some(m) => snippet::around(text, m.clone(), &hit.text_matches, max_width),
            None => {
                // A title hit: the title is on the row already; show what follows it.
                let rest = text
                    .char_indices()
                    .nth(r.title_prefix)
                    .map_or("", |(i, _)| &text[i..]);
                let n = rest.chars().count();
                snippet::around(rest, 0..n, &[], max_width)
            }
        }
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
            let (kind, title, text, names): (_, &str, &str, &[String]) = match src {
                Source::Part(a) => (HitKind::Section, &a.title, &a.text, &[]),
                Source::Item(it) => (
                    match n.kind {
                        Kind::Measure { .. } | Kind::Sub => HitKind::Measure,
                        Kind::Section | Kind::Root | Kind::Part { .. } => HitKind::Section,
                    },
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

fn title_prefix(text: &str, title: &str) -> usize {
    match text.strip_prefix(title) {
        Some(rest) if !title.is_empty() => {
            title.chars().count() + usize::from(rest.starts_with('。'))
        }
        _ => 0,
    }
}

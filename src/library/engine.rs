//! The library's search index: each document's engine segment (see
//! [`crate::search::Segment`]), computed once when the document is added or
//! changes, kept in two files of one generation (original texts, folded
//! texts) that are memory-mapped and put together into one
//! [`Index`] over the whole library on first search. Nothing is folded or
//! copied when a library opens, and one scan covers every document.
//!
//! ```text
//! index/search.bin       generation, per document id, hash and ranges; agency names; pair set (postcard)
//! index/records-G.bin    every record, fixed-size (native-endian u32s, checked when mapped)
//! index/orig-G.bin       original texts, labels and titles (UTF-8)
//! index/folded-G.bin     folded texts (native-endian u32 chars, checked when mapped)
//! index/pool-G.bin       paths, agency ids, fold maps (native-endian u32s)
//! index/signatures-G.bin per document, the characters and pairs it may hold (native-endian u64s)
//! index/initials-G.bin   per record, what it can spell in pinyin (native-endian u64s)
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::doc::Document;
use crate::search::{Buffer, Index, Segment, Shared, Store, StoredDoc};

use super::{Entry, store};

/// A document read anew: its segment, to be saved.
pub(super) struct Fresh {
    pub id: String,
    pub hash: String,
    pub segment: Segment,
}

#[derive(Serialize, Deserialize, Default)]
struct SearchFile {
    format: u32,
    fingerprint: String,
    /// Names the `*-GEN.bin` files.
    generation: String,
    docs: Vec<DocMeta>,
    /// The names agency ids refer to.
    agencies: Vec<String>,
    /// The pair set of exactly these documents ([`Index::pair_words`]).
    pairs: Vec<u64>,
}

#[derive(Serialize, Deserialize)]
struct DocMeta {
    id: String,
    hash: String,
    /// Byte ranges in the orig, folded and pool files.
    orig: (u64, u64),
    folded: (u64, u64),
    pool: (u64, u64),
}

const FILES: [&str; 4] = ["records", "orig", "folded", "pool"];

/// A memory-mapped index file.
struct Mapped(memmap2::Mmap);

impl Buffer for Mapped {
    fn bytes(&self) -> &[u8] {
        &self.0
    }

    fn release(&self, range: Range<usize>) {
        #[cfg(unix)]
        if range.end <= self.0.len() && !range.is_empty() {
            // Whole pages inside the range only: its neighbours may be in use.
            let page = 4096;
            let start = range.start.div_ceil(page) * page;
            let end = range.end / page * page;
            if start < end {
                // SAFETY: a read-only private mapping of a file never
                // written in place: dropped pages read back with the same
                // bytes, so slices into them stay valid.
                let _ = unsafe {
                    self.0.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        start,
                        end - start,
                    )
                };
            }
        }
    }
}

/// The stored index as it is: its documents (id, hash) in order, and the
/// index, mapped. `None` when absent, of another format, or damaged.
pub(super) type Stored = Option<(Vec<(String, String)>, Index)>;

/// The stored index in `dir` (see [`Stored`]).
pub(super) fn read(dir: &Path, format: u32, fingerprint: &str) -> Stored {
    let b = std::fs::read(dir.join("search.bin")).ok()?;
    let sf = postcard::from_bytes::<SearchFile>(&b)
        .ok()
        .filter(|s| s.format == format && s.fingerprint == fingerprint)
        .filter(|s| super::id::is_valid(&s.generation))?;
    let map = |name: &str| -> Option<Shared> {
        let f = std::fs::File::open(dir.join(format!("{name}-{}.bin", sf.generation))).ok()?;
        // SAFETY: index files are never modified in place (only replaced
        // by rename and then unlinked), so the mapping cannot change under us.
        let m = unsafe { memmap2::Mmap::map(&f) }.ok()?;
        Some(Arc::new(Mapped(m)))
    };
    let (records, orig, folded, pool) =
        (map("records")?, map("orig")?, map("folded")?, map("pool")?);
    let r = |(a, b): (u64, u64)| Some(usize::try_from(a).ok()?..usize::try_from(b).ok()?);
    // The folded texts are checked as they are first read (a search reads
    // only the documents that may hold its terms): see `Index::damaged`.
    let docs = sf
        .docs
        .iter()
        .map(|d| {
            Some(StoredDoc {
                orig: Store::<u8>::shared(orig.clone(), r(d.orig)?)?,
                folded: Store::<char>::shared_chars_unread(folded.clone(), r(d.folded)?)?,
                pool: Store::<u32>::shared(pool.clone(), r(d.pool)?)?,
            })
        })
        .collect::<Option<Vec<StoredDoc>>>()?;
    // Signatures only skip documents: without them (or sized wrong) every
    // document is scanned.
    let signatures = map("signatures").and_then(|b| {
        let len = b.bytes().len();
        Store::<u64>::shared(b, 0..len)
    });
    // Pinyin summaries: without them (or sized wrong), built on first need.
    let initials = map("initials").and_then(|b| {
        let len = b.bytes().len();
        Store::<u64>::shared(b, 0..len)
    });
    let index = Index::from_stored(records, docs, &sf.agencies, sf.pairs, signatures, initials)?;
    let ids = sf.docs.into_iter().map(|d| (d.id, d.hash)).collect();
    Some((ids, index))
}

/// Each entry's segment: fresh, else from the stored index, else built now
/// from the document (`load`; an unreadable one is an empty stand-in, so
/// positions still match the entries).
fn segments(
    entries: &[Entry],
    stored: Option<(&[(String, String)], &Index)>,
    mut fresh: HashMap<String, Fresh>,
    load: &dyn Fn(&Entry) -> Option<Document>,
) -> Vec<Segment> {
    let at: HashMap<(&str, &str), usize> = stored
        .map(|(ids, _)| {
            ids.iter()
                .enumerate()
                .map(|(i, (id, h))| ((id.as_str(), h.as_str()), i))
                .collect()
        })
        .unwrap_or_default();
    entries
        .iter()
        .map(|e| {
            if let Some(f) = fresh.remove(&e.id).filter(|f| f.hash == e.hash) {
                return f.segment;
            }
            at.get(&(e.id.as_str(), e.hash.as_str()))
                .zip(stored)
                .and_then(|(&i, (_, ix))| ix.document_segment(i))
                .unwrap_or_else(|| Segment::of(&load(e).unwrap_or_else(empty_document)))
        })
        .collect()
}

/// The whole library as one index, documents in `entries` order: mapped
/// as stored when it is up to date (the usual case: nothing is copied;
/// `false`), else put together now from what is stored and what must be
/// rebuilt (`true`: the caller should write it).
pub(super) fn open(
    stored: Stored,
    entries: &[Entry],
    load: &dyn Fn(&Entry) -> Option<Document>,
) -> (Index, bool) {
    if let Some((ids, _)) = &stored
        && ids
            .iter()
            .map(|(i, h)| (i.as_str(), h.as_str()))
            .eq(entries.iter().map(|e| (e.id.as_str(), e.hash.as_str())))
        && let Some((_, ix)) = stored
    {
        return (ix, false);
    }
    let stored = stored.as_ref().map(|(ids, ix)| (ids.as_slice(), ix));
    let segments = segments(entries, stored, HashMap::new(), load);
    (Index::from_segments(segments), true)
}

/// `damaged` (of `entries`, in order; see [`Index::damaged`]) put together
/// again: what reads intact is copied, the rest indexed anew from the
/// documents.
pub(super) fn repair(
    entries: &[Entry],
    damaged: &Index,
    load: &dyn Fn(&Entry) -> Option<Document>,
) -> Index {
    let ids: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e.id.clone(), e.hash.clone()))
        .collect();
    Index::from_segments(segments(
        entries,
        Some((&ids, damaged)),
        HashMap::new(),
        load,
    ))
}

/// What stands in for a document that can no longer be read.
fn empty_document() -> Document {
    serde_json::from_value(serde_json::json!({"schema": 1, "title": ""}))
        .unwrap_or_else(|_| Document::embedded())
}

/// Writes the index of `entries` (fresh segments, else the stored ones,
/// else built from the document): see [`write()`].
pub(super) fn save(
    dir: &Path,
    format: u32,
    fingerprint: &str,
    entries: &[Entry],
    fresh: Vec<Fresh>,
    load: &dyn Fn(&Entry) -> Option<Document>,
) -> std::io::Result<()> {
    let stored = read(dir, format, fingerprint);
    let fresh = fresh.into_iter().map(|f| (f.id.clone(), f)).collect();
    let from = stored.as_ref().map(|(ids, ix)| (ids.as_slice(), ix));
    let index = Index::from_segments(segments(entries, from, fresh, load));
    drop(stored);
    write(dir, format, fingerprint, entries, &index)
}

/// Writes `index` (of `entries`, in order) as a new generation, then
/// `search.bin`, then removes older generations.
pub(super) fn write(
    dir: &Path,
    format: u32,
    fingerprint: &str,
    entries: &[Entry],
    index: &Index,
) -> std::io::Result<()> {
    let Some(st) = index.stored() else {
        return Err(std::io::Error::other("search index not in storable form"));
    };
    let mut bufs: [Vec<u8>; 4] = Default::default();
    bufs[0] = st.records.to_vec();
    let mut docs = Vec::with_capacity(entries.len());
    for (e, [orig, folded, pool]) in entries.iter().zip(&st.docs) {
        let mut put = |k: usize, b: &[u8]| {
            let s = bufs[k].len() as u64;
            bufs[k].extend_from_slice(b);
            (s, bufs[k].len() as u64)
        };
        docs.push(DocMeta {
            id: e.id.clone(),
            hash: e.hash.clone(),
            orig: put(1, orig),
            folded: put(2, folded),
            pool: put(3, pool),
        });
    }
    let generation = format!("{:016x}", store::unique());
    for (name, b) in FILES.iter().zip(&bufs) {
        store::write_atomic(&dir.join(format!("{name}-{generation}.bin")), b)?;
    }
    store::write_atomic(
        &dir.join(format!("signatures-{generation}.bin")),
        bytemuck::cast_slice(st.signatures),
    )?;
    store::write_atomic(
        &dir.join(format!("initials-{generation}.bin")),
        bytemuck::cast_slice(st.initials),
    )?;
    let sf = SearchFile {
        format,
        fingerprint: fingerprint.to_string(),
        generation: generation.clone(),
        docs,
        agencies: st.agencies,
        pairs: st.pairs,
    };
    let bytes = postcard::to_stdvec(&sf).map_err(std::io::Error::other)?;
    store::write_atomic(&dir.join("search.bin"), &bytes)?;
    // Older generations (and the files of earlier formats): no reader will
    // open them again; open mappings stay valid.
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let generational = FILES
                .iter()
                .chain(&["signatures", "initials", "haystack", "han", "rec", "pairs"])
                .any(|p| n.starts_with(&format!("{p}-")));
            if generational && n.ends_with(".bin") && !n.contains(&generation) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

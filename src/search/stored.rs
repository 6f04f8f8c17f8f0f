//! An index taken apart for storage and put back together: per document a
//! [`Segment`] (what one document's index is, on its own), and an index of
//! many documents either built in memory from segments or put together from
//! stored, typically memory-mapped, arrays without copying or folding
//! anything ([`Index::from_stored`]) — checked first, never trusted.

use std::collections::HashMap;
use std::ops::Range;

use crate::doc::Document;
use crate::doc::agencies::Directory;

use super::agency::Agencies;
use super::index::{
    Chunk, HAS_BODY_MAP, HAS_TITLE_MAP, Index, KIND_DOCUMENT, KIND_MASK, KIND_MEASURE, Record,
    pair_bits, range,
};
use super::store::{Shared, Store};

/// One document's index on its own: records (document 0, chunk 0), their
/// texts and pool, and the agency names its pool's agency ids refer to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Segment {
    records: Vec<Record>,
    agencies: Vec<String>,
    orig: Vec<u8>,
    folded: Vec<char>,
    pool: Vec<u32>,
}

impl Segment {
    /// The index of `doc`, as one segment.
    pub fn of(doc: &Document) -> Segment {
        Index::new(doc).document_segment(0).unwrap_or_default()
    }
}

/// An index's arrays, as stored: see [`Index::stored`] and
/// [`Index::from_stored`].
pub struct Stored<'a> {
    /// Every record, documents in order.
    pub records: &'a [u8],
    /// Per document: original texts, folded texts (native-endian `u32`s),
    /// pool (native-endian `u32`s).
    pub docs: Vec<[&'a [u8]; 3]>,
    /// The agency names the pools' agency ids refer to.
    pub agencies: Vec<String>,
    /// [`Index::pair_words`].
    pub pairs: Vec<u64>,
    /// The documents' signatures (see `signature.rs`), native-endian.
    pub signatures: &'a [u64],
    /// The records' pinyin summaries (see `initials.rs`), native-endian.
    pub initials: &'a [u64],
}

/// A stored document's texts and pool, for [`Index::from_stored`].
pub struct StoredDoc {
    pub orig: Store<u8>,
    pub folded: Store<char>,
    pub pool: Store<u32>,
}

impl Index {
    /// Document `doc` of this index as a segment (`None`: no such document).
    pub fn document_segment(&self, doc: usize) -> Option<Segment> {
        let span = self.docs.get(doc)?.clone();
        // A damaged stored text is no segment: the document is indexed anew.
        let chunks = self.records.get(span.clone())?.iter().map(|r| r.chunk);
        for c in chunks.collect::<std::collections::BTreeSet<u32>>() {
            if !self.chunks.get(c as usize)?.folded.intact() {
                return None;
            }
        }
        let mut seg = Segment::default();
        let mut local: HashMap<u32, u32> = HashMap::new();
        for r in &self.records[span] {
            let c = self.chunks.get(r.chunk as usize)?;
            fn put<T: Copy>(to: &mut Vec<T>, from: &[T], at: [u32; 2]) -> [u32; 2] {
                let s = to.len();
                to.extend_from_slice(from.get(range(at)).unwrap_or(&[]));
                [s as u32, to.len() as u32]
            }
            let mut n = *r;
            n.doc = 0;
            n.chunk = 0;
            n.text = put(&mut seg.orig, &c.orig, r.text);
            n.label = put(&mut seg.orig, &c.orig, r.label);
            n.heading = put(&mut seg.orig, &c.orig, r.heading);
            n.title = put(&mut seg.folded, &c.folded, r.title);
            n.body = put(&mut seg.folded, &c.folded, r.body);
            n.path = put(&mut seg.pool, &c.pool, r.path);
            n.title_map = put(&mut seg.pool, &c.pool, r.title_map);
            n.body_map = put(&mut seg.pool, &c.pool, r.body_map);
            let start = seg.pool.len() as u32;
            for &a in c.pool.get(range(r.agencies)).unwrap_or(&[]) {
                let next = local.len() as u32;
                let id = *local.entry(a).or_insert_with(|| {
                    let name = self.agencies.entries.get(a as usize);
                    seg.agencies
                        .push(name.map(|e| e.written.clone()).unwrap_or_default());
                    next
                });
                seg.pool.push(id);
            }
            n.agencies = [start, seg.pool.len() as u32];
            seg.records.push(n);
        }
        Some(seg)
    }

    /// An index of several documents, in this order (hit `doc` numbers are
    /// positions in `segments`).
    pub fn from_segments(segments: Vec<Segment>) -> Index {
        let mut agencies = Agencies::new(Directory::embedded());
        let mut records = Vec::with_capacity(segments.iter().map(|s| s.records.len()).sum());
        let mut chunks = Vec::with_capacity(segments.len());
        let mut docs = Vec::with_capacity(segments.len());
        for (d, mut s) in segments.into_iter().enumerate() {
            let ids: Vec<u32> = s.agencies.iter().map(|a| agencies.intern(a)).collect();
            let start = records.len();
            for r in &s.records {
                for a in &mut s.pool[range(r.agencies)] {
                    *a = ids.get(*a as usize).copied().unwrap_or(0);
                }
                records.push(Record {
                    doc: d as u32,
                    chunk: d as u32,
                    ..*r
                });
            }
            docs.push(start..records.len());
            chunks.push(Chunk {
                orig: Store::owned(s.orig),
                folded: Store::owned(s.folded),
                pool: Store::owned(s.pool),
            });
        }
        Index::assemble(Store::owned(records), chunks, agencies, docs)
    }

    /// Whether a stored folded text was found damaged when read (see
    /// [`Store::shared_chars_unread`]): what was searched there read as
    /// empty, so the index should be rebuilt and the search run again.
    pub fn damaged(&self) -> bool {
        self.chunks
            .iter()
            .any(|c| c.folded.found_damaged() == Some(true))
    }

    /// The agency names agency ids refer to, in id order.
    pub fn agency_names(&self) -> Vec<String> {
        self.agencies
            .entries
            .iter()
            .map(|e| e.written.clone())
            .collect()
    }

    /// The pair set (see [`Index::may_have_pair`]) as stored beside the
    /// arrays, so a library's first query does not scan every text for it.
    pub fn pair_words(&self) -> Vec<u64> {
        self.pair_set().to_vec()
    }

    /// This index as arrays to store, when each document is one chunk (as
    /// [`Index::from_segments`] builds it); `None` otherwise.
    pub fn stored(&self) -> Option<Stored<'_>> {
        if self.chunks.len() != self.docs.len() {
            return None;
        }
        Some(Stored {
            records: bytemuck::cast_slice(&self.records),
            docs: self
                .chunks
                .iter()
                .map(|c| {
                    [
                        &c.orig[..],
                        bytemuck::cast_slice::<u32, u8>(char_words(&c.folded)),
                        bytemuck::cast_slice(&c.pool),
                    ]
                })
                .collect(),
            agencies: self.agency_names(),
            pairs: self.pair_words(),
            signatures: self.signatures(),
            initials: self.initial_words(),
        })
    }

    /// An index put back together from stored arrays (see
    /// [`Index::stored`]): `records`, the buffer of every record, documents
    /// in order; each document's texts and pool; the agency names; the pair
    /// set. `None` when anything does not fit (a damaged file): the caller
    /// rebuilds. `signatures` are used when they have the right size,
    /// else the index has none (every document is scanned); so are the
    /// pinyin summaries `initials`, else they are built on first need.
    pub fn from_stored(
        records: Shared,
        docs: Vec<StoredDoc>,
        names: &[String],
        pairs: Vec<u64>,
        signatures: Option<Store<u64>>,
        initials: Option<Store<u64>>,
    ) -> Option<Index> {
        let len = records.bytes().len();
        let records = Store::<Record>::shared(records, 0..len)?;
        let mut agencies = Agencies::new(Directory::embedded());
        for n in names {
            agencies.intern(n);
        }
        // Distinct names only: ids then equal positions.
        if agencies.entries.len() != names.len() {
            return None;
        }
        let chunks: Vec<Chunk> = docs
            .into_iter()
            .map(|d| Chunk {
                orig: d.orig,
                folded: d.folded,
                pool: d.pool,
            })
            .collect();
        let spans = check(&records, &chunks, names.len())?;
        let ix = Index::assemble(records, chunks, agencies, spans);
        let want = pair_bits(ix.chunks.iter().map(|c| c.folded.len()).sum()) / 64;
        if pairs.len() == want {
            let _ = ix.pairs.set(pairs.into_boxed_slice());
        }
        if let Some(s) = signatures {
            ix.set_signatures(s);
        }
        if let Some(w) = initials {
            ix.set_initials(w);
        }
        Some(ix)
    }
}

/// Chars as the `u32`s they are.
fn char_words(c: &[char]) -> &[u32] {
    // SAFETY: `char` has the size and alignment of `u32`, and every char
    // is a valid `u32`.
    unsafe { std::slice::from_raw_parts(c.as_ptr().cast::<u32>(), c.len()) }
}

/// Checks every record against its document's chunk: documents in order,
/// each starting with its document record, every range in bounds, maps as
/// long as what they map, agency ids known. The documents' record spans.
fn check(records: &[Record], chunks: &[Chunk], agencies: usize) -> Option<Vec<Range<usize>>> {
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(chunks.len());
    for (i, r) in records.iter().enumerate() {
        let d = r.doc as usize;
        if r.flags & KIND_MASK == KIND_DOCUMENT {
            if d != spans.len() {
                return None;
            }
            spans.push(i..i + 1);
        } else if d + 1 != spans.len() || r.flags & KIND_MASK > KIND_MEASURE {
            return None;
        }
        let c = chunks.get(d).filter(|_| r.chunk as usize == d)?;
        let fits = |at: [u32; 2], len: usize| at[0] <= at[1] && (at[1] as usize) <= len;
        let (o, f, p) = (c.orig.len(), c.folded.len(), c.pool.len());
        if ![r.text, r.label, r.heading].iter().all(|&a| fits(a, o))
            || ![r.title, r.body].iter().all(|&a| fits(a, f))
            || ![r.path, r.agencies, r.title_map, r.body_map]
                .iter()
                .all(|&a| fits(a, p))
        {
            return None;
        }
        let map_ok = |flag: u32, map: [u32; 2], field: [u32; 2], orig: [u32; 2]| {
            if r.flags & flag == 0 {
                return true;
            }
            // One entry per folded char, each a char of the original
            // (bounded by its byte length: chars are never more).
            range(map).len() == range(field).len()
                && c.pool[range(map)]
                    .iter()
                    .all(|&x| (x as usize) < range(orig).len())
        };
        if !map_ok(HAS_TITLE_MAP, r.title_map, r.title, r.heading)
            || !map_ok(HAS_BODY_MAP, r.body_map, r.body, r.text)
            || c.pool[range(r.agencies)]
                .iter()
                .any(|&a| a as usize >= agencies)
        {
            return None;
        }
        if let Some(s) = spans.last_mut() {
            s.end = i + 1;
        }
    }
    (spans.len() == chunks.len() && !spans.is_empty()).then_some(spans)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::search::store::Buffer;

    /// A buffer of `u32`s: aligned as stored arrays are in a mapped file.
    struct Words(Vec<u32>);
    impl Buffer for Words {
        fn bytes(&self) -> &[u8] {
            bytemuck::cast_slice(&self.0)
        }
    }

    fn words(b: &[u8]) -> Shared {
        Arc::new(Words(
            b.chunks(4)
                .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }

    /// The arrays of `ix`, as stored, with `damage` applied to the records'
    /// bytes and each document's pool and original texts, then put back
    /// together.
    #[allow(clippy::type_complexity)]
    fn round_trip(
        ix: &Index,
        damage: &dyn Fn(&mut Vec<u8>, &mut Vec<u8>, &mut Vec<u8>),
    ) -> Option<Index> {
        let st = ix.stored().unwrap();
        let mut records = st.records.to_vec();
        let docs = st
            .docs
            .iter()
            .map(|[orig, folded, pool]| {
                let mut pool = pool.to_vec();
                let mut orig = orig.to_vec();
                damage(&mut records, &mut pool, &mut orig);
                let len = orig.len();
                let orig: Shared = Arc::new(orig);
                StoredDoc {
                    orig: Store::<u8>::shared(orig, 0..len).unwrap(),
                    folded: Store::<char>::shared_chars(words(folded), 0..folded.len()).unwrap(),
                    pool: Store::<u32>::shared(words(&pool), 0..pool.len()).unwrap(),
                }
            })
            .collect();
        let sig = st.signatures.to_vec();
        Index::from_stored(
            words(&records),
            docs,
            &st.agencies,
            st.pairs.clone(),
            Some(Store::owned(sig)),
            Some(Store::owned(st.initials.to_vec())),
        )
    }

    fn seen(ix: &Index, q: &str) -> Vec<String> {
        ix.search(q, usize::MAX)
            .unwrap()
            .iter()
            .map(|h| {
                format!(
                    "{} {:?} {:?} {} {:?} {:?} {:?} {:?} {}",
                    h.doc,
                    h.path,
                    h.tier,
                    h.score,
                    h.title_matches,
                    h.text_matches,
                    h.agency_matches,
                    ix.heading(h),
                    ix.snippet(h, 50).text
                )
            })
            .collect()
    }

    const QUERIES: &[&str] = &[
        "融资",
        "知识产权质押",
        "zjtx",
        "a:pboc",
        "第十二条",
        "專精特新",
        "减税",
        "值押",
        "#3 企业",
        "12366",
        "financing",
        "!融资 企业",
        "量子计算",
        "首台套",
        "a:工信部 !a:财政部",
        "ＡＢＣ",
    ];

    #[test]
    fn a_stored_index_searches_as_the_document() {
        let doc = Document::embedded();
        let direct = Index::new(&doc);
        let seg = Segment::of(&doc);
        let one = Index::from_segments(vec![seg.clone()]);
        let back = round_trip(&one, &|_, _, _| {}).unwrap();
        for q in QUERIES {
            assert_eq!(seen(&one, q), seen(&direct, q), "{q}");
            assert_eq!(seen(&back, q), seen(&direct, q), "{q}");
        }
        // Taken apart again, it is the same segment.
        assert_eq!(back.document_segment(0), Some(seg));
        // The stored pair set is used as stored.
        assert_eq!(back.pair_words(), direct.pair_words());
        // So are the stored pinyin summaries; a table of the wrong size is
        // refused (they are then built on first need).
        assert_eq!(
            back.initials.get().map(|i| i.words().to_vec()),
            Some(direct.initial_words().to_vec())
        );
        let fresh = Index::from_segments(vec![Segment::of(&doc)]);
        let w = super::super::initials::WORDS;
        assert!(!fresh.set_initials(Store::owned(vec![0; fresh.len() * w + w])));
        assert!(fresh.initials.get().is_none());
    }

    #[test]
    fn a_large_document_folded_in_several_chunks_makes_one_segment() {
        // Over a megabyte: Index::new folds it in parallel runs (chunks).
        let big = crate::search::replicate(&Document::embedded(), 80);
        let direct = Index::new(&big);
        assert!(
            direct.chunks.len() > 1
                || std::thread::available_parallelism().map_or(1, |n| n.get()) == 1
        );
        let one = round_trip(
            &Index::from_segments(vec![Segment::of(&big)]),
            &|_, _, _| {},
        )
        .unwrap();
        for q in ["融资", "zjtx", "a:pboc", "第十二条", "值押"] {
            assert_eq!(seen(&one, q), seen(&direct, q), "{q}");
        }
    }

    #[test]
    fn documents_put_together_keep_their_numbers_and_texts() {
        let doc = Document::embedded();
        let two = Index::from_segments(vec![Segment::of(&doc), Segment::of(&doc)]);
        assert_eq!(two.documents(), 2);
        let hits = two.search("第十二条", 10).unwrap();
        // A number form jumps to that measure of each document.
        assert_eq!(hits.iter().filter(|h| h.jump).count(), 2);
        assert_eq!((hits[0].doc, hits[1].doc), (0, 1));
        assert_eq!(two.heading(&hits[1]), two.heading(&hits[0]));
        assert_eq!(
            two.heading(&hits[0]),
            ("（十二）", "加强工业互联网赋能", 12)
        );
        // Scoped to the second document: its hits only.
        let r = two.search_in("融资", 100, Some(&[false, true])).unwrap();
        assert!(!r.hits.is_empty() && r.hits.iter().all(|h| h.doc == 1));
        assert!(two.document_hit(1).is_some() && two.document_hit(2).is_none());
        // A wrong record hint only costs a search.
        let mut h = hits[1].clone();
        h.record = 0;
        assert_eq!(two.heading(&h), two.heading(&hits[1]));
    }

    #[test]
    fn putting_stored_arrays_together_reads_no_text() {
        let doc = Document::embedded();
        let two = Index::from_segments(vec![Segment::of(&doc), Segment::of(&doc)]);
        let st = two.stored().unwrap();
        let docs = st
            .docs
            .iter()
            .map(|[orig, folded, pool]| {
                let len = orig.len();
                let orig: Shared = Arc::new(orig.to_vec());
                StoredDoc {
                    orig: Store::<u8>::shared(orig, 0..len).unwrap(),
                    folded: Store::<char>::shared_chars_unread(words(folded), 0..folded.len())
                        .unwrap(),
                    pool: Store::<u32>::shared(words(pool), 0..pool.len()).unwrap(),
                }
            })
            .collect();
        let back = Index::from_stored(
            words(st.records),
            docs,
            &st.agencies,
            st.pairs.clone(),
            None,
            None,
        )
        .unwrap();
        let read = |ix: &Index| -> Vec<Option<bool>> {
            ix.chunks.iter().map(|c| c.folded.found_damaged()).collect()
        };
        assert_eq!(read(&back), [None, None], "nothing read when put together");
        let r = back.search_in("融资", 10, Some(&[false, true])).unwrap();
        assert!(!r.hits.is_empty());
        assert_eq!(
            read(&back),
            [None, Some(false)],
            "only the document searched"
        );
        assert!(!back.damaged());
    }

    /// Original texts with bytes that are not UTF-8: a result line shows
    /// the label and title it can check, never the bad bytes, never panics.
    #[test]
    fn result_lines_from_damaged_texts_are_safe() {
        let doc = Document::embedded();
        let ix = Index::from_segments(vec![Segment::of(&doc)]);
        let len = ix.stored().unwrap().docs[0][0].len();
        for at in (0..len).step_by(97) {
            let back = round_trip(&ix, &|_, _, orig| orig[at] = 0xff).unwrap();
            for h in back.search("融资", usize::MAX).unwrap() {
                let row = back.row(&h).unwrap();
                let (label, title, _) = ix.heading(&h);
                // Each shown as stored, or not at all when its bytes are bad.
                let r = &back.records[h.record];
                let bad_in = |x: [u32; 2]| (x[0] as usize..x[1] as usize).contains(&at);
                assert_eq!(row.label, if bad_in(r.label) { "" } else { label }, "{at}");
                assert_eq!(
                    row.title,
                    if bad_in(r.heading) { "" } else { title },
                    "{at}"
                );
                let mut line = String::new();
                row.snippet_into(60, &mut line);
                assert!(
                    !line.contains('\u{fffd}') && crate::text::width(&line) <= 60,
                    "{at}"
                );
            }
        }
    }

    #[test]
    fn damaged_arrays_are_refused_or_harmless() {
        let doc = Document::embedded();
        let ix = Index::from_segments(vec![Segment::of(&doc)]);
        let size = std::mem::size_of::<Record>();
        let n = ix.len();
        // Fields pushed out of range, one record at a time: refused.
        for i in [0, 1, n / 2, n - 1] {
            for field in 0..5usize {
                let out = round_trip(&ix, &|rec, _, _| {
                    let r: &mut Record =
                        bytemuck::from_bytes_mut(&mut rec[i * size..(i + 1) * size]);
                    match field {
                        0 => r.text[1] = u32::MAX,
                        1 => r.body = [r.body[1] + 1, r.body[1]],
                        2 => r.flags = 7,
                        3 => r.doc = 5,
                        _ => r.path[1] = u32::MAX,
                    }
                });
                assert!(out.is_none(), "record {i} field {field}");
            }
        }
        // Any byte of the records or the pool changed: never a panic.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let s = seed;
            if let Some(back) = round_trip(&ix, &|rec, pool, _| {
                let (buf, at) = if s.is_multiple_of(2) {
                    let l = rec.len();
                    (rec, (s >> 8) as usize % l)
                } else {
                    let l = pool.len();
                    (pool, (s >> 8) as usize % l)
                };
                buf[at] = (s >> 40) as u8;
            }) {
                for q in ["融资", "a:pboc", "第十二条", "zjtx"] {
                    for h in back.search(q, 20).unwrap() {
                        let _ = (back.heading(&h), back.snippet(&h, 40));
                    }
                }
            }
        }
    }
}

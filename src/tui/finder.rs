//! The TUI's narrow view of the search engine: results as tree paths plus the
//! matched character ranges, and width-bounded snippets.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use crate::doc::Document;
use crate::doc::agencies::Directory;
use crate::doc::outline::Outline;
use crate::search::{Hit, HitKind, Index};

/// One search result, as the browser needs it.
#[derive(Debug, Clone)]
pub struct Found {
    /// The outline node of the hit (0: the document itself).
    pub node: usize,
    /// Child indices from `doc.items`; empty = the document itself.
    pub path: Vec<usize>,
    /// Char ranges in the item's title (the document title for the root).
    pub title: Vec<Range<usize>>,
    /// Char ranges in the item's text; empty for the document, whose
    /// matches lie in metadata the reader lays out field by field.
    pub text: Vec<Range<usize>>,
    hit: Hit,
}

/// What the engine said about a query besides its hits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes {
    /// Thesaurus words and split compounds searched besides the words typed.
    pub also_searched: Vec<String>,
    /// Words of the query left out (English function words, words matching nothing).
    pub ignored: Vec<String>,
    /// Nothing matched: the results are related items, not hits.
    pub related: bool,
}

impl Found {
    /// A guess rather than a match (homophone, fuzzy pinyin, fuzzy, related):
    /// marked as such on screen.
    pub fn approximate(&self) -> bool {
        self.hit.approximate
    }

    /// A result on `node` with `matches` text matches and nothing else to
    /// show (tests of what walks results).
    #[cfg(test)]
    pub(crate) fn stub(node: usize, matches: usize) -> Found {
        Found {
            node,
            path: Vec::new(),
            title: Vec::new(),
            text: (0..matches).map(|i| i..i + 1).collect(),
            hit: Hit {
                kind: HitKind::Measure,
                doc: 0,
                record: 0,
                path: Vec::new(),
                ordinal: None,
                score: 0,
                tier: crate::search::Tier::Exact,
                field: crate::search::Field::Body,
                title_matches: Vec::new(),
                text_matches: Vec::new(),
                agency_matches: Vec::new(),
                jump: false,
                approximate: false,
            },
        }
    }

    /// How many places matched (what `n`/`N` step through).
    pub fn count(&self) -> usize {
        self.title.len() + self.text.len()
    }

    /// Text matches that are not just the title again: an item's text starts
    /// with its title sentence, so a title match shows up in both.
    fn body_only(&self) -> impl Iterator<Item = &Range<usize>> {
        self.text.iter().filter(|r| !self.title.contains(r))
    }

    /// How many distinct places in the document matched (for the result row).
    pub fn places(&self) -> usize {
        self.title.len() + self.body_only().count()
    }

    /// Whether a snippet of the body is worth a row: a match beyond the title.
    pub fn body_hit(&self) -> bool {
        self.body_only().next().is_some()
    }
}

/// The search index, built on another thread for large documents so the
/// first frame does not wait for it; the first search joins the build.
pub struct Finder {
    index: OnceLock<Index>,
    building: Mutex<Option<JoinHandle<Index>>>,
    /// To build again on this thread should the background build have failed.
    source: (Arc<Document>, Arc<Outline>),
}

/// A build still running when the finder goes is waited for, so builds
/// never pile up (the browser itself exits without dropping its state).
impl Drop for Finder {
    fn drop(&mut self) {
        if let Some(h) = self.building.get_mut().ok().and_then(Option::take) {
            let _ = h.join();
        }
    }
}

/// From this many outline nodes on, the index is built in the background
/// (the embedded document has 46: built at once, no thread).
const BACKGROUND_NODES: usize = 2_000;

impl Finder {
    /// Indexes `doc` (whose outline is `outline`) now when it is small,
    /// else on a background thread.
    pub fn new(doc: Arc<Document>, outline: Arc<Outline>) -> Finder {
        let index = OnceLock::new();
        let mut handle = None;
        if outline.len() < BACKGROUND_NODES {
            let _ = index.set(Index::with_outline(&doc, &outline, Directory::embedded()));
        } else {
            let (d, o) = (Arc::clone(&doc), Arc::clone(&outline));
            // No thread (a limit reached): built on first use instead.
            handle = std::thread::Builder::new()
                .name("index".into())
                .spawn(move || {
                    let ix = Index::with_outline(&d, &o, Directory::embedded());
                    // What pinyin queries read, ready before the first one
                    // (one thread: the others draw the first frame).
                    ix.prepare_pinyin_quietly();
                    ix
                })
                .ok();
        }
        Finder {
            index,
            building: Mutex::new(handle),
            source: (doc, outline),
        }
    }

    /// The index, waiting for the background build if it is still running.
    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let handle = self.building.lock().ok().and_then(|mut h| h.take());
            if let Some(ix) = handle.and_then(|h| h.join().ok()) {
                return ix;
            }
            let (d, o) = &self.source;
            Index::with_outline(d, o, Directory::embedded())
        })
    }

    /// Waits for the background build, if any (benchmarks: so one run's
    /// index does not compete with the next run).
    pub fn wait(&self) {
        let _ = self.index();
    }

    /// Results for `query`, best first; `Err` is a one-line message about a
    /// malformed query.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Found>, String> {
        let hits = self
            .index()
            .search(query, limit)
            .map_err(|e| e.to_string())?;
        Ok(self.found(hits))
    }

    /// [`Finder::search`] with what the engine says about the query: the
    /// words it also searched, those it left out, and, when nothing matched,
    /// the related items in place of results.
    pub fn search_all(&self, query: &str, limit: usize) -> Result<(Vec<Found>, Notes), String> {
        let r = self
            .index()
            .search_all(query, limit)
            .map_err(|e| e.to_string())?;
        let related = r.hits.is_empty() && !r.related.is_empty();
        let hits = if related { r.related } else { r.hits };
        let notes = Notes {
            also_searched: r.also_searched,
            ignored: r.ignored,
            related,
        };
        Ok((self.found(hits), notes))
    }

    fn found(&self, hits: Vec<crate::search::Hit>) -> Vec<Found> {
        hits.into_iter()
            .map(|h| {
                let doc_level = h.kind == HitKind::Document;
                let node = if doc_level {
                    0
                } else {
                    self.source.1.by_path(&h.path).unwrap_or(0)
                };
                Found {
                    node,
                    path: if doc_level {
                        Vec::new()
                    } else {
                        h.path.clone()
                    },
                    title: h.title_matches.clone(),
                    text: match h.kind {
                        HitKind::Document => Vec::new(),
                        // A heading's text is its title again: one place, not two.
                        HitKind::Section => h
                            .text_matches
                            .iter()
                            .filter(|r| !h.title_matches.contains(r))
                            .cloned()
                            .collect(),
                        HitKind::Measure => h.text_matches.clone(),
                    },
                    hit: h,
                }
            })
            .collect()
    }

    /// A one-line snippet around the first body match, at most `max_width`
    /// cells, with char-range highlights.
    pub fn snippet(&self, found: &Found, max_width: usize) -> (String, Vec<Range<usize>>) {
        let s = self.index().snippet(&found.hit, max_width);
        (s.text, s.highlights)
    }
}

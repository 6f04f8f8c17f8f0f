//! The library: many documents in one directory, an index beside them, and
//! search, agencies and cross-references across all of them.
//!
//! ```text
//! DIR/docs/ID.json        the documents (sanitised JSON): the library itself
//! DIR/index/catalog.bin   per document: id, title, 文号, issuer, date, file facts (postcard)
//! DIR/index/details.bin   per document: measures with agencies and lead, mentions (postcard)
//! DIR/index/search.bin    per document: its search records, where its texts are below
//! DIR/index/orig-G.bin, folded-G.bin    original and folded texts (memory-mapped; see engine)
//! DIR/.lock               the write lock
//! ```
//!
//! The index is derived: it is checked against the documents on every open
//! (size and mtime, then the content hash) and rebuilt for changed documents
//! only. Every write is atomic (temporary file, fsync, rename), documents
//! first and the catalog last, so a process killed at any point leaves the
//! library as before or as after. The embedded document is always in it.

pub mod agencies;
pub mod catalog;
mod engine;
pub mod id;
pub mod search;
mod store;
pub mod xref;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::doc::Document;

pub use agencies::{AgencyLoad, Role, Task};
pub use catalog::{Details, Entry, MeasureInfo, Mention, MentionKind};
pub use search::{DocHit, Found, Narrowed};
pub use xref::Reference;

/// The environment variable naming the library directory.
pub const ENV: &str = "ZHENGCE_LIBRARY";

/// Bumped whenever `Entry` or the stored search records change shape: an
/// index of another format is rebuilt, never misread.
const FORMAT: u32 = 6;

/// What `add` did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    New(String),
    Updated(String),
    Unchanged(String),
}

impl Added {
    pub fn id(&self) -> &str {
        match self {
            Added::New(s) | Added::Updated(s) | Added::Unchanged(s) => s,
        }
    }
}

#[derive(Serialize, Deserialize, Default)]
struct Catalog {
    format: u32,
    /// Changes when the model or this build's reading of it does.
    fingerprint: String,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Default)]
struct DetailsFile {
    format: u32,
    fingerprint: String,
    details: Vec<Details>,
}

/// An open library.
pub struct Library {
    dir: PathBuf,
    /// Readable documents, newest first (then by title).
    entries: Vec<Entry>,
    /// Files that could not be read: reported by name, skipped.
    broken: Vec<Entry>,
    /// One search index over every readable document, in `entries` order:
    /// mapped from the index files on first search.
    engine: std::sync::OnceLock<crate::search::Index>,
    /// The search index put together again when a search found part of
    /// the mapped one damaged (see [`Library::repair`]).
    repaired: std::sync::OnceLock<crate::search::Index>,
    /// Measures and mentions, loaded on first use.
    details: std::sync::OnceLock<HashMap<String, Details>>,
    /// Cross-references, resolved on first use.
    references: std::sync::OnceLock<Vec<Reference>>,
    /// The stored search index as read while the library opened (see
    /// [`Library::open_to_search`]), for [`Library::engine`] to take.
    read_ahead: std::sync::Mutex<Option<engine::Stored>>,
}

/// The library directory: `--library DIR`, else `$ZHENGCE_LIBRARY`, else
/// `$XDG_DATA_HOME/zhengce`, else `~/.local/share/zhengce`.
pub fn default_dir(flag: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(p) = var(ENV) {
        return Ok(PathBuf::from(p));
    }
    if let Some(p) = var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return Ok(p.join("zhengce"));
    }
    match var("HOME") {
        Some(h) => Ok(PathBuf::from(h).join(".local/share/zhengce")),
        None => Err(format!(
            "no library directory: set {ENV} or HOME, or pass --library DIR"
        )),
    }
}

fn fingerprint() -> String {
    static FP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FP.get_or_init(|| {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(builtin_hash().as_bytes());
        // The folded texts are stored in the machine's byte order.
        h.update(if cfg!(target_endian = "little") {
            b"le"
        } else {
            b"be"
        });
        id::hex(&h.finalize()[..8])
    })
    .clone()
}

/// A document file of the library: its id, file name and metadata.
type DocFile = (String, String, std::io::Result<std::fs::Metadata>);

/// The library's document files in `docs`, by id, to be looked up (a
/// system call each) by whichever thread is free: see [`Listing::stat`].
struct Listing {
    files: Vec<(String, String, std::fs::DirEntry)>,
    next: std::sync::atomic::AtomicUsize,
    found: Vec<std::sync::OnceLock<std::io::Result<std::fs::Metadata>>>,
}

impl Listing {
    /// The document files in `docs` (none when it cannot be read), sorted
    /// by id; a symbolic link is not a document of the library.
    fn of(docs: &Path) -> Listing {
        let mut files = Vec::new();
        if let Ok(rd) = std::fs::read_dir(docs) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(id) = name.strip_suffix(".json").filter(|i| id::is_valid(i)) {
                    files.push((id.to_string(), name.clone(), e));
                }
            }
        }
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let found = files.iter().map(|_| std::sync::OnceLock::new()).collect();
        Listing {
            files,
            next: std::sync::atomic::AtomicUsize::new(0),
            found,
        }
    }

    /// Looks up the files no thread has taken yet, one at a time, from
    /// their directory entries (no path walk per file). Several threads
    /// may call it at once.
    fn stat(&self) {
        loop {
            let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (Some((_, _, e)), Some(slot)) = (self.files.get(i), self.found.get(i)) else {
                return;
            };
            let _ = slot.set(e.metadata());
        }
    }

    /// Each file with its metadata, once every file was looked up.
    fn into_files(self) -> Vec<DocFile> {
        self.files
            .into_iter()
            .zip(self.found)
            .map(|((id, name, e), m)| {
                let m = m.into_inner().unwrap_or_else(|| e.metadata());
                (id, name, m)
            })
            .collect()
    }
}

/// The content hash of the embedded document, computed by build.rs.
fn builtin_hash() -> &'static str {
    BUILTIN_HASH
}

include!(concat!(env!("OUT_DIR"), "/builtin_hash.rs"));

fn hash(bytes: &[u8]) -> String {
    id::hex(&Sha256::digest(bytes)[..16])
}

fn mtime_ns(m: &std::fs::Metadata) -> u64 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

impl Library {
    /// Opens the library in `dir` (which need not exist: then it holds the
    /// embedded document only). Brings the index up to date for documents
    /// that changed, and saves it when the directory is writable.
    pub fn open(dir: &Path) -> Result<Library, String> {
        let mut lib = Library::unread(dir);
        lib.refresh(false)?;
        Ok(lib)
    }

    /// As [`Library::open`], reading the stored search index on a second
    /// thread meanwhile: for a one-off search, which needs it at once (the
    /// documents' sizes and times are checked while it is mapped).
    pub fn open_to_search(dir: &Path) -> Result<Library, String> {
        let mut lib = Library::unread(dir);
        let idx = lib.index_dir();
        let (saved, ahead) = std::thread::scope(|s| {
            let ahead = std::thread::Builder::new()
                .spawn_scoped(s, || engine::read(&idx, FORMAT, &fingerprint()))
                .ok();
            let saved = lib.refresh(false);
            (saved, ahead.and_then(|h| h.join().ok()))
        });
        // An index saved just now (documents changed) is not the one read;
        // none read (a writer replacing it meanwhile) is read again later.
        if !saved? && let (Some(Some(ahead)), Ok(mut slot)) = (ahead, lib.read_ahead.lock()) {
            *slot = Some(Some(ahead));
        }
        Ok(lib)
    }

    fn unread(dir: &Path) -> Library {
        Library {
            dir: dir.to_path_buf(),
            entries: Vec::new(),
            broken: Vec::new(),
            engine: std::sync::OnceLock::new(),
            repaired: std::sync::OnceLock::new(),
            details: std::sync::OnceLock::new(),
            references: std::sync::OnceLock::new(),
            read_ahead: std::sync::Mutex::new(None),
        }
    }

    /// Whether the library in `dir` holds no document of its own (no
    /// `docs` directory, or an empty one): then it is the embedded document
    /// alone, and opening it can be skipped. `false` when unsure.
    pub fn holds_nothing(dir: &Path) -> bool {
        match std::fs::read_dir(dir.join("docs")) {
            Ok(mut d) => d.next().is_none(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn docs_dir(&self) -> PathBuf {
        self.dir.join("docs")
    }

    fn index_dir(&self) -> PathBuf {
        self.dir.join("index")
    }

    /// The readable documents, newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Documents that could not be read, each with its `error`.
    pub fn broken(&self) -> &[Entry] {
        &self.broken
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Position of the entry in [`Library::entries`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// Entries sorted by issuer, then newest first (the list's other order).
    pub fn by_issuer(&self) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self.entries.iter().collect();
        v.sort_by(|a, b| a.issuer.cmp(&b.issuer).then(b.date.cmp(&a.date)));
        v
    }

    /// Loads a document by id.
    pub fn load(&self, id: &str) -> Result<Document, String> {
        let e = self
            .get(id)
            .ok_or_else(|| format!("no document {id} in the library"))?;
        self.load_entry(e)
    }

    pub(crate) fn load_entry(&self, e: &Entry) -> Result<Document, String> {
        if e.builtin {
            return Ok(Document::embedded());
        }
        Document::load(&self.docs_dir().join(&e.file))
    }

    fn read_catalog(&self) -> Catalog {
        let fp = fingerprint();
        std::fs::read(self.index_dir().join("catalog.bin"))
            .ok()
            .and_then(|b| postcard::from_bytes::<Catalog>(&b).ok())
            .filter(|c| c.format == FORMAT && c.fingerprint == fp)
            .map(|mut c| {
                // The index is ours, but it is a file: never let it name a
                // path outside docs/ or put control sequences on a terminal.
                c.entries.retain(|e| {
                    id::is_valid(&e.id) && (e.builtin || e.file == format!("{}.json", e.id))
                });
                for e in &mut c.entries {
                    for s in [&mut e.title, &mut e.number, &mut e.issuer, &mut e.date] {
                        crate::text::sanitize_line_in_place(s);
                    }
                }
                c
            })
            .unwrap_or_default()
    }

    fn read_details(&self) -> HashMap<String, Details> {
        let fp = fingerprint();
        std::fs::read(self.index_dir().join("details.bin"))
            .ok()
            .and_then(|b| postcard::from_bytes::<DetailsFile>(&b).ok())
            .filter(|c| c.format == FORMAT && c.fingerprint == fp)
            .map(|d| d.details.into_iter().map(|x| (x.id.clone(), x)).collect())
            .unwrap_or_default()
    }

    /// Measures (with agencies and lead) and mentions of every readable
    /// document: from the index where its hash matches, else computed now.
    pub fn all_details(&self) -> &HashMap<String, Details> {
        self.details.get_or_init(|| {
            let mut all = self.read_details();
            let stale: Vec<&Entry> = self
                .entries
                .iter()
                .filter(|e| all.get(&e.id).is_none_or(|d| d.hash != e.hash))
                .collect();
            for e in stale {
                if let Ok(d) = self.load_entry(e) {
                    all.insert(e.id.clone(), Details::of(&e.id, &e.hash, &d));
                }
            }
            all
        })
    }

    /// Measures and mentions of one document.
    pub fn details(&self, id: &str) -> Option<&Details> {
        self.all_details().get(id)
    }

    /// The search index of the whole library: hit `doc` `i` is
    /// `entries()[i]`.
    pub fn engine(&self) -> &crate::search::Index {
        if let Some(ix) = self.repaired.get() {
            return ix;
        }
        self.engine.get_or_init(|| {
            let idx = self.index_dir();
            let ahead = self.read_ahead.lock().ok().and_then(|mut a| a.take());
            let stored = ahead.unwrap_or_else(|| engine::read(&idx, FORMAT, &fingerprint()));
            let (index, stale) = engine::open(stored, &self.entries, &|e| self.load_entry(e).ok());
            // Built now (an index of another build, or damaged): keep it for
            // the next run. Best effort: a read-only library still searches.
            if stale && self.dir.join("docs").is_dir() {
                let _ = store::WriteLock::acquire(&self.dir).and_then(|_lock| {
                    engine::write(&idx, FORMAT, &fingerprint(), &self.entries, &index)
                });
            }
            index
        })
    }

    /// The search index again after a search found part of it damaged
    /// ([`crate::search::Index::damaged`]): intact parts copied, the rest
    /// indexed anew, and written for the next run (best effort). From now
    /// on [`Library::engine`] is this index.
    pub(crate) fn repair(&self) -> &crate::search::Index {
        self.repaired.get_or_init(|| {
            let load = |e: &Entry| self.load_entry(e).ok();
            let index = match self.engine.get() {
                Some(damaged) => engine::repair(&self.entries, damaged, &load),
                None => engine::repair(&self.entries, self.engine(), &load),
            };
            if self.dir.join("docs").is_dir() {
                let idx = self.index_dir();
                let _ = store::WriteLock::acquire(&self.dir).and_then(|_lock| {
                    engine::write(&idx, FORMAT, &fingerprint(), &self.entries, &index)
                });
            }
            index
        })
    }

    /// Re-reads the documents directory and updates the index for what
    /// changed. `locked`: the caller holds the write lock. Whether it saved
    /// the index anew.
    fn refresh(&mut self, locked: bool) -> Result<bool, String> {
        self.engine = std::sync::OnceLock::new();
        self.repaired = std::sync::OnceLock::new();
        self.read_ahead = std::sync::Mutex::new(None);
        self.details = std::sync::OnceLock::new();
        self.references = std::sync::OnceLock::new();
        let docs = self.docs_dir();
        // The documents' files listed and looked up (a system call each)
        // while the catalog is read, then by this thread too.
        let listing = std::sync::OnceLock::new();
        let list = || listing.get_or_init(|| Listing::of(&docs));
        let old = std::thread::scope(|s| {
            let helper = std::thread::Builder::new().spawn_scoped(s, || list().stat());
            let old = self.read_catalog();
            list().stat();
            if let Ok(h) = helper {
                // A panic there is a bug: re-raised as it would be here.
                h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            }
            old
        });
        let files = listing
            .into_inner()
            .unwrap_or_else(|| Listing::of(&docs))
            .into_files();
        let mut by_id: HashMap<String, Entry> =
            old.entries.into_iter().map(|e| (e.id.clone(), e)).collect();
        let mut entries: Vec<Entry> = Vec::with_capacity(by_id.len() + 1);
        // Documents read anew, whose search records must be recomputed.
        let mut fresh: Vec<engine::Fresh> = Vec::new();
        let mut fresh_details: Vec<Details> = Vec::new();
        let mut dirty = false;
        for (id, name, meta) in files {
            let (id, name) = (&id, &name);
            let meta = match meta {
                Ok(m) if m.is_file() => m,
                Ok(_) => continue,
                Err(e) => {
                    let path = docs.join(name);
                    entries.push(Entry::broken(id, name, format!("{}: {e}", display(&path))));
                    continue;
                }
            };
            let (size, mtime) = (meta.len(), mtime_ns(&meta));
            let prev = match by_id.remove(id.as_str()) {
                Some(p) if p.size == size && p.mtime == mtime => {
                    entries.push(p);
                    continue;
                }
                p => p,
            };
            let path = docs.join(name);
            dirty = true;
            let mut entry = match std::fs::read(&path) {
                Err(e) => Entry::broken(id, name, format!("{}: {e}", display(&path))),
                Ok(bytes) => {
                    let h = hash(&bytes);
                    match prev.filter(|p| p.hash == h) {
                        // Touched, not changed: the same index, new file facts.
                        Some(p) => p,
                        None => match Document::load(&path) {
                            Ok(d) => {
                                let mut e = Entry::of(id, &d);
                                e.hash = h;
                                fresh.push(engine::Fresh {
                                    id: id.clone(),
                                    hash: e.hash.clone(),
                                    segment: crate::search::Segment::of(&d),
                                });
                                fresh_details.push(Details::of(id, &e.hash, &d));
                                e
                            }
                            Err(msg) => Entry::broken(id, name, msg),
                        },
                    }
                }
            };
            entry.file = name.clone();
            entry.size = size;
            entry.mtime = mtime;
            entries.push(entry);
        }
        // The embedded document, unless a file of the same id replaces it.
        let builtin_hash = builtin_hash().to_string();
        // Its id as the catalog has it when up to date (no parsing), else
        // from the document.
        let known = by_id
            .values()
            .find(|e| e.builtin && e.hash == builtin_hash)
            .map(|e| e.id.clone());
        let builtin_id = known.unwrap_or_else(|| id::base_id(&Document::embedded()));
        let prev_builtin = by_id.remove(&builtin_id);
        if !entries.iter().any(|e| e.id == builtin_id) {
            match prev_builtin.filter(|e| e.builtin && e.hash == builtin_hash) {
                Some(e) => entries.push(e),
                None => {
                    let builtin = Document::embedded();
                    let mut e = Entry::of(&builtin_id, &builtin);
                    e.builtin = true;
                    e.hash = builtin_hash;
                    fresh.push(engine::Fresh {
                        id: builtin_id.clone(),
                        hash: e.hash.clone(),
                        segment: crate::search::Segment::of(&builtin),
                    });
                    fresh_details.push(Details::of(&builtin_id, &e.hash, &builtin));
                    entries.push(e);
                    dirty = true;
                }
            }
        }
        // Files gone since the index was written.
        dirty |= !by_id.is_empty();
        let (ok, broken): (Vec<Entry>, Vec<Entry>) =
            entries.into_iter().partition(|e| e.error.is_none());
        self.entries = ok;
        // Newest first, then by title and id: a total order.
        self.entries.sort_unstable_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.id.cmp(&b.id))
        });
        self.broken = broken;
        let save = dirty && self.dir.join("docs").is_dir();
        if save {
            // Saving is best effort: a read-only library still opens.
            let _ = self.save(fresh, fresh_details, locked);
        }
        Ok(save)
    }

    /// Writes the index: search records first, then the catalog.
    fn save(
        &self,
        fresh: Vec<engine::Fresh>,
        details: Vec<Details>,
        locked: bool,
    ) -> std::io::Result<()> {
        let _lock = if locked {
            None
        } else {
            Some(store::WriteLock::acquire(&self.dir)?)
        };
        let idx = self.index_dir();
        std::fs::create_dir_all(&idx)?;
        store::sweep_temporaries(&idx);
        engine::save(&idx, FORMAT, &fingerprint(), &self.entries, fresh, &|e| {
            self.load_entry(e).ok()
        })?;
        let mut all = self.read_details();
        for d in details {
            all.insert(d.id.clone(), d);
        }
        let df = DetailsFile {
            format: FORMAT,
            fingerprint: fingerprint(),
            details: self
                .entries
                .iter()
                .filter_map(|e| all.remove(&e.id).filter(|d| d.hash == e.hash))
                .collect(),
        };
        let bytes = postcard::to_stdvec(&df).map_err(std::io::Error::other)?;
        store::write_atomic(&idx.join("details.bin"), &bytes)?;
        let cat = Catalog {
            format: FORMAT,
            fingerprint: fingerprint(),
            entries: self.entries.iter().chain(&self.broken).cloned().collect(),
        };
        let bytes = postcard::to_stdvec(&cat).map_err(std::io::Error::other)?;
        store::write_atomic(&idx.join("catalog.bin"), &bytes)
    }

    /// Adds documents (any format `--data` reads). Each file is stored
    /// atomically; one that fails is reported and the others still land.
    /// The same document (same id) added again replaces the stored one.
    pub fn add(&mut self, files: &[PathBuf]) -> Vec<Result<Added, String>> {
        let docs = self.docs_dir();
        if let Err(e) = std::fs::create_dir_all(&docs) {
            let msg = format!("{}: {e}", display(&docs));
            return files.iter().map(|_| Err(msg.clone())).collect();
        }
        let _lock = match store::WriteLock::acquire(&self.dir) {
            Ok(l) => l,
            Err(e) => {
                let msg = format!("{}: cannot lock: {e}", display(&self.dir));
                return files.iter().map(|_| Err(msg.clone())).collect();
            }
        };
        store::sweep_temporaries(&docs);
        let out = files.iter().map(|f| self.add_one(f)).collect();
        if let Err(e) = self.refresh(true) {
            return vec![Err(e)];
        }
        out
    }

    fn add_one(&self, file: &Path) -> Result<Added, String> {
        let doc = Document::load(file)?;
        let json = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
        let base = id::base_id(&doc);
        let docs = self.docs_dir();
        let mut n = 1;
        loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            let path = docs.join(format!("{id}.json"));
            let existing = std::fs::read(&path).ok();
            let outcome = match existing {
                None => Added::New(id.clone()),
                Some(b) if b == json.as_bytes() => return Ok(Added::Unchanged(id)),
                Some(b) => match Document::from_json(&String::from_utf8_lossy(&b)) {
                    Ok(old) if same_document(&old, &doc) => Added::Updated(id.clone()),
                    // A broken file of this id is replaced by a good one.
                    Err(_) => Added::Updated(id.clone()),
                    Ok(_) => {
                        n += 1;
                        continue;
                    }
                },
            };
            store::write_atomic(&path, json.as_bytes())
                .map_err(|e| format!("{}: {e}", display(&path)))?;
            return Ok(outcome);
        }
    }

    /// Removes a document. The embedded one cannot be removed.
    pub fn remove(&mut self, id: &str) -> Result<(), String> {
        if !id::is_valid(id) {
            return Err(format!("no document {id} in the library"));
        }
        let path = self.docs_dir().join(format!("{id}.json"));
        if !path.is_file() {
            return Err(match self.get(id) {
                Some(e) if e.builtin => format!("{id} is built in and cannot be removed"),
                _ => format!("no document {id} in the library"),
            });
        }
        let _lock = store::WriteLock::acquire(&self.dir)
            .map_err(|e| format!("{}: cannot lock: {e}", display(&self.dir)))?;
        store::remove_durable(&path).map_err(|e| format!("{}: {e}", display(&path)))?;
        self.refresh(true).map(|_| ())
    }
}

/// Whether `a` and `b` are versions of one document: same 文号, or without
/// one, same title and issuer.
fn same_document(a: &Document, b: &Document) -> bool {
    match (id::from_number(&a.number), id::from_number(&b.number)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.title == b.title && a.issuer == b.issuer,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    /// The hash build.rs wrote is the embedded document's, as `hash` makes it.
    #[test]
    fn built_in_hash_is_the_embedded_documents() {
        let now = super::hash(crate::doc::EMBEDDED_JSON.as_bytes());
        assert_eq!(super::builtin_hash(), now);
        assert_eq!(now.len(), 32);
    }
}

//! What the browser remembers between runs: the search history and, per
//! document, the last place (measure, scroll, query, filter). One small JSON
//! file in the XDG state directory (`$XDG_STATE_HOME/zhengce/state.json`,
//! else `~/.local/state/zhengce/state.json`).
//!
//! The file is untrusted input: a missing file is a fresh start; an
//! unreadable, oversized or malformed one is ignored with a one-line notice
//! (the caller shows it in the status line), never a crash. Writes are atomic
//! (temp file, fsync, rename, fsync of the directory), so a crash or a second
//! instance never leaves half a file.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Version of the file format; a file with another version is ignored.
pub const VERSION: u32 = 1;
/// File name inside the state directory.
pub const FILE: &str = "state.json";
/// Larger files are not read (the real one is a few KB).
pub const MAX_BYTES: u64 = 256 * 1024;
/// Queries kept, newest last.
pub const MAX_HISTORY: usize = 100;
/// Longest query kept, in chars; longer ones are cut.
pub const MAX_QUERY_CHARS: usize = 256;
/// Documents whose place is kept, most recent last.
pub const MAX_PLACES: usize = 32;

/// Where the user was in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    /// Which document: see [`document_key`].
    pub document: String,
    /// The selected measure's number (`:N`), if a measure was selected.
    pub measure: Option<u32>,
    /// The selected node's path of child indices, when not a measure
    /// (a section, the document root): survives documents without measures.
    pub path: Vec<usize>,
    /// First line shown in the reader.
    pub scroll: usize,
    /// The last search query ("" = none).
    pub query: String,
    /// The agency filter of the tree, if any.
    pub filter: Option<String>,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub version: u32,
    /// Search queries, oldest first, no duplicates.
    pub history: Vec<String>,
    /// Last places, least recent first, one per document.
    pub places: Vec<Place>,
}

impl Default for State {
    fn default() -> State {
        State {
            version: VERSION,
            history: Vec::new(),
            places: Vec::new(),
        }
    }
}

impl State {
    /// Adds a query to the history (trimmed; empty ignored; an earlier
    /// identical entry moves to the end, as in shells with erasedups).
    pub fn push_query(&mut self, q: &str) {
        let q = clean(q, MAX_QUERY_CHARS);
        let q = q.trim();
        if q.is_empty() {
            return;
        }
        self.history.retain(|h| h != q);
        self.history.push(q.to_string());
        let over = self.history.len().saturating_sub(MAX_HISTORY);
        self.history.drain(..over);
    }

    /// The last place in `document`, if any.
    pub fn place(&self, document: &str) -> Option<&Place> {
        self.places.iter().rev().find(|p| p.document == document)
    }

    /// Records `place` as the latest for its document.
    pub fn set_place(&mut self, place: Place) {
        let place = clean_place(place);
        self.places.retain(|p| p.document != place.document);
        self.places.push(place);
        let over = self.places.len().saturating_sub(MAX_PLACES);
        self.places.drain(..over);
    }

    /// Folds in what another instance saved meanwhile (`disk`), so two
    /// browsers open at once do not erase each other's history: its queries
    /// we lack go before ours (ours are the newest), and its places for
    /// documents we did not touch are kept.
    pub fn merge_from(&mut self, disk: State) {
        let ours = std::mem::take(&mut self.history);
        let mut merged = State::default();
        for q in disk.history.iter().chain(ours.iter()) {
            merged.push_query(q);
        }
        self.history = merged.history;
        let mine = std::mem::take(&mut self.places);
        for p in disk.places {
            if !mine.iter().any(|m| m.document == p.document) {
                self.set_place(p);
            }
        }
        for p in mine {
            self.set_place(p);
        }
    }

    /// Drops what a hand-edited or foreign file could smuggle in: control
    /// characters (they would reach the terminal), overlong strings, too
    /// many entries.
    fn sanitized(self) -> State {
        let mut s = State::default();
        for q in &self.history {
            s.push_query(q);
        }
        for p in self.places {
            s.set_place(p);
        }
        s
    }
}

fn clean_place(p: Place) -> Place {
    Place {
        document: clean(&p.document, 4096),
        measure: p.measure,
        path: p.path.into_iter().take(64).collect(),
        scroll: p.scroll.min(1 << 24),
        query: clean(&p.query, MAX_QUERY_CHARS),
        filter: p.filter.map(|f| clean(&f, MAX_QUERY_CHARS)),
    }
}

/// `s` without control characters, at most `max` chars.
fn clean(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// The key a document's place is stored under: the canonical path of a
/// `--data` file, else `embedded:` and the embedded document's title.
pub fn document_key(data: Option<&Path>, title: &str) -> String {
    match data {
        Some(p) => std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .to_string_lossy()
            .into_owned(),
        None => format!("embedded:{title}"),
    }
}

/// `$XDG_STATE_HOME/zhengce`, else `$HOME/.local/state/zhengce`. A relative
/// XDG_STATE_HOME is ignored, as the XDG spec requires. `var` reads the
/// environment (injected for tests).
pub fn state_dir(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let abs = |v: Option<OsString>| {
        v.filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(x) = abs(var("XDG_STATE_HOME")) {
        return Some(x.join("zhengce"));
    }
    abs(var("HOME")).map(|h| h.join(".local/state/zhengce"))
}

/// The state file's path from the real environment.
pub fn default_path() -> Option<PathBuf> {
    state_dir(|k| std::env::var_os(k)).map(|d| d.join(FILE))
}

/// Reads the state. Missing file: default, no notice. Anything wrong with
/// it: default and a one-line notice naming the file and the reason.
pub fn load(path: &Path) -> (State, Option<String>) {
    match read(path) {
        Ok(s) => (s, None),
        Err(None) => (State::default(), None),
        Err(Some(why)) => (
            State::default(),
            Some(format!("{}: {why}; ignored", path.display())),
        ),
    }
}

/// Err(None): no file. Err(Some(reason)): a file we will not use.
fn read(path: &Path) -> Result<State, Option<String>> {
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
        Err(e) => return Err(Some(e.to_string())),
    };
    let meta = f.metadata().map_err(|e| Some(e.to_string()))?;
    if !meta.is_file() {
        return Err(Some("not a regular file".into()));
    }
    // Read one byte past the limit rather than trusting the size (it can
    // change under us, or be a lie from /proc-like files).
    let mut bytes = Vec::new();
    f.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Some(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Some(format!("larger than {} KB", MAX_BYTES / 1024)));
    }
    let state: State =
        serde_json::from_slice(&bytes).map_err(|e| Some(format!("bad JSON: {e}")))?;
    if state.version != VERSION {
        return Err(Some(format!("unknown version {}", state.version)));
    }
    Ok(state.sanitized())
}

/// Writes the state atomically: a temp file in the same directory, fsync,
/// rename over the old file, fsync of the directory. The directory is
/// created (mode 0700) when missing.
pub fn save(path: &Path, state: &State) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| FILE.into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let json = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
    let r = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable only once the directory is synced.
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

/// Saves `state` after merging what is on disk now (see
/// [`State::merge_from`]); a file that cannot be read is simply replaced.
/// Returns the state as written.
pub fn save_merged(path: &Path, mut state: State) -> std::io::Result<State> {
    if let Ok(disk) = read(path) {
        state.merge_from(disk);
    }
    save(path, &state)?;
    Ok(state)
}

/// ↑/↓ through the history in the search bar, as in a shell: ↑ from the
/// newest entry backwards, ↓ forwards and finally back to what was being
/// typed (kept as the draft).
#[derive(Debug, Clone, Default)]
pub struct Recall {
    /// Index into the history of the entry shown; `None` = the draft.
    at: Option<usize>,
    draft: String,
}

impl Recall {
    /// The entry before the one shown (↑); `input` is the bar's text, kept
    /// as the draft when leaving it. `None` at the oldest entry.
    pub fn older(&mut self, history: &[String], input: &str) -> Option<String> {
        let next = match self.at {
            None => {
                self.draft = input.to_string();
                history.len().checked_sub(1)?
            }
            Some(0) => return None,
            Some(i) => i.min(history.len()).checked_sub(1)?,
        };
        self.at = Some(next);
        history.get(next).cloned()
    }

    /// The entry after the one shown (↓), or the draft after the newest.
    /// `None` when already at the draft.
    pub fn newer(&mut self, history: &[String]) -> Option<String> {
        let i = self.at?;
        if i + 1 < history.len() {
            self.at = Some(i + 1);
            history.get(i + 1).cloned()
        } else {
            self.at = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// Forget the position (the user typed, or the bar was closed).
    pub fn reset(&mut self) {
        *self = Recall::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("zhengce-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn history_dedupes_trims_and_caps() {
        let mut s = State::default();
        for q in ["融资", " zscq ", "", "融资", "a:pboc\x1b[31m"] {
            s.push_query(q);
        }
        assert_eq!(s.history, ["zscq", "融资", "a:pboc[31m"]);
        for i in 0..MAX_HISTORY + 10 {
            s.push_query(&i.to_string());
        }
        assert_eq!(s.history.len(), MAX_HISTORY);
        assert_eq!(s.history.last().unwrap(), &(MAX_HISTORY + 9).to_string());
    }

    #[test]
    fn places_are_per_document_latest_wins() {
        let mut s = State::default();
        let p = |d: &str, m| Place {
            document: d.into(),
            measure: Some(m),
            ..Place::default()
        };
        s.set_place(p("a", 1));
        s.set_place(p("b", 2));
        s.set_place(p("a", 12));
        assert_eq!(s.place("a").unwrap().measure, Some(12));
        assert_eq!(s.places.len(), 2);
        assert!(s.place("c").is_none());
        for i in 0..MAX_PLACES + 5 {
            s.set_place(p(&format!("d{i}"), 1));
        }
        assert_eq!(s.places.len(), MAX_PLACES);
    }

    #[test]
    fn round_trip_through_the_file() {
        let dir = tmp("rt");
        let path = dir.join("sub").join(FILE);
        let mut s = State::default();
        s.push_query("知识产权质押");
        s.set_place(Place {
            document: document_key(None, "提升中小企业竞争力若干措施"),
            measure: Some(12),
            path: vec![3, 1],
            scroll: 4,
            query: "zscq".into(),
            filter: Some("人民银行".into()),
        });
        save(&path, &s).unwrap();
        assert_eq!(load(&path), (s, None));
        // No temp file left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_file_is_a_quiet_fresh_start() {
        let (s, notice) = load(&tmp("missing").join(FILE));
        assert_eq!(s, State::default());
        assert!(notice.is_none());
    }

    #[test]
    fn bad_files_are_ignored_with_one_line_notice() {
        let dir = tmp("bad");
        std::fs::create_dir_all(&dir).unwrap();
        let cases: [(&str, Vec<u8>, &str); 5] = [
            (
                "corrupt",
                b"{\"version\": 1, \"history\": [".to_vec(),
                "bad JSON",
            ),
            ("binary", vec![0xff, 0xfe, 0, 1, 2], "bad JSON"),
            (
                "wrongtype",
                b"{\"version\":1,\"history\":3}".to_vec(),
                "bad JSON",
            ),
            ("future", b"{\"version\":99}".to_vec(), "version 99"),
            ("huge", vec![b' '; MAX_BYTES as usize + 10], "larger than"),
        ];
        for (name, bytes, why) in cases {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            let (s, notice) = load(&p);
            assert_eq!(s, State::default(), "{name}");
            let n = notice.unwrap_or_else(|| panic!("{name}: no notice"));
            assert!(n.contains(why) && n.contains(name), "{name}: {n}");
            assert!(!n.contains('\n'), "{name}: {n}");
        }
        // A directory where the file should be.
        let (_, notice) = load(&dir);
        assert!(notice.is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hostile_content_is_cleaned_on_load() {
        let dir = tmp("hostile");
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(FILE);
        let long = "长".repeat(5000);
        let json = format!(
            r#"{{"version":1,"history":["ok","\u001b]52;c;x\u0007","{long}"],
                "places":[{{"document":"d","scroll":99999999999,"query":"\u009b2J"}}],
                "unknown_field":true}}"#
        );
        std::fs::write(&p, json).unwrap();
        let (s, notice) = load(&p);
        assert!(notice.is_none());
        assert_eq!(s.history[0], "ok");
        assert!(s.history.iter().all(|h| !h.chars().any(char::is_control)));
        assert!(
            s.history
                .iter()
                .all(|h| h.chars().count() <= MAX_QUERY_CHARS)
        );
        let place = s.place("d").unwrap();
        assert_eq!(place.query, "2J");
        assert!(place.scroll <= 1 << 24);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn save_replaces_atomically_and_refuses_unwritable_dirs() {
        let dir = tmp("atomic");
        let path = dir.join(FILE);
        let mut s = State::default();
        s.push_query("一");
        save(&path, &s).unwrap();
        s.push_query("二");
        save(&path, &s).unwrap();
        assert_eq!(load(&path).0.history, ["一", "二"]);
        // A file where the directory should be: an error, not a panic.
        let blocker = dir.join("blocker");
        std::fs::write(&blocker, "x").unwrap();
        assert!(save(&blocker.join(FILE), &s).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn two_instances_keep_each_others_history_and_places() {
        let dir = tmp("merge");
        let path = dir.join(FILE);
        let place = |d: &str, m| Place {
            document: d.into(),
            measure: Some(m),
            ..Place::default()
        };
        // Both start from the same file.
        let mut base = State::default();
        base.push_query("旧");
        save(&path, &base).unwrap();
        let (mut a, _) = load(&path);
        let (mut b, _) = load(&path);
        a.push_query("甲");
        a.set_place(place("doc1", 3));
        b.push_query("乙");
        b.push_query("旧");
        b.set_place(place("doc2", 7));
        save_merged(&path, a).unwrap();
        let written = save_merged(&path, b).unwrap();
        assert_eq!(written.history, ["甲", "乙", "旧"]);
        assert_eq!(load(&path).0, written);
        assert_eq!(written.place("doc1").unwrap().measure, Some(3));
        assert_eq!(written.place("doc2").unwrap().measure, Some(7));
        // The last writer's place wins for a document both touched.
        let mut c = load(&path).0;
        c.set_place(place("doc1", 9));
        let mut d = load(&path).0;
        d.set_place(place("doc1", 11));
        save_merged(&path, c).unwrap();
        assert_eq!(
            save_merged(&path, d)
                .unwrap()
                .place("doc1")
                .unwrap()
                .measure,
            Some(11)
        );
        // A damaged file is replaced, not merged.
        std::fs::write(&path, "{oops").unwrap();
        let mut e = State::default();
        e.push_query("新");
        assert_eq!(save_merged(&path, e).unwrap().history, ["新"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn state_dir_follows_xdg() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| OsString::from(*v))
            }
        };
        assert_eq!(
            state_dir(env(&[("XDG_STATE_HOME", "/x/state"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/state/zhengce"))
        );
        assert_eq!(
            state_dir(env(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/zhengce"))
        );
        assert_eq!(state_dir(env(&[("XDG_STATE_HOME", "")])), None);
    }

    #[test]
    fn recall_walks_history_and_returns_to_the_draft() {
        let h: Vec<String> = ["融资", "zscq", "a:pboc"].map(String::from).to_vec();
        let mut r = Recall::default();
        assert_eq!(r.older(&h, "知识").as_deref(), Some("a:pboc"));
        assert_eq!(r.older(&h, "a:pboc").as_deref(), Some("zscq"));
        assert_eq!(r.older(&h, "zscq").as_deref(), Some("融资"));
        assert_eq!(r.older(&h, "融资"), None);
        assert_eq!(r.newer(&h).as_deref(), Some("zscq"));
        assert_eq!(r.newer(&h).as_deref(), Some("a:pboc"));
        assert_eq!(r.newer(&h).as_deref(), Some("知识"));
        assert_eq!(r.newer(&h), None);
        assert_eq!(Recall::default().older(&[], "x"), None);
    }
}

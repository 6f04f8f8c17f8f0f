//! The real binary with a library of its own, shared by the tests that run it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub const BIN: &str = env!("CARGO_BIN_EXE_zhengce");

/// A library with no documents of its own (so it holds the embedded one only),
/// never the user's. Its `docs/` directory exists, as after `add` and `remove`,
/// so the first run saves the index and every later run opens it as a user's
/// second start does, instead of recomputing the embedded document's search
/// facts (0.2 s per run in a debug build). It lives in the target directory,
/// shared by the test binaries and kept between runs; made afresh by the
/// binary under test (here, once per test binary, before any test runs the
/// binary with it) whenever that binary is newer than it.
pub fn library() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty-library");
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let index = dir.join("index");
        if modified(&index).is_none_or(|made| modified(Path::new(BIN)).is_none_or(|b| b > made)) {
            let _ = std::fs::remove_dir_all(&dir);
        }
        std::fs::create_dir_all(dir.join("docs")).expect("test library");
        let o = Command::new(BIN)
            .env("ZHENGCE_LIBRARY", &dir)
            .arg("list")
            .output()
            .expect("binary runs");
        assert!(
            o.status.success() && index.is_dir(),
            "the test library was not set up: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        dir
    })
}

/// The binary, with [`library`] as its library.
pub fn zhengce() -> Command {
    let mut c = Command::new(BIN);
    c.env("ZHENGCE_LIBRARY", library());
    c
}

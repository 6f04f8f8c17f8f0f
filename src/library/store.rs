//! Crash-safe file operations: atomic replace (temporary file, fsync,
//! rename, fsync of the directory) and the library's write lock.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a reader (or a process started after
/// a crash) sees the old file or the new one, never a part of either.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    // Unique per process and call, so two writers never share a temporary.
    let tmp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), unique()));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        failpoint("before-rename");
        std::fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Dies here when `ZHENGCE_FAILPOINT` names this point: how the tests kill
/// a writer at the worst moment (the temporary written, not yet renamed).
fn failpoint(name: &str) {
    if std::env::var_os("ZHENGCE_FAILPOINT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// Removes `path` (atomic by nature) and makes the removal durable.
pub fn remove_durable(path: &Path) -> std::io::Result<()> {
    std::fs::remove_file(path)?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

/// fsync of a directory, so a rename or unlink in it survives a power cut.
/// Not every platform can open a directory; there the rename is all we have.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    match File::open(dir) {
        Ok(d) => match d.sync_all() {
            // Some filesystems refuse fsync on a directory: not an error for us.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Ok(()),
            r => r,
        },
        Err(_) => Ok(()),
    }
}

/// A number no other call (in this or another process, most likely) returns.
pub fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    t ^ N.fetch_add(1, Ordering::Relaxed).rotate_left(48)
        ^ u64::from(std::process::id()).rotate_left(20)
}

/// Temporary files left by a writer that was killed: older than a minute
/// (a live writer renames its temporary within milliseconds of creating it).
pub fn sweep_temporaries(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|d| d.as_secs() > 60);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The library's exclusive write lock, held until dropped. Two `add`s at
/// once take turns, so both land; the kernel releases it if the holder dies.
pub struct WriteLock {
    _file: File,
    _path: PathBuf,
}

impl WriteLock {
    pub fn acquire(dir: &Path) -> std::io::Result<WriteLock> {
        let path = dir.join(".lock");
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        // Through the trait: std's own File::lock needs Rust 1.89.
        fs4::FileExt::lock(&file)?;
        Ok(WriteLock {
            _file: file,
            _path: path,
        })
    }
}

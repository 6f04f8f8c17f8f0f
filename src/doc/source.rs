//! Reading an input file safely: a size limit, no blocking on a named pipe
//! without a writer, and devices and directories refused. Only the reading;
//! what the bytes are (JSON or text) is decided elsewhere.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use crate::text::escape_controls;

/// Largest input file read, in bytes (64 MiB: a long regulation is about
/// 200 KB, a 200,000-item document about 40 MB of JSON).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The name of `path` as error messages show it: controls escaped, so a
/// hostile file name cannot reach the terminal.
pub fn display_name(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// Reads `path` whole. Regular files and pipes (`--data <(cmd)`, a named
/// FIFO) are read up to [`MAX_INPUT_BYTES`]; a FIFO is opened without
/// blocking (no writer reads as empty); devices, sockets and directories are
/// refused. Errors are one line naming the file.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    read_with_limit(path, MAX_INPUT_BYTES)
}

/// [`read`] with another limit.
pub fn read_with_limit(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let name = display_name(path);
    let file = open_nonblocking(path).map_err(|e| format!("{name}: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("{name}: {e}"))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(format!("{name}: is a directory"));
    }
    if !(kind.is_file() || kind.is_fifo()) {
        return Err(format!(
            "{name}: not a regular file or pipe (devices and sockets are not read)"
        ));
    }
    if kind.is_file() && meta.len() > limit {
        return Err(too_big(&name, limit));
    }
    if kind.is_fifo() {
        set_blocking(&file).map_err(|e| format!("{name}: {e}"))?;
    }
    let mut bytes = Vec::new();
    // One byte more than allowed tells "exactly the limit" from "more".
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(&name, limit));
    }
    Ok(bytes)
}

fn too_big(name: &str, limit: u64) -> String {
    format!(
        "{name}: larger than {} MiB, the most zhengce reads",
        limit / (1024 * 1024)
    )
}

/// Opening a FIFO for reading blocks until a writer appears, unless opened
/// non-blocking; for other files the flag changes nothing.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// Pipes are read blocking once open, so `<(slow command)` is waited for.
fn set_blocking(file: &File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function's caller owns; no memory involved.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str, content: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("zhengce-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    #[test]
    fn reads_up_to_the_limit_and_refuses_more() {
        let p = tmp("ten", b"0123456789");
        assert_eq!(read_with_limit(&p, 10).unwrap(), b"0123456789");
        let e = read_with_limit(&p, 9).unwrap_err();
        assert!(e.contains("larger than"), "{e}");
    }

    #[test]
    fn devices_and_directories_are_refused() {
        let e = read(Path::new("/dev/zero")).unwrap_err();
        assert!(e.contains("not a regular file or pipe"), "{e}");
        let e = read(&std::env::temp_dir()).unwrap_err();
        assert!(e.contains("is a directory"), "{e}");
    }

    #[test]
    fn a_fifo_without_writer_does_not_block() {
        let dir = std::env::temp_dir().join(format!("zhengce-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("fifo");
        let _ = std::fs::remove_file(&p);
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(read(&p).unwrap(), b"");
    }

    #[test]
    fn names_in_errors_are_escaped() {
        let e = read(Path::new("/nonexistent/x\u{1b}]2;PWNED\u{7}\n")).unwrap_err();
        assert!(!e.contains('\u{1b}') && !e.contains('\n'), "{e:?}");
        assert!(e.contains("x\\x1b]2;PWNED\\x07\\n"), "{e}");
    }
}

//! The terminal device itself: raw mode with the original settings saved
//! for every way out, reading what is available, and writing the restore
//! sequence without ever blocking (a signal must not wait for a terminal
//! that stopped reading).

use std::io;
use std::os::fd::RawFd;
use std::sync::Mutex;
use std::time::Duration;

/// Resets everything setup turns on: mouse reporting (all modes crossterm
/// enables), bracketed paste, the alternate screen (after which the main
/// screen's cursor position comes back), then shows the cursor.
pub const RESTORE: &[u8] =
    b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[?1049l\x1b[?25h";

/// The descriptor input is read from and its settings before raw mode.
static SAVED: Mutex<Option<(RawFd, libc::termios)>> = Mutex::new(None);

/// The terminal's input descriptor: stdin when it is a terminal, else
/// /dev/tty (`zhengce < file` in a terminal). Opened once, never closed.
pub fn input_fd() -> io::Result<RawFd> {
    static FD: Mutex<Option<RawFd>> = Mutex::new(None);
    let mut fd = FD.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(fd) = *fd {
        return Ok(fd);
    }
    // SAFETY: isatty and open take no pointers we do not own; the path is
    // a NUL-terminated literal.
    let new = unsafe {
        if libc::isatty(0) == 1 {
            0
        } else {
            libc::open(
                c"/dev/tty".as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            )
        }
    };
    if new < 0 {
        return Err(io::Error::last_os_error());
    }
    *fd = Some(new);
    Ok(new)
}

/// Raw mode on the input terminal. The settings before the first call are
/// kept for [`restore_mode`]; later calls (after a suspend) re-apply raw
/// mode on top of whatever the shell left.
pub fn enable_raw() -> io::Result<()> {
    let fd = input_fd()?;
    // SAFETY: tcgetattr/cfmakeraw/tcsetattr fill and read a termios we own.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut t) != 0 {
            return Err(io::Error::last_os_error());
        }
        {
            let mut saved = SAVED.lock().unwrap_or_else(|e| e.into_inner());
            if saved.is_none() {
                *saved = Some((fd, t));
            }
        }
        libc::cfmakeraw(&mut t);
        if libc::tcsetattr(fd, libc::TCSANOW, &t) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Puts back the settings saved by [`enable_raw`]. Never blocks: TCSANOW
/// does not wait for output to drain. Uses `try_lock` so a signal arriving
/// while the main thread holds the lock cannot deadlock.
pub fn restore_mode() {
    let saved = match SAVED.try_lock() {
        Ok(s) => *s,
        Err(std::sync::TryLockError::Poisoned(e)) => *e.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return,
    };
    if let Some((fd, t)) = saved {
        // SAFETY: t is a valid termios copied out of the lock.
        unsafe {
            libc::tcsetattr(fd, libc::TCSANOW, &t);
        }
    }
}

/// Writes `bytes` to the terminal without blocking for longer than
/// `patience`: through a fresh non-blocking descriptor of the terminal (its
/// own open file, so stdout's mode and Rust's stdout lock, which a stuck
/// frame may hold, are not involved), else stdout itself. What does not fit in time is
/// dropped.
pub fn write_nonblocking(bytes: &[u8], patience: Duration) {
    // SAFETY: open/write/poll/close on descriptors this function owns or on
    // stdout, with buffers that outlive the calls.
    unsafe {
        // stdout reopened (a new open file, so O_NONBLOCK is ours alone),
        // else the controlling terminal.
        let flags = libc::O_WRONLY | libc::O_NOCTTY | libc::O_NONBLOCK | libc::O_CLOEXEC;
        let mut own = -1;
        if libc::isatty(1) == 1 {
            own = libc::open(c"/proc/self/fd/1".as_ptr(), flags);
        }
        if own < 0 {
            own = libc::open(c"/dev/tty".as_ptr(), flags);
        }
        let fd = if own >= 0 { own } else { 1 };
        let deadline = std::time::Instant::now() + patience;
        let mut rest = bytes;
        while !rest.is_empty() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let mut p = libc::pollfd {
                fd,
                events: libc::POLLOUT,
                revents: 0,
            };
            let ms = left.as_millis().min(i32::MAX as u128) as i32;
            if libc::poll(&mut p, 1, ms) <= 0 || p.revents & libc::POLLOUT == 0 {
                break;
            }
            let n = libc::write(fd, rest.as_ptr().cast(), rest.len());
            if n <= 0 {
                if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                if own < 0 || io::Error::last_os_error().kind() != io::ErrorKind::WouldBlock {
                    break;
                }
                continue;
            }
            rest = &rest[n as usize..];
        }
        if own >= 0 {
            libc::close(own);
        }
    }
}

/// Waits until one of `fds` is readable or `timeout` passes (`None`:
/// forever). Returns which are readable.
pub fn wait_readable(fds: &[RawFd], timeout: Option<Duration>) -> io::Result<Vec<bool>> {
    let mut p: Vec<libc::pollfd> = fds
        .iter()
        .map(|&fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        })
        .collect();
    let ms = timeout.map_or(-1, |t| t.as_millis().min(i32::MAX as u128) as i32);
    // SAFETY: p is a valid array of p.len() pollfds.
    let n = unsafe { libc::poll(p.as_mut_ptr(), p.len() as libc::nfds_t, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        if e.kind() == io::ErrorKind::Interrupted {
            return Ok(vec![false; fds.len()]);
        }
        return Err(e);
    }
    Ok(p.iter()
        .map(|p| p.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0)
        .collect())
}

/// Reads what is available on `fd` (called after [`wait_readable`]).
/// `Ok(0)` is end of input (the terminal hung up).
pub fn read_some(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        // SAFETY: buf is valid for buf.len() bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

//! Runs the real binary in a pseudo-terminal: keys in, the bytes it wrote
//! out, and the terminal state it left (modes from those bytes, the line
//! discipline from the terminal itself).
#![allow(dead_code)]

#[path = "../bin_support/mod.rs"]
mod bin_support;

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Generous: the machine running the tests may be busy.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Text of the status line (English UI), drawn in every full frame.
pub const FRAME_MARK: &[u8] = b"? help";

pub struct Pty {
    master: File,
    /// Kept open so the line discipline can be read after the child exits.
    slave: File,
    pub pid: libc::pid_t,
    out: Arc<Mutex<Vec<u8>>>,
    /// While set, the reader stops draining the terminal (a terminal that
    /// does not read its output).
    paused: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    exited: Option<Exit>,
    /// The state directory made for this run, removed with it.
    state: std::path::PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
}

fn check(r: libc::c_int, what: &str) -> libc::c_int {
    assert!(r >= 0, "{what}: {}", std::io::Error::last_os_error());
    r
}

impl Pty {
    /// Starts zhengce with `args` on a `cols`×`rows` terminal.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        // SAFETY: plain libc pty calls on descriptors we own; ptsname_r
        // writes into a buffer we own.
        let (master, slave) = unsafe {
            let m = check(
                libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC),
                "posix_openpt",
            );
            check(libc::grantpt(m), "grantpt");
            check(libc::unlockpt(m), "unlockpt");
            let mut name = [0 as libc::c_char; 128];
            assert_eq!(libc::ptsname_r(m, name.as_mut_ptr(), name.len()), 0);
            let s = check(
                libc::open(
                    name.as_ptr(),
                    libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
                ),
                "open slave",
            );
            let _ = CStr::from_ptr(name.as_ptr());
            (File::from_raw_fd(m), File::from_raw_fd(s))
        };
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: ws outlives the call.
        check(
            unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &ws) },
            "TIOCSWINSZ",
        );
        let state = fresh_state_dir();
        let mut cmd = Command::new(bin_support::BIN);
        cmd.args(args)
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env_remove("NO_COLOR")
            .env_remove("ZHENGCE_TEST_PANIC_AFTER_FIRST_FRAME")
            // Each run its own state directory: never the user's, and no
            // place restored from an earlier test.
            .env("XDG_STATE_HOME", &state)
            // Never the user's library: one of the test binary's own.
            .env("ZHENGCE_LIBRARY", bin_support::library())
            .env("ZHENGCE_AMBIGUOUS", "narrow")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave.try_clone().unwrap()));
        for (k, v) in env {
            cmd.env(k, v);
        }
        // SAFETY: only async-signal-safe calls between fork and exec: a new
        // session whose controlling terminal is the pty (as a shell gives).
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("binary starts");
        let pid = child.id() as libc::pid_t;
        std::mem::forget(child); // reaped with waitpid below
        let out = Arc::new(Mutex::new(Vec::new()));
        let paused = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let mut reader = master.try_clone().unwrap();
        {
            let (out, paused, stop) = (out.clone(), paused.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while !stop.load(Ordering::SeqCst) {
                    if paused.load(Ordering::SeqCst) || !readable(reader.as_raw_fd(), 20) {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => std::thread::sleep(Duration::from_millis(5)),
                        Ok(n) => out.lock().unwrap().extend_from_slice(&buf[..n]),
                    }
                }
            });
        }
        Pty {
            master,
            slave,
            pid,
            out,
            paused,
            stop,
            exited: None,
            state,
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).unwrap();
    }

    pub fn output(&self) -> Vec<u8> {
        self.out.lock().unwrap().clone()
    }

    pub fn output_len(&self) -> usize {
        self.out.lock().unwrap().len()
    }

    pub fn pause_reading(&self, on: bool) {
        self.paused.store(on, Ordering::SeqCst);
    }

    /// Waits until the output after byte `from` contains `needle`.
    pub fn wait_for(&self, from: usize, needle: &[u8]) {
        let t0 = Instant::now();
        loop {
            {
                let out = self.out.lock().unwrap();
                if out.len() > from && contains(&out[from..], needle) {
                    return;
                }
            }
            assert!(
                t0.elapsed() < TIMEOUT,
                "timed out waiting for {:?}; output tail: {:?}",
                String::from_utf8_lossy(needle),
                String::from_utf8_lossy(&tail(&self.output(), 3000))
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the first frame (its status line drawn).
    pub fn wait_first_frame(&self) {
        self.wait_for(0, FRAME_MARK);
    }

    /// Waits for the child to exit (or, with `stopped_ok`, to stop) within `limit`.
    fn wait(&mut self, limit: Duration, stopped_ok: bool) -> Option<Exit> {
        if let Some(e) = self.exited {
            return Some(e);
        }
        let t0 = Instant::now();
        loop {
            let mut status = 0;
            let flags = libc::WNOHANG | if stopped_ok { libc::WUNTRACED } else { 0 };
            // SAFETY: status is a valid out-pointer.
            let r = unsafe { libc::waitpid(self.pid, &mut status, flags) };
            if r == self.pid {
                if libc::WIFEXITED(status) {
                    self.exited = Some(Exit::Code(libc::WEXITSTATUS(status)));
                    return self.exited;
                }
                if libc::WIFSIGNALED(status) {
                    self.exited = Some(Exit::Signal(libc::WTERMSIG(status)));
                    return self.exited;
                }
                if libc::WIFSTOPPED(status) {
                    return Some(Exit::Signal(-libc::WSTOPSIG(status)));
                }
            }
            if t0.elapsed() > limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The exit status, failing the test if it does not come in time.
    pub fn wait_exit(&mut self) -> Exit {
        let limit = TIMEOUT;
        self.wait(limit, false)
            .unwrap_or_else(|| panic!("still running after {limit:?}"))
    }

    /// The exit status if the child exits within `limit`.
    pub fn wait_exit_within(&mut self, limit: Duration) -> Option<Exit> {
        self.wait(limit, false)
    }

    /// Waits until the child is stopped (suspended).
    pub fn wait_stopped(&mut self) {
        match self.wait(TIMEOUT, true) {
            Some(Exit::Signal(s)) if s < 0 => {}
            other => panic!("expected a stop, got {other:?}"),
        }
    }

    pub fn signal(&self, sig: libc::c_int) {
        // SAFETY: kill with our own child's pid.
        unsafe { libc::kill(self.pid, sig) };
    }

    /// The line discipline's flags now: (canonical, echo).
    pub fn line_mode(&self) -> (bool, bool) {
        // SAFETY: t is a valid out-pointer.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        check(
            unsafe { libc::tcgetattr(self.slave.as_raw_fd(), &mut t) },
            "tcgetattr",
        );
        (t.c_lflag & libc::ICANON != 0, t.c_lflag & libc::ECHO != 0)
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: ws outlives the call. The kernel sends SIGWINCH to the
        // terminal's foreground process group, the child's.
        check(
            unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &ws) },
            "TIOCSWINSZ",
        );
    }

    /// Waits until everything the child wrote has been read into `output`
    /// (call it once the child has exited or stopped). A marker written to
    /// the terminal behind the child's output comes out after all of it;
    /// once it is read, it is taken out again.
    pub fn settle(&self) {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let marker = format!(
            "<settled {}>",
            N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let from = self.output_len();
        (&self.slave).write_all(marker.as_bytes()).unwrap();
        self.wait_for(from, marker.as_bytes());
        let mut out = self.out.lock().unwrap();
        if let Some(at) = out[from..]
            .windows(marker.len())
            .position(|w| w == marker.as_bytes())
        {
            out.drain(from + at..from + at + marker.len());
        }
    }

    /// Bytes written by the child but not yet read by the terminal.
    pub fn unread(&self) -> usize {
        let mut n: libc::c_int = 0;
        // SAFETY: n is a valid out-pointer.
        unsafe { libc::ioctl(self.master.as_raw_fd(), libc::FIONREAD, &mut n) };
        n as usize
    }

    /// Asserts the terminal was left as found: main screen, cursor shown,
    /// mouse reporting and bracketed paste off, canonical mode with echo.
    pub fn assert_restored(&self) {
        self.settle();
        let out = self.output();
        let s = String::from_utf8_lossy(&out);
        for (mode, what) in [
            ("1049", "alternate screen"),
            ("2004", "bracketed paste"),
            ("1000", "mouse reporting"),
            ("1002", "mouse drag reporting"),
            ("1003", "mouse motion reporting"),
            ("1006", "SGR mouse"),
        ] {
            assert!(
                !mode_on(&s, mode),
                "{what} left on; tail {:?}",
                tail(&out, 200)
            );
        }
        assert!(
            !mode_off(&s, "25"),
            "cursor left hidden; tail {:?}",
            tail(&out, 200)
        );
        assert_eq!(
            self.line_mode(),
            (true, true),
            "line discipline not restored"
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.exited.is_none() {
            self.signal(libc::SIGKILL);
            let _ = self.wait(Duration::from_secs(5), false);
        }
        self.stop.store(true, Ordering::SeqCst);
        let _ = std::fs::remove_dir_all(&self.state);
    }
}

fn readable(fd: RawFd, ms: i32) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut p, 1, ms) > 0 && p.revents & libc::POLLIN != 0 }
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn rfind(hay: &str, needle: &str) -> Option<usize> {
    hay.rfind(needle)
}

/// True when DEC private mode `mode` was last set (`h`) rather than reset (`l`).
pub fn mode_on(s: &str, mode: &str) -> bool {
    let on = rfind(s, &format!("\x1b[?{mode}h"));
    let off = rfind(s, &format!("\x1b[?{mode}l"));
    on.is_some() && (off.is_none() || on > off)
}

/// True when DEC private mode `mode` was last reset.
pub fn mode_off(s: &str, mode: &str) -> bool {
    let on = rfind(s, &format!("\x1b[?{mode}h"));
    let off = rfind(s, &format!("\x1b[?{mode}l"));
    off.is_some() && (on.is_none() || off > on)
}

fn tail(b: &[u8], n: usize) -> Vec<u8> {
    b[b.len().saturating_sub(n)..].to_vec()
}

/// The whole output as text, for failure messages.
pub fn dump(p: &Pty) -> String {
    String::from_utf8_lossy(&p.output()).into_owned()
}

/// A new empty directory under the temp dir for one spawned browser's state.
pub fn fresh_state_dir() -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!("zhengce-pty-state-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp state dir");
    d
}

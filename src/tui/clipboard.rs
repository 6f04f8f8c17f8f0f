//! Copy that tells the truth. OSC 52 is fire-and-forget: the terminal never
//! says whether it set the clipboard (stock xterm and tmux's default
//! `set-clipboard external` silently drop it). So a copy goes, in order, to
//! the first route that can confirm success:
//!
//! 1. a command the user configured (`ZHENGCE_COPY_CMD`, run by `sh -c`, text
//!    on stdin), e.g. `wl-copy`, `xclip -selection clipboard`, `pbcopy`;
//! 2. tmux's paste buffer when inside tmux (`tmux load-buffer -w -`; `-w`
//!    also forwards it to the outer terminal's clipboard where tmux can);
//! 3. a file in the state directory, whose path the status line shows.
//!
//! OSC 52 is still sent (wrapped for GNU screen) unless a confirmed route
//! already covers the terminal, and the [`Outcome`] says exactly which route
//! took the text, so the status line never claims more than happened.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Environment variable naming the user's copy command.
pub const COPY_CMD_VAR: &str = "ZHENGCE_COPY_CMD";
/// File name of the fallback copy inside the state directory.
pub const COPY_FILE: &str = "copied.txt";
/// Longest text sent over OSC 52: many terminals drop longer sequences
/// (xterm and tmux cap around 100 KB of base64).
pub const OSC52_MAX: usize = 74_994;
/// How long an external command may take before it counts as failed.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(2);

/// What the copy code needs to know about its surroundings; read once from
/// the process environment, built by hand in tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyEnv {
    /// `ZHENGCE_COPY_CMD`, when set and not blank.
    pub command: Option<String>,
    /// `$TMUX` is set: we run inside tmux.
    pub tmux: bool,
    /// `$STY` is set, or TERM starts with `screen` outside tmux: GNU screen.
    pub screen: bool,
    /// Where the fallback file goes (the state directory); `None` = nowhere.
    pub dir: Option<PathBuf>,
}

impl CopyEnv {
    /// Reads the real environment; `dir` is the state directory.
    pub fn from_env(dir: Option<PathBuf>) -> CopyEnv {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let tmux = var("TMUX").is_some();
        let term = var("TERM").unwrap_or_default();
        CopyEnv {
            command: var(COPY_CMD_VAR),
            tmux,
            screen: !tmux && (var("STY").is_some() || term.starts_with("screen")),
            dir,
        }
    }
}

/// Which way the text went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The configured command ran and exited 0.
    Command(String),
    /// `tmux load-buffer` accepted it.
    TmuxBuffer,
    /// Written to this file (nothing confirmed the clipboard).
    File(PathBuf),
    /// Only OSC 52 was sent; whether the terminal took it is unknown.
    TerminalOnly,
    /// Nothing worked; the reason, one line.
    Failed(String),
}

/// The result of a copy: the route that took the text, the OSC 52 sequence
/// the terminal layer should still write (if any), and the routes that were
/// tried and failed (for a `--debug` line, never shown as success).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub route: Route,
    pub osc52: Option<String>,
    pub failed: Vec<String>,
}

impl Outcome {
    /// Whether the text is known to be somewhere the user can paste from.
    pub fn confirmed(&self) -> bool {
        matches!(self.route, Route::Command(_) | Route::TmuxBuffer)
    }

    /// The status-line message, in Chinese or English, true to what happened.
    pub fn message(&self, zh: bool) -> String {
        match (&self.route, zh) {
            (Route::Command(c), true) => format!("已复制（{}）", short(c)),
            (Route::Command(c), false) => format!("Copied (via {})", short(c)),
            (Route::TmuxBuffer, true) => "已复制到 tmux 缓冲区（前缀键 ] 粘贴）".into(),
            (Route::TmuxBuffer, false) => "Copied to the tmux buffer (prefix ] pastes)".into(),
            (Route::File(p), true) => format!("已存入 {}（终端剪贴板未确认）", p.display()),
            (Route::File(p), false) => {
                format!("Saved to {} (terminal clipboard unconfirmed)", p.display())
            }
            (Route::TerminalOnly, true) => "已发送到终端剪贴板（OSC 52，终端未确认）".into(),
            (Route::TerminalOnly, false) => {
                "Sent to the terminal clipboard (OSC 52, unconfirmed)".into()
            }
            (Route::Failed(e), true) => format!("复制失败：{e}"),
            (Route::Failed(e), false) => format!("Copy failed: {e}"),
        }
    }
}

/// The first word of a command, for messages ("xclip -sel c" → "xclip").
fn short(cmd: &str) -> &str {
    cmd.split_whitespace().next().unwrap_or(cmd)
}

/// Runs external programs; a trait so tests can record calls instead.
pub trait Runner {
    /// Runs `program args`, `stdin` on its standard input; Ok when it exits 0.
    fn run(&mut self, program: &str, args: &[&str], stdin: &[u8]) -> Result<(), String>;
}

/// Runs programs for real, output discarded, killed after two seconds.
pub struct SystemRunner;

impl Runner for SystemRunner {
    fn run(&mut self, program: &str, args: &[&str], stdin: &[u8]) -> Result<(), String> {
        // Output to null: a clipboard daemon (xclip) that keeps a pipe open
        // must not hang us, nor write over the screen.
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{program}: {e}"))?;
        if let Some(mut pipe) = child.stdin.take() {
            pipe.write_all(stdin)
                .map_err(|e| format!("{program}: {e}"))?;
        } // dropped: EOF
        let start = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(s)) if s.success() => return Ok(()),
                Ok(Some(s)) => return Err(format!("{program}: {s}")),
                Ok(None) if start.elapsed() > COMMAND_TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("{program}: timed out"));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(format!("{program}: {e}")),
            }
        }
    }
}

/// Copies `text`: tries the routes in order (see the module comment) and
/// says which one took it. Never panics; every failure becomes a route.
pub fn copy(text: &str, env: &CopyEnv, runner: &mut dyn Runner) -> Outcome {
    let mut failed = Vec::new();
    let osc = osc52(text, env);
    if let Some(cmd) = &env.command {
        match runner.run("sh", &["-c", cmd], text.as_bytes()) {
            // The user's command is the clipboard they chose; OSC 52 on top
            // could overwrite it with a truncated copy, so it is not sent.
            Ok(()) => return outcome(Route::Command(cmd.clone()), None, failed),
            Err(e) => failed.push(e),
        }
    }
    if env.tmux {
        // -w (tmux >= 3.2) also sets the outer terminal's clipboard; older
        // tmux refuses the flag, so retry without it.
        let r = runner
            .run("tmux", &["load-buffer", "-w", "-"], text.as_bytes())
            .or_else(|_| runner.run("tmux", &["load-buffer", "-"], text.as_bytes()));
        match r {
            Ok(()) => return outcome(Route::TmuxBuffer, None, failed),
            Err(e) => failed.push(e),
        }
    }
    if let Some(dir) = &env.dir {
        match write_file(dir, text) {
            Ok(p) => return outcome(Route::File(p), osc, failed),
            Err(e) => failed.push(e),
        }
    }
    match osc {
        Some(s) => outcome(Route::TerminalOnly, Some(s), failed),
        None => {
            let why = failed
                .last()
                .cloned()
                .unwrap_or_else(|| "text too long for OSC 52".into());
            outcome(Route::Failed(why), None, failed)
        }
    }
}

fn outcome(route: Route, osc52: Option<String>, failed: Vec<String>) -> Outcome {
    Outcome {
        route,
        osc52,
        failed,
    }
}

/// Writes the text to `dir/copied.txt` atomically (readers never see half a
/// copy) and private to the user.
fn write_file(dir: &Path, text: &str) -> Result<PathBuf, String> {
    let path = dir.join(COPY_FILE);
    create_private_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tmp = dir.join(format!(".{COPY_FILE}.{}.tmp", std::process::id()));
    let r = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if let Err(e) = r {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{}: {e}", path.display()));
    }
    Ok(path)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// The OSC 52 sequence for `text`, wrapped in a DCS passthrough for GNU
/// screen (which cuts DCS strings at 768 bytes, hence the chunks). `None`
/// when the text is too long for terminals to accept.
pub fn osc52(text: &str, env: &CopyEnv) -> Option<String> {
    let b64 = STANDARD.encode(text.as_bytes());
    if b64.len() > OSC52_MAX * 4 / 3 + 4 {
        return None;
    }
    // Inside tmux plain OSC 52 is right: tmux handles it itself when
    // set-clipboard is on (and ignores a passthrough unless allow-passthrough).
    let plain = format!("\x1b]52;c;{b64}\x07");
    if !env.screen {
        return Some(plain);
    }
    let mut out = String::new();
    let bytes = plain.as_bytes();
    for chunk in bytes.chunks(760) {
        out.push_str("\x1bP");
        // The sequence is ASCII, so any byte boundary is a char boundary.
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push_str("\x1b\\");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records calls; fails the programs named in `fail`.
    #[derive(Default)]
    struct Fake {
        calls: Vec<(String, Vec<String>, Vec<u8>)>,
        fail: Vec<&'static str>,
    }

    impl Runner for Fake {
        fn run(&mut self, program: &str, args: &[&str], stdin: &[u8]) -> Result<(), String> {
            self.calls.push((
                program.into(),
                args.iter().map(|s| s.to_string()).collect(),
                stdin.to_vec(),
            ));
            let key = format!("{program} {}", args.join(" "));
            if self.fail.iter().any(|f| key.starts_with(f)) {
                Err(format!("{program}: exit status: 1"))
            } else {
                Ok(())
            }
        }
    }

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("zhengce-clip-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn configured_command_wins_and_gets_the_text() {
        let env = CopyEnv {
            command: Some("xclip -selection clipboard".into()),
            tmux: true,
            ..CopyEnv::default()
        };
        let mut r = Fake::default();
        let o = copy("（十二）加强", &env, &mut r);
        assert_eq!(o.route, Route::Command("xclip -selection clipboard".into()));
        assert!(o.confirmed() && o.osc52.is_none());
        assert_eq!(r.calls.len(), 1);
        assert_eq!(r.calls[0].1, ["-c", "xclip -selection clipboard"]);
        assert_eq!(r.calls[0].2, "（十二）加强".as_bytes());
        assert_eq!(o.message(false), "Copied (via xclip)");
    }

    #[test]
    fn failing_command_falls_back_to_tmux_then_says_so() {
        let env = CopyEnv {
            command: Some("false".into()),
            tmux: true,
            ..CopyEnv::default()
        };
        let mut r = Fake {
            fail: vec!["sh"],
            ..Fake::default()
        };
        let o = copy("x", &env, &mut r);
        assert_eq!(o.route, Route::TmuxBuffer);
        assert_eq!(o.failed.len(), 1);
        assert!(o.message(true).contains("tmux"));
    }

    #[test]
    fn old_tmux_without_w_is_retried_plain() {
        let env = CopyEnv {
            tmux: true,
            ..CopyEnv::default()
        };
        let mut r = Fake {
            fail: vec!["tmux load-buffer -w"],
            ..Fake::default()
        };
        let o = copy("x", &env, &mut r);
        assert_eq!(o.route, Route::TmuxBuffer);
        assert_eq!(r.calls[1].1, ["load-buffer", "-"]);
    }

    #[test]
    fn no_confirmed_route_writes_the_file_and_still_sends_osc52() {
        let dir = tmpdir("file");
        let env = CopyEnv {
            dir: Some(dir.clone()),
            ..CopyEnv::default()
        };
        let o = copy("（一）加强财政资金支持", &env, &mut Fake::default());
        let p = dir.join(COPY_FILE);
        assert_eq!(o.route, Route::File(p.clone()));
        assert!(!o.confirmed());
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "（一）加强财政资金支持"
        );
        assert!(o.osc52.as_deref().unwrap().starts_with("\x1b]52;c;"));
        let m = o.message(false);
        assert!(m.contains(&p.display().to_string()) && m.contains("unconfirmed"));
        assert!(!m.starts_with("Copied"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn tmux_failure_and_unwritable_dir_leave_osc52_only_and_say_unconfirmed() {
        let blocker = tmpdir("blocker");
        std::fs::write(&blocker, "a file, not a directory").unwrap();
        let env = CopyEnv {
            tmux: true,
            dir: Some(blocker.join("sub")),
            ..CopyEnv::default()
        };
        let mut r = Fake {
            fail: vec!["tmux"],
            ..Fake::default()
        };
        let o = copy("x", &env, &mut r);
        assert_eq!(o.route, Route::TerminalOnly);
        assert_eq!(o.failed.len(), 2);
        assert!(o.message(false).contains("unconfirmed"));
        let _ = std::fs::remove_file(&blocker);
    }

    #[test]
    fn too_long_for_osc52_and_nowhere_else_is_a_failure() {
        let big = "字".repeat(OSC52_MAX);
        let o = copy(&big, &CopyEnv::default(), &mut Fake::default());
        assert!(matches!(o.route, Route::Failed(_)));
        assert!(o.message(true).starts_with("复制失败"));
    }

    #[test]
    fn screen_wraps_in_dcs_chunks_that_carry_no_raw_control() {
        let env = CopyEnv {
            screen: true,
            ..CopyEnv::default()
        };
        let s = osc52(&"政策".repeat(400), &env).unwrap();
        let chunks: Vec<&str> = s.split("\x1bP").filter(|c| !c.is_empty()).collect();
        assert!(chunks.len() > 1);
        for c in &chunks {
            assert!(c.ends_with("\x1b\\") && c.len() <= 760 + 2);
        }
        // Unwrapped again, it is the plain sequence.
        let joined: String = chunks.iter().map(|c| &c[..c.len() - 2]).collect();
        assert_eq!(
            joined,
            osc52(&"政策".repeat(400), &CopyEnv::default()).unwrap()
        );
    }

    #[test]
    fn osc52_base64_hides_escape_sequences_in_the_text() {
        let s = osc52("a\x1b]52;c;evil\x07", &CopyEnv::default()).unwrap();
        assert_eq!(s.matches('\x1b').count(), 1);
        assert_eq!(s.matches('\x07').count(), 1);
    }

    #[test]
    fn system_runner_reports_exit_status_and_missing_programs() {
        let mut r = SystemRunner;
        assert!(r.run("sh", &["-c", "cat >/dev/null"], b"hi").is_ok());
        assert!(r.run("sh", &["-c", "exit 3"], b"").is_err());
        assert!(r.run("/nonexistent/zhengce-copy", &[], b"").is_err());
    }
}

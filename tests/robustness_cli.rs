//! Hostile command lines: file names, queries and flags full of terminal
//! controls, endless and non-regular input files, unwritable stdout and
//! stderr. Nothing reaches the terminal raw, nothing hangs, nothing panics.

mod bin_support;

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary with a library of its own (never the user's).
fn zhengce() -> Command {
    bin_support::zhengce()
}

fn run(args: &[&str]) -> Output {
    zhengce().args(args).output().expect("binary runs")
}

fn tmpdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("zhengce-robust-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// No byte a terminal acts on: C0 controls (but the final newline), DEL,
/// C1 controls, bidi overrides and isolates.
fn assert_inert(bytes: &[u8], what: &str) {
    let s = String::from_utf8_lossy(bytes);
    let body = s.strip_suffix('\n').unwrap_or(&s);
    for c in body.chars() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
        assert!(!bad, "{what}: raw {c:?} in {s:?}");
    }
}

fn assert_one_line_error(o: &Output) {
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert_inert(&o.stderr, "stderr");
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(e.trim_end().lines().count(), 1, "{e:?}");
}

#[test]
fn a_file_names_escapes_never_reach_the_terminal() {
    for name in [
        "x\u{1b}]2;PWNED\u{7}",
        "\u{1b}[2J\u{1b}[Hfake-prompt$ ",
        "\u{1b}[?1000h\u{1b}[?1049h",
        "two\nlines",
        "c1\u{9b}31m\u{202e}txt.json",
    ] {
        for cmd in [&["outline"][..], &["show", "1"], &["agencies", "--json"]] {
            let mut args = vec!["--data", name];
            args.extend_from_slice(cmd);
            let o = run(&args);
            assert_one_line_error(&o);
        }
        let o = run(&["import", name]);
        assert_one_line_error(&o);
    }
    // The escaped name is still recognisable.
    let o = run(&["--data", "x\u{1b}]2;PWNED\u{7}", "outline"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("x\\x1b]2;PWNED\\x07"));
}

#[test]
fn a_hostile_file_that_exists_is_named_safely_in_its_errors() {
    let p = tmpdir().join("bad\u{1b}]2;T\u{7}.json");
    std::fs::write(&p, b"{ not json").unwrap();
    let o = run(&["--data", p.to_str().unwrap(), "outline"]);
    assert_one_line_error(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid JSON"));
}

#[test]
fn a_querys_escapes_are_escaped_in_errors_and_json() {
    let o = run(&["search", "#x\u{1b}]2;PWNED\u{7}"]);
    assert_one_line_error(&o);
    let q = "a\u{9b}b\u{202e}c\u{1b}[31m\u{85}";
    let o = run(&["search", "--json", q]);
    assert_inert(&o.stdout, "search --json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["query"], q, "the JSON still carries the query exactly");
}

#[test]
fn an_overlong_query_is_a_clear_error() {
    let q = "融资".repeat(501);
    let o = run(&["search", &q]);
    assert_one_line_error(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("longer than 1000 characters"));
    assert!(run(&["search", &"融资".repeat(500)]).status.code() != Some(2));
}

#[test]
fn devices_are_refused_at_once() {
    let t0 = Instant::now();
    let o = run(&["--data", "/dev/zero", "outline"]);
    assert_one_line_error(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
    assert!(t0.elapsed() < Duration::from_secs(10));
    assert_one_line_error(&run(&["import", "/dev/urandom"]));
    assert_one_line_error(&run(&["--data", "/", "outline"]));
}

#[test]
fn files_over_the_limit_are_refused_without_reading_them() {
    let p = tmpdir().join("huge.json");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap(); // sparse: no disk used
    let o = run(&["--data", p.to_str().unwrap(), "outline"]);
    assert_one_line_error(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("larger than 64 MiB"));
}

#[test]
fn a_fifo_without_writer_does_not_block() {
    let p = tmpdir().join("fifo");
    let _ = std::fs::remove_file(&p);
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let mut child = zhengce()
        .args(["--data", p.to_str().unwrap(), "outline"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > Duration::from_secs(15) {
            let _ = child.kill();
            panic!("blocked on a FIFO without writer");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(2)); // empty document
}

#[test]
fn a_pipe_is_still_read() {
    let json = include_str!("../assets/smes-competitiveness-measures-2021.json");
    let mut child = zhengce()
        .args(["--data", "/dev/stdin", "outline"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("提升中小企业竞争力若干措施"));
}

#[test]
fn an_unwritable_stderr_is_exit_2_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    for args in [
        &["--data", "/nonexistent", "outline"][..],
        &["search", "#x"],
        &["--bogus"],
    ] {
        let o = zhengce()
            .args(args)
            .stderr(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_closed_stdout_is_an_error() {
    let mut cmd = zhengce();
    cmd.arg("outline").stderr(Stdio::piped());
    // SAFETY: close(2) is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::close(1);
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("stdout is closed"));
    // /dev/null is not closed, however it was opened (Python's DEVNULL is
    // read-write, like the runtime's replacement for a closed descriptor).
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .unwrap();
    for out in [Stdio::null(), Stdio::from(null)] {
        let o = zhengce().arg("outline").stdout(out).output().unwrap();
        assert!(o.status.success());
    }
}

//! The real binaries in a real xterm (scripts/xterm-check), compared with
//! what they meant to draw. Slow (Xvfb + xterm, ~4 s a capture) and needs
//! ../shared/tools/install-deps.sh, so ignored by default:
//!
//!     cargo test --test ux_xterm -- --ignored
//!
//! Without xterm/Xvfb each test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn have_xterm() -> bool {
    ["xterm", "Xvfb", "xdotool", "tmux"].iter().all(|p| {
        Command::new("sh")
            .args(["-c", &format!("command -v {p}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_zhengce"))
        .parent()
        .expect("binary has a directory")
        .to_path_buf()
}

/// Runs scripts/xterm-check; returns (passed, its output).
fn xterm_check(args: &[&str], out: &str) -> (bool, String) {
    let root = env!("CARGO_MANIFEST_DIR");
    let o = Command::new(format!("{root}/scripts/xterm-check"))
        .args([
            "--out",
            &format!("{}/{out}", std::env::temp_dir().display()),
        ])
        .args(args)
        .current_dir(root)
        .output()
        .expect("scripts/xterm-check runs");
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.success(), text)
}

fn example(name: &str) -> String {
    let p = bin_dir().join("examples").join(name);
    assert!(
        p.exists(),
        "{} not built: cargo build --examples",
        p.display()
    );
    p.display().to_string()
}

const DEMO_KEYS: &str = "sleep 0.5;capture a;n;capture b;n;capture c;n;capture d;q";

#[test]
#[ignore = "needs xterm + Xvfb; run with --ignored"]
fn repaint_fix_makes_xterm_match_the_buffer() {
    if !have_xterm() {
        eprintln!("skipped: no xterm/Xvfb/xdotool/tmux");
        return;
    }
    let demo = example("ux_repaint_demo");
    let (ok, out) = xterm_check(
        &["--size", "60x16", "--keys", DEMO_KEYS, "--", &demo],
        "ux-xterm-unfixed",
    );
    assert!(!ok, "without the fix xterm should show stray cells:\n{out}");
    let (ok, out) = xterm_check(
        &["--size", "60x16", "--keys", DEMO_KEYS, "--", &demo, "--fix"],
        "ux-xterm-fixed",
    );
    assert!(ok, "{out}");
}

#[test]
#[ignore = "needs xterm + Xvfb; run with --ignored"]
fn wide_ambiguous_mode_stays_aligned_in_a_cjk_width_xterm() {
    if !have_xterm() {
        eprintln!("skipped: no xterm/Xvfb/xdotool/tmux");
        return;
    }
    let demo = example("ux_ambiguous_demo");
    let keys = "sleep 0.8;capture a;q";
    let (ok, out) = xterm_check(
        &[
            "--cjk-width",
            "--size",
            "60x12",
            "--keys",
            keys,
            "--",
            &demo,
            "--ambiguous",
            "narrow",
        ],
        "ux-xterm-amb-narrow",
    );
    assert!(
        !ok,
        "narrow drawing in a CJK-width xterm should fall apart:\n{out}"
    );
    for size in ["60x12", "24x8", "120x30"] {
        // auto: the probe must find out by itself that this xterm is wide.
        let (ok, out) = xterm_check(
            &["--cjk-width", "--size", size, "--keys", keys, "--", &demo],
            &format!("ux-xterm-amb-{size}"),
        );
        assert!(ok, "{size}: {out}");
    }
}

#[test]
#[ignore = "needs xterm + Xvfb; run with --ignored"]
fn browser_matches_its_buffer_in_xterm() {
    if !have_xterm() {
        eprintln!("skipped: no xterm/Xvfb/xdotool/tmux");
        return;
    }
    for size in ["120x40", "80x24", "60x20"] {
        let (ok, out) = xterm_check(
            &[
                "--size",
                size,
                "--keys-file",
                "scripts/xterm-check.keys",
                "--",
                env!("CARGO_BIN_EXE_zhengce"),
                "--lang",
                "zh",
                "--no-state",
            ],
            &format!("ux-xterm-browser-{size}"),
        );
        assert!(ok, "{size}: {out}");
    }
}

#[test]
#[ignore = "needs xterm + Xvfb; run with --ignored"]
fn browser_stays_aligned_in_a_cjk_width_xterm() {
    if !have_xterm() {
        eprintln!("skipped: no xterm/Xvfb/xdotool/tmux");
        return;
    }
    for size in ["120x40", "80x24", "60x20"] {
        // No ZHENGCE_AMBIGUOUS: the browser must find out by itself.
        let (ok, out) = xterm_check(
            &[
                "--cjk-width",
                "--size",
                size,
                "--keys-file",
                "scripts/xterm-check.keys",
                "--",
                env!("CARGO_BIN_EXE_zhengce"),
                "--lang",
                "zh",
                "--no-state",
            ],
            &format!("ux-xterm-browser-wide-{size}"),
        );
        assert!(ok, "{size}: {out}");
    }
}

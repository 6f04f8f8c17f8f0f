//! The real binary in a pseudo-terminal, issue 10's terminal-level points:
//! Esc never quits, the place is restored on the next run from the XDG
//! state directory, a damaged state file is one line of notice, and a
//! terminal that never answers the ambiguous-width probe still gets a frame.

mod pty_support;

use std::time::Duration;

use pty_support::{Exit, Pty, fresh_state_dir};

#[test]
fn esc_never_quits_and_the_place_is_back_on_the_next_run() {
    let dir = fresh_state_dir();
    let env = [("XDG_STATE_HOME", dir.to_str().unwrap())];
    let mut p = Pty::spawn(&["--lang", "en"], &env, 100, 30);
    p.wait_first_frame();
    let from = p.output_len();
    p.send(b":12\r");
    p.wait_for(from, b"12/34");
    // Lone Escs, spaced so none is read as the start of a sequence.
    for _ in 0..4 {
        p.send(b"\x1b");
        std::thread::sleep(Duration::from_millis(120));
    }
    // Still running and reading keys after them: the jump prompt opens (and
    // goes to 12 again, the place the state file must keep). The pause keeps
    // a busy machine from reading the last Esc and the `:` as one Alt-:.
    std::thread::sleep(Duration::from_millis(280));
    let from = p.output_len();
    p.send(b":");
    p.wait_for(from, b"type a measure number");
    assert_eq!(p.wait_exit_within(Duration::ZERO), None, "Esc quit");
    p.send(b"12\rq");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
    let saved = std::fs::read_to_string(dir.join("zhengce/state.json")).expect("state saved");
    assert!(saved.contains("\"measure\": 12"), "{saved}");

    let mut p = Pty::spawn(&["--lang", "en"], &env, 100, 30);
    p.wait_for(0, b"12/34");
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));

    // --no-state: neither read nor written.
    let mut p = Pty::spawn(&["--lang", "en", "--no-state"], &env, 100, 30);
    p.wait_first_frame();
    assert!(!String::from_utf8_lossy(&p.output()).contains("measure 12/34"));
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_damaged_state_file_is_a_notice_not_a_crash() {
    let dir = fresh_state_dir();
    std::fs::create_dir_all(dir.join("zhengce")).unwrap();
    std::fs::write(dir.join("zhengce/state.json"), b"\x00\xff{not json").unwrap();
    let env = [("XDG_STATE_HOME", dir.to_str().unwrap())];
    let mut p = Pty::spawn(&["--lang", "en"], &env, 120, 30);
    p.wait_for(0, b"state.json");
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
    // Replaced by a good one on the way out.
    let saved = std::fs::read_to_string(dir.join("zhengce/state.json")).unwrap();
    assert!(saved.contains("\"version\""), "{saved}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_terminal_that_never_answers_the_probe_still_gets_a_frame() {
    // The pty answers no cursor-position request: auto falls back to narrow
    // after the probe's timeout.
    let mut p = Pty::spawn(&["--lang", "en"], &[("ZHENGCE_AMBIGUOUS", "auto")], 100, 30);
    p.wait_first_frame();
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
    // A bad value is one line, before any terminal change.
    let mut p = Pty::spawn(&[], &[("ZHENGCE_AMBIGUOUS", "sideways")], 100, 30);
    p.wait_for(0, b"ZHENGCE_AMBIGUOUS=\"sideways\"");
    assert!(matches!(p.wait_exit(), Exit::Code(c) if c != 0));
}

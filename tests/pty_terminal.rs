//! The real binary in a pseudo-terminal: every way out gives the terminal
//! back (main screen, cursor, mouse and paste modes off, line discipline),
//! and no input, signal or window size makes it hang.

mod pty_support;

use std::time::Duration;

use pty_support::{Exit, FRAME_MARK, Pty, contains, mode_on};

fn browser() -> Pty {
    let p = Pty::spawn(&[], &[], 100, 30);
    p.wait_first_frame();
    p
}

#[test]
fn q_quits_and_restores() {
    let mut p = browser();
    let s = String::from_utf8_lossy(&p.output()).into_owned();
    assert!(
        mode_on(&s, "1049") && mode_on(&s, "2004"),
        "alt screen and bracketed paste on"
    );
    assert_eq!(p.line_mode(), (false, false), "raw mode while running");
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut p = Pty::spawn(&["--mouse"], &[], 100, 30);
    p.wait_first_frame();
    assert!(mode_on(&String::from_utf8_lossy(&p.output()), "1000"));
    p.send(b"\x03");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn terminating_signals_restore_and_exit_128_plus_n() {
    // One browser per signal, all at once: each its own terminal.
    std::thread::scope(|s| {
        for sig in [
            libc::SIGTERM,
            libc::SIGHUP,
            libc::SIGINT,
            libc::SIGQUIT,
            libc::SIGUSR1,
            libc::SIGALRM,
        ] {
            s.spawn(move || {
                let mut p = Pty::spawn(&["--mouse"], &[], 80, 24);
                p.wait_first_frame();
                p.signal(sig);
                assert_eq!(p.wait_exit(), Exit::Code(128 + sig), "signal {sig}");
                p.assert_restored();
            });
        }
    });
}

#[test]
fn a_panic_restores_and_exits_101() {
    let mut p = Pty::spawn(
        &[],
        &[("ZHENGCE_TEST_PANIC_AFTER_FIRST_FRAME", "1")],
        80,
        24,
    );
    assert_eq!(p.wait_exit(), Exit::Code(101));
    let out = p.output();
    assert!(contains(&out, FRAME_MARK), "a frame was drawn first");
    assert!(contains(&out, b"panicked"), "the panic message is shown");
    p.assert_restored();
}

#[test]
fn a_signal_exits_even_when_the_terminal_stops_reading() {
    let mut p = browser();
    p.pause_reading(true);
    // Full redraws until the terminal's buffer is full and a write blocks.
    let mut last = usize::MAX;
    for i in 0..400 {
        if i % 2 == 0 {
            p.resize(200, 60);
        } else {
            p.resize(199, 60);
        }
        let n = p.unread();
        if n == last && n > 0 {
            break;
        }
        last = n;
        std::thread::sleep(Duration::from_millis(10));
    }
    p.signal(libc::SIGTERM);
    let exit = p.wait_exit_within(Duration::from_secs(5));
    p.pause_reading(false);
    assert_eq!(
        exit,
        Some(Exit::Code(143)),
        "exits without the terminal reading"
    );
    assert_eq!(p.line_mode(), (true, true));
}

#[test]
fn a_large_paste_is_read_to_the_end() {
    // crossterm's reader left the rest of a >1 KB burst unread until the
    // next key: the final `q` never arrived.
    let mut p = browser();
    let mut keys = vec![b'j'; 3000];
    keys.push(b'q');
    p.send(&keys);
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn a_bracketed_paste_is_text_not_commands() {
    let mut p = browser();
    let from = p.output_len();
    // A paste of `q`s in the tree does not quit; one in the search bar is a query.
    p.send(b"\x1b[200~qqq\x1b[201~/\x1b[200~xyzq\r\nw\x1b[201~");
    p.wait_for(from, b"xyzq  w");
    p.send(b"\x03");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn esc_bracket_question_does_not_freeze_input() {
    // crossterm #1104: after ESC [ ? every key (Ctrl-C too) was swallowed
    // until a `c` or `u` came.
    let mut p = browser();
    p.send(b"\x1b[?");
    p.send(b"\x03");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn a_lone_esc_then_q_still_quits() {
    let mut p = browser();
    p.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(120)); // a human pause after Esc
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_redraws() {
    let mut p = browser();
    p.send(b"\x1a");
    p.wait_stopped();
    p.assert_restored();
    let from = p.output_len();
    p.signal(libc::SIGCONT);
    p.wait_for(from, b"\x1b[?1049h");
    p.wait_for(from, FRAME_MARK);
    assert_eq!(p.line_mode(), (false, false), "raw again after fg");
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn sigtstp_and_sigstop_resume_in_raw_mode() {
    let mut p = browser();
    p.signal(libc::SIGTSTP);
    p.wait_stopped();
    p.assert_restored();
    p.signal(libc::SIGCONT);
    p.wait_for(0, b"\x1b[?1049h");
    // SIGSTOP cannot be caught; on SIGCONT the browser puts raw mode back
    // (a shell may have reset the terminal meanwhile) and redraws.
    p.signal(libc::SIGSTOP);
    p.wait_stopped();
    let from = p.output_len();
    p.signal(libc::SIGCONT);
    p.wait_for(from, FRAME_MARK);
    assert_eq!(p.line_mode(), (false, false));
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
}

#[test]
fn a_65535_square_window_is_drawn_clamped_not_aborted() {
    let mut p = Pty::spawn(&[], &[], 65535, 65535);
    p.wait_first_frame();
    p.send(b"q");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn a_burst_of_keys_resizes_and_mouse_reports_is_survived() {
    let mut p = Pty::spawn(&["--mouse"], &[], 100, 30);
    p.wait_first_frame();
    for i in 0..40u16 {
        p.resize(20 + i * 4, 5 + i);
        p.send(b"jl\x1b[B\x1b[<0;5;3M\x1b[<65;30;10M/\xe8\x9e\x8d\x1b\x1b[?");
        p.send(b"\x1b[6~?\x1b:12\r\x1b[200~x\x1b[201~\x1bOA");
    }
    // Whatever mode the burst ended in, Ctrl-C quits from there.
    p.send(b"\x03");
    assert_eq!(p.wait_exit(), Exit::Code(0));
    p.assert_restored();
}

#[test]
fn nothing_but_frames_reaches_the_screen_for_complex_scripts() {
    // Debug builds of textwrap's ICU line breaker used to eprintln a data
    // warning for Thai onto the browser's screen.
    let dir = std::env::temp_dir().join(format!("zhengce-pty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("thai.txt");
    std::fs::write(
        &p,
        "ทดสอบ\n\n一、总体要求\n（一）ภาษาไทยกับภาษาจีน。测试文本ภาษาไทย。（财政部负责）\n",
    )
    .unwrap();
    let mut t = Pty::spawn(&["--data", p.to_str().unwrap()], &[], 80, 24);
    t.wait_first_frame();
    t.send(b"jjll");
    t.send(b"q");
    assert_eq!(t.wait_exit(), Exit::Code(0));
    t.settle();
    let out = String::from_utf8_lossy(&t.output()).into_owned();
    assert!(!out.contains("ICU4X") && !out.contains("error"), "{out}");
}

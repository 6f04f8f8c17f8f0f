//! The only code that touches the real terminal: setup, restore on every way
//! out (quit, error, panic, Ctrl-C, any terminating signal), suspend and
//! resume (Ctrl-Z, SIGTSTP, SIGCONT), and the blocking event loop.
//!
//! Input is read and parsed here ([`input`]), not by crossterm's reader,
//! which stalls on large pastes and can freeze on stray escapes (see the
//! module docs there). crossterm is still used for output.

pub mod input;
pub mod tty;

use std::io::{self, Read, Stdout, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};
use std::time::Duration;

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::ambiguous::{self, Setting, Widths};
use super::app::{Action, App, Effect, Mode};
use super::{clipboard, keymap, persist, view};
use input::Parser;

/// Held while drawing and while restoring, so a signal arriving mid-frame
/// does not interleave its restore sequence with frame output (it waits a
/// little for the lock, never long).
static OUTPUT: Mutex<()> = Mutex::new(());

/// The largest screen drawn. A bigger window (65535×65535 is possible)
/// gets this much in its top-left corner instead of a frame buffer of
/// billions of cells.
pub const MAX_COLS: u16 = 1000;
pub const MAX_ROWS: u16 = 500;

/// How long a lone Esc (or a cut-off sequence) waits for the rest of its
/// sequence before it counts as typed.
const ESC_TIMEOUT: Duration = Duration::from_millis(50);
/// How long an open bracketed paste waits for more before it is closed.
const PASTE_TIMEOUT: Duration = Duration::from_millis(1000);

/// Test hook (documented in README, used by tests/pty_restore.rs): when set
/// to anything, the browser panics right after its first frame, so the
/// panic path's terminal restore can be checked in a pseudo-terminal.
pub const PANIC_HOOK_VAR: &str = "ZHENGCE_TEST_PANIC_AFTER_FIRST_FRAME";

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back: mouse reporting and bracketed paste off, main
/// screen, cursor shown, the original line discipline. Safe to call more
/// than once and from any thread; never blocks for long (a terminal that
/// stopped reading output cannot hold up an exit).
pub fn restore() {
    tty::write_nonblocking(tty::RESTORE, Duration::from_millis(500));
    tty::restore_mode();
}

/// Signals whose default action ends the process: each restores the
/// terminal first, then exits with 128 + N as a shell would report.
/// (SIGKILL cannot be caught; SIGSEGV and friends are not signals to
/// handle from a thread.)
const TERMINATING: &[libc::c_int] = &[
    libc::SIGTERM,
    libc::SIGINT,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGIO,
    #[cfg(target_os = "linux")]
    libc::SIGPWR,
];

fn install_exit_hooks() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            prev(info);
        }));
        if let Ok(mut signals) = signal_hook::iterator::Signals::new(TERMINATING) {
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    // Let a frame being written finish, but never wait long:
                    // the terminal may not be reading.
                    let mut guard = None;
                    for _ in 0..20 {
                        if let Ok(g) = OUTPUT.try_lock() {
                            guard = Some(g);
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    // CAN first: ends any escape sequence a cut-off frame left open.
                    let mut seq = b"\x18".to_vec();
                    seq.extend_from_slice(tty::RESTORE);
                    tty::write_nonblocking(&seq, Duration::from_millis(200));
                    tty::restore_mode();
                    drop(guard);
                    // _exit: no exit handlers, nothing that could block on a lock.
                    // SAFETY: _exit never returns and touches no Rust state.
                    unsafe { libc::_exit(128 + sig) };
                }
            });
        }
    });
}

/// Signals the event loop reacts to, delivered as flags plus a wake-up byte.
struct Signals {
    winch: Arc<AtomicBool>,
    tstp: Arc<AtomicBool>,
    cont: Arc<AtomicBool>,
    wake: UnixStream,
}

impl Signals {
    fn install() -> io::Result<Signals> {
        let (wake, notify) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        notify.set_nonblocking(true)?;
        let flags = [
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        ];
        for (sig, flag) in [libc::SIGWINCH, libc::SIGTSTP, libc::SIGCONT]
            .into_iter()
            .zip(&flags)
        {
            signal_hook::flag::register(sig, flag.clone())?;
            signal_hook::low_level::pipe::register(sig, notify.try_clone()?)?;
        }
        let [winch, tstp, cont] = flags;
        Ok(Signals {
            winch,
            tstp,
            cont,
            wake,
        })
    }

    fn drain(&mut self) {
        let mut buf = [0u8; 64];
        while matches!(self.wake.read(&mut buf), Ok(n) if n > 0) {}
    }
}

struct Session {
    term: Term,
    input: RawFd,
    signals: Signals,
    parser: Parser,
    /// Bytes read from the terminal, reused between reads.
    buf: Vec<u8>,
    /// What the ambiguous-width probe found (or the setting forced).
    widths: Widths,
}

/// Writes what setup turns on: alternate screen, bracketed paste, mouse
/// reporting when asked for.
fn enter(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    out.write_all(b"\x1b[?1049h\x1b[?2004h")?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    out.flush()
}

/// The terminal's size, clamped to [`MAX_COLS`] × [`MAX_ROWS`].
pub fn screen_size() -> io::Result<(u16, u16)> {
    let (w, h) = crossterm::terminal::size()?;
    Ok((w.min(MAX_COLS), h.min(MAX_ROWS)))
}

impl Session {
    fn start(mouse: bool, setting: Setting) -> io::Result<Session> {
        let input = tty::input_fd()?;
        let signals = Signals::install()?;
        tty::enable_raw()?;
        // Before the alternate screen and before anything reads input: the
        // probe reads the terminal's answers itself.
        let (widths, _probe) = ambiguous::detect(setting);
        let mut out = io::stdout();
        enter(&mut out, mouse)?;
        let (w, h) = screen_size()?;
        let term = Terminal::with_options(
            CrosstermBackend::new(out),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
            },
        )?;
        Ok(Session {
            term,
            input,
            signals,
            parser: Parser::new(),
            buf: vec![0; 64 * 1024],
            widths,
        })
    }

    fn resize(&mut self, app: &mut App) -> io::Result<()> {
        let (w, h) = screen_size()?;
        {
            let _guard = OUTPUT.lock();
            execute!(self.term.backend_mut(), Clear(ClearType::All))?;
            self.term.resize(Rect::new(0, 0, w, h))?;
        }
        app.update(Action::Resize(w, h));
        Ok(())
    }

    fn event_loop(&mut self, app: &mut App) -> io::Result<()> {
        self.resize(app)?;
        let mut first = true;
        loop {
            {
                let _guard = OUTPUT.lock();
                self.term.draw(|f| view::draw(app, f))?;
            }
            if first && std::env::var_os(PANIC_HOOK_VAR).is_some() {
                panic!("{PANIC_HOOK_VAR} is set: panicking after the first frame");
            }
            first = false;
            if app.should_quit() {
                return Ok(());
            }
            self.wait_for_change(app)?;
        }
    }

    /// Reads and applies input until something changed what is on screen
    /// (or a signal asks for a redraw). Everything already read is applied
    /// before returning, so a paste or fast typing is drawn once.
    fn wait_for_change(&mut self, app: &mut App) -> io::Result<()> {
        loop {
            let mut changed = false;
            while let Some(ev) = self.parser.next_event() {
                changed |= self.handle(app, ev)?;
                if app.should_quit() {
                    return Ok(());
                }
            }
            if changed {
                return Ok(());
            }
            let timeout = if self.parser.is_pasting() {
                Some(PASTE_TIMEOUT)
            } else if self.parser.is_waiting() {
                Some(ESC_TIMEOUT)
            } else {
                None
            };
            let wake = self.signals.wake.as_raw_fd();
            let ready = tty::wait_readable(&[self.input, wake], timeout)?;
            if ready[1] {
                self.signals.drain();
                if self.handle_signals(app)? {
                    return Ok(());
                }
            }
            if ready[0] {
                let n = tty::read_some(self.input, &mut self.buf)?;
                if n == 0 {
                    // The terminal is gone (hung up): nothing more can come.
                    app.update(Action::ForceQuit);
                    return Ok(());
                }
                self.parser.feed(&self.buf[..n]);
            } else if !ready[1] && timeout.is_some() {
                self.parser.timeout();
            }
        }
    }

    /// Resize, suspend and resume; true when the screen must be redrawn.
    fn handle_signals(&mut self, app: &mut App) -> io::Result<bool> {
        let mut redraw = false;
        if self.signals.tstp.swap(false, Ordering::SeqCst) {
            self.suspend(app)?;
            redraw = true;
        }
        if self.signals.cont.swap(false, Ordering::SeqCst) {
            // Continued after a SIGSTOP we could not see: the shell may have
            // put its own terminal settings back.
            self.resume(app)?;
            redraw = true;
        }
        if self.signals.winch.swap(false, Ordering::SeqCst) {
            self.resize(app)?;
            redraw = true;
        }
        Ok(redraw)
    }

    /// Ctrl-Z / SIGTSTP: the terminal as the shell expects it, then stop;
    /// on `fg`, raw mode and the whole screen again.
    fn suspend(&mut self, app: &mut App) -> io::Result<()> {
        {
            let _guard = OUTPUT.lock();
            let out = self.term.backend_mut();
            out.write_all(tty::RESTORE)?;
            out.flush()?;
            tty::restore_mode();
        }
        signal_hook::low_level::emulate_default_handler(libc::SIGTSTP)?;
        // Continued.
        self.signals.cont.store(false, Ordering::SeqCst);
        self.resume(app)
    }

    fn resume(&mut self, app: &mut App) -> io::Result<()> {
        tty::enable_raw()?;
        {
            let _guard = OUTPUT.lock();
            enter(self.term.backend_mut(), app.mouse())?;
            self.term.hide_cursor()?;
        }
        // Resizing clears the screen and forgets what it showed: the next
        // draw repaints everything.
        self.resize(app)
    }

    /// Applies one event; true when it changed something on screen.
    fn handle(&mut self, app: &mut App, ev: Event) -> io::Result<bool> {
        match &ev {
            Event::Key(k)
                if k.kind == KeyEventKind::Press
                    && k.modifiers.contains(KeyModifiers::CONTROL)
                    && k.code == KeyCode::Char('z') =>
            {
                self.suspend(app)?;
                return Ok(true);
            }
            Event::Paste(text) => return Ok(paste(app, text)),
            _ => {}
        }
        let Some(a) = keymap::event(app.mode(), &ev) else {
            return Ok(false);
        };
        app.update(a);
        self.apply_effects(app)?;
        Ok(true)
    }

    fn apply_effects(&mut self, app: &mut App) -> io::Result<()> {
        for e in app.take_effects() {
            let out = self.term.backend_mut();
            let _guard = OUTPUT.lock();
            match e {
                Effect::Copy(text) => {
                    let env =
                        clipboard::CopyEnv::from_env(persist::state_dir(|k| std::env::var_os(k)));
                    let o = clipboard::copy(&text, &env, &mut clipboard::SystemRunner);
                    if let Some(seq) = &o.osc52 {
                        out.write_all(seq.as_bytes())?;
                        out.flush()?;
                    }
                    app.notify(o.message(app.lang() == super::Lang::Zh));
                }
                Effect::Mouse(true) => execute!(out, EnableMouseCapture)?,
                Effect::Mouse(false) => execute!(out, DisableMouseCapture)?,
            }
        }
        Ok(())
    }
}

/// A bracketed paste: typed into the search bar or the `:` prompt (line
/// breaks and tabs as spaces, other controls dropped, the query kept within
/// [`MAX_QUERY_CHARS`](crate::cli::MAX_QUERY_CHARS)); anywhere else it is
/// ignored, so pasted text never runs as commands.
fn paste(app: &mut App, text: &str) -> bool {
    if !matches!(app.mode(), Mode::Search | Mode::Jump) {
        return false;
    }
    let room = crate::cli::MAX_QUERY_CHARS.saturating_sub(app.search().query().chars().count());
    for c in text.chars().take(room) {
        match c {
            '\n' | '\r' | '\t' => app.update(Action::Input(' ')),
            c if crate::text::is_terminal_control(c) => {}
            c => app.update(Action::Input(c)),
        }
    }
    true
}

/// Runs `app` on the real terminal until it quits, restoring the terminal
/// however the loop ends.
pub fn run(app: &mut App) -> Result<(), String> {
    run_with(app, Setting::Auto)
}

/// [`run`] with the ambiguous-width setting (`Auto` asks the terminal).
pub fn run_with(app: &mut App, setting: Setting) -> Result<(), String> {
    install_exit_hooks();
    let result = Session::start(app.mouse(), setting).and_then(|mut s| {
        app.set_widths(s.widths);
        crate::text::set_ambiguous_wide(s.widths.text);
        let r = s.event_loop(app);
        // Dropping the Terminal shows the cursor; restore does the rest.
        drop(s);
        r
    });
    restore();
    result.map_err(|e| format!("terminal: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_turns_off_everything_setup_turns_on() {
        let mut on = Vec::new();
        enter(&mut on, true).unwrap();
        let on = String::from_utf8(on).unwrap();
        let off = std::str::from_utf8(tty::RESTORE).unwrap();
        for mode in ["1049", "2004", "1000", "1002", "1003", "1006", "1015"] {
            if on.contains(&format!("?{mode}h")) {
                assert!(off.contains(&format!("?{mode}l")), "{mode}");
            }
        }
        assert!(off.ends_with("\x1b[?25h"));
    }
}

//! The only code that touches the real terminal: setup, restore on every way
//! out (quit, error, panic, Ctrl-C, SIGTERM/SIGINT/SIGHUP/SIGQUIT), and the blocking
//! event loop.

use std::io::{self, Stdout, Write};
use std::sync::{Mutex, Once};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::{App, Effect};
use super::{keymap, osc52, view};

/// Held while drawing and while restoring, so a signal arriving mid-frame
/// cannot interleave its restore sequence with frame output.
static OUTPUT: Mutex<()> = Mutex::new(());

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back: mouse capture off, main screen, cursor shown, raw
/// mode off. Safe to call more than once; errors are ignored (there is no
/// better place to report them).
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_hooks() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            prev(info);
        }));
        // Signals: restore, then exit with 128 + N as a shell would report.
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        if let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT])
        {
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    let _guard = OUTPUT.lock();
                    restore();
                    std::process::exit(128 + sig);
                }
            });
        }
    });
}

fn setup(mouse: bool) -> io::Result<Term> {
    install_hooks();
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Terminal::new(CrosstermBackend::new(out))
}

/// Runs `app` on the real terminal until it quits, restoring the terminal
/// however the loop ends.
pub fn run(app: &mut App) -> Result<(), String> {
    let result = setup(app.mouse()).and_then(|mut term| {
        let r = event_loop(app, &mut term);
        // Dropping the Terminal shows the cursor; restore does the rest.
        drop(term);
        r
    });
    restore();
    result.map_err(|e| format!("terminal: {e}"))
}

fn event_loop(app: &mut App, term: &mut Term) -> io::Result<()> {
    let size = term.size()?;
    app.update(super::app::Action::Resize(size.width, size.height));
    loop {
        {
            let _guard = OUTPUT.lock();
            term.draw(|f| view::draw(app, f))?;
        }
        if app.should_quit() {
            return Ok(());
        }
        // Block until something happens; then take whatever else is already
        // queued (a paste, fast typing) before drawing once.
        let mut changed = false;
        let mut ev = event::read()?;
        loop {
            if let Some(a) = keymap::event(app.mode(), &ev) {
                app.update(a);
                changed = true;
            }
            apply_effects(app, term)?;
            if app.should_quit() || !event::poll(Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
        if !changed {
            // Mouse moves and key releases: nothing to redraw. Wait again.
            while !app.should_quit() {
                let ev = event::read()?;
                if let Some(a) = keymap::event(app.mode(), &ev) {
                    app.update(a);
                    apply_effects(app, term)?;
                    break;
                }
            }
        }
    }
}

fn apply_effects(app: &mut App, term: &mut Term) -> io::Result<()> {
    for e in app.take_effects() {
        let out = term.backend_mut();
        let _guard = OUTPUT.lock();
        match e {
            Effect::Copy(text) => {
                out.write_all(osc52::sequence(&text).as_bytes())?;
                out.flush()?;
            }
            Effect::Mouse(true) => execute!(out, EnableMouseCapture)?,
            Effect::Mouse(false) => execute!(out, DisableMouseCapture)?,
        }
    }
    Ok(())
}

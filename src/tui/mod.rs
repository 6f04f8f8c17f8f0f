//! The interactive browser: a tree of the document on the left, the selected
//! node's text on the right, a status line below.
//!
//! Data flows one way: `keymap` turns events into `app::Action`s,
//! `App::update` is the only code that changes state, `view` renders the
//! state into a buffer, and `terminal` is the only code that touches the
//! real terminal.

pub mod app;
pub mod finder;
pub mod i18n;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod names;
pub mod osc52;
pub mod reader_lines;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod view;

use crate::doc::Document;

/// UI language of the TUI's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--mouse`: capture the mouse from the start.
    pub mouse: bool,
    /// `--lang`; `None` = from the locale (zh_* → Chinese).
    pub lang: Option<Lang>,
}

/// NO_COLOR set to anything non-empty turns colours off (no-color.org).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Runs the TUI on `doc` until the user quits. The terminal is restored on
/// every way out. Errors are one line.
pub fn run(doc: Document, opts: Options) -> Result<(), String> {
    let lang = opts.lang.unwrap_or_else(i18n::lang_from_env);
    let (w, h) = terminal::screen_size().map_err(|e| format!("terminal: {e}"))?;
    let mut app = app::App::new(doc, lang, no_color_from_env(), w, h);
    app.set_mouse(opts.mouse);
    let r = terminal::run(&mut app);
    // The process ends next: freeing a large document item by item would
    // only delay the exit (about 30 ms at 1,000 copies of the seed).
    std::mem::forget(app);
    r
}

/// Runs the TUI on the library in `dir`: its document list first.
pub fn run_library(dir: &std::path::Path, opts: Options) -> Result<(), String> {
    let lib = crate::library::Library::open(dir)?;
    let lang = opts.lang.unwrap_or_else(i18n::lang_from_env);
    let (w, h) = terminal::screen_size().map_err(|e| format!("terminal: {e}"))?;
    let mut app = app::App::with_library(lib, lang, no_color_from_env(), w, h);
    app.set_mouse(opts.mouse);
    let r = terminal::run(&mut app);
    std::mem::forget(app);
    r
}

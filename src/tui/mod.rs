//! The interactive browser: a tree of the document on the left, the selected
//! node's text on the right, a status line below.
//!
//! Data flows one way: `keymap` turns events into `app::Action`s,
//! `App::update` is the only code that changes state, `view` renders the
//! state into a buffer, and `terminal` is the only code that touches the
//! real terminal.

pub mod ambiguous;
pub mod app;
pub mod clipboard;
pub mod finder;
pub mod i18n;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod names;
pub mod persist;
pub mod reader_lines;
pub mod repaint;
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
    /// `--ambiguous wide|narrow|auto` (beats `ZHENGCE_AMBIGUOUS`).
    pub ambiguous: Option<String>,
    /// `--no-state`: no place or history read or written.
    pub no_state: bool,
    /// `--data`: names the document's saved place.
    pub data: Option<std::path::PathBuf>,
}

/// NO_COLOR set to anything non-empty turns colours off (no-color.org).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Starts `app` where the last run in document `key` left off, with the
/// search history; `notice` (an unreadable state file) shows in the first
/// frame's status line.
pub fn start_from(app: &mut app::App, state: &persist::State, key: &str, notice: Option<String>) {
    app.set_history(state.history.clone());
    if let Some(p) = state.place(key) {
        app.restore(p);
    }
    if let Some(n) = notice {
        app.notify(n);
    }
}

/// What to save when `app` quits: its history and its place in `key`.
pub fn end_state(app: &app::App, mut state: persist::State, key: String) -> persist::State {
    state.history.clear();
    for q in app.history() {
        state.push_query(q);
    }
    state.set_place(app.place(key));
    state
}

/// Runs the TUI on `doc` until the user quits. The terminal is restored on
/// every way out. Errors are one line.
pub fn run(doc: Document, opts: Options) -> Result<(), String> {
    let lang = opts.lang.unwrap_or_else(i18n::lang_from_env);
    let setting = ambiguous::setting(
        opts.ambiguous.as_deref(),
        std::env::var(ambiguous::ENV_VAR).ok().as_deref(),
    )?;
    let (w, h) = terminal::screen_size().map_err(|e| format!("terminal: {e}"))?;
    let key = persist::document_key(opts.data.as_deref(), &doc.title);
    let path = if opts.no_state {
        None
    } else {
        persist::default_path()
    };
    let (state, notice) = path.as_deref().map(persist::load).unwrap_or_default();
    let mut app = app::App::new(doc, lang, no_color_from_env(), w, h);
    app.set_mouse(opts.mouse);
    start_from(&mut app, &state, &key, notice);
    let r = terminal::run_with(&mut app, setting);
    if let Some(path) = &path {
        // Never blocks quitting: a failed save is one line after the
        // terminal is restored.
        if let Err(e) = persist::save_merged(path, end_state(&app, state, key)) {
            eprintln!("zhengce: place not saved: {}: {e}", path.display());
        }
    }
    // The process ends next: freeing a large document item by item would
    // only delay the exit (about 30 ms at 1,000 copies of the seed).
    std::mem::forget(app);
    r
}

/// Runs the TUI on the library in `dir`: its document list first.
pub fn run_library(dir: &std::path::Path, opts: Options) -> Result<(), String> {
    let lib = crate::library::Library::open(dir)?;
    let lang = opts.lang.unwrap_or_else(i18n::lang_from_env);
    let setting = ambiguous::setting(
        opts.ambiguous.as_deref(),
        std::env::var(ambiguous::ENV_VAR).ok().as_deref(),
    )?;
    let (w, h) = terminal::screen_size().map_err(|e| format!("terminal: {e}"))?;
    let path = if opts.no_state {
        None
    } else {
        persist::default_path()
    };
    // The search history is shared with single documents; places are kept
    // per document opened with --data.
    let (mut state, notice) = path.as_deref().map(persist::load).unwrap_or_default();
    let mut app = app::App::with_library(lib, lang, no_color_from_env(), w, h);
    app.set_mouse(opts.mouse);
    app.set_history(state.history.clone());
    if let Some(n) = notice {
        app.notify(n);
    }
    let r = terminal::run_with(&mut app, setting);
    if let Some(path) = &path {
        state.history.clear();
        for q in app.history() {
            state.push_query(q);
        }
        if let Err(e) = persist::save_merged(path, state) {
            eprintln!("zhengce: history not saved: {}: {e}", path.display());
        }
    }
    std::mem::forget(app);
    r
}

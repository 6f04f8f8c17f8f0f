//! The interactive browser.
// STUB: being written by the TUI helper.

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

/// Runs the TUI on `doc` until the user quits. The terminal is restored on
/// every way out. Errors are one line.
pub fn run(_doc: Document, _opts: Options) -> Result<(), String> {
    Err("the TUI is not built yet".into())
}

//! The search pane's state: the query line, its results and the selected one.

use super::edit::LineEditor;
use super::list::ListCursor;
use crate::tui::finder::{Finder, Found, Notes};

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    editor: LineEditor,
    results: Vec<Found>,
    cursor: ListCursor,
    /// A malformed query's one-line message.
    error: Option<String>,
    /// Expansions, left-out words, related-only results.
    notes: Notes,
}

impl SearchState {
    /// The query line.
    pub fn editor(&self) -> &LineEditor {
        &self.editor
    }

    pub fn editor_mut(&mut self) -> &mut LineEditor {
        &mut self.editor
    }

    pub fn query(&self) -> &str {
        self.editor.text()
    }

    pub fn results(&self) -> &[Found] {
        &self.results
    }

    /// The selected result and the first one shown.
    pub fn cursor(&self) -> &ListCursor {
        &self.cursor
    }

    pub fn cursor_mut(&mut self) -> &mut ListCursor {
        &mut self.cursor
    }

    /// What the engine said about the query besides its results.
    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Opens the pane on the last query, cursor at its end, results fresh.
    pub fn open(&mut self, finder: &Finder, limit: usize) {
        self.editor.to_end();
        self.run(finder, limit);
    }

    /// Runs the query; the selection goes back to the best result.
    pub fn run(&mut self, finder: &Finder, limit: usize) {
        self.cursor.reset();
        self.error = None;
        self.results.clear();
        self.notes = Notes::default();
        if self.editor.text().trim().is_empty() {
            return;
        }
        match finder.search_all(self.editor.text(), limit) {
            Ok((r, notes)) => (self.results, self.notes) = (r, notes),
            Err(e) => self.error = Some(e),
        }
    }

    /// Keeps the selected result on screen when `rows` results fit.
    pub fn clamp(&mut self, rows: usize) {
        self.cursor.clamp(self.results.len(), rows);
    }
}

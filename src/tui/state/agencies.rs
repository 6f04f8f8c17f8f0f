//! The agency index's state: every agency with the measures naming it,
//! busiest first, and the selected row.

use super::list::ListCursor;

#[derive(Debug, Clone, Default)]
pub struct AgencyIndex {
    load: Vec<(String, Vec<usize>)>,
    cursor: ListCursor,
}

impl AgencyIndex {
    /// `load`: each agency and its measures' ordinals (`Outline::agency_load`).
    pub fn new(load: Vec<(String, Vec<usize>)>) -> AgencyIndex {
        AgencyIndex {
            load,
            cursor: ListCursor::default(),
        }
    }

    /// Each agency and the ordinals of its measures, busiest first.
    pub fn rows(&self) -> &[(String, Vec<usize>)] {
        &self.load
    }

    pub fn len(&self) -> usize {
        self.load.len()
    }

    pub fn is_empty(&self) -> bool {
        self.load.is_empty()
    }

    /// The row of agency `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.load.iter().position(|(n, _)| n == name)
    }

    pub fn selected(&self) -> Option<&(String, Vec<usize>)> {
        self.load.get(self.cursor.selected())
    }

    pub fn cursor(&self) -> &ListCursor {
        &self.cursor
    }

    pub fn cursor_mut(&mut self) -> &mut ListCursor {
        &mut self.cursor
    }

    /// Keeps the selected row on screen when `rows` fit.
    pub fn clamp(&mut self, rows: usize) {
        self.cursor.clamp(self.load.len(), rows);
    }
}

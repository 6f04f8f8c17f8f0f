//! One list cursor for every list on screen: the tree, the search results,
//! the agency index and the help. A selected row and the first row shown,
//! kept consistent by [`ListCursor::clamp`] for the rows that fit.

/// A selection in a list and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    selected: usize,
    offset: usize,
}

impl ListCursor {
    /// The selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Selects `row` (clamped to the list by the next [`Self::clamp`]).
    pub fn select(&mut self, row: usize) {
        self.selected = row;
    }

    /// Moves the selection by `d` rows, staying inside a list of `len`.
    pub fn move_by(&mut self, d: isize, len: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(d)
            .min(len.saturating_sub(1));
    }

    /// Back to the top, selection and view.
    pub fn reset(&mut self) {
        *self = ListCursor::default();
    }

    /// Keeps the selection inside `len` rows and on screen when `rows` fit,
    /// moving the view as little as possible.
    pub fn clamp(&mut self, len: usize, rows: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(len.saturating_sub(rows));
    }

    /// Scrolls the view (not the selection) by `d` rows: the help, which
    /// has nothing to select.
    pub fn scroll(&mut self, d: isize, len: usize, rows: usize) {
        self.offset = self
            .offset
            .saturating_add_signed(d)
            .min(len.saturating_sub(rows));
        self.selected = self.offset;
    }

    /// The row shown on screen line `line` of the list, if there is one.
    pub fn row_at(&self, line: usize, len: usize) -> Option<usize> {
        Some(self.offset + line).filter(|&r| r < len)
    }
}

#[cfg(test)]
mod tests {
    use super::ListCursor;

    #[test]
    fn selection_stays_in_the_list_and_on_screen() {
        let mut c = ListCursor::default();
        c.move_by(-1, 10);
        assert_eq!(c.selected(), 0);
        c.move_by(25, 10);
        assert_eq!(c.selected(), 9);
        c.clamp(10, 4);
        assert_eq!((c.selected(), c.offset()), (9, 6));
        c.select(7);
        c.clamp(10, 4);
        assert_eq!(c.offset(), 6, "still on screen: the view does not move");
        c.select(2);
        c.clamp(10, 4);
        assert_eq!(c.offset(), 2);
        c.clamp(3, 4);
        assert_eq!((c.selected(), c.offset()), (2, 0), "list shrank");
        c.clamp(0, 4);
        assert_eq!((c.selected(), c.offset()), (0, 0));
        assert_eq!(c.row_at(1, 0), None);
    }

    #[test]
    fn scrolling_moves_the_view_within_bounds() {
        let mut c = ListCursor::default();
        c.scroll(3, 10, 4);
        assert_eq!(c.offset(), 3);
        c.scroll(100, 10, 4);
        assert_eq!(c.offset(), 6);
        c.scroll(-100, 10, 4);
        assert_eq!(c.offset(), 0);
        c.scroll(1, 3, 4);
        assert_eq!(c.offset(), 0, "all rows fit");
    }
}

//! The tree pane's state: which nodes are open, which rows are shown (all,
//! or one agency's measures), and the selection.

use super::list::ListCursor;
use crate::doc::outline::{Kind, Outline};

/// A tree filtered to one agency's measures and their ancestors.
#[derive(Debug, Clone)]
pub struct Filter {
    agency: String,
    keep: Vec<bool>,
}

impl Filter {
    pub fn agency(&self) -> &str {
        &self.agency
    }
}

/// Hidden rows in [`TreeState::rows`].
const HIDDEN: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub struct TreeState {
    expanded: Vec<bool>,
    /// Node ids shown, top to bottom.
    visible: Vec<usize>,
    /// Per node: its row in `visible`, or [`HIDDEN`].
    rows: Vec<u32>,
    /// The selected node (its row is `cursor.selected()`).
    selected: usize,
    cursor: ListCursor,
    filter: Option<Filter>,
}

impl TreeState {
    /// Everything above the measures open; measures' own sub-items folded.
    pub fn new(outline: &Outline) -> TreeState {
        let expanded = outline
            .nodes()
            .iter()
            .map(|n| matches!(n.kind, Kind::Root | Kind::Section))
            .collect();
        let mut t = TreeState {
            expanded,
            visible: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            cursor: ListCursor::default(),
            filter: None,
        };
        t.refresh(outline);
        t
    }

    /// The selected node id.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Node ids shown, top to bottom.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.cursor.offset()
    }

    /// Whether node `id` shows its children (always, under a filter).
    pub fn is_open(&self, id: usize) -> bool {
        self.filter.is_some() || self.expanded.get(id).copied().unwrap_or(false)
    }

    pub fn filter(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }

    /// Selects the node on `row` (clamped to the rows shown).
    pub fn select_row(&mut self, row: usize) {
        let row = row.min(self.visible.len().saturating_sub(1));
        if let Some(&id) = self.visible.get(row) {
            self.selected = id;
            self.cursor.select(row);
        }
    }

    pub fn move_by(&mut self, d: isize) {
        self.select_row(self.cursor.selected().saturating_add_signed(d));
    }

    /// Selects node `id`, opening its ancestors and clearing a filter that hides it.
    pub fn goto(&mut self, outline: &Outline, id: usize) {
        if self.filter.as_ref().is_some_and(|f| !f.keep[id]) {
            self.filter = None;
        }
        let mut cur = outline[id].parent;
        while let Some(p) = cur {
            self.expanded[p] = true;
            cur = outline[p].parent;
        }
        self.selected = id;
        self.refresh(outline);
    }

    /// ← / h: collapses the node, or selects its parent.
    pub fn collapse_or_parent(&mut self, outline: &Outline) {
        let id = self.selected;
        if !outline[id].children.is_empty() && self.expanded[id] && self.filter.is_none() {
            self.expanded[id] = false;
            self.refresh(outline);
        } else if let Some(p) = outline[id].parent {
            self.goto(outline, p);
        }
    }

    /// → / l / Enter: expands the node; on an open one, `descend` goes to
    /// its first child. Returns true when there is nothing to open (the
    /// caller shows the reader).
    pub fn expand_or_open(&mut self, outline: &Outline, descend: bool) -> bool {
        let id = self.selected;
        let has_children = !outline[id].children.is_empty();
        if has_children && !self.expanded[id] && self.filter.is_none() {
            self.expanded[id] = true;
            self.refresh(outline);
        } else if has_children && descend {
            let first = outline[id]
                .children
                .iter()
                .find(|&&c| self.rows[c] != HIDDEN);
            if let Some(&c) = first {
                self.select_row(self.rows[c] as usize);
            }
        } else {
            return true;
        }
        false
    }

    /// Shows only the measures numbered `ordinals` (and their ancestors);
    /// selects the first.
    pub fn set_filter(&mut self, outline: &Outline, agency: String, ordinals: &[usize]) {
        let mut keep = vec![false; outline.len()];
        keep[0] = true;
        for id in ordinals.iter().filter_map(|&o| outline.measure(o)) {
            let mut cur = Some(id);
            // Stop at the first kept ancestor: its own ancestors are kept too.
            while let Some(c) = cur
                && !keep[c]
            {
                keep[c] = true;
                cur = outline[c].parent;
            }
        }
        self.filter = Some(Filter { agency, keep });
        if let Some(id) = ordinals.first().and_then(|&o| outline.measure(o)) {
            self.selected = id;
        }
        self.refresh(outline);
    }

    /// Removes the filter; false when there was none.
    pub fn clear_filter(&mut self, outline: &Outline) -> bool {
        if self.filter.take().is_none() {
            return false;
        }
        self.refresh(outline);
        true
    }

    /// Keeps the selected row on screen when `rows` rows fit.
    pub fn clamp(&mut self, rows: usize) {
        self.cursor.clamp(self.visible.len(), rows);
    }

    /// Rebuilds the rows shown after opening, closing or filtering; the
    /// selection moves to its nearest shown ancestor if it was hidden.
    fn refresh(&mut self, outline: &Outline) {
        self.visible.clear();
        self.rows.clear();
        self.rows.resize(outline.len(), HIDDEN);
        let mut stack = vec![0usize];
        while let Some(id) = stack.pop() {
            if let Some(f) = &self.filter
                && !f.keep[id]
            {
                continue;
            }
            self.rows[id] = self.visible.len() as u32;
            self.visible.push(id);
            if self.is_open(id) {
                stack.extend(outline[id].children.iter().rev());
            }
        }
        let mut cur = Some(self.selected);
        while let Some(c) = cur {
            if self.rows[c] != HIDDEN {
                break;
            }
            cur = outline[c].parent;
        }
        self.selected = cur.unwrap_or(0);
        self.cursor.select(self.rows[self.selected] as usize);
    }
}

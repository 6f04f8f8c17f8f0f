//! The agency index's state: every agency with the measures naming it,
//! busiest first, the rows a typed filter keeps, and the selected row.

use super::edit::{Edit, LineEditor};
use super::list::ListCursor;
use crate::doc::agencies::Directory;
use crate::search::PinyinMatcher;
use crate::tui::app::Action;

#[derive(Debug, Clone, Default)]
pub struct AgencyIndex {
    load: Vec<(String, Vec<usize>)>,
    /// Per agency, what a filter is matched against: its name, the
    /// directory's spellings and English name, lowercased.
    keys: Vec<String>,
    /// Indices into `load` of the rows the filter keeps, in load order.
    shown: Vec<usize>,
    filter: LineEditor,
    cursor: ListCursor,
}

impl AgencyIndex {
    /// `load`: each agency and its measures' ordinals (`Outline::agency_load`).
    pub fn new(load: Vec<(String, Vec<usize>)>) -> AgencyIndex {
        let dir = Directory::embedded();
        let keys = load
            .iter()
            .map(|(name, _)| {
                let mut k = name.to_lowercase();
                if let Some(a) = dir.lookup(name) {
                    for s in a.spellings().chain([a.english_name.as_str()]) {
                        k.push('\n');
                        k.push_str(&s.to_lowercase());
                    }
                }
                k
            })
            .collect();
        AgencyIndex {
            shown: (0..load.len()).collect(),
            load,
            keys,
            filter: LineEditor::default(),
            cursor: ListCursor::default(),
        }
    }

    /// Every agency and the ordinals of its measures, busiest first
    /// (unfiltered).
    pub fn rows(&self) -> &[(String, Vec<usize>)] {
        &self.load
    }

    /// The rows the filter keeps, in order.
    pub fn shown(&self) -> impl Iterator<Item = &(String, Vec<usize>)> {
        self.shown.iter().map(|&i| &self.load[i])
    }

    /// Rows the filter keeps.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// All agencies, filtered or not.
    pub fn total(&self) -> usize {
        self.load.len()
    }

    /// The shown row of agency `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.shown.iter().position(|&i| self.load[i].0 == name)
    }

    pub fn selected(&self) -> Option<&(String, Vec<usize>)> {
        self.shown
            .get(self.cursor.selected())
            .map(|&i| &self.load[i])
    }

    pub fn cursor(&self) -> &ListCursor {
        &self.cursor
    }

    pub fn cursor_mut(&mut self) -> &mut ListCursor {
        &mut self.cursor
    }

    /// The typed filter.
    pub fn filter(&self) -> &LineEditor {
        &self.filter
    }

    /// Applies an editing action to the filter; true when it took it.
    pub fn edit(&mut self, a: &Action) -> bool {
        match self.filter.apply(a, |_, c| !c.is_control()) {
            Edit::Changed => {
                self.refilter();
                true
            }
            Edit::Moved => true,
            Edit::NotMine => false,
        }
    }

    /// Empties the filter; false when it was empty already.
    pub fn clear_filter(&mut self) -> bool {
        if self.filter.is_empty() {
            return false;
        }
        self.filter.clear();
        self.refilter();
        true
    }

    /// Keeps the agencies whose name, full or English name or abbreviation
    /// contains the filter, or whose name matches it as pinyin (`rmyh`
    /// finds 人民银行).
    fn refilter(&mut self) {
        let q = self.filter.text().trim().to_lowercase();
        let pinyin = PinyinMatcher::new(&q);
        self.shown = (0..self.load.len())
            .filter(|&i| {
                q.is_empty()
                    || self.keys[i].contains(&q)
                    || pinyin.as_ref().is_some_and(|m| {
                        let chars: Vec<char> = self.load[i].0.chars().collect();
                        !m.find_all(&chars).is_empty()
                    })
            })
            .collect();
        self.cursor.reset();
    }

    /// Keeps the selected row on screen when `rows` fit.
    pub fn clamp(&mut self, rows: usize) {
        self.cursor.clamp(self.shown.len(), rows);
    }
}

//! One line editor for the search bar and the `:` prompt: a string and a
//! cursor (a byte offset on a char boundary), changed by editing actions.

use crate::tui::app::Action;

/// What an action did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved (or nothing happened that matters).
    Moved,
    /// Not an editing action: the caller handles it.
    NotMine,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
}

impl LineEditor {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the cursor in [`Self::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Replaces the text (a recalled query), cursor at its end.
    pub fn set_text(&mut self, t: &str) {
        self.text = t.to_string();
        self.cursor = self.text.len();
    }

    /// Puts the cursor after the last character.
    pub fn to_end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Applies an editing action. `accept` decides which typed characters
    /// go in (the `:` prompt takes only numerals).
    pub fn apply(&mut self, a: &Action, accept: impl Fn(&str, char) -> bool) -> Edit {
        let before = &self.text[..self.cursor];
        match *a {
            Action::Input(c) if accept(&self.text, c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                Edit::Changed
            }
            Action::Input(_) => Edit::Moved,
            Action::Backspace => match before.chars().next_back() {
                Some(c) => {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                    Edit::Changed
                }
                None => Edit::Moved,
            },
            Action::Delete if self.cursor < self.text.len() => {
                self.text.remove(self.cursor);
                Edit::Changed
            }
            Action::Delete => Edit::Moved,
            Action::CursorLeft => {
                if let Some(c) = before.chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
                Edit::Moved
            }
            Action::CursorRight => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
                Edit::Moved
            }
            Action::Home => {
                self.cursor = 0;
                Edit::Moved
            }
            Action::End => {
                self.cursor = self.text.len();
                Edit::Moved
            }
            Action::ClearLine => {
                self.clear();
                Edit::Changed
            }
            Action::DeleteWord => {
                let start = before
                    .trim_end()
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                Edit::Changed
            }
            _ => Edit::NotMine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: &str, _: char) -> bool {
        true
    }

    #[test]
    fn edits_by_character_not_byte() {
        let mut e = LineEditor::default();
        for c in "融资 担保".chars() {
            assert_eq!(e.apply(&Action::Input(c), any), Edit::Changed);
        }
        e.apply(&Action::CursorLeft, any);
        e.apply(&Action::Backspace, any);
        assert_eq!(e.text(), "融资 保");
        e.apply(&Action::Home, any);
        e.apply(&Action::Delete, any);
        assert_eq!(e.text(), "资 保");
        e.apply(&Action::End, any);
        e.apply(&Action::DeleteWord, any);
        assert_eq!(e.text(), "资 ");
        assert_eq!(e.cursor(), "资 ".len());
        assert_eq!(e.apply(&Action::Up, any), Edit::NotMine);
        let digits = |t: &str, c: char| c.is_ascii_digit() && t.len() < 2;
        e.clear();
        for c in "1x234".chars() {
            e.apply(&Action::Input(c), digits);
        }
        assert_eq!(e.text(), "12");
    }
}

//! The App's side of the library level: which document is open, opening
//! another one (a list row, a result, a task, a followed reference) and
//! stepping back to the list. The library's own screens are in
//! [`crate::tui::state::library`].

use super::{Action, App, Focus, Mode};
use crate::doc::Document;
use crate::library::{Library, Reference};
use crate::tui::layout;
use crate::tui::state::library::{Open, Shelf};

impl App {
    /// The browser on a library: its document list first.
    pub fn with_library(lib: Library, lang: super::Lang, no_color: bool, w: u16, h: u16) -> App {
        let mut app = App::new(Document::embedded(), lang, no_color, w, h);
        // Unreadable documents are skipped; say which, until the first key.
        if let Some(b) = lib.broken().first() {
            let n = lib.broken().len();
            let why = b.error.as_deref().unwrap_or("");
            app.message = Some(match lang {
                super::Lang::Zh => format!("{n} 个文件无法读取：{} {why}", b.file),
                super::Lang::En => format!("{n} unreadable: {} {why}", b.file),
            });
        }
        app.shelf = Some(Box::new(Shelf::new(lib)));
        app.keep_in_range();
        app
    }

    /// The library level, when it shows (else a document does).
    pub fn shelf(&self) -> Option<&Shelf> {
        self.shelf.as_deref().filter(|s| s.shown)
    }

    /// The library, when the browser was opened on one.
    pub fn library_state(&self) -> Option<&Shelf> {
        self.shelf.as_deref()
    }

    /// The mode the key map reads while the library level shows.
    pub(super) fn shelf_mode(&self) -> Option<Mode> {
        use crate::tui::state::library::Screen;
        let s = self.shelf()?;
        if self.mode == Mode::Help {
            return None;
        }
        Some(match s.screen() {
            Screen::Search => Mode::Search,
            Screen::List => Mode::Normal,
            Screen::Agencies | Screen::Tasks => Mode::Agencies,
        })
    }

    /// The open document's references from the selected node's item.
    pub fn links_here(&self) -> Vec<Reference> {
        let Some(s) = self.shelf.as_deref() else {
            return Vec::new();
        };
        let path = &self.outline[self.tree.selected()].path;
        s.references()
            .into_iter()
            .filter(|r| {
                r.mention
                    .path
                    .iter()
                    .map(|&i| i as usize)
                    .eq(path.iter().copied())
            })
            .collect()
    }

    /// Handles `action` when it belongs to the library; false: the
    /// document's own update runs.
    pub(super) fn shelf_update(&mut self, action: &Action) -> bool {
        let Some(shown) = self.shelf.as_deref().map(|s| s.shown) else {
            return false;
        };
        if self.mode == Mode::Help {
            return false;
        }
        if shown {
            self.message = None;
            if matches!(action, Action::Help) {
                self.mode = Mode::Help;
                self.help.reset();
                return true;
            }
            let rows = layout::inner(self.areas().main).height as usize;
            let Some(shelf) = self.shelf.as_deref_mut() else {
                return false;
            };
            match shelf.update(action, rows.saturating_sub(2)) {
                Some(Open::Quit) => self.quit = true,
                Some(Open::Resume) => shelf.shown = false,
                Some(Open::Doc { id, path, ordinal }) => self.open_doc(&id, &path, ordinal, None),
                None => {}
            }
            return true;
        }
        // A document is open.
        let top_level = self.mode == Mode::Normal
            && self.focus == Focus::Tree
            && self.marks.is_none()
            && self.tree.filter().is_none();
        let widen = (self.mode == Mode::Search && self.search.editor().cursor() == 0)
            .then(|| self.search.editor().text().to_string());
        let link = match action {
            Action::FollowRef => self.links_here().into_iter().next(),
            _ => None,
        };
        let here = self.tree.selected();
        let lang = self.lang();
        let Some(shelf) = self.shelf.as_deref_mut() else {
            return false;
        };
        match action {
            Action::ToLibrary => shelf.show_list(),
            Action::Back if top_level => shelf.show_list(),
            // `*` typed at the start of a document's search bar widens it
            // to the library, with what was typed after it.
            Action::Input('*') if widen.is_some() => {
                self.mode = Mode::Normal;
                shelf.widen(widen.as_deref().unwrap_or(""));
            }
            Action::FollowRef => match link {
                Some(r) => {
                    let from = shelf.open_id().map(|id| (id.to_string(), here));
                    self.open_doc(&r.to, &[], None, from);
                }
                None => {
                    self.message =
                        Some(say(lang, "此处没有引用文件", "No reference to follow here"))
                }
            },
            Action::BackRef => match shelf.pop_history() {
                Some((id, node)) => {
                    self.open_doc(&id, &[], None, None);
                    self.goto(node);
                }
                None => {
                    self.message = Some(say(lang, "没有可返回的文件", "No document to go back to"))
                }
            },
            _ => return false,
        }
        true
    }

    /// Replaces the document with library document `id`, at `path` or
    /// measure `ordinal`; settings and the library carry over.
    fn open_doc(
        &mut self,
        id: &str,
        path: &[usize],
        ordinal: Option<usize>,
        from: Option<(String, usize)>,
    ) {
        let Some(shelf) = self.shelf.as_deref() else {
            return;
        };
        let doc = match shelf.library().load(id) {
            Ok(d) => d,
            Err(e) => {
                self.message = Some(e);
                return;
            }
        };
        let mut shelf = self.shelf.take();
        if let Some(s) = shelf.as_deref_mut() {
            s.opened(id, from);
        }
        let settings = self.settings;
        *self = App::new(
            doc,
            settings.lang,
            settings.no_color,
            self.width,
            self.height,
        );
        self.settings = settings;
        self.shelf = shelf;
        let node = match ordinal {
            Some(n) => self.outline.measure(n),
            None if !path.is_empty() => self.outline.by_path(path),
            None => None,
        };
        if let Some(n) = node {
            self.goto(n);
            self.focus = Focus::Reader;
        }
    }
}

fn say(lang: super::Lang, zh: &str, en: &str) -> String {
    match lang {
        super::Lang::Zh => zh,
        super::Lang::En => en,
    }
    .to_string()
}

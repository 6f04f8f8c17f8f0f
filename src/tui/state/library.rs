//! The library level of the browser: the list of documents, search across
//! them, the agency index across them and an agency's tasks. Pure state:
//! the documents themselves open in [`crate::tui::app::App`], which asks
//! this module what to open ([`Open`]).

use crate::library::{AgencyLoad, Library, Reference, Task};
use crate::tui::app::Action;
use crate::tui::state::edit::{Edit, LineEditor};
use crate::tui::state::list::ListCursor;

/// Most cross-document results kept.
pub const LIBRARY_RESULTS: usize = 200;

/// Which library screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Search,
    Agencies,
    /// One agency's measures, document by document.
    Tasks,
}

/// The list's order (`o` toggles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Newest,
    Issuer,
}

/// A search result across documents, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibHit {
    pub id: String,
    /// The document's title and 文号.
    pub doc: String,
    /// The item's label and title (empty for a document hit).
    pub item: String,
    pub snippet: String,
    /// Where to open it in the whole document.
    pub path: Vec<usize>,
    /// A guess (homophone, fuzzy pinyin, fuzzy): drawn with "~ ", as the
    /// CLI and a document's result list mark it.
    pub approximate: bool,
}

/// What the App must open after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// The document `id`, at the item `path` (empty: its top) or measure `ordinal`.
    Doc {
        id: String,
        path: Vec<usize>,
        ordinal: Option<usize>,
    },
    /// Back to the open document (Esc from a widened search).
    Resume,
    Quit,
}

pub struct Shelf {
    /// Shared with the thread that maps its search index ahead of the
    /// first query.
    lib: std::sync::Arc<Library>,
    /// Library screens show (else the open document does).
    pub shown: bool,
    screen: Screen,
    order: Order,
    /// Entry indices in list order.
    rows: Vec<usize>,
    list: ListCursor,
    editor: LineEditor,
    results: Vec<LibHit>,
    results_cursor: ListCursor,
    error: Option<String>,
    loads: Vec<AgencyLoad>,
    loads_cursor: ListCursor,
    tasks: Vec<Task>,
    tasks_cursor: ListCursor,
    /// The document open underneath, if any.
    open: Option<String>,
    /// Documents left by following a reference: (id, node), newest last.
    history: Vec<(String, usize)>,
    /// The search screen was opened from a document (`*`): Esc goes back there.
    widened: bool,
}

impl Shelf {
    pub fn new(lib: Library) -> Shelf {
        let lib = std::sync::Arc::new(lib);
        let warm = std::sync::Arc::clone(&lib);
        // The search index (and what pinyin queries read) while the list is
        // drawn and read: the first keystroke then only searches. No thread
        // (a limit reached): made on first use instead.
        let _ = std::thread::Builder::new()
            .name("library-index".into())
            .spawn(move || warm.engine().prepare_pinyin_quietly());
        let mut s = Shelf {
            lib,
            shown: true,
            screen: Screen::List,
            order: Order::Newest,
            rows: Vec::new(),
            list: ListCursor::default(),
            editor: LineEditor::default(),
            results: Vec::new(),
            results_cursor: ListCursor::default(),
            error: None,
            loads: Vec::new(),
            loads_cursor: ListCursor::default(),
            tasks: Vec::new(),
            tasks_cursor: ListCursor::default(),
            open: None,
            history: Vec::new(),
            widened: false,
        };
        s.sort();
        s
    }

    // ---- Read access for the views and tests ----

    pub fn library(&self) -> &Library {
        &self.lib
    }
    pub fn screen(&self) -> Screen {
        self.screen
    }
    pub fn order(&self) -> Order {
        self.order
    }
    /// The entries in list order.
    pub fn rows(&self) -> impl Iterator<Item = &crate::library::Entry> {
        self.rows.iter().map(|&i| &self.lib.entries()[i])
    }
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
    pub fn list(&self) -> &ListCursor {
        &self.list
    }
    pub fn editor(&self) -> &LineEditor {
        &self.editor
    }
    pub fn results(&self) -> &[LibHit] {
        &self.results
    }
    pub fn results_cursor(&self) -> &ListCursor {
        &self.results_cursor
    }
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
    pub fn loads(&self) -> &[AgencyLoad] {
        &self.loads
    }
    pub fn loads_cursor(&self) -> &ListCursor {
        &self.loads_cursor
    }
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }
    pub fn tasks_cursor(&self) -> &ListCursor {
        &self.tasks_cursor
    }
    /// The agency whose tasks show.
    pub fn tasks_agency(&self) -> Option<&str> {
        self.loads
            .get(self.loads_cursor.selected())
            .map(|l| l.name.as_str())
    }
    pub fn open_id(&self) -> Option<&str> {
        self.open.as_deref()
    }
    /// The open document's mentions of others in the library.
    pub fn references(&self) -> Vec<Reference> {
        self.open
            .as_deref()
            .map(|id| self.lib.references(id))
            .unwrap_or_default()
    }
    /// Title and 文号 of document `id`, for links.
    pub fn describe(&self, id: &str) -> String {
        match self.lib.get(id) {
            Some(e) if e.number.is_empty() => format!("《{}》", e.title),
            Some(e) => format!("{}《{}》", e.number, e.title),
            None => id.to_string(),
        }
    }

    // ---- Changes ----

    /// Records that `id` is open underneath; `from` is the document and
    /// node left for it by following a reference.
    pub fn opened(&mut self, id: &str, from: Option<(String, usize)>) {
        self.open = Some(id.to_string());
        self.history.extend(from);
        self.shown = false;
        if let Some(k) = self
            .rows
            .iter()
            .position(|&i| self.lib.entries()[i].id == id)
        {
            self.list.select(k);
        }
    }

    /// The document to come back to, if a reference was followed.
    pub fn pop_history(&mut self) -> Option<(String, usize)> {
        self.history.pop()
    }

    /// Shows the list (from a document: `L`, or Esc at its top level).
    pub fn show_list(&mut self) {
        self.shown = true;
        self.widened = false;
        self.screen = Screen::List;
    }

    /// Opens the search screen with `text` typed (a widened document search).
    pub fn widen(&mut self, text: &str) {
        self.shown = true;
        self.screen = Screen::Search;
        self.widened = true;
        self.editor.clear();
        for c in text.chars() {
            self.editor.apply(&Action::Input(c), |_, _| true);
        }
        self.run_search();
    }

    fn sort(&mut self) {
        let e = self.lib.entries();
        let mut rows: Vec<usize> = (0..e.len()).collect();
        match self.order {
            // Dates are ISO 8601: text order is time order; undated last.
            Order::Newest => rows.sort_by(|&a, &b| {
                (e[a].date.is_empty(), &e[b].date, &e[a].title).cmp(&(
                    e[b].date.is_empty(),
                    &e[a].date,
                    &e[b].title,
                ))
            }),
            Order::Issuer => {
                rows.sort_by(|&a, &b| (&e[a].issuer, &e[b].date).cmp(&(&e[b].issuer, &e[a].date)))
            }
        }
        // Keep the same document selected across the toggle.
        let id = self.rows.get(self.list.selected()).copied();
        self.rows = rows;
        let at = id.and_then(|i| self.rows.iter().position(|&r| r == i));
        self.list.select(at.unwrap_or(0));
    }

    fn run_search(&mut self) {
        self.results_cursor.reset();
        self.error = None;
        let q = self.editor.text().trim().to_string();
        if q.is_empty() {
            self.results.clear();
            return;
        }
        let r = self.lib.search_with(&q, LIBRARY_RESULTS, |f| {
            let (label, title, _) = f.index.heading(f.hit);
            let item = format!("{label}{title}");
            let doc = if f.entry.number.is_empty() {
                f.entry.title.clone()
            } else {
                format!("{} {}", f.entry.number, f.entry.title)
            };
            LibHit {
                id: f.entry.id.clone(),
                doc,
                item,
                snippet: f.index.snippet(f.hit, 160).text,
                path: f.hit.path.clone(),
                approximate: f.hit.approximate,
            }
        });
        match r {
            Ok(v) => self.results = v,
            Err(e) => {
                self.results.clear();
                self.error = Some(e.to_string());
            }
        }
    }

    /// Applies a key at the library level; `rows` is how many list rows fit.
    pub fn update(&mut self, a: &Action, rows: usize) -> Option<Open> {
        if self.screen == Screen::Search {
            match self.editor.apply(a, |_, _| true) {
                Edit::Changed => {
                    self.run_search();
                    return None;
                }
                Edit::Moved => return None,
                Edit::NotMine => {}
            }
        }
        let page = rows.max(1) as isize;
        let (len, cur) = match self.screen {
            Screen::List => (self.rows.len(), &mut self.list),
            Screen::Search => (self.results.len(), &mut self.results_cursor),
            Screen::Agencies => (self.loads.len(), &mut self.loads_cursor),
            Screen::Tasks => (self.tasks.len(), &mut self.tasks_cursor),
        };
        match a {
            Action::Up => cur.move_by(-1, len),
            Action::Down => cur.move_by(1, len),
            Action::PageUp => cur.move_by(-page, len),
            Action::PageDown => cur.move_by(page, len),
            Action::First if self.screen != Screen::Search => cur.select(0),
            Action::Last if self.screen != Screen::Search => cur.move_by(isize::MAX, len),
            Action::Wheel(_, _, d) => cur.move_by(isize::from(d.signum()), len),
            Action::Enter => return self.enter(),
            Action::Back => return self.back(),
            Action::Quit if self.screen == Screen::List => return Some(Open::Quit),
            Action::Quit => self.screen = Screen::List,
            Action::ToggleOrder if self.screen == Screen::List => {
                self.order = match self.order {
                    Order::Newest => Order::Issuer,
                    Order::Issuer => Order::Newest,
                };
                self.sort();
            }
            Action::StartSearch => {
                self.screen = Screen::Search;
                self.editor.to_end();
            }
            Action::OpenAgencies => {
                if self.loads.is_empty() {
                    self.loads = self.lib.agency_loads();
                }
                self.screen = Screen::Agencies;
            }
            _ => {}
        }
        None
    }

    fn enter(&mut self) -> Option<Open> {
        match self.screen {
            Screen::List => {
                let e = &self.lib.entries()[*self.rows.get(self.list.selected())?];
                Some(Open::Doc {
                    id: e.id.clone(),
                    path: Vec::new(),
                    ordinal: None,
                })
            }
            Screen::Search => {
                let h = self.results.get(self.results_cursor.selected())?;
                Some(Open::Doc {
                    id: h.id.clone(),
                    path: h.path.clone(),
                    ordinal: None,
                })
            }
            Screen::Agencies => {
                let name = self.loads.get(self.loads_cursor.selected())?.name.clone();
                self.tasks = self.lib.tasks(&name);
                self.tasks_cursor.reset();
                self.screen = Screen::Tasks;
                None
            }
            Screen::Tasks => {
                let t = self.tasks.get(self.tasks_cursor.selected())?;
                Some(Open::Doc {
                    id: t.id.clone(),
                    path: Vec::new(),
                    ordinal: Some(t.ordinal as usize),
                })
            }
        }
    }

    fn back(&mut self) -> Option<Open> {
        match self.screen {
            Screen::List if self.open.is_some() => return Some(Open::Resume),
            Screen::List => return Some(Open::Quit),
            Screen::Search if self.widened && self.open.is_some() => {
                // A widened search returns to the document it came from.
                self.widened = false;
                self.screen = Screen::List;
                return Some(Open::Resume);
            }
            Screen::Tasks => self.screen = Screen::Agencies,
            Screen::Search | Screen::Agencies => self.screen = Screen::List,
        }
        None
    }

    /// Keeps the cursors in range for `rows` visible rows (`per` lines each for results).
    pub fn clamp(&mut self, rows: usize) {
        self.list.clamp(self.rows.len(), rows);
        self.results_cursor.clamp(self.results.len(), rows / 2);
        self.loads_cursor.clamp(self.loads.len(), rows);
        self.tasks_cursor.clamp(self.tasks.len(), rows);
    }
}

//! The browser's state and the one function that changes it, [`App::update`].
//! Pure: no terminal and no drawing here (nothing under `view/` is
//! imported); side effects leave as [`Effect`]s.
//!
//! The state is split by pane, each in its own module under `state/`: the
//! tree ([`TreeState`]), the reader (scroll and its cached lines), the
//! search bar and results ([`SearchState`]), the highlighted matches
//! ([`Marks`]), the agency index, the help and the `:` prompt. To add a
//! mode: a [`Mode`] variant, its state beside the others, one arm in
//! [`App::update`], one in `view::render` and its keys in `keys.rs`.

mod library;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use super::Lang;
use super::ambiguous::Widths;
use super::finder::{Finder, Found};
use super::i18n::{self, Words};
use super::keys;
pub use super::layout::Focus;
use super::layout::{self, Areas};
use super::persist::{self, Place, Recall};
use super::reader_lines::{self, ReaderDoc, ReaderInput};
pub use super::state::agencies::AgencyIndex;
pub use super::state::edit::{Edit, LineEditor};
pub use super::state::list::ListCursor;
pub use super::state::marks::Marks;
pub use super::state::search::SearchState;
pub use super::state::tree::{Filter, TreeState};
pub use crate::doc::outline::{Kind, Node, Outline};
use crate::doc::{Document, Item};

/// Most search results kept for the pane.
pub const RESULT_LIMIT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// `:` typed: reading a measure number.
    Jump,
    Search,
    Agencies,
    Help,
}

/// Everything a key, a click or a resize can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    Enter,
    First,
    Last,
    PageUp,
    PageDown,
    Tab,
    /// Esc: back out of whatever is open; never quits (at the top level
    /// it says how to).
    Back,
    /// `q`: quits (closes the help or the agency index first).
    Quit,
    /// Ctrl-C: quits from anywhere.
    ForceQuit,
    StartJump,
    StartSearch,
    OpenAgencies,
    Copy,
    Help,
    ToggleMouse,
    ToggleNames,
    NextMatch,
    PrevMatch,
    /// `L`: switch the UI language (Chinese / English).
    ToggleLang,
    /// `z`: the reader alone, full width, without borders (for selecting
    /// text with the mouse).
    Zoom,
    /// ↑ / ↓ in the search bar: an earlier / later query from the history.
    HistoryOlder,
    HistoryNewer,
    // Line editing (search bar and `:` prompt).
    Input(char),
    Backspace,
    Delete,
    CursorLeft,
    CursorRight,
    Home,
    End,
    ClearLine,
    DeleteWord,
    // Mouse and terminal.
    Click(u16, u16),
    Wheel(u16, u16, i8),
    Resize(u16, u16),
    /// A key with no meaning in the current mode (still clears messages).
    Nothing,
    // The library level (`app/library.rs`).
    /// `o`: the document list's order, newest first or by issuer.
    ToggleOrder,
    /// `L`: from a document back to the library's list.
    ToLibrary,
    /// `]`: open the document the selected item names; `[`: come back.
    FollowRef,
    BackRef,
}

/// What the terminal layer must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (the terminal layer picks the route
    /// and reports the outcome with [`App::notify`]).
    Copy(String),
    /// Turn mouse capture on or off.
    Mouse(bool),
}

/// The reader pane: where it is scrolled to, and its lines for the last
/// (node, width, names, marks) built once per change, not once per use.
#[derive(Default)]
struct ReaderState {
    /// First line shown.
    scroll: usize,
    /// Bumped whenever the marks are replaced, so cached lines with old
    /// highlights are never reused.
    marks_gen: u64,
    cache: RefCell<Option<(ReaderKey, Rc<ReaderDoc>)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ReaderKey {
    node: usize,
    width: usize,
    full_names: bool,
    marks: Option<(u64, usize)>,
    no_color: bool,
    lang: Lang,
}

/// Where the user was before opening the search pane (Esc returns there).
#[derive(Debug, Clone, Copy)]
struct Origin {
    node: usize,
    focus: Focus,
    scroll: usize,
}

/// Display settings the user toggles.
#[derive(Debug, Clone, Copy)]
struct Settings {
    lang: Lang,
    no_color: bool,
    /// `e`: agencies' full and English names in the reader.
    full_names: bool,
    mouse: bool,
    /// How the terminal draws East Asian ambiguous-width characters.
    widths: Widths,
    /// `z`: the reader alone, without borders.
    zoom: bool,
}

pub struct App {
    doc: Arc<Document>,
    outline: Arc<Outline>,
    finder: Finder,
    mode: Mode,
    focus: Focus,
    tree: TreeState,
    reader: ReaderState,
    search: SearchState,
    origin: Option<Origin>,
    marks: Option<Marks>,
    agencies: AgencyIndex,
    /// The help's scroll position (its rows are the key table's).
    help: ListCursor,
    /// The `:` prompt.
    prompt: LineEditor,
    settings: Settings,
    width: u16,
    height: u16,
    message: Option<String>,
    quit: bool,
    effects: Vec<Effect>,
    /// Earlier search queries, oldest first (kept across runs by the caller).
    history: Vec<String>,
    /// Where ↑/↓ are in the history.
    recall: Recall,
    /// The library, when opened on one (`app/library.rs`).
    shelf: Option<Box<super::state::library::Shelf>>,
}

/// Characters the `:` prompt takes: numerals in any script, at most 8.
fn measure_numeral(typed: &str, c: char) -> bool {
    (c.is_ascii_digit() || ('０'..='９').contains(&c) || "零〇一二三四五六七八九十百两".contains(c))
        && typed.chars().count() < 8
}

impl App {
    /// The state for `doc` in a `width` x `height` terminal. Linear in the
    /// document: one outline walk; the search index is built in the
    /// background for large documents.
    pub fn new(doc: Document, lang: Lang, no_color: bool, width: u16, height: u16) -> App {
        let outline = Arc::new(Outline::new(&doc));
        let agencies = AgencyIndex::new(outline.agency_load(&doc));
        let doc = Arc::new(doc);
        let finder = Finder::new(Arc::clone(&doc), Arc::clone(&outline));
        let mut app = App {
            tree: TreeState::new(&outline),
            doc,
            outline,
            finder,
            mode: Mode::Normal,
            focus: Focus::Tree,
            reader: ReaderState::default(),
            search: SearchState::default(),
            origin: None,
            marks: None,
            agencies,
            help: ListCursor::default(),
            prompt: LineEditor::default(),
            settings: Settings {
                lang,
                no_color,
                full_names: false,
                mouse: false,
                widths: Widths::NARROW,
                zoom: false,
            },
            width,
            height,
            message: None,
            quit: false,
            effects: Vec::new(),
            history: Vec::new(),
            recall: Recall::default(),
            shelf: None,
        };
        app.keep_in_range();
        app
    }

    // ---- Read access for the views, the terminal loop and tests ----

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    pub fn mode(&self) -> Mode {
        if let Some(m) = self.shelf_mode() {
            return m;
        }
        self.mode
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn tree(&self) -> &TreeState {
        &self.tree
    }

    /// The node id of the selected tree row.
    pub fn selected_node(&self) -> usize {
        self.tree.selected()
    }

    /// The first reader line shown.
    pub fn scroll(&self) -> usize {
        self.reader.scroll
    }

    pub fn search(&self) -> &SearchState {
        &self.search
    }

    pub fn marks(&self) -> Option<&Marks> {
        self.marks.as_ref()
    }

    pub fn agencies(&self) -> &AgencyIndex {
        &self.agencies
    }

    /// The help's first key row shown.
    pub fn help_offset(&self) -> usize {
        self.help.offset()
    }

    /// The `:` prompt.
    pub fn prompt(&self) -> &LineEditor {
        &self.prompt
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn no_color(&self) -> bool {
        self.settings.no_color
    }

    pub fn full_names(&self) -> bool {
        self.settings.full_names
    }

    pub fn mouse(&self) -> bool {
        self.settings.mouse
    }

    /// How ambiguous-width characters are drawn (narrow unless detected or asked).
    pub fn widths(&self) -> Widths {
        self.settings.widths
    }

    /// `z`: the reader alone, full width, no borders.
    pub fn zoomed(&self) -> bool {
        self.settings.zoom
    }

    /// Search queries, oldest first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// The current match's number among all matches and their count
    /// ("match 3/7"), when a search is open in the reader.
    pub fn match_position(&self) -> Option<(usize, usize)> {
        let m = self.marks.as_ref()?;
        let total = m.total();
        (total > 0).then(|| (m.ordinal() + 1, total))
    }

    /// Where the user is, to be saved for the next run (`document`: the key
    /// from [`persist::document_key`]).
    pub fn place(&self, document: String) -> Place {
        let node = &self.outline[self.tree.selected()];
        let measure = node.ordinal().and_then(|n| u32::try_from(n).ok());
        Place {
            document,
            measure,
            path: if measure.is_some() {
                Vec::new()
            } else {
                node.path.clone()
            },
            scroll: self.reader.scroll,
            query: self.search.query().to_string(),
            filter: self.tree.filter().map(|f| f.agency().to_string()),
        }
    }

    /// The terminal size the state is laid out for.
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// Whether the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn words(&self) -> &'static Words {
        i18n::words(self.settings.lang)
    }

    pub fn areas(&self) -> Areas {
        if self.settings.zoom && matches!(self.mode, Mode::Normal | Mode::Jump) {
            return layout::zoomed(self.width, self.height);
        }
        layout::areas(self.width, self.height, self.focus)
    }

    pub fn finder(&self) -> &Finder {
        &self.finder
    }

    /// The item of node `id` (`None` for the root).
    pub fn item(&self, id: usize) -> Option<&Item> {
        self.outline.item(&self.doc, id)
    }

    /// The node id of the measure numbered `n`.
    pub fn measure_node(&self, n: usize) -> Option<usize> {
        self.outline.measure(n)
    }

    pub fn node_by_path(&self, path: &[usize]) -> Option<usize> {
        self.outline.by_path(path)
    }

    pub fn narrow(&self) -> bool {
        self.width < layout::WIDE
    }

    /// Whether the browser was opened on a library (its keys are shown).
    pub fn in_library(&self) -> bool {
        self.shelf.is_some()
    }

    /// How many key lines the help overlay shows (one row is its footer).
    pub fn help_rows(&self) -> usize {
        let main = layout::inner(self.areas().main);
        (main.height as usize).saturating_sub(1)
    }

    /// The reader's lines for the selected node at `width` cells (cached).
    pub fn reader(&self, width: usize) -> Rc<ReaderDoc> {
        let node = self.tree.selected();
        let marks = self.marks_for(node);
        let key = ReaderKey {
            node,
            width,
            full_names: self.settings.full_names,
            marks: marks.map(|(_, cur)| (self.reader.marks_gen, cur)),
            no_color: self.settings.no_color,
            lang: self.settings.lang,
        };
        if let Some((k, doc)) = &*self.reader.cache.borrow()
            && *k == key
        {
            return Rc::clone(doc);
        }
        let doc = Rc::new(reader_lines::build(&ReaderInput {
            doc: &self.doc,
            outline: &self.outline,
            node,
            width,
            marks,
            full_names: self.settings.full_names,
            lang: self.settings.lang,
            no_color: self.settings.no_color,
            agency_count: self.agencies.len(),
        }));
        *self.reader.cache.borrow_mut() = Some((key, Rc::clone(&doc)));
        doc
    }

    /// The current search result's matches when it is on node `id`, and
    /// the index of the current match. Other results on the same node are
    /// not drawn: one result at a time, as in less.
    pub fn marks_for(&self, id: usize) -> Option<(&Found, usize)> {
        self.marks.as_ref()?.current().filter(|(f, _)| f.node == id)
    }

    // ---- Changes from outside the key map (embedding, tests) ----

    /// Turns mouse capture on or off (as `--mouse` does at start).
    pub fn set_mouse(&mut self, on: bool) {
        self.settings.mouse = on;
    }

    /// Gives the keyboard to the tree or the reader.
    pub fn set_focus(&mut self, f: Focus) {
        self.focus = f;
        self.keep_in_range();
    }

    /// Scrolls the reader to `line` (clamped to its last screenful).
    pub fn scroll_to(&mut self, line: usize) {
        self.reader.scroll = line;
        self.keep_in_range();
    }

    /// Selects node `id`, making it visible (clearing a filter that hides it).
    pub fn goto(&mut self, id: usize) {
        if id < self.outline.len() {
            self.tree_move(|t, o| t.goto(o, id));
            self.keep_in_range();
        }
    }

    /// Switches ambiguous-width drawing (from the terminal probe or the
    /// `--ambiguous` setting).
    pub fn set_widths(&mut self, w: Widths) {
        self.settings.widths = w;
    }

    /// Shows `m` in the status line until the next key (a notice at start,
    /// the clipboard's outcome).
    pub fn notify(&mut self, m: String) {
        self.message = Some(m);
    }

    /// The search history from an earlier run (oldest first).
    pub fn set_history(&mut self, h: Vec<String>) {
        self.history = h;
    }

    /// Returns to a saved place: the measure (or node path), the agency
    /// filter if that agency is still named, the reader's scroll. Anything
    /// that no longer exists in the document is skipped.
    pub fn restore(&mut self, p: &Place) {
        if let Some(agency) = &p.filter
            && let Some(at) = self.agencies.position(agency)
        {
            let ords = self.agencies.rows()[at].1.clone();
            let name = agency.clone();
            self.tree_move(|t, o| t.set_filter(o, name, &ords));
            self.agencies.cursor_mut().select(at);
        }
        let target = match p.measure {
            Some(n) => self.outline.measure(n as usize),
            None if !p.path.is_empty() => self.outline.by_path(&p.path),
            None => None,
        };
        if let Some(id) = target {
            self.goto(id);
            if id != 0 {
                self.focus = Focus::Reader;
            }
        }
        self.reader.scroll = p.scroll;
        if !p.query.trim().is_empty() && !self.history.iter().any(|h| h == &p.query) {
            self.history.push(p.query.clone());
        }
        self.keep_in_range();
    }

    /// Takes the effects queued by the last updates.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    // ---- Updates ----

    /// The only place state changes in answer to input.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..) | Action::ForceQuit) && self.shelf_update(&action) {
            return self.keep_in_range();
        }
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => {
                self.width = w;
                self.height = h;
            }
            a => match self.mode {
                Mode::Help => self.on_help(a),
                Mode::Jump => self.on_jump(a),
                Mode::Search => self.on_search(a),
                Mode::Agencies => self.on_agencies(a),
                Mode::Normal => self.on_normal(a),
            },
        }
        self.keep_in_range();
    }

    /// Moves the tree's selection with `f`; a new node is shown from its top.
    fn tree_move(&mut self, f: impl FnOnce(&mut TreeState, &Outline)) {
        let before = self.tree.selected();
        f(&mut self.tree, &self.outline);
        if self.tree.selected() != before {
            self.reader.scroll = 0;
        }
    }

    /// ↑/↓ and PgUp/PgDn scroll the help when it does not fit; any other key closes it.
    fn on_help(&mut self, a: Action) {
        let rows = self.help_rows();
        let width = layout::text_area(self.areas().main).width as usize;
        let len = keys::help_lines(self.settings.lang, width, self.in_library())
            .0
            .len();
        let page = rows.max(1) as isize;
        match a {
            // When it all fits, the footer says any key closes: so they do.
            _ if len <= rows => self.mode = Mode::Normal,
            Action::Down => self.help.scroll(1, len, rows),
            Action::Up => self.help.scroll(-1, len, rows),
            Action::PageDown => self.help.scroll(page, len, rows),
            Action::PageUp => self.help.scroll(-page, len, rows),
            _ => self.mode = Mode::Normal,
        }
    }

    fn on_normal(&mut self, a: Action) {
        let reader = self.focus == Focus::Reader;
        match a {
            Action::Up if reader => self.scroll_by(-1),
            Action::Down if reader => self.scroll_by(1),
            Action::First if reader => self.reader.scroll = 0,
            Action::Last if reader => self.reader.scroll = usize::MAX,
            Action::Back if self.settings.zoom => self.settings.zoom = false,
            Action::Left | Action::Back if reader => self.focus = Focus::Tree,
            Action::Up => self.tree_move(|t, _| t.move_by(-1)),
            Action::Down => self.tree_move(|t, _| t.move_by(1)),
            Action::First => self.tree_move(|t, _| t.select_row(0)),
            Action::Last => self.tree_move(|t, _| t.select_row(usize::MAX)),
            Action::Left => self.tree_move(|t, o| t.collapse_or_parent(o)),
            Action::Right | Action::Enter => {
                let descend = a == Action::Right;
                let mut open = false;
                self.tree_move(|t, o| open = t.expand_or_open(o, descend));
                if open {
                    self.focus = Focus::Reader;
                }
            }
            Action::PageUp => self.scroll_by(-(self.page() as isize)),
            Action::PageDown => self.scroll_by(self.page() as isize),
            Action::Tab => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Reader,
                    Focus::Reader => Focus::Tree,
                }
            }
            Action::Back => {
                if self.marks.is_some() {
                    self.marks = None;
                } else if self.tree.filter().is_some() {
                    self.tree_move(|t, o| {
                        t.clear_filter(o);
                    });
                    self.message = Some(self.words().filter_cleared.into());
                } else {
                    // Never quits: four accidental quits in one sitting.
                    self.message = Some(self.words().esc_top.into());
                }
            }
            Action::Quit => self.quit = true,
            Action::StartJump => {
                self.prompt.clear();
                self.mode = Mode::Jump;
            }
            Action::StartSearch => self.open_search(),
            Action::OpenAgencies => {
                if let Some(f) = self.tree.filter() {
                    let at = self.agencies.position(f.agency()).unwrap_or(0);
                    self.agencies.cursor_mut().select(at);
                }
                self.mode = Mode::Agencies;
            }
            Action::Copy => self.copy(),
            Action::Help => {
                self.mode = Mode::Help;
                self.help.reset();
            }
            Action::ToggleMouse => {
                let on = !self.settings.mouse;
                self.settings.mouse = on;
                self.effects.push(Effect::Mouse(on));
                let w = self.words();
                self.message = Some(if on { w.mouse_on } else { w.mouse_off }.into());
            }
            Action::ToggleNames => self.settings.full_names = !self.settings.full_names,
            Action::ToggleLang => {
                self.settings.lang = match self.settings.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
                self.message = Some(self.words().lang_switched.into());
            }
            Action::Zoom => {
                self.settings.zoom = !self.settings.zoom;
                if self.settings.zoom {
                    self.focus = Focus::Reader;
                }
            }
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(x, y, d) => self.wheel(x, y, d),
            _ => {}
        }
    }

    fn on_jump(&mut self, a: Action) {
        match a {
            // Backspace on an empty prompt leaves it, as in vim.
            Action::Backspace if self.prompt.is_empty() => self.mode = Mode::Normal,
            Action::Enter => {
                self.mode = Mode::Normal;
                let typed = self.prompt.text();
                let target = parse_number(typed).and_then(|n| self.outline.measure(n));
                match target {
                    Some(id) => {
                        self.tree_move(|t, o| t.goto(o, id));
                        if self.narrow() {
                            self.focus = Focus::Reader;
                        }
                    }
                    None if typed.is_empty() => {}
                    None => {
                        self.message = Some(format!("{}: {typed}", self.words().no_such_measure))
                    }
                }
            }
            Action::Back | Action::Quit => self.mode = Mode::Normal,
            a => {
                self.prompt.apply(&a, measure_numeral);
            }
        }
    }

    fn open_search(&mut self) {
        self.origin = Some(Origin {
            node: self.tree.selected(),
            focus: self.focus,
            scroll: self.reader.scroll,
        });
        self.mode = Mode::Search;
        // A fresh query each time: the old one is a ↑ away.
        self.search.editor_mut().clear();
        self.recall.reset();
        self.search.open(&self.finder, RESULT_LIMIT);
    }

    fn on_search(&mut self, a: Action) {
        let recalled = match a {
            Action::HistoryOlder => self.recall.older(&self.history, self.search.query()),
            Action::HistoryNewer => self.recall.newer(&self.history),
            _ => None,
        };
        if let Some(q) = recalled {
            self.search.editor_mut().set_text(&q);
            return self.search.run(&self.finder, RESULT_LIMIT);
        }
        match self.search.editor_mut().apply(&a, |_, _| true) {
            Edit::Changed => {
                self.recall.reset();
                return self.search.run(&self.finder, RESULT_LIMIT);
            }
            Edit::Moved => return,
            Edit::NotMine => {}
        }
        let len = self.search.results().len();
        let main = self.areas().main;
        let list = self.search.cursor_mut();
        match a {
            Action::Up => list.move_by(-1, len),
            Action::Down => list.move_by(1, len),
            Action::PageUp => list.move_by(-5, len),
            Action::PageDown => list.move_by(5, len),
            Action::Wheel(_, _, d) => list.move_by(isize::from(d.signum()), len),
            Action::Click(_, y) => {
                let (first, rows, per) = layout::results(main);
                if y >= first
                    && usize::from(y - first) < rows
                    && let Some(k) = list.row_at(usize::from(y - first) / per, len)
                {
                    list.select(k);
                }
            }
            Action::Enter if len > 0 => {
                let selected = list.selected();
                let q = self.search.query().to_string();
                push_query(&mut self.history, &q);
                self.marks = Some(Marks::new(self.search.results().to_vec(), selected));
                self.reader.marks_gen += 1;
                self.mode = Mode::Normal;
                self.focus = Focus::Reader;
                self.show_mark();
            }
            Action::Back => {
                // A query that found something is worth recalling.
                if len > 0 {
                    let q = self.search.query().to_string();
                    push_query(&mut self.history, &q);
                }
                self.mode = Mode::Normal;
                if let Some(o) = self.origin.take() {
                    self.tree_move(|t, outline| t.goto(outline, o.node));
                    self.focus = o.focus;
                    self.reader.scroll = o.scroll;
                }
            }
            _ => {}
        }
    }

    fn on_agencies(&mut self, a: Action) {
        // Typing filters the list (人民银行, rmyh, pboc).
        if self.agencies.edit(&a) {
            return;
        }
        let len = self.agencies.len();
        let inner = layout::inner(self.areas().main);
        let list = self.agencies.cursor_mut();
        match a {
            Action::Up => list.move_by(-1, len),
            Action::Down => list.move_by(1, len),
            Action::First => list.select(0),
            Action::Last => list.move_by(isize::MAX, len),
            Action::PageUp => list.move_by(-10, len),
            Action::PageDown => list.move_by(10, len),
            Action::Wheel(_, _, d) => list.move_by(isize::from(d.signum()), len),
            Action::Click(_, y) if y >= inner.y && y < inner.bottom() => {
                if let Some(k) = list.row_at(usize::from(y - inner.y), len) {
                    list.select(k);
                }
            }
            Action::Enter => {
                if let Some((name, ords)) = self.agencies.selected().cloned() {
                    self.tree_move(|t, o| t.set_filter(o, name.clone(), &ords));
                    self.message = Some(format!("{}: {name}", self.words().filter));
                    self.focus = Focus::Tree;
                    self.reader.scroll = 0;
                }
                self.mode = Mode::Normal;
            }
            Action::Back if self.agencies.clear_filter() => {}
            Action::Back | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
    }

    fn copy(&mut self) {
        let Some(it) = self.item(self.tree.selected()) else {
            self.message = Some(self.words().nothing_to_copy.into());
            return;
        };
        let mut s = format!("{}{}\n{}", it.label, it.title, it.text);
        if !it.agencies.is_empty() {
            s.push_str(&format!(
                "\n{}: {}",
                self.words().responsible,
                it.agencies.join("、")
            ));
        }
        // The message comes from the clipboard's outcome (App::notify):
        // "Copied" only where a route confirmed it.
        self.effects.push(Effect::Copy(s));
    }

    /// `n` / `N`: the next or previous match. Moved away since? Back to the
    /// current match first.
    fn step_match(&mut self, forward: bool) {
        let words = self.words();
        let here = self.tree.selected();
        let Some(m) = self.marks.as_mut().filter(|m| m.total() > 0) else {
            self.message = Some(words.no_matches.into());
            return;
        };
        if m.current().is_some_and(|(f, _)| f.node == here) && m.step(forward) {
            self.message = Some(
                if forward {
                    words.wrapped
                } else {
                    words.wrapped_end
                }
                .into(),
            );
        }
        self.show_mark();
    }

    /// Opens the node of the current mark and scrolls its match into view.
    fn show_mark(&mut self) {
        let Some((id, current)) = self
            .marks
            .as_ref()
            .and_then(Marks::current)
            .map(|(f, c)| (f.node, c))
        else {
            return;
        };
        self.tree_move(|t, o| t.goto(o, id));
        let Some(r) = self.areas().reader else { return };
        let inner = layout::text_area(r);
        let doc = self.reader(inner.width as usize);
        if let Some(&line) = doc.marks.get(current) {
            let h = inner.height as usize;
            let scroll = self.reader.scroll;
            if line < scroll || line >= scroll + h.max(1) {
                self.reader.scroll = line.saturating_sub(h / 3);
            }
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let a = self.areas();
        let hit = |r: Option<ratatui::layout::Rect>| {
            r.is_some_and(|r| r.contains(ratatui::layout::Position { x, y }))
        };
        if hit(a.tree) {
            self.focus = Focus::Tree;
            let inner = layout::inner(a.tree.unwrap_or_default());
            if y >= inner.y && y < inner.bottom() {
                let row = self.tree.offset() + usize::from(y - inner.y);
                if row < self.tree.visible().len() {
                    self.tree_move(|t, _| t.select_row(row));
                }
            }
        } else if hit(a.reader) {
            self.focus = Focus::Reader;
        }
    }

    fn wheel(&mut self, x: u16, y: u16, d: i8) {
        let over_tree = self
            .areas()
            .tree
            .is_some_and(|r| r.contains(ratatui::layout::Position { x, y }));
        if over_tree {
            self.tree_move(|t, _| t.move_by(isize::from(d.signum())));
        } else {
            self.scroll_by(3 * isize::from(d.signum()));
        }
    }

    fn scroll_by(&mut self, d: isize) {
        self.reader.scroll = self.reader.scroll.saturating_add_signed(d);
    }

    /// Lines a page scroll moves: the reader's height less one line of context.
    fn page(&self) -> usize {
        let h = self
            .areas()
            .reader
            .map_or(1, |r| layout::text_area(r).height as usize);
        h.saturating_sub(1).max(1)
    }

    /// Keeps every selection on screen and every offset in range for the
    /// current size. Runs after every update.
    fn keep_in_range(&mut self) {
        let a = self.areas();
        let main_h = layout::inner(a.main).height as usize;
        let tree_h = a.tree.map_or(main_h, |t| layout::inner(t).height as usize);
        self.tree.clamp(tree_h);
        // Reader: no scrolling past the last line.
        match a.reader {
            Some(r) => {
                let t = layout::text_area(r);
                let lines = self.reader(t.width as usize).lines.len();
                self.reader.scroll = self
                    .reader
                    .scroll
                    .min(lines.saturating_sub(t.height as usize));
            }
            None => self.reader.scroll = 0,
        }
        let (_, rows, per) = layout::results(a.main);
        self.search.clamp(rows / per);
        self.agencies.clamp(main_h);
        if let Some(s) = self.shelf.as_deref_mut() {
            s.clamp(main_h.saturating_sub(2));
        }
    }
}

/// Adds `q` to the history (the same rules as the state file's).
fn push_query(history: &mut Vec<String>, q: &str) {
    let mut st = persist::State {
        history: std::mem::take(history),
        ..persist::State::default()
    };
    st.push_query(q);
    *history = st.history;
}

pub use crate::doc::numerals::parse_number;
pub use crate::doc::outline::item_at;

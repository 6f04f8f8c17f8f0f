//! The browser's state and the one function that changes it, [`App::update`].
//! Pure: no terminal here; side effects leave as [`Effect`]s.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use super::Lang;
use super::finder::{Finder, Found};
use super::i18n::{self, Words};
use super::view;
use super::view::layout::{self, Areas};
use super::view::reader::{self, ReaderDoc};
use crate::doc::{Document, Item};

/// Most search results kept for the pane.
pub const RESULT_LIMIT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Reader,
}

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
    /// Esc: back out of whatever is open; quits at the top level.
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
}

/// What the terminal layer must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Turn mouse capture on or off.
    Mouse(bool),
}

pub use crate::doc::outline::{Kind, Node, Outline};

/// The search bar and its results.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    /// Byte offset of the cursor in `query`.
    pub cursor: usize,
    pub results: Vec<Found>,
    pub selected: usize,
    /// First result shown.
    pub offset: usize,
    pub error: Option<String>,
}

/// Highlighted matches after a search was opened: `n`/`N` walk them.
#[derive(Debug, Clone)]
pub struct Marks {
    pub results: Vec<Found>,
    pub result: usize,
    /// Index into the result's matches (title ones first, then text ones).
    pub current: usize,
}

/// A tree filtered to one agency's measures.
#[derive(Debug, Clone)]
pub struct Filter {
    pub agency: String,
    /// Per node: shown under the filter.
    pub keep: Vec<bool>,
}

/// Where the user was before opening the search pane (Esc returns there).
#[derive(Debug, Clone, Copy)]
struct Origin {
    selected: usize,
    focus: Focus,
    scroll: usize,
}

pub struct App {
    pub doc: Arc<Document>,
    /// The document's node table (node 0 is the document).
    pub nodes: Arc<Outline>,
    pub expanded: Vec<bool>,
    /// Node ids shown in the tree, top to bottom.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub tree_offset: usize,
    pub focus: Focus,
    /// First reader line shown.
    pub scroll: usize,
    pub mode: Mode,
    pub full_names: bool,
    pub filter: Option<Filter>,
    pub message: Option<String>,
    pub mouse: bool,
    pub lang: Lang,
    pub no_color: bool,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    pub effects: Vec<Effect>,
    pub search: SearchState,
    pub marks: Option<Marks>,
    pub jump: String,
    /// `doc.agency_load()`, computed once.
    pub agencies: Vec<(String, Vec<usize>)>,
    pub agency_selected: usize,
    pub agency_offset: usize,
    /// First key line shown in the help overlay (small terminals scroll it).
    pub help_offset: usize,
    pub measure_count: usize,
    pub section_count: usize,
    finder: Finder,
    origin: Option<Origin>,
    /// Bumped whenever `marks` is replaced, so cached reader text with old
    /// highlights is never reused.
    marks_gen: u64,
    /// The reader's lines for the last (node, width, names, marks): built
    /// once per change instead of once per use (scroll clamping and drawing).
    reader_cache: RefCell<Option<(ReaderKey, Rc<ReaderDoc>)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ReaderKey {
    node: usize,
    width: usize,
    full_names: bool,
    marks: Option<(u64, usize, usize)>,
    no_color: bool,
    lang: Lang,
}

impl App {
    pub fn new(doc: Document, lang: Lang, no_color: bool, width: u16, height: u16) -> App {
        let nodes = Arc::new(Outline::new(&doc));
        let doc = Arc::new(doc);
        let finder = Finder::new(Arc::clone(&doc), Arc::clone(&nodes));
        // Open everything above the measures; measures' own sub-items stay folded.
        let expanded = nodes
            .nodes()
            .iter()
            .map(|n| matches!(n.kind, Kind::Root | Kind::Section))
            .collect();
        let agencies = nodes.agency_load(&doc);
        let measure_count = nodes.measure_count();
        let section_count = nodes.section_count();
        let mut app = App {
            doc,
            nodes,
            expanded,
            visible: Vec::new(),
            selected: 0,
            tree_offset: 0,
            focus: Focus::Tree,
            scroll: 0,
            mode: Mode::Normal,
            full_names: false,
            filter: None,
            message: None,
            mouse: false,
            lang,
            no_color,
            width,
            height,
            quit: false,
            effects: Vec::new(),
            search: SearchState::default(),
            marks: None,
            jump: String::new(),
            agencies,
            agency_selected: 0,
            agency_offset: 0,
            help_offset: 0,
            measure_count,
            section_count,
            finder,
            origin: None,
            marks_gen: 0,
            reader_cache: RefCell::new(None),
        };
        app.refresh_visible();
        app.fix_view();
        app
    }

    pub fn words(&self) -> &'static Words {
        i18n::words(self.lang)
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.width, self.height, self.focus)
    }

    /// The node id of the selected tree row.
    pub fn selected_node(&self) -> usize {
        self.selected
    }

    pub fn finder(&self) -> &Finder {
        &self.finder
    }

    /// The item of node `id` (`None` for the root).
    pub fn item(&self, id: usize) -> Option<&Item> {
        self.nodes.item(&self.doc, id)
    }

    /// The node id of the measure numbered `n`.
    pub fn measure_node(&self, n: usize) -> Option<usize> {
        self.nodes.measure(n)
    }

    pub fn node_by_path(&self, path: &[usize]) -> Option<usize> {
        self.nodes.by_path(path)
    }

    /// The reader's lines for the selected node at `width` cells (cached).
    pub fn reader(&self, width: usize) -> Rc<ReaderDoc> {
        let key = ReaderKey {
            node: self.selected,
            width,
            full_names: self.full_names,
            marks: self
                .marks
                .as_ref()
                .map(|m| (self.marks_gen, m.result, m.current)),
            no_color: self.no_color,
            lang: self.lang,
        };
        if let Some((k, doc)) = &*self.reader_cache.borrow()
            && *k == key
        {
            return Rc::clone(doc);
        }
        let doc = Rc::new(reader::build(self, width));
        *self.reader_cache.borrow_mut() = Some((key, Rc::clone(&doc)));
        doc
    }

    /// Takes the effects queued by the last updates.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The only place state changes.
    pub fn update(&mut self, action: Action) {
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
        self.fix_view();
    }

    /// ↑/↓ and PgUp/PgDn scroll the help when it does not fit; any other key closes it.
    fn on_help(&mut self, a: Action) {
        let rows = self.help_rows();
        let max = self.words().keys.len().saturating_sub(rows);
        match a {
            // When it all fits, the footer says any key closes: so they do.
            _ if max == 0 => self.mode = Mode::Normal,
            Action::Down => self.help_offset = (self.help_offset + 1).min(max),
            Action::Up => self.help_offset = self.help_offset.saturating_sub(1),
            Action::PageDown => self.help_offset = (self.help_offset + rows.max(1)).min(max),
            Action::PageUp => self.help_offset = self.help_offset.saturating_sub(rows.max(1)),
            _ => self.mode = Mode::Normal,
        }
    }

    /// How many key lines the help overlay shows (one row is its footer).
    pub fn help_rows(&self) -> usize {
        let main = layout::inner(self.areas().main);
        (main.height as usize).saturating_sub(1)
    }

    fn on_normal(&mut self, a: Action) {
        let reader = self.focus == Focus::Reader;
        match a {
            Action::Up if reader => self.scroll_by(-1),
            Action::Down if reader => self.scroll_by(1),
            Action::First if reader => self.scroll = 0,
            Action::Last if reader => self.scroll = usize::MAX,
            Action::Left | Action::Back if reader => self.focus = Focus::Tree,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::First => self.select_row(0),
            Action::Last => self.select_row(usize::MAX),
            Action::Left => self.collapse_or_parent(),
            Action::Right => self.expand_or_open(true),
            Action::Enter => self.expand_or_open(false),
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
                } else if self.filter.is_some() {
                    self.filter = None;
                    self.message = Some(self.words().filter_cleared.into());
                    self.refresh_visible();
                } else {
                    self.quit = true;
                }
            }
            Action::Quit => self.quit = true,
            Action::StartJump => {
                self.jump.clear();
                self.mode = Mode::Jump;
            }
            Action::StartSearch => self.open_search(),
            Action::OpenAgencies => {
                if let Some(f) = &self.filter {
                    self.agency_selected = self
                        .agencies
                        .iter()
                        .position(|(n, _)| *n == f.agency)
                        .unwrap_or(0);
                }
                self.mode = Mode::Agencies;
            }
            Action::Copy => self.copy(),
            Action::Help => {
                self.mode = Mode::Help;
                self.help_offset = 0;
            }
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.effects.push(Effect::Mouse(self.mouse));
                let w = self.words();
                self.message = Some(if self.mouse { w.mouse_on } else { w.mouse_off }.into());
            }
            Action::ToggleNames => self.full_names = !self.full_names,
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(x, y, d) => self.wheel(x, y, d),
            _ => {}
        }
    }

    fn on_jump(&mut self, a: Action) {
        match a {
            Action::Input(c)
                if (c.is_ascii_digit()
                    || ('０'..='９').contains(&c)
                    || "零〇一二三四五六七八九十百两".contains(c))
                    && self.jump.chars().count() < 8 =>
            {
                self.jump.push(c)
            }
            // Backspace on an empty prompt leaves it, as in vim.
            Action::Backspace if self.jump.pop().is_none() => self.mode = Mode::Normal,
            Action::ClearLine | Action::DeleteWord => self.jump.clear(),
            Action::Enter => {
                self.mode = Mode::Normal;
                let target = parse_number(&self.jump).and_then(|n| self.measure_node(n));
                match target {
                    Some(id) => {
                        self.goto(id);
                        if self.narrow() {
                            self.focus = Focus::Reader;
                        }
                    }
                    None if self.jump.is_empty() => {}
                    None => {
                        self.message =
                            Some(format!("{}: {}", self.words().no_such_measure, self.jump))
                    }
                }
            }
            Action::Back | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
    }

    fn open_search(&mut self) {
        self.origin = Some(Origin {
            selected: self.selected,
            focus: self.focus,
            scroll: self.scroll,
        });
        self.mode = Mode::Search;
        self.search.cursor = self.search.query.len();
        self.run_search();
    }

    fn run_search(&mut self) {
        let s = &mut self.search;
        s.selected = 0;
        s.offset = 0;
        s.error = None;
        if s.query.trim().is_empty() {
            s.results.clear();
            return;
        }
        match self.finder.search(&s.query, RESULT_LIMIT) {
            Ok(r) => s.results = r,
            Err(e) => {
                s.results.clear();
                s.error = Some(e);
            }
        }
    }

    fn on_search(&mut self, a: Action) {
        let s = &mut self.search;
        let mut changed = false;
        match a {
            Action::Input(c) => {
                s.query.insert(s.cursor, c);
                s.cursor += c.len_utf8();
                changed = true;
            }
            Action::Backspace => {
                if let Some(c) = s.query[..s.cursor].chars().next_back() {
                    s.cursor -= c.len_utf8();
                    s.query.remove(s.cursor);
                    changed = true;
                }
            }
            Action::Delete if s.cursor < s.query.len() => {
                s.query.remove(s.cursor);
                changed = true;
            }
            Action::CursorLeft => {
                if let Some(c) = s.query[..s.cursor].chars().next_back() {
                    s.cursor -= c.len_utf8();
                }
            }
            Action::CursorRight => {
                if let Some(c) = s.query[s.cursor..].chars().next() {
                    s.cursor += c.len_utf8();
                }
            }
            Action::Home => s.cursor = 0,
            Action::End => s.cursor = s.query.len(),
            Action::ClearLine => {
                s.query.clear();
                s.cursor = 0;
                changed = true;
            }
            Action::DeleteWord => {
                let before = &s.query[..s.cursor];
                let trimmed = before.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                s.query.replace_range(start..s.cursor, "");
                s.cursor = start;
                changed = true;
            }
            Action::Up => s.selected = s.selected.saturating_sub(1),
            Action::Down if s.selected + 1 < s.results.len() => s.selected += 1,
            Action::PageUp => s.selected = s.selected.saturating_sub(5),
            Action::PageDown => {
                s.selected = (s.selected + 5).min(s.results.len().saturating_sub(1))
            }
            Action::Click(_, y) => {
                // Rows below the bar and the count line, `per` rows a result.
                let t = layout::inner(layout::areas(self.width, self.height, self.focus).main);
                let per = view::search::rows_per_result(t.height);
                let first = t.y.saturating_add(2);
                if y >= first && y < t.bottom() {
                    let k = s.offset + usize::from(y - first) / per;
                    if k < s.results.len() {
                        s.selected = k;
                    }
                }
            }
            Action::Wheel(_, _, d) => {
                s.selected = if d < 0 {
                    s.selected.saturating_sub(1)
                } else {
                    (s.selected + 1).min(s.results.len().saturating_sub(1))
                }
            }
            Action::Enter if !s.results.is_empty() => {
                let marks = Marks {
                    results: s.results.clone(),
                    result: s.selected,
                    current: 0,
                };
                self.mode = Mode::Normal;
                self.marks = Some(marks);
                self.marks_gen += 1;
                self.focus = Focus::Reader;
                self.show_mark();
            }
            Action::Back => {
                self.mode = Mode::Normal;
                if let Some(o) = self.origin.take() {
                    self.selected = o.selected;
                    self.focus = o.focus;
                    self.scroll = o.scroll;
                }
            }
            _ => {}
        }
        if changed {
            self.run_search();
        }
    }

    fn on_agencies(&mut self, a: Action) {
        let n = self.agencies.len();
        let inner = layout::inner(self.areas().main);
        let sel = &mut self.agency_selected;
        match a {
            Action::Up => *sel = sel.saturating_sub(1),
            Action::Down => *sel = (*sel + 1).min(n.saturating_sub(1)),
            Action::First => *sel = 0,
            Action::Last => *sel = n.saturating_sub(1),
            Action::PageUp => *sel = sel.saturating_sub(10),
            Action::PageDown => *sel = (*sel + 10).min(n.saturating_sub(1)),
            Action::Wheel(_, _, d) => {
                *sel = if d < 0 {
                    sel.saturating_sub(1)
                } else {
                    (*sel + 1).min(n.saturating_sub(1))
                }
            }
            Action::Click(_, y)
                if y >= inner.y
                    && y < inner.bottom()
                    && self.agency_offset + usize::from(y - inner.y) < n =>
            {
                *sel = self.agency_offset + usize::from(y - inner.y);
            }
            Action::Enter => {
                if let Some((name, ords)) = self.agencies.get(*sel).cloned() {
                    self.apply_filter(name, &ords);
                }
                self.mode = Mode::Normal;
            }
            Action::Back | Action::Quit => self.mode = Mode::Normal,
            _ => {}
        }
    }

    fn apply_filter(&mut self, agency: String, ordinals: &[usize]) {
        let mut keep = vec![false; self.nodes.len()];
        keep[0] = true;
        for id in ordinals.iter().filter_map(|&o| self.nodes.measure(o)) {
            let mut cur = Some(id);
            // Stop at the first kept ancestor: its own ancestors are kept too.
            while let Some(c) = cur
                && !keep[c]
            {
                keep[c] = true;
                cur = self.nodes[c].parent;
            }
        }
        let first = ordinals.first().and_then(|&o| self.measure_node(o));
        self.message = Some(format!("{}: {agency}", self.words().filter));
        self.filter = Some(Filter { agency, keep });
        self.focus = Focus::Tree;
        self.refresh_visible();
        if let Some(id) = first {
            self.selected = id;
            self.scroll = 0;
        }
    }

    fn copy(&mut self) {
        let Some(it) = self.item(self.selected) else {
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
        self.effects.push(Effect::Copy(s));
        self.message = Some(self.words().copied.into());
    }

    fn step_match(&mut self, forward: bool) {
        let Some(m) = &mut self.marks else {
            self.message = Some(i18n::words(self.lang).no_matches.into());
            return;
        };
        let total: usize = m.results.iter().map(Found::count).sum();
        if total == 0 {
            self.message = Some(i18n::words(self.lang).no_matches.into());
            return;
        }
        let at_result = self.nodes.by_path(&m.results[m.result].path);
        // Moved away since: come back to the current match first.
        if at_result == Some(self.selected) {
            let mut wrapped = false;
            loop {
                let count = m.results[m.result].count();
                if forward {
                    if m.current + 1 < count {
                        m.current += 1;
                        break;
                    }
                    m.result += 1;
                    if m.result == m.results.len() {
                        m.result = 0;
                        wrapped = true;
                    }
                    m.current = 0;
                    if m.results[m.result].count() > 0 {
                        break;
                    }
                } else {
                    if m.current > 0 && m.current <= count {
                        m.current -= 1;
                        break;
                    }
                    if m.result == 0 {
                        m.result = m.results.len();
                        wrapped = true;
                    }
                    m.result -= 1;
                    m.current = m.results[m.result].count();
                    if m.current > 0 {
                        m.current -= 1;
                        break;
                    }
                }
            }
            if wrapped {
                self.message = Some(i18n::words(self.lang).wrapped.into());
            }
        }
        self.show_mark();
    }

    /// Opens the node of the current mark and scrolls its match into view.
    fn show_mark(&mut self) {
        let Some(m) = &self.marks else { return };
        let Some(id) = self.node_by_path(&m.results[m.result].path) else {
            return;
        };
        let current = m.current;
        self.goto(id);
        let Some(r) = self.areas().reader else { return };
        let inner = layout::text_area(r);
        let doc = self.reader(inner.width as usize);
        if let Some(&line) = doc.marks.get(current) {
            let h = inner.height as usize;
            if line < self.scroll || line >= self.scroll + h.max(1) {
                self.scroll = line.saturating_sub(h / 3);
            }
        }
    }

    /// Selects node `id`, making it visible (clearing a filter that hides it).
    pub fn goto(&mut self, id: usize) {
        if self.filter.as_ref().is_some_and(|f| !f.keep[id]) {
            self.filter = None;
        }
        let mut cur = self.nodes[id].parent;
        while let Some(p) = cur {
            self.expanded[p] = true;
            cur = self.nodes[p].parent;
        }
        self.refresh_visible();
        if self.selected != id {
            self.scroll = 0;
        }
        self.selected = id;
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
                let row = self.tree_offset + usize::from(y - inner.y);
                if row < self.visible.len() {
                    self.select_row(row);
                }
            }
        } else if hit(a.reader) {
            self.focus = Focus::Reader;
        }
    }

    fn wheel(&mut self, x: u16, y: u16, d: i8) {
        let a = self.areas();
        let over_tree = a
            .tree
            .is_some_and(|r| r.contains(ratatui::layout::Position { x, y }));
        if over_tree {
            self.move_by(isize::from(d.signum()));
        } else {
            self.scroll_by(3 * isize::from(d.signum()));
        }
    }

    fn collapse_or_parent(&mut self) {
        let id = self.selected;
        if !self.nodes[id].children.is_empty() && self.expanded[id] && self.filter.is_none() {
            self.expanded[id] = false;
            self.refresh_visible();
        } else if let Some(p) = self.nodes[id].parent {
            self.select(p);
        }
    }

    fn expand_or_open(&mut self, descend: bool) {
        let id = self.selected;
        let has_children = !self.nodes[id].children.is_empty();
        if has_children && !self.expanded[id] && self.filter.is_none() {
            self.expanded[id] = true;
            self.refresh_visible();
        } else if has_children && descend {
            if let Some(&c) = self.nodes[id]
                .children
                .iter()
                .find(|&&c| self.visible.contains(&c))
            {
                self.select(c);
            }
        } else {
            self.focus = Focus::Reader;
        }
    }

    fn select(&mut self, id: usize) {
        if self.selected != id {
            self.selected = id;
            self.scroll = 0;
        }
    }

    fn select_row(&mut self, row: usize) {
        if let Some(&id) = self
            .visible
            .get(row.min(self.visible.len().saturating_sub(1)))
        {
            self.select(id);
        }
    }

    fn move_by(&mut self, d: isize) {
        let row = self
            .visible
            .iter()
            .position(|&v| v == self.selected)
            .unwrap_or(0);
        self.select_row(row.saturating_add_signed(d));
    }

    fn scroll_by(&mut self, d: isize) {
        self.scroll = self.scroll.saturating_add_signed(d);
    }

    /// Lines a page scroll moves: the reader's height less one line of context.
    fn page(&self) -> usize {
        let h = self
            .areas()
            .reader
            .map_or(1, |r| layout::text_area(r).height as usize);
        h.saturating_sub(1).max(1)
    }

    pub fn narrow(&self) -> bool {
        self.width < layout::WIDE
    }

    fn refresh_visible(&mut self) {
        self.visible.clear();
        let mut stack = vec![0usize];
        while let Some(id) = stack.pop() {
            if let Some(f) = &self.filter
                && !f.keep[id]
            {
                continue;
            }
            self.visible.push(id);
            if self.expanded[id] || self.filter.is_some() {
                stack.extend(self.nodes[id].children.iter().rev());
            }
        }
    }

    /// Keeps the selection visible and every offset within range, for the
    /// current size. Runs after every update.
    fn fix_view(&mut self) {
        if !self.visible.contains(&self.selected) {
            // The nearest shown ancestor (collapsing or filtering hid it).
            let mut cur = Some(self.selected);
            while let Some(c) = cur {
                if self.visible.contains(&c) {
                    break;
                }
                cur = self.nodes[c].parent;
            }
            self.selected = cur.unwrap_or(0);
            self.scroll = 0;
        }
        let a = self.areas();
        let main_h = layout::inner(a.main).height as usize;
        // Tree: keep the selected row on screen.
        let tree_h = a
            .tree
            .map_or(main_h, |t| layout::inner(t).height as usize)
            .max(1);
        let row = self
            .visible
            .iter()
            .position(|&v| v == self.selected)
            .unwrap_or(0);
        if row < self.tree_offset {
            self.tree_offset = row;
        } else if row >= self.tree_offset + tree_h {
            self.tree_offset = row + 1 - tree_h;
        }
        self.tree_offset = self
            .tree_offset
            .min(self.visible.len().saturating_sub(tree_h));
        // Reader: no scrolling past the last line.
        match a.reader {
            Some(r) => {
                let t = layout::text_area(r);
                let lines = self.reader(t.width as usize).lines.len();
                self.scroll = self.scroll.min(lines.saturating_sub(t.height as usize));
            }
            None => self.scroll = 0,
        }
        // Search results, below the bar and the count line.
        let per = view::search::rows_per_result(main_h as u16);
        let rows = (main_h.saturating_sub(2) / per).max(1);
        let s = &mut self.search;
        s.selected = s.selected.min(s.results.len().saturating_sub(1));
        if s.selected < s.offset {
            s.offset = s.selected;
        } else if s.selected >= s.offset + rows {
            s.offset = s.selected + 1 - rows;
        }
        // Agency index.
        let rows = main_h.max(1);
        self.agency_selected = self
            .agency_selected
            .min(self.agencies.len().saturating_sub(1));
        if self.agency_selected < self.agency_offset {
            self.agency_offset = self.agency_selected;
        } else if self.agency_selected >= self.agency_offset + rows {
            self.agency_offset = self.agency_selected + 1 - rows;
        }
    }

    /// The marks to draw in the reader for node `id`: (title ranges, text
    /// ranges, index of the current match), char ranges.
    pub fn marks_for(&self, id: usize) -> Option<(&Found, usize)> {
        let m = self.marks.as_ref()?;
        let f = &m.results[m.result];
        if self.nodes[id].path == f.path {
            return Some((f, m.current));
        }
        // Other results on the same node (a section hit and its title, say)
        // are not drawn: one result at a time, as in less.
        None
    }
}

pub use crate::doc::outline::item_at;

pub use crate::doc::numerals::parse_number;

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn measure_numbers_in_any_script() {
        assert_eq!(parse_number("12"), Some(12));
        assert_eq!(parse_number("１２"), Some(12));
        assert_eq!(parse_number("十二"), Some(12));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("二十"), Some(20));
        assert_eq!(parse_number("三十四"), Some(34));
        assert_eq!(parse_number("七"), Some(7));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("十二三"), None);
    }
}

//! A key-and-resize storm over a document full of emoji sequences, flags,
//! skin tones, combining marks and Indic clusters. Every frame is replayed,
//! update by update as the crossterm backend writes it, on a model terminal
//! that places characters one by one (as xterm, tmux and VTE do); the model
//! screen must match ratatui's idea of it after every frame: no ghost cells,
//! no shifted borders, no control character in any cell. And nothing panics.

mod par_support;

use std::sync::LazyLock;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use zhengce::doc::Document;
use zhengce::text::{char_width, is_terminal_control};
use zhengce::tui::Lang;
use zhengce::tui::app::{Action, App};
use zhengce::tui::{keymap, view};

/// Text that terminals and grapheme-based layout measure differently.
const HOSTILE: &[&str] = &[
    "🇨🇳🇺🇸国旗",
    "👍🏽👋🏿赞",
    "क्षत्रिय हिन्दी भाषा",
    "e\u{301}\u{302}混合",
    "👨\u{200d}👩\u{200d}👧家庭",
    "1\u{20e3}键",
    "ก่ไทย",
    "ｶﾞｷﾞ半角",
    "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}旗",
    "\u{1100}\u{1161}\u{11a8}한",
];

/// Built once per test binary (each run gets a copy).
fn hostile_doc() -> Document {
    static DOC: LazyLock<Document> = LazyLock::new(build_hostile_doc);
    DOC.clone()
}

fn build_hostile_doc() -> Document {
    let mut d = Document::embedded();
    let mut k = 0;
    fn walk(items: &mut [zhengce::doc::Item], k: &mut usize) {
        for it in items {
            it.title = format!("{}{}", HOSTILE[*k % HOSTILE.len()], it.title);
            it.text = format!(
                "{} {}",
                HOSTILE[(*k + 3) % HOSTILE.len()].repeat(3),
                it.text
            );
            *k += 1;
            walk(&mut it.children, k);
        }
    }
    walk(&mut d.items, &mut k);
    d.title = format!("{}{}", HOSTILE[1], d.title);
    // Through the loader, as a file would come in: sanitised.
    Document::from_json(&d.to_json(true)).expect("valid")
}

/// One character cell of the model terminal.
#[derive(Clone, PartialEq, Debug)]
enum Cell {
    /// A character and the zero-width ones drawn with it; `wide` takes two cells.
    Glyph { text: String, wide: bool },
    /// The right half of a wide glyph.
    Right,
}

const BLANK: fn() -> Cell = || Cell::Glyph {
    text: " ".into(),
    wide: false,
};

/// A terminal that places characters one at a time by their own width.
struct Model {
    w: usize,
    cells: Vec<Cell>,
    cursor: (usize, usize),
}

impl Model {
    fn new(w: u16, h: u16) -> Model {
        let (w, h) = (w as usize, h as usize);
        Model {
            w,
            cells: vec![BLANK(); w * h],
            cursor: (0, 0),
        }
    }

    fn clear(&mut self, at: usize) {
        match self.cells[at] {
            Cell::Right if !at.is_multiple_of(self.w) => self.cells[at - 1] = BLANK(),
            Cell::Glyph { wide: true, .. } if at % self.w + 1 < self.w => {
                self.cells[at + 1] = BLANK()
            }
            _ => {}
        }
        self.cells[at] = BLANK();
    }

    fn print(&mut self, s: &str) {
        for c in s.chars() {
            let (x, y) = self.cursor;
            let w = char_width(c);
            if w == 0 {
                // Joins the glyph before the cursor.
                if x > 0 {
                    let mut at = y * self.w + x - 1;
                    if self.cells[at] == Cell::Right && x > 1 {
                        at -= 1;
                    }
                    if let Cell::Glyph { text, .. } = &mut self.cells[at] {
                        text.push(c);
                    }
                }
                continue;
            }
            if x + w > self.w {
                continue; // no autowrap modelled: drawn past the edge = lost
            }
            let at = y * self.w + x;
            self.clear(at);
            if w == 2 {
                self.clear(at + 1);
                self.cells[at + 1] = Cell::Right;
            }
            self.cells[at] = Cell::Glyph {
                text: c.to_string(),
                wide: w == 2,
            };
            self.cursor.0 += w;
        }
    }

    /// Applies ratatui's updates as the crossterm backend writes them:
    /// a cursor move unless the cell is right after the previous one.
    fn apply(&mut self, updates: &[(u16, u16, &ratatui::buffer::Cell)]) {
        let mut last: Option<(u16, u16)> = None;
        for &(x, y, cell) in updates {
            if last != Some((x.wrapping_sub(1), y)) {
                self.cursor = (x as usize, y as usize);
            }
            last = Some((x, y));
            self.print(cell.symbol());
        }
    }

    fn row(&self, y: usize) -> String {
        self.cells[y * self.w..(y + 1) * self.w]
            .iter()
            .map(|c| match c {
                Cell::Glyph { text, .. } => text.as_str(),
                Cell::Right => "",
            })
            .collect()
    }
}

/// The screen ratatui believes it drew: every cell's symbol, cells hidden
/// under a wide symbol skipped.
fn intended(buf: &Buffer, y: u16) -> String {
    let mut s = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = zhengce::text::width(sym).saturating_sub(1);
        s.push_str(sym);
    }
    s
}

#[derive(Debug, Clone)]
enum Op {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
}

fn op() -> impl Strategy<Value = Op> {
    let keys = prop::sample::select(vec![
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('l'),
        KeyCode::Char('h'),
        KeyCode::Char('G'),
        KeyCode::Char('g'),
        KeyCode::Char(' '),
        KeyCode::Char('/'),
        KeyCode::Char('a'),
        KeyCode::Char('e'),
        KeyCode::Char('?'),
        KeyCode::Char('n'),
        KeyCode::Char(':'),
        KeyCode::Char('1'),
        KeyCode::Char('क'),
        KeyCode::Char('🇨'),
        KeyCode::Char('\u{301}'),
        KeyCode::Char('政'),
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::End,
        KeyCode::Home,
    ]);
    prop_oneof![
        8 => keys.prop_map(|k| Op::Key(k, KeyModifiers::NONE)),
        1 => (1u16..=200, 1u16..=60).prop_map(|(w, h)| Op::Resize(w, h)),
    ]
}

fn storm(ops: &[Op], start: (u16, u16)) -> Result<(), TestCaseError> {
    let doc = hostile_doc();
    let (mut w, mut h) = start;
    let mut app = App::new(doc, Lang::En, false, w, h);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut model = Model::new(w, h);
    let mut prev = Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    for op in ops {
        match op {
            Op::Key(code, m) => {
                let ev = Event::Key(KeyEvent::new(*code, *m));
                if let Some(a) = keymap::event(app.mode(), &ev) {
                    app.update(a);
                }
                let _ = app.take_effects();
            }
            Op::Resize(nw, nh) => {
                (w, h) = (*nw, *nh);
                term.backend_mut().resize(w, h);
                app.update(Action::Resize(w, h));
                model = Model::new(w, h); // the browser clears on resize
            }
        }
        // What ratatui diffs against: the previous frame, or a blank
        // screen after a resize.
        if prev.area != ratatui::layout::Rect::new(0, 0, w, h) {
            prev = Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        }
        let after = term.draw(|f| view::draw(&app, f)).unwrap().buffer.clone();
        let after = &after;
        let updates = prev.diff(after);
        for (_, _, cell) in &updates {
            prop_assert!(
                !cell.symbol().chars().any(is_terminal_control),
                "control in {:?}",
                cell.symbol()
            );
        }
        model.apply(&updates);
        drop(updates);
        for y in 0..h {
            prop_assert_eq!(
                model.row(y as usize),
                intended(after, y),
                "row {} at {}x{} after {:?}",
                y,
                w,
                h,
                op
            );
        }
        prev = after.clone();
    }
    if std::env::var_os("ZHENGCE_FUZZ_CASES").is_some() {
        // Campaign figures: summed from the test's output.
        let resizes = ops.iter().filter(|o| matches!(o, Op::Resize(..))).count();
        eprintln!("storm-run ops={} resizes={resizes}", ops.len());
    }
    Ok(())
}

/// 32 runs by default, shared out between the cores.
#[test]
fn key_and_resize_storm_leaves_no_ghosts() {
    par_support::property(
        file!(),
        par_support::cases(32),
        || (prop::collection::vec(op(), 1..60), 20u16..=160, 5u16..=50),
        |(ops, w, h)| storm(&ops, (w, h)),
    );
}

#[test]
fn the_model_terminal_sees_the_ghost_an_unsplit_cluster_leaves() {
    // Without splitting, "दी" is one 2-cell cluster of two 1-cell characters:
    // overwriting its first cell leaves the vowel sign standing.
    let mut m = Model::new(4, 1);
    let mut a = Buffer::empty(ratatui::layout::Rect::new(0, 0, 4, 1));
    a.set_string(0, 0, "दी", ratatui::style::Style::default());
    let blank = Buffer::empty(a.area);
    m.apply(&blank.diff(&a));
    let mut b = blank.clone();
    b.set_string(0, 0, "x", ratatui::style::Style::default());
    m.apply(&a.diff(&b));
    assert_ne!(m.row(0), intended(&b, 0), "the model must catch this ghost");
}

//! Helpers shared by the TUI tests: an App on a TestBackend.
#![allow(dead_code)]

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use zhengce::doc::Document;
use zhengce::tui::Lang;
use zhengce::tui::app::{Action, App};
use zhengce::tui::keymap;

pub fn app(doc: Document, lang: Lang, w: u16, h: u16) -> App {
    App::new(doc, lang, false, w, h)
}

/// The embedded document, parsed once per test binary: the tests build
/// thousands of apps, and a debug build takes over a millisecond to parse it.
pub fn embedded_doc() -> Document {
    static DOC: LazyLock<Document> = LazyLock::new(Document::embedded);
    DOC.clone()
}

pub fn embedded(lang: Lang, w: u16, h: u16) -> App {
    app(embedded_doc(), lang, w, h)
}

/// Feeds one key press through the keymap, as the event loop does.
pub fn press(app: &mut App, code: KeyCode) {
    press_mod(app, code, KeyModifiers::NONE);
}

pub fn press_mod(app: &mut App, code: KeyCode, m: KeyModifiers) {
    let a = keymap::key(app.mode(), &KeyEvent::new(code, m));
    app.update(a);
}

pub fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn resize(app: &mut App, w: u16, h: u16) {
    app.update(Action::Resize(w, h));
}

/// Renders the app at its size into a fresh TestBackend.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    t.draw(|f| zhengce::tui::view::draw(app, f)).unwrap();
    t
}

/// Draws the app into `t`, a terminal kept between frames as the browser
/// keeps its own: it follows the app's size, and only the cells that changed
/// are written to it (a fresh terminal per frame spends as long as the view
/// itself). Returns the frame as drawn, every cell of it.
pub fn draw<'a>(t: &'a mut Terminal<TestBackend>, app: &App) -> &'a Buffer {
    let (w, h) = app.size();
    if t.backend().buffer().area != Rect::new(0, 0, w, h) {
        t.backend_mut().resize(w, h);
    }
    t.draw(|f| zhengce::tui::view::draw(app, f)).unwrap().buffer
}

/// The screen as text rows, cells hidden under wide glyphs skipped.
pub fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    let w = buf.area.width as usize;
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut s = String::new();
        let mut skip = 0;
        for x in 0..w as u16 {
            let c = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            s.push_str(c.symbol());
            skip = zhengce::text::width(c.symbol()).saturating_sub(1);
        }
        out.push(s);
    }
    out
}

pub fn screen(t: &Terminal<TestBackend>) -> String {
    rows(t).join("\n")
}

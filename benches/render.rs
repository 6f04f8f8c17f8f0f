//! Startup and redraw cost: load the embedded document, build the state
//! (search index included), draw the first frame into a TestBackend; and one
//! keystroke's update plus redraw.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zhengce::doc::Document;
use zhengce::tui::Lang;
use zhengce::tui::app::App;
use zhengce::tui::{keymap, view};

fn first_frame(c: &mut Criterion) {
    c.bench_function("first frame (load + index + draw, 120x40)", |b| {
        b.iter(|| {
            let doc = Document::embedded();
            let app = App::new(doc, Lang::Zh, false, 120, 40);
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| view::draw(&app, f)).unwrap();
            black_box(t.backend().buffer().area);
        })
    });
}

fn keystroke(c: &mut Criterion) {
    let mut app = App::new(Document::embedded(), Lang::Zh, false, 120, 40);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view::draw(&app, f)).unwrap();
    let mut down = true;
    c.bench_function("keystroke redraw (j/k in the tree, 120x40)", |b| {
        b.iter(|| {
            let code = if down {
                KeyCode::Char('j')
            } else {
                KeyCode::Char('k')
            };
            down = !down;
            let a = keymap::key(app.mode, &KeyEvent::new(code, KeyModifiers::NONE));
            app.update(a);
            t.draw(|f| view::draw(&app, f)).unwrap();
        })
    });
    let mut app = App::new(Document::embedded(), Lang::Zh, false, 120, 40);
    app.update(zhengce::tui::app::Action::StartSearch);
    c.bench_function("keystroke redraw (typing in the search bar, 120x40)", |b| {
        b.iter(|| {
            for ch in ['融', '资'] {
                let a = keymap::key(
                    app.mode,
                    &KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE),
                );
                app.update(a);
                t.draw(|f| view::draw(&app, f)).unwrap();
            }
            for _ in 0..2 {
                let a = keymap::key(
                    app.mode,
                    &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                );
                app.update(a);
                t.draw(|f| view::draw(&app, f)).unwrap();
            }
        })
    });
}

criterion_group!(benches, first_frame, keystroke);
criterion_main!(benches);

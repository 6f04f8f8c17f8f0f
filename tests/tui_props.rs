//! Property: random sequences of keys, clicks and resizes never panic, and
//! every frame keeps the selection and offsets in range.

mod par_support;
mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_support::*;
use zhengce::tui::Lang;
use zhengce::tui::app::Action;
use zhengce::tui::keymap;

#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(u16, u16, i8),
}

fn step() -> impl Strategy<Value = Step> {
    let chars = prop::sample::select(vec![
        'j', 'k', 'h', 'l', 'g', 'G', ' ', 'b', ':', '/', 'a', 'y', '?', 'm', 'e', 'n', 'N', '1',
        '2', '十', '融', '资', 'x', 'q', 'w', 'u',
    ]);
    let codes = prop::sample::select(vec![
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ]);
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::CONTROL,
        KeyModifiers::SHIFT,
    ]);
    prop_oneof![
        4 => (chars, mods.clone()).prop_map(|(c, m)| Step::Key(KeyCode::Char(c), m)),
        3 => (codes, mods).prop_map(|(c, m)| Step::Key(c, m)),
        1 => (0u16..200, 0u16..60).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (0u16..200, 0u16..60).prop_map(|(x, y)| Step::Click(x, y)),
        1 => (0u16..200, 0u16..60, prop::sample::select(vec![-1i8, 1])).prop_map(|(x, y, d)| Step::Wheel(x, y, d)),
    ]
}

/// 200 cases by default, shared out between the cores.
#[test]
fn random_keys_and_resizes_never_panic() {
    par_support::property(
        file!(),
        par_support::cases(200),
        || (prop::collection::vec(step(), 1..60), 1u16..160, 1u16..50),
        |(steps, w, h)| {
            let mut a = embedded(Lang::Zh, w, h);
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            for s in steps {
                let action = match s {
                    Step::Key(KeyCode::Char('c'), KeyModifiers::CONTROL) => continue,
                    Step::Key(c, m) => keymap::key(a.mode(), &KeyEvent::new(c, m)),
                    Step::Resize(w, h) => Action::Resize(w, h),
                    Step::Click(x, y) => Action::Click(x, y),
                    Step::Wheel(x, y, d) => Action::Wheel(x, y, d),
                };
                // Keep going past quits: the state must stay usable.
                a.update(action);
                draw(&mut term, &a);
                let t = a.tree();
                prop_assert!(t.visible().contains(&t.selected()));
                prop_assert!(t.offset() <= t.visible().len());
                let e = a.search().editor();
                prop_assert!(e.text().is_char_boundary(e.cursor()));
                let p = a.prompt();
                prop_assert!(p.text().is_char_boundary(p.cursor()));
            }
            Ok(())
        },
    );
}

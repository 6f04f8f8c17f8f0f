//! Key handling: key events fed to the state, assertions on the state and
//! on the frame. No terminal needed.

mod tui_support;

use crossterm::event::{KeyCode, KeyModifiers};
use tui_support::*;
use zhengce::tui::Lang;

#[test]
fn peek() {
    let mut a = embedded(Lang::Zh, 100, 30);
    println!("{}", screen(&render(&a)));
    typ(&mut a, ":12");
    press(&mut a, KeyCode::Enter);
    println!("{}", screen(&render(&a)));
    press(&mut a, KeyCode::Char('e'));
    println!("{}", screen(&render(&a)));
    resize(&mut a, 40, 12);
    println!("{}", screen(&render(&a)));
    let _ = KeyModifiers::NONE;
}

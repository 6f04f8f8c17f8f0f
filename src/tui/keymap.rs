//! Key and mouse events → [`Action`]s, per mode, read from the key table
//! in [`super::keys`]. No state changes, no drawing.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{Action, Mode};
use super::keys::{self, Mods};

/// The action for a terminal event, if any. Key releases and repeats are
/// ignored (only presses count), as are mouse moves.
pub fn event(mode: Mode, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => Some(key(mode, k)),
        Event::Key(_) => None,
        Event::Mouse(m) => mouse(m),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// The action for a key press in `mode`, from the key table
/// ([`super::keys::TABLE`]); in the search bar and the `:` prompt other
/// characters are typed in, in the help other keys close it.
pub fn key(mode: Mode, k: &KeyEvent) -> Action {
    let edit = matches!(mode, Mode::Search | Mode::Jump | Mode::Agencies);
    let mods = if k.modifiers.contains(KeyModifiers::CONTROL) {
        Mods::Ctrl
    } else if edit && k.modifiers.contains(KeyModifiers::ALT) {
        Mods::Alt
    } else {
        // Shift is part of the character (`G`, `N`, `?`).
        Mods::None
    };
    if let Some(a) = keys::lookup(mode, k.code, mods) {
        return a;
    }
    match (mode, k.code) {
        (Mode::Search | Mode::Jump | Mode::Agencies, KeyCode::Char(c)) if mods == Mods::None => {
            Action::Input(c)
        }
        (Mode::Help, _) => Action::Back,
        _ => Action::Nothing,
    }
}

fn mouse(m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, -1)),
        MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn letters_are_text_in_the_search_bar_and_commands_elsewhere() {
        assert_eq!(key(Mode::Normal, &k(KeyCode::Char('q'))), Action::Quit);
        assert_eq!(
            key(Mode::Search, &k(KeyCode::Char('q'))),
            Action::Input('q')
        );
        assert_eq!(
            key(Mode::Search, &k(KeyCode::Char('融'))),
            Action::Input('融')
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for m in [
            Mode::Normal,
            Mode::Search,
            Mode::Jump,
            Mode::Help,
            Mode::Agencies,
        ] {
            assert_eq!(key(m, &ctrl_c), Action::ForceQuit);
        }
    }

    #[test]
    fn only_presses_count() {
        let mut release = k(KeyCode::Char('j'));
        release.kind = KeyEventKind::Release;
        assert_eq!(event(Mode::Normal, &Event::Key(release)), None);
        assert_eq!(
            event(Mode::Normal, &Event::Key(k(KeyCode::Char('j')))),
            Some(Action::Down)
        );
    }
}

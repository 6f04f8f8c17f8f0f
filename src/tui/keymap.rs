//! Key and mouse events → [`Action`]s, per mode. A pure table: no state
//! changes, no drawing.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{Action, Mode};

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

pub fn key(mode: Mode, k: &KeyEvent) -> Action {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(k.code, KeyCode::Char('c' | 'C')) {
        return Action::ForceQuit;
    }
    match mode {
        Mode::Search | Mode::Jump => edit_key(k, ctrl),
        // The help scrolls when it does not fit; any other key closes it.
        Mode::Help => match k.code {
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::PageUp => Action::PageUp,
            KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
            _ => Action::Back,
        },
        Mode::Agencies | Mode::Normal => {
            if ctrl {
                return match k.code {
                    KeyCode::Char('d' | 'f') => Action::PageDown,
                    KeyCode::Char('u' | 'b') => Action::PageUp,
                    KeyCode::Char('n') => Action::Down,
                    KeyCode::Char('p') => Action::Up,
                    _ => Action::Nothing,
                };
            }
            match k.code {
                KeyCode::Up | KeyCode::Char('k') => Action::Up,
                KeyCode::Down | KeyCode::Char('j') => Action::Down,
                KeyCode::Left | KeyCode::Char('h') => Action::Left,
                KeyCode::Right | KeyCode::Char('l') => Action::Right,
                KeyCode::Enter => Action::Enter,
                KeyCode::Home | KeyCode::Char('g') => Action::First,
                KeyCode::End | KeyCode::Char('G') => Action::Last,
                KeyCode::PageUp | KeyCode::Char('b') => Action::PageUp,
                KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
                KeyCode::Tab | KeyCode::BackTab => Action::Tab,
                KeyCode::Esc => Action::Back,
                KeyCode::Char('q') => Action::Quit,
                KeyCode::Char(':') => Action::StartJump,
                KeyCode::Char('/') => Action::StartSearch,
                KeyCode::Char('a') => Action::OpenAgencies,
                KeyCode::Char('y') => Action::Copy,
                KeyCode::Char('?') => Action::Help,
                KeyCode::Char('m') => Action::ToggleMouse,
                KeyCode::Char('e') => Action::ToggleNames,
                KeyCode::Char('n') => Action::NextMatch,
                KeyCode::Char('N') => Action::PrevMatch,
                _ => Action::Nothing,
            }
        }
    }
}

/// Keys of the search bar and the `:` prompt: characters are text.
fn edit_key(k: &KeyEvent, ctrl: bool) -> Action {
    if ctrl {
        return match k.code {
            KeyCode::Char('u') => Action::ClearLine,
            KeyCode::Char('w') | KeyCode::Backspace => Action::DeleteWord,
            KeyCode::Char('a') => Action::Home,
            KeyCode::Char('e') => Action::End,
            KeyCode::Char('b') => Action::CursorLeft,
            KeyCode::Char('f') => Action::CursorRight,
            KeyCode::Char('h') => Action::Backspace,
            KeyCode::Char('p') => Action::Up,
            KeyCode::Char('n') => Action::Down,
            _ => Action::Nothing,
        };
    }
    if k.modifiers.contains(KeyModifiers::ALT) {
        return match k.code {
            KeyCode::Backspace => Action::DeleteWord,
            _ => Action::Nothing,
        };
    }
    match k.code {
        KeyCode::Char(c) => Action::Input(c),
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::Delete,
        KeyCode::Left => Action::CursorLeft,
        KeyCode::Right => Action::CursorRight,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Back,
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

//! Terminal input bytes → crossterm [`Event`]s, without crossterm's reader.
//!
//! crossterm 0.29's reader stalls on pastes over about 1 KB (edge-triggered
//! epoll, upstream #813/#1057), freezes all input after `ESC [ ?` until a `c`
//! or `u` arrives (#1104), and keeps an unterminated bracketed paste forever
//! (#1060). This parser never waits on a byte that cannot belong to the
//! sequence being read (so Ctrl-C always gets through), bounds every sequence
//! and every paste, and leaves the "is a lone Esc a key?" decision to the
//! caller's timeout ([`Parser::timeout`]).

use std::collections::VecDeque;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Longest escape sequence kept while waiting for its final byte.
const MAX_SEQUENCE: usize = 64;
/// Largest paste kept, in bytes; the rest of a longer paste is dropped.
pub const MAX_PASTE: usize = 1 << 20;
const PASTE_END: &[u8] = b"\x1b[201~";

/// Incremental parser: [`feed`](Parser::feed) bytes, take [`next_event`](Parser::next_event) events.
#[derive(Debug, Default)]
pub struct Parser {
    buf: Vec<u8>,
    /// Inside a bracketed paste: what it holds so far.
    paste: Option<Vec<u8>>,
    events: VecDeque<Event>,
}

enum Step {
    /// `n` bytes consumed, maybe giving an event.
    Done(usize, Option<Event>),
    /// `n` bytes consumed: a bracketed paste starts.
    PasteStart(usize),
    /// The bytes so far may be the start of a longer sequence.
    Incomplete,
}

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Adds bytes read from the terminal.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.parse();
    }

    /// The next complete event.
    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// True while bytes are held that may start a longer sequence (a lone
    /// Esc, half a UTF-8 character, an open paste): the caller waits a
    /// moment for more, then calls [`timeout`](Parser::timeout).
    pub fn is_waiting(&self) -> bool {
        !self.buf.is_empty() || self.paste.is_some()
    }

    /// Inside a bracketed paste (the caller waits longer before a timeout:
    /// a paste over a slow link arrives in bursts).
    pub fn is_pasting(&self) -> bool {
        self.paste.is_some()
    }

    /// Nothing more came: held bytes are taken as they stand. A lone Esc is
    /// the Esc key, `Esc x` is Alt-x, a cut-off sequence is its keys (`ESC [ ?`
    /// = Alt-[ then ?), an unterminated paste ends here.
    pub fn timeout(&mut self) {
        if let Some(p) = self.paste.take() {
            let mut p = p;
            append_capped(&mut p, &self.buf);
            self.buf.clear();
            self.events.push_back(paste_event(&p));
        }
        while !self.buf.is_empty() {
            if self.buf[0] == 0x1b {
                let ev = match self.buf.get(1) {
                    None => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                    Some(&b) if b.is_ascii_graphic() => {
                        KeyEvent::new(KeyCode::Char(b as char), KeyModifiers::ALT)
                    }
                    Some(_) => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                };
                let n = if ev.code == KeyCode::Esc { 1 } else { 2 };
                self.events.push_back(Event::Key(ev));
                self.buf.drain(..n);
            } else {
                // Half a UTF-8 character that never completed.
                self.buf.remove(0);
            }
            self.parse();
        }
    }

    fn parse(&mut self) {
        loop {
            if let Some(p) = &mut self.paste {
                match find(&self.buf, PASTE_END) {
                    Some(i) => {
                        append_capped(p, &self.buf[..i]);
                        let ev = paste_event(p);
                        self.paste = None;
                        self.buf.drain(..i + PASTE_END.len());
                        self.events.push_back(ev);
                        continue;
                    }
                    None => {
                        // Keep a tail that may be the start of the end marker.
                        let keep = self.buf.len().saturating_sub(PASTE_END.len() - 1);
                        append_capped(p, &self.buf[..keep]);
                        self.buf.drain(..keep);
                        return;
                    }
                }
            }
            if self.buf.is_empty() {
                return;
            }
            match step(&self.buf) {
                Step::Done(n, ev) => {
                    self.buf.drain(..n);
                    self.events.extend(ev);
                }
                Step::PasteStart(n) => {
                    self.buf.drain(..n);
                    self.paste = Some(Vec::new());
                }
                Step::Incomplete => return,
            }
        }
    }
}

fn append_capped(p: &mut Vec<u8>, bytes: &[u8]) {
    let room = MAX_PASTE.saturating_sub(p.len());
    p.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

fn paste_event(p: &[u8]) -> Event {
    Event::Paste(String::from_utf8_lossy(p).into_owned())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Option<Event> {
    Some(Event::Key(KeyEvent::new(code, mods)))
}

fn step(buf: &[u8]) -> Step {
    let none = KeyModifiers::NONE;
    match buf[0] {
        0x1b => escape(buf),
        b'\r' | b'\n' => Step::Done(1, key(KeyCode::Enter, none)),
        b'\t' => Step::Done(1, key(KeyCode::Tab, none)),
        0x7f | 0x08 => Step::Done(1, key(KeyCode::Backspace, none)),
        0x00 => Step::Done(1, key(KeyCode::Char(' '), KeyModifiers::CONTROL)),
        b @ 0x01..=0x1a => Step::Done(
            1,
            key(KeyCode::Char((b - 1 + b'a') as char), KeyModifiers::CONTROL),
        ),
        b @ 0x1c..=0x1f => Step::Done(
            1,
            key(
                KeyCode::Char((b - 0x1c + b'4') as char),
                KeyModifiers::CONTROL,
            ),
        ),
        _ => match utf8_char(buf) {
            Some(Ok((c, n))) => Step::Done(n, key(KeyCode::Char(c), none)),
            Some(Err(n)) => Step::Done(n, None),
            None => Step::Incomplete,
        },
    }
}

/// The UTF-8 character at the start of `buf`: `Ok((char, len))`, `Err(n)`
/// for `n` invalid bytes to skip, `None` when more bytes are needed.
fn utf8_char(buf: &[u8]) -> Option<Result<(char, usize), usize>> {
    let len = match buf[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Some(Err(1)),
    };
    if buf.len() < len {
        // Give up early on a byte that cannot continue the character.
        if buf[1..].iter().any(|b| b & 0xc0 != 0x80) {
            return Some(Err(1));
        }
        return None;
    }
    match std::str::from_utf8(&buf[..len]) {
        Ok(s) => s.chars().next().map(|c| Ok((c, len))),
        Err(_) => Some(Err(1)),
    }
}

fn escape(buf: &[u8]) -> Step {
    let Some(&b1) = buf.get(1) else {
        return Step::Incomplete;
    };
    match b1 {
        b'[' => csi(buf),
        b'O' => match buf.get(2) {
            None => Step::Incomplete,
            Some(&b) => match ss3_key(b) {
                Some(code) => Step::Done(3, key(code, KeyModifiers::NONE)),
                None => Step::Done(2, key(KeyCode::Char('O'), KeyModifiers::ALT)),
            },
        },
        0x7f => Step::Done(2, key(KeyCode::Backspace, KeyModifiers::ALT)),
        // Esc followed by a control (another Esc, Ctrl-C): Esc is a key of
        // its own and the control is read afresh.
        b if b < 0x20 => Step::Done(1, key(KeyCode::Esc, KeyModifiers::NONE)),
        _ => match utf8_char(&buf[1..]) {
            Some(Ok((c, n))) => Step::Done(1 + n, key(KeyCode::Char(c), KeyModifiers::ALT)),
            Some(Err(_)) => Step::Done(1, key(KeyCode::Esc, KeyModifiers::NONE)),
            None => Step::Incomplete,
        },
    }
}

fn ss3_key(b: u8) -> Option<KeyCode> {
    Some(match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(b - b'P' + 1),
        _ => return None,
    })
}

/// `ESC [` parameters, intermediates, final byte (ECMA-48). A byte that
/// cannot belong to the sequence ends it unparsed and is read afresh: this
/// is what keeps `ESC [ ?` followed by Ctrl-C from swallowing the Ctrl-C.
fn csi(buf: &[u8]) -> Step {
    if buf.get(2) == Some(&b'M') {
        // X10 mouse: three raw bytes follow.
        return match buf.get(3..6) {
            Some(b) => Step::Done(6, x10_mouse(b[0], b[1], b[2])),
            None => Step::Incomplete,
        };
    }
    for (i, &b) in buf.iter().enumerate().skip(2) {
        match b {
            0x20..=0x3f if i < MAX_SEQUENCE => {}
            0x40..=0x7e => {
                let params = &buf[2..i];
                if b == b'~' && params == b"200" {
                    return Step::PasteStart(i + 1);
                }
                return Step::Done(i + 1, csi_event(params, b));
            }
            _ => return Step::Done(i, None),
        }
    }
    Step::Incomplete
}

/// A key's modifier parameter (1 + bits: shift 1, alt 2, control 4).
fn modifiers(param: Option<u16>) -> KeyModifiers {
    mods(param.unwrap_or(1).saturating_sub(1), [1, 2, 4])
}

/// Modifiers from `bits`, given the shift, alt and control bits (keys and
/// mouse reports place them differently).
fn mods(bits: u16, [shift, alt, control]: [u16; 3]) -> KeyModifiers {
    let mut m = KeyModifiers::NONE;
    for (bit, flag) in [
        (shift, KeyModifiers::SHIFT),
        (alt, KeyModifiers::ALT),
        (control, KeyModifiers::CONTROL),
    ] {
        if bits & bit != 0 {
            m |= flag;
        }
    }
    m
}

fn csi_event(params: &[u8], fin: u8) -> Option<Event> {
    let s = std::str::from_utf8(params).ok()?;
    if let Some(rest) = s.strip_prefix('<') {
        return sgr_mouse(rest, fin);
    }
    if s.starts_with(['?', '>', '=']) {
        return None; // terminal replies (device attributes, modes)
    }
    let nums: Vec<Option<u16>> = s
        .split(';')
        .map(|p| p.split(':').next().and_then(|n| n.parse().ok()))
        .collect();
    let first = nums.first().copied().flatten();
    let mods = modifiers(nums.get(1).copied().flatten());
    let code = match fin {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(fin - b'P' + 1),
        b'Z' => return key(KeyCode::BackTab, KeyModifiers::SHIFT),
        b'~' => match first? {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=26 => KeyCode::F((n - 12) as u8),
            _ => return None,
        },
        b'u' => match first? {
            13 => KeyCode::Enter,
            9 => KeyCode::Tab,
            27 => KeyCode::Esc,
            127 => KeyCode::Backspace,
            n => KeyCode::Char(char::from_u32(u32::from(n)).filter(|c| !c.is_control())?),
        },
        _ => return None,
    };
    key(code, mods)
}

fn mouse_kind(cb: u16, release: bool) -> Option<MouseEventKind> {
    let button = match cb & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        2 => MouseButton::Right,
        _ => {
            return (cb & 32 != 0 && cb & 64 == 0).then_some(MouseEventKind::Moved);
        }
    };
    Some(if cb & 64 != 0 {
        match cb & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if cb & 32 != 0 {
        MouseEventKind::Drag(button)
    } else if release {
        MouseEventKind::Up(button)
    } else {
        MouseEventKind::Down(button)
    })
}

fn mouse_event(kind: MouseEventKind, cb: u16, x: u16, y: u16) -> Option<Event> {
    let modifiers = mods(cb, [4, 8, 16]);
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers,
    }))
}

fn sgr_mouse(s: &str, fin: u8) -> Option<Event> {
    if fin != b'M' && fin != b'm' {
        return None;
    }
    let mut it = s.split(';').map(|n| n.parse::<u16>().ok());
    let (cb, x, y) = (it.next()??, it.next()??, it.next()??);
    mouse_event(mouse_kind(cb, fin == b'm')?, cb, x, y)
}

fn x10_mouse(cb: u8, x: u8, y: u8) -> Option<Event> {
    let cb = u16::from(cb.saturating_sub(32));
    let release = cb & 3 == 3 && cb & 64 == 0 && cb & 32 == 0;
    let kind = if release {
        MouseEventKind::Up(MouseButton::Left)
    } else {
        mouse_kind(cb, false)?
    };
    mouse_event(
        kind,
        cb,
        u16::from(x.saturating_sub(32)),
        u16::from(y.saturating_sub(32)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Vec<Event> {
        let mut p = Parser::new();
        p.feed(bytes);
        let mut out: Vec<Event> = std::iter::from_fn(|| p.next_event()).collect();
        p.timeout();
        out.extend(std::iter::from_fn(|| p.next_event()));
        out
    }

    fn k(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn m(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    #[test]
    fn keys_and_sequences() {
        assert_eq!(
            parse(b"q\x1b[A\x1bOB\x1b[1;5C\x1b[5~\x1b[3~\r\x7f\t\x1b[Z"),
            vec![
                k(KeyCode::Char('q')),
                k(KeyCode::Up),
                k(KeyCode::Down),
                m(KeyCode::Right, KeyModifiers::CONTROL),
                k(KeyCode::PageUp),
                k(KeyCode::Delete),
                k(KeyCode::Enter),
                k(KeyCode::Backspace),
                k(KeyCode::Tab),
                m(KeyCode::BackTab, KeyModifiers::SHIFT),
            ]
        );
        assert_eq!(
            parse("政\x03".as_bytes()),
            vec![
                k(KeyCode::Char('政')),
                m(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ]
        );
    }

    #[test]
    fn a_lone_esc_waits_for_the_timeout() {
        let mut p = Parser::new();
        p.feed(b"\x1b");
        assert!(p.next_event().is_none() && p.is_waiting());
        p.timeout();
        assert_eq!(p.next_event(), Some(k(KeyCode::Esc)));
        assert!(!p.is_waiting());
        assert_eq!(
            parse(b"\x1bq"),
            vec![m(KeyCode::Char('q'), KeyModifiers::ALT)]
        );
    }

    #[test]
    fn esc_bracket_question_never_swallows_ctrl_c() {
        // crossterm #1104: ESC [ ? waited for `c` or `u` forever.
        assert_eq!(
            parse(b"\x1b[?\x03q"),
            vec![
                m(KeyCode::Char('c'), KeyModifiers::CONTROL),
                k(KeyCode::Char('q'))
            ]
        );
        // Typed Alt-[ then ?, nothing after: both keys, after the timeout.
        assert_eq!(
            parse(b"\x1b[?"),
            vec![
                m(KeyCode::Char('['), KeyModifiers::ALT),
                k(KeyCode::Char('?'))
            ]
        );
        // Terminal replies are dropped.
        assert_eq!(parse(b"\x1b[?62;22cq"), vec![k(KeyCode::Char('q'))]);
        // Endless parameters end at the length bound.
        let mut junk = b"\x1b[".to_vec();
        junk.extend(std::iter::repeat_n(b'1', 500));
        junk.push(b'q');
        assert_eq!(parse(&junk).last(), Some(&k(KeyCode::Char('q'))));
    }

    #[test]
    fn bracketed_paste_is_one_event_and_bounded() {
        assert_eq!(
            parse(b"\x1b[200~a\x1bq\r\n\xe4\xb8\xad\x1b[201~q"),
            vec![Event::Paste("a\x1bq\r\n中".into()), k(KeyCode::Char('q'))]
        );
        // Split anywhere, including inside the end marker.
        let whole = b"\x1b[200~hello\x1b[201~";
        for cut in 0..whole.len() {
            let mut p = Parser::new();
            p.feed(&whole[..cut]);
            p.feed(&whole[cut..]);
            assert_eq!(
                p.next_event(),
                Some(Event::Paste("hello".into())),
                "cut {cut}"
            );
        }
        // Unterminated: ends at the timeout, capped.
        let mut big = b"\x1b[200~".to_vec();
        big.extend(std::iter::repeat_n(b'x', MAX_PASTE + 10));
        let evs = parse(&big);
        assert!(matches!(&evs[..], [Event::Paste(s)] if s.len() == MAX_PASTE));
    }

    #[test]
    fn mouse_reports() {
        let ev = parse(b"\x1b[<0;10;5M\x1b[<65;3;4M");
        assert_eq!(
            ev[0],
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 9,
                row: 4,
                modifiers: KeyModifiers::NONE
            })
        );
        assert!(matches!(
            ev[1],
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollDown,
                ..
            })
        ));
    }

    #[test]
    fn garbage_never_panics_and_keys_after_it_survive() {
        let mut seed = 0x2545_f491_u64;
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let b = match seed % 5 {
                    0 => 0x1b,
                    1 => b'[',
                    _ => (seed >> 8) as u8,
                };
                bytes.push(b);
            }
            let _ = parse(&bytes);
        }
    }
}

//! The status line: position, mode, key hints or a message; the `:` prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::put;
use super::theme::Theme;
use crate::text;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::keys::{self, Context};

/// "措施 12/34  部分 4/11" for the selected node.
pub fn position(app: &App) -> String {
    let w = app.words();
    let o = app.outline();
    let n = &o[app.selected_node()];
    let mut parts = Vec::new();
    if o.measure_count() > 0 {
        let m = n.ordinal().map_or("-".to_string(), |o| o.to_string());
        parts.push(format!("{} {m}/{}", w.measure, o.measure_count()));
    }
    if o.section_count() > 0 {
        let s = n.section.map_or("-".to_string(), |s| s.to_string());
        parts.push(format!("{} {s}/{}", w.section, o.section_count()));
    }
    parts.join("  ")
}

pub fn render(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) -> Option<Position> {
    if r.is_empty() {
        return None;
    }
    buf.set_style(r, th.status());
    let w = app.words();
    let width = r.width as usize;
    if app.mode() == Mode::Jump {
        // The prompt owns the line (at most 8 numerals: it fits).
        let p = app.prompt();
        let prompt = format!(":{}", p.text());
        let shown = text::suffix_by_width(&prompt, width.saturating_sub(1));
        let x = put(buf, r.x, r.y, shown, width, th.status());
        let after = text::width(&p.text()[p.cursor()..]) as u16;
        let cx = x.saturating_sub(after);
        let hint_x = x + 2;
        if (hint_x as usize) < r.x as usize + width {
            let room = r.right() - hint_x;
            put(buf, hint_x, r.y, w.hints_jump, room as usize, th.status());
        }
        return Some(Position::new(cx.min(r.right() - 1), r.y));
    }
    let hint = |c| keys::hints(c, app.lang());
    let (mode, hints) = match app.mode() {
        Mode::Search => (w.search, hint(Context::Search)),
        Mode::Agencies => (w.agencies, hint(Context::Agencies)),
        Mode::Help => (w.help, w.help_close.to_string()),
        _ if app.focus() == Focus::Reader => (w.reader, hint(Context::Reader)),
        _ => (w.tree, hint(Context::Tree)),
    };
    let left = format!(" {}  [{mode}]  ", position(app));
    let x = put(buf, r.x, r.y, &left, width, th.status());
    let room = (r.right() - x.min(r.right())) as usize;
    match app.message() {
        Some(m) => {
            put(buf, x, r.y, &format!(" {m} "), room, th.message());
        }
        None => {
            put(buf, x, r.y, &hints, room, th.status());
        }
    }
    None
}

//! Pure rendering: the state in, cells of a ratatui `Buffer` out. Nothing
//! here changes state or touches the terminal.
//!
//! Every string is placed by display width (`crate::text`); text is wrapped
//! before it gets here, never by `Paragraph::wrap`.

pub mod agencies;
pub mod help;
pub mod library;
pub mod reader;
pub mod search;
pub mod status;
pub mod tree;

/// Geometry and styles live beside the state; re-exported for the views.
pub use crate::tui::{layout, theme};

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::app::{App, Mode};
use crate::text;
use theme::Theme;

/// Draws the whole screen and places the cursor (shown only when editing).
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if let Some(p) = render(app, area, frame.buffer_mut()) {
        frame.set_cursor_position(p);
    }
    // Wide-ambiguous terminals first (it changes cells), then the marks
    // that make xterm repaint cells it erased with the wrong background.
    crate::tui::ambiguous::fix_buffer(frame.buffer_mut(), app.widths());
    crate::tui::repaint::mark_style_edges(frame.buffer_mut());
}

/// Renders into `buf`; returns where the text cursor goes, if anywhere.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let th = Theme::new(app.no_color());
    let a = if app.zoomed() && matches!(app.mode(), Mode::Normal | Mode::Jump) {
        layout::zoomed(area.width, area.height)
    } else {
        layout::areas(area.width, area.height, app.focus())
    };
    if a.too_small {
        too_small(app, area, buf);
        return None;
    }
    if let Some(s) = app.shelf().filter(|_| app.mode() != Mode::Help) {
        return library::render(app, s, a.main, a.status, buf, &th);
    }
    let mut cursor = None;
    match app.mode() {
        Mode::Search => cursor = search::render(app, a.main, buf, &th),
        Mode::Agencies => agencies::render(app, a.main, buf, &th),
        Mode::Help => help::render(app, a.main, buf, &th),
        Mode::Normal | Mode::Jump => {
            if let Some(t) = a.tree {
                tree::render(app, t, buf, &th);
            }
            if let Some(r) = a.reader {
                reader::render(app, r, buf, &th);
                library::link_hint(app, r, buf, &th);
            }
        }
    }
    if let Some(c) = status::render(app, a.status, buf, &th) {
        cursor = Some(c);
    }
    cursor
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    // Wrapped rather than cut, so "Terminal too small" still reads at 12x4.
    let msg = format!(
        "{} {}x{} ({}x{})",
        app.words().too_small,
        layout::MIN_W,
        layout::MIN_H,
        area.width,
        area.height
    );
    let lines = text::wrap(&msg, area.width as usize);
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, line) in lines.iter().take(area.height as usize).enumerate() {
        let line = text::truncate(line, area.width as usize);
        let x = area.x + (area.width - text::width(&line) as u16) / 2;
        buf.set_stringn(
            x,
            top + i as u16,
            &line,
            area.width as usize,
            Style::default(),
        );
    }
}

/// A bordered pane with `title` in its top border.
pub fn pane(buf: &mut Buffer, r: Rect, title: &str, focused: bool, th: &Theme) {
    if r.width < 2 || r.height < 2 {
        return;
    }
    Block::bordered()
        .border_style(th.border(focused))
        .render(r, buf);
    if r.width > 4 {
        let t = format!(" {} ", text::truncate(title, (r.width - 4) as usize - 2));
        buf.set_stringn(r.x + 1, r.y, &t, (r.width - 2) as usize, th.title(focused));
    }
}

/// Writes `s` at (x, y), cut with an ellipsis to `max` cells.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    let t = text::truncate(s, max);
    buf.set_stringn(x, y, &t, max, style).0
}

/// Writes a line of spans at (x, y), at most `max` cells (the spans are
/// expected to fit already; this is the safety net).
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max: u16) {
    buf.set_line(x, y, line, max);
}

pub use crate::tui::reader_lines::{char_to_byte, marked_spans};

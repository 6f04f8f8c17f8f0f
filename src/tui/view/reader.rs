//! The reader pane: copies the state's wrapped lines to the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::{layout, pane, put, put_line};
use crate::text;
use crate::tui::app::{App, Focus};

pub fn render(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) {
    let focused = app.focus() == Focus::Reader || app.narrow();
    let title = match app.item(app.selected_node()) {
        Some(it) => format!("{}{}", it.label, it.title),
        None => app.words().reader.to_string(),
    };
    if app.zoomed() {
        // No borders: the title on the top row, nothing for a mouse
        // selection to pick up but text.
        put(
            buf,
            r.x + 2,
            r.y,
            &title,
            r.width.saturating_sub(4) as usize,
            th.title(true),
        );
    } else {
        pane(buf, r, &title, focused, th);
    }
    let t = layout::text_area(r);
    if t.is_empty() {
        return;
    }
    let doc = app.reader(t.width as usize);
    for (i, line) in doc
        .lines
        .iter()
        .skip(app.scroll())
        .take(t.height as usize)
        .enumerate()
    {
        put_line(buf, t.x, t.y + i as u16, line, t.width);
    }
    // Position in the bottom border when there is more than a screenful.
    let total = doc.lines.len();
    if total > t.height as usize && r.width > 12 {
        let end = (app.scroll() + t.height as usize).min(total);
        let pos = format!(" {}-{}/{} ", app.scroll() + 1, end, total);
        let w = text::width(&pos) as u16;
        if w + 4 <= r.width {
            put(
                buf,
                r.right() - w - 2,
                r.bottom() - 1,
                &pos,
                w as usize,
                th.dim(),
            );
        }
    }
}

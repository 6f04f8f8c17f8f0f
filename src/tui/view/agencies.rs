//! The agency index: every agency with its measure count drawn as a bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::{layout, pane, put};
use crate::text;
use crate::tui::app::App;

pub fn render(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) {
    let w = app.words();
    pane(
        buf,
        r,
        &format!("{} ({})", w.agencies, app.agencies().len()),
        true,
        th,
    );
    let t = layout::inner(r);
    if t.is_empty() {
        return;
    }
    let width = t.width as usize;
    let rows = app.agencies().rows();
    let cursor = app.agencies().cursor();
    let max = rows.iter().map(|(_, v)| v.len()).max().unwrap_or(1).max(1);
    let digits = max.to_string().len();
    let name_w = rows
        .iter()
        .map(|(n, _)| text::width(n))
        .max()
        .unwrap_or(0)
        // One very long collective name must not push every bar off screen.
        .min((width / 3).max(16))
        .min(width.saturating_sub(digits + 4) * 2 / 3)
        .max(1);
    // " name  count bar": the bar gets what is left.
    let bar_x = 1 + name_w + 1 + digits + 1;
    let bar_room = width.saturating_sub(bar_x + 1);
    for (i, (name, ords)) in rows
        .iter()
        .enumerate()
        .skip(cursor.offset())
        .take(t.height as usize)
    {
        let y = t.y + (i - cursor.offset()) as u16;
        let selected = i == cursor.selected();
        if selected {
            buf.set_style(Rect::new(t.x, y, t.width, 1), th.selected(true));
        }
        let style = if selected {
            th.selected(true)
        } else {
            th.text()
        };
        put(
            buf,
            t.x + 1,
            y,
            name,
            name_w.min(width.saturating_sub(1)),
            style,
        );
        let count = format!("{:>digits$}", ords.len());
        let cx = t.x as usize + 1 + name_w + 1;
        if cx + digits <= t.right() as usize {
            put(buf, cx as u16, y, &count, digits, style);
        }
        let len = (ords.len() * bar_room).div_ceil(max);
        if len > 0 && bar_room > 0 {
            let bx = t.x + bar_x as u16;
            let bar = if selected {
                th.bar_on_selected()
            } else {
                th.bar()
            };
            buf.set_style(Rect::new(bx, y, len as u16, 1), bar);
        }
    }
}

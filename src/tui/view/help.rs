//! The `?` overlay: every key. It covers the whole main area, so no wide
//! glyph of the panes below can straddle its edge (ratatui#2526).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::{layout, pane, put};
use crate::tui::app::App;
use crate::tui::keys;

pub fn render(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) {
    let w = app.words();
    pane(buf, r, w.help, true, th);
    let t = layout::text_area(r);
    if t.is_empty() {
        return;
    }
    let width = t.width as usize;
    let (rows_of_keys, key_w) = keys::help_lines(app.lang(), width, app.in_library());
    let rows = t.height as usize;
    let shown = rows.saturating_sub(1);
    let offset = app
        .help_offset()
        .min(rows_of_keys.len().saturating_sub(shown));
    for (i, (k, d)) in rows_of_keys.iter().skip(offset).take(shown).enumerate() {
        let y = t.y + i as u16;
        put(buf, t.x, y, k, key_w, th.label());
        let x = t.x + key_w as u16 + 2;
        if (x as usize) < t.x as usize + width {
            put(buf, x, y, d, width - key_w - 2, th.text());
        }
    }
    if rows >= 2 {
        let last = rows_of_keys.len().saturating_sub(offset).min(shown);
        let footer = if shown < rows_of_keys.len() {
            w.help_scroll
        } else {
            w.help_close
        };
        put(buf, t.x, t.y + last as u16, footer, width, th.dim());
    }
}

//! The agency index: every agency with its measure count drawn as a bar,
//! its measures' numbers and, where the width allows, its full and English
//! names; a typed filter in the title, a position marker when it scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::{layout, pane, put};
use crate::text;
use crate::tui::app::App;
use crate::tui::names;

pub fn render(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) {
    let w = app.words();
    let ag = app.agencies();
    let filter = ag.filter().text();
    let title = if filter.is_empty() {
        format!("{} ({})  {}", w.agencies, ag.total(), w.type_to_filter)
    } else {
        format!("{} ({}/{})  {filter}", w.agencies, ag.len(), ag.total())
    };
    pane(buf, r, &title, true, th);
    let t = layout::inner(r);
    if t.is_empty() {
        return;
    }
    let width = t.width as usize;
    let rows: Vec<&(String, Vec<usize>)> = ag.shown().collect();
    let cursor = ag.cursor();
    // Bars are scaled to the busiest agency of all, filtered or not, so a
    // bar's length means the same whatever is typed.
    let max = ag
        .rows()
        .iter()
        .map(|(_, v)| v.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let digits = max.to_string().len();
    let name_w = ag
        .rows()
        .iter()
        .map(|(n, _)| text::width(n))
        .max()
        .unwrap_or(0)
        // One very long collective name must not push every bar off screen.
        .min((width / 3).max(16))
        .min(width.saturating_sub(digits + 4) * 2 / 3)
        .max(1);
    // "> name  count bar  numbers  full name / English": the bar gets at
    // most a quarter of a wide screen, the names what is left.
    let bar_x = 2 + name_w + 1 + digits + 1;
    let rest = width.saturating_sub(bar_x + 1);
    let bar_room = if width >= 100 {
        rest.min(width / 4)
    } else {
        rest
    };
    let shown_h = t.height as usize;
    for (i, (name, ords)) in rows.iter().enumerate().skip(cursor.offset()).take(shown_h) {
        let y = t.y + (i - cursor.offset()) as u16;
        let selected = i == cursor.selected();
        // The selection marks the name and count only (and a '>' for
        // NO_COLOR and colour-blind eyes): the bar keeps its own look.
        let style = if selected {
            th.selected(true)
        } else {
            th.text()
        };
        if selected {
            put(buf, t.x, y, ">", 1, th.bold());
            // One strip from the name through the count and the blank
            // before the bar (no plain blank between reversed cells).
            let strip = (name_w + 1 + digits + 1).min(width.saturating_sub(2)) as u16;
            buf.set_style(Rect::new(t.x + 2, y, strip, 1), style);
        }
        put(
            buf,
            t.x + 2,
            y,
            name,
            name_w.min(width.saturating_sub(2)),
            style,
        );
        let count = format!("{:>digits$}", ords.len());
        let cx = t.x as usize + 2 + name_w + 1;
        if cx + digits <= t.right() as usize {
            put(buf, cx as u16, y, &count, digits, style);
        }
        let len = (ords.len() * bar_room).div_ceil(max);
        if len > 0 && bar_room > 0 {
            let bx = t.x + bar_x as u16;
            buf.set_style(Rect::new(bx, y, len as u16, 1), th.bar());
        }
        // Measure numbers, then the names, after the longest bar.
        let ex = t.x as usize + bar_x + bar_room + 2;
        if ex + 4 < t.right() as usize {
            let room = t.right() as usize - ex;
            let nums: Vec<String> = ords.iter().map(|o| o.to_string()).collect();
            let mut extra = format!("#{}", nums.join(" "));
            if let Some(d) = names::describe(name) {
                let full = if d.full_name.is_empty() || d.full_name == *name {
                    String::new()
                } else {
                    format!("{}  ", d.full_name)
                };
                extra.push_str(&format!("  {full}{}", d.english_name));
            }
            put(buf, ex as u16, y, &extra, room, th.dim());
        }
    }
    // Position in the bottom border when not every row fits.
    if rows.len() > shown_h && r.width > 12 {
        let end = (cursor.offset() + shown_h).min(rows.len());
        let pos = format!(" {}-{}/{} ", cursor.offset() + 1, end, rows.len());
        let pw = text::width(&pos) as u16;
        if pw + 4 <= r.width {
            put(
                buf,
                r.right() - pw - 2,
                r.bottom() - 1,
                &pos,
                pw as usize,
                th.dim(),
            );
        }
    }
}

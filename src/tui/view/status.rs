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
    position_at(app, usize::MAX)
}

/// [`position`] for a status line `width` cells wide: a part the selected
/// node has no number in says how many there are ("共 34 条措施"), and
/// under 60 columns is left out.
pub fn position_at(app: &App, width: usize) -> String {
    let terse = width < 60;
    let w = app.words();
    let o = app.outline();
    let n = &o[app.selected_node()];
    let mut parts = Vec::new();
    if o.measure_count() > 0 {
        match n.ordinal() {
            Some(m) => parts.push(format!("{} {m}/{}", w.measure, o.measure_count())),
            // Not on a measure: how many there are, not a cryptic "-/34".
            None if !terse => parts.push(count(app, o.measure_count(), "条措施", "measures")),
            None => {}
        }
    }
    if o.section_count() > 0 {
        match n.section {
            Some(s) if !terse || n.ordinal().is_none() => {
                parts.push(format!("{} {s}/{}", w.section, o.section_count()))
            }
            None if !terse => parts.push(count(app, o.section_count(), "个部分", "sections")),
            _ => {}
        }
    }
    if app.mode() == Mode::Normal
        && let Some((k, total)) = app.match_position()
    {
        parts.push(format!("{} {k}/{total}", w.match_word));
    }
    parts.join("  ")
}

/// "共 34 条措施" / "34 measures".
fn count(app: &App, n: usize, zh: &str, en: &str) -> String {
    match app.lang() {
        crate::tui::Lang::Zh => format!("共 {n} {zh}"),
        crate::tui::Lang::En => format!("{n} {en}"),
    }
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
    // Under 60 columns the mode's name goes: the pane's title says it.
    let pos = position_at(app, width);
    let left = if width < 60 {
        format!(" {pos}  ")
    } else {
        format!(" {pos}  [{mode}]  ")
    };
    let x = put(buf, r.x, r.y, &left, width, th.status());
    let room = (r.right() - x.min(r.right())) as usize;
    match app.message() {
        Some(m) => {
            put(buf, x, r.y, &format!(" {m} "), room, th.message());
        }
        None => {
            // Hints that do not fit give way to the two that matter most.
            let hints = if (text::width(&hints) > room || width < 60) && app.mode() == Mode::Normal
            {
                format!("? {}  q {}", w.help_short, w.quit_short)
            } else {
                hints
            };
            put(buf, x, r.y, &hints, room, th.status());
        }
    }
    None
}

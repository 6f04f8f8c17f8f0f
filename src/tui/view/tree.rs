//! The tree: the document, its sections and measures, collapsible.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::{layout, pane, put};
use crate::tui::app::{App, Focus};

/// The text of a tree row (without the selection highlight).
pub fn row_text(app: &App, id: usize) -> String {
    let n = &app.outline()[id];
    let tree = app.tree();
    let indent = "  ".repeat(n.depth.saturating_sub(1));
    let marker = if n.children.is_empty() {
        "  "
    } else if tree.is_open(id) {
        "▾ "
    } else {
        "▸ "
    };
    let name = match app.item(id) {
        Some(it) => format!("{}{}", it.label, it.title),
        None => match n.part {
            Some(k) => crate::doc::outline::part_heading(app.doc(), k),
            None => app.doc().title.clone(),
        },
    };
    // Top-level leaves need no marker column.
    let marker = if n.depth <= 1 && n.children.is_empty() {
        ""
    } else {
        marker
    };
    format!("{indent}{marker}{name}")
}

pub fn render(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) {
    let focused = app.focus() == Focus::Tree || app.narrow();
    let tree = app.tree();
    let title = match tree.filter() {
        Some(f) => format!(
            "{} [{}: {}]",
            app.words().tree,
            app.words().filter,
            f.agency()
        ),
        None => app.words().tree.to_string(),
    };
    pane(buf, r, &title, focused, th);
    let inner = layout::inner(r);
    if inner.is_empty() {
        return;
    }
    let w = inner.width as usize;
    let offset = tree.offset();
    let visible = tree.visible();
    for (i, &id) in visible
        .iter()
        .skip(offset)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        let s = row_text(app, id);
        let style = if id == tree.selected() {
            // Pad the whole row so the highlight spans the pane.
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), th.selected(focused));
            th.selected(focused)
        } else if app.outline()[id].ordinal().is_none() {
            th.bold()
        } else {
            th.text()
        };
        put(buf, inner.x, y, &s, w, style);
    }
    // More rows above/below: a hint in the border, ASCII only.
    let more_below = offset + (inner.height as usize) < visible.len();
    if more_below && r.width > 6 {
        put(buf, r.right() - 5, r.bottom() - 1, " v ", 3, th.dim());
    }
    if offset > 0 && r.width > 6 {
        put(buf, r.right() - 5, r.y, " ^ ", 3, th.dim());
    }
}

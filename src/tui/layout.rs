//! Where the panes go for a terminal size. Pure geometry, shared by the
//! state (scrolling, clamping, mouse hit-testing) and the views (drawing),
//! so all of them agree.

use ratatui::layout::Rect;

/// Which of the two document panes has the keyboard (under [`WIDE`]
/// columns, the only one shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Reader,
}

/// From this width on, the tree and the reader are side by side.
pub const WIDE: u16 = 80;
/// Below this size only a "terminal too small" message is drawn.
pub const MIN_W: u16 = 20;
pub const MIN_H: u16 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Everything above the status line.
    pub main: Rect,
    pub status: Rect,
    /// The tree pane, when shown.
    pub tree: Option<Rect>,
    /// The reader pane, when shown.
    pub reader: Option<Rect>,
    pub too_small: bool,
}

pub fn areas(width: u16, height: u16, focus: Focus) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_W || height < MIN_H {
        return Areas {
            main: full,
            status: Rect::default(),
            tree: None,
            reader: None,
            too_small: true,
        };
    }
    let main = Rect::new(0, 0, width, height - 1);
    let status = Rect::new(0, height - 1, width, 1);
    let (tree, reader) = if width >= WIDE {
        let tw = (width * 2 / 5).clamp(30, 48);
        (
            Some(Rect::new(0, 0, tw, main.height)),
            Some(Rect::new(tw, 0, width - tw, main.height)),
        )
    } else {
        match focus {
            Focus::Tree => (Some(main), None),
            Focus::Reader => (None, Some(main)),
        }
    };
    Areas {
        main,
        status,
        tree,
        reader,
        too_small: false,
    }
}

/// `z` (zoom): the reader alone over the whole main area (drawn without
/// borders, so a mouse selection picks up the text and nothing else).
pub fn zoomed(width: u16, height: u16) -> Areas {
    let a = areas(width, height, Focus::Reader);
    if a.too_small {
        return a;
    }
    Areas {
        tree: None,
        reader: Some(a.main),
        ..a
    }
}

/// Inside a pane's border.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// Where the reader's text goes: inside the border, one blank column each side.
pub fn text_area(r: Rect) -> Rect {
    let i = inner(r);
    if i.width <= 4 {
        return i;
    }
    Rect::new(i.x + 1, i.y, i.width - 2, i.height)
}

/// Rows a search result takes in a pane whose inside is `inner_height`
/// rows: two (title, snippet) when at least three results fit that way,
/// else one.
pub fn rows_per_result(inner_height: u16) -> usize {
    if inner_height >= 8 { 2 } else { 1 }
}

/// From this width on, the search screen shows a preview of the selected
/// result beside the results.
pub const PREVIEW: u16 = 100;

/// The search screen inside `main`: the results pane and, from
/// [`PREVIEW`] columns on, the preview pane on its right.
pub fn search_panes(main: Rect) -> (Rect, Option<Rect>) {
    if main.width < PREVIEW {
        return (main, None);
    }
    let lw = (main.width * 9 / 20).max(44);
    (
        Rect::new(main.x, main.y, lw, main.height),
        Some(Rect::new(main.x + lw, main.y, main.width - lw, main.height)),
    )
}

/// The search pane's results inside `main`: (first row, rows, rows per
/// result), below the query bar and the count line.
pub fn results(main: Rect) -> (u16, usize, usize) {
    let t = inner(search_panes(main).0);
    let per = rows_per_result(t.height);
    (
        t.y.saturating_add(2),
        (t.height as usize).saturating_sub(2),
        per,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen() {
        for w in 0..200 {
            for h in 0..50 {
                for f in [Focus::Tree, Focus::Reader] {
                    let a = areas(w, h, f);
                    if a.too_small {
                        assert!(w < MIN_W || h < MIN_H);
                        continue;
                    }
                    let used: u16 = a.tree.map_or(0, |t| t.width) + a.reader.map_or(0, |r| r.width);
                    assert_eq!(used, w, "{w}x{h}");
                    assert_eq!(a.status.y, h - 1);
                    assert_eq!(w >= WIDE, a.tree.is_some() && a.reader.is_some());
                }
            }
        }
    }
}

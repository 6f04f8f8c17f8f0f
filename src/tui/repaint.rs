//! A post-pass that keeps xterm's screen equal to ratatui's buffer.
//!
//! When a character is written over one half of a double-width character,
//! xterm erases the *other* half too, and fills it with the background (and
//! reverse video) of the character just written; tmux, the Linux console and
//! VTE-based terminals fill it with the default background, which is why tmux
//! hides the bug. Ratatui's diff sends only cells that changed, so when the
//! erased half is, in the new frame, a blank cell equal to the old one, it is
//! never re-sent and keeps the wrong colour. That one mechanism explains every
//! glitch of issue 10 point 3:
//!
//! - agency bars of equal counts with unequal lengths: a bar's last blue cell
//!   lands on the left half of a CJK character of the previous screen, the
//!   right half turns blue, and the bar is one cell longer;
//! - neighbouring agency tags merging: a tag's closing cyan space lands on a
//!   wide character's left half, and the one-cell gap to the next tag turns
//!   cyan;
//! - stray coloured cells after the screen changes: the same, anywhere a
//!   coloured cell meets what used to be a CJK character. (The opposite
//!   case, a coloured wide character cut by a plain cell, ratatui's diff
//!   already handles: it re-sends the trailing cell.)
//!
//! The erased half is always the cell right after a written character, and
//! it only shows when it should look different from that character. So the
//! fix marks, on every row, each cell whose blank look (background, reverse
//! video, underline...) differs from the character before it as
//! [`CellDiffOption::AlwaysUpdate`]: ratatui then re-sends it after its left
//! neighbour, every frame, whatever xterm did. That is a few cells per style
//! boundary (tens of bytes a frame), and it needs no memory of the previous
//! frame.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::{Color, Modifier};

/// Modifiers that show on a blank cell.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK);

/// What a blank cell with this style looks like: its background, and with
/// reverse video its foreground, plus the modifiers visible on a blank.
fn blank_look(cell: &ratatui::buffer::Cell) -> (Color, Option<Color>, Modifier) {
    let m = cell.modifier & VISIBLE_ON_BLANK;
    let fg = m.contains(Modifier::REVERSED).then_some(cell.fg);
    (cell.bg, fg, m)
}

/// Marks every cell that starts a new blank look on its row as always
/// re-sent (see the module comment). Call it last, on the finished frame:
/// `term.draw(|f| { view::draw(app, f); repaint::mark_style_edges(f.buffer_mut()) })`.
pub fn mark_style_edges(buf: &mut Buffer) {
    let w = buf.area.width as usize;
    if w == 0 {
        return;
    }
    for row in buf.content.chunks_mut(w) {
        let mut x = 0;
        let mut prev_look = None;
        while x < row.len() {
            let cell = &mut row[x];
            let look = blank_look(cell);
            if prev_look.is_some_and(|p| p != look)
                && matches!(cell.diff_option, CellDiffOption::None)
            {
                cell.set_diff_option(CellDiffOption::AlwaysUpdate);
            }
            prev_look = Some(look);
            x += cell_width(cell);
        }
    }
}

/// Columns the cell covers: its forced width, else its symbol's width
/// (ASCII, by far the most common, without a table lookup).
fn cell_width(cell: &ratatui::buffer::Cell) -> usize {
    if let CellDiffOption::ForcedWidth(w) = cell.diff_option {
        return w.get() as usize;
    }
    let s = cell.symbol();
    if s.len() == 1 {
        return 1;
    }
    unicode_width::UnicodeWidthStr::width(s).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// A model of xterm's screen: what each column shows, and the
    /// double-width bookkeeping xterm does when one half is overwritten.
    #[derive(Clone, Debug, PartialEq)]
    struct Shown {
        symbol: String,
        look: (Color, Option<Color>, Modifier),
        /// 0 = narrow, 1 = left half of a wide char, 2 = right half.
        half: u8,
    }

    struct Xterm {
        w: usize,
        rows: Vec<Vec<Shown>>,
    }

    impl Xterm {
        fn new(w: usize, h: usize) -> Xterm {
            let blank = Shown {
                symbol: " ".into(),
                look: (Color::Reset, None, Modifier::empty()),
                half: 0,
            };
            Xterm {
                w,
                rows: vec![vec![blank; w]; h],
            }
        }

        /// Writes `cell` at (x, y) as xterm does.
        fn put(&mut self, x: usize, y: usize, cell: &ratatui::buffer::Cell) {
            let look = blank_look(cell);
            let width = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1);
            let row = &mut self.rows[y];
            let span = x..(x + width).min(self.w);
            for k in span.clone() {
                // The other half of a wide character being cut: erased with
                // the current background (the xterm behaviour).
                let other = match row[k].half {
                    1 => Some(k + 1),
                    2 => k.checked_sub(1),
                    _ => None,
                };
                if let Some(o) = other.filter(|o| !span.contains(o) && *o < self.w) {
                    row[o] = Shown {
                        symbol: " ".into(),
                        look,
                        half: 0,
                    };
                }
            }
            row[x] = Shown {
                symbol: cell.symbol().into(),
                look,
                half: u8::from(width > 1),
            };
            if width > 1 && x + 1 < self.w {
                row[x + 1] = Shown {
                    symbol: String::new(),
                    look,
                    half: 2,
                };
            }
        }

        /// Sends the frame `next` as ratatui does: only the diff from `prev`.
        fn draw(&mut self, prev: &Buffer, next: &Buffer) {
            for (x, y, cell) in prev.diff(next) {
                self.put(x as usize, y as usize, cell);
            }
        }

        /// Columns whose look differs from what `buf` asks for.
        fn wrong_cells(&self, buf: &Buffer) -> Vec<(usize, usize)> {
            let mut bad = Vec::new();
            for (y, row) in self.rows.iter().enumerate() {
                // A wide character's continuation cell shows the character's
                // look, whatever the buffer holds there.
                let mut want = blank_look(&buf[(0, y as u16)]);
                let mut left = 0;
                for (x, shown) in row.iter().enumerate() {
                    let cell = &buf[(x as u16, y as u16)];
                    if left == 0 {
                        want = blank_look(cell);
                        left = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1);
                    }
                    left -= 1;
                    if shown.look != want {
                        bad.push((x, y));
                    }
                }
            }
            bad
        }
    }

    fn frame(w: u16, h: u16, rows: &[&[(&str, Style)]]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        for (y, spans) in rows.iter().enumerate() {
            let mut x = 0;
            for (s, st) in spans.iter() {
                x = b.set_stringn(x, y as u16, s, w as usize, *st).0;
            }
        }
        b
    }

    fn blue() -> Style {
        Style::default().bg(Color::Blue)
    }

    fn cyan() -> Style {
        Style::default().fg(Color::Black).bg(Color::Cyan)
    }

    /// Runs frames in sequence through the model; returns the wrong cells
    /// after the last one.
    fn run(frames: &mut [Buffer], fix: bool) -> Vec<(usize, usize)> {
        let a = frames[0].area;
        let mut term = Xterm::new(a.width as usize, a.height as usize);
        let mut prev = Buffer::empty(a);
        for f in frames.iter_mut() {
            if fix {
                mark_style_edges(f);
            }
            term.draw(&prev, f);
            prev = f.clone();
        }
        term.wrong_cells(&prev)
    }

    #[test]
    fn bar_ending_on_a_wide_char_grows_without_the_fix_and_not_with_it() {
        // A tree row becomes an agency row whose bar ends on the left half of
        // 强 (cols 3-4): xterm paints col 4 blue too.
        let make = || {
            vec![
                frame(10, 1, &[&[(" 加强财政", Style::default())]]),
                frame(10, 1, &[&[(" ", Style::default()), ("   ", blue())]]),
            ]
        };
        assert_eq!(run(&mut make(), false), [(4, 0)]);
        assert_eq!(run(&mut make(), true), []);
    }

    #[test]
    fn gap_between_tags_stays_blank() {
        let make = || {
            vec![
                frame(20, 1, &[&[("加强工业互联网赋能", Style::default())]]),
                frame(
                    20,
                    1,
                    &[&[
                        (" 财政部 ", cyan()),
                        (" ", Style::default()),
                        (" 各地方 ", cyan()),
                    ]],
                ),
            ]
        };
        assert!(!run(&mut make(), false).is_empty());
        assert_eq!(run(&mut make(), true), []);
    }

    #[test]
    fn many_frame_changes_leave_no_stray_cell() {
        // A deterministic mix of CJK text, bars, tags and highlights, shifted
        // by one column per frame so halves keep landing on halves.
        let styles = [
            Style::default(),
            blue(),
            cyan(),
            Style::default().add_modifier(Modifier::REVERSED),
        ];
        let words = [
            "财政部",
            "a",
            "人民银行",
            "  ",
            "（十二）",
            "bc",
            "知识产权局",
        ];
        let mut frames = Vec::new();
        for f in 0..12usize {
            let mut b = Buffer::empty(Rect::new(0, 0, 30, 6));
            for y in 0..6u16 {
                let mut x = ((f + y as usize) % 3) as u16;
                for k in 0..6usize {
                    let w = words[(f * 7 + y as usize * 3 + k) % words.len()];
                    let st = styles[(f + k + y as usize) % styles.len()];
                    x = b
                        .set_stringn(x, y, w, 30usize.saturating_sub(x as usize), st)
                        .0;
                    if x >= 29 {
                        break;
                    }
                    x += ((f + k) % 2) as u16;
                }
            }
            frames.push(b);
        }
        let mut unfixed = frames.clone();
        assert!(
            !run(&mut unfixed, false).is_empty(),
            "the model should show the bug"
        );
        assert_eq!(run(&mut frames, true), []);
    }

    #[test]
    fn only_style_edges_are_marked() {
        let mut b = frame(
            12,
            1,
            &[&[
                ("ab", Style::default()),
                ("中文", blue()),
                ("cd", Style::default()),
            ]],
        );
        mark_style_edges(&mut b);
        let marked: Vec<u16> = (0..12)
            .filter(|&x| b[(x, 0)].diff_option == CellDiffOption::AlwaysUpdate)
            .collect();
        // The first blue cell and the first plain cell after the blue run.
        assert_eq!(marked, [2, 6]);
    }
}

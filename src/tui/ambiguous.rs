//! Terminals that draw East Asian *ambiguous*-width characters two cells wide
//! (an option in PuTTY, Xshell, iTerm2, GNOME Terminal, xterm's cjkWidth;
//! common among Chinese users). Ratatui, like unicode-width, counts them as
//! one cell, so in such a terminal every “ ” — … · ① ° and every box-drawing
//! line pushes the rest of its row right: borders double, text shifts.
//!
//! Two parts:
//! - [`detect`]: a flag or `ZHENGCE_AMBIGUOUS=wide|narrow|auto`, and for
//!   `auto` a probe that prints an ambiguous character and asks the terminal
//!   where the cursor went (CSI 6n), before the alternate screen, with a short
//!   timeout (no answer = narrow, the common case).
//! - [`fix_buffer`]: a pure pass over the finished frame. Chrome glyphs
//!   (box drawing, arrows, triangles) become ASCII look-alikes (`+ - |`, `^ v
//!   < >`); every other ambiguous glyph (document text) gets two cells: it is
//!   marked `CellDiffOption::ForcedWidth(2)`, the rest of its pane row moves
//!   right by one, and the cell under its second half is skipped. A pane row
//!   ends at a vertical border, so panes never push each other. Text should
//!   be wrapped with [`str_width`] in this mode, so the moved row has room;
//!   otherwise the row's last cell before the border is dropped.

use std::io::Write;
use std::num::NonZeroU16;
use std::time::{Duration, Instant};

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The environment variable: `wide`, `narrow` or `auto`.
pub const ENV_VAR: &str = "ZHENGCE_AMBIGUOUS";
/// How long the probe waits for the terminal's answers. A local terminal
/// answers in about a millisecond; over SSH it takes a round trip. Past this
/// the terminal is taken for a narrow one rather than keep the user waiting.
pub const PROBE_TIMEOUT: Duration = Duration::from_millis(150);

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Auto,
    Narrow,
    Wide,
}

impl Setting {
    /// `wide`, `narrow`, `auto` (also `2`, `1`, case-insensitive).
    pub fn parse(s: &str) -> Option<Setting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Some(Setting::Auto),
            "narrow" | "1" | "single" => Some(Setting::Narrow),
            "wide" | "2" | "double" | "cjk" => Some(Setting::Wide),
            _ => None,
        }
    }
}

/// How the terminal draws ambiguous characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Widths {
    /// Box-drawing lines (U+2500..) take two cells.
    pub boxes: bool,
    /// Other ambiguous characters (“ ” … · ① °) take two cells.
    pub text: bool,
}

impl Widths {
    pub const NARROW: Widths = Widths {
        boxes: false,
        text: false,
    };
    pub const WIDE: Widths = Widths {
        boxes: true,
        text: true,
    };

    pub fn any(self) -> bool {
        self.boxes || self.text
    }
}

/// What the probe found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub widths: Widths,
    /// From sending the question to reading the last answer.
    pub round_trip: Duration,
}

/// The setting from the command-line flag (wins) or the environment; an
/// unknown value is an error naming it.
pub fn setting(flag: Option<&str>, env: Option<&str>) -> Result<Setting, String> {
    if let Some(f) = flag {
        return Setting::parse(f)
            .ok_or_else(|| format!("--ambiguous: {f:?}: want wide, narrow or auto"));
    }
    match env {
        Some(v) => {
            Setting::parse(v).ok_or_else(|| format!("{ENV_VAR}={v:?}: want wide, narrow or auto"))
        }
        None => Ok(Setting::Auto),
    }
}

/// Decides the widths: a forced setting as is; `Auto` asks the terminal with
/// [`probe_tty`] (which must run in raw mode, before the alternate screen
/// and before crossterm reads any event). Returns the probe, if one ran, so
/// the caller can log the round trip.
pub fn detect(s: Setting) -> (Widths, Option<Probe>) {
    match s {
        Setting::Narrow => (Widths::NARROW, None),
        Setting::Wide => (Widths::WIDE, None),
        Setting::Auto => match probe_tty(PROBE_TIMEOUT) {
            Some(p) => (p.widths, Some(p)),
            None => (Widths::NARROW, None),
        },
    }
}

/// The probe: at the start of the line, a box-drawing line, a cursor
/// position request, a curly quote, another request; then the line is
/// erased, so nothing is left on the screen.
pub const PROBE: &str = "\r\u{2500}\x1b[6n\u{201c}\x1b[6n\r\x1b[K";

/// Reads the two cursor-position reports (`ESC [ row ; col R`) out of
/// `input` (other bytes, e.g. keys typed meanwhile, are skipped) and turns the
/// columns into widths. `None` until both are there or if they make no sense.
pub fn parse_answers(input: &[u8]) -> Option<Widths> {
    let mut cols = Vec::new();
    let mut i = 0;
    while i + 1 < input.len() && cols.len() < 2 {
        if input[i] == 0x1b && input[i + 1] == b'[' {
            let rest = &input[i + 2..];
            let end = rest
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b';'));
            if let Some(e) = end
                && rest[e] == b'R'
                && let Some((_, col)) = std::str::from_utf8(&rest[..e]).ok()?.split_once(';')
                && let Ok(c) = col.parse::<u32>()
            {
                cols.push(c);
                i += 2 + e + 1;
                continue;
            }
        }
        i += 1;
    }
    let [a, b] = cols[..] else { return None };
    // The line starts at column 1: after the box line the cursor is at 2 or 3,
    // after the quote one or two further.
    let boxes = match a {
        2 => false,
        3 => true,
        _ => return None,
    };
    let text = match b.checked_sub(a)? {
        1 => false,
        2 => true,
        _ => return None,
    };
    Some(Widths { boxes, text })
}

/// Runs the probe on the controlling terminal (`/dev/tty`). Raw mode is
/// switched on for the probe if it is not on already. `None`: no terminal,
/// no answer within `timeout`, or an answer that makes no sense.
#[cfg(unix)]
pub fn probe_tty(timeout: Duration) -> Option<Probe> {
    use std::os::fd::AsRawFd;
    let mut tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let was_raw = crossterm::terminal::is_raw_mode_enabled().unwrap_or(false);
    if !was_raw && crossterm::terminal::enable_raw_mode().is_err() {
        return None;
    }
    let start = Instant::now();
    let fd = tty.as_raw_fd();
    let result = (|| {
        tty.write_all(PROBE.as_bytes()).ok()?;
        tty.flush().ok()?;
        let mut got = Vec::new();
        loop {
            if let Some(w) = parse_answers(&got) {
                return Some(Probe {
                    widths: w,
                    round_trip: start.elapsed(),
                });
            }
            let left = timeout.checked_sub(start.elapsed())?;
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = left.as_millis().clamp(1, i32::MAX as u128) as i32;
            // SAFETY: one valid pollfd, count 1.
            let n = unsafe { libc::poll(&mut pfd, 1, ms) };
            if n <= 0 {
                // Timeout (0) or error (-1, EINTR included): give up; the
                // caller falls back to narrow.
                return None;
            }
            let mut buf = [0u8; 64];
            // SAFETY: reading into a local buffer of the given length.
            let r = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if r <= 0 {
                return None;
            }
            got.extend_from_slice(&buf[..r as usize]);
            if got.len() > 4096 {
                return None;
            }
        }
    })();
    if !was_raw {
        let _ = crossterm::terminal::disable_raw_mode();
    }
    result
}

#[cfg(not(unix))]
pub fn probe_tty(_timeout: Duration) -> Option<Probe> {
    None
}

/// Whether `c` is East Asian ambiguous: one cell by Unicode's default, two in
/// a CJK-width terminal.
pub fn is_ambiguous(c: char) -> bool {
    c.width() == Some(1) && c.width_cjk() == Some(2)
}

/// Display width of `s` in a terminal with these widths: wrap and pad with
/// this in wide mode so [`fix_buffer`] has room.
pub fn str_width(s: &str, w: Widths) -> usize {
    if !w.text {
        return s.width();
    }
    s.width_cjk()
}

/// A one-cell ASCII look-alike for a chrome glyph (lines, corners, arrows,
/// triangles), or `None` for a glyph that is text.
pub fn chrome_alt(c: char) -> Option<char> {
    Some(match c {
        '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' => '-',
        '│' | '┃' | '║' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' => '|',
        '\u{250c}'..='\u{254b}' | '\u{2552}'..='\u{2570}' => '+',
        '←' | '◀' | '◁' | '◂' | '◄' => '<',
        '→' | '▶' | '▷' | '▸' | '►' => '>',
        '↑' | '▲' | '△' | '▴' => '^',
        '↓' | '▼' | '▽' | '▾' => 'v',
        '↔' => '-',
        '↕' => '|',
        _ => return None,
    })
}

fn is_corner(s: &str) -> bool {
    matches!(s, "+" | "┐" | "┘" | "╮" | "╯" | "┓" | "┛" | "╗" | "╝" | "┤")
}

fn is_vertical_border(s: &str) -> bool {
    matches!(s, "│" | "┃" | "║" | "|")
}

/// Makes a finished frame right for a terminal with widths `w` (see the
/// module comment). A no-op for narrow terminals. Pure: only `buf` changes.
pub fn fix_buffer(buf: &mut Buffer, w: Widths) {
    let width = buf.area.width as usize;
    if !w.any() || width == 0 {
        return;
    }
    for row in buf.content.chunks_mut(width) {
        if w.boxes {
            for cell in row.iter_mut() {
                if let Some(alt) = single_non_ascii(cell.symbol()).and_then(chrome_alt) {
                    cell.set_char(alt);
                }
            }
        }
        if !w.text {
            continue;
        }
        // Pane rows: runs between vertical borders.
        let mut start = 0;
        for x in 0..=row.len() {
            if x == row.len() || is_vertical_border(row[x].symbol()) {
                widen_run(row, start, x);
                start = x + 1;
            }
        }
    }
}

/// The symbol's one char when it is a single non-ASCII char (ASCII is never
/// ambiguous: the fast path for most cells).
fn single_non_ascii(s: &str) -> Option<char> {
    if s.len() <= 1 {
        return None;
    }
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Columns a cell covers: its forced width, else its symbol's width.
fn cell_width(cell: &Cell) -> usize {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(n) => n.get() as usize,
        _ if cell.symbol().len() == 1 => 1,
        _ => cell.symbol().width().max(1),
    }
}

/// Gives every ambiguous glyph in cells `x0..x1` of `row` two cells. The
/// cells after it move right by one up to the run's rightmost filler (a
/// blank or a horizontal line, which is dropped), so a title in a border
/// eats a dash and a text line its trailing blank; a run with no filler
/// drops its last cell instead (never a closing box corner).
fn widen_run(row: &mut [Cell], x0: usize, x1: usize) {
    let two = NonZeroU16::new(2).expect("2 is not zero");
    let mut x = x0;
    while x < x1 {
        let cell = &row[x];
        let amb = single_non_ascii(cell.symbol()).is_some_and(is_ambiguous);
        if !amb || matches!(cell.diff_option, CellDiffOption::ForcedWidth(_)) {
            x += cell_width(cell);
            continue;
        }
        let end = if x1 - 1 > x && is_corner(row[x1 - 1].symbol()) {
            x1 - 1
        } else {
            x1
        };
        if x + 1 >= end {
            // No room for a second cell: a blank, rather than a glyph that
            // would push the border.
            row[x].set_char(' ');
            x += 1;
            continue;
        }
        let last = end - 1;
        let k = rightmost_filler(row, x + 1, end).unwrap_or(last);
        row[x + 1..=k].rotate_right(1);
        // A wide character moved onto the run's last cell has no room for
        // its second half: a blank instead.
        if k == last && k > x + 1 && row[k].symbol().width() > 1 {
            row[k].set_char(' ');
        }
        let style = row[x].style();
        row[x].set_diff_option(CellDiffOption::ForcedWidth(two));
        let tail = &mut row[x + 1];
        tail.reset();
        tail.set_style(style);
        tail.set_diff_option(CellDiffOption::Skip);
        x += 2;
    }
}

/// The rightmost cell in `from..to` of `row` that can be dropped without
/// losing anything: a blank or a horizontal line, not the second half of a
/// wide character (which also looks blank).
fn rightmost_filler(row: &[Cell], from: usize, to: usize) -> Option<usize> {
    let mut found = None;
    let mut x = from;
    while x < to {
        let cell = &row[x];
        let w = cell_width(cell);
        if w == 1
            && matches!(
                cell.diff_option,
                CellDiffOption::None | CellDiffOption::AlwaysUpdate
            )
            && matches!(cell.symbol(), " " | "-" | "─" | "━" | "═")
        {
            found = Some(x);
        }
        x += w;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::{Constraint, Layout, Rect};
    use ratatui::style::{Color, Style};
    use ratatui::widgets::{Block, Paragraph};

    /// What a terminal with widths `w` shows for `buf` drawn from scratch
    /// by ratatui's crossterm backend: per row, (column, symbol) of every
    /// glyph, and whether any glyph was drawn over the one before it.
    fn as_terminal_shows(buf: &Buffer, w: Widths) -> (Vec<Vec<(usize, String)>>, bool) {
        let a = buf.area;
        let mut rows = Vec::new();
        let mut overlap = false;
        for y in a.top()..a.bottom() {
            let mut col = 0;
            let mut last_x: Option<u16> = None;
            let mut out = Vec::new();
            let mut x = a.left();
            while x < a.right() {
                let cell = &buf[(x, y)];
                let sym = cell.symbol().to_string();
                // The backend moves the cursor only when the previous cell it
                // sent was not the one just left of this one; otherwise the
                // glyph lands wherever the terminal's cursor got to.
                if last_x.is_none_or(|l| l + 1 != x) {
                    overlap |= (x as usize) < col;
                    col = x as usize;
                }
                last_x = Some(x);
                out.push((col, sym.clone()));
                col += str_width(&sym, w).max(1);
                let step = match cell.diff_option {
                    CellDiffOption::ForcedWidth(n) => n.get(),
                    _ => sym.width().max(1) as u16,
                };
                x += step;
            }
            overlap |= col > a.right() as usize;
            rows.push(out);
        }
        (rows, overlap)
    }

    /// Columns where each row shows a vertical border.
    fn border_cols(rows: &[Vec<(usize, String)>]) -> Vec<Vec<usize>> {
        rows.iter()
            .map(|r| {
                r.iter()
                    .filter(|(_, s)| {
                        is_vertical_border(s) || s == "+" || s.starts_with(['┌', '┐', '└', '┘'])
                    })
                    .map(|(c, _)| *c)
                    .collect()
            })
            .collect()
    }

    /// Two bordered panes of document text full of ambiguous characters.
    fn draw(w: u16, h: u16, fix: Option<Widths>) -> Buffer {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let text = "支持“专精特新”中小企业——①融资担保…温度±5°C×2。";
        term.draw(|f| {
            let [l, r] = Layout::horizontal([Constraint::Percentage(40), Constraint::Fill(1)])
                .areas(f.area());
            f.render_widget(
                Paragraph::new("（一）加强…\n·目录").block(Block::bordered().title("目录")),
                l,
            );
            let inner = Block::bordered().inner(r);
            // Wrapped by hand with the wide widths, as the reader would be.
            let mut lines = Vec::new();
            let mut line = String::new();
            let width = fix.unwrap_or(Widths::NARROW);
            for c in text.chars() {
                if str_width(&line, width) + str_width(&c.to_string(), width) > inner.width as usize
                {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
            lines.push(line);
            f.render_widget(
                Paragraph::new(lines.join("\n"))
                    .style(Style::default().fg(Color::Magenta))
                    .block(Block::bordered().title("正文")),
                r,
            );
            if let Some(wd) = fix {
                fix_buffer(f.buffer_mut(), wd);
            }
        })
        .unwrap();
        term.backend().buffer().clone()
    }

    /// Every row's borders in the same columns, no glyph over another, none
    /// past the right edge.
    fn aligned(buf: &Buffer, w: Widths) -> bool {
        let (rows, overlap) = as_terminal_shows(buf, w);
        let cols = border_cols(&rows);
        !overlap && cols.windows(2).all(|p| p[0] == p[1])
    }

    #[test]
    fn unfixed_frame_falls_apart_in_a_wide_terminal() {
        let b = draw(50, 8, None);
        assert!(aligned(&b, Widths::NARROW));
        assert!(!aligned(&b, Widths::WIDE));
    }

    #[test]
    fn fixed_frame_stays_aligned_at_several_sizes() {
        for (w, h) in [(80, 12), (50, 8), (30, 6), (12, 4)] {
            let b = draw(w, h, Some(Widths::WIDE));
            assert!(aligned(&b, Widths::WIDE), "{w}x{h}:\n{b:?}");
            // No box-drawing glyph is left to be drawn double.
            let left: Vec<_> = b
                .content()
                .iter()
                .filter(|c| {
                    c.symbol().chars().any(is_ambiguous) && c.diff_option == CellDiffOption::None
                })
                .collect();
            assert!(left.is_empty(), "{w}x{h}: {left:?}");
        }
    }

    #[test]
    fn text_glyphs_get_two_cells_and_keep_their_order() {
        let mut b = Buffer::empty(Rect::new(0, 0, 12, 1));
        b.set_string(0, 0, "“新”a", Style::default().fg(Color::Red));
        fix_buffer(&mut b, Widths::WIDE);
        let syms: Vec<&str> = b.content().iter().map(|c| c.symbol()).collect();
        assert_eq!(&syms[..7], ["“", " ", "新", " ", "”", " ", "a"]);
        assert_eq!(
            b[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
        );
        assert_eq!(b[(1, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(b[(1, 0)].fg, Color::Red, "the second half keeps the style");
        assert_eq!(b[(5, 0)].diff_option, CellDiffOption::Skip);
    }

    #[test]
    fn a_full_run_drops_its_last_cell_not_the_border() {
        let mut b = Buffer::empty(Rect::new(0, 0, 6, 1));
        b.set_string(0, 0, "│“abc│", Style::default());
        fix_buffer(
            &mut b,
            Widths {
                boxes: false,
                text: true,
            },
        );
        let syms: String = b.content().iter().map(|c| c.symbol()).collect();
        assert_eq!(syms, "│“ ab│");
        // A title in a top border eats a dash, not the corner.
        let mut b = Buffer::empty(Rect::new(0, 0, 10, 1));
        b.set_string(0, 0, "┌“题”────┐", Style::default());
        fix_buffer(&mut b, Widths::WIDE);
        let syms: String = b.content().iter().map(|c| c.symbol()).collect();
        assert_eq!(syms, "+“ 题 ” --+");
        // No dash left: the title loses its end, the corner stays.
        let mut b = Buffer::empty(Rect::new(0, 0, 6, 1));
        b.set_string(0, 0, "┌“ab”┐", Style::default());
        fix_buffer(&mut b, Widths::WIDE);
        let syms: String = b.content().iter().map(|c| c.symbol()).collect();
        assert_eq!(syms, "+“ ab+");
        // Between words, a trailing blank goes first.
        let mut b = Buffer::empty(Rect::new(0, 0, 8, 1));
        b.set_string(0, 0, "“a b  c", Style::default());
        fix_buffer(&mut b, Widths::WIDE);
        let syms: String = b.content().iter().map(|c| c.symbol()).collect();
        assert_eq!(syms, "“ a b  c");
        // With no room for a second cell the glyph becomes a blank.
        let mut b = Buffer::empty(Rect::new(0, 0, 3, 1));
        b.set_string(0, 0, "│“│", Style::default());
        fix_buffer(&mut b, Widths::WIDE);
        let syms: String = b.content().iter().map(|c| c.symbol()).collect();
        assert_eq!(syms, "| |");
    }

    #[test]
    fn narrow_is_a_no_op_and_fixing_twice_changes_nothing() {
        let b0 = draw(40, 6, None);
        let mut b = b0.clone();
        fix_buffer(&mut b, Widths::NARROW);
        assert_eq!(b, b0);
        let mut once = draw(40, 6, Some(Widths::WIDE));
        let twice = {
            fix_buffer(&mut once, Widths::WIDE);
            once.clone()
        };
        assert_eq!(twice, draw(40, 6, Some(Widths::WIDE)));
    }

    #[test]
    fn chrome_alternatives_are_narrow_everywhere() {
        for c in [
            '─', '│', '┌', '┐', '└', '┘', '├', '┼', '╭', '╯', '▶', '▼', '↑', '↓', '←', '→',
        ] {
            let alt = chrome_alt(c).unwrap_or_else(|| panic!("{c}"));
            assert!(alt.is_ascii() && !is_ambiguous(alt), "{c}");
        }
        assert_eq!(chrome_alt('“'), None);
        assert_eq!(chrome_alt('中'), None);
    }

    #[test]
    fn ambiguous_means_ambiguous() {
        for c in ['“', '”', '…', '—', '·', '①', '°', '×', '─', '│', '▶'] {
            assert!(is_ambiguous(c), "{c}");
        }
        for c in ['a', '中', '（', '，', '。', ' ', '|'] {
            assert!(!is_ambiguous(c), "{c}");
        }
        assert_eq!(str_width("“新”", Widths::WIDE), 6);
        assert_eq!(str_width("“新”", Widths::NARROW), 4);
    }

    #[test]
    fn answers_are_parsed_from_noisy_input() {
        let w = |s: &str| parse_answers(s.as_bytes());
        assert_eq!(w("\x1b[5;2R\x1b[5;3R"), Some(Widths::NARROW));
        assert_eq!(w("\x1b[5;3R\x1b[5;5R"), Some(Widths::WIDE));
        assert_eq!(
            w("\x1b[5;2R\x1b[5;4R"),
            Some(Widths {
                boxes: false,
                text: true
            })
        );
        // A key typed meanwhile, and an answer split across reads.
        assert_eq!(w("j\x1b[A\x1b[12;3R\x1b[12;5R"), Some(Widths::WIDE));
        assert_eq!(w("\x1b[12;3R\x1b[12"), None);
        assert_eq!(w(""), None);
        // Nonsense columns (a terminal that ignores \r) are no answer.
        assert_eq!(w("\x1b[1;40R\x1b[1;41R"), None);
        assert_eq!(w("\x1b[1;99999999999R\x1b[1;2R"), None);
    }

    #[test]
    fn settings_flag_beats_env_and_bad_values_are_named() {
        assert_eq!(setting(None, None), Ok(Setting::Auto));
        assert_eq!(setting(None, Some("WIDE")), Ok(Setting::Wide));
        assert_eq!(setting(Some("narrow"), Some("wide")), Ok(Setting::Narrow));
        let e = setting(None, Some("huge")).unwrap_err();
        assert!(e.contains(ENV_VAR) && e.contains("huge"));
        assert!(
            setting(Some("x"), None)
                .unwrap_err()
                .starts_with("--ambiguous")
        );
        assert_eq!(detect(Setting::Wide).0, Widths::WIDE);
        assert_eq!(detect(Setting::Narrow), (Widths::NARROW, None));
    }
}

//! Demo for `scripts/xterm-check`: alternates a screen of CJK text with a
//! screen of agency-style bars and tags laid over it, the frame change that
//! makes xterm paint stray cells (see src/tui/repaint.rs). `n` shows the
//! next screen, `q` quits. With `--fix` every frame goes through
//! `repaint::mark_style_edges` first.
//!
//! cargo build --example ux_repaint_demo
//! scripts/xterm-check --size 60x16 --keys 'sleep 0.5;capture a;n;capture b;n;capture c;n;capture d;q' \
//!     -- target/debug/examples/ux_repaint_demo [--fix]

use zhengce::tui::repaint;

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};

const TEXT: &str = "加强财政资金支持通过中央财政有关专项资金引导地方加大对中小企业";
const NAMES: [&str; 6] = [
    "财政部",
    "各地方",
    "商务部",
    "人民银行",
    "科技部",
    "税务总局",
];

/// Screen `n`: even = CJK text, odd = bars and tags; shifted by a column
/// every other row so narrow cells land on wide characters' halves.
fn draw(buf: &mut Buffer, n: usize) {
    let a = buf.area;
    for y in a.top()..a.bottom() {
        let shift = ((y as usize + n / 2) % 2) as u16;
        if n.is_multiple_of(2) {
            buf.set_stringn(shift, y, TEXT, a.width as usize, Style::default());
            continue;
        }
        if y.is_multiple_of(2) {
            // " name  6 ████": equal counts, so equal bars.
            let name = NAMES[(y as usize / 2) % NAMES.len()];
            buf.set_stringn(1, y, name, 12, Style::default());
            buf.set_stringn(14, y, "6", 1, Style::default());
            buf.set_style(
                ratatui::layout::Rect::new(16 + shift, y, 9, 1),
                Style::default().bg(Color::Blue),
            );
        } else {
            // Tags with a one-cell gap, as in the reader.
            let tag = Style::default().fg(Color::Black).bg(Color::Cyan);
            let mut x = shift;
            for name in NAMES.iter().take(4) {
                let t = format!(" {name} ");
                x = buf
                    .set_stringn(x, y, &t, a.width.saturating_sub(x) as usize, tag)
                    .0
                    + 1;
            }
        }
    }
}

fn main() -> io::Result<()> {
    let fix = std::env::args().any(|a| a == "--fix");
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut n = 0;
    let r = (|| -> io::Result<()> {
        loop {
            term.draw(|f| {
                draw(f.buffer_mut(), n);
                if fix {
                    repaint::mark_style_edges(f.buffer_mut());
                }
            })?;
            if let Event::Key(k) = event::read()?
                && k.kind == KeyEventKind::Press
            {
                match k.code {
                    KeyCode::Char('q') => return Ok(()),
                    KeyCode::Char('n') => n += 1,
                    _ => {}
                }
            }
        }
    })();
    drop(term);
    execute!(io::stdout(), LeaveAlternateScreen, crossterm::cursor::Show)?;
    disable_raw_mode()?;
    r
}

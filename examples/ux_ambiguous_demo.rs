//! Demo for the wide-ambiguous mode (src/tui/ambiguous.rs): two bordered
//! panes of text full of East Asian ambiguous characters. The mode comes from
//! `--ambiguous wide|narrow|auto` or `ZHENGCE_AMBIGUOUS` (auto probes the
//! terminal before the alternate screen); the left pane's title says what was
//! chosen; on exit stderr gets the probe's round trip. Any key quits.
//!
//! cargo build --example ux_ambiguous_demo
//! scripts/xterm-check --cjk-width --size 60x14 --keys 'sleep 0.5;capture a;q' \
//!     -- target/debug/examples/ux_ambiguous_demo

use zhengce::tui::ambiguous;

use std::io;

use ambiguous::{Widths, str_width};
use crossterm::event::{self, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Paragraph};

const TEXT: &str = "通过中央财政有关专项资金引导地方加大对“专精特新”中小企业的支持力度——①融资担保…温度±5°C×2。各地发挥中小企业发展专项资金作用。";

/// Wraps `text` to `width` cells as a terminal with widths `w` counts them.
fn wrap(text: &str, width: usize, w: Widths) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        let cw = str_width(c.encode_utf8(&mut [0; 4]), w);
        if str_width(&line, w) + cw > width {
            lines.push(std::mem::take(&mut line));
        }
        line.push(c);
    }
    lines.push(line);
    lines.join("\n")
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let flag = args
        .iter()
        .position(|a| a == "--ambiguous")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str);
    let env = std::env::var(ambiguous::ENV_VAR).ok();
    let setting = ambiguous::setting(flag, env.as_deref()).map_err(io::Error::other)?;
    enable_raw_mode()?;
    // The probe runs in raw mode, before the alternate screen.
    let (widths, probe) = ambiguous::detect(setting);
    execute!(io::stdout(), EnterAlternateScreen)?;
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mode = match (widths.any(), probe.is_some()) {
        (true, true) => "宽 wide (probed)",
        (false, true) => "窄 narrow (probed)",
        (true, false) => "宽 wide (set)",
        (false, false) => "窄 narrow",
    };
    let r = (|| -> io::Result<()> {
        loop {
            term.draw(|f| {
                let [l, r] = Layout::horizontal([Constraint::Percentage(40), Constraint::Fill(1)])
                    .areas(f.area());
                let left = wrap(
                    "目录·（一）加强财政资金支持…→（二）高质量落实惠企税收政策",
                    l.width.saturating_sub(2) as usize,
                    widths,
                );
                f.render_widget(Paragraph::new(left).block(Block::bordered().title(mode)), l);
                let body = wrap(TEXT, r.width.saturating_sub(2) as usize, widths);
                f.render_widget(
                    Paragraph::new(body)
                        .style(Style::default().fg(Color::Magenta))
                        .block(Block::bordered().title("正文 “原文”")),
                    r,
                );
                ambiguous::fix_buffer(f.buffer_mut(), widths);
            })?;
            if let Event::Key(k) = event::read()?
                && k.kind == KeyEventKind::Press
            {
                return Ok(());
            }
        }
    })();
    drop(term);
    execute!(io::stdout(), LeaveAlternateScreen, crossterm::cursor::Show)?;
    disable_raw_mode()?;
    // After the screen is restored: the probe's round trip, for the record.
    match probe {
        Some(p) => eprintln!("ambiguous: {widths:?}, probe round trip {:?}", p.round_trip),
        None => eprintln!("ambiguous: {widths:?}, no probe answer or not probed"),
    }
    r
}

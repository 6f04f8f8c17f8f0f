//! Cost per frame of the two buffer post-passes of issue 10 (they run on
//! every redraw once wired): the xterm repaint marking and the
//! wide-ambiguous fix. A synthetic frame like the browser's (two bordered
//! panes of CJK text with quotes, tags and a reversed row), so the bench
//! does not depend on the browser's API while it is being restructured.
//! (`unused_imports`: with harness = false the modules' #[test] functions
//! are dropped, leaving their imports unused.)

use zhengce::tui::ambiguous;
use zhengce::tui::repaint;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Widget};

fn frame(w: u16, h: u16) -> Buffer {
    let mut b = Buffer::empty(Rect::new(0, 0, w, h));
    let left = Rect::new(0, 0, w * 2 / 5, h - 1);
    let right = Rect::new(left.width, 0, w - left.width, h - 1);
    Block::bordered().title("目录").render(left, &mut b);
    Block::bordered()
        .title("（十二）加强工业互联网赋能")
        .render(right, &mut b);
    let text = "加强工业互联网赋能。开展“工业互联网平台赋能深度行”活动……为中小企业提供数字化转型评价诊断服务和解决方案。";
    let tag = Style::default().fg(Color::Black).bg(Color::Cyan);
    for y in 1..h - 2 {
        b.set_stringn(
            2,
            y,
            "（十一）推动数字化产品应用",
            left.width as usize - 3,
            Style::default(),
        );
        if y % 4 == 3 {
            let mut x = right.x + 1;
            for n in ["工业和信息化部", "全国工商联", "人民银行"] {
                x = b.set_stringn(x, y, format!(" {n} "), 30, tag).0 + 1;
            }
        } else {
            b.set_stringn(
                right.x + 1,
                y,
                text,
                right.width as usize - 2,
                Style::default(),
            );
        }
    }
    b.set_style(
        Rect::new(1, 5, left.width - 2, 1),
        Style::default().add_modifier(Modifier::REVERSED),
    );
    b.set_stringn(
        0,
        h - 1,
        "措施 12/34  部分 4/11  ? 帮助  / 搜索  q 退出",
        w as usize,
        Style::default().add_modifier(Modifier::REVERSED),
    );
    b
}

fn passes(c: &mut Criterion) {
    for (w, h) in [(120, 40), (200, 60)] {
        let f = frame(w, h);
        c.bench_function(&format!("repaint::mark_style_edges {w}x{h}"), |b| {
            b.iter_batched_ref(
                || f.clone(),
                |buf| repaint::mark_style_edges(black_box(buf)),
                criterion::BatchSize::SmallInput,
            )
        });
        c.bench_function(&format!("ambiguous::fix_buffer wide {w}x{h}"), |b| {
            b.iter_batched_ref(
                || f.clone(),
                |buf| ambiguous::fix_buffer(black_box(buf), ambiguous::Widths::WIDE),
                criterion::BatchSize::SmallInput,
            )
        });
        c.bench_function(
            &format!("ambiguous::fix_buffer narrow (no-op) {w}x{h}"),
            |b| {
                b.iter_batched_ref(
                    || f.clone(),
                    |buf| ambiguous::fix_buffer(black_box(buf), ambiguous::Widths::NARROW),
                    criterion::BatchSize::SmallInput,
                )
            },
        );
    }
}

/// The search screen with its preview (160x45, the size): one
/// keystroke's redraw, i.e. `view::draw` with both passes, after a query.
fn search_screen(c: &mut Criterion) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use zhengce::tui::{Lang, app::App, keymap};
    let mut app = App::new(zhengce::doc::Document::embedded(), Lang::Zh, false, 160, 45);
    for ch in "/融资".chars() {
        let k = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(keymap::key(app.mode(), &k));
    }
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).expect("terminal");
    c.bench_function("search screen with preview, draw 160x45", |b| {
        b.iter(|| {
            term.draw(|f| zhengce::tui::view::draw(black_box(&app), f))
                .expect("draw");
        })
    });
}

criterion_group!(benches, passes, search_screen);
criterion_main!(benches);

//! The library level: the document list, search across documents, the
//! agency index across documents and an agency's tasks; and, in an open
//! document, the link to a document the selected item cites.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::theme::Theme;
use super::{layout, pane, put};
use crate::library::Role;
use crate::text;
use crate::tui::Lang;
use crate::tui::app::App;
use crate::tui::state::library::{Order, Screen, Shelf};
use crate::tui::state::list::ListCursor;

fn say(app: &App, zh: &'static str, en: &'static str) -> &'static str {
    match app.lang() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Draws the library screen into `main` and its status line; returns the
/// search bar's cursor.
pub fn render(
    app: &App,
    s: &Shelf,
    main: Rect,
    status: Rect,
    buf: &mut Buffer,
    th: &Theme,
) -> Option<Position> {
    let mut cursor = None;
    match s.screen() {
        Screen::List => list(app, s, main, buf, th),
        Screen::Search => cursor = search(app, s, main, buf, th),
        Screen::Agencies => agencies(app, s, main, buf, th),
        Screen::Tasks => tasks(app, s, main, buf, th),
    }
    let hint = match s.screen() {
        Screen::List => say(
            app,
            "Enter 打开  / 搜索全部  a 部门  o 排序  ? 帮助  q 退出",
            "Enter open  / search  a agencies  o order  ? help  q quit",
        ),
        Screen::Search => say(
            app,
            "Enter 打开  d:文号/标题 限定文件  Esc 返回",
            "Enter open  d:number/title narrows  Esc back",
        ),
        Screen::Agencies => say(app, "Enter 任务  Esc 返回", "Enter tasks  Esc back"),
        Screen::Tasks => say(app, "Enter 打开  Esc 返回", "Enter open  Esc back"),
    };
    let (line, style) = match app.message() {
        Some(m) => (m, th.message()),
        None => (hint, th.status()),
    };
    buf.set_style(status, th.status());
    put(buf, status.x, status.y, line, status.width as usize, style);
    cursor
}

/// Highlights row `y` when it is the selected one; the style to write with.
fn row_style(buf: &mut Buffer, t: Rect, y: u16, h: u16, selected: bool, th: &Theme) -> Style {
    if selected {
        buf.set_style(Rect::new(t.x, y, t.width, h), th.selected(true));
        th.selected(true)
    } else {
        th.text()
    }
}

/// Writes `cells` left to right with one space between, each cut to its width.
fn columns(buf: &mut Buffer, t: Rect, y: u16, cells: &[(&str, usize)], style: Style) {
    let mut x = t.x as usize + 1;
    for (s, w) in cells {
        let room = (t.right() as usize).saturating_sub(x);
        if room == 0 || *w == 0 {
            break;
        }
        put(buf, x as u16, y, s, (*w).min(room), style);
        x += w + 1;
    }
}

/// Visible rows below a one-line header, and the range of items they show.
fn window(t: Rect, cur: &ListCursor, len: usize, per: usize) -> impl Iterator<Item = (usize, u16)> {
    let rows = (t.height as usize).saturating_sub(1) / per.max(1);
    (cur.offset()..len.min(cur.offset() + rows))
        .map(move |i| (i, t.y + 1 + ((i - cur.offset()) * per) as u16))
}

fn list(app: &App, s: &Shelf, r: Rect, buf: &mut Buffer, th: &Theme) {
    let order = match s.order() {
        Order::Newest => say(app, "按日期", "newest first"),
        Order::Issuer => say(app, "按发文机关", "by issuer"),
    };
    let title = format!("{} ({}) · {order}", say(app, "文件库", "Library"), s.len());
    pane(buf, r, &title, true, th);
    let t = layout::inner(r);
    if t.is_empty() {
        return;
    }
    let width = (t.width as usize).saturating_sub(2);
    // Columns that fit: date and count always, 文号 and issuer when wide.
    let (num_w, iss_w) = match width {
        w if w >= 100 => (20, 20),
        w if w >= 70 => (16, 0),
        _ => (0, 0),
    };
    let count_w = 5;
    let fixed = 10 + num_w + iss_w + count_w + 4;
    let title_w = width.saturating_sub(fixed).max(4);
    let head = [
        (say(app, "日期", "Date"), 10),
        (say(app, "文号", "Number"), num_w),
        (say(app, "标题", "Title"), title_w),
        (say(app, "发文机关", "Issuer"), iss_w),
        (say(app, "措施", "Meas."), count_w),
    ];
    let head: Vec<(&str, usize)> = head.into_iter().filter(|(_, w)| *w > 0).collect();
    columns(buf, t, t.y, &head, th.dim());
    let rows: Vec<_> = s.rows().collect();
    for (i, y) in window(t, s.list(), rows.len(), 1) {
        let e = rows[i];
        let style = row_style(buf, t, y, 1, i == s.list().selected(), th);
        let count = format!("{:>5}", e.measures);
        let cells = [
            (e.date.as_str(), 10),
            (e.number.as_str(), num_w),
            (e.title.as_str(), title_w),
            (e.issuer.as_str(), iss_w),
            (count.as_str(), count_w),
        ];
        let cells: Vec<(&str, usize)> = cells.into_iter().filter(|(_, w)| *w > 0).collect();
        columns(buf, t, y, &cells, style);
    }
    if rows.is_empty() {
        put(
            buf,
            t.x + 1,
            t.y + 1,
            say(app, "文件库是空的", "The library is empty"),
            width,
            th.dim(),
        );
    }
}

fn search(app: &App, s: &Shelf, r: Rect, buf: &mut Buffer, th: &Theme) -> Option<Position> {
    let title = format!(
        "{} ({})",
        say(app, "搜索全部文件", "Search all documents"),
        s.results().len()
    );
    pane(buf, r, &title, true, th);
    let t = layout::inner(r);
    if t.is_empty() {
        return None;
    }
    let width = (t.width as usize).saturating_sub(2);
    let q = format!("/ {}", s.editor().text());
    put(buf, t.x + 1, t.y, &q, width, th.bold());
    let before = &s.editor().text()[..s.editor().cursor()];
    let cx = t.x as usize + 3 + text::width(before);
    let cursor = (cx < t.right() as usize).then(|| Position::new(cx as u16, t.y));
    if let Some(e) = s.error() {
        put(buf, t.x + 1, t.y + 1, e, width, th.error());
        return cursor;
    }
    let per = layout::rows_per_result(t.height);
    for (i, y) in window(t, s.results_cursor(), s.results().len(), per) {
        let h = &s.results()[i];
        let style = row_style(
            buf,
            t,
            y,
            per as u16,
            i == s.results_cursor().selected(),
            th,
        );
        // "~ " before a guess, as in a document's result list and the CLI.
        let mark = if h.approximate { "~ " } else { "" };
        let head = if h.item.is_empty() {
            format!("{mark}{}", h.doc)
        } else {
            format!("{mark}{} · {}", h.doc, h.item)
        };
        put(buf, t.x + 1, y, &head, width, style.patch(th.bold()));
        if per > 1 && y + 1 < t.bottom() {
            let snip: String = h.snippet.split_whitespace().collect::<Vec<_>>().join(" ");
            put(buf, t.x + 3, y + 1, &snip, width.saturating_sub(2), style);
        }
    }
    if s.results().is_empty() && !s.editor().is_empty() {
        put(
            buf,
            t.x + 1,
            t.y + 1,
            say(app, "没有结果", "No results"),
            width,
            th.dim(),
        );
    }
    cursor
}

fn agencies(app: &App, s: &Shelf, r: Rect, buf: &mut Buffer, th: &Theme) {
    let title = format!(
        "{} ({})",
        say(app, "全部文件的部门", "Agencies across documents"),
        s.loads().len()
    );
    pane(buf, r, &title, true, th);
    let t = layout::inner(r);
    if t.is_empty() {
        return;
    }
    let width = (t.width as usize).saturating_sub(2);
    let name_w = width.saturating_sub(24).clamp(4, 30);
    let head = [
        (say(app, "部门", "Agency"), name_w),
        (say(app, "措施", "Meas."), 6),
        (say(app, "牵头", "Lead"), 6),
        (say(app, "文件", "Docs"), 6),
    ];
    columns(buf, t, t.y, &head, th.dim());
    for (i, y) in window(t, s.loads_cursor(), s.loads().len(), 1) {
        let l = &s.loads()[i];
        let style = row_style(buf, t, y, 1, i == s.loads_cursor().selected(), th);
        let (m, ld, d) = (
            format!("{:>6}", l.measures),
            format!("{:>6}", l.lead),
            format!("{:>6}", l.documents),
        );
        columns(
            buf,
            t,
            y,
            &[(&l.name, name_w), (&m, 6), (&ld, 6), (&d, 6)],
            style,
        );
    }
}

fn tasks(app: &App, s: &Shelf, r: Rect, buf: &mut Buffer, th: &Theme) {
    let agency = s.tasks_agency().unwrap_or("");
    let title = format!("{agency} ({})", s.tasks().len());
    pane(buf, r, &title, true, th);
    let t = layout::inner(r);
    if t.is_empty() {
        return;
    }
    let width = (t.width as usize).saturating_sub(2);
    let role_w = 6;
    let doc_w = (width / 3).clamp(8, 40);
    let item_w = width.saturating_sub(doc_w + role_w + 2).max(4);
    let head = [
        (say(app, "文件", "Document"), doc_w),
        (say(app, "措施", "Measure"), item_w),
        (say(app, "角色", "Role"), role_w),
    ];
    columns(buf, t, t.y, &head, th.dim());
    for (i, y) in window(t, s.tasks_cursor(), s.tasks().len(), 1) {
        let k = &s.tasks()[i];
        let style = row_style(buf, t, y, 1, i == s.tasks_cursor().selected(), th);
        // Document by document: its name only on its first row.
        let first = i == 0 || s.tasks()[i - 1].id != k.id;
        let doc = if first {
            if k.number.is_empty() {
                k.document.clone()
            } else {
                k.number.clone()
            }
        } else {
            String::new()
        };
        let item = format!("{}{}", k.label, k.title);
        let role = match k.role {
            Role::Lead => say(app, "牵头", "lead"),
            Role::Co => say(app, "协同", "co"),
            Role::Responsible => say(app, "负责", "resp."),
        };
        columns(
            buf,
            t,
            y,
            &[(&doc, doc_w), (&item, item_w), (role, role_w)],
            style,
        );
    }
}

/// In an open document: the document the selected item cites, on the
/// reader's bottom border, with the key that follows it.
pub fn link_hint(app: &App, reader: Rect, buf: &mut Buffer, th: &Theme) {
    let Some(s) = app.library_state() else { return };
    let links = app.links_here();
    let Some(first) = links.first() else { return };
    if reader.width < 8 || reader.height < 2 {
        return;
    }
    let more = if links.len() > 1 {
        format!(" +{}", links.len() - 1)
    } else {
        String::new()
    };
    let s = format!(" ] → {}{more} ", s.describe(&first.to));
    let y = reader.bottom() - 1;
    put(
        buf,
        reader.x + 1,
        y,
        &s,
        (reader.width - 2) as usize,
        th.tag(),
    );
}

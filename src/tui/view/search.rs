//! The search pane: the query bar and live results, two rows each (one
//! when the terminal is too short for two).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{char_to_byte, layout, marked_spans, pane, put, put_line};
use crate::text;
use crate::tui::app::App;

/// Draws the pane; returns the cursor position in the query bar.
pub fn render(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) -> Option<Position> {
    let w = app.words();
    let s = app.search();
    let query = s.query();
    let cur = s.editor().cursor();
    let (r, preview_r) = layout::search_panes(r);
    pane(buf, r, w.search, true, th);
    if let Some(p) = preview_r {
        preview(app, p, buf, th);
    }
    let t = layout::inner(r);
    if t.is_empty() {
        return None;
    }
    let width = t.width as usize;
    // The bar: "/ query", scrolled so the cursor stays inside it.
    let field = width.saturating_sub(2);
    let before = &query[..cur];
    // Room for the character under the cursor (two cells if it is CJK), or
    // for the cursor itself at the end.
    let under = query[cur..]
        .chars()
        .next()
        .map_or(1, |c| text::char_width(c).max(1));
    let start = before.len() - text::suffix_by_width(before, field.saturating_sub(under)).len();
    let shown = text::prefix_by_width(&query[start..], field);
    put(buf, t.x, t.y, "/", width, th.label());
    if width > 2 {
        put(buf, t.x + 2, t.y, shown, field, th.bold());
    }
    let cx = t.x + 2 + text::width(&query[start..cur]) as u16;
    let cursor = Position::new(cx.min(t.right().saturating_sub(1)), t.y);
    if t.height < 2 {
        return Some(cursor);
    }
    // The count line: results, an error, or a hint.
    let notes = s.notes();
    let (mut info, style) = match (s.error(), s.results().len()) {
        (Some(e), _) => (e.to_string(), th.error()),
        (None, 0) if query.trim().is_empty() => (w.type_to_search.to_string(), th.dim()),
        (None, 0) => (w.no_results.to_string(), th.dim()),
        (None, _) if notes.related => (w.related.to_string(), th.dim()),
        (None, 1) => (format!("1 {}", w.result), th.dim()),
        (None, n) => (format!("{n} {}", w.results), th.dim()),
    };
    // Say how the query was widened or cut, so a hit never looks like
    // something it is not.
    if s.error().is_none() {
        if !notes.also_searched.is_empty() {
            info.push_str(&format!(
                "  {}: {}",
                w.also_searched,
                notes.also_searched.join(" · ")
            ));
        }
        if !notes.ignored.is_empty() {
            info.push_str(&format!(
                "  {}: {}",
                w.not_searched,
                notes.ignored.join(" ")
            ));
        }
    }
    put(buf, t.x, t.y + 1, &info, width, style);
    let (first, rows, per) = layout::results(r);
    let offset = s.cursor().offset();
    for (k, f) in s.results().iter().enumerate().skip(offset).take(rows / per) {
        let y = first + (per * (k - offset)) as u16;
        let selected = k == s.cursor().selected();
        let base = if selected {
            th.selected(true)
        } else {
            th.text()
        };
        if selected {
            buf.set_style(Rect::new(t.x, y, t.width, per as u16), base);
        }
        let (label, title, agencies) = match app.item(f.node) {
            Some(it) => (it.label.as_str(), it.title.as_str(), it.agencies.join(" ")),
            None => ("", app.doc().title.as_str(), String::new()),
        };
        // Row 1: label, title (matches marked), the hit count, agencies.
        // Labelled, so "5 处" never reads like a measure number （五）.
        let count = match f.places() {
            0 | 1 => String::new(),
            n => format!("  {n} {}", w.hits),
        };
        // "~ " before a guess (homophone, fuzzy pinyin, fuzzy, related), as
        // in the CLI: an approximate hit never looks like a match of what was
        // typed. (ASCII: "≈" is East Asian ambiguous, two cells in some terminals.)
        let mark = if f.approximate() { "~ " } else { "" };
        let head = format!("{mark}{label}{title}");
        let at = mark.len() + label.len();
        let marks: Vec<_> = char_to_byte(title, &f.title)
            .into_iter()
            .map(|r| (r.start + at..r.end + at, th.matched()))
            .collect();
        let room = width.saturating_sub(text::width(&count));
        let head_line = fit(&head, &marks, room, base);
        let mut spans = head_line;
        spans.push(Span::styled(count, base));
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        if !agencies.is_empty() && used + 4 < width {
            spans.push(Span::styled(
                format!("  {}", text::truncate(&agencies, width - used - 2)),
                if selected { base } else { th.dim() },
            ));
        }
        put_line(buf, t.x, y, &Line::from(spans), t.width);
        // Row 2: a snippet around the body match; a result matched only in
        // its title or agencies shows the start of its text.
        if per == 2 && !f.body_hit() && width > 4 {
            let (lead, title) = app
                .item(f.node)
                .map_or(("", ""), |it| (it.text.as_str(), it.title.as_str()));
            let lead = lead.lines().next().unwrap_or("");
            // A section's text often is its title again: nothing new to show.
            let lead = if lead.trim().trim_end_matches('。') == title {
                ""
            } else {
                lead
            };
            let lead = text::truncate(lead, width - 2);
            put(
                buf,
                t.x + 2,
                y + 1,
                &lead,
                width - 2,
                if selected { base } else { th.dim() },
            );
        }
        if per == 2 && f.body_hit() && width > 4 {
            let (snip, hl) = app.finder().snippet(f, width - 2);
            let marks: Vec<_> = char_to_byte(&snip, &hl)
                .into_iter()
                .map(|r| (r, th.matched()))
                .collect();
            let spans = fit(&snip, &marks, width - 2, base);
            put_line(buf, t.x + 2, y + 1, &Line::from(spans), t.width - 2);
        }
    }
    Some(cursor)
}

/// The selected result's text beside the results (from [`layout::PREVIEW`]
/// columns): wrapped as the reader wraps it, matches highlighted, scrolled
/// to the first match, agencies included.
fn preview(app: &App, r: Rect, buf: &mut Buffer, th: &Theme) {
    let s = app.search();
    let f = s.results().get(s.cursor().selected());
    let title = match f.and_then(|f| app.item(f.node)) {
        Some(it) => format!("{} {}{}", app.words().preview, it.label, it.title),
        None => app.words().preview.to_string(),
    };
    pane(buf, r, &title, false, th);
    let t = layout::text_area(r);
    let Some(f) = f else { return };
    if t.is_empty() {
        return;
    }
    let doc = crate::tui::reader_lines::build(&crate::tui::reader_lines::ReaderInput {
        doc: app.doc(),
        outline: app.outline(),
        node: f.node,
        width: t.width as usize,
        marks: Some((f, 0)),
        full_names: app.full_names(),
        lang: app.lang(),
        no_color: app.no_color(),
        agency_count: app.agencies().len(),
    });
    let h = t.height as usize;
    let first = doc.marks.first().copied().unwrap_or(0);
    let top = if first < h { 0 } else { first - h / 3 };
    let top = top.min(doc.lines.len().saturating_sub(h));
    for (i, line) in doc.lines.iter().skip(top).take(h).enumerate() {
        put_line(buf, t.x, t.y + i as u16, line, t.width);
    }
}

/// Rows a result takes (kept here for callers of the old path).
pub use crate::tui::layout::rows_per_result;

/// `s` with `marks` (byte ranges) styled, cut to `max` cells with an ellipsis.
fn fit(
    s: &str,
    marks: &[(std::ops::Range<usize>, ratatui::style::Style)],
    max: usize,
    base: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let mut sorted = marks.to_vec();
    sorted.sort_by_key(|(r, _)| r.start);
    if text::width(s) <= max {
        return marked_spans(s, 0..s.len(), &sorted, base);
    }
    let keep = text::prefix_by_width(s, max.saturating_sub(text::width(text::ELLIPSIS)));
    let mut spans = marked_spans(s, 0..keep.len(), &sorted, base);
    if max >= text::width(text::ELLIPSIS) {
        spans.push(Span::styled(text::ELLIPSIS, base));
    }
    spans
}

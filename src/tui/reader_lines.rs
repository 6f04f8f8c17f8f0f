//! The reader's lines: the selected node's text wrapped to the pane by
//! display width, with search matches styled, and the line each match is
//! on (so `n` can scroll it into view). Explicit inputs, no drawing: the
//! state builds and caches these, the view only copies them to the screen.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Lang;
use super::finder::Found;
use super::i18n;
use super::names;
use super::theme::Theme;
use crate::doc::outline::Outline;
use crate::doc::{Document, Item};
use crate::text;

/// The reader's content at one width.
pub struct ReaderDoc {
    pub lines: Vec<Line<'static>>,
    /// For each search match (title ones first, then text ones): its line.
    pub marks: Vec<usize>,
}

struct Builder<'t> {
    lines: Vec<Line<'static>>,
    width: usize,
    th: &'t Theme,
}

impl Builder<'_> {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.spans.is_empty()) || self.lines.is_empty() {
            return;
        }
        self.lines.push(Line::default());
    }

    /// Wraps `s` (paragraphs separated by '\n') with `marks` (byte ranges,
    /// any order) styled; returns the line each mark starts on, in the
    /// order given.
    fn para(&mut self, s: &str, base: Style, marks: &[(Range<usize>, Style)]) -> Vec<usize> {
        // Marks sorted by start (they never overlap), walked once alongside the
        // lines: a measure with 100k matches stays linear.
        let mut order: Vec<usize> = (0..marks.len()).collect();
        order.sort_by_key(|&i| marks[i].0.start);
        let sorted: Vec<(Range<usize>, Style)> = order.iter().map(|&i| marks[i].clone()).collect();
        let mut at: Vec<Option<usize>> = vec![None; marks.len()];
        let (mut first, mut next) = (0, 0);
        let mut po = 0;
        for p in s.split('\n') {
            for r in text::wrap_ranges(p, self.width) {
                let abs = po + r.start..po + r.end;
                let line = self.lines.len();
                // Marks starting before this line's end belong to it (those in
                // the whitespace dropped at a break included).
                while next < sorted.len() && sorted[next].0.start < abs.end.max(abs.start + 1) {
                    at[order[next]] = Some(line);
                    next += 1;
                }
                while first < sorted.len() && sorted[first].0.end <= abs.start {
                    first += 1;
                }
                self.lines
                    .push(Line::from(marked_spans(s, abs, &sorted[first..], base)));
            }
            po += p.len() + 1;
        }
        let last = self.lines.len().saturating_sub(1);
        at.into_iter().map(|l| l.unwrap_or(last)).collect()
    }

    /// [`Self::para`] without marks, every line indented by `indent` cells.
    fn indented(&mut self, s: &str, style: Style, indent: usize) {
        let keep = self.width;
        if keep <= indent + 2 {
            self.para(s, style, &[]);
            return;
        }
        self.width = keep - indent;
        let from = self.lines.len();
        self.para(s, style, &[]);
        self.width = keep;
        for l in &mut self.lines[from..] {
            l.spans.insert(0, Span::raw(" ".repeat(indent)));
        }
    }

    /// Agency names as tags, as many to a line as fit.
    fn tags(&mut self, names: &[String]) {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for n in names {
            let tag = format!(" {} ", text::truncate(n, self.width.saturating_sub(2)));
            let w = text::width(&tag);
            if w > self.width {
                continue;
            }
            let gap = usize::from(used > 0);
            if used + gap + w > self.width {
                self.lines.push(Line::from(std::mem::take(&mut spans)));
                used = 0;
            } else if gap == 1 {
                spans.push(Span::raw(" "));
                used += 1;
            }
            spans.push(Span::styled(tag, self.th.tag()));
            used += w;
        }
        if !spans.is_empty() {
            self.lines.push(Line::from(spans));
        }
    }
}

/// Everything the reader's lines depend on, passed explicitly (the cache
/// key is derived from it).
pub struct ReaderInput<'a> {
    pub doc: &'a Document,
    pub outline: &'a Outline,
    /// The node shown.
    pub node: usize,
    /// Text width in cells.
    pub width: usize,
    /// The current search result's matches when it is on this node, and the
    /// index of the current match.
    pub marks: Option<(&'a Found, usize)>,
    pub full_names: bool,
    pub lang: Lang,
    pub no_color: bool,
    /// How many agencies the document names (for the root's counts).
    pub agency_count: usize,
}

/// Builds the reader's lines for one node at one width.
pub fn build(input: &ReaderInput<'_>) -> ReaderDoc {
    let app = input;
    let width = input.width;
    let th = Theme::new(app.no_color);
    let mut b = Builder {
        lines: Vec::new(),
        width: width.max(1),
        th: &th,
    };
    let id = app.node;
    let marks = app.marks;
    let mark_style = |i: usize| match marks {
        Some((_, cur)) if cur == i => th.current_match(),
        _ => th.matched(),
    };
    let (title_m, text_m) = marks.map_or((&[][..], &[][..]), |(f, _)| (&f.title[..], &f.text[..]));
    let mut mark_lines = Vec::new();
    let w = i18n::words(app.lang);
    match app.outline.item(app.doc, id) {
        // An attachment (附件): its heading, text and signature, then its
        // items with their agencies, like a section.
        None if app.outline[id].part.is_some() => {
            let k = app.outline[id].part.unwrap_or_default();
            if let Some(a) = app.doc.attachments.get(k) {
                let head = crate::doc::outline::part_heading(app.doc, k);
                b.para(&head, th.heading(), &[]);
                for body in [&a.text, &a.issuer, &a.date] {
                    if !body.is_empty() {
                        b.blank();
                        b.para(body, th.text(), &[]);
                    }
                }
                for c in &a.items {
                    b.blank();
                    let head = format!("{}{}", c.label, c.title);
                    b.para(&head, th.bold(), &[(0..c.label.len(), th.label())]);
                    b.tags(&c.agencies);
                }
            }
        }
        None => {
            let d = app.doc;
            let hl: Vec<_> = char_to_byte(&d.title, title_m)
                .into_iter()
                .enumerate()
                .map(|(i, r)| (r, mark_style(i)))
                .collect();
            mark_lines.extend(b.para(&d.title, th.heading(), &hl));
            b.blank();
            for (k, v) in [
                (w.number, d.number.clone()),
                (w.issuer, d.issuer.clone()),
                (w.date, d.date.clone()),
                (
                    "印发",
                    d.issued
                        .as_ref()
                        .map_or(String::new(), |i| format!("《{}》", i.title)),
                ),
                (w.addressees, d.addressees.join("，")),
            ] {
                if v.is_empty() {
                    continue;
                }
                let line = format!("{k}: {v}");
                b.para(&line, th.text(), &[(0..k.len() + 1, th.label())]);
            }
            b.blank();
            let o = app.outline;
            let counts = w.counts(
                app.lang,
                o.section_count(),
                o.measure_count(),
                app.agency_count,
            );
            b.para(&counts, th.dim(), &[]);
            for (head, body) in [
                (w.letter, &d.letter),
                (w.preamble, &d.preamble),
                (w.closing, &d.closing),
            ] {
                if body.is_empty() {
                    continue;
                }
                b.blank();
                b.para(head, th.label(), &[]);
                b.para(body, th.text(), &[]);
            }
        }
        Some(it) if app.outline[id].ordinal().is_none() && !it.children.is_empty() => {
            // A section: its title, then its measures with their agencies.
            mark_lines.extend(heading(&mut b, it, title_m, &mark_style));
            let extra = it.text.trim_start_matches(it.title.as_str());
            let extra = extra.trim_start_matches('。').trim();
            if !extra.is_empty() || !text_m.is_empty() {
                b.blank();
                let hl = text_highlights(&it.text, text_m, title_m.len(), &mark_style);
                mark_lines.extend(b.para(&it.text, th.text(), &hl));
            }
            for c in &it.children {
                b.blank();
                let head = format!("{}{}", c.label, c.title);
                b.para(&head, th.bold(), &[(0..c.label.len(), th.label())]);
                b.tags(&c.agencies);
            }
        }
        Some(it) => {
            // A measure (or anything below one).
            let crumbs = breadcrumb(app.doc, app.outline, id);
            if !crumbs.is_empty() {
                b.para(&crumbs, th.dim(), &[]);
            }
            mark_lines.extend(heading(&mut b, it, title_m, &mark_style));
            b.blank();
            let hl = text_highlights(&it.text, text_m, title_m.len(), &mark_style);
            mark_lines.extend(b.para(&it.text, th.text(), &hl));
            for c in &it.children {
                b.blank();
                let head = format!("{}{}", c.label, c.text);
                b.para(&head, th.text(), &[(0..c.label.len(), th.label())]);
            }
            if !it.agencies.is_empty() {
                b.blank();
                b.para(w.responsible, th.label(), &[]);
                b.tags(&it.agencies);
                // The lead agency (牵头), where the document names one.
                if !it.lead.is_empty() {
                    let lead = format!("牵头：{}", it.lead);
                    b.para(&lead, th.text(), &[(0.."牵头：".len(), th.label())]);
                }
                b.blank();
                if app.full_names {
                    for a in &it.agencies {
                        let name = match *a == it.lead {
                            true => format!("{a}（牵头）"),
                            false => a.clone(),
                        };
                        b.para(&name, th.bold(), &[]);
                        match names::describe(a) {
                            Some(d) => {
                                b.indented(&d.full_name, th.text(), 2);
                                let en = if d.english_abbreviation.is_empty() {
                                    d.english_name.clone()
                                } else {
                                    format!("{} ({})", d.english_name, d.english_abbreviation)
                                };
                                if !en.trim().is_empty() {
                                    b.indented(&en, th.dim(), 2);
                                }
                                if !d.note.is_empty() {
                                    b.indented(&d.note, th.dim(), 2);
                                }
                            }
                            None => b.indented(w.no_full_name, th.dim(), 2),
                        }
                    }
                } else {
                    b.para(w.full_names_hint, th.dim(), &[]);
                }
            }
        }
    }
    ReaderDoc {
        lines: b.lines,
        marks: mark_lines,
    }
}

/// Byte ranges and styles of the text's matches; marks are numbered after
/// the `first` title marks, so `n`/`N` count through heading then text.
fn text_highlights(
    text: &str,
    chars: &[Range<usize>],
    first: usize,
    mark_style: &dyn Fn(usize) -> Style,
) -> Vec<(Range<usize>, Style)> {
    char_to_byte(text, chars)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (r, mark_style(first + i)))
        .collect()
}

fn heading(
    b: &mut Builder<'_>,
    it: &Item,
    title_m: &[Range<usize>],
    mark_style: &dyn Fn(usize) -> Style,
) -> Vec<usize> {
    let head = format!("{}{}", it.label, it.title);
    let off = it.label.len();
    let mut hl: Vec<_> = vec![(0..off, b.th.label().patch(b.th.bold()))];
    hl.extend(
        char_to_byte(&it.title, title_m)
            .into_iter()
            .enumerate()
            .map(|(i, r)| (r.start + off..r.end + off, mark_style(i))),
    );
    let lines = b.para(&head, b.th.heading(), &hl);
    lines[1..].to_vec()
}

/// The ancestors of node `id` below the root: "一、落实落细财税扶持政策".
fn breadcrumb(doc: &Document, outline: &Outline, id: usize) -> String {
    let mut parts = Vec::new();
    let mut cur = outline[id].parent;
    while let Some(p) = cur {
        if let Some(it) = outline.item(doc, p) {
            parts.push(format!("{}{}", it.label, it.title));
        }
        cur = outline[p].parent;
    }
    parts.reverse();
    parts.join(" > ")
}

/// Spans for `s[range]` with `marks` (byte ranges into `s`, sorted, each with
/// its style) applied on top of `base`.
pub fn marked_spans(
    s: &str,
    range: Range<usize>,
    marks: &[(Range<usize>, Style)],
    base: Style,
) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for (m, st) in marks {
        // Sorted by start: nothing further can touch this range.
        if m.start >= range.end {
            break;
        }
        let a = m.start.max(at);
        let b = m.end.min(range.end);
        if a >= b {
            continue;
        }
        if a > at {
            out.push(Span::styled(s[at..a].to_string(), base));
        }
        out.push(Span::styled(s[a..b].to_string(), *st));
        at = b;
    }
    if at < range.end {
        out.push(Span::styled(s[at..range.end].to_string(), base));
    }
    out
}

/// Char ranges → byte ranges into `s` (out-of-range ends are clamped).
pub fn char_to_byte(s: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    if ranges.is_empty() {
        return Vec::new();
    }
    let mut offs: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    offs.push(s.len());
    let at = |c: usize| offs[c.min(offs.len() - 1)];
    ranges
        .iter()
        .map(|r| at(r.start)..at(r.end.max(r.start)))
        .collect()
}

//! `zhengce search`: text and JSON output of the search engine.
//!
//! JSON: `{"query": Q, "results": [{"kind": "measure"|"section"|"document",
//! "number", "label", "title", "snippet", "score", "tier", "matches", ...}]}`.
//! `matches` are `[start, end)` pairs of **char** offsets (Unicode scalar
//! values, not bytes) into the item's `text` as in the document JSON; for the
//! document result, into [`crate::search::document_text`]. `number` is the
//! item's number as printed (null for the document); extra fields: `ordinal`
//! (1-based measure ordinal or null), `path` (child indices from `items`),
//! `field` (title, agency, body, meta), `title_matches` (char offsets in `title`),
//! `jump` (the query was this measure's number), `approximate` (a guess: a
//! homophone, fuzzy pinyin, fuzzy or related tier). Top level, besides
//! `results`: `also_searched` (thesaurus expansions and split compounds that
//! were searched too), `ignored` (terms left out of a query of several: English
//! function words, English words that matched nothing) and `related` (only
//! when `results` is empty: items sharing words with the query, tier "related").
//!
//! Text: one result a line; `=> ` marks the jump to a measure, `~ ` an
//! approximate hit; an "also searched: …" line comes first when the query was
//! widened, a "not searched: …" line when terms were left out; with no results, related items follow a "no results; related:" line.

use serde_json::{Value, json};

use crate::doc::Document;
use crate::search::{Field, Hit, HitKind, Index, parse_query};
use crate::text::{plain_width, truncate, width};

/// Widest text line printed, in display cells.
pub const LINE_WIDTH: usize = 100;
/// Widest label + title on a text line before the snippet.
const HEAD_WIDTH: usize = 40;
/// Snippet width in JSON.
const JSON_SNIPPET_WIDTH: usize = 80;

/// Runs `zhengce search`; prints results to stdout and returns the exit code
/// (0 found, 1 nothing found, 2 bad query).
pub fn run(doc: &Document, query: &str, json: bool, limit: Option<usize>) -> i32 {
    match parse_query(query) {
        Err(e) => {
            super::error(&format!("search: {e}"));
            return 2;
        }
        Ok(q) if q.is_empty() => {
            super::error("search: empty query");
            return 2;
        }
        Ok(_) => {}
    }
    let index = Index::new(doc);
    let res = match index.search_all(query, limit.unwrap_or(usize::MAX)) {
        Ok(r) => r,
        Err(e) => {
            super::error(&format!("search: {e}"));
            return 2;
        }
    };
    let hits = &res.hits;
    let out = if json {
        let results: Vec<Value> = hits.iter().map(|h| hit_json(&index, h)).collect();
        let related: Vec<Value> = res.related.iter().map(|h| hit_json(&index, h)).collect();
        serde_json::to_string_pretty(&json!({
            "query": query,
            "results": results,
            "also_searched": res.also_searched,
            "ignored": res.ignored,
            "related": related,
        }))
        .unwrap_or_default()
    } else {
        let mut lines = Vec::new();
        if !res.also_searched.is_empty() && !hits.is_empty() {
            lines.push(truncate(
                &format!("also searched: {}", res.also_searched.join(" · ")),
                LINE_WIDTH,
            ));
        }
        if !res.ignored.is_empty() && !hits.is_empty() {
            lines.push(truncate(
                &format!("not searched: {}", res.ignored.join(" · ")),
                LINE_WIDTH,
            ));
        }
        lines.extend(hits.iter().map(|h| hit_line(&index, h)));
        if !res.related.is_empty() {
            lines.push("no results; related:".to_string());
            lines.extend(res.related.iter().map(|h| hit_line(&index, h)));
        }
        lines.join("\n")
    };
    if !out.is_empty()
        && let Err(e) = super::print(&out)
    {
        super::error(&e);
        return 2;
    }
    if hits.is_empty() { 1 } else { 0 }
}

/// (kind, number, label, title) of a hit's item.
fn describe<'a>(index: &'a Index, h: &Hit) -> (&'static str, Option<u32>, &'a str, &'a str) {
    let (label, title, number) = index.heading(h);
    match h.kind {
        HitKind::Document => ("document", None, "", title),
        HitKind::Section => ("section", Some(number), label, title),
        HitKind::Measure => ("measure", Some(number), label, title),
    }
}

/// One line: a mark (`=> ` jump, `~ ` approximate), label and title (at
/// most [`HEAD_WIDTH`] cells), then the snippet, never wider than
/// [`LINE_WIDTH`] cells.
pub fn hit_line(index: &Index, h: &Hit) -> String {
    let mut line = String::new();
    push_hit_line(&mut line, index, h);
    line
}

/// [`hit_line`] appended to `out` (thousands of lines: one buffer each).
pub fn push_hit_line(out: &mut String, index: &Index, h: &Hit) {
    // Label, title and text read at once (see `Index::row`).
    let row = index.row(h);
    let (label, title) = row.as_ref().map_or(("", ""), |r| (r.label, r.title));
    let mark = if h.jump {
        "=> "
    } else if h.approximate {
        "~ "
    } else {
        ""
    };
    // The head is written in place and cut only when too wide.
    let at = out.len();
    out.push_str(mark);
    if h.kind == HitKind::Document {
        out.push('《');
        out.push_str(title);
        out.push('》');
    } else {
        out.push_str(label);
        out.push_str(title);
    }
    let head_width = match plain_width(&out[at..]) {
        Some(w) if w <= HEAD_WIDTH => w,
        _ => {
            let head = truncate(&out[at..], HEAD_WIDTH);
            out.truncate(at);
            out.push_str(&head);
            width(&head)
        }
    };
    let room = LINE_WIDTH.saturating_sub(head_width + 2);
    if let Some(row) = row {
        let at = out.len();
        out.push_str("  ");
        row.snippet_into(room, out);
        if out.len() == at + 2 {
            out.truncate(at);
        }
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Title => "title",
        Field::Agency => "agency",
        Field::Body => "body",
        Field::Meta => "meta",
    }
}

fn ranges(v: &[std::ops::Range<usize>]) -> Value {
    v.iter().map(|r| json!([r.start, r.end])).collect()
}

/// One result object (see the module docs for the schema).
pub fn hit_json(index: &Index, h: &Hit) -> Value {
    let (kind, number, label, title) = describe(index, h);
    json!({
        "kind": kind,
        "number": number,
        "label": label,
        "title": title,
        "snippet": index.snippet(h, JSON_SNIPPET_WIDTH).text,
        "score": h.score,
        "tier": h.tier.as_str(),
        "matches": ranges(&h.text_matches),
        "title_matches": ranges(&h.title_matches),
        "field": field_name(h.field),
        "ordinal": h.ordinal,
        "path": h.path,
        "jump": h.jump,
        "approximate": h.approximate,
    })
}

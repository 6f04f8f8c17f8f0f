//! Plain command-line output (text and JSON) for scripts and non-terminal use.
//! stdout carries only data; errors are returned as one line for main to print.

pub mod library;
pub mod search;

use std::io::Write;

use serde_json::{Value, json};

use crate::doc::agencies::{Agency, Directory};
use crate::doc::outline::{Outline, preorder};
use crate::doc::{Document, Measure};
use crate::text::width;

/// Writes `s` and a newline to stdout. A closed pipe (`| head`) is not an
/// error; any other write error (a full disk) is, so a truncated file is
/// never reported as success.
///
/// Any character a terminal could act on (C0/C1 controls, bidi overrides)
/// is written as a JSON `\uXXXX` escape: JSON keeps its value, and text
/// output, sanitised already, has none.
pub fn print(s: &str) -> Result<(), String> {
    let s = crate::text::escape_json_controls(s);
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{s}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

/// Longest search query accepted, in characters (command line and paste;
/// a policy document's longest sentence is a few hundred).
pub const MAX_QUERY_CHARS: usize = 1000;

/// Prints `zhengce: MSG` on stderr as one line, with every control
/// character in `msg` (from a file name, a query, a flag) made visible.
/// A stderr that cannot be written is not a panic: there is nowhere else
/// to report it, and the exit code still says what happened.
pub fn error(msg: &str) {
    let line = format!("zhengce: {}\n", crate::text::escape_controls(msg));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// `s` padded with spaces to `w` display cells (CJK-aware `{:<w}`).
pub fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// The outline as text: one line per item, measures numbered.
pub fn outline_text(doc: &Document) -> String {
    let o = Outline::new(doc);
    let num_w = o.measure_count().to_string().len();
    let mut out = String::new();
    let mut meta: Vec<&str> = vec![&doc.title, &doc.number, &doc.issuer, &doc.date];
    meta.retain(|s| !s.is_empty());
    out.push_str(&meta.join("  "));
    out.push('\n');
    for (n, it) in o.nodes()[1..].iter().zip(preorder(doc)) {
        match n.ordinal() {
            Some(k) => out.push_str(&format!("{k:>num_w$} ")),
            None => out.extend(std::iter::repeat_n(' ', num_w + 1)),
        }
        for _ in 1..n.depth {
            out.push_str("  ");
        }
        out.push_str(&it.label);
        out.push_str(&it.title);
        if !it.agencies.is_empty() {
            out.push_str("  [");
            out.push_str(&it.agencies.join("、"));
            out.push(']');
        }
        out.push('\n');
    }
    out
}

/// The outline as JSON: the document without any `text`, each measure
/// with its `ordinal` (the number `show` takes).
pub fn outline_json(doc: &Document) -> Value {
    let o = Outline::new(doc);
    let mut v = serde_json::to_value(doc).unwrap_or_default();
    // The JSON items nest like the document's; walk them in the outline's
    // pre-order, so node k of the outline is the k-th object visited.
    let mut nodes = o.nodes()[1..].iter();
    // Depth-first over arrays of items, children before later siblings.
    fn visit<'n>(
        items: &mut Value,
        nodes: &mut impl Iterator<Item = &'n crate::doc::outline::Node>,
    ) {
        let Some(arr) = items.as_array_mut() else {
            return;
        };
        for it in arr {
            let n = nodes.next();
            if let Some(obj) = it.as_object_mut() {
                obj.remove("text");
                if let Some(k) = n.and_then(|n| n.ordinal()) {
                    obj.insert("ordinal".into(), json!(k));
                }
                if let Some(ch) = obj.get_mut("children") {
                    visit(ch, nodes);
                }
            }
        }
    }
    if let Some(items) = v.get_mut("items") {
        visit(items, &mut nodes);
    }
    v
}

/// `zhengce outline`.
pub fn outline(doc: &Document, json: bool) -> Result<u8, String> {
    if json {
        print(&serde_json::to_string_pretty(&outline_json(doc)).map_err(|e| e.to_string())?)?;
    } else {
        print(outline_text(doc).trim_end())?;
    }
    Ok(0)
}

/// Measure `n` and how many measures there are.
fn find_measure(doc: &Document, n: usize) -> Result<(Measure<'_>, usize), String> {
    let mut all = doc.measures();
    let total = all.len();
    match n.checked_sub(1).filter(|&i| i < total) {
        Some(i) => Ok((all.swap_remove(i), total)),
        None if total == 0 => Err(format!("no measure {n}: this document has no measures")),
        None => Err(format!(
            "no measure {n}: this document has measures 1 to {total}"
        )),
    }
}

fn agency_line(name: &str, dir: &Directory) -> String {
    match dir.lookup(name) {
        Some(a) => format!("{name}  {}", describe(a)),
        None => name.to_string(),
    }
}

fn describe(a: &Agency) -> String {
    let mut s = format!("{}  {}", a.full_name, a.english_name);
    if !a.english_abbreviation.is_empty() {
        s.push_str(&format!(" ({})", a.english_abbreviation));
    }
    if !a.note.is_empty() {
        s.push_str(&format!("  [{}]", a.note));
    }
    s
}

/// Measure N as text: section, label, title, text, agencies with full names.
pub fn show_text(doc: &Document, n: usize) -> Result<String, String> {
    let (m, total) = find_measure(doc, n)?;
    let mut out = String::new();
    if let Some(s) = m.section {
        out.push_str(&format!("{}{}\n", s.label, s.title));
    }
    out.push_str(&format!(
        "{}{}  ({}/{total})\n\n",
        m.item.label, m.item.title, m.ordinal
    ));
    out.push_str(&m.item.text.replace('\n', "\n\n"));
    out.push('\n');
    if !m.item.agencies.is_empty() {
        out.push_str("\nAgencies:\n");
        let dir = Directory::embedded();
        for a in &m.item.agencies {
            out.push_str(&format!("  {}\n", agency_line(a, dir)));
        }
    }
    Ok(out)
}

/// `zhengce show N`.
pub fn show(doc: &Document, n: usize, json: bool) -> Result<u8, String> {
    if json {
        let (m, _) = find_measure(doc, n)?;
        let mut v = serde_json::to_value(m.item).map_err(|e| e.to_string())?;
        if let Value::Object(o) = &mut v {
            o.insert("ordinal".into(), json!(m.ordinal));
            if let Some(s) = m.section {
                o.insert(
                    "section".into(),
                    json!({"number": s.number, "label": s.label, "title": s.title}),
                );
            }
        }
        print(&serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?)?;
    } else {
        print(show_text(doc, n)?.trim_end())?;
    }
    Ok(0)
}

/// Each agency with the directory's names and the measures it owns, busiest first.
pub fn agencies_json(doc: &Document) -> Value {
    let dir = Directory::embedded();
    let list: Vec<Value> = doc
        .agency_load()
        .into_iter()
        .map(|(name, measures)| {
            let a = dir.lookup(&name);
            json!({
                "name": name,
                "full_name": a.map(|a| a.full_name.as_str()),
                "english_name": a.map(|a| a.english_name.as_str()),
                "abbreviation": a.map(|a| a.abbreviation.as_str()),
                "english_abbreviation": a.map(|a| a.english_abbreviation.as_str()),
                "kind": a.map(|a| a.kind.as_str()),
                "note": a.map(|a| a.note.as_str()).filter(|n| !n.is_empty()),
                "count": measures.len(),
                "measures": measures,
            })
        })
        .collect();
    Value::Array(list)
}

/// The agencies as text: name, count, full and English names, measures.
pub fn agencies_text(doc: &Document) -> String {
    let dir = Directory::embedded();
    let load = doc.agency_load();
    // Long collective names overflow the column rather than widen it for all.
    let name_w = load
        .iter()
        .map(|(n, _)| width(n))
        .filter(|w| *w <= 16)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (name, measures) in &load {
        let ms: Vec<String> = measures.iter().map(|m| m.to_string()).collect();
        out.push_str(&format!(
            "{} {:>3}  measures {}\n",
            pad(name, name_w),
            measures.len(),
            ms.join(",")
        ));
        if let Some(a) = dir.lookup(name) {
            out.push_str(&format!("{}  {}\n", pad("", name_w), describe(a)));
        }
    }
    out
}

/// `zhengce agencies`.
pub fn agencies(doc: &Document, json: bool) -> Result<u8, String> {
    if json {
        print(&serde_json::to_string_pretty(&agencies_json(doc)).map_err(|e| e.to_string())?)?;
    } else {
        print(agencies_text(doc).trim_end())?;
    }
    Ok(0)
}

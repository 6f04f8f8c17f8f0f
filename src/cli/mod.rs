//! Plain command-line output (text and JSON) for scripts and non-terminal use.
//! stdout carries only data; errors are returned as one line for main to print.

pub mod library;
pub mod search;

use std::io::Write;

use serde_json::{Value, json};

use crate::doc::agencies::{Agency, Directory};
use crate::doc::outline::{Kind, Outline, part_heading, part_name};
use crate::doc::{Document, Item};
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

/// As [`print()`], one line per item, written as they come (a search with
/// thousands of hits is never joined into one string first).
pub fn print_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
    write_lines(lines.into_iter().map(crate::text::escape_json_controls))
}

/// A copy of `line`, of its size, with every terminal control made
/// visible, as [`print_lines`] prints it (for lines made on several
/// threads, then [`print_safe_lines`]).
pub fn safe_line(line: &str) -> String {
    crate::text::escape_json_controls(line).into_owned()
}

/// As [`print_lines`], for lines already made safe by [`safe_line`].
pub fn print_safe_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
    write_lines(lines.into_iter().map(|l| {
        debug_assert!(!crate::text::has_terminal_control(l));
        std::borrow::Cow::Borrowed(l)
    }))
}

/// Each line and a line feed on stdout; a closed pipe is no error.
fn write_lines<'a>(
    mut lines: impl Iterator<Item = std::borrow::Cow<'a, str>>,
) -> Result<(), String> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = lines
        .try_for_each(|l| {
            out.write_all(l.as_bytes())?;
            out.write_all(b"\n")
        })
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

/// Longest search query accepted, in characters (command line and paste;
/// a policy document's longest sentence is a few hundred).
pub const MAX_QUERY_CHARS: usize = 1000;

/// For a command that allocates a lot once and exits (a library search):
/// glibc's heap grows in 16 MB steps of address space instead of a page
/// at a time. A second thread's heap otherwise grows by one `mprotect`
/// per page (600 calls for a broad search) and freed tops are trimmed and
/// faulted in again. Large lists come from the heap too, not from a
/// mapping of their own each, so what one phase frees the next reuses
/// (100 page faults fewer for 融资). Only address space: pages are still
/// taken when touched, so peak memory does not change.
pub fn one_shot_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before the
    // threads that allocate are started.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

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

/// The outline as text: one line per item, measures numbered (an
/// attachment's within it, under an "附件N  title" line); the document a
/// notice issues on the second line ("印发：《…》").
pub fn outline_text(doc: &Document) -> String {
    let o = Outline::new(doc);
    let most = (0..o.part_count())
        .map(|k| o.part_measures(k).len())
        .fold(o.measure_count(), usize::max);
    let num_w = most.to_string().len();
    let mut out = String::new();
    let mut meta: Vec<&str> = vec![&doc.title, &doc.number, &doc.issuer, &doc.date];
    meta.retain(|s| !s.is_empty());
    out.push_str(&meta.join("  "));
    out.push('\n');
    if let Some(is) = &doc.issued {
        out.push_str(&issued_line(is));
        out.push('\n');
    }
    for (id, n) in o.nodes().iter().enumerate().skip(1) {
        if let Kind::Part { index } = n.kind {
            out.push_str(&part_heading(doc, index));
            out.push('\n');
            continue;
        }
        let Some(it) = o.item(doc, id) else {
            continue;
        };
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
        if !it.lead.is_empty() {
            out.push_str("  牵头：");
            out.push_str(&it.lead);
        }
        out.push('\n');
    }
    out
}

/// "印发：《title》  issuer  date" for the document a notice issues.
fn issued_line(is: &crate::doc::Issued) -> String {
    let mut s = format!("印发：《{}》", is.title);
    for f in [&is.issuer, &is.date] {
        if !f.is_empty() {
            s.push_str("  ");
            s.push_str(f);
        }
    }
    s
}

/// The outline as JSON: the document without any `text`, each measure
/// with its `ordinal` (the number `show` takes; in an attachment, the
/// number `show N --part K` takes), each attachment with its `part` (K).
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
    if let Some(parts) = v.get_mut("attachments").and_then(|a| a.as_array_mut()) {
        for (k, a) in parts.iter_mut().enumerate() {
            // The part's own node, then its items.
            nodes.next();
            if let Some(obj) = a.as_object_mut() {
                obj.remove("text");
                obj.insert("part".into(), json!(k + 1));
                if let Some(items) = obj.get_mut("items") {
                    visit(items, &mut nodes);
                }
            }
        }
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

/// A measure found for `show`: the item, its section, where it is.
struct Found<'a> {
    item: &'a Item,
    section: Option<&'a Item>,
    ordinal: usize,
    total: usize,
    /// The attachment (0-based) it is in.
    part: Option<usize>,
}

/// Measure `n` of the body, or of attachment `part` (1-based, as printed
/// by `outline`), and how many measures there are there.
fn find_measure(doc: &Document, part: Option<usize>, n: usize) -> Result<Found<'_>, String> {
    let o = Outline::new(doc);
    let (ids, whose) = match part {
        None => (o.measure_nodes(), String::new()),
        Some(k) => {
            let count = o.part_count();
            if k == 0 || k > count {
                return Err(match count {
                    0 => format!("no attachment {k}: this document has no attachments"),
                    _ => format!("no attachment {k}: this document has attachments 1 to {count}"),
                });
            }
            (
                o.part_measures(k - 1),
                format!(" in {}", part_name(doc, k - 1)),
            )
        }
    };
    let total = ids.len();
    let Some(&id) = n.checked_sub(1).and_then(|i| ids.get(i)) else {
        return Err(match total {
            0 => format!("no measure {n}: there are no measures{whose}"),
            _ => format!("no measure {n}: there are measures 1 to {total}{whose}"),
        });
    };
    let node = o.node(id);
    let item = o
        .item(doc, id)
        .ok_or("the outline and the document disagree")?;
    // The section: the node's ancestor just below the root or the part.
    let mut top = id;
    while let Some(p) = o.node(top).parent
        && o.node(p).depth > usize::from(part.is_some())
    {
        top = p;
    }
    let section = (top != id).then(|| o.item(doc, top)).flatten();
    Ok(Found {
        item,
        section,
        ordinal: node.ordinal().unwrap_or(n),
        total,
        part: node.part,
    })
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
    show_part_text(doc, None, n)
}

/// Measure N of the body or of attachment `part` (1-based) as text: the
/// issued document or the attachment, section, label, title, text, each
/// responsibility clause with its lead, agencies with full names (the lead
/// marked 牵头).
pub fn show_part_text(doc: &Document, part: Option<usize>, n: usize) -> Result<String, String> {
    let m = find_measure(doc, part, n)?;
    let mut out = String::new();
    match (m.part, &doc.issued) {
        (Some(k), _) => out.push_str(&format!("{}\n", part_heading(doc, k))),
        (None, Some(is)) => out.push_str(&format!("{}\n", issued_line(is))),
        (None, None) => {}
    }
    if let Some(s) = m.section {
        out.push_str(&format!("{}{}\n", s.label, s.title));
    }
    out.push_str(&format!(
        "{}{}  ({}/{})\n\n",
        m.item.label, m.item.title, m.ordinal, m.total
    ));
    out.push_str(&m.item.text.replace('\n', "\n\n"));
    out.push('\n');
    // One clause says no more than the agencies list; several are worth listing.
    if m.item.clauses.len() > 1 {
        out.push_str("\nClauses:\n");
        for c in &m.item.clauses {
            out.push_str(&format!("  （{}）", c.text));
            if !c.lead.is_empty() {
                out.push_str(&format!("  牵头：{}", c.lead));
            }
            out.push('\n');
        }
    }
    if !m.item.agencies.is_empty() {
        out.push_str("\nAgencies:\n");
        let dir = Directory::embedded();
        for a in &m.item.agencies {
            let line = agency_line(a, dir);
            match line.strip_prefix(a.as_str()) {
                Some(rest) if *a == m.item.lead || m.item.clauses.iter().any(|c| c.lead == *a) => {
                    out.push_str(&format!("  {a}（牵头）{rest}\n"))
                }
                _ => out.push_str(&format!("  {line}\n")),
            }
        }
    }
    Ok(out)
}

/// `zhengce show N`.
pub fn show(doc: &Document, n: usize, json: bool) -> Result<u8, String> {
    show_part(doc, None, n, json)
}

/// `zhengce show N [--part K]`: JSON adds `ordinal`, `section`, `part`
/// (`{number, label, title}` of the attachment) and `document` (the issued
/// document's title) to the item, whose `clauses` and `lead` are schema 2's.
pub fn show_part(doc: &Document, part: Option<usize>, n: usize, json: bool) -> Result<u8, String> {
    if json {
        let m = find_measure(doc, part, n)?;
        let mut v = serde_json::to_value(m.item).map_err(|e| e.to_string())?;
        if let Value::Object(o) = &mut v {
            o.insert("ordinal".into(), json!(m.ordinal));
            if let Some(s) = m.section {
                o.insert(
                    "section".into(),
                    json!({"number": s.number, "label": s.label, "title": s.title}),
                );
            }
            if let Some(k) = m.part {
                let title = doc.attachments.get(k).map_or("", |a| a.title.as_str());
                o.insert(
                    "part".into(),
                    json!({"number": k + 1, "label": part_name(doc, k), "title": title}),
                );
            } else if let Some(is) = &doc.issued {
                o.insert("document".into(), json!(is.title));
            }
        }
        print(&serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?)?;
    } else {
        print(show_part_text(doc, part, n)?.trim_end())?;
    }
    Ok(0)
}

/// Each agency with the directory's names and the measures it owns,
/// busiest first: `count` (all), `lead` (those it leads), `co` (those it
/// shares without leading), `measures` (the body's ordinals) and
/// `attachment_measures` (`{part, measure}`, when any).
pub fn agencies_json(doc: &Document) -> Value {
    let dir = Directory::embedded();
    let list: Vec<Value> = Outline::new(doc)
        .agency_roles(doc)
        .into_iter()
        .map(|r| {
            let a = dir.lookup(&r.name);
            let mut v = json!({
                "name": r.name,
                "full_name": a.map(|a| a.full_name.as_str()),
                "english_name": a.map(|a| a.english_name.as_str()),
                "abbreviation": a.map(|a| a.abbreviation.as_str()),
                "english_abbreviation": a.map(|a| a.english_abbreviation.as_str()),
                "kind": a.map(|a| a.kind.as_str()),
                "note": a.map(|a| a.note.as_str()).filter(|n| !n.is_empty()),
                "count": r.count(),
                "lead": r.lead,
                "co": r.co(),
                "measures": r.measures,
            });
            if !r.part_measures.is_empty() {
                v["attachment_measures"] = r
                    .part_measures
                    .iter()
                    .map(|&(p, m)| json!({"part": p + 1, "measure": m}))
                    .collect();
            }
            v
        })
        .collect();
    Value::Array(list)
}

/// The agencies as text: name, count, how many it leads and shares
/// (when the document names leads), measures (an
/// attachment's as "附件K:N"), then full and English names.
pub fn agencies_text(doc: &Document) -> String {
    let dir = Directory::embedded();
    let roles = Outline::new(doc).agency_roles(doc);
    // Long collective names overflow the column rather than widen it for all.
    let name_w = roles
        .iter()
        .map(|r| width(&r.name))
        .filter(|w| *w <= 16)
        .max()
        .unwrap_or(0);
    let any_lead = roles.iter().any(|r| r.lead > 0);
    let mut out = String::new();
    for r in &roles {
        let mut ms: Vec<String> = r.measures.iter().map(|m| m.to_string()).collect();
        ms.extend(
            r.part_measures
                .iter()
                .map(|&(p, m)| format!("{}:{m}", part_name(doc, p))),
        );
        let lead = if any_lead {
            format!("  lead {:>2}  co {:>2}", r.lead, r.co())
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{} {:>3}{lead}  measures {}\n",
            pad(&r.name, name_w),
            r.count(),
            ms.join(",")
        ));
        if let Some(a) = dir.lookup(&r.name) {
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

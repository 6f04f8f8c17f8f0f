//! The library's subcommands: `add`, `list`, `remove`, `tasks`, `refs`, and
//! `search` across the library (`zhengce search` without `--data`).

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};

use crate::library::{self, Added, Entry, Library, Task};
use crate::text::{truncate, width};

use super::{pad, print, print_safe_lines};

/// Subcommands registered by `main` (flattened into its own).
#[derive(Subcommand, Debug, Clone)]
pub enum LibCmd {
    /// Add documents to the library (any format --data reads)
    Add {
        /// The files
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
    },
    /// List the library's documents, newest first
    List {
        /// Print as JSON (with each document's references)
        #[arg(long)]
        json: bool,
        /// Order: date (newest first) or issuer
        #[arg(long, value_enum, default_value_t = Order::Date)]
        by: Order,
    },
    /// Remove a document from the library by id
    Remove {
        /// The id, as `zhengce list` shows it
        id: String,
    },
    /// An agency's measures across the library (the task list)
    Tasks {
        /// The agency: short, full or English name, abbreviation or pinyin
        #[arg(long, value_name = "X")]
        agency: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// The other documents of the library that a document names (文号 or 《title》)
    Refs {
        /// The id, as `zhengce list` shows it
        id: String,
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Date,
    Issuer,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Md,
    Csv,
    Json,
}

/// Opens the library, reporting unreadable documents by name on stderr.
pub fn open(dir: Option<&Path>) -> Result<Library, String> {
    let dir = library::default_dir(dir)?;
    let lib = Library::open(&dir)?;
    report_broken(&lib);
    Ok(lib)
}

/// As [`open`], for a search: its index read meanwhile
/// ([`Library::open_to_search`]).
pub fn open_to_search(dir: Option<&Path>) -> Result<Library, String> {
    let dir = library::default_dir(dir)?;
    let lib = Library::open_to_search(&dir)?;
    report_broken(&lib);
    Ok(lib)
}

fn report_broken(lib: &Library) {
    for b in lib.broken() {
        // The message may quote the file's bytes: no control sequences on stderr.
        super::error(&format!(
            "library: skipped {}: {}",
            crate::text::sanitize_line(&b.file),
            crate::text::sanitize_line(b.error.as_deref().unwrap_or("unreadable"))
        ));
    }
}

/// Runs a library subcommand; returns the exit code.
pub fn run(cmd: &LibCmd, dir: Option<&Path>) -> Result<u8, String> {
    match cmd {
        LibCmd::Add { files } => add(dir, files),
        LibCmd::List { json, by } => {
            let lib = open(dir)?;
            list(&lib, *json, *by)
        }
        LibCmd::Remove { id } => {
            let mut lib = open(dir)?;
            lib.remove(id)?;
            print(&format!("removed {id}"))?;
            Ok(0)
        }
        LibCmd::Tasks { agency, format } => {
            let lib = open(dir)?;
            tasks(&lib, agency, *format)
        }
        LibCmd::Refs { id, json } => {
            let lib = open(dir)?;
            refs(&lib, id, *json)
        }
    }
}

fn add(dir: Option<&Path>, files: &[PathBuf]) -> Result<u8, String> {
    let dir = library::default_dir(dir)?;
    let mut lib = Library::open(&dir)?;
    let results = lib.add(files);
    let mut code = 0;
    for r in &results {
        match r {
            Ok(a) => {
                let what = match a {
                    Added::New(_) => "added",
                    Added::Updated(_) => "updated",
                    Added::Unchanged(_) => "unchanged",
                };
                let title = lib.get(a.id()).map_or("", |e| e.title.as_str());
                print(&format!("{what} {}  {title}", a.id()))?;
            }
            Err(e) => {
                super::error(&format!("add: {e}"));
                code = 2;
            }
        }
    }
    report_broken(&lib);
    Ok(code)
}

/// One entry as JSON (without measures and mentions; with references).
pub fn entry_json(lib: &Library, e: &Entry) -> Value {
    let refs: Vec<Value> = lib
        .references(&e.id)
        .iter()
        .map(|r| {
            json!({
                "id": r.to,
                "text": r.mention.text,
                "kind": match r.mention.kind {
                    library::MentionKind::Number => "number",
                    library::MentionKind::Title => "title",
                },
                "path": r.mention.path,
                "start": r.mention.start,
                "end": r.mention.end,
            })
        })
        .collect();
    json!({
        "id": e.id,
        "title": e.title,
        "number": e.number,
        "issuer": e.issuer,
        "date": e.date,
        "measures": e.measure_count(),
        "builtin": e.builtin,
        "file": (!e.builtin).then(|| lib.dir().join("docs").join(&e.file).display().to_string()),
        "references": refs,
        "cited_by": lib.cited_by(&e.id),
    })
}

fn list(lib: &Library, json: bool, by: Order) -> Result<u8, String> {
    let entries: Vec<&Entry> = match by {
        Order::Date => lib.entries().iter().collect(),
        Order::Issuer => lib.by_issuer(),
    };
    if json {
        let v: Vec<Value> = entries.iter().map(|e| entry_json(lib, e)).collect();
        print(&serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?)?;
        return Ok(0);
    }
    let id_w = entries.iter().map(|e| e.id.len()).max().unwrap_or(2);
    let num_w = entries
        .iter()
        .map(|e| width(&e.number))
        .max()
        .unwrap_or(0)
        .min(24);
    let mut out = String::new();
    for e in &entries {
        let line = format!(
            "{}  {}  {}  {:>3}  {}  {}",
            pad(&e.id, id_w),
            pad(if e.date.is_empty() { "-" } else { &e.date }, 10),
            pad(&truncate(&e.number, 24), num_w),
            e.measure_count(),
            e.title,
            e.issuer
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    print(out.trim_end())?;
    Ok(0)
}

fn tasks(lib: &Library, agency: &str, format: Format) -> Result<u8, String> {
    let tasks = lib.tasks(agency);
    if tasks.is_empty() {
        super::error(&format!("tasks: no measure of {agency} in the library"));
    }
    let out = match format {
        Format::Json => serde_json::to_string_pretty(&tasks).map_err(|e| e.to_string())?,
        Format::Csv => tasks_csv(&tasks),
        Format::Md => tasks_md(&tasks),
    };
    if !out.is_empty() {
        print(out.trim_end())?;
    }
    Ok(if tasks.is_empty() { 1 } else { 0 })
}

/// A CSV field, quoted when it must be (RFC 4180), and never read as a
/// formula by a spreadsheet (a leading = + - @ gets a ').
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn tasks_csv(tasks: &[Task]) -> String {
    let mut out =
        String::from("id,number,document,date,measure,label,title,agency,role,lead,others\n");
    for t in tasks {
        let row = [
            t.id.clone(),
            t.number.clone(),
            t.document.clone(),
            t.date.clone(),
            t.ordinal.to_string(),
            t.label.clone(),
            t.title.clone(),
            t.agency.clone(),
            t.role.as_str().to_string(),
            t.lead.clone().unwrap_or_default(),
            t.others.join("、"),
        ];
        let row: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// A Markdown table cell: pipes escaped, on one line.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub fn tasks_md(tasks: &[Task]) -> String {
    let mut out = String::new();
    let mut current = "";
    for t in tasks {
        if t.id != current {
            current = &t.id;
            if !out.is_empty() {
                out.push('\n');
            }
            let num = if t.number.is_empty() {
                String::new()
            } else {
                format!(" ({})", md_cell(&t.number))
            };
            out.push_str(&format!("## {}{num}\n\n", md_cell(&t.document)));
            out.push_str("| # | measure | role | other agencies |\n| --- | --- | --- | --- |\n");
        }
        out.push_str(&format!(
            "| {} | {}{} | {} | {} |\n",
            t.ordinal,
            md_cell(&t.label),
            md_cell(&t.title),
            t.role.as_str(),
            md_cell(&t.others.join("、"))
        ));
    }
    out
}

fn refs(lib: &Library, id: &str, json: bool) -> Result<u8, String> {
    if lib.get(id).is_none() {
        return Err(format!("no document {id} in the library"));
    }
    let refs = lib.references(id);
    if json {
        print(&serde_json::to_string_pretty(&refs).map_err(|e| e.to_string())?)?;
    } else {
        let lines: Vec<String> = refs
            .iter()
            .map(|r| {
                let title = lib.get(&r.to).map_or("", |e| e.title.as_str());
                format!("{}  {}  {title}", r.to, r.mention.text)
            })
            .collect();
        if !lines.is_empty() {
            print(&lines.join("\n"))?;
        }
    }
    Ok(0)
}

thread_local! {
    /// Where a result line is written (see [`search`]).
    static LINE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `zhengce search` across the library: as the single-document search, each
/// result also naming its document (`"doc"` in JSON; the id before the line
/// in text, when the library has more than the built-in document). `lib`
/// is opened by the caller.
pub fn search(lib: &Library, query: &str, json: bool, limit: Option<usize>) -> i32 {
    let n = library::search::narrow(query);
    match crate::search::parse_query(&n.rest) {
        Err(e) => {
            super::error(&format!("search: {e}"));
            return 2;
        }
        Ok(q) if q.is_empty() && n.docs.is_none() => {
            super::error("search: empty query");
            return 2;
        }
        Ok(_) => {}
    }
    // One search in this process: give back the index's pages as they
    // are read, so memory stays well under the library's size.
    lib.engine().set_frugal(true);
    let found;
    let many = lib.entries().len() > 1;
    let id_w = lib.entries().iter().map(|e| e.id.len()).max().unwrap_or(0);
    let printed = if json {
        let hits = lib.search_with(query, limit.unwrap_or(usize::MAX), |f| {
            let mut v = super::search::hit_json(f.index, f.hit);
            if let Value::Object(o) = &mut v {
                o.insert("doc".into(), json!(f.entry.id));
                o.insert("doc_title".into(), json!(f.entry.title));
                o.insert("doc_number".into(), json!(f.entry.number));
            }
            v
        });
        let results: Vec<Value> = match hits {
            Ok(h) => h,
            Err(e) => {
                super::error(&format!("search: {e}"));
                return 2;
            }
        };
        found = !results.is_empty();
        print(
            &serde_json::to_string_pretty(&json!({"query": query, "results": results}))
                .unwrap_or_default(),
        )
    } else {
        let hits = lib.search_with(query, limit.unwrap_or(usize::MAX), |f| {
            // Written in this thread's buffer, kept in a string of its
            // size: thousands of lines are held until printed.
            LINE.with_borrow_mut(|line| {
                line.clear();
                if many {
                    line.push_str(&f.entry.id);
                    let pad = id_w.saturating_sub(width(&f.entry.id)) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                super::search::push_hit_line(line, f.index, f.hit);
                // Made safe here, on the threads that build the lines.
                super::safe_line(line)
            })
        });
        let lines = match hits {
            Ok(h) => h,
            Err(e) => {
                super::error(&format!("search: {e}"));
                return 2;
            }
        };
        found = !lines.is_empty();
        let printed = print_safe_lines(lines.iter().map(String::as_str));
        // The process ends next: thousands of lines need not be freed one
        // by one first.
        std::mem::forget(lines);
        printed
    };
    if let Err(e) = printed {
        super::error(&e.to_string());
        return 2;
    }
    if found { 0 } else { 1 }
}

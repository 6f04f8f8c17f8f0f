//! Every document of the shared corpus (`../shared/corpus/`), in every format
//! present (plain, hard-wrapped, HTML, Markdown), imports exactly as its answer
//! key says: title, 文号, issuer, date, the item tree (label, number, title,
//! agencies) and the attachments. See the corpus README for the conventions.
//!
//! CI has `../shared`; without it the test says so and passes.

use std::path::{Path, PathBuf};

use serde_json::Value;
use zhengce::doc::import::import_bytes;
use zhengce::doc::{Document, Item};

/// The corpus, or None after saying (on stderr, past the test harness's
/// capture, so it shows in every run) that it is absent.
fn corpus_dir() -> Option<PathBuf> {
    use std::io::Write;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {} is absent; the corpus tests check nothing here",
        dir.display()
    );
    None
}

/// The source files of one document: NAME.txt, NAME.wrapped.txt, NAME.html, NAME.md.
fn sources(dir: &Path, name: &str) -> Vec<PathBuf> {
    ["txt", "wrapped.txt", "html", "md"]
        .iter()
        .map(|ext| dir.join(format!("{name}.{ext}")))
        .filter(|p| p.is_file())
        .collect()
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// One line per difference between the key's items and ours.
fn diff_items(path: &str, want: &[Value], got: &[Item], out: &mut Vec<String>) {
    if want.len() != got.len() {
        let w: Vec<String> = want.iter().map(|i| s(&i["label"])).collect();
        let g: Vec<&str> = got.iter().map(|i| i.label.as_str()).collect();
        out.push(format!("{path}: {} items {w:?}, got {g:?}", want.len()));
    }
    for (w, g) in want.iter().zip(got) {
        let here = format!("{path}/{}", g.label);
        let number = w["number"].as_u64().unwrap_or(0) as u32;
        if s(&w["label"]) != g.label || number != g.number {
            out.push(format!(
                "{here}: label {:?} {number}, got {:?} {}",
                s(&w["label"]),
                g.label,
                g.number
            ));
        }
        if s(&w["title"]) != g.title {
            out.push(format!(
                "{here}: title {:?}, got {:?}",
                s(&w["title"]),
                g.title
            ));
        }
        let agencies: Vec<String> = w["agencies"]
            .as_array()
            .map(|a| a.iter().map(s).collect())
            .unwrap_or_default();
        if agencies != g.agencies {
            out.push(format!(
                "{here}: agencies {agencies:?}, got {:?}",
                g.agencies
            ));
        }
        let lead = s(&w["lead"]);
        if lead != g.lead {
            out.push(format!("{here}: lead {lead:?}, got {:?}", g.lead));
        }
        let empty = Vec::new();
        let children = w["children"].as_array().unwrap_or(&empty);
        diff_items(&here, children, &g.children, out);
    }
}

fn diff(key: &Value, d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let doc = &key["doc"];
    for (field, got) in [
        ("title", &d.title),
        ("number", &d.number),
        ("issuer", &d.issuer),
        ("date", &d.date),
    ] {
        if s(&doc[field]) != *got {
            out.push(format!("{field}: {:?}, got {got:?}", s(&doc[field])));
        }
    }
    let empty = Vec::new();
    diff_items(
        "",
        key["items"].as_array().unwrap_or(&empty),
        &d.items,
        &mut out,
    );
    let atts = key["attachments"].as_array().unwrap_or(&empty);
    if atts.len() != d.attachments.len() {
        let got: Vec<&str> = d.attachments.iter().map(|a| a.title.as_str()).collect();
        out.push(format!("{} attachments, got {got:?}", atts.len()));
    }
    for (i, (w, g)) in atts.iter().zip(&d.attachments).enumerate() {
        if s(&w["title"]) != g.title {
            out.push(format!(
                "attachment {}: title {:?}, got {:?}",
                i + 1,
                s(&w["title"]),
                g.title
            ));
        }
        let items = w["items"].as_array().unwrap_or(&empty);
        diff_items(&format!("attachment {}", i + 1), items, &g.items, &mut out);
    }
    out
}

#[test]
fn every_corpus_document_imports_exactly_in_every_format() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut keys: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    keys.sort();
    assert!(!keys.is_empty(), "no answer keys in {}", dir.display());
    let mut failures = Vec::new();
    let mut checked = 0;
    for k in &keys {
        let file = k.file_name().unwrap().to_string_lossy();
        let name = file.trim_end_matches(".expected.json");
        let key: Value = serde_json::from_str(&std::fs::read_to_string(k).unwrap()).unwrap();
        let srcs = sources(&dir, name);
        assert!(!srcs.is_empty(), "{name}: no source file");
        for src in srcs {
            checked += 1;
            let label = src.file_name().unwrap().to_string_lossy().to_string();
            match import_bytes(&std::fs::read(&src).unwrap()) {
                Err(e) => failures.push(format!("{label}: {e}")),
                Ok(d) => {
                    failures.extend(diff(&key, &d).into_iter().map(|l| format!("{label}: {l}")))
                }
            }
        }
    }
    eprintln!("corpus: {} documents, {checked} sources", keys.len());
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `NAME.txt` hard-wrapped by the corpus README's rule (lines of at most 40
/// full-width characters, closing punctuation kept on the line, a 2-space
/// indent on each paragraph's first line, an empty line after every line),
/// at 40 and at other widths: every document, not only the three shipped
/// wrapped, imports as its key says.
#[test]
fn every_corpus_text_rewrapped_imports_exactly() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut failures = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .filter(|n| n.ends_with(".expected.json"))
        .map(|n| n.trim_end_matches(".expected.json").to_string())
        .collect();
    names.sort();
    for name in &names {
        let txt = dir.join(format!("{name}.txt"));
        // Markdown sources' headings are gone from their .txt: see the README.
        if !txt.is_file() || dir.join(format!("{name}.md")).is_file() {
            continue;
        }
        let key: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap();
        let text = std::fs::read_to_string(&txt).unwrap();
        for width in [40, 33] {
            let wrapped = wrap(&text, width);
            match import_bytes(wrapped.as_bytes()) {
                Err(e) => failures.push(format!("{name} @{width}: {e}")),
                Ok(d) => failures.extend(
                    diff(&key, &d)
                        .into_iter()
                        .map(|l| format!("{name} @{width}: {l}")),
                ),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every corpus text as a .docx (one `w:p` per line, as a word processor
/// saves it) imports as its key says.
#[test]
fn every_corpus_text_as_docx_imports_exactly() {
    use std::io::Write;
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut failures = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        let Some(name) = name.strip_suffix(".expected.json") else {
            continue;
        };
        if dir.join(format!("{name}.md")).is_file() {
            continue;
        }
        let key: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap();
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let body: String = text
            .lines()
            .map(|l| {
                let l = l
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>")
            })
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        );
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap();
        match import_bytes(buf.get_ref()) {
            Err(e) => failures.push(format!("{name}.docx: {e}")),
            Ok(d) => failures.extend(
                diff(&key, &d)
                    .into_iter()
                    .map(|l| format!("{name}.docx: {l}")),
            ),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The corpus README's wrapping rule, at `width` full-width characters.
fn wrap(text: &str, width: usize) -> String {
    let max = width * 2;
    let mut out = String::new();
    for para in text.lines() {
        let chars: Vec<char> = para.chars().collect();
        let mut start = 0;
        let mut first = true;
        while start < chars.len() {
            let mut w = 0;
            let mut end = start;
            while end < chars.len() {
                let cw = zhengce::text::char_width(chars[end]).max(1);
                if w + cw > max {
                    break;
                }
                w += cw;
                end += 1;
            }
            // A closing punctuation mark never begins a line.
            while end < chars.len() && zhengce::text::is_closing_punct(chars[end]) {
                end += 1;
            }
            if first {
                out.push_str("  ");
                first = false;
            }
            out.extend(&chars[start..end]);
            out.push_str("\n\n");
            start = end;
        }
    }
    out
}

/// Everything a document imports into, as one string without whitespace.
fn all_text(d: &Document) -> String {
    fn items(out: &mut String, list: &[Item]) {
        for i in list {
            out.push_str(&i.label);
            out.push_str(&i.text);
            items(out, &i.children);
        }
    }
    let mut out = String::new();
    for s in [
        &d.title,
        &d.number,
        &d.issuer,
        &d.letter,
        &d.preamble,
        &d.closing,
    ] {
        out.push_str(s);
    }
    for a in &d.addressees {
        out.push_str(a);
    }
    if let Some(is) = &d.issued {
        out.push_str(&is.title);
        out.push_str(&is.issuer);
    }
    items(&mut out, &d.items);
    for a in &d.attachments {
        for s in [&a.label, &a.title, &a.text, &a.issuer] {
            out.push_str(s);
        }
        items(&mut out, &a.items);
    }
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

/// No line of a corpus text is lost: each is found in the imported document,
/// except what becomes a field in another form (dates in ISO, the addressee
/// list split, an order's header as its 文号) and the seals dropped on purpose.
#[test]
fn no_line_of_a_corpus_text_is_lost() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut lost = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".txt") || name.ends_with(".wrapped.txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let d = import_bytes(text.as_bytes()).unwrap();
        let blob = all_text(&d);
        for line in text.lines() {
            let l: String = line
                .replace("&sp;", "")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let l = l.trim_end_matches(['：', ':']);
            let is_date = |s: &str| zhengce::doc::import::parse_date(s).is_some();
            let signature_paren = l.starts_with('（') && l.ends_with("日）");
            let seal = l == "（此件公开发布）";
            let header = !d.number.is_empty()
                && (d.number.contains(l) || (l.contains("令第") && l.ends_with("公布")));
            let pieces = l.split('，').all(|p| blob.contains(p));
            if l.is_empty() || is_date(l) || signature_paren || seal || header || pieces {
                continue;
            }
            lost.push(format!("{name}: {l}"));
        }
    }
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// A PDF copy pasted into a web page: the wrapped lines of `NAME.wrapped.txt`
/// ended by `<br>` in HTML, import as the key says.
#[test]
fn wrapped_copies_inside_html_import_exactly() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut failures = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let file = e.unwrap().file_name().to_string_lossy().to_string();
        let Some(name) = file.strip_suffix(".wrapped.txt") else {
            continue;
        };
        let key: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap();
        let text = std::fs::read_to_string(dir.join(&file)).unwrap();
        let html: String = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{}<br>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        let html = format!("<html><body><div>{html}</div></body></html>");
        match import_bytes(html.as_bytes()) {
            Err(e) => failures.push(format!("{name} html: {e}")),
            Ok(d) => failures.extend(
                diff(&key, &d)
                    .into_iter()
                    .map(|l| format!("{name} html: {l}")),
            ),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

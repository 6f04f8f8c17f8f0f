//! The document model: a policy document as a tree of numbered items plus its
//! metadata, (de)serialised as JSON (schema 2, see README), and how to load one.
//!
//! Schema 2 adds, each with a default so schema 1 files still load: per-item
//! responsibility `clauses` and `lead`, `attachments` (附件, each with its own
//! title and items) and `issued` (the document a 印发/转发 notice issues, kept
//! apart from the notice's own title, 文号, letter and signature).

pub mod agencies;
pub mod import;
pub mod numerals;
pub mod outline;
pub mod source;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::text::{sanitize_in_place, sanitize_line_in_place};

/// The JSON schema version this build writes.
pub const SCHEMA: u32 = 2;

/// The oldest schema this build still reads (its fields are a subset).
pub const SCHEMA_MIN: u32 = 1;

/// The embedded default document (imported from `assets/*.txt`).
pub const EMBEDDED_JSON: &str =
    include_str!("../../assets/smes-competitiveness-measures-2021.json");

/// A whole document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema: u32,
    pub title: String,
    /// 文号, e.g. "工信部企业〔2021〕169号"; empty when none.
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub issuer: String,
    /// ISO 8601 date ("2021-11-06"); empty when none.
    #[serde(default)]
    pub date: String,
    /// 主送: the addressees, one entry per name separated by "，" in the source.
    #[serde(default)]
    pub addressees: Vec<String>,
    /// The cover letter (印发通知) body, when the document came with one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub letter: String,
    /// Paragraphs before the first numbered item, separated by "\n".
    #[serde(default)]
    pub preamble: String,
    /// Paragraphs after the last item, separated by "\n".
    #[serde(default)]
    pub closing: String,
    #[serde(default)]
    pub items: Vec<Item>,
    /// The document a 印发/转发 notice issues, when the text has one: the
    /// notice is `title`, `number`, `letter`, `issuer` and `date`; the issued
    /// document is this title (and signature) plus `preamble` and `items`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Issued>,
    /// 附件 after the signature, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// The document issued (印发/转发) by a notice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Issued {
    pub title: String,
    /// Its own signature, when it carries one ("（民政部　一九九七年一月二十八日）").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// An attachment (附件 / 附件N / 附：) with its own heading and items.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// The label as printed ("附件1", "附件", "附"); empty when none.
    #[serde(default)]
    pub label: String,
    /// Its own heading (not the entry in the "附件：" list).
    #[serde(default)]
    pub title: String,
    /// Unnumbered paragraphs (and table rows, cells joined by " | "), "\n"-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Its own signature, when it carries one (a report attached to a reply).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    /// ISO 8601.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// One responsibility clause of an item: "（财政部、科技部按职责分工负责）".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clause {
    /// The clause as printed, without its parentheses.
    pub text: String,
    /// Its names, in order.
    #[serde(default)]
    pub agencies: Vec<String>,
    /// The lead agency, where the document says the first listed leads
    /// (列第一位者为牵头单位; with 下同 for every later clause too).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
}

/// A numbered item: a section, a measure or a sub-item, at any depth.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The number as printed (（十二） → 12).
    pub number: u32,
    /// The label as printed ("（十二）", "一、").
    pub label: String,
    /// The text after the label up to the first "。" (without it).
    pub title: String,
    /// The full text after the label, paragraphs separated by "\n".
    #[serde(default)]
    pub text: String,
    /// Names in all its responsibility clauses, in order, each once; empty when none.
    #[serde(default)]
    pub agencies: Vec<String>,
    #[serde(default)]
    pub children: Vec<Item>,
    /// Its responsibility clauses, in order (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<Clause>,
    /// The lead agency of its first clause that names one (schema 2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
}

/// A measure located in the tree.
#[derive(Debug, Clone, Copy)]
pub struct Measure<'a> {
    /// 1-based position among the measures, in document order.
    pub ordinal: usize,
    /// The measure itself.
    pub item: &'a Item,
    /// The top-level item (section) containing it, if it is not itself top-level.
    pub section: Option<&'a Item>,
    /// 0-based index of that section among `Document::items`.
    pub section_index: usize,
}

/// Why a document could not be loaded. Displayed as one line.
#[derive(Debug)]
pub enum LoadError {
    Io(String, std::io::Error),
    Json {
        line: usize,
        column: usize,
        msg: String,
    },
    Schema(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(p, e) => write!(f, "{p}: {e}"),
            LoadError::Json { line, column, msg } => {
                write!(f, "invalid JSON at line {line}, column {column}: {msg}")
            }
            LoadError::Schema(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl Document {
    /// The embedded default document.
    pub fn embedded() -> Document {
        // The embedded JSON is checked by tests; failing here is a build bug.
        Document::from_json(EMBEDDED_JSON).expect("embedded document is valid")
    }

    /// Parses and sanitises a JSON document (untrusted input).
    pub fn from_json(s: &str) -> Result<Document, LoadError> {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        let mut doc: Document = serde_json::from_str(s).map_err(|e| LoadError::Json {
            line: e.line(),
            column: char_column(s, e.line(), e.column()),
            msg: json_msg(&e),
        })?;
        if !(SCHEMA_MIN..=SCHEMA).contains(&doc.schema) {
            return Err(LoadError::Schema(format!(
                "unsupported schema {} (this zhengce reads schemas {SCHEMA_MIN} to {SCHEMA})",
                doc.schema
            )));
        }
        // Read into the current model; written back out it is schema 2.
        doc.schema = SCHEMA;
        doc.sanitize();
        Ok(doc)
    }

    /// Loads `path`: a `.json` document, or a text, HTML, Markdown or DOCX
    /// document imported on the fly. Errors name the file.
    pub fn load(path: &Path) -> Result<Document, String> {
        let name = source::display_name(path);
        let bytes = source::read(path)?;
        Document::from_bytes(&name, &bytes)
    }

    /// The format dispatch of loaded bytes: JSON when the name ends in
    /// `.json` or the content starts with "{" (a renamed file, `--data <(…)`),
    /// else whatever [`import::detect`] finds. `name` is only for messages,
    /// which are one line naming it.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Document, String> {
        let is_json = name.to_ascii_lowercase().ends_with(".json")
            || bytes
                .strip_prefix("\u{feff}".as_bytes())
                .unwrap_or(bytes)
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                == Some(&b'{');
        if is_json {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| format!("{name}: not UTF-8 (byte {})", e.valid_up_to()))?;
            Document::from_json(text).map_err(|e| format!("{name}: {e}"))
        } else {
            import::import_named(name, bytes)
        }
    }

    /// Removes control characters and escape sequences from every string, so
    /// nothing in a document can reach the terminal as a control sequence.
    pub fn sanitize(&mut self) {
        for s in [
            &mut self.title,
            &mut self.number,
            &mut self.issuer,
            &mut self.date,
        ] {
            sanitize_line_in_place(s);
        }
        for s in [&mut self.letter, &mut self.preamble, &mut self.closing] {
            sanitize_in_place(s);
        }
        for a in &mut self.addressees {
            sanitize_line_in_place(a);
        }
        fn item(it: &mut Item) {
            sanitize_line_in_place(&mut it.label);
            sanitize_line_in_place(&mut it.title);
            sanitize_in_place(&mut it.text);
            sanitize_line_in_place(&mut it.lead);
            for a in &mut it.agencies {
                sanitize_line_in_place(a);
            }
            for c in &mut it.clauses {
                sanitize_line_in_place(&mut c.text);
                sanitize_line_in_place(&mut c.lead);
                for a in &mut c.agencies {
                    sanitize_line_in_place(a);
                }
            }
            it.children.iter_mut().for_each(item);
        }
        self.items.iter_mut().for_each(item);
        if let Some(is) = &mut self.issued {
            for s in [&mut is.title, &mut is.issuer, &mut is.date] {
                sanitize_line_in_place(s);
            }
        }
        for a in &mut self.attachments {
            sanitize_line_in_place(&mut a.label);
            sanitize_line_in_place(&mut a.title);
            sanitize_line_in_place(&mut a.issuer);
            sanitize_line_in_place(&mut a.date);
            sanitize_in_place(&mut a.text);
            a.items.iter_mut().for_each(item);
        }
    }

    /// The numbering style of the items that are "measures": the style
    /// carrying the most responsibility clauses, else the most common one.
    /// Styles, not depths, so a measure directly under a section whose other
    /// measures sit one level deeper is still a measure. Linear: each
    /// distinct label is parsed once.
    pub fn measure_style(&self) -> LabelStyle {
        items_style(&self.items)
    }

    /// All measures in document order (see [`outline::Outline`], which
    /// decides them).
    pub fn measures(&self) -> Vec<Measure<'_>> {
        let o = outline::Outline::new(self);
        o.measure_nodes()
            .iter()
            .filter_map(|&id| {
                let n = o.node(id);
                let item = o.item(self, id)?;
                let top = *n.path.first()?;
                Some(Measure {
                    ordinal: n.ordinal()?,
                    item,
                    section: if n.depth > 1 {
                        self.items.get(top)
                    } else {
                        None
                    },
                    section_index: top,
                })
            })
            .collect()
    }

    /// Every agency name and the ordinals of the measures naming it, busiest
    /// first, then by first appearance.
    pub fn agency_load(&self) -> Vec<(String, Vec<usize>)> {
        outline::Outline::new(self).agency_load(self)
    }

    /// The document as pretty JSON; `with_text: false` drops every `text`.
    pub fn to_json(&self, with_text: bool) -> String {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if !with_text {
            fn strip(v: &mut serde_json::Value) {
                if let Some(items) = v.get_mut("items").and_then(|i| i.as_array_mut()) {
                    for it in items {
                        if let Some(o) = it.as_object_mut() {
                            o.remove("text");
                        }
                        if let Some(ch) = it.get_mut("children") {
                            let mut wrapper = serde_json::json!({ "items": ch.take() });
                            strip(&mut wrapper);
                            *ch = wrapper["items"].take();
                        }
                    }
                }
            }
            strip(&mut v);
            if let Some(atts) = v.get_mut("attachments").and_then(|a| a.as_array_mut()) {
                for a in atts {
                    if let Some(o) = a.as_object_mut() {
                        o.remove("text");
                    }
                    strip(a);
                }
            }
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
}

/// serde_json counts columns in bytes; people count characters.
fn char_column(s: &str, line: usize, byte_col: usize) -> usize {
    let Some(l) = s.split('\n').nth(line.saturating_sub(1)) else {
        return byte_col;
    };
    let mut end = byte_col.min(l.len());
    while !l.is_char_boundary(end) {
        end -= 1;
    }
    l[..end].chars().count().max(usize::from(byte_col > 0))
}

fn json_msg(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; we print those ourselves.
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A label with its numeral taken out ("（十二）" → "（）" Chinese), so
/// items numbered in the same style compare equal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LabelStyle {
    arabic: bool,
    shape: String,
}

impl LabelStyle {
    pub fn of(label: &str) -> LabelStyle {
        let arabic = label.chars().any(|c| c.is_ascii_digit());
        let shape = label
            .chars()
            .filter(|c| !c.is_ascii_digit() && !"零〇一二三四五六七八九十百千两".contains(*c))
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                '.' => '．',
                c => c,
            })
            .collect();
        LabelStyle { arabic, shape }
    }
}

/// [`Document::measure_style`] of any list of items (an attachment's).
pub(crate) fn items_style(items: &[Item]) -> LabelStyle {
    // Per style: (clauses, items, first seen); per label: its style.
    let mut styles: Vec<(LabelStyle, usize, usize)> = Vec::new();
    let mut by_style: HashMap<LabelStyle, usize> = HashMap::new();
    let mut by_label: HashMap<&str, usize> = HashMap::new();
    for it in outline::preorder_items(items) {
        let k = match by_label.get(it.label.as_str()) {
            Some(&k) => k,
            None => {
                let st = LabelStyle::of(&it.label);
                let k = *by_style.entry(st.clone()).or_insert_with(|| {
                    styles.push((st, 0, 0));
                    styles.len() - 1
                });
                by_label.insert(&it.label, k);
                k
            }
        };
        styles[k].1 += usize::from(!it.agencies.is_empty());
        styles[k].2 += 1;
    }
    // max_by_key keeps the last maximum; reverse so the outermost style wins ties.
    styles
        .iter()
        .rev()
        .max_by_key(|c| (c.1, c.2))
        .map(|c| c.0.clone())
        .unwrap_or_default()
}

/// Loads the document chosen on the command line: `--data FILE` or the embedded one.
pub fn load_or_embedded(path: Option<&Path>) -> Result<Document, String> {
    match path {
        Some(p) => Document::load(p),
        None => Ok(Document::embedded()),
    }
}

//! The importer: a policy document as people have it → [`Document`].
//!
//! Input formats, told apart by content ([`detect`]): plain text
//! (hard-wrapped or one paragraph per line, with or without blank lines,
//! CRLF, a BOM, indentation by spaces, NBSP or full-width spaces), HTML,
//! Markdown and .docx; anything else is refused with a message naming it.
//! Steps, one module each:
//! 1. each format yields lines (`text`, `html`, `markdown`, `docx`; noise and
//!    seals dropped in `lines`);
//! 2. lines are joined into paragraphs, undoing hard wraps (`paragraphs`);
//! 3. decimal numbering and tables of contents are prepared (`contents`),
//!    attachments split off (`attachments`);
//! 4. front matter (`front`), the item tree and a trailing signature
//!    (`items`, labels in `numbering`), responsibility clauses (`clauses`)
//!    and task tables (`tables`).

mod attachments;
mod clauses;
mod contents;
mod docx;
mod front;
mod html;
mod items;
mod lines;
mod markdown;
mod numbering;
mod paragraphs;
mod tables;
mod text;

use std::fmt;
use std::path::Path;

use super::Document;

pub use clauses::clause_agencies;
pub use front::parse_date;
pub use lines::{NOISE_PATTERNS, NOISE_PREFIXES};
use paragraphs::paragraphs;

/// Why a text could not be imported; displayed as one line.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// 1-based line of the input where it helps.
    pub line: Option<usize>,
    pub msg: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.msg),
            None => write!(f, "{}", self.msg),
        }
    }
}

impl std::error::Error for ImportError {}

pub(super) fn err(line: Option<usize>, msg: impl Into<String>) -> ImportError {
    ImportError {
        line,
        msg: msg.into(),
    }
}

/// Imports a file; the error names it.
pub fn import_file(path: &Path) -> Result<Document, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    import_named(&name, &bytes)
}

/// Imports bytes read from `name` (used only in the message): one line
/// naming the file and, for what cannot be imported, what the file is.
pub fn import_named(name: &str, bytes: &[u8]) -> Result<Document, String> {
    import_bytes(bytes).map_err(|e| format!("{name}: {e}"))
}

/// The input formats, told apart by content (never by file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Markdown,
    Docx,
}

/// What a file is, from its first bytes: a format we import, or an error
/// that says what it is and what to do.
pub fn detect(bytes: &[u8]) -> Result<Format, ImportError> {
    let unsupported = |what: &str| Err(err(None, what.to_string()));
    if bytes.starts_with(b"%PDF") {
        return unsupported("a PDF document (extract its text first, e.g. pdftotext -layout)");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return if docx::is_docx(bytes) {
            Ok(Format::Docx)
        } else {
            unsupported("a zip archive that is not a .docx (unpack it first)")
        };
    }
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return unsupported(
            "a Word 97-2003 .doc or other OLE file (save it as .docx or text first)",
        );
    }
    if bytes.starts_with(b"{\\rtf") {
        return unsupported("an RTF document (save it as .docx or text first)");
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "a PNG image"),
        (&b"\xff\xd8\xff"[..], "a JPEG image"),
        (&b"GIF8"[..], "a GIF image"),
        (&b"\x1f\x8b"[..], "a gzip archive"),
        (&b"\x7fELF"[..], "an executable (ELF)"),
        (&b"Rar!"[..], "a RAR archive"),
        (&b"7z\xbc\xaf"[..], "a 7z archive"),
        (
            &b"<?xml"[..],
            "an XML file (not a document this importer reads)",
        ),
    ] {
        if bytes.starts_with(magic) && !(magic == b"<?xml" && looks_like_html(bytes)) {
            return unsupported(&format!("{what}: binary data, not a text document"));
        }
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return unsupported("UTF-16 text (convert it with iconv -f UTF-16 -t UTF-8 first)");
    }
    if looks_like_html(bytes) {
        return Ok(Format::Html);
    }
    // Markdown shows in its first lines; look at a valid UTF-8 prefix only.
    let head = &bytes[..bytes.len().min(64 << 10)];
    let head = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    Ok(if markdown::looks_like(head) {
        Format::Markdown
    } else {
        Format::Text
    })
}

/// HTML: the first non-blank byte opens a tag, or common block tags abound.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let has = |t: &[u8]| lower.windows(t.len()).any(|w| w == t);
    let first = lower.iter().find(|b| !b.is_ascii_whitespace());
    let tags = [
        &b"<p"[..],
        b"<div",
        b"<br",
        b"<table",
        b"<tbody",
        b"<span",
        b"<html",
        b"<!doctype",
    ]
    .iter()
    .filter(|t| has(t))
    .count();
    (first == Some(&b'<') && tags >= 1) || tags >= 2
}

/// Imports raw bytes: UTF-8 text (plain, hard-wrapped or Markdown), HTML or
/// DOCX, told apart by content.
pub fn import_bytes(bytes: &[u8]) -> Result<Document, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(None, "empty document"));
    }
    match detect(bytes)? {
        Format::Docx => {
            let lines = docx::lines(bytes).map_err(|m| err(None, m))?;
            from_lines(&lines, true)
        }
        _ => import_str(text::decode(bytes)?),
    }
}

/// Imports a UTF-8 string: HTML, Markdown or plain text, by content.
pub fn import_str(text: &str) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text::check_not_binary(text)?;
    match detect(text.as_bytes())? {
        Format::Html => {
            let (lines, meta) = html::lines(text);
            let mut d = from_lines(&lines, true)?;
            // What the text lacks, the page's metadata table may say.
            for (field, value) in [
                (&mut d.number, meta.number),
                (&mut d.issuer, meta.issuer),
                (&mut d.date, meta.date),
            ] {
                if field.is_empty() {
                    *field = crate::text::sanitize_line(&value);
                }
            }
            Ok(d)
        }
        Format::Markdown => from_lines(&markdown::lines(text), true),
        _ => from_lines(&text::lines(text), false),
    }
}

/// The common pipeline: paragraphs, then the document.
fn from_lines(lines: &[lines::Line], structured: bool) -> Result<Document, ImportError> {
    if lines.is_empty() {
        return Err(err(None, "empty document"));
    }
    let paras = paragraphs(lines, structured);
    let mut doc = items::build(paras)?;
    doc.sanitize();
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::clauses::*;
    use super::front::*;
    use super::lines::*;
    use super::numbering::*;

    #[test]
    fn labels() {
        assert_eq!(
            label("一、总体要求").map(|l| (l.0, l.1)),
            Some((Style::Chinese, 1))
        );
        assert_eq!(
            label("（十二）加强工业互联网赋能。").map(|l| (l.0, l.1, l.2)),
            Some((Style::ParenChinese, 12, "（十二）"))
        );
        assert_eq!(
            label("3．加强").map(|l| (l.0, l.1)),
            Some((Style::Arabic, 3))
        );
        assert_eq!(
            label("(2)加强").map(|l| (l.0, l.1)),
            Some((Style::ParenArabic, 2))
        );
        assert!(label("1.5亿元").is_none());
        assert!(label("（财政部负责）").is_none());
        assert!(label("2021年11月6日").is_none());
        assert_eq!(
            label("第十二条 为了规范").map(|l| (l.0, l.1, l.2, l.3)),
            Some((Style::Article, 12, "第十二条", "为了规范"))
        );
        assert_eq!(
            label("第一章总则").map(|l| (l.0, l.1)),
            Some((Style::Chapter, 1))
        );
        assert_eq!(
            label("第二节 监督").map(|l| (l.0, l.1)),
            Some((Style::Part, 2))
        );
        assert!(label("第一批试点").is_none());
        assert_eq!(
            label("第12条 本办法自发布之日起施行。").map(|l| (l.0, l.1, l.2)),
            Some((Style::Article, 12, "第12条"))
        );
        assert_eq!(
            label("5.1.2 重伤二级").map(|l| (l.0, l.1, l.2, l.3)),
            Some((Style::Decimal(3), 2, "5.1.2", "重伤二级"))
        );
        assert!(label("1.5 亿元").is_none());
        assert!(label("1.5亿元").is_none());
        assert!(label("2019.10.1").is_none());
        assert!(label("第三条").is_none());
    }

    #[test]
    fn dates_and_numbers() {
        assert_eq!(parse_date("2021年11月6日").as_deref(), Some("2021-11-06"));
        assert_eq!(
            parse_date(" 2021年11月6日 \u{a0}").as_deref(),
            Some("2021-11-06")
        );
        assert_eq!(
            parse_date("二〇二一年十一月六日").as_deref(),
            Some("2021-11-06")
        );
        assert_eq!(parse_date("2021年13月6日"), None);
        assert!(is_doc_number("工信部企业〔2021〕169号"));
        assert!(is_doc_number("国发〔2021〕7号"));
        assert!(!is_doc_number("第169号"));
    }

    #[test]
    fn clauses() {
        let a = |s: &str| clause_agencies(s);
        assert_eq!(
            a("……水平。（财政部、工业和信息化部等有关部门及各地方按职责分工负责）").unwrap(),
            ["财政部", "工业和信息化部", "有关部门", "各地方"]
        );
        assert_eq!(a("……。（各地方负责）").unwrap(), ["各地方"]);
        assert_eq!(
            a("……。（人力资源社会保障部会同各地方按职责分工负责）").unwrap(),
            ["人力资源社会保障部", "各地方"]
        );
        assert_eq!(
            a("……。（发展改革委、财政部负责。列第一位者为牵头单位，下同）").unwrap(),
            ["发展改革委", "财政部"]
        );
        assert_eq!(
            a("……。（科技部、教育部等负责）").unwrap(),
            ["科技部", "教育部"]
        );
        assert_eq!(
            a("……。（工业和信息化部牵头负责）").unwrap(),
            ["工业和信息化部"]
        );
        assert_eq!(
            a("……。（教育部牵头，人力资源社会保障部、财政部等部门和各地区按职责分工负责）")
                .unwrap(),
            ["教育部", "人力资源社会保障部", "财政部", "各地区"]
        );
        assert_eq!(
            a("……。（国家发展改革委、财政部等按职责分工负责）").unwrap(),
            ["国家发展改革委", "财政部"]
        );
        assert!(a("……。（生态环境部牵头，各有关部门参与）").is_none());
        assert_eq!(
            a("……。（教育部、人力资源社会保障部负责，2021年底前完成）").unwrap(),
            ["教育部", "人力资源社会保障部"]
        );
        assert_eq!(
            a("……。（市场监管总局负责；持续推进）").unwrap(),
            ["市场监管总局"]
        );
        assert_eq!(
            a("……。（中央编办、司法部负责指导，各地区负责落实）").unwrap(),
            ["中央编办", "司法部", "各地区"]
        );
        assert!(a("……（例如专利）等。").is_none());
        assert!(a("没有括号。").is_none());
    }

    #[test]
    fn spaces_between_cjk_go_latin_stay() {
        assert_eq!(normalise_spaces("\u{a0} 贷款投 放规模"), "贷款投放规模");
        assert_eq!(
            normalise_spaces("APEC 中小 企业 small firms 100 个"),
            "APEC 中小企业 small firms 100 个"
        );
        assert_eq!(
            normalise_spaces("“专精特新” 中小企业"),
            "“专精特新”中小企业"
        );
    }
}

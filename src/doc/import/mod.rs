//! The importer: plain text → [`Document`].
//!
//! Works on the text as State Council documents come: hard-wrapped or one
//! paragraph per line, with or without blank lines, CRLF, a BOM, indentation
//! by spaces, NBSP or full-width spaces, and web-page noise lines. Steps:
//! 1. decode and split into [`Line`]s (noise and seal lines dropped);
//! 2. join lines into paragraphs ([`paragraphs`]);
//! 3. split front matter, numbered items and closing ([`build`]);
//! 4. find each item's title and responsibility clause.

mod clauses;
mod front;
mod items;
mod lines;
mod numbering;
mod paragraphs;

use std::fmt;
use std::path::Path;

use super::Document;

pub use clauses::clause_agencies;
pub use front::parse_date;
use lines::split_lines;
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
    import_bytes(&bytes).map_err(|e| format!("{name}: {e}"))
}

/// Imports raw bytes (UTF-8, optionally with a BOM).
pub fn import_bytes(bytes: &[u8]) -> Result<Document, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(None, "empty document"));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(err(
            None,
            "UTF-16 text (convert it with iconv -f UTF-16 -t UTF-8 first)",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(err(
                Some(line),
                "not UTF-8 text (convert GBK files with iconv first)",
            ));
        }
    };
    import_str(text)
}

/// Imports a UTF-8 string.
pub fn import_str(text: &str) -> Result<Document, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}'))
        .count();
    // NULs, or more than a few stray controls, mean a binary file.
    if let Some(pos) = text.find('\0').or_else(|| {
        (controls > 8 && controls * 100 > text.chars().count())
            .then(|| {
                text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}'))
            })
            .flatten()
    }) {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(err(Some(line), "binary data, not a text document"));
    }
    // Old Mac files end lines with a lone CR.
    let unified;
    let text = if text.contains('\r') && !text.contains('\n') {
        unified = text.replace('\r', "\n");
        &unified
    } else {
        text
    };
    let lines = split_lines(text);
    if lines.is_empty() {
        return Err(err(None, "empty document"));
    }
    let paras = paragraphs(&lines);
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

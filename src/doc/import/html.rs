//! HTML input (a gov.cn page or its body): parsed with a real HTML parser
//! (html5ever via `scraper`); block elements and `<br>` end paragraphs, table
//! rows keep their cells.

use scraper::{ElementRef, Html, Node};

use super::lines::{Line, block_line};

/// Elements whose content is not document text.
const SKIP: &[&str] = &[
    "script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg",
    "button", "select", "nav", "header", "footer",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "center",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "form",
    "hr",
    "address",
    "figure",
    "figcaption",
    "body",
];

struct Out {
    lines: Vec<Line>,
    cur: String,
}

impl Out {
    fn flush(&mut self) {
        let no = self.lines.len() + 1;
        if let Some(l) = block_line(no, &std::mem::take(&mut self.cur), 0, Vec::new()) {
            self.lines.push(l);
        }
    }
}

/// The document's lines, one per paragraph or table row.
pub(super) fn lines(html: &str) -> Vec<Line> {
    let doc = Html::parse_document(html);
    let mut out = Out {
        lines: Vec::new(),
        cur: String::new(),
    };
    walk(content_root(&doc).unwrap_or(doc.root_element()), &mut out);
    out.flush();
    out.lines
}

/// The element holding the document on a gov.cn page (and the common CMS
/// templates), so page chrome, the metadata table and related links stay out.
fn content_root(doc: &Html) -> Option<ElementRef<'_>> {
    const IDS: &[&str] = &["UCAP-CONTENT", "zoom", "Zoom", "content"];
    const CLASSES: &[&str] = &[
        "pages_content",
        "TRS_Editor",
        "article-content",
        "view TRS_UEDITOR",
    ];
    let els = || {
        doc.root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
    };
    let has_text = |e: &ElementRef<'_>| e.text().any(|t| t.trim().chars().count() > 20);
    IDS.iter()
        .find_map(|id| els().find(|e| e.value().id() == Some(id) && has_text(e)))
        .or_else(|| {
            CLASSES.iter().find_map(|c| {
                els()
                    .find(|e| e.value().attr("class").is_some_and(|v| v.contains(c)) && has_text(e))
            })
        })
}

/// Text of an element, `<br>` and blocks as spaces (for table cells).
fn flat_text(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    for n in el.descendants() {
        match n.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) if e.name() == "br" || BLOCKS.contains(&e.name()) => s.push(' '),
            _ => {}
        }
    }
    s
}

/// A layout cell holds paragraphs or tables; a data cell holds a phrase.
fn is_layout_row(tr: ElementRef<'_>) -> bool {
    tr.descendants().filter_map(ElementRef::wrap).any(|e| {
        matches!(e.value().name(), "p" | "div" | "table" | "h1" | "h2" | "h3")
            && e.text().any(|t| !t.trim().is_empty())
    }) && tr.children().filter_map(ElementRef::wrap).count() <= 1
}

fn walk(el: ElementRef<'_>, out: &mut Out) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.cur.push_str(t),
            Node::Element(e) => {
                let Some(ce) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                if name == "br" {
                    out.flush();
                    continue;
                }
                if name == "tr" && !is_layout_row(ce) {
                    out.flush();
                    let cells: Vec<String> = ce
                        .children()
                        .filter_map(ElementRef::wrap)
                        .filter(|c| matches!(c.value().name(), "td" | "th"))
                        .map(|c| super::lines::normalise_spaces(&flat_text(c)))
                        .collect();
                    if cells.iter().any(|c| !c.is_empty()) {
                        let text = cells
                            .iter()
                            .filter(|c| !c.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" ");
                        let no = out.lines.len() + 1;
                        if let Some(l) = block_line(no, &text, 0, cells) {
                            out.lines.push(l);
                        }
                    }
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.flush();
                }
                walk(ce, out);
                if block {
                    out.flush();
                }
            }
            _ => {}
        }
    }
}

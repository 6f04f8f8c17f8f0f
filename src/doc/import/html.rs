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

/// What a page says about the document outside its text: gov.cn pages
/// carry a metadata table (标题, 发文字号, 发文机关, 成文日期) and the title
/// in an `<h1>` above the content element.
#[derive(Debug, Default)]
pub(super) struct PageMeta {
    pub(super) title: String,
    pub(super) number: String,
    pub(super) issuer: String,
    pub(super) date: String,
}

/// The document's lines, one per paragraph or table row, and the page's metadata.
pub(super) fn lines(html: &str) -> (Vec<Line>, PageMeta) {
    let doc = Html::parse_document(html);
    let mut out = Out {
        lines: Vec::new(),
        cur: String::new(),
    };
    let root = content_root(&doc);
    walk(root.unwrap_or(doc.root_element()), &mut out);
    out.flush();
    let mut meta = page_meta(&doc);
    if root.is_some() && meta.title.is_empty() {
        meta.title = heading_outside(&doc).unwrap_or_default();
    }
    // The content element may start below the title: put it back on top.
    if root.is_some() && !meta.title.is_empty() {
        let squeeze = |s: &str| s.replace(' ', "");
        let t = squeeze(&meta.title);
        let present = out
            .lines
            .iter()
            .take(4)
            .any(|l| squeeze(&l.text).starts_with(&t) || t.starts_with(&squeeze(&l.text)));
        if !present && let Some(l) = block_line(0, &meta.title, 0, Vec::new()) {
            out.lines.insert(0, l);
        }
    }
    (out.lines, meta)
}

fn squeezed_text(e: ElementRef<'_>) -> String {
    e.text()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// The gov.cn metadata table: a label cell ("发文字号：") then its value cell.
fn page_meta(doc: &Html) -> PageMeta {
    let mut m = PageMeta::default();
    for td in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        if !matches!(td.value().name(), "td" | "th" | "b" | "span" | "label") {
            continue;
        }
        let key = squeezed_text(td);
        let slot = match key.trim_end_matches(['：', ':']) {
            "标题" => &mut m.title,
            "发文字号" => &mut m.number,
            "发文机关" => &mut m.issuer,
            "成文日期" => &mut m.date,
            _ => continue,
        };
        let value = td
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .next()
            .map(|v| super::lines::normalise_spaces(&v.text().collect::<String>()))
            .unwrap_or_default();
        if slot.is_empty() && !value.is_empty() && value.chars().count() <= 100 {
            *slot = value;
        }
    }
    // "2021年05月06日" → ISO.
    m.date = super::front::parse_date(&m.date).unwrap_or_default();
    m
}

/// An `<h1>`, else the `<title>` before its site suffix ("…_中国政府网").
fn heading_outside(doc: &Html) -> Option<String> {
    let els = || {
        doc.root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
    };
    let text = |e: ElementRef<'_>| super::lines::normalise_spaces(&e.text().collect::<String>());
    els()
        .find(|e| e.value().name() == "h1")
        .map(text)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            els()
                .find(|e| e.value().name() == "title")
                .map(text)
                .and_then(|t| {
                    let t = t.split(['_', '|']).next().unwrap_or("").trim().to_string();
                    (!t.is_empty()).then_some(t)
                })
        })
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

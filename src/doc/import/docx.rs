//! DOCX input: the paragraphs and tables of `word/document.xml`, read with
//! `zip` and `quick-xml`.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::lines::{Line, block_line};

/// A .docx bigger than this once unzipped is refused (a zip bomb guard).
const MAX_XML: u64 = 64 << 20;

/// Whether a zip archive is a Word document.
pub(super) fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name("word/document.xml").is_some())
}

pub(super) fn lines(bytes: &[u8]) -> Result<Vec<Line>, String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("damaged .docx: {e}"))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| "a zip archive without word/document.xml, not a .docx".to_string())?;
    let mut xml = String::new();
    entry
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| format!("damaged .docx: {e}"))?;
    parse(&xml)
}

/// w:p → a line; w:tr → a row of its cells' text; w:tab / w:br → a space.
fn parse(xml: &str) -> Result<Vec<Line>, String> {
    let mut r = Reader::from_str(xml);
    let mut out: Vec<Line> = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    // Table nesting: cells of the current row, text of the current cell.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    let mut depth_tbl = 0usize;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("damaged .docx (word/document.xml: {e})"))?;
        match ev {
            Event::Start(e) => match e.name().into_inner() {
                "w:t" => in_text = true,
                "w:tbl" => depth_tbl += 1,
                "w:tr" if depth_tbl == 1 => rows.push(Vec::new()),
                "w:tc" if depth_tbl == 1 => cell = Some(String::new()),
                _ => {}
            },
            Event::Empty(e) => {
                if matches!(e.name().into_inner(), "w:tab" | "w:br" | "w:cr") {
                    para.push(' ');
                }
            }
            Event::Text(t) if in_text => {
                para.push_str(&t.xml10_content());
            }
            Event::GeneralRef(g) if in_text => {
                // &amp; &lt; … and &#NNN; inside w:t.
                let name = g.clone().into_inner();
                let ch = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => g.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = ch {
                    para.push(c);
                }
            }
            Event::End(e) => match e.name().into_inner() {
                "w:t" => in_text = false,
                "w:p" => {
                    let text = std::mem::take(&mut para);
                    match cell.as_mut() {
                        Some(c) if depth_tbl == 1 => {
                            if !c.is_empty() {
                                c.push(' ');
                            }
                            c.push_str(text.trim());
                        }
                        _ if depth_tbl > 0 => {}
                        _ => {
                            if let Some(l) = block_line(out.len() + 1, &text, 0, Vec::new()) {
                                out.push(l);
                            }
                        }
                    }
                }
                "w:tc" if depth_tbl == 1 => {
                    if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                        row.push(super::lines::normalise_spaces(&c));
                    }
                }
                "w:tr" if depth_tbl == 1 => {
                    if let Some(cells) = rows.pop() {
                        let text: Vec<&str> = cells
                            .iter()
                            .map(String::as_str)
                            .filter(|c| !c.is_empty())
                            .collect();
                        if let Some(l) = block_line(out.len() + 1, &text.join(" "), 0, cells) {
                            out.push(l);
                        }
                    }
                }
                "w:tbl" => depth_tbl = depth_tbl.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

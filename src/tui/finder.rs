//! The TUI's narrow view of the search engine: results as tree paths plus the
//! matched character ranges, and width-bounded snippets.
// TEMPORARY: a plain substring search until `crate::search` lands.

use std::ops::Range;

use crate::doc::{Document, Item};
use crate::text;

/// One search result, as the browser needs it.
#[derive(Debug, Clone)]
pub struct Found {
    /// Child indices from `doc.items`; empty = the document itself.
    pub path: Vec<usize>,
    /// Char ranges in the item's title (the document title for the root).
    pub title: Vec<Range<usize>>,
    /// Char ranges in the item's text.
    pub text: Vec<Range<usize>>,
    body: String,
}

impl Found {
    /// How many places matched.
    pub fn count(&self) -> usize {
        self.title.len() + self.text.len()
    }
}

pub struct Finder {
    items: Vec<(Vec<usize>, String, String)>,
}

fn char_ranges(hay: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let n = needle.chars().count();
    hay.match_indices(needle)
        .map(|(b, _)| {
            let s = hay[..b].chars().count();
            s..s + n
        })
        .collect()
}

impl Finder {
    pub fn new(doc: &Document) -> Finder {
        let mut items = vec![(Vec::new(), doc.title.clone(), doc.preamble.clone())];
        fn walk(
            items: &[Item],
            path: &mut Vec<usize>,
            out: &mut Vec<(Vec<usize>, String, String)>,
        ) {
            for (i, it) in items.iter().enumerate() {
                path.push(i);
                out.push((path.clone(), it.title.clone(), it.text.clone()));
                walk(&it.children, path, out);
                path.pop();
            }
        }
        walk(&doc.items, &mut Vec::new(), &mut items);
        Finder { items }
    }

    /// Results for `query`, best first; `Err` is a one-line message about a
    /// malformed query.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Found>, String> {
        let q = query.trim();
        let mut out: Vec<Found> = self
            .items
            .iter()
            .filter_map(|(p, t, x)| {
                let title = char_ranges(t, q);
                let text = char_ranges(x, q);
                (!title.is_empty() || !text.is_empty()).then(|| Found {
                    path: p.clone(),
                    title,
                    text,
                    body: x.clone(),
                })
            })
            .collect();
        out.sort_by_key(|f| f.title.is_empty());
        out.truncate(limit);
        Ok(out)
    }

    /// A snippet of the body around the first match, at most `max_width`
    /// cells, with char-range highlights.
    pub fn snippet(&self, found: &Found, max_width: usize) -> (String, Vec<Range<usize>>) {
        let Some(first) = found.text.first() else {
            return (String::new(), Vec::new());
        };
        let start: usize = found
            .body
            .chars()
            .take(first.start)
            .map(text::char_width)
            .sum();
        let skip = start.saturating_sub(max_width / 3);
        let mut cut = 0;
        let mut chars_cut = 0;
        for c in found.body.chars() {
            if cut >= skip {
                break;
            }
            cut += text::char_width(c);
            chars_cut += 1;
        }
        let rest: String = found.body.chars().skip(chars_cut).collect();
        let rest = rest.replace('\n', " ");
        let lead = if chars_cut > 0 { text::ELLIPSIS } else { "" };
        let shown = text::truncate(&rest, max_width.saturating_sub(text::width(lead)));
        let lead_chars = lead.chars().count();
        let n = shown.chars().count();
        let hl = found
            .text
            .iter()
            .filter(|r| r.start >= chars_cut)
            .map(|r| r.start - chars_cut + lead_chars..r.end - chars_cut + lead_chars)
            .filter(|r| r.end <= n)
            .collect();
        (format!("{lead}{shown}"), hl)
    }
}

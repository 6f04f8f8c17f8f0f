//! The search copy of a document: what the search engine reads of it
//! (metadata, labels, titles, texts, agencies), in postcard inside the
//! index, so a search decodes it instead of parsing and sanitising JSON.
//! Fields the model gains later are not in it: the copy is for searching,
//! [`super::Library::load`] gives the document itself.

use serde::{Deserialize, Serialize};

use crate::doc::{Document, Item};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocRec {
    title: String,
    number: String,
    issuer: String,
    date: String,
    addressees: Vec<String>,
    letter: String,
    preamble: String,
    closing: String,
    items: Vec<ItemRec>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ItemRec {
    /// Its measure ordinal in the whole document (0: not a measure).
    ordinal: u32,
    number: u32,
    label: String,
    title: String,
    text: String,
    agencies: Vec<String>,
    children: Vec<ItemRec>,
}

/// A search copy as stored, borrowed from the index without copying or
/// checking its strings: only the items a search keeps are turned into text.
#[derive(Deserialize)]
pub struct DocView<'a> {
    #[serde(borrow)]
    title: &'a [u8],
    #[serde(borrow)]
    number: &'a [u8],
    #[serde(borrow)]
    issuer: &'a [u8],
    #[serde(borrow)]
    date: &'a [u8],
    #[serde(borrow)]
    addressees: Vec<&'a [u8]>,
    #[serde(borrow)]
    letter: &'a [u8],
    #[serde(borrow)]
    preamble: &'a [u8],
    #[serde(borrow)]
    closing: &'a [u8],
    #[serde(borrow)]
    items: Vec<ItemView<'a>>,
}

#[derive(Deserialize)]
struct ItemView<'a> {
    ordinal: u32,
    number: u32,
    #[serde(borrow)]
    label: &'a [u8],
    #[serde(borrow)]
    title: &'a [u8],
    #[serde(borrow)]
    text: &'a [u8],
    #[serde(borrow)]
    agencies: Vec<&'a [u8]>,
    #[serde(borrow)]
    children: Vec<ItemView<'a>>,
}

fn text(b: &[u8]) -> Option<String> {
    std::str::from_utf8(b).ok().map(str::to_string)
}

impl<'a> DocView<'a> {
    /// Decodes a stored search copy (postcard writes a `String` as a
    /// length and bytes, which reads back as `&[u8]`).
    pub fn decode(bytes: &'a [u8]) -> Option<DocView<'a>> {
        postcard::from_bytes(bytes).ok()
    }

    /// The copy with titles and texts only where `keep(i, ordinal, agencies)` (i:
    /// depth-first position), and which items those are. `None` when the
    /// stored bytes are not UTF-8 (a damaged index).
    pub fn into_rec(
        self,
        keep: &dyn Fn(usize, u32, &[String]) -> bool,
    ) -> Option<(DocRec, Vec<bool>)> {
        fn item(
            v: ItemView,
            keep: &dyn Fn(usize, u32, &[String]) -> bool,
            flags: &mut Vec<bool>,
        ) -> Option<ItemRec> {
            let agencies: Vec<String> =
                v.agencies.iter().map(|a| text(a)).collect::<Option<_>>()?;
            let k = keep(flags.len(), v.ordinal, &agencies);
            flags.push(k);
            let (title, body) = if k {
                (text(v.title)?, text(v.text)?)
            } else {
                (String::new(), String::new())
            };
            Some(ItemRec {
                ordinal: v.ordinal,
                number: v.number,
                label: text(v.label)?,
                title,
                text: body,
                agencies,
                children: v
                    .children
                    .into_iter()
                    .map(|c| item(c, keep, flags))
                    .collect::<Option<_>>()?,
            })
        }
        let mut flags = Vec::new();
        let items = self
            .items
            .into_iter()
            .map(|c| item(c, keep, &mut flags))
            .collect::<Option<_>>()?;
        Some((
            DocRec {
                title: text(self.title)?,
                number: text(self.number)?,
                issuer: text(self.issuer)?,
                date: text(self.date)?,
                addressees: self
                    .addressees
                    .iter()
                    .map(|a| text(a))
                    .collect::<Option<_>>()?,
                letter: text(self.letter)?,
                preamble: text(self.preamble)?,
                closing: text(self.closing)?,
                items,
            },
            flags,
        ))
    }
}

impl DocRec {
    pub fn of(doc: &Document) -> DocRec {
        let measures: Vec<(*const Item, u32)> = doc
            .measures()
            .iter()
            .map(|m| (m.item as *const Item, m.ordinal as u32))
            .collect();
        let item = |it: &Item| -> ItemRec {
            fn go(it: &Item, measures: &[(*const Item, u32)]) -> ItemRec {
                ItemRec {
                    ordinal: measures
                        .iter()
                        .find(|m| std::ptr::eq(m.0, it))
                        .map_or(0, |m| m.1),
                    number: it.number,
                    label: it.label.clone(),
                    title: it.title.clone(),
                    text: it.text.clone(),
                    agencies: it.agencies.clone(),
                    children: it.children.iter().map(|c| go(c, measures)).collect(),
                }
            }
            go(it, &measures)
        };
        DocRec {
            title: doc.title.clone(),
            number: doc.number.clone(),
            issuer: doc.issuer.clone(),
            date: doc.date.clone(),
            addressees: doc.addressees.clone(),
            letter: doc.letter.clone(),
            preamble: doc.preamble.clone(),
            closing: doc.closing.clone(),
            items: doc.items.iter().map(item).collect(),
        }
    }

    /// The document with only the items for which `keep(i, agencies)` is
    /// true (i: depth-first position) and their ancestors (without title and
    /// text), and for each item kept, its path and measure ordinal in the
    /// whole document. `None` when the pruned document would number its
    /// measures differently (then prune with [`DocRec::into_document`]).
    pub fn pruned(&self, keep: &dyn Fn(usize, &[String]) -> bool) -> Option<(Document, Pruned)> {
        let (doc0, item0) = templates();
        struct Walk<'k> {
            keep: &'k dyn Fn(usize, &[String]) -> bool,
            n: usize,
            path: Vec<usize>,
            map: Vec<(Vec<usize>, Vec<usize>, u32)>,
        }
        fn items(rs: &[ItemRec], t: &Item, w: &mut Walk, out_path: &mut Vec<usize>) -> Vec<Item> {
            let mut out = Vec::new();
            for (k, r) in rs.iter().enumerate() {
                let i = w.n;
                w.n += 1;
                let kept = (w.keep)(i, &r.agencies);
                w.path.push(k);
                out_path.push(out.len());
                let mark = w.map.len();
                w.map.push((out_path.clone(), w.path.clone(), r.ordinal));
                let children = items(&r.children, t, w, out_path);
                if kept || !children.is_empty() {
                    let mut it = t.clone();
                    it.number = r.number;
                    it.label = r.label.clone();
                    it.agencies = r.agencies.clone();
                    if kept {
                        it.title = r.title.clone();
                        it.text = r.text.clone();
                    }
                    it.children = children;
                    out.push(it);
                } else {
                    w.map.truncate(mark);
                }
                out_path.pop();
                w.path.pop();
            }
            out
        }
        let mut w = Walk {
            keep,
            n: 0,
            path: Vec::new(),
            map: Vec::new(),
        };
        let kept = items(&self.items, item0, &mut w, &mut Vec::new());
        let mut d = doc0.clone();
        d.title = self.title.clone();
        d.number = self.number.clone();
        d.issuer = self.issuer.clone();
        d.date = self.date.clone();
        d.addressees = self.addressees.clone();
        d.letter = self.letter.clone();
        d.preamble = self.preamble.clone();
        d.closing = self.closing.clone();
        d.items = kept;
        let map: std::collections::HashMap<Vec<usize>, (Vec<usize>, u32)> =
            w.map.into_iter().map(|(p, o, n)| (p, (o, n))).collect();
        // The measures must be the same items as in the whole document.
        let measures_ok = {
            let pruned: std::collections::HashSet<*const Item> =
                d.measures().iter().map(|m| m.item as *const Item).collect();
            let mut ok = true;
            fn check(
                items: &[Item],
                path: &mut Vec<usize>,
                map: &std::collections::HashMap<Vec<usize>, (Vec<usize>, u32)>,
                pruned: &std::collections::HashSet<*const Item>,
                ok: &mut bool,
            ) {
                for (k, it) in items.iter().enumerate() {
                    path.push(k);
                    let whole = map.get(path.as_slice()).is_some_and(|m| m.1 != 0);
                    if whole != pruned.contains(&(it as *const Item)) {
                        *ok = false;
                    }
                    check(&it.children, path, map, pruned, ok);
                    path.pop();
                }
            }
            check(&d.items, &mut Vec::new(), &map, &pruned, &mut ok);
            ok
        };
        measures_ok.then_some((d, Pruned { map }))
    }

    /// The document, items for which `keep(i, agencies)` is false (i:
    /// depth-first position) without title and text: they stay in the tree, so paths,
    /// ordinals and the measures' numbering style are those of the
    /// document, but the engine spends nothing on them.
    pub fn into_document(self, keep: &dyn Fn(usize, &[String]) -> bool) -> Document {
        let (doc0, item0) = templates();
        fn item(
            r: ItemRec,
            t: &Item,
            n: &mut usize,
            keep: &dyn Fn(usize, &[String]) -> bool,
        ) -> Item {
            let i = *n;
            *n += 1;
            let mut it = t.clone();
            it.number = r.number;
            it.label = r.label;
            let kept = keep(i, &r.agencies);
            it.agencies = r.agencies;
            if kept {
                it.title = r.title;
                it.text = r.text;
            }
            it.children = r
                .children
                .into_iter()
                .map(|c| item(c, t, n, keep))
                .collect();
            it
        }
        let mut d = doc0.clone();
        d.title = self.title;
        d.number = self.number;
        d.issuer = self.issuer;
        d.date = self.date;
        d.addressees = self.addressees;
        d.letter = self.letter;
        d.preamble = self.preamble;
        d.closing = self.closing;
        let mut n = 0;
        d.items = self
            .items
            .into_iter()
            .map(|r| item(r, item0, &mut n, keep))
            .collect();
        d
    }
}

/// Where the items of a pruned document are in the whole one.
pub struct Pruned {
    /// Pruned path → (path, measure ordinal or 0) in the whole document.
    map: std::collections::HashMap<Vec<usize>, (Vec<usize>, u32)>,
}

impl Pruned {
    /// `hit` (found in the pruned document) as found in the whole one.
    pub fn whole(&self, hit: &crate::search::Hit) -> crate::search::Hit {
        let mut h = hit.clone();
        if let Some((path, ordinal)) = self.map.get(&hit.path) {
            h.path = path.clone();
            if h.ordinal.is_some() {
                h.ordinal = Some(*ordinal as usize).filter(|&o| o > 0);
            }
        }
        h
    }
}

/// An empty document and item with every field at its default, whatever
/// fields the model has: what a search copy is filled into.
fn templates() -> (&'static Document, &'static Item) {
    use std::sync::OnceLock;
    static T: OnceLock<(Document, Item)> = OnceLock::new();
    let t = T.get_or_init(|| {
        let d = Document::from_json(r#"{"schema": 1, "title": ""}"#)
            .unwrap_or_else(|_| Document::embedded());
        let i = serde_json::from_str(r#"{"number": 0, "label": "", "title": ""}"#)
            .ok()
            .or_else(|| d.items.first().cloned())
            .unwrap_or_else(|| Document::embedded().items[0].clone());
        (d, i)
    });
    (&t.0, &t.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_what_search_reads() {
        let d = Document::embedded();
        let bytes = postcard::to_stdvec(&DocRec::of(&d)).unwrap();
        let (back, flags) = DocView::decode(&bytes)
            .unwrap()
            .into_rec(&|_, _, _| true)
            .unwrap();
        assert!(flags.iter().all(|&f| f));
        fn flat(items: &[Item], out: &mut Vec<(String, String, String, Vec<String>)>) {
            for it in items {
                out.push((
                    it.label.clone(),
                    it.title.clone(),
                    it.text.clone(),
                    it.agencies.clone(),
                ));
                flat(&it.children, out);
            }
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let full = back.clone().into_document(&|_, _| true);
        flat(&full.items, &mut a);
        flat(&d.items, &mut b);
        assert_eq!(a, b);
        assert_eq!(
            (full.title, full.preamble),
            (d.title.clone(), d.preamble.clone())
        );
        let pruned = back.into_document(&|i, _| i == 0);
        assert_eq!(pruned.items[0].title, d.items[0].title);
        assert!(pruned.items[1].title.is_empty() && pruned.items[1].text.is_empty());
        assert_eq!(pruned.items[1].children.len(), d.items[1].children.len());
        assert_eq!(pruned.measures().len(), d.measures().len());
    }
}

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
    number: u32,
    label: String,
    title: String,
    text: String,
    agencies: Vec<String>,
    children: Vec<ItemRec>,
}

impl DocRec {
    pub fn of(doc: &Document) -> DocRec {
        fn item(it: &Item) -> ItemRec {
            ItemRec {
                number: it.number,
                label: it.label.clone(),
                title: it.title.clone(),
                text: it.text.clone(),
                agencies: it.agencies.clone(),
                children: it.children.iter().map(item).collect(),
            }
        }
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
        let back: DocRec = postcard::from_bytes(&bytes).unwrap();
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

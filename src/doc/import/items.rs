//! The body: numbered items in a tree, then the closing and a trailing signature.

use super::clauses::clause_agencies;
use super::front::{front_matter, is_title_like, join_issuers, parse_date};
use super::numbering::Style;
use super::numbering::label;
use super::paragraphs::Para;
use super::{ImportError, err};
use crate::doc::{Document, Item, SCHEMA};

/// Title: the text up to the first "。" of the first paragraph.
pub(super) fn title_of(text: &str) -> String {
    let first = text.split('\n').next().unwrap_or("");
    first.split('。').next().unwrap_or(first).trim().to_string()
}

pub(super) struct Open {
    pub(super) style: Style,
    pub(super) item: Item,
    /// Its responsibility clause has been seen: later paragraphs are not its text.
    pub(super) closed: bool,
}

pub(super) fn finish(mut it: Item) -> Item {
    it.title = title_of(&it.text);
    it.agencies = clause_agencies(&it.text).unwrap_or_default();
    it
}

pub(super) fn pop_into(stack: &mut Vec<Open>, items: &mut Vec<Item>) {
    if let Some(o) = stack.pop() {
        let it = finish(o.item);
        match stack.last_mut() {
            Some(parent) => parent.item.children.push(it),
            None => items.push(it),
        }
    }
}

pub(super) fn push_para(text: &mut String, p: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(p);
}

pub(super) fn build(paras: Vec<Para>) -> Result<Document, ImportError> {
    let Some(h0) = paras.iter().position(|p| label(&p.text).is_some()) else {
        let line = paras.first().map(|p| p.line);
        return Err(err(
            line,
            "no numbered items found (expected headings such as 一、 or （一）)",
        ));
    };
    let mut paras = paras;
    let body = paras.split_off(h0);
    let mut front = front_matter(paras);

    let mut items: Vec<Item> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut orphans: Vec<String> = Vec::new();
    for p in body {
        if let Some((style, number, lab, rest)) = label(&p.text) {
            // Paragraphs after a closed item belong to its parent.
            if !orphans.is_empty() {
                let n = stack.len();
                let target = if n >= 2 {
                    Some(&mut stack[n - 2].item.text)
                } else {
                    None
                };
                match target {
                    Some(t) => orphans.drain(..).for_each(|o| push_para(t, &o)),
                    None => front.preamble.append(&mut orphans),
                }
            }
            while stack.last().is_some_and(|o| o.style >= style) {
                pop_into(&mut stack, &mut items);
            }
            stack.push(Open {
                style,
                item: Item {
                    number,
                    label: lab.to_string(),
                    title: String::new(),
                    text: rest.trim().to_string(),
                    ..Default::default()
                },
                closed: false,
            });
        } else {
            match stack.last_mut() {
                Some(o) if !o.closed => push_para(&mut o.item.text, &p.text),
                _ => orphans.push(p.text),
            }
        }
        if let Some(o) = stack.last_mut() {
            o.closed = clause_agencies(&o.item.text).is_some();
        }
    }
    while !stack.is_empty() {
        pop_into(&mut stack, &mut items);
    }
    // Trailing issuer and date (documents without a cover letter sign at the end).
    let last_date = orphans.iter().rposition(|t| parse_date(t).is_some());
    if let Some(di) = last_date.filter(|di| di + 2 >= orphans.len()) {
        let date = parse_date(&orphans[di]).unwrap_or_default();
        let mut k = di;
        while k > 0 && is_title_like(&orphans[k - 1]) && di - k < 3 {
            k -= 1;
        }
        if front.date.is_empty() {
            front.date = date;
        }
        if front.issuer.is_empty() {
            front.issuer = join_issuers(&orphans[k..di]);
        }
        orphans.truncate(k);
    }
    Ok(Document {
        schema: SCHEMA,
        title: front.title,
        number: front.number,
        issuer: front.issuer,
        date: front.date,
        addressees: front.addressees,
        letter: front.letter.join("\n"),
        preamble: front.preamble.join("\n"),
        closing: orphans.join("\n"),
        items,
        ..Default::default()
    })
}

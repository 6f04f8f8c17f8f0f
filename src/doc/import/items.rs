//! The body: numbered items in a tree, then the closing and a trailing
//! signature; attachments get the same treatment.

use std::collections::HashSet;

use super::attachments::{self, RawAttachment};
use super::clauses::{clauses_in, ends_with_clause, lead_applies_later};
use super::contents::{self, top_decimal};
use super::front::{
    front_matter, is_title_like, issuer_start, join_issuers, parse_date, wrapped_title,
};
use super::numbering::{Style, label};
use super::paragraphs::Para;
use super::tables::table_items;
use super::{ImportError, err};
use crate::doc::{Attachment, Document, Item, SCHEMA};

/// Title: the text up to the first "。" of the first paragraph.
pub(super) fn title_of(text: &str) -> String {
    let first = text.split('\n').next().unwrap_or("");
    first.split('。').next().unwrap_or(first).trim().to_string()
}

struct Open {
    style: Style,
    item: Item,
    /// Its responsibility clause has been seen: later paragraphs are not its text.
    closed: bool,
}

/// The lead-agency rule in force: set by "列第一位者为牵头单位，下同".
#[derive(Default)]
struct Lead {
    later: bool,
}

fn finish(mut it: Item, lead: &mut Lead) -> Item {
    it.title = title_of(&it.text);
    if it.clauses.is_empty() {
        it.clauses = clauses_in(&it.text);
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut agencies = Vec::new();
    for c in &mut it.clauses {
        if c.lead.is_empty() && lead.later {
            c.lead = c.agencies[0].clone();
        }
        if lead_applies_later(c) {
            lead.later = true;
        }
        for a in &c.agencies {
            if seen.insert(a) {
                agencies.push(a.clone());
            }
        }
    }
    it.agencies = agencies;
    it.lead = it
        .clauses
        .iter()
        .find(|c| !c.lead.is_empty())
        .map(|c| c.lead.clone())
        .unwrap_or_default();
    it
}

fn pop_into(stack: &mut Vec<Open>, items: &mut Vec<Item>, lead: &mut Lead) {
    if let Some(o) = stack.pop() {
        let it = finish(o.item, lead);
        match stack.last_mut() {
            Some(parent) => parent.item.children.push(it),
            None => items.push(it),
        }
    }
}

fn push_para(text: &mut String, p: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(p);
}

/// A paragraph's item label, Markdown headings without a number included.
fn item_label(p: &Para) -> Option<(Style, u32, &str, &str)> {
    if !p.row.is_empty() {
        return None;
    }
    if p.top
        && let Some((n, lab, rest)) = top_decimal(&p.text)
    {
        return Some((Style::Decimal(1), n, lab, rest));
    }
    label(&p.text)
        .or_else(|| (p.heading >= 2).then_some((Style::Heading(p.heading), 0, "", p.text.as_str())))
}

/// Takes out the "附件：1.… / 2.…" list: not body text, not items.
fn take_list(paras: &mut Vec<Para>) -> Vec<String> {
    let mut listed = Vec::new();
    let mut keep = Vec::with_capacity(paras.len());
    let mut in_list = false;
    let all = std::mem::take(paras);
    let dates: Vec<bool> = all.iter().map(|p| parse_date(&p.text).is_some()).collect();
    for (i, p) in all.into_iter().enumerate() {
        // An entry's wrapped tail ("…专家组" + "意见") is short and unpunctuated;
        // the issuer line above the date is not part of the list.
        let tail = is_title_like(&p.text)
            && label(&p.text).is_none()
            && !dates.get(i + 1).copied().unwrap_or(false)
            && !dates[i];
        in_list = attachments::is_list_start(&p.text)
            || (in_list && (attachments::continues_list(&p) || tail));
        if in_list {
            listed.push(p.text);
        } else {
            keep.push(p);
        }
    }
    *paras = keep;
    listed
}

/// "（1）甲；（2）乙；（3）丙。" on one line: one paragraph per sub-item.
fn split_inline(paras: Vec<Para>) -> Vec<Para> {
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        let Some((style @ (Style::ParenArabic | Style::ParenChinese), n, ..)) = label(&p.text)
        else {
            out.push(p);
            continue;
        };
        let mut next = n + 1;
        let mut rest = p.text.as_str();
        let mut pieces = Vec::new();
        loop {
            let found = rest.match_indices('；').find_map(|(i, _)| {
                let after = &rest[i + '；'.len_utf8()..];
                label(after)
                    .filter(|l| l.0 == style && l.1 == next)
                    .map(|_| i + '；'.len_utf8())
            });
            match found {
                Some(cut) => {
                    pieces.push(rest[..cut].to_string());
                    rest = &rest[cut..];
                    next += 1;
                }
                None => break,
            }
        }
        if pieces.is_empty() {
            out.push(p);
            continue;
        }
        pieces.push(rest.to_string());
        for t in pieces {
            out.push(Para {
                text: t,
                ..p.clone()
            });
        }
    }
    out
}

/// What a run of body paragraphs holds.
#[derive(Default)]
struct Body {
    items: Vec<Item>,
    /// Paragraphs after a closed top-level item, before the next one.
    preamble: Vec<String>,
    closing: Vec<String>,
    /// A trailing signature: issuer and ISO date.
    signature: Option<(String, String)>,
}

/// Cuts a signature at the end (issuer lines, a date, then notes) out of
/// `body`: ((issuer, ISO date), the notes after it).
fn cut_signature(body: &mut Vec<Para>) -> Option<((String, String), Vec<String>)> {
    let di = body.iter().rposition(|p| {
        p.row.is_empty() && item_label(p).is_none() && parse_date(&p.text).is_some()
    })?;
    // Issuer lines are at most three, right above the date.
    let from = di.saturating_sub(3);
    let texts: Vec<String> = body[from..=di].iter().map(|p| p.text.clone()).collect();
    let mut k = from + issuer_start(&texts, di - from);
    // Table rows are not issuer lines.
    while k < di && !body[k].row.is_empty() {
        k += 1;
    }
    let date = parse_date(&body[di].text).unwrap_or_default();
    let issuer = join_issuers(&texts[k - from..di - from]);
    let after = body.drain(k..).skip(di + 1 - k).map(|p| p.text).collect();
    Some(((issuer, date), after))
}

/// A table: a task table's rows become items (under the open item, or at the
/// top), its notes text; any other table is text, one row a line.
fn place_table(
    table: &[Vec<String>],
    open: Option<&mut Open>,
    top: &mut Vec<Item>,
    orphans: &mut Vec<String>,
    lead: &mut Lead,
) {
    match (table_items(table), open) {
        (Some(t), Some(o)) => {
            o.item
                .children
                .extend(t.items.into_iter().map(|i| finish(i, lead)));
            t.notes.iter().for_each(|n| push_para(&mut o.item.text, n));
        }
        (Some(t), None) => {
            top.extend(t.items.into_iter().map(|i| finish(i, lead)));
            orphans.extend(t.notes);
        }
        (None, mut open) => {
            for r in table {
                let cells: Vec<&str> = r
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect();
                match open.as_deref_mut() {
                    Some(o) => push_para(&mut o.item.text, &cells.join(" | ")),
                    None => orphans.push(cells.join(" | ")),
                }
            }
        }
    }
}

/// Numbered items, the closing text, and a signature at the end.
fn parse_body(mut body: Vec<Para>, lead: &mut Lead) -> Body {
    let mut out = Body::default();
    if let Some((signature, after)) = cut_signature(&mut body) {
        out.signature = Some(signature);
        out.closing.extend(after);
    }
    let listed = take_list(&mut body);

    let mut stack: Vec<Open> = Vec::new();
    let mut orphans: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut body = body.into_iter().peekable();
    while let Some(p) = body.next() {
        if !p.row.is_empty() {
            rows.push(p.row.clone());
            if body.peek().is_some_and(|q| !q.row.is_empty()) {
                continue;
            }
            let table = std::mem::take(&mut rows);
            place_table(&table, stack.last_mut(), &mut out.items, &mut orphans, lead);
            continue;
        }
        if let Some((style, number, lab, rest)) = item_label(&p) {
            // Paragraphs after a closed item belong to its parent.
            if !orphans.is_empty() {
                let n = stack.len();
                match n {
                    2.. => orphans
                        .drain(..)
                        .for_each(|o| push_para(&mut stack[n - 2].item.text, &o)),
                    _ => out.preamble.append(&mut orphans),
                }
            }
            while stack.last().is_some_and(|o| o.style >= style) {
                pop_into(&mut stack, &mut out.items, lead);
            }
            stack.push(Open {
                style,
                item: Item {
                    number,
                    label: lab.to_string(),
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
            o.closed = ends_with_clause(&o.item.text);
        }
    }
    while !stack.is_empty() {
        pop_into(&mut stack, &mut out.items, lead);
    }
    orphans.extend(listed);
    orphans.append(&mut out.closing);
    out.closing = orphans;
    out
}

/// One attachment: its own title (wrapped lines joined), then items.
fn attachment(raw: RawAttachment, lead: &mut Lead) -> Attachment {
    let (title, took) = wrapped_title(&raw.paras, 0);
    let rest: Vec<Para> = raw.paras.into_iter().skip(took).collect();
    let body = parse_body(rest, lead);
    let mut text = body.preamble;
    text.extend(body.closing);
    let (issuer, date) = body.signature.unwrap_or_default();
    Attachment {
        label: raw.label,
        title,
        text: text.join("\n"),
        items: body.items,
        issuer,
        date,
    }
}

pub(super) fn build(paras: Vec<Para>) -> Result<Document, ImportError> {
    let first_line = paras.first().map(|p| p.line);
    let (mut main, raw_atts) = attachments::split(contents::prepare(split_inline(paras)));
    let listed = take_list(&mut main);
    let mut lead = Lead::default();
    let h0 = main
        .iter()
        .position(|p| item_label(p).is_some())
        .unwrap_or(main.len());
    let body = main.split_off(h0);
    let mut front = front_matter(main);
    let body = parse_body(body, &mut lead);
    if let Some((issuer, date)) = body.signature {
        if front.date.is_empty() {
            front.date = date;
            front.issuer = issuer;
        } else if let Some(is) = front.issued.as_mut().filter(|is| is.date.is_empty()) {
            is.issuer = issuer;
            is.date = date;
        }
    }
    front.preamble.extend(body.preamble);
    let mut attachments: Vec<Attachment> = raw_atts
        .into_iter()
        .map(|a| attachment(a, &mut lead))
        .collect();
    let mut items = body.items;
    // A 印发 notice whose letter has no items and whose document comes as
    // its attachment ("现将《某方案》印发给你们" … 附件 / 某方案): that
    // attachment is the issued document.
    if items.is_empty()
        && front.issued.is_none()
        && (front.title.contains("印发") || front.title.contains("转发"))
        && let Some(i) = attachments.iter().position(|a| {
            !a.items.is_empty()
                && !a.title.is_empty()
                && front
                    .letter
                    .iter()
                    .any(|l| l.contains(&format!("《{}》", a.title)))
        })
    {
        let a = attachments.remove(i);
        front.issued = Some(crate::doc::Issued {
            title: a.title,
            ..Default::default()
        });
        if !a.text.is_empty() {
            front.preamble.push(a.text);
        }
        items = a.items;
    }
    if items.is_empty() && attachments.is_empty() && front.date.is_empty() {
        return Err(err(
            first_line,
            "no numbered items found (expected headings such as 一、 or （一）)",
        ));
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
        closing: body
            .closing
            .into_iter()
            .chain(listed)
            .collect::<Vec<_>>()
            .join("\n"),
        items,
        issued: front.issued,
        attachments,
    })
}

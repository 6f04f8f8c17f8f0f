//! Tables whose rows assign responsibility (重点任务分工表, 推广清单): a
//! header row with a 负责单位 / 牵头单位 / 指导部门 column makes each later
//! row an item, its agencies from that column. Other tables stay body text.

use super::clauses::split_agencies;
use crate::doc::{Clause, Item};

/// Header cells naming the responsible agencies.
const AGENCY_HEADERS: &[&str] = &[
    "负责单位",
    "责任单位",
    "牵头单位",
    "负责部门",
    "责任部门",
    "牵头部门",
    "指导部门",
    "主要负责单位",
    "配合单位",
    "参与单位",
];

/// Header cells holding the row's number.
const NUMBER_HEADERS: &[&str] = &["序号", "编号"];

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// A task table: its rows as items, and its notes ("注：1. …") as text.
pub(super) struct TaskTable {
    pub(super) items: Vec<Item>,
    pub(super) notes: Vec<String>,
}

/// The items of a task table, or None when `rows` is not one.
pub(super) fn table_items(rows: &[Vec<String>]) -> Option<TaskTable> {
    let header = rows.first()?;
    let heads: Vec<String> = header.iter().map(|h| squeeze(h)).collect();
    let agency_cols: Vec<usize> = heads
        .iter()
        .enumerate()
        .filter(|(_, h)| AGENCY_HEADERS.iter().any(|a| h.ends_with(a)))
        .map(|(i, _)| i)
        .collect();
    if agency_cols.is_empty() {
        return None;
    }
    let number_col = heads
        .iter()
        .position(|h| NUMBER_HEADERS.contains(&h.as_str()));
    let text_cols: Vec<usize> = (0..heads.len())
        .filter(|i| !agency_cols.contains(i) && Some(*i) != number_col)
        .collect();
    let mut items = Vec::new();
    let mut notes = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let cell = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
        let text: Vec<&str> = text_cols
            .iter()
            .map(|&i| cell(i))
            .filter(|s| !s.is_empty())
            .collect();
        let first = row
            .iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or("");
        // Table notes ("注：1. …") are not items.
        if first.starts_with("注：") || first.starts_with("注:") || first == "注" {
            notes.extend(rows[i..].iter().map(|r| {
                let cells: Vec<&str> = r
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                cells.join(" ")
            }));
            break;
        }
        if text.is_empty() && agency_cols.iter().all(|&i| cell(i).is_empty()) {
            continue;
        }
        let label = number_col.map(|i| cell(i).to_string()).unwrap_or_default();
        let number = label
            .trim_end_matches(['.', '．', '、'])
            .parse()
            .unwrap_or(items.len() as u32 + 1);
        let mut clauses = Vec::new();
        let mut agencies = Vec::new();
        for &i in &agency_cols {
            let names = split_agencies(cell(i));
            if !names.is_empty() {
                // A 牵头单位 column names the lead.
                let lead = if heads[i].starts_with("牵头") {
                    names[0].clone()
                } else {
                    String::new()
                };
                clauses.push(Clause {
                    text: format!("{}：{}", squeeze(&header[i]), cell(i)),
                    agencies: names.clone(),
                    lead,
                });
                for n in names {
                    if !agencies.contains(&n) {
                        agencies.push(n);
                    }
                }
            }
        }
        let title = text.first().copied().unwrap_or("").to_string();
        items.push(Item {
            number,
            label,
            title: title.split('。').next().unwrap_or(&title).to_string(),
            text: text.join("\n"),
            agencies,
            clauses,
            ..Default::default()
        });
    }
    // "注：列第一位者为牵头单位": every row's first agency leads.
    if notes
        .iter()
        .any(|n| n.contains("第一位") && n.contains("牵头"))
    {
        for it in &mut items {
            if let Some(c) = it.clauses.first_mut()
                && c.lead.is_empty()
            {
                c.lead = c.agencies[0].clone();
            }
        }
    }
    Some(TaskTable { items, notes })
}

//! THE walk over a document's items: a flat pre-order node table that says,
//! once, which item is a section, a measure (and its number) or a sub-item.
//! The CLI, the search index and the browser all read it; nothing else
//! decides what a measure is.
//!
//! Node 0 is the document itself; nodes 1.. are the items in pre-order
//! (document order), so node ids order like paths and a path is found by
//! binary search. Built in one pass over the items plus one over the label
//! styles: linear in the item count.
//!
//! Attachments (附件) are *parts*: after the body's items, attachment `k`
//! (0-based) is a node of kind [`Kind::Part`] at path `[items.len() + k]`,
//! its items beneath it (`[items.len() + k, i, …]`), so paths still sort in
//! document order and [`item_at`] finds any item. Each part decides its own
//! measure style and numbers its measures from 1 ([`Outline::part_measure`]);
//! [`Outline::measure`] and the body's ordinals are unchanged, so `show N`,
//! `:N` and `#N` still mean the body's measure N. The issuing notice is the
//! root (node 0), the document it issues (`Document::issued`) a header.

use std::collections::HashMap;

use super::{Attachment, Document, Item, LabelStyle};

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The document itself (node 0).
    Root,
    /// An item above the measures (a section, a chapter).
    Section,
    /// A measure: an item in the measures' numbering style, `ordinal` its
    /// 1-based position among the measures in document order.
    Measure { ordinal: usize },
    /// An item below a measure.
    Sub,
    /// An attachment (附件), `index` 0-based among `Document::attachments`.
    Part { index: usize },
}

/// One row of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Child indices from `Document::items`; empty for the root.
    pub path: Vec<usize>,
    /// 0 for the root, 1 for top-level items.
    pub depth: usize,
    pub parent: Option<usize>,
    /// Node ids of the children, in order.
    pub children: Vec<usize>,
    pub kind: Kind,
    /// 1-based ordinal, among the top-level sections, of the section the
    /// node is in (or is); `None` for the root and outside sections.
    pub section: Option<usize>,
    /// The attachment (0-based) the node is in (or is); `None` in the body.
    /// Measure ordinals count within the part.
    pub part: Option<usize>,
}

impl Node {
    /// The measure number, for measures.
    pub fn ordinal(&self) -> Option<usize> {
        match self.kind {
            Kind::Measure { ordinal } => Some(ordinal),
            _ => None,
        }
    }

    pub fn is_measure(&self) -> bool {
        matches!(self.kind, Kind::Measure { .. })
    }
}

/// The node table of one document.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    nodes: Vec<Node>,
    /// Node id of measure `n` at `n - 1`.
    measures: Vec<usize>,
    sections: usize,
    /// Per attachment: its node id and its measures' node ids.
    parts: Vec<(usize, Vec<usize>)>,
}

impl Outline {
    /// Builds the outline of `doc`. Linear in the number of items.
    pub fn new(doc: &Document) -> Outline {
        let mut nodes = vec![Node {
            path: Vec::new(),
            depth: 0,
            parent: None,
            children: Vec::new(),
            kind: Kind::Root,
            section: None,
            part: None,
        }];
        let (measures, sections) = walk(&mut nodes, 0, &doc.items, &doc.measure_style());
        let mut parts = Vec::with_capacity(doc.attachments.len());
        for (k, a) in doc.attachments.iter().enumerate() {
            let id = nodes.len();
            nodes.push(Node {
                path: vec![doc.items.len() + k],
                depth: 1,
                parent: Some(0),
                children: Vec::new(),
                kind: Kind::Part { index: k },
                section: None,
                part: Some(k),
            });
            nodes[0].children.push(id);
            let (ms, _) = walk(&mut nodes, id, &a.items, &super::items_style(&a.items));
            parts.push((id, ms));
        }
        Outline {
            nodes,
            measures,
            sections,
            parts,
        }
    }

    /// Every node, root first, in document order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Never true: the root is always there.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// How many measures.
    pub fn measure_count(&self) -> usize {
        self.measures.len()
    }

    /// How many top-level sections (0 when the measures are not in any).
    pub fn section_count(&self) -> usize {
        self.sections
    }

    /// Node ids of the measures, in order (measure `n` at `n - 1`).
    pub fn measure_nodes(&self) -> &[usize] {
        &self.measures
    }

    /// The node id of measure `n` (1-based).
    pub fn measure(&self, n: usize) -> Option<usize> {
        n.checked_sub(1).and_then(|i| self.measures.get(i)).copied()
    }

    /// How many attachments (parts after the body).
    pub fn part_count(&self) -> usize {
        self.parts.len()
    }

    /// The node id of attachment `k` (0-based).
    pub fn part_node(&self, k: usize) -> Option<usize> {
        self.parts.get(k).map(|p| p.0)
    }

    /// Node ids of attachment `k`'s measures (its measure `n` at `n - 1`).
    pub fn part_measures(&self, k: usize) -> &[usize] {
        self.parts.get(k).map_or(&[], |p| &p.1)
    }

    /// The node id of measure `n` (1-based) of attachment `k` (0-based).
    pub fn part_measure(&self, k: usize, n: usize) -> Option<usize> {
        n.checked_sub(1)
            .and_then(|i| self.part_measures(k).get(i))
            .copied()
    }

    /// The node id of the item at `path` (empty: the root). Pre-order ids
    /// sort like paths, so this is a binary search.
    pub fn by_path(&self, path: &[usize]) -> Option<usize> {
        self.nodes
            .binary_search_by(|n| n.path.as_slice().cmp(path))
            .ok()
    }

    /// The item of node `id` (`None` for the root or an id out of range).
    pub fn item<'d>(&self, doc: &'d Document, id: usize) -> Option<&'d Item> {
        item_at(doc, &self.nodes.get(id)?.path)
    }

    /// The top-level section node containing node `id` (itself when it is one).
    pub fn section_node(&self, id: usize) -> Option<usize> {
        let n = self.nodes.get(id)?;
        n.section?;
        let top = *n.path.first()?;
        self.nodes[0].children.get(top).copied()
    }

    /// Each agency named by a measure and the ordinals of its measures,
    /// busiest first, then by first appearance. Linear in the names.
    pub fn agency_load(&self, doc: &Document) -> Vec<(String, Vec<usize>)> {
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for (i, &id) in self.measures.iter().enumerate() {
            let Some(it) = self.item(doc, id) else {
                continue;
            };
            let ordinal = i + 1;
            for a in &it.agencies {
                match at.get(a.as_str()) {
                    Some(&k) => {
                        let v = &mut out[k].1;
                        if v.last() != Some(&ordinal) {
                            v.push(ordinal);
                        }
                    }
                    None => {
                        at.insert(a, out.len());
                        out.push((a.clone(), vec![ordinal]));
                    }
                }
            }
        }
        // Stable sort keeps first-appearance order among equals.
        out.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        out
    }
}

/// One agency's share of a document's measures (see [`Outline::agency_roles`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyRole {
    pub name: String,
    /// Ordinals of the body's measures naming it.
    pub measures: Vec<usize>,
    /// (attachment 0-based, ordinal within it) of attachment measures naming it.
    pub part_measures: Vec<(usize, usize)>,
    /// How many of those measures it leads (the measure's or a clause's `lead`).
    pub lead: usize,
}

impl AgencyRole {
    /// Every measure naming it, body and attachments.
    pub fn count(&self) -> usize {
        self.measures.len() + self.part_measures.len()
    }

    /// Measures where it is co-responsible, not the lead.
    pub fn co(&self) -> usize {
        self.count() - self.lead
    }
}

impl Outline {
    /// Each agency named by a measure, body or attachment, with its
    /// measures and how many it leads: busiest first, then by first
    /// appearance. Linear in the names.
    pub fn agency_roles(&self, doc: &Document) -> Vec<AgencyRole> {
        let mut out: Vec<AgencyRole> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        let body = self.measures.iter().map(|&id| (None, id));
        let parts = self
            .parts
            .iter()
            .enumerate()
            .flat_map(|(k, p)| p.1.iter().map(move |&id| (Some(k), id)));
        for (part, id) in body.chain(parts) {
            let (Some(it), Some(ordinal)) = (self.item(doc, id), self.nodes[id].ordinal()) else {
                continue;
            };
            for a in &it.agencies {
                let k = *at.entry(a.as_str()).or_insert_with(|| {
                    out.push(AgencyRole {
                        name: a.clone(),
                        ..Default::default()
                    });
                    out.len() - 1
                });
                let r = &mut out[k];
                let fresh = match part {
                    None if r.measures.last() != Some(&ordinal) => {
                        r.measures.push(ordinal);
                        true
                    }
                    Some(p) if r.part_measures.last() != Some(&(p, ordinal)) => {
                        r.part_measures.push((p, ordinal));
                        true
                    }
                    _ => false,
                };
                let leads = it.lead == *a || it.clauses.iter().any(|c| c.lead == *a);
                r.lead += usize::from(fresh && leads);
            }
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.count()));
        out
    }
}

impl std::ops::Index<usize> for Outline {
    type Output = Node;

    fn index(&self, id: usize) -> &Node {
        &self.nodes[id]
    }
}

/// Adds the nodes of `items` under node `top` (the root or a part) in
/// pre-order; returns their measures' node ids and how many sections.
fn walk(
    nodes: &mut Vec<Node>,
    top: usize,
    items: &[Item],
    style: &LabelStyle,
) -> (Vec<usize>, usize) {
    let first = nodes.len();
    let part = nodes[top].part;
    let mut measures = Vec::new();
    let mut sections = 0;
    // Labels repeat ("（一）" in every section): classify each once.
    let mut is_measure: HashMap<&str, bool> = HashMap::new();
    // An explicit stack, not recursion: no depth limit to trust.
    let mut stack: Vec<(usize, std::slice::Iter<'_, Item>, usize)> = vec![(top, items.iter(), 0)];
    while let Some((parent, iter, next)) = stack.last_mut() {
        let Some(it) = iter.next() else {
            stack.pop();
            continue;
        };
        let (parent, index) = (*parent, *next);
        *next += 1;
        let p = &nodes[parent];
        let mut path = Vec::with_capacity(p.path.len() + 1);
        path.extend_from_slice(&p.path);
        path.push(index);
        let measure = *is_measure
            .entry(it.label.as_str())
            .or_insert_with(|| LabelStyle::of(&it.label) == *style);
        let kind = match p.kind {
            Kind::Measure { .. } | Kind::Sub => Kind::Sub,
            _ if measure => {
                measures.push(nodes.len());
                Kind::Measure {
                    ordinal: measures.len(),
                }
            }
            _ => Kind::Section,
        };
        let section = match kind {
            Kind::Section if parent == top => {
                sections += 1;
                Some(sections)
            }
            _ => p.section,
        };
        let depth = p.depth + 1;
        let id = nodes.len();
        nodes.push(Node {
            path,
            depth,
            parent: Some(parent),
            children: Vec::new(),
            kind,
            section,
            part,
        });
        nodes[parent].children.push(id);
        stack.push((id, it.children.iter(), 0));
    }
    // Items whose top-level items are all measures have no sections.
    let top_depth = nodes[top].depth + 1;
    if measures.iter().all(|&m| nodes[m].depth == top_depth) {
        sections = 0;
        for n in &mut nodes[first..] {
            n.section = None;
        }
    }
    (measures, sections)
}

/// The item at `path`: child indices from `doc.items`, or, from
/// `doc.items.len() + k`, from attachment `k`'s items (see the module doc).
pub fn item_at<'a>(doc: &'a Document, path: &[usize]) -> Option<&'a Item> {
    let (&first, rest) = path.split_first()?;
    let mut it = match doc.items.get(first) {
        Some(it) => it,
        None => {
            let (&i, rest2) = rest.split_first()?;
            let it = part_at(doc, path)?.1.items.get(i)?;
            return rest2.iter().try_fold(it, |it, &i| it.children.get(i));
        }
    };
    for &i in rest {
        it = it.children.get(i)?;
    }
    Some(it)
}

/// How attachment `k` (0-based) is named to the user: its printed label,
/// else "附件K"; always "附件K" when several are labelled just "附件".
pub fn part_name(doc: &Document, k: usize) -> String {
    match doc.attachments.get(k) {
        Some(a) if !a.label.is_empty() && (doc.attachments.len() == 1 || a.label != "附件") => {
            a.label.clone()
        }
        _ => format!("附件{}", k + 1),
    }
}

/// The heading of attachment `k` (0-based): "附件1  title".
pub fn part_heading(doc: &Document, k: usize) -> String {
    let title = doc.attachments.get(k).map_or("", |a| a.title.as_str());
    format!("{}  {title}", part_name(doc, k))
}

/// The attachment (0-based index and itself) a path is in, `None` in the body.
pub fn part_at<'a>(doc: &'a Document, path: &[usize]) -> Option<(usize, &'a Attachment)> {
    let k = path.first()?.checked_sub(doc.items.len())?;
    Some((k, doc.attachments.get(k)?))
}

/// The body's items in pre-order (the order of the outline's nodes 1..
/// up to the first part).
pub fn preorder(doc: &Document) -> impl Iterator<Item = &Item> {
    preorder_items(&doc.items)
}

/// `items` and their descendants in pre-order.
pub fn preorder_items(items: &[Item]) -> impl Iterator<Item = &Item> {
    let mut stack = vec![items.iter()];
    std::iter::from_fn(move || {
        loop {
            let top = stack.last_mut()?;
            match top.next() {
                Some(it) => {
                    stack.push(it.children.iter());
                    return Some(it);
                }
                None => {
                    stack.pop();
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str, agencies: &[&str], children: Vec<Item>) -> Item {
        Item {
            number: 1,
            label: label.into(),
            title: label.into(),
            text: String::new(),
            agencies: agencies.iter().map(|s| s.to_string()).collect(),
            children,
            ..Default::default()
        }
    }

    fn doc(items: Vec<Item>) -> Document {
        let mut d = Document::from_json(r#"{"schema":1,"title":"t"}"#).unwrap();
        d.items = items;
        d
    }

    #[test]
    fn sections_measures_and_sub_items() {
        let d = doc(vec![
            item(
                "一、",
                &[],
                vec![
                    item("（一）", &["甲"], vec![item("1.", &[], vec![])]),
                    item("（二）", &["乙", "甲"], vec![]),
                ],
            ),
            item("二、", &[], vec![item("（三）", &["甲"], vec![])]),
        ]);
        let o = Outline::new(&d);
        let kinds: Vec<Kind> = o.nodes().iter().map(|n| n.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Root,
                Kind::Section,
                Kind::Measure { ordinal: 1 },
                Kind::Sub,
                Kind::Measure { ordinal: 2 },
                Kind::Section,
                Kind::Measure { ordinal: 3 },
            ]
        );
        assert_eq!(o.measure(3), Some(6));
        assert_eq!(o.measure(4), None);
        assert_eq!(o.measure(0), None);
        assert_eq!(o.section_count(), 2);
        assert_eq!(o.node(6).section, Some(2));
        assert_eq!(o.section_node(3), Some(1));
        assert_eq!(o.by_path(&[0, 0, 0]), Some(3));
        assert_eq!(o.by_path(&[]), Some(0));
        assert_eq!(o.by_path(&[2]), None);
        assert_eq!(o.node(2).children, [3]);
        assert_eq!(o.node(3).parent, Some(2));
        let load = o.agency_load(&d);
        assert_eq!(load[0], ("甲".to_string(), vec![1, 2, 3]));
        assert_eq!(load[1], ("乙".to_string(), vec![2]));
        assert_eq!(preorder(&d).count(), o.len() - 1);
    }

    #[test]
    fn top_level_measures_have_no_sections() {
        let d = doc(vec![
            item("一、", &["甲"], vec![]),
            item("二、", &["乙"], vec![]),
        ]);
        let o = Outline::new(&d);
        assert_eq!(o.measure_count(), 2);
        assert_eq!(o.section_count(), 0);
        assert!(o.nodes().iter().all(|n| n.section.is_none()));
    }

    #[test]
    fn attachments_are_parts_numbered_within_themselves() {
        let mut d = doc(vec![
            item("一、", &["甲"], vec![]),
            item("二、", &[], vec![]),
        ]);
        let mut led = item("1.", &["乙", "甲"], vec![item("（1）", &[], vec![])]);
        led.lead = "乙".into();
        d.attachments.push(crate::doc::Attachment {
            label: "附件".into(),
            title: "分工".into(),
            items: vec![led, item("2.", &["甲"], vec![])],
            ..Default::default()
        });
        let o = Outline::new(&d);
        assert_eq!(o.measure_count(), 2, "the body's count is unchanged");
        assert_eq!(o.part_count(), 1);
        let part = o.part_node(0).unwrap();
        assert_eq!(part, 3);
        assert_eq!(o.node(part).kind, Kind::Part { index: 0 });
        assert_eq!(o.node(part).path, [2]);
        assert_eq!(o.node(0).children, [1, 2, 3]);
        assert_eq!(o.part_measure(0, 1), Some(4));
        assert_eq!(o.part_measure(0, 2), Some(6));
        assert_eq!(o.part_measure(0, 3), None);
        assert_eq!(o.node(5).kind, Kind::Sub);
        assert_eq!(o.node(6).kind, Kind::Measure { ordinal: 2 });
        assert_eq!(o.node(6).part, Some(0));
        assert_eq!(o.by_path(&[2, 1]), Some(6));
        assert_eq!(o.item(&d, 6).unwrap().label, "2.");
        assert_eq!(o.item(&d, 5).unwrap().label, "（1）");
        assert!(o.item(&d, part).is_none());
        assert!(item_at(&d, &[3, 0]).is_none());
        assert_eq!(part_at(&d, &[2, 0]).map(|p| p.0), Some(0));
        assert!(part_at(&d, &[1]).is_none());
        assert_eq!(part_heading(&d, 0), "附件  分工");
        // Agencies: the body's load unchanged; roles count the parts and leads.
        assert_eq!(o.agency_load(&d), [("甲".to_string(), vec![1])]);
        let roles = o.agency_roles(&d);
        assert_eq!(roles[0].name, "甲");
        assert_eq!(roles[0].measures, [1]);
        assert_eq!(roles[0].part_measures, [(0, 1), (0, 2)]);
        assert_eq!((roles[0].lead, roles[0].co()), (0, 3));
        assert_eq!((roles[1].name.as_str(), roles[1].lead), ("乙", 1));
    }
}

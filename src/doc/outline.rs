//! THE walk over a document's items: a flat pre-order node table that says,
//! once, which item is a section, a measure (and its number) or a sub-item.
//! The CLI, the search index and the browser all read it; nothing else
//! decides what a measure is.
//!
//! Node 0 is the document itself; nodes 1.. are the items in pre-order
//! (document order), so node ids order like paths and a path is found by
//! binary search. Built in one pass over the items plus one over the label
//! styles: linear in the item count.

use std::collections::HashMap;

use super::{Document, Item, LabelStyle};

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
}

impl Outline {
    /// Builds the outline of `doc`. Linear in the number of items.
    pub fn new(doc: &Document) -> Outline {
        let style = doc.measure_style();
        let mut nodes = vec![Node {
            path: Vec::new(),
            depth: 0,
            parent: None,
            children: Vec::new(),
            kind: Kind::Root,
            section: None,
        }];
        let mut measures = Vec::new();
        let mut sections = 0;
        // Labels repeat ("（一）" in every section): classify each once.
        let mut is_measure: HashMap<&str, bool> = HashMap::new();
        // An explicit stack, not recursion: no depth limit to trust.
        let mut stack: Vec<(usize, std::slice::Iter<'_, Item>, usize)> =
            vec![(0, doc.items.iter(), 0)];
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
                .or_insert_with(|| LabelStyle::of(&it.label) == style);
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
            let section = match (p.kind, kind) {
                (Kind::Root, Kind::Section) => {
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
            });
            nodes[parent].children.push(id);
            stack.push((id, it.children.iter(), 0));
        }
        // A document whose top-level items are all measures has no sections.
        if measures.iter().all(|&m| nodes[m].depth == 1) {
            sections = 0;
            for n in &mut nodes {
                n.section = None;
            }
        }
        Outline {
            nodes,
            measures,
            sections,
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

impl std::ops::Index<usize> for Outline {
    type Output = Node;

    fn index(&self, id: usize) -> &Node {
        &self.nodes[id]
    }
}

/// The item at `path` (child indices from `doc.items`).
pub fn item_at<'a>(doc: &'a Document, path: &[usize]) -> Option<&'a Item> {
    let (&first, rest) = path.split_first()?;
    let mut it = doc.items.get(first)?;
    for &i in rest {
        it = it.children.get(i)?;
    }
    Some(it)
}

/// The items in pre-order (the order of the outline's nodes 1..).
pub fn preorder(doc: &Document) -> impl Iterator<Item = &Item> {
    let mut stack = vec![doc.items.iter()];
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
}

//! One place decides measure numbers: every document the tests know goes
//! through the CLI (outline text, outline JSON, show), the search index
//! (`#N`) and the browser (`:N`), and all of them agree with the outline.

mod par_support;
mod tui_support;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crossterm::event::KeyCode;
use serde_json::Value;
use tui_support::*;
use zhengce::cli;
use zhengce::doc::Document;
use zhengce::doc::outline::{Kind, Outline};
use zhengce::search::{HitKind, Index};
use zhengce::tui::Lang;

/// The embedded document, the test fixtures and the shared corpus (text
/// conversions and hard-wrapped copies), each with its name.
fn documents() -> Vec<(String, Document)> {
    let mut out = vec![("embedded".to_string(), Document::embedded())];
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("tests/data"), root.join("../shared/corpus")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            // Documents without numbered items are refused: nothing to number.
            if let Ok(d) = Document::load(&p) {
                out.push((p.display().to_string(), d));
            }
        }
    }
    assert!(out.len() > 3, "the fixtures are there");
    out
}

/// Ordinals, in document order, of the numbered lines of `zhengce outline`.
fn text_ordinals(doc: &Document) -> Vec<usize> {
    text_part_ordinals(doc).swap_remove(0)
}

/// The same per part: the body's, then each attachment's (after its
/// unindented "附件N  title" line).
fn text_part_ordinals(doc: &Document) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for l in cli::outline_text(doc).lines().skip(1) {
        if l.starts_with("印发：") {
            continue;
        }
        if !l.starts_with(' ') && !l.starts_with(|c: char| c.is_ascii_digit()) {
            out.push(Vec::new());
            continue;
        }
        if let Some(k) = l.split_whitespace().next().and_then(|w| w.parse().ok()) {
            out.last_mut().unwrap().push(k);
        }
    }
    out
}

/// (ordinal, label) of the measures in `zhengce outline --json`, in order.
fn json_ordinals(v: &Value, out: &mut Vec<(usize, String)>) {
    for it in v.as_array().into_iter().flatten() {
        if let Some(k) = it["ordinal"].as_u64() {
            out.push((k as usize, it["label"].as_str().unwrap_or("").into()));
        }
        json_ordinals(&it["children"], out);
    }
}

#[test]
fn cli_search_and_browser_number_measures_as_the_outline_does() {
    let measures_seen = AtomicUsize::new(0);
    // Each document on its own: shared out between the cores.
    par_support::each(&documents(), |(name, doc)| {
        let (name, doc) = (name.as_str(), doc);
        let o = Outline::new(doc);
        let total = o.measure_count();
        measures_seen.fetch_add(total, Ordering::Relaxed);
        let expect: Vec<usize> = (1..=total).collect();
        // The old walk (Document::measures) is the outline's too.
        let ms = doc.measures();
        assert_eq!(ms.len(), total, "{name}");
        assert_eq!(text_ordinals(doc), expect, "{name}: outline text");
        let mut json = Vec::new();
        json_ordinals(&cli::outline_json(doc)["items"], &mut json);
        assert_eq!(json.len(), total, "{name}: outline JSON");
        let index = Index::new(doc);
        let mut app = embedded(Lang::En, 100, 30);
        let mut app_loaded = false;
        for (k, &id) in o.measure_nodes().iter().enumerate() {
            let n = k + 1;
            let node = o.node(id);
            let item = o.item(doc, id).unwrap();
            assert_eq!(node.kind, Kind::Measure { ordinal: n }, "{name}");
            assert!(std::ptr::eq(ms[k].item, item), "{name}: measure {n}");
            assert_eq!(json[k], (n, item.label.clone()), "{name}: JSON {n}");
            let shown = cli::show_text(doc, n).unwrap();
            assert!(
                shown.contains(&format!("{}{}  ({n}/{total})", item.label, item.title)),
                "{name}: show {n}: {shown}"
            );
            let hits = index.search(&format!("#{n}"), 10).unwrap();
            assert_eq!(hits.len(), 1, "{name}: #{n}");
            assert_eq!(hits[0].ordinal, Some(n), "{name}: #{n}");
            assert_eq!(hits[0].kind, HitKind::Measure, "{name}: #{n}");
            assert_eq!(hits[0].path, node.path, "{name}: #{n}");
            // The browser: `:N` Enter selects the node, the status names it.
            if !app_loaded {
                app = tui_support::app(doc.clone(), Lang::En, 100, 30);
                app_loaded = true;
            }
            typ(&mut app, &format!(":{n}"));
            press(&mut app, KeyCode::Enter);
            assert_eq!(app.selected_node(), id, "{name}: :{n}");
            let s = screen(&render(&app));
            assert!(s.contains(&format!("measure {n}/{total}")), "{name}: {s}");
        }
        // Nothing else is numbered: no search record claims another ordinal.
        let hits = index.search(&format!("#{}", total + 1), 10).unwrap();
        assert!(hits.is_empty(), "{name}");
        parts_numbered_within_themselves(name, doc, &o, &index);
    });
    assert!(measures_seen.into_inner() > 100);
}

/// Attachments: a part node each, measures numbered from 1 within it, and
/// the outline text and JSON, `show N --part K` and search all agree.
fn parts_numbered_within_themselves(name: &str, doc: &Document, o: &Outline, index: &Index) {
    assert_eq!(o.part_count(), doc.attachments.len(), "{name}");
    let text = text_part_ordinals(doc);
    assert_eq!(text.len(), 1 + o.part_count(), "{name}: part headings");
    let json = cli::outline_json(doc);
    for k in 0..o.part_count() {
        let part = o.part_node(k).unwrap();
        assert_eq!(o.node(part).kind, Kind::Part { index: k }, "{name}");
        assert_eq!(o.node(part).parent, Some(0), "{name}");
        assert_eq!(o.by_path(&o.node(part).path), Some(part), "{name}");
        let ids = o.part_measures(k);
        let total = ids.len();
        let expect: Vec<usize> = (1..=total).collect();
        assert_eq!(text[k + 1], expect, "{name}: 附件{} text", k + 1);
        let mut js = Vec::new();
        json_ordinals(&json["attachments"][k]["items"], &mut js);
        assert_eq!(json["attachments"][k]["part"], k + 1, "{name}");
        assert_eq!(js.len(), total, "{name}: 附件{} JSON", k + 1);
        for (i, &id) in ids.iter().enumerate() {
            let n = i + 1;
            let node = o.node(id);
            let item = o.item(doc, id).unwrap();
            assert_eq!(node.kind, Kind::Measure { ordinal: n }, "{name}");
            assert_eq!(node.part, Some(k), "{name}");
            assert!(std::ptr::eq(item, &doc.attachments[k].items[node.path[1]]) || node.depth > 2);
            assert_eq!(
                js[i],
                (n, item.label.clone()),
                "{name}: JSON 附件{}:{n}",
                k + 1
            );
            let shown = cli::show_part_text(doc, Some(k + 1), n).unwrap();
            assert!(
                shown.contains(&format!("{}{}  ({n}/{total})", item.label, item.title)),
                "{name}: show {n} --part {}: {shown}",
                k + 1
            );
            // Found by search, under its own path, never as a body `#N`.
            if item.title.chars().count() >= 2 {
                let hits = index.search(&item.title, 200).unwrap();
                assert!(
                    hits.iter()
                        .any(|h| h.path == node.path && h.ordinal.is_none()),
                    "{name}: search {}",
                    item.title
                );
            }
        }
        assert!(cli::show_part_text(doc, Some(k + 1), total + 1).is_err());
    }
    assert!(cli::show_part_text(doc, Some(o.part_count() + 1), 1).is_err());
}

/// The corpus documents with attachments (r23, r36, r55) and the fixtures
/// have them as parts, with measures in them.
#[test]
fn corpus_attachments_are_parts() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.exists() {
        eprintln!("SKIPPED: no corpus");
        return;
    }
    for (file, parts, measures) in [
        ("r23-badongfuhan.txt", 2, [4, 0]),
        ("r36-xiaofanghaopai.txt", 1, [9, 0]),
        ("r55-zhijiaolianxi.txt", 1, [4, 0]),
    ] {
        let doc = Document::load(&root.join(file)).unwrap();
        let o = Outline::new(&doc);
        assert_eq!(o.part_count(), parts, "{file}");
        for (k, &m) in measures.iter().take(parts).enumerate() {
            assert_eq!(o.part_measures(k).len(), m, "{file} 附件{}", k + 1);
        }
        // The parts come last, under the root, in order.
        let kids = &o.node(0).children;
        let tail: Vec<Kind> = kids[kids.len() - parts..]
            .iter()
            .map(|&i| o.node(i).kind)
            .collect();
        let expect: Vec<Kind> = (0..parts).map(|index| Kind::Part { index }).collect();
        assert_eq!(tail, expect, "{file}");
    }
}

/// The browser: an attachment is a row of the tree named "附件…  title",
/// opening it shows its heading and items, and a measure's reader marks
/// the lead agency.
#[test]
fn browser_shows_parts_and_the_lead() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let doc = Document::load(&root.join("tests/fixtures/import/lead-variant.txt")).unwrap();
    let mut app = tui_support::app(doc, Lang::En, 100, 30);
    typ(&mut app, ":2");
    press(&mut app, KeyCode::Enter);
    let s = screen(&render(&app));
    assert!(s.contains("牵头：海关总署"), "{s}");

    let mut doc = Document::embedded();
    doc.attachments.push(zhengce::doc::Attachment {
        label: "附件".into(),
        title: "重点任务分工表".into(),
        items: vec![zhengce::doc::Item {
            number: 1,
            label: "1.".into(),
            title: "附件里的措施".into(),
            agencies: vec!["财政部".into()],
            ..Default::default()
        }],
        ..Default::default()
    });
    let o = Outline::new(&doc);
    let part = o.part_node(0).unwrap();
    assert_eq!(o.part_measure(0, 1), Some(part + 1));
    let mut app = tui_support::app(doc, Lang::En, 100, 60);
    let s = screen(&render(&app));
    assert!(s.contains("附件  重点任务分工表"), "tree row: {s}");
    app.goto(part);
    let s = screen(&render(&app));
    assert!(s.contains("1.附件里的措施"), "reader: {s}");
}

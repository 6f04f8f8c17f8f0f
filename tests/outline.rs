//! One place decides measure numbers: every document the tests know goes
//! through the CLI (outline text, outline JSON, show), the search index
//! (`#N`) and the browser (`:N`), and all of them agree with the outline.

mod tui_support;

use std::path::PathBuf;

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
    cli::outline_text(doc)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect()
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
    let mut measures_seen = 0;
    for (name, doc) in documents() {
        let o = Outline::new(&doc);
        let total = o.measure_count();
        measures_seen += total;
        let expect: Vec<usize> = (1..=total).collect();
        // The old walk (Document::measures) is the outline's too.
        let ms = doc.measures();
        assert_eq!(ms.len(), total, "{name}");
        assert_eq!(text_ordinals(&doc), expect, "{name}: outline text");
        let mut json = Vec::new();
        json_ordinals(&cli::outline_json(&doc)["items"], &mut json);
        assert_eq!(json.len(), total, "{name}: outline JSON");
        let index = Index::new(&doc);
        let mut app = embedded(Lang::En, 100, 30);
        let mut app_loaded = false;
        for (k, &id) in o.measure_nodes().iter().enumerate() {
            let n = k + 1;
            let node = o.node(id);
            let item = o.item(&doc, id).unwrap();
            assert_eq!(node.kind, Kind::Measure { ordinal: n }, "{name}");
            assert!(std::ptr::eq(ms[k].item, item), "{name}: measure {n}");
            assert_eq!(json[k], (n, item.label.clone()), "{name}: JSON {n}");
            let shown = cli::show_text(&doc, n).unwrap();
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
    }
    assert!(measures_seen > 100);
}

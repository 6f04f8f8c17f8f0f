//! The browser on a library: the document list (order toggle), opening a
//! document and stepping back, search across documents (and widened from a
//! document), agencies across documents with their tasks, following a
//! cross-reference and coming back; snapshots at 120x40 and 60x20.
//! Every test uses a temporary library of its own, never the user's.

mod tui_support;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crossterm::event::KeyCode;
use serde_json::{Value, json};
use tui_support::*;
use zhengce::library::Library;
use zhengce::tui::Lang;
use zhengce::tui::app::{App, Mode};
use zhengce::tui::state::library::{Order, Screen};

fn tmpdir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "zhengce-tuilib-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A small document: `measures` are (title, body, agencies).
fn doc(
    title: &str,
    number: &str,
    issuer: &str,
    date: &str,
    preamble: &str,
    measures: &[(&str, &str, &[&str])],
) -> Value {
    let children: Vec<Value> = measures
        .iter()
        .enumerate()
        .map(|(i, (t, body, ags))| {
            json!({
                "number": i + 1, "label": format!("（{}）", ["一","二","三"][i]),
                "title": t, "text": format!("{t}。{body}（{}负责）", ags.join("、")),
                "agencies": ags,
            })
        })
        .collect();
    json!({
        "schema": 1, "title": title, "number": number, "issuer": issuer, "date": date,
        "preamble": preamble,
        "items": [{"number": 1, "label": "一、", "title": "总体要求", "text": "总体要求", "children": children}],
    })
}

/// A library of three: A (newest) cites B by 文号 and C by 《title》.
fn library(tag: &str) -> PathBuf {
    let src = tmpdir(&format!("{tag}-src"));
    let dir = tmpdir(tag);
    let docs = [
        doc(
            "关于支持量子科技企业发展的若干措施",
            "甲办发〔2023〕7号",
            "甲市人民政府办公厅",
            "2023-05-01",
            "根据乙政发〔2022〕15号和《关于促进海洋经济的实施意见》，现提出以下措施。",
            &[
                (
                    "加强量子计算攻关",
                    "支持企业建设量子计算平台。",
                    &["科技部", "财政部"],
                ),
                (
                    "优化融资服务",
                    "扩大知识产权质押融资。",
                    &["人民银行", "财政部"],
                ),
            ],
        ),
        doc(
            "关于扩大有效投资的通知",
            "乙政发〔2022〕15号",
            "乙省人民政府",
            "2022-03-02",
            "为稳定经济大盘。",
            &[(
                "加快专项债券发行",
                "用好专项债券融资。",
                &["财政部", "发展改革委"],
            )],
        ),
        doc(
            "关于促进海洋经济的实施意见",
            "",
            "丙市海洋局",
            "2021-01-09",
            "为发展海洋经济。",
            &[("培育海洋渔业", "支持远洋渔业。", &["农业农村部", "财政部"])],
        ),
    ];
    let files: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = src.join(format!("{i}.json"));
            std::fs::write(&p, serde_json::to_string(d).unwrap()).unwrap();
            p
        })
        .collect();
    let mut lib = Library::open(&dir).unwrap();
    for r in lib.add(&files) {
        r.unwrap();
    }
    dir
}

fn open(dir: &Path, lang: Lang, w: u16, h: u16) -> App {
    App::with_library(Library::open(dir).unwrap(), lang, false, w, h)
}

fn titles(a: &App) -> Vec<String> {
    let s = a.shelf().expect("the list shows");
    s.rows().map(|e| e.title.clone()).collect()
}

#[test]
fn the_list_is_newest_first_and_o_sorts_by_issuer() {
    let dir = library("order");
    let mut a = open(&dir, Lang::En, 120, 40);
    let t = titles(&a);
    // The embedded document (2021-11) sits between B (2022) and C (2021-01).
    assert_eq!(t[0], "关于支持量子科技企业发展的若干措施");
    assert_eq!(t[1], "关于扩大有效投资的通知");
    assert_eq!(t.last().unwrap(), "关于促进海洋经济的实施意见");
    let screen = screen(&render(&a));
    assert!(screen.contains("甲办发〔2023〕7号"), "{screen}");
    assert!(screen.contains("2023-05-01"), "{screen}");
    assert!(screen.contains("甲市人民政府办公厅"), "{screen}");
    assert!(screen.contains("newest first"), "{screen}");
    press(&mut a, KeyCode::Char('o'));
    assert_eq!(a.shelf().unwrap().order(), Order::Issuer);
    let issuers: Vec<String> = a
        .shelf()
        .unwrap()
        .rows()
        .map(|e| e.issuer.clone())
        .collect();
    let mut sorted = issuers.clone();
    sorted.sort();
    assert_eq!(issuers, sorted);
    assert!(screen_of(&a).contains("by issuer"));
    press(&mut a, KeyCode::Char('o'));
    assert_eq!(titles(&a)[0], "关于支持量子科技企业发展的若干措施");
}

fn screen_of(a: &App) -> String {
    screen(&render(a))
}

#[test]
fn enter_opens_l_and_esc_return_to_the_list() {
    let dir = library("open");
    let mut a = open(&dir, Lang::En, 120, 40);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert!(a.shelf().is_none(), "a document shows");
    assert_eq!(a.doc().title, "关于扩大有效投资的通知");
    assert!(screen_of(&a).contains("加快专项债券发行") || screen_of(&a).contains("总体要求"));
    press(&mut a, KeyCode::Char('D'));
    assert!(a.shelf().is_some());
    // The row of the document left stays selected.
    assert_eq!(a.shelf().unwrap().list().selected(), 1);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.doc().title, "关于扩大有效投资的通知");
    // Esc in the reader steps to the tree, at the top level back to the list.
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Esc);
    assert!(a.shelf().is_none());
    press(&mut a, KeyCode::Esc);
    assert!(a.shelf().is_some());
    assert!(!a.should_quit());
    // Esc on the list goes back to the open document; q quits.
    press(&mut a, KeyCode::Esc);
    assert!(a.shelf().is_none());
    press(&mut a, KeyCode::Char('D'));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
}

#[test]
fn search_from_the_list_names_documents_and_d_narrows() {
    let dir = library("search");
    let mut a = open(&dir, Lang::En, 120, 40);
    press(&mut a, KeyCode::Char('/'));
    assert_eq!(a.mode(), Mode::Search);
    typ(&mut a, "融资");
    let s = a.shelf().unwrap();
    assert_eq!(s.screen(), Screen::Search);
    let docs: Vec<&str> = s.results().iter().map(|h| h.id.as_str()).collect();
    assert!(
        docs.contains(&"jbf-2023-7") && docs.contains(&"yzf-2022-15"),
        "{docs:?}"
    );
    let sc = screen_of(&a);
    assert!(
        sc.contains("甲办发〔2023〕7号 关于支持量子科技企业发展的若干措施"),
        "{sc}"
    );
    // d: narrows to one document.
    typ(&mut a, " d:乙政发");
    let s = a.shelf().unwrap();
    assert!(!s.results().is_empty());
    assert!(s.results().iter().all(|h| h.id == "yzf-2022-15"));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.doc().title, "关于扩大有效投资的通知");
    // Opened at the hit's item, not at the top.
    let node = a.selected_node();
    assert!(a.item(node).is_some_and(|it| it.text.contains("融资")));
}

#[test]
fn a_guess_across_documents_is_marked_as_in_a_document() {
    let dir = library("guess");
    let mut a = open(&dir, Lang::En, 120, 40);
    press(&mut a, KeyCode::Char('/'));
    // 值押 sounds like 质押: found, but as a guess.
    typ(&mut a, "知识产权值押");
    let s = a.shelf().unwrap();
    assert!(!s.results().is_empty() && s.results().iter().all(|h| h.approximate));
    let sc = screen_of(&a);
    assert!(sc.contains("~ 甲办发〔2023〕7号"), "{sc}");
    // What was typed is no guess.
    for _ in 0.."知识产权值押".chars().count() {
        press(&mut a, KeyCode::Backspace);
    }
    typ(&mut a, "知识产权质押");
    let s = a.shelf().unwrap();
    assert!(!s.results().is_empty() && s.results().iter().all(|h| !h.approximate));
    assert!(!screen_of(&a).contains("~ "), "{}", screen_of(&a));
}

#[test]
fn a_document_search_stays_local_unless_star_widens_it() {
    let dir = library("widen");
    let mut a = open(&dir, Lang::En, 120, 40);
    press(&mut a, KeyCode::Enter);
    let title = a.doc().title.clone();
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "融资");
    assert!(a.shelf().is_none(), "local search");
    assert!(!a.search().results().is_empty());
    press(&mut a, KeyCode::Esc);
    // `/` opens empty; ↑ recalls the query, Home goes before it.
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Home);
    typ(&mut a, "*");
    // What was typed carries over.
    assert_eq!(a.shelf().unwrap().screen(), Screen::Search);
    assert_eq!(a.shelf().unwrap().editor().text(), "融资");
    assert!(
        a.shelf()
            .unwrap()
            .results()
            .iter()
            .any(|h| h.id == "yzf-2022-15")
    );
    press_mod(
        &mut a,
        KeyCode::Char('u'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    typ(&mut a, "专项债券");
    assert!(
        a.shelf()
            .unwrap()
            .results()
            .iter()
            .any(|h| h.id == "yzf-2022-15")
    );
    press(&mut a, KeyCode::Esc);
    assert!(a.shelf().is_none());
    assert_eq!(a.doc().title, title);
}

#[test]
fn agencies_count_across_documents_and_list_tasks_document_by_document() {
    let dir = library("agencies");
    let mut a = open(&dir, Lang::Zh, 120, 40);
    press(&mut a, KeyCode::Char('a'));
    let s = a.shelf().unwrap();
    assert_eq!(s.screen(), Screen::Agencies);
    let mof = s.loads().iter().position(|l| l.name == "财政部").unwrap();
    assert!(s.loads()[mof].documents >= 3, "{:?}", s.loads()[mof]);
    assert!(screen_of(&a).contains("财政部"));
    for _ in 0..mof {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    let s = a.shelf().unwrap();
    assert_eq!(s.screen(), Screen::Tasks);
    let ids: Vec<&str> = s.tasks().iter().map(|t| t.id.as_str()).collect();
    for id in ["jbf-2023-7", "yzf-2022-15"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    // Document by document: one document's tasks are together.
    let mut seen: Vec<&str> = Vec::new();
    for id in &ids {
        if seen.last() != Some(id) {
            assert!(!seen.contains(id), "{ids:?}");
            seen.push(id);
        }
    }
    let sc = screen_of(&a);
    assert!(
        sc.contains("财政部") && sc.contains("协同") || sc.contains("负责"),
        "{sc}"
    );
    let first = s.tasks()[0].clone();
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.doc().title, first.document);
    let node = a.selected_node();
    assert_eq!(a.outline()[node].ordinal(), Some(first.ordinal as usize));
    // Esc steps back: tasks → agencies → list.
    press(&mut a, KeyCode::Char('D'));
    press(&mut a, KeyCode::Char('a'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.shelf().unwrap().screen(), Screen::Agencies);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.shelf().unwrap().screen(), Screen::List);
}

#[test]
fn a_cited_document_shows_its_link_and_bracket_follows_and_returns() {
    let dir = library("xref");
    let mut a = open(&dir, Lang::En, 120, 40);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.doc().title, "关于支持量子科技企业发展的若干措施");
    // The preamble (the document's top) names B by 文号 and C by 《title》.
    let links = a.links_here();
    assert_eq!(links.len(), 2, "{links:?}");
    let sc = screen_of(&a);
    assert!(
        sc.contains("] → 乙政发〔2022〕15号《关于扩大有效投资的通知》 +1"),
        "{sc}"
    );
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.doc().title, "关于扩大有效投资的通知");
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.doc().title, "关于支持量子科技企业发展的若干措施");
    // Nothing more to come back to; a measure without a mention says so.
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.message(), Some("No document to go back to"));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.message(), Some("No reference to follow here"));
}

#[test]
fn data_opens_one_document_without_the_list() {
    let a = embedded(Lang::En, 120, 40);
    assert!(a.shelf().is_none());
    assert!(a.library_state().is_none());
    let mut a = a;
    press(&mut a, KeyCode::Char('D'));
    assert!(a.shelf().is_none());
}

#[test]
fn snapshots_at_120x40_and_60x20() {
    let dir = library("snap");
    for (w, h) in [(120, 40), (60, 20)] {
        let mut a = open(&dir, Lang::Zh, w, h);
        insta::assert_snapshot!(format!("library_list_{w}x{h}"), render(&a).backend());
        press(&mut a, KeyCode::Char('/'));
        typ(&mut a, "融资");
        insta::assert_snapshot!(format!("library_search_{w}x{h}"), render(&a).backend());
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Char('a'));
        insta::assert_snapshot!(format!("library_agencies_{w}x{h}"), render(&a).backend());
        press(&mut a, KeyCode::Enter);
        insta::assert_snapshot!(format!("library_tasks_{w}x{h}"), render(&a).backend());
        press(&mut a, KeyCode::Char('D'));
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Enter);
        insta::assert_snapshot!(format!("library_doc_link_{w}x{h}"), render(&a).backend());
    }
}

#[test]
fn unreadable_documents_are_named_and_skipped() {
    let dir = library("broken");
    std::fs::write(
        dir.join("docs/broken-1.json"),
        "{\"schema\": 1, \"items\": [",
    )
    .unwrap();
    let mut a = open(&dir, Lang::En, 120, 40);
    let m = a.message().unwrap_or("").to_string();
    assert!(
        m.contains("1 unreadable") && m.contains("broken-1.json"),
        "{m}"
    );
    assert!(screen_of(&a).contains("broken-1.json"));
    assert_eq!(a.shelf().unwrap().len(), 4);
    press(&mut a, KeyCode::Down);
    assert_eq!(a.message(), None);
}

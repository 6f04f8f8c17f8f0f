//! `zhengce search` run as a process: output formats, exit codes, widths.

mod bin_support;

use std::process::Output;

use serde_json::Value;
use zhengce::text::width;

fn run(args: &[&str]) -> Output {
    // A library of its own: never the user's, so only the embedded document
    // is in it.
    bin_support::zhengce()
        .arg("search")
        .args(args)
        .output()
        .expect("runs")
}

fn json(args: &[&str]) -> (Value, i32) {
    let mut a = vec!["--json"];
    a.extend(args);
    let out = run(&a);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (v, out.status.code().unwrap_or(-1))
}

fn labels(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn acceptance_in_json() {
    let (v, code) = json(&["12366"]);
    assert_eq!((code, labels(&v)), (0, vec!["（三）".to_string()]));
    assert_eq!(v["query"], "12366");
    let r = &v["results"][0];
    assert_eq!(
        (r["kind"].as_str(), r["number"].as_u64(), r["tier"].as_str()),
        (Some("measure"), Some(3), Some("exact"))
    );
    assert_eq!(r["title"], "推动税费精准服务");
    assert!(r["score"].is_i64());
    assert!(r["snippet"].as_str().unwrap().contains("12366"));
    // matches are char offsets into the item's text.
    let text: Vec<char> = zhengce::doc::Document::embedded().measures()[2]
        .item
        .text
        .chars()
        .collect();
    for m in r["matches"].as_array().unwrap() {
        let (s, e) = (
            m[0].as_u64().unwrap() as usize,
            m[1].as_u64().unwrap() as usize,
        );
        assert_eq!(text[s..e].iter().collect::<String>(), "12366");
    }

    assert_eq!(labels(&json(&["知识产权质押"]).0), vec!["（四）"]);
    let (v, _) = json(&["zjtx"]);
    let mut top2 = labels(&v)[..2].to_vec();
    top2.sort();
    assert_eq!(top2, vec!["（一）", "（十）"]);
    assert_eq!(labels(&json(&["kaifayinhang"]).0)[0], "（四）");
    assert_eq!(
        labels(&json(&["a:pboc"]).0),
        vec!["（四）", "（五）", "（六）", "（七）"]
    );
    let (v, _) = json(&["融资", "担保"]);
    assert_eq!(v["query"], "融资 担保");
    let mut top2 = labels(&v)[..2].to_vec();
    top2.sort();
    assert_eq!(top2, vec!["（五）", "（四）"]);
}

#[test]
fn nothing_found_is_exit_1_and_an_empty_list() {
    let (v, code) = json(&["量子计算"]);
    assert_eq!(code, 1);
    assert_eq!(v["results"], Value::Array(Vec::new()));
    let out = run(&["量子计算"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_queries_are_exit_2_with_one_line() {
    for q in ["#abc", "   "] {
        let out = run(&[q]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn text_lines_fit_100_cells() {
    let out = run(&["中小企业"]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.lines().count() > 20);
    for line in s.lines() {
        assert!(width(line) <= 100, "{} cells: {line}", width(line));
    }
    let first = s.lines().next().unwrap();
    assert!(first.starts_with('（'), "{first}");
}

#[test]
fn limit_and_document_results() {
    let out = run(&["--limit", "2", "中小企业"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let (v, code) = json(&["169号"]);
    assert_eq!(code, 0);
    let r = &v["results"][0];
    assert_eq!(r["kind"], "document");
    assert!(r["number"].is_null());
    let meta: Vec<char> = zhengce::search::document_text(&zhengce::doc::Document::embedded())
        .chars()
        .collect();
    let m = &r["matches"][0];
    let (s, e) = (
        m[0].as_u64().unwrap() as usize,
        m[1].as_u64().unwrap() as usize,
    );
    assert_eq!(meta[s..e].iter().collect::<String>(), "169号");
}

#[test]
fn jumps_marks_expansions_and_related() {
    let (v, code) = json(&["十二"]);
    assert_eq!(code, 0);
    assert_eq!(v["results"][0]["jump"], true);
    assert_eq!(v["results"][0]["label"], "（十二）");
    let (v, _) = json(&["减税"]);
    assert!(
        v["also_searched"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "税费减免")
    );
    assert_eq!(v["results"][0]["tier"], "synonym");
    assert_eq!(v["results"][0]["approximate"], false);
    let (v, code) = json(&["数子化"]);
    assert_eq!(
        (code, v["results"][0]["approximate"].as_bool()),
        (0, Some(true))
    );
    // Nothing found: exit 1, related items apart from the results.
    let (v, code) = json(&["小微企业贷款难"]);
    assert_eq!(code, 1);
    assert!(v["results"].as_array().unwrap().is_empty());
    assert_eq!(v["related"][0]["tier"], "related");
    let out = run(&["小微企业贷款难"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("no results; related:\n~ （四）"), "{text}");
    let text = String::from_utf8(run(&["12"]).stdout).unwrap();
    assert!(text.starts_with("=> （十二）"), "{text}");
    let text = String::from_utf8(run(&["融资担保"]).stdout).unwrap();
    assert!(text.starts_with("also searched: 融资 担保\n"), "{text}");
}

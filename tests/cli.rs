//! The command line, run as a user runs it: the real binary, stdout and stderr.

use std::process::{Command, Output};

use serde_json::Value;

const SEED_TXT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/smes-competitiveness-measures-2021.txt"
);
const SEED_JSON: &str = include_str!("../assets/smes-competitiveness-measures-2021.json");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
        // An empty library of its own: never the user's, so only the embedded
        // document is in it.
        .env("ZHENGCE_LIBRARY", empty_library())
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn tmp(name: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengce-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// A failure: exit 2, nothing on stdout, exactly one line on stderr containing `needle`.
fn assert_one_line_error(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
    let e = stderr(o);
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    assert!(e.contains(needle), "{e}");
}

#[test]
fn outline_json_has_the_tree_without_text() {
    let o = run(&["outline", "--json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema"], 2);
    assert_eq!(v["number"], "工信部企业〔2021〕169号");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    let measures: Vec<&Value> = items
        .iter()
        .flat_map(|s| s["children"].as_array().unwrap())
        .collect();
    assert_eq!(measures.len(), 34);
    assert!(items.iter().all(|s| s.get("text").is_none()));
    assert!(measures.iter().all(|m| m.get("text").is_none()));
    let mentions: usize = measures
        .iter()
        .map(|m| m["agencies"].as_array().unwrap().len())
        .sum();
    assert_eq!(mentions, 94);
    assert_eq!(measures[11]["title"], "加强工业互联网赋能");
}

#[test]
fn outline_text_and_piped_default() {
    let o = run(&["outline"]);
    let s = stdout(&o);
    assert!(
        s.contains("12   （十二）加强工业互联网赋能  [工业和信息化部、全国工商联]"),
        "{s}"
    );
    assert_eq!(s.lines().count(), 1 + 11 + 34);
    // Not a terminal: the bare command prints the outline instead of the TUI.
    let bare = run(&[]);
    assert!(bare.status.success());
    assert_eq!(stdout(&bare), s);
}

#[test]
fn show_prints_a_measure_with_full_agency_names() {
    let o = run(&["show", "12"]);
    assert!(o.status.success());
    let s = stdout(&o);
    assert!(
        s.starts_with("四、提升数字化发展水平\n（十二）加强工业互联网赋能  (12/34)"),
        "{s}"
    );
    assert!(s.contains("开展工业互联网平台赋能深度行活动"));
    assert!(s.contains("工业和信息化部  中华人民共和国工业和信息化部  Ministry of Industry and Information Technology (MIIT)"));
    assert!(s.contains("全国工商联  中华全国工商业联合会"));
    let s4 = stdout(&run(&["show", "4"]));
    assert!(
        s4.contains("国家金融监督管理总局"),
        "银保监会's reorganisation note: {s4}"
    );
}

#[test]
fn show_json_is_the_item_with_text() {
    let v: Value = serde_json::from_str(&stdout(&run(&["show", "4", "--json"]))).unwrap();
    assert_eq!(v["label"], "（四）");
    assert_eq!(v["ordinal"], 4);
    assert_eq!(v["section"]["label"], "二、");
    assert!(v["text"].as_str().unwrap().contains("知识产权质押"));
    assert_eq!(v["agencies"].as_array().unwrap().len(), 6);
}

#[test]
fn show_takes_numbers_as_people_type_them() {
    for n in ["12", "１２", "十二"] {
        let o = run(&["show", n]);
        assert!(o.status.success(), "{n}: {}", stderr(&o));
        assert!(stdout(&o).contains("（十二）加强工业互联网赋能"), "{n}");
    }
}

#[test]
fn a_write_error_is_an_error() {
    let Ok(full) = std::fs::File::create("/dev/full") else {
        return; // not Linux
    };
    let o = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["show", "12"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stdout"), "{}", stderr(&o));
}

#[test]
fn show_out_of_range_is_a_one_line_error() {
    assert_one_line_error(&run(&["show", "35"]), "1 to 34");
    assert_one_line_error(&run(&["show", "0"]), "invalid value '0'");
}

#[test]
fn agencies_busiest_first_with_directory_names() {
    let v: Value = serde_json::from_str(&stdout(&run(&["agencies", "--json"]))).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list[0]["name"], "工业和信息化部");
    assert_eq!(list[0]["count"], 22);
    assert_eq!(list[0]["english_abbreviation"], "MIIT");
    let counts: Vec<u64> = list.iter().map(|a| a["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let total: u64 = counts.iter().sum();
    assert_eq!(total, 94);
    let pboc = list.iter().find(|a| a["name"] == "人民银行").unwrap();
    assert_eq!(pboc["measures"], serde_json::json!([4, 5, 6, 7]));
    let text = stdout(&run(&["agencies"]));
    assert!(
        text.starts_with("工业和信息化部  22  measures 1,4,5"),
        "{text}"
    );
}

#[test]
fn import_of_the_seed_equals_the_embedded_json() {
    let o = run(&["import", SEED_TXT]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim_end(), SEED_JSON.trim_end());
}

#[test]
fn import_bad_input_names_the_file() {
    let empty = tmp("empty.txt", b"");
    assert_one_line_error(
        &run(&["import", empty.to_str().unwrap()]),
        "empty.txt: empty document",
    );
    let gbk = tmp("gbk.txt", b"\xd6\xd0\xce\xc4\n");
    assert_one_line_error(
        &run(&["import", gbk.to_str().unwrap()]),
        "gbk.txt: line 1: not UTF-8",
    );
    let bin = tmp("junk.bin", &[0u8, 159, 146, 150, 0, 1, 2, 3]);
    assert_one_line_error(&run(&["import", bin.to_str().unwrap()]), "junk.bin");
    let plain = tmp(
        "plain.txt",
        "只是一段普通的文字，没有任何编号。\n".as_bytes(),
    );
    assert_one_line_error(
        &run(&["import", plain.to_str().unwrap()]),
        "no numbered items",
    );
    assert_one_line_error(
        &run(&["import", "/nonexistent/x.txt"]),
        "/nonexistent/x.txt",
    );
}

#[test]
fn data_flag_loads_json_or_text() {
    let txt = tmp(
        "doc.txt",
        "测试文件\n一、第一部分\n（一）第一项措施。内容。（科技部负责）\n（二）第二项措施。内容。（教育部负责）\n".as_bytes(),
    );
    let o = run(&["--data", txt.to_str().unwrap(), "show", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("（二）第二项措施  (2/2)"),
        "{}",
        stdout(&o)
    );

    let bad = tmp("bad.json", b"{\n  \"schema\": 1,\n  \"title\": oops\n}");
    assert_one_line_error(
        &run(&["--data", bad.to_str().unwrap(), "outline"]),
        "bad.json: invalid JSON at line 3, column",
    );
    // Columns count characters, not bytes.
    let cjk = tmp(
        "cjk.json",
        "{\"schema\": 1, \"title\": \"标题\" oops}".as_bytes(),
    );
    assert_one_line_error(
        &run(&["--data", cjk.to_str().unwrap(), "outline"]),
        "invalid JSON at line 1, column 29",
    );
    // JSON is recognised by its content too.
    let renamed = tmp("seed-json.txt", SEED_JSON.as_bytes());
    let o = run(&["--data", renamed.to_str().unwrap(), "show", "12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("（十二）加强工业互联网赋能"));
    let wrong = tmp("wrong.json", br#"{"schema": 9, "title": "x"}"#);
    assert_one_line_error(
        &run(&["--data", wrong.to_str().unwrap(), "outline"]),
        "schema 9",
    );
    let hostile = tmp(
        "hostile.json",
        "{\"schema\":1,\"title\":\"t\\u001b]0;pwned\\u0007\",\"items\":[{\"number\":1,\"label\":\"（一）\",\"title\":\"x\\u001b[31m红\",\"text\":\"a\\u009b2Jb\",\"agencies\":[\"科技部\\u001b[0m\"]}]}".as_bytes(),
    );
    let o = run(&["--data", hostile.to_str().unwrap(), "outline"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        !s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{9b}'),
        "{s:?}"
    );
    assert!(s.contains("（一）x红  [科技部]"), "{s}");
}

#[test]
fn help_version_and_usage_errors() {
    assert!(run(&["--version"]).status.success());
    assert!(stdout(&run(&["--help"])).contains("outline"));
    assert!(stdout(&run(&["show", "--help"])).contains("--json"));
    assert_one_line_error(
        &run(&["frobnicate"]),
        "unrecognized subcommand 'frobnicate'",
    );
    assert_one_line_error(&run(&["show", "twelve"]), "invalid value 'twelve'");
    assert_one_line_error(&run(&["show"]), "required");
    assert_one_line_error(&run(&["outline", "--jsn"]), "--jsn");
}

fn empty_library() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengce-test-library-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

//! `zhengce import FILE` and `--data FILE` on every input format, as a user
//! runs them: formats told apart by content, not by name; unsupported input
//! is one line naming the file and what it is, exit 2, nothing on stdout.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn tmp(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengce-import-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn assert_one_line_error(o: &Output, file: &str, what: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        o.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(file), "{err}");
    assert!(err.contains(what), "{err}");
}

#[test]
fn unsupported_files_fail_in_one_line_whatever_their_name() {
    // A PDF named .txt, an image named .html, an old Word file named .docx.
    for (name, bytes, what) in [
        ("report.txt", &b"%PDF-1.5\n%\xb5\xb5\n"[..], "PDF"),
        ("page.html", &b"\x89PNG\r\n\x1a\n\0\0"[..], "PNG"),
        ("old.docx", &b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"[..], ".doc"),
    ] {
        let p = tmp(name, bytes);
        let path = p.to_str().unwrap();
        assert_one_line_error(&run(&["import", path]), name, what);
        assert_one_line_error(&run(&["--data", path, "outline"]), name, what);
    }
}

#[test]
fn html_and_markdown_import_by_content() {
    // HTML saved without an extension.
    let html = std::fs::read(fixture("task-table.html")).unwrap();
    let p = tmp("notice", &html);
    let o = run(&["import", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], 2);
    assert_eq!(v["title"], "国务院关于印发某行动方案的通知");
    assert_eq!(v["issued"]["title"], "某行动方案");
    assert_eq!(v["attachments"][0]["title"], "重点任务分工表");
    // Markdown through --data.
    let o = run(&["--data", &fixture("regulation.md"), "outline"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("国务院令第720号"), "{out}");
    assert!(out.contains("第一条"), "{out}");
}

#[test]
fn imported_json_loads_back_the_same() {
    let o = run(&["import", &fixture("clauses.txt")]);
    assert!(o.status.success());
    let p = tmp("clauses.json", &o.stdout);
    let again = run(&["--data", p.to_str().unwrap(), "outline", "--json"]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let v: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["items"][0]["children"][1]["lead"], "科技部");
}

//! Schema 2 reaching the user through the CLI: the issuing notice, the
//! attachments (numbered within themselves, `show N --part K`), the
//! responsibility clauses and the lead agency.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(data: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .arg("--data")
        .arg(root().join(data))
        .args(args)
        .env(
            "ZHENGCE_LIBRARY",
            root().join("target/cli-parts-empty-library"),
        )
        .output()
        .unwrap()
}

fn ok(data: &str, args: &[&str]) -> String {
    let o = run(data, args);
    assert!(
        o.status.success(),
        "{data} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn json(data: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(data, args)).unwrap()
}

const LEAD: &str = "tests/fixtures/import/lead-variant.txt";
const CLAUSES: &str = "tests/fixtures/import/clauses.txt";
const NOTICE: &str = "tests/fixtures/import/task-table.html";

fn corpus(name: &str) -> Option<String> {
    let p = format!("../shared/corpus/{name}");
    root().join(&p).exists().then_some(p)
}

#[test]
fn outline_marks_the_lead() {
    let s = ok(LEAD, &["outline"]);
    assert!(
        s.contains("1   （一）第一项  [商务部、海关总署]  牵头：商务部"),
        "{s}"
    );
    // 下同 carries the note to later clauses: the first listed leads.
    assert!(s.contains("[海关总署、商务部]  牵头：海关总署"), "{s}");
    let v = json(LEAD, &["outline", "--json"]);
    assert_eq!(v["items"][0]["children"][1]["lead"], "海关总署");
    assert_eq!(v["items"][0]["children"][1]["ordinal"], 2);
}

#[test]
fn outline_names_the_issued_document() {
    let s = ok(NOTICE, &["outline"]);
    let mut lines = s.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("国务院关于印发某行动方案的通知"),
        "{s}"
    );
    assert_eq!(lines.next(), Some("印发：《某行动方案》"), "{s}");
    let v = json(NOTICE, &["outline", "--json"]);
    assert_eq!(v["issued"]["title"], "某行动方案");
    let v = json(NOTICE, &["show", "1", "--json"]);
    assert_eq!(v["document"], "某行动方案");
    assert!(ok(NOTICE, &["show", "1"]).starts_with("印发：《某行动方案》\n"));
}

#[test]
fn show_lists_clauses_and_marks_leads() {
    let s = ok(CLAUSES, &["show", "5"]);
    assert!(
        s.contains("Clauses:\n  （财政部和税务总局负责）  牵头：财政部\n"),
        "{s}"
    );
    assert!(s.contains("  财政部（牵头）  中华人民共和国财政部"), "{s}");
    assert!(s.contains("  文化和旅游部（牵头）"), "a clause's lead: {s}");
    assert!(s.contains("\n  税务总局  国家税务总局"), "not a lead: {s}");
    let v = json(CLAUSES, &["show", "5", "--json"]);
    assert_eq!(v["lead"], "财政部");
    assert_eq!(v["clauses"].as_array().unwrap().len(), 2);
    assert_eq!(v["clauses"][1]["lead"], "文化和旅游部");
    // One clause: the agencies say it all, no clause list.
    assert!(!ok(CLAUSES, &["show", "1"]).contains("Clauses:"));
}

#[test]
fn agencies_count_lead_and_co_responsible() {
    let s = ok(LEAD, &["agencies"]);
    assert!(
        s.contains("商务部         2  lead  1  co  1  measures 1,2"),
        "{s}"
    );
    let v = json(LEAD, &["agencies", "--json"]);
    let a = v.as_array().unwrap();
    let m = a.iter().find(|a| a["name"] == "市场监管总局").unwrap();
    assert_eq!(
        (m["count"].clone(), m["lead"].clone(), m["co"].clone()),
        (1.into(), 1.into(), 0.into())
    );
    // A document naming no lead prints no lead column.
    assert!(!ok("tests/fixtures/import/principles.txt", &["agencies"]).contains(" lead "));
}

#[test]
fn attachments_are_parts_of_the_outline() {
    let Some(r36) = corpus("r36-xiaofanghaopai.txt") else {
        eprintln!("SKIPPED: no corpus");
        return;
    };
    let s = ok(&r36, &["outline"]);
    assert!(
        s.contains("\n附件  应急救援专用号牌式样和车辆涂装样图\n"),
        "{s}"
    );
    assert!(
        s.contains("\n3     （一）汽车号牌\n"),
        "numbered within the part: {s}"
    );
    let v = json(&r36, &["outline", "--json"]);
    let a = &v["attachments"][0];
    assert_eq!(a["part"], 1);
    assert!(a.get("text").is_none());
    assert_eq!(a["items"][1]["children"][0]["ordinal"], 3);

    let s = ok(&r36, &["show", "3", "--part", "1"]);
    assert!(
        s.starts_with(
            "附件  应急救援专用号牌式样和车辆涂装样图\n二、号牌规格尺寸\n（一）汽车号牌  (3/9)"
        ),
        "{s}"
    );
    let v = json(&r36, &["show", "3", "--part", "1", "--json"]);
    assert_eq!(v["part"]["number"], 1);
    assert_eq!(v["section"]["label"], "二、");
    assert_eq!(v["ordinal"], 3);
    // The body's measure 3 is another item.
    assert!(ok(&r36, &["show", "3"]).contains("三、悬挂专用号牌车辆的道路优先通行权"));

    for (args, needle) in [
        (
            &["show", "1", "--part", "2"][..],
            "no attachment 2: this document has attachments 1 to 1",
        ),
        (
            &["show", "10", "--part", "1"][..],
            "no measure 10: there are measures 1 to 9 in 附件",
        ),
    ] {
        let o = run(&r36, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(needle),
            "{args:?}"
        );
    }
    let o = run(LEAD, &["show", "1", "--part", "1"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("this document has no attachments"));
}

#[test]
fn attachment_items_are_searchable() {
    let Some(r36) = corpus("r36-xiaofanghaopai.txt") else {
        eprintln!("SKIPPED: no corpus");
        return;
    };
    let s = ok(&r36, &["search", "大型车辆涂装样图"]);
    assert!(s.contains("大型车辆涂装样图"), "{s}");
}

#[test]
fn several_attachments_are_numbered() {
    let Some(r23) = corpus("r23-badongfuhan.txt") else {
        eprintln!("SKIPPED: no corpus");
        return;
    };
    let s = ok(&r23, &["outline"]);
    assert!(
        s.contains("\n附件1  关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告\n"),
        "{s}"
    );
    assert!(
        s.contains("\n附件2  湖北省巴东县官渡口镇马鬃山村地质险情调查意见"),
        "{s}"
    );
    assert!(ok(&r23, &["show", "4", "--part", "1"]).contains("四、建议意见  (4/4)"));
}

//! The library through the command line and the `Library` API: add, list,
//! remove, search across documents, d: narrowing, agencies and task lists,
//! cross-references, corrupt entries, the on-disk index, concurrent adds and
//! a killed add.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use zhengce::library::{Library, Role};
use zhengce::search::Segment;

fn tmpdir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "zhengce-lib-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn zc(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("ZHENGCE_FAILPOINT")
        .output()
        .expect("binary runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small document: `measures` are (title sentence, body, agencies).
fn doc(
    title: &str,
    number: &str,
    date: &str,
    preamble: &str,
    measures: &[(&str, &str, &[&str])],
) -> Value {
    let children: Vec<Value> = measures
        .iter()
        .enumerate()
        .map(|(i, (t, body, ags))| {
            let clause = if ags.is_empty() {
                String::new()
            } else {
                format!("（{}负责）", ags.join("、"))
            };
            json!({
                "number": i + 1, "label": format!("（{}）", ["一","二","三","四","五"][i]),
                "title": t, "text": format!("{t}。{body}{clause}"), "agencies": ags,
            })
        })
        .collect();
    json!({
        "schema": 1, "title": title, "number": number, "issuer": "测试办公室", "date": date,
        "preamble": preamble,
        "items": [{"number": 1, "label": "一、", "title": "总体要求", "text": "总体要求", "children": children}],
    })
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string(v).unwrap()).unwrap();
    p
}

/// Three documents: A mentions B by 文号 and C by 《title》; A says the
/// first listed agency leads.
fn three(src: &Path) -> Vec<PathBuf> {
    let a = doc(
        "关于支持量子科技企业发展的若干措施",
        "甲办发〔2023〕7号",
        "2023-05-01",
        "根据乙政发〔2022〕15号和《关于促进海洋经济的实施意见》，现提出以下措施。",
        &[
            (
                "加强量子计算攻关",
                "支持企业建设量子计算平台。列第一位者为牵头单位，下同",
                &["科技部", "财政部"],
            ),
            (
                "优化融资服务",
                "扩大知识产权质押融资。",
                &["人民银行", "财政部"],
            ),
        ],
    );
    let b = doc(
        "关于扩大有效投资的通知",
        "乙政发〔2022〕15号",
        "2022-03-02",
        "为稳定经济大盘。",
        &[(
            "加快专项债券发行",
            "用好地方政府专项债券。",
            &["财政部", "发展改革委"],
        )],
    );
    let c = doc(
        "关于促进海洋经济的实施意见",
        "",
        "2021-01-09",
        "为发展海洋经济。",
        &[(
            "培育海洋渔业",
            "支持远洋渔业。（农业农村部牵头，财政部参与负责）",
            &["农业农村部", "财政部"],
        )],
    );
    vec![
        write(src, "a.json", &a),
        write(src, "b.json", &b),
        write(src, "c.json", &c),
    ]
}

fn add_three(lib: &Path) -> Vec<PathBuf> {
    let src = tmpdir("src");
    let files = three(&src);
    let mut args = vec!["add"];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let o = zc(lib, &args);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    files
}

fn list_json(lib: &Path) -> Vec<Value> {
    let o = zc(lib, &["list", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    serde_json::from_slice::<Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ids(v: &[Value]) -> Vec<String> {
    v.iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_empty_library_holds_the_embedded_document() {
    let lib = tmpdir("empty");
    let v = list_json(&lib.join("does-not-exist"));
    assert_eq!(ids(&v), vec!["gxbqy-2021-169"]);
    assert_eq!(v[0]["builtin"], true);
    assert_eq!(v[0]["measures"], 34);
    assert_eq!(v[0]["number"], "工信部企业〔2021〕169号");
    // Reading never creates the directory.
    assert!(!lib.join("does-not-exist").exists());
    let o = zc(&lib, &["remove", "gxbqy-2021-169"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("built in"), "{}", err(&o));
}

#[test]
fn add_list_remove_with_stable_ids() {
    let lib = tmpdir("alr");
    let files = add_three(&lib);
    let v = list_json(&lib);
    // Newest first; ids from the 文号, else from the title.
    let got = ids(&v);
    assert_eq!(&got[..3], ["jbf-2023-7", "yzf-2022-15", "gxbqy-2021-169"]);
    assert_eq!(got.len(), 4);
    let c_id = got[3].clone();
    assert!(c_id.starts_with("gycjhyjj"), "{c_id}");
    assert_eq!(
        v.iter().find(|e| e["id"] == "jbf-2023-7").unwrap()["measures"],
        2
    );
    // Adding the same file again changes nothing and keeps the id.
    let o = zc(&lib, &["add", files[0].to_str().unwrap()]);
    assert_eq!(
        out(&o).trim(),
        "unchanged jbf-2023-7  关于支持量子科技企业发展的若干措施"
    );
    // Text list: one line each, id first.
    let o = zc(&lib, &["list"]);
    assert_eq!(out(&o).lines().count(), 4);
    assert!(out(&o).lines().any(|l| l.starts_with("yzf-2022-15 ")));
    let o = zc(&lib, &["list", "--by", "issuer"]);
    assert_eq!(out(&o).lines().count(), 4);
    // Remove.
    let o = zc(&lib, &["remove", &c_id]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(!ids(&list_json(&lib)).contains(&c_id));
    let o = zc(&lib, &["remove", &c_id]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("no document"), "{}", err(&o));
    let o = zc(&lib, &["remove", "../../etc/passwd"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_failing_file_is_reported_and_the_others_land() {
    let lib = tmpdir("fail");
    let src = tmpdir("failsrc");
    let files = three(&src);
    let bad = src.join("bad.json");
    std::fs::write(&bad, "{\"schema\": 1, \"title\": ").unwrap();
    let o = zc(
        &lib,
        &["add", bad.to_str().unwrap(), files[1].to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("bad.json"), "{}", err(&o));
    assert!(ids(&list_json(&lib)).contains(&"yzf-2022-15".to_string()));
}

#[test]
fn search_across_documents_names_them_and_d_narrows() {
    let lib = tmpdir("search");
    add_three(&lib);
    let o = zc(&lib, &["search", "--json", "财政部"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let docs: std::collections::BTreeSet<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["doc"].as_str().unwrap())
        .collect();
    assert!(
        docs.contains("jbf-2023-7")
            && docs.contains("yzf-2022-15")
            && docs.contains("gxbqy-2021-169"),
        "{docs:?}"
    );
    // d: by 文号 fragment, by title words, by pinyin initials of the title.
    for (q, want) in [
        ("d:乙政发 财政部", "yzf-2022-15"),
        ("d:量子科技 财政部", "jbf-2023-7"),
        ("d:kdyxtz 财政部", "yzf-2022-15"),
    ] {
        let o = zc(&lib, &["search", "--json", q]);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let docs: Vec<&str> = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["doc"].as_str().unwrap())
            .collect();
        assert!(
            !docs.is_empty() && docs.iter().all(|d| *d == want),
            "{q}: {docs:?}"
        );
    }
    // d: alone lists the documents.
    let o = zc(&lib, &["search", "--json", "d:量子"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["results"][0]["doc"], "jbf-2023-7");
    assert_eq!(v["results"][0]["kind"], "document");
    // Text lines start with the document id when there are several.
    let o = zc(&lib, &["search", "量子计算"]);
    assert!(
        out(&o).lines().all(|l| l.starts_with("jbf-2023-7 ")),
        "{}",
        out(&o)
    );
    // --data searches that one document only.
    let src = tmpdir("searchsrc");
    let files = three(&src);
    let o = zc(
        &lib,
        &[
            "--data",
            files[1].to_str().unwrap(),
            "search",
            "--json",
            "量子",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    // Nothing found: exit 1, as grep.
    let o = zc(&lib, &["search", "不存在的词语组合"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn search_api_hits_carry_document_ids_and_open() {
    let lib_dir = tmpdir("api");
    add_three(&lib_dir);
    let lib = Library::open(&lib_dir).unwrap();
    let hits = lib.search("专项债券", 10).unwrap();
    assert!(!hits.is_empty());
    let h = &hits[0];
    assert_eq!(h.id, "yzf-2022-15");
    let d = lib.load(&h.id).unwrap();
    let item = zhengce::search::item_at(&d, &h.hit.path).unwrap();
    assert!(item.text.contains("专项债券"));
    // Pinyin across documents: lzjs = 量子计算.
    let hits = lib.search("lzjs", 10).unwrap();
    assert_eq!(hits.first().map(|h| h.id.as_str()), Some("jbf-2023-7"));
    // a: selects with the engine's rules (pboc = 人民银行).
    let hits = lib.search("a:pboc", 100).unwrap();
    assert!(hits.iter().any(|h| h.id == "jbf-2023-7"));
    assert!(
        hits.iter()
            .all(|h| h.id == "jbf-2023-7" || h.id == "gxbqy-2021-169")
    );
    // Listing entries needs no document to be parsed.
    let e = lib.get("yzf-2022-15").unwrap();
    assert_eq!(
        (e.title.as_str(), e.measure_count()),
        ("关于扩大有效投资的通知", 1)
    );
}

#[test]
fn tasks_across_documents_lead_or_not() {
    let lib = tmpdir("tasks");
    add_three(&lib);
    let o = zc(&lib, &["tasks", "--agency", "财政部", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    let role = |id: &str, ord: u64| -> String {
        rows.iter()
            .find(|r| r["id"] == id && r["ordinal"] == ord)
            .map(|r| r["role"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    // A says the first listed leads: 科技部 leads measure 1, 财政部 co.
    assert_eq!(role("jbf-2023-7", 1), "co");
    assert_eq!(role("jbf-2023-7", 2), "co");
    assert_eq!(role("yzf-2022-15", 1), "responsible");
    let c = rows
        .iter()
        .find(|r| r["document"] == "关于促进海洋经济的实施意见")
        .unwrap();
    assert_eq!(
        (c["role"].as_str(), c["lead"].as_str()),
        (Some("co"), Some("农业农村部"))
    );
    assert!(rows.iter().any(|r| r["id"] == "gxbqy-2021-169"));
    // English abbreviation and pinyin select the same agency.
    let o2 = zc(&lib, &["tasks", "--agency", "mof", "--format", "json"]);
    assert_eq!(serde_json::from_slice::<Value>(&o2.stdout).unwrap(), v);
    let o = zc(&lib, &["tasks", "--agency", "科技部", "--format", "csv"]);
    let csv = out(&o);
    assert!(
        csv.starts_with("id,number,document,date,measure,label,title,agency,role,lead,others\n")
    );
    assert!(csv.contains("jbf-2023-7,甲办发〔2023〕7号,关于支持量子科技企业发展的若干措施,2023-05-01,1,（一）,加强量子计算攻关,科技部,lead,科技部,财政部"), "{csv}");
    let o = zc(&lib, &["tasks", "--agency", "科技部"]);
    let md = out(&o);
    assert!(
        md.contains("## 关于支持量子科技企业发展的若干措施 (甲办发〔2023〕7号)"),
        "{md}"
    );
    assert!(
        md.contains("| 1 | （一）加强量子计算攻关 | lead | 财政部 |"),
        "{md}"
    );
    let o = zc(&lib, &["tasks", "--agency", "不存在的部门"]);
    assert_eq!(o.status.code(), Some(1));
    // The API's agency counts span the library.
    let l = Library::open(&lib).unwrap();
    let mof = l
        .agency_loads()
        .into_iter()
        .find(|a| a.name == "财政部")
        .unwrap();
    assert!(mof.documents >= 4 && mof.measures >= 5, "{mof:?}");
    assert!(l.tasks("科技部").iter().any(|t| t.role == Role::Lead));
}

#[test]
fn cross_references_by_number_and_title() {
    let lib = tmpdir("refs");
    add_three(&lib);
    let v = list_json(&lib);
    let a = v.iter().find(|e| e["id"] == "jbf-2023-7").unwrap();
    let refs: Vec<(&str, &str)> = a["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert_eq!(refs[0], ("yzf-2022-15", "number"));
    assert!(refs[1].0.starts_with("gycjhyjj") && refs[1].1 == "title");
    let b = v.iter().find(|e| e["id"] == "yzf-2022-15").unwrap();
    assert_eq!(b["cited_by"], json!(["jbf-2023-7"]));
    // Where: the preamble (document text), char range of the mention.
    let r = &a["references"][0];
    let l = Library::open(&lib).unwrap();
    let d = l.load("jbf-2023-7").unwrap();
    let text: Vec<char> = zhengce::search::document_text(&d).chars().collect();
    let s: String = text
        [r["start"].as_u64().unwrap() as usize..r["end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(s, "乙政发〔2022〕15号");
    let o = zc(&lib, &["refs", "jbf-2023-7"]);
    assert_eq!(out(&o).lines().count(), 2);
}

#[test]
fn a_corrupt_entry_is_reported_by_name_and_skipped() {
    let lib = tmpdir("corrupt");
    add_three(&lib);
    std::fs::write(
        lib.join("docs/broken-1.json"),
        "{\"schema\": 1, \"title\": \"x\", \"items\": [",
    )
    .unwrap();
    std::fs::write(lib.join("docs/yzf-2022-15.json"), [0xff, 0xfe, 0x00]).unwrap();
    let o = zc(&lib, &["list"]);
    assert_eq!(o.status.code(), Some(0));
    let e = err(&o);
    assert!(
        e.contains("broken-1.json") && e.contains("yzf-2022-15.json"),
        "{e}"
    );
    assert_eq!(out(&o).lines().count(), 3, "{}", out(&o));
    let o = zc(&lib, &["search", "量子计算"]);
    assert_eq!(o.status.code(), Some(0));
    // A corrupt index is rebuilt, never trusted.
    for f in ["catalog.bin", "details.bin", "search.bin"] {
        std::fs::write(lib.join("index").join(f), b"garbage").unwrap();
    }
    let o = zc(&lib, &["search", "--json", "专项债券 d:kdyxtz"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the corrupt document stays skipped"
    );
    let o = zc(&lib, &["search", "--json", "量子计算"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn a_damaged_search_index_is_rebuilt_never_trusted() {
    let lib = tmpdir("damaged");
    add_three(&lib);
    let want = out(&zc(&lib, &["search", "--json", "融资 d:gxbqy"]));
    let want_all = out(&zc(&lib, &["search", "--json", "融资"]));
    let files = |prefix: &str| -> Vec<PathBuf> {
        std::fs::read_dir(lib.join("index"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
            .collect()
    };
    // Each mapped file in turn: cut short, overwritten in the middle, emptied.
    // (Signatures only let documents through: damaged, they are ignored or
    // let more through.)
    for name in ["records-", "orig-", "folded-", "pool-", "signatures-"] {
        for damage in 0..3 {
            let f = files(name);
            assert_eq!(f.len(), 1, "{name}: {f:?}");
            let mut b = std::fs::read(&f[0]).unwrap();
            match damage {
                0 => b.truncate(b.len() / 2 + 1),
                1 => {
                    let (m, n) = (b.len() / 2, b.len());
                    b[m..(m + 64).min(n)].fill(0xff);
                }
                _ => b.clear(),
            }
            std::fs::write(&f[0], &b).unwrap();
            if name == "folded-" && damage == 1 {
                // Found damaged as it is read (folded texts are checked then):
                // searched again on the index put together anew.
                let o = zc(&lib, &["search", "--json", "融资"]);
                assert_eq!(out(&o), want_all, "{name} {damage}");
                assert!(files(name)[0] != f[0], "a new generation was written");
                continue;
            }
            let o = zc(&lib, &["search", "--json", "融资 d:gxbqy"]);
            // No panic, the same answer (a damaged text may at worst drop
            // snippets of that part until the next rebuild).
            assert!(o.status.success(), "{name} {damage}: {}", err(&o));
            let v: Value = serde_json::from_str(&out(&o)).unwrap();
            let w: Value = serde_json::from_str(&want).unwrap();
            assert_eq!(
                v["results"].as_array().unwrap().len(),
                w["results"].as_array().unwrap().len(),
                "{name} {damage}"
            );
            // Mended for the next run.
            let o = zc(&lib, &["search", "--json", "融资 d:gxbqy"]);
            assert_eq!(out(&o), want, "{name} {damage}: rebuilt");
        }
    }
}

fn mtime(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn the_index_is_rebuilt_only_when_a_document_changes() {
    let lib = tmpdir("index");
    add_three(&lib);
    let cat = lib.join("index/catalog.bin");
    let before = mtime(&cat);
    std::thread::sleep(std::time::Duration::from_millis(20));
    zc(&lib, &["list"]);
    zc(&lib, &["search", "财政部"]);
    assert_eq!(
        mtime(&cat),
        before,
        "nothing changed: the index is not rewritten"
    );
    // Touching a file (same content) updates file facts only; editing it re-indexes it.
    let p = lib.join("docs/yzf-2022-15.json");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("专项债券发行", "专项债券审核")).unwrap();
    let o = zc(&lib, &["search", "--json", "专项债券审核"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_ne!(mtime(&cat), before);
    // Opened to search (the stored index read meanwhile), after another
    // edit: the index read ahead is the old one, and is not used.
    std::fs::write(&p, text.replace("专项债券发行", "专项债券监管")).unwrap();
    let ahead = Library::open_to_search(&lib).unwrap();
    let saved = mtime(&lib.join("index/search.bin"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let ids = |l: &Library, q: &str| -> Vec<String> {
        l.search(q, 10).unwrap().into_iter().map(|h| h.id).collect()
    };
    assert_eq!(ids(&ahead, "专项债券监管"), ["yzf-2022-15"]);
    assert!(ids(&ahead, "专项债券审核").is_empty());
    // Had the old index been used, it would have been put together again
    // and written once more.
    assert_eq!(mtime(&lib.join("index/search.bin")), saved);
    // Up to date: read ahead and used, the same as opened plainly.
    let plain = Library::open(&lib).unwrap();
    let ahead = Library::open_to_search(&lib).unwrap();
    for q in ["财政部", "专项债券监管", "zxzq", "量子"] {
        assert_eq!(ids(&ahead, q), ids(&plain, q), "{q}");
    }
}

#[test]
fn two_adds_at_once_both_land() {
    let lib = tmpdir("concurrent");
    let src = tmpdir("concsrc");
    let files = three(&src);
    let spawn = |f: &Path| {
        Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .arg("--library")
            .arg(&lib)
            .arg("add")
            .arg(f)
            .output()
    };
    std::thread::scope(|s| {
        let hs: Vec<_> = files.iter().map(|f| s.spawn(move || spawn(f))).collect();
        for h in hs {
            let o = h.join().unwrap().unwrap();
            assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        }
    });
    assert_eq!(list_json(&lib).len(), 4);
    // And the index agrees with the documents.
    let l = Library::open(&lib).unwrap();
    assert_eq!(l.entries().len(), 4);
    assert!(
        l.search("专项债券", 5)
            .unwrap()
            .iter()
            .any(|h| h.id == "yzf-2022-15")
    );
}

#[test]
fn an_add_killed_before_its_rename_leaves_the_library_as_before() {
    let lib = tmpdir("failpoint");
    add_three(&lib);
    let before = list_json(&lib);
    let src = tmpdir("fpsrc");
    let extra = write(
        &src,
        "d.json",
        &doc(
            "关于新增文件的通知",
            "丙发〔2024〕1号",
            "2024-01-01",
            "",
            &[("一项措施", "内容。", &["商务部"])],
        ),
    );
    let o = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .arg("--library")
        .arg(&lib)
        .arg("add")
        .arg(&extra)
        .env("ZHENGCE_FAILPOINT", "before-rename")
        .output()
        .unwrap();
    assert!(!o.status.success(), "the failpoint aborts the process");
    assert_eq!(list_json(&lib), before);
    // The same add, not killed, lands; its leftover temporary is not a document.
    let o = zc(&lib, &["add", extra.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(list_json(&lib).len(), before.len() + 1);
}

#[test]
fn an_add_killed_at_any_moment_leaves_a_library_that_opens() {
    let lib = tmpdir("kill");
    let src = tmpdir("killsrc");
    // Forty documents, so the add takes long enough to be killed midway.
    let mut files = Vec::new();
    for i in 0..40 {
        let body = "支持中小企业发展，加大财政资金支持力度。".repeat(200);
        files.push(write(
            &src,
            &format!("k{i}.json"),
            &doc(
                &format!("关于第{i}批试点的通知"),
                &format!("丁发〔2020〕{}号", i + 1),
                "2020-01-01",
                "",
                &[("试点措施", &body, &["财政部"])],
            ),
        ));
    }
    let mut seen = Vec::new();
    for delay_ms in [5u64, 15, 30, 60, 120] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .arg("--library")
            .arg(&lib)
            .arg("add")
            .args(&files)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Reopen: every listed document loads, and search works.
        let l = Library::open(&lib).unwrap();
        assert!(l.broken().is_empty(), "{:?}", l.broken());
        for e in l.entries() {
            l.load(&e.id).unwrap();
        }
        assert!(l.search("试点措施", usize::MAX).is_ok());
        seen.push(l.entries().len());
    }
    // Counts only grow (as before or as after, per document), and a final add completes it.
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut args = vec!["add"];
    args.extend(names.iter().map(String::as_str));
    let o = zc(&lib, &args);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(Library::open(&lib).unwrap().entries().len(), 41);
    assert_eq!(list_json(&lib).len(), 41);
}

#[test]
fn library_search_is_the_engine_over_all_documents() {
    let lib_dir = tmpdir("same");
    add_three(&lib_dir);
    // Opened afresh: the index is mapped from the files `add` wrote.
    let lib = Library::open(&lib_dir).unwrap();
    // The same documents indexed now, in memory, in library order.
    let segments = lib
        .entries()
        .iter()
        .map(|e| Segment::of(&lib.load(&e.id).unwrap()))
        .collect();
    let fresh = zhengce::search::Index::from_segments(segments);
    type Key = (String, Vec<usize>, Option<usize>, String, i64, String);
    let key = |id: &str, h: &zhengce::search::Hit, ix: &zhengce::search::Index| -> Key {
        (
            id.to_string(),
            h.path.clone(),
            h.ordinal,
            h.tier.as_str().into(),
            h.score,
            format!(
                "{:?} {:?} {}",
                h.text_matches,
                ix.heading(h),
                ix.snippet(h, 60).text
            ),
        )
    };
    for q in [
        "财政部",
        "融资",
        "知识产权 质押",
        "专项债券",
        "加强",
        "企业 !融资",
        "a:财政部 支持",
        "#2",
        "#2 融资",
        "a:mof #1",
        "zscq",
        "lzjs",
        "zxqy 融资",
        "rmyh",
        "caizhengbu",
        "\"知识产权\" zy",
        "第二条",
        "融资担保",
        "值押",
        "量子计算",
    ] {
        let want: Vec<Key> = fresh
            .search(q, usize::MAX)
            .unwrap()
            .iter()
            .map(|h| key(&lib.entries()[h.doc].id, h, &fresh))
            .collect();
        let got: Vec<Key> = lib
            .search_with(q, usize::MAX, |f| key(&f.entry.id, f.hit, f.index))
            .unwrap();
        assert_eq!(got, want, "{q}");
        // Every hit opens: its path is an item of the document as loaded.
        for (id, path, ..) in &got {
            let d = lib.load(id).unwrap();
            assert!(
                path.is_empty() || zhengce::search::item_at(&d, path).is_some(),
                "{q} {id} {path:?}"
            );
        }
    }
    // A query every document answers alike: each document's own hits.
    for q in ["财政部", "融资", "a:mof #1"] {
        let mut want = Vec::new();
        for e in lib.entries() {
            let d = lib.load(&e.id).unwrap();
            for h in zhengce::search::Index::new(&d)
                .search(q, usize::MAX)
                .unwrap()
            {
                want.push((e.id.clone(), h.path, h.tier));
            }
        }
        let mut got: Vec<_> = lib
            .search(q, usize::MAX)
            .unwrap()
            .into_iter()
            .map(|h| (h.id, h.hit.path, h.hit.tier))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{q}");
    }
}

#[test]
fn attachments_are_searched_across_the_library() {
    let lib = tmpdir("attach");
    let src = tmpdir("attachsrc");
    let mut v = doc(
        "关于附件检索的通知",
        "测办〔2024〕3号",
        "2024-03-01",
        "",
        &[("统筹推进", "做好工作。", &["财政部"])],
    );
    v["schema"] = json!(2);
    v["attachments"] = json!([{
        "label": "附件1", "title": "重点任务分工表",
        "text": "序号 | 任务 | 牵头单位",
        "items": [{"number": 1, "label": "1.", "title": "建设量子通信网络", "text": "建设量子通信网络。（科技部负责）", "agencies": ["科技部"]}],
    }]);
    let f = write(&src, "a.json", &v);
    let o = zc(&lib, &["add", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    let l = Library::open(&lib).unwrap();
    let hits = l
        .search_with("量子通信", 10, |f| {
            (f.entry.id.clone(), f.index.heading(f.hit).1.to_string())
        })
        .unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].1, "建设量子通信网络");
    let hits = l
        .search_with("分工表", 10, |f| f.index.heading(f.hit).0.to_string())
        .unwrap();
    assert_eq!(
        hits.iter().map(String::as_str).collect::<Vec<_>>(),
        ["附件1"]
    );
    // And from the command line, with the document's id.
    let o = zc(&lib, &["search", "量子通信"]);
    assert!(out(&o).contains("建设量子通信网络"), "{}", out(&o));
}

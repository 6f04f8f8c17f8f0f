//! The agency directory: coverage, variants, consistency, facts.

use std::collections::HashMap;

use zhengce::doc::Document;
use zhengce::doc::Item;
use zhengce::doc::agencies::{Directory, KINDS};

/// Every agency of the seed document (国务院促进中小企业发展工作领导小组
/// 2021 measures).
const SEED: [&str; 22] = [
    "财政部",
    "工业和信息化部",
    "有关部门",
    "各地方",
    "税务总局",
    "人民银行",
    "银保监会",
    "知识产权局",
    "开发银行",
    "证监会",
    "发展改革委",
    "科技部",
    "商务部",
    "贸促会",
    "全国工商联",
    "市场监管总局",
    "教育部",
    "国资委",
    "海关总署",
    "生态环境部",
    "人力资源社会保障部",
    "国务院促进中小企业发展工作领导小组各成员单位",
];

/// Frequent names of other State Council documents.
const OTHERS: &[&str] = &[
    "农业农村部",
    "住房城乡建设部",
    "自然资源部",
    "交通运输部",
    "水利部",
    "文化和旅游部",
    "国家卫生健康委",
    "卫生健康委",
    "应急管理部",
    "退役军人事务部",
    "民政部",
    "司法部",
    "公安部",
    "外交部",
    "国家医保局",
    "医保局",
    "统计局",
    "国家统计局",
    "金融监管总局",
    "国家金融监督管理总局",
    "外汇局",
    "国家能源局",
    "能源局",
    "国家林草局",
    "国家知识产权局",
    "中国银行保险监督管理委员会",
    "全国妇联",
    "共青团中央",
    "中国科协",
    "审计署",
    "国家网信办",
    "网信办",
    "中国残联",
    "国家乡村振兴局",
    "国家邮政局",
    "国家铁路局",
    "民航局",
    "国家移民局",
    "药监局",
    "体育总局",
    "广电总局",
    "国管局",
    "国家民委",
    "国家数据局",
];

fn name_of(s: &str) -> Option<&'static str> {
    Directory::embedded().lookup(s).map(|a| a.name.as_str())
}

#[test]
fn every_seed_name_resolves_to_itself() {
    for n in SEED {
        assert_eq!(name_of(n), Some(n), "{n}");
    }
}

#[test]
fn frequent_names_resolve() {
    for n in OTHERS {
        assert!(name_of(n).is_some(), "{n}");
    }
}

#[test]
fn variants_resolve_to_one_entry() {
    for (variant, name) in [
        ("工信部", "工业和信息化部"),
        ("MIIT", "工业和信息化部"),
        ("中华人民共和国工业和信息化部", "工业和信息化部"),
        ("国家发展改革委", "发展改革委"),
        ("国家发展和改革委员会", "发展改革委"),
        ("发改委", "发展改革委"),
        ("NDRC", "发展改革委"),
        ("央行", "人民银行"),
        ("人行", "人民银行"),
        ("人民银行总行", "人民银行"),
        ("中国人民银行", "人民银行"),
        ("PBOC", "人民银行"),
        ("pboc", "人民银行"),
        (" PboC\u{3000}", "人民银行"),
        ("国家金融监督管理总局", "金融监管总局"),
        ("NFRA", "金融监管总局"),
        ("国家知识产权局", "知识产权局"),
        ("CNIPA", "知识产权局"),
        ("中国银行保险监督管理委员会", "银保监会"),
        ("中国银保监会", "银保监会"),
        ("国家开发银行", "开发银行"),
        ("cdb", "开发银行"),
        ("国家税务总局", "税务总局"),
        ("国家市场监督管理总局", "市场监管总局"),
        ("国务院国资委", "国资委"),
        ("中国证监会", "证监会"),
        ("中国国际贸易促进委员会", "贸促会"),
        ("中华全国工商业联合会", "全国工商联"),
        ("人社部", "人力资源社会保障部"),
        ("人力资源和社会保障部", "人力资源社会保障部"),
        ("国家卫生健康委", "卫生健康委"),
        ("住房和城乡建设部", "住房城乡建设部"),
        ("国家医保局", "医保局"),
        ("国家能源局", "能源局"),
        ("国家林草局", "林草局"),
        ("国家网信办", "网信办"),
        ("国家乡村振兴局", "乡村振兴局"),
        // Prefix stripping for forms not listed as variants.
        ("国家商务部", "商务部"),
        ("中华人民共和国海关总署", "海关总署"),
        ("国务院有关部门", "有关部门"),
    ] {
        assert_eq!(name_of(variant), Some(name), "{variant}");
    }
}

#[test]
fn unknown_names_do_not_resolve() {
    for s in ["", " ", "国家", "中国", "国务院", "火星部", "xyz"] {
        assert_eq!(name_of(s), None, "{s:?}");
    }
}

#[test]
fn no_spelling_is_ambiguous() {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for a in Directory::embedded().all() {
        for s in a.spellings() {
            let k = s.trim().to_ascii_lowercase();
            if let Some(other) = seen.insert(k, &a.name) {
                assert_eq!(other, a.name, "{s} names both {other} and {}", a.name);
            }
        }
    }
}

#[test]
fn every_entry_is_complete() {
    let all = Directory::embedded().all();
    assert!(all.len() >= SEED.len() + 30, "{}", all.len());
    for a in all {
        for (field, v) in [
            ("name", &a.name),
            ("full_name", &a.full_name),
            ("english_name", &a.english_name),
        ] {
            assert!(!v.trim().is_empty(), "{}: empty {field}", a.name);
            assert_eq!(v.trim(), v, "{}: {field} not trimmed", a.name);
        }
        assert!(KINDS.contains(&a.kind.as_str()), "{}: {}", a.name, a.kind);
        if a.is_collective() {
            assert!(a.abbreviation.is_empty(), "{}", a.name);
            assert!(a.english_abbreviation.is_empty(), "{}", a.name);
        } else {
            assert!(!a.abbreviation.is_empty(), "{}: no abbreviation", a.name);
        }
        let ea = &a.english_abbreviation;
        assert!(
            ea.chars().all(|c| c.is_ascii_uppercase()),
            "{}: {ea}",
            a.name
        );
        assert!(a.english_name.is_ascii(), "{}", a.name);
        assert!(!a.variants.contains(&a.name), "{}: name repeated", a.name);
    }
}

#[test]
fn known_facts() {
    let d = Directory::embedded();
    let get = |n: &str| d.lookup(n).unwrap_or_else(|| panic!("{n}"));
    for (n, english, eabbr, kind) in [
        (
            "工业和信息化部",
            "Ministry of Industry and Information Technology",
            "MIIT",
            "ministry",
        ),
        (
            "发展改革委",
            "National Development and Reform Commission",
            "NDRC",
            "commission",
        ),
        ("人民银行", "People's Bank of China", "PBOC", "bank"),
        (
            "银保监会",
            "China Banking and Insurance Regulatory Commission",
            "CBIRC",
            "commission",
        ),
        (
            "证监会",
            "China Securities Regulatory Commission",
            "CSRC",
            "commission",
        ),
        (
            "国资委",
            "State-owned Assets Supervision and Administration Commission of the State Council",
            "SASAC",
            "commission",
        ),
        (
            "市场监管总局",
            "State Administration for Market Regulation",
            "SAMR",
            "administration",
        ),
        (
            "知识产权局",
            "China National Intellectual Property Administration",
            "CNIPA",
            "administration",
        ),
        (
            "税务总局",
            "State Taxation Administration",
            "STA",
            "administration",
        ),
        (
            "海关总署",
            "General Administration of Customs",
            "GACC",
            "administration",
        ),
        (
            "贸促会",
            "China Council for the Promotion of International Trade",
            "CCPIT",
            "people's organisation",
        ),
        (
            "全国工商联",
            "All-China Federation of Industry and Commerce",
            "ACFIC",
            "people's organisation",
        ),
        ("开发银行", "China Development Bank", "CDB", "bank"),
        (
            "生态环境部",
            "Ministry of Ecology and Environment",
            "MEE",
            "ministry",
        ),
        (
            "人力资源社会保障部",
            "Ministry of Human Resources and Social Security",
            "MOHRSS",
            "ministry",
        ),
        ("教育部", "Ministry of Education", "MOE", "ministry"),
        (
            "科技部",
            "Ministry of Science and Technology",
            "MOST",
            "ministry",
        ),
        ("财政部", "Ministry of Finance", "MOF", "ministry"),
        ("商务部", "Ministry of Commerce", "MOFCOM", "ministry"),
    ] {
        let a = get(n);
        assert_eq!(a.english_name, english, "{n}");
        assert_eq!(a.english_abbreviation, eabbr, "{n}");
        assert_eq!(a.kind, kind, "{n}");
    }
    assert_eq!(
        get("工业和信息化部").full_name,
        "中华人民共和国工业和信息化部"
    );
    assert_eq!(get("人民银行").full_name, "中国人民银行");
    assert_eq!(get("税务总局").full_name, "国家税务总局");
    assert_eq!(get("工业和信息化部").abbreviation, "工信部");
    assert_eq!(get("发展改革委").abbreviation, "发改委");
    assert_eq!(get("人力资源社会保障部").abbreviation, "人社部");
    for n in [
        "各地方",
        "有关部门",
        "国务院促进中小企业发展工作领导小组各成员单位",
    ] {
        assert_eq!(get(n).kind, "collective", "{n}");
    }
    assert_eq!(get("各地方").english_name, "local governments");
    assert_eq!(get("有关部门").english_name, "relevant departments");

    let cbirc = &get("银保监会").note;
    assert!(cbirc.contains("国家金融监督管理总局"), "{cbirc}");
    assert!(cbirc.contains("NFRA") && cbirc.contains("2023"), "{cbirc}");
    let nrra = &get("乡村振兴局").note;
    assert!(
        nrra.contains("农业农村部") && nrra.contains("2023"),
        "{nrra}"
    );
    let cnipa = &get("知识产权局").note;
    assert!(cnipa.contains("2018") && cnipa.contains("2023"), "{cnipa}");
}

#[test]
fn garbage_is_an_error() {
    for s in [
        "",
        "garbage",
        "{",
        "[]",
        "{\"agencies\": {}}",
        "{\"agencies\": [1]}",
        "{\"agencies\": [{\"name\": \"x\"}]}",
        "\u{0}\u{1}\u{fffd}",
    ] {
        assert!(Directory::from_json(s).is_err(), "{s:?}");
    }
    let empty = Directory::from_json("{\"agencies\": []}").unwrap();
    assert!(empty.all().is_empty());
    assert!(empty.lookup("财政部").is_none());
}

#[test]
fn embedded_json_round_trips() {
    let d = Directory::embedded();
    let again = Directory::from_json(zhengce::doc::agencies::EMBEDDED_JSON).unwrap();
    assert_eq!(d.all(), again.all());
}

fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a str>) {
    for it in items {
        out.extend(it.agencies.iter().map(String::as_str));
        walk(&it.children, out);
    }
}

#[test]
fn every_agency_of_the_embedded_document_resolves() {
    let doc = Document::embedded();
    let mut names = Vec::new();
    walk(&doc.items, &mut names);
    let missing: Vec<&str> = names
        .into_iter()
        .filter(|n| Directory::embedded().lookup(n).is_none())
        .collect();
    assert!(missing.is_empty(), "unknown agencies: {missing:?}");
}

#[test]
fn successors_follow_reorganisations() {
    let d = Directory::embedded();
    let chain = |n: &str| -> Vec<String> {
        d.successors(d.lookup(n).unwrap())
            .map(|a| a.name.clone())
            .collect()
    };
    assert_eq!(chain("银保监会"), ["金融监管总局"]);
    assert_eq!(chain("银监会"), ["银保监会", "金融监管总局"]);
    assert_eq!(chain("扶贫办"), ["乡村振兴局", "农业农村部"]);
    assert!(chain("工业和信息化部").is_empty());
    let nfra = d.lookup("NFRA").unwrap();
    assert!(d.now_part_of(d.lookup("保监会").unwrap(), nfra));
    assert!(!d.now_part_of(d.lookup("人民银行").unwrap(), nfra));
    // Every successor resolves, and no chain loops.
    for a in d.all() {
        assert!(d.successors(a).count() < 5, "{}", a.name);
    }
}

#[test]
fn unknown_or_cyclic_successors_are_errors() {
    let entry = |name: &str, succ: &str| {
        format!(
            r#"{{"name": "{name}", "full_name": "{name}全称", "english_name": "{name} E", "kind": "ministry", "successor": "{succ}"}}"#
        )
    };
    let one = format!(r#"{{"agencies": [{}]}}"#, entry("甲部", "乙部"));
    assert!(
        Directory::from_json(&one)
            .unwrap_err()
            .contains("unknown successor")
    );
    let two = format!(
        r#"{{"agencies": [{}, {}]}}"#,
        entry("甲部", "乙部"),
        entry("乙部", "甲部")
    );
    assert!(Directory::from_json(&two).unwrap_err().contains("cycle"));
}

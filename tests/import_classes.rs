//! Small self-made documents, one per weakness class of issue 8: wrapped
//! titles, signatures at the end, attachments, clause forms, hard-wrap
//! rejoining, decimal numbering with a table of contents, 国务院令 headers,
//! 印发 notices, one paragraph per line, task tables, and every input format.

use std::io::Write;

use zhengce::doc::import::{Format, detect, import_bytes, import_named, import_str};
use zhengce::doc::{Document, Item};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> Document {
    import_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn labels(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

/// Hard-wraps each line at `n` CJK characters, like a PDF copy.
fn hard_wrap(text: &str, n: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for chunk in chars.chunks(n) {
            out.extend(chunk);
            out.push('\n');
        }
    }
    out
}

#[test]
fn clause_forms_and_lead_agencies() {
    let d = import("clauses.txt");
    // A title wrapped over two lines, signed at the end, 此件公开发布 after it.
    assert_eq!(
        d.title,
        "国务院办公厅关于推广第二批支持创新相关改革举措的通知"
    );
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院办公厅", "2018-12-23")
    );
    let ms = &d.items[0].children;
    // 负责部门：…；适用范围：…
    assert_eq!(ms[0].agencies, ["银保监会", "知识产权局"]);
    assert_eq!(
        ms[0].clauses[0].text,
        "负责部门：银保监会、知识产权局；适用范围：全国"
    );
    assert_eq!(ms[0].lead, "");
    // 列第一位者为牵头单位，下同: this clause and every later one.
    assert_eq!(ms[1].agencies, ["科技部", "人力资源社会保障部"]);
    assert_eq!(ms[1].lead, "科技部");
    assert_eq!(ms[2].lead, "人力资源社会保障部");
    // 等和: both sides are agencies.
    assert_eq!(ms[3].agencies, ["全国总工会", "各有关省级人民政府"]);
    // Several clauses in one item: the union, in order; 和 joins two names
    // but never splits 文化和旅游部 or 工业和信息化部.
    assert_eq!(ms[4].clauses.len(), 2);
    assert_eq!(
        ms[4].agencies,
        ["财政部", "税务总局", "文化和旅游部", "工业和信息化部"]
    );
    assert_eq!(ms[4].lead, "财政部");
    // "A指导，B负责落实": both names, without their roles.
    assert_eq!(ms[5].agencies, ["发展改革委", "各地方"]);
    // A section without clauses has none, and no invented agency.
    assert!(d.items[1].agencies.is_empty());
    assert!(!d.to_json(true).contains("此件公开发布"));
}

#[test]
fn lead_variant_applies_to_later_clauses() {
    let d = import("lead-variant.txt");
    let ms = &d.items[0].children;
    let leads: Vec<&str> = ms.iter().map(|m| m.lead.as_str()).collect();
    assert_eq!(leads, ["商务部", "海关总署", "市场监管总局"]);
}

#[test]
fn hard_wrapped_clauses_and_titles_rejoin() {
    let text = String::from_utf8(fixture("clauses.txt")).unwrap();
    for n in [18, 23, 31] {
        let d = import_str(&hard_wrap(&text, n)).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert_eq!(
            d.title, "国务院办公厅关于推广第二批支持创新相关改革举措的通知",
            "{n}"
        );
        let ms = &d.items[0].children;
        assert_eq!(ms.len(), 6, "{n}");
        assert_eq!(ms[0].agencies, ["银保监会", "知识产权局"], "{n}");
        assert_eq!(ms[0].title, "科技金融创新方面", "{n}");
        assert_eq!(ms[4].agencies.len(), 4, "{n}");
        assert_eq!(d.issuer, "国务院办公厅", "{n}");
    }
}

#[test]
fn decimal_numbering_with_a_table_of_contents() {
    let d = import("decimal-toc.txt");
    assert_eq!(d.title, "某市突发环境事件应急预案");
    assert_eq!(labels(&d.items), ["1", "2"]);
    assert_eq!(labels(&d.items[0].children), ["1.1", "1.2"]);
    let org = &d.items[1].children[0];
    assert_eq!(
        (org.label.as_str(), org.title.as_str()),
        ("2.1", "领导机构")
    );
    assert_eq!(labels(&org.children), ["2.1.1", "2.1.2"]);
    assert_eq!(org.children[1].number, 2);
    // The contents are not items and not text.
    assert!(!d.preamble.contains("……"));
}

#[test]
fn state_council_order_header() {
    let d = import("order.txt");
    assert_eq!(d.number, "国务院令第706号");
    assert_eq!(d.issuer, "国务院");
    assert_eq!(d.date, "2018-03-02");
    assert_eq!(d.title, "快递暂行条例");
    // The signer is kept with the order's text, not lost.
    assert!(d.letter.ends_with("总理李克强"), "{}", d.letter);
    assert_eq!(labels(&d.items), ["第一章", "第二章"]);
    assert_eq!(labels(&d.items[0].children), ["第一条", "第二条"]);
}

#[test]
fn one_paragraph_per_line_keeps_short_paragraphs_apart() {
    let d = import("principles.txt");
    let principles = &d.items[0].children[1];
    assert_eq!(principles.title, "基本原则");
    assert_eq!(
        principles.text,
        "基本原则。\n坚持市场主导。\n坚持创新驱动。\n坚持开放合作。\n坚持安全发展。"
    );
    assert_eq!(d.items[1].children[0].agencies, ["科技部"]);
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院", "2020-01-05")
    );
}

#[test]
fn signature_after_a_numbered_list_and_an_attachment_list() {
    let d = import("signed-after-list.txt");
    assert_eq!(
        d.title,
        "国务院办公厅关于进一步做好某项工作有关事项的补充通知"
    );
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院办公厅", "2019-04-02")
    );
    assert_eq!(labels(&d.items), ["一、", "二、"]);
    // "1." and "2." under 二、 are items; the 附件 list's "2." is not.
    assert_eq!(labels(&d.items[1].children), ["1.", "2."]);
    assert!(!d.items[1].children[1].text.contains("附件"));
    assert!(d.closing.contains("附件：1.某项工作统计表"));
    let atts: Vec<(&str, &str)> = d
        .attachments
        .iter()
        .map(|a| (a.label.as_str(), a.title.as_str()))
        .collect();
    assert_eq!(
        atts,
        [
            ("附件1", "某项工作统计表"),
            ("附件2", "某项工作重点任务分工表")
        ]
    );
    assert_eq!(labels(&d.attachments[0].items), ["一、", "二、"]);
}

/// The issuing notice and the document it issues are kept apart.
#[test]
fn html_page_with_a_notice_and_a_task_table() {
    let d = import("task-table.html");
    assert_eq!(d.title, "国务院关于印发某行动方案的通知");
    assert_eq!(d.number, "国发〔2021〕9号");
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院", "2021-05-06")
    );
    assert_eq!(d.letter, "现将《某行动方案》印发给你们，请认真贯彻执行。");
    assert_eq!(d.issued.as_ref().unwrap().title, "某行动方案");
    assert_eq!(d.preamble, "为推进改革，制定本方案。");
    // <br> joins nothing: the clause after it is still the item's.
    let m1 = &d.items[0].children[0];
    assert_eq!(m1.agencies, ["国务院办公厅"]);
    assert!(m1.text.contains("提升政务服务水平。\n推行一网通办。"));
    // Page chrome, scripts and styles are not text.
    let json = d.to_json(true);
    for noise in ["打印本页", "扫一扫", "不是正文", "margin", "索引号", "首页"] {
        assert!(!json.contains(noise), "{noise}");
    }
    // The task table: rows are items, agencies from the 负责单位 column.
    let a = &d.attachments[0];
    assert_eq!(a.title, "重点任务分工表");
    assert_eq!(labels(&a.items), ["1", "2", "3", "4"]);
    assert_eq!(a.items[0].agencies, ["国务院办公厅", "各省级人民政府"]);
    assert_eq!(a.items[1].title, "完善监管规则");
    assert_eq!(a.items[1].agencies, ["市场监管总局", "各有关部门"]);
    // A cell holding only a label stays an item; the note is not one.
    assert_eq!(a.items[2].title, "（一）");
    assert!(a.items[2].agencies.is_empty());
    assert_eq!(a.items[3].agencies, ["发展改革委", "各地方"]);
    // "注：1. 列第一位者为牵头单位" makes every row's first agency its lead.
    assert_eq!(a.items[0].lead, "国务院办公厅");
    assert_eq!(a.items[3].lead, "发展改革委");
    // The notes are kept as the attachment's text.
    assert!(
        a.text.contains("注：1. 列第一位者为牵头单位。"),
        "{}",
        a.text
    );
}

/// A line cut inside a clause, after "负责部门：", does not start a paragraph.
#[test]
fn a_clause_cut_after_its_colon_stays_one_paragraph() {
    let text = "关于推广改革举措的通知\n一、推广的改革举措\n（一）科技金融创新方面。推广知识产权质押融资风险补偿基金等。（负责部门：\n银保监会、知识产权局；适用范围：全国）\n（二）管理体制创新方面。要求如下：\n完善分配机制。（科技部负责）\n";
    let d = import_str(text).unwrap();
    let ms = &d.items[0].children;
    assert_eq!(ms[0].agencies, ["银保监会", "知识产权局"]);
    assert!(!ms[0].text.contains('\n'), "{}", ms[0].text);
    assert_eq!(ms[1].text.split('\n').count(), 2);
    assert_eq!(ms[1].agencies, ["科技部"]);
}

#[test]
fn markdown_regulation_and_standard() {
    let d = import("regulation.md");
    assert_eq!(d.title, "某某管理条例");
    assert_eq!(d.number, "国务院令第720号");
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院", "2020-02-01")
    );
    assert_eq!(labels(&d.items), ["第一章", "第二章"]);
    assert!(!d.to_json(true).contains("INFO END"));

    let d = import("standard.md");
    assert_eq!(d.title, "某某技术标准");
    let tops: Vec<&str> = d.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(tops, ["范围", "术语定义", "技术要求"]);
    assert_eq!(d.items[1].children[0].title, "设备");
    let req = &d.items[2].children[0];
    assert_eq!((req.label.as_str(), req.number), ("5.1", 1));
    assert_eq!(labels(&req.children), ["5.1.1", "5.1.2"]);
}

/// A minimal .docx: document.xml with paragraphs, a run split in two, an
/// entity, and a task table.
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<w:tc>{}</w:tc>", p(c)))
        .collect();
    format!("<w:tr>{cells}</w:tr>")
}

#[test]
fn docx_paragraphs_and_tables() {
    let body = [
        p("关于推进某项工作的意见"),
        p("各有关单位："),
        "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space=\"preserve\">总体要求</w:t></w:r></w:p>".into(),
        p("（一）加强协调。R&amp;D 投入增加。（科技部、财政部负责）"),
        p("二、任务分工"),
        format!(
            "<w:tbl>{}{}</w:tbl>",
            row(&["序号", "任务", "牵头单位"]),
            row(&["1", "建立机制", "发展改革委"])
        ),
        p("某某办公室"),
        p("2022年3月4日"),
    ]
    .concat();
    let bytes = docx(&body);
    assert_eq!(detect(&bytes).unwrap(), Format::Docx);
    let d = import_bytes(&bytes).unwrap();
    assert_eq!(d.title, "关于推进某项工作的意见");
    assert_eq!(labels(&d.items), ["一、", "二、"]);
    assert_eq!(d.items[0].title, "总体要求");
    let m = &d.items[0].children[0];
    assert!(m.text.contains("R&D 投入"), "{}", m.text);
    assert_eq!(m.agencies, ["科技部", "财政部"]);
    let task = &d.items[1].children[0];
    assert_eq!(
        (task.title.as_str(), task.agencies[0].as_str()),
        ("建立机制", "发展改革委")
    );
    // A 牵头单位 column names the lead.
    assert_eq!(task.lead, "发展改革委");
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("某某办公室", "2022-03-04")
    );
}

#[test]
fn unsupported_input_names_the_file_and_the_format() {
    let cases: &[(&[u8], &str)] = &[
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", ".doc"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\0\0\0\0\0", "zip"),
    ];
    for (bytes, what) in cases {
        let e = import_named("in.bin", bytes).unwrap_err();
        assert!(e.starts_with("in.bin: "), "{e}");
        assert!(e.contains(what), "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
    }
    // A .docx is never "convert GBK with iconv".
    let e = import_named("x.docx", &docx(&p("没有编号的一段话。"))).unwrap_err();
    assert!(!e.contains("iconv"), "{e}");
    let e = import_named("gbk.txt", b"\xd6\xd0\xce\xc4\n").unwrap_err();
    assert!(e.contains("iconv"), "{e}");
}

#[test]
fn schema_1_files_still_load() {
    let v1 = r#"{"schema": 1, "title": "旧文件", "items": [{"number": 1, "label": "一、",
        "title": "甲", "text": "甲。（财政部负责）", "agencies": ["财政部"]}]}"#;
    let d = Document::from_json(v1).unwrap();
    assert_eq!(d.schema, 2);
    assert_eq!(d.items[0].agencies, ["财政部"]);
    assert!(d.items[0].clauses.is_empty() && d.attachments.is_empty());
    // Written back, it is schema 2 and reads again the same.
    assert_eq!(Document::from_json(&d.to_json(true)).unwrap(), d);
    assert!(Document::from_json(r#"{"schema": 3, "title": "x"}"#).is_err());
}

/// One item with 100k agencies: a quadratic dedup would not finish here
/// (benches/import.rs measures it).
#[test]
fn an_item_with_many_agencies_is_linear() {
    let names: Vec<String> = (0..100_000).map(|i| format!("部门{i}部")).collect();
    let text = format!(
        "测试文件\n一、部分\n（一）措施。内容。（{}负责）\n",
        names.join("、")
    );
    let d = import_str(&text).unwrap();
    let m = &d.items[0].children[0];
    assert_eq!(m.agencies.len(), 100_000);
    assert_eq!(m.agencies[99_999], "部门99999部");
}

/// Headings without a full stop ("(一)指导思想") followed by paragraphs,
/// "——" principle paragraphs, a two-line title; one paragraph per line and
/// hard-wrapped alike.
#[test]
fn headings_without_full_stops_in_every_layout() {
    let text = String::from_utf8(fixture("opinion-headings.txt")).unwrap();
    let indented: String = text
        .lines()
        .map(|l| format!("\u{3000}\u{3000}{l}\n"))
        .collect();
    for (name, t) in [
        ("plain", text.clone()),
        ("wrapped 25", hard_wrap(&text, 25)),
        ("wrapped 33 indented", hard_wrap(&indented, 33)),
    ] {
        let d = import_str(&t).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            d.title, "国务院关于推动某自治区高质量发展奋力书写现代化新篇章的意见",
            "{name}"
        );
        assert_eq!(d.number, "国发〔2023〕16号", "{name}");
        assert_eq!(
            (d.issuer.as_str(), d.date.as_str()),
            ("国务院", "2023-10-05"),
            "{name}"
        );
        assert_eq!(labels(&d.items), ["一、", "二、", "三、"], "{name}");
        let first = &d.items[0].children;
        let titles: Vec<&str> = first.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["指导思想", "工作原则", "主要目标"], "{name}");
        assert_eq!(
            first[1].text.split('\n').count(),
            3,
            "{name}: {}",
            first[1].text
        );
        let m = &d.items[1].children[0];
        assert_eq!(m.agencies.len(), 4, "{name}");
        // No invented agency where the text names none.
        let with: usize = d
            .items
            .iter()
            .flat_map(|s| &s.children)
            .filter(|m| !m.agencies.is_empty())
            .count();
        assert_eq!(with, 1, "{name}");
    }
}

/// An emergency plan typed "1. 总则" / "1.1编制目的" (no spaces), and a
/// ministry order numbered by year, signed by the minister.
#[test]
fn plan_without_spaces_and_a_ministry_order() {
    let plan = "国家某某事件应急预案\n1. 总则\n1.1编制目的\n为提高应对能力，制定本预案。1.5亿元以上的损失按本预案处置。\n1.2适用范围\n本预案适用于全国。\n2. 组织指挥体系\n2.1国家指挥机构\n国务院设立指挥部。\n2.1.1指挥部职责\n统一领导应对工作。\n";
    let d = import_str(plan).unwrap();
    assert_eq!(d.title, "国家某某事件应急预案");
    assert_eq!(labels(&d.items), ["1.", "2."]);
    assert_eq!(labels(&d.items[0].children), ["1.1", "1.2"]);
    assert_eq!(d.items[0].children[0].title, "编制目的");
    assert!(d.items[0].children[0].text.contains("1.5亿元以上"));
    assert_eq!(labels(&d.items[1].children[0].children), ["2.1.1"]);

    let order = "中华人民共和国交通运输部令\n2020年第1号\n《某某管理规定》已于2020年1月10日经第1次部务会议通过，现予公布，自2020年3月1日起施行。\n部长　李小鹏\n2020年1月16日\n某某管理规定\n第一条　为了规范管理，制定本规定。\n第二条　本规定自2020年3月1日起施行。\n";
    let d = import_str(order).unwrap();
    assert_eq!(d.number, "交通运输部令2020年第1号");
    assert_eq!(d.issuer, "交通运输部");
    assert_eq!(d.date, "2020-01-16");
    assert_eq!(d.title, "某某管理规定");
    assert_eq!(labels(&d.items), ["第一条", "第二条"]);
}

/// A gov.cn page of today: the title in an `<h1>` above the content element,
/// the 文号 only in the metadata table.
#[test]
fn gov_page_with_title_and_number_outside_the_content() {
    let d = import("gov-page.html");
    assert_eq!(d.title, "国务院办公厅关于加强某项管理工作的意见");
    assert_eq!(d.number, "国办发〔2022〕10号");
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院办公厅", "2022-03-28")
    );
    assert_eq!(d.addressees.len(), 2);
    assert_eq!(labels(&d.items), ["一、", "二、"]);
    assert_eq!(d.items[1].children[0].agencies, ["司法部", "各地区各部门"]);
    let json = d.to_json(true);
    for noise in ["索引号", "首页", "版权所有", "来源"] {
        assert!(!json.contains(noise), "{noise}");
    }
}

/// Text copied from a gov.cn page: the metadata block on top, an
/// attachment labelled on its title's line ("附件1：…").
#[test]
fn copied_page_metadata_and_inline_attachment_labels() {
    let text = "索 引 号：000014349/2022-00031\n主题分类：综合政务\n发文机关：国务院办公厅\n成文日期：2022年03月28日\n标　　题：国务院办公厅关于印发某工作方案的通知\n发文字号：国办发〔2022〕11号\n发布日期：2022年04月02日\n国务院办公厅关于印发某工作方案的通知\n国办发〔2022〕11号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n《某工作方案》已经国务院同意，现印发给你们，请认真贯彻执行。\n国务院办公厅\n2022年3月28日\n（此件公开发布）\n某工作方案\n为做好某项工作，制定本方案。\n一、工作目标\n（一）总体目标。到2025年完成。（国家发展改革委负责）\n附件：1.任务清单\n2.进度安排表\n附件1：任务清单\n一、第一项任务。内容。\n附件2：进度安排表\n一、第一阶段。内容。\n";
    let d = import_str(text).unwrap();
    assert_eq!(d.title, "国务院办公厅关于印发某工作方案的通知");
    assert_eq!(d.number, "国办发〔2022〕11号");
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院办公厅", "2022-03-28")
    );
    assert_eq!(d.issued.as_ref().unwrap().title, "某工作方案");
    assert_eq!(labels(&d.items), ["一、"]);
    assert_eq!(d.items[0].children[0].agencies, ["国家发展改革委"]);
    let atts: Vec<(&str, &str)> = d
        .attachments
        .iter()
        .map(|a| (a.label.as_str(), a.title.as_str()))
        .collect();
    assert_eq!(atts, [("附件1", "任务清单"), ("附件2", "进度安排表")]);
    assert_eq!(labels(&d.attachments[1].items), ["一、"]);
    assert!(!d.to_json(true).contains("索引号"));
}

/// A PDF copy: a header line above the title, page numbers between pages.
#[test]
fn chrome_above_the_title_and_page_numbers() {
    let text = "国务院文件\n国务院关于加强某项工作的通知\n国发〔2021〕3号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为加强工作，现通知如下：\n一、提高认识。各地区要高度重视。\n— 2 —\n二、强化措施。加大支持力度。（财政部负责）\n- 3 -\n国务院\n2021年2月1日\n";
    let d = import_str(text).unwrap();
    assert_eq!(d.title, "国务院关于加强某项工作的通知");
    assert_eq!(d.number, "国发〔2021〕3号");
    assert_eq!(labels(&d.items), ["一、", "二、"]);
    assert!(!d.items[0].text.contains('2'), "{}", d.items[0].text);
    assert_eq!(d.items[1].agencies, ["财政部"]);
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院", "2021-02-01")
    );
    // The header line is kept, not lost.
    assert!(d.preamble.starts_with("国务院文件"), "{}", d.preamble);
}

/// A 印发 notice that sends its document as the attachment: the attachment
/// is the issued document, its items the document's.
#[test]
fn issued_document_sent_as_the_attachment() {
    let text = "国务院办公厅关于印发某某行动计划的通知\n国办发〔2020〕5号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n《某某行动计划》已经国务院同意，现印发给你们，请认真贯彻执行。\n附件：某某行动计划\n国务院办公厅\n2020年3月1日\n附件\n某某行动计划\n为推进某项工作，制定本行动计划。\n一、主要任务\n（一）加强建设。推进设施建设。（国家发展改革委负责）\n";
    let d = import_str(text).unwrap();
    assert_eq!(d.title, "国务院办公厅关于印发某某行动计划的通知");
    assert_eq!(d.issued.as_ref().unwrap().title, "某某行动计划");
    assert!(d.attachments.is_empty());
    assert_eq!(labels(&d.items), ["一、"]);
    assert_eq!(d.items[0].children[0].agencies, ["国家发展改革委"]);
    assert!(d.preamble.contains("制定本行动计划"));
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院办公厅", "2020-03-01")
    );
}

/// A reply with a report attached, the report signed by its own author.
#[test]
fn an_attachment_keeps_its_own_signature() {
    let text = "国务院办公厅关于某问题的复函\n国办函〔2004〕80号\n某省人民政府：\n你省来文收悉。现函复如下：同意。\n国务院办公厅\n二〇〇四年十一月四日\n附件\n关于某问题的调研报告\n国务院：\n一、基本情况。情况如下。\n二、有关建议。建议如下。\n国土资源部\n二〇〇四年十月十日\n";
    let d = import_str(text).unwrap();
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院办公厅", "2004-11-04")
    );
    assert!(d.items.is_empty());
    let a = &d.attachments[0];
    assert_eq!(a.title, "关于某问题的调研报告");
    assert_eq!(labels(&a.items), ["一、", "二、"]);
    assert_eq!(
        (a.issuer.as_str(), a.date.as_str()),
        ("国土资源部", "2004-10-10")
    );
}

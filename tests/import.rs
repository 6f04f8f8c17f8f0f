//! The importer on the seed text and on small documents exercising each rule.

mod par_support;

use zhengce::doc::import::{import_bytes, import_str};
use zhengce::doc::{Document, Item};

const SEED: &str = include_str!("../assets/smes-competitiveness-measures-2021.txt");
const SEED_JSON: &str = include_str!("../assets/smes-competitiveness-measures-2021.json");

fn measures(d: &Document) -> Vec<&Item> {
    d.measures().into_iter().map(|m| m.item).collect()
}

/// Hard-wraps each paragraph at the width of `n` CJK characters (2n cells),
/// like the documents copied from PDFs and web pages; `indent` starts
/// paragraphs with full-width spaces.
fn hard_wrap(paras: &[&str], n: usize, indent: bool, blank_between: bool) -> String {
    let max = 2 * n;
    let mut out = String::new();
    for p in paras {
        let p = if indent {
            format!("\u{3000}\u{3000}{p}")
        } else {
            p.to_string()
        };
        let chars: Vec<char> = p.chars().collect();
        let mut start = 0;
        while start < chars.len() {
            let mut end = start;
            let mut w = 0;
            while end < chars.len() && w + zhengce::text::char_width(chars[end]) <= max {
                w += zhengce::text::char_width(chars[end]);
                end += 1;
            }
            // Like a typesetter, never break inside a Latin word.
            while end < chars.len()
                && end > start + 1
                && chars[end].is_ascii_alphanumeric()
                && chars[end - 1].is_ascii_alphanumeric()
            {
                end -= 1;
            }
            out.extend(&chars[start..end]);
            out.push('\n');
            if blank_between {
                out.push('\n');
            }
            start = end;
        }
    }
    out
}

#[test]
fn seed_structure_titles_and_agencies() {
    let d = import_str(SEED).unwrap();
    assert_eq!(d.title, "提升中小企业竞争力若干措施");
    assert_eq!(d.number, "工信部企业〔2021〕169号");
    assert_eq!(d.issuer, "国务院促进中小企业发展工作领导小组办公室");
    assert_eq!(d.date, "2021-11-06");
    assert_eq!(d.addressees.len(), 4);
    assert_eq!(d.addressees[3], "国务院国有资产监督管理委员会");
    assert!(d.preamble.starts_with("中小企业能办大事。"));
    assert!(d.preamble.ends_with("现提出以下措施："));
    assert!(d.closing.starts_with("各部门、各地方要按照党中央"));
    assert!(d.letter.starts_with("《提升中小企业竞争力若干措施》已经"));
    assert_eq!(d.items.len(), 11);
    let ms = measures(&d);
    assert_eq!(ms.len(), 34);
    let titles: Vec<&str> = ms.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "加强财政资金支持",
            "高质量落实惠企税收政策",
            "推动税费精准服务",
            "加强信贷支持",
            "创新金融服务模式",
            "加强直接融资支持",
            "加强融资配套体系建设",
            "发挥创新平台支撑作用",
            "推动大中小企业协同创新",
            "加强优质企业梯度培育",
            "推动数字化产品应用",
            "加强工业互联网赋能",
            "提升智能制造水平",
            "推动工业设计赋能",
            "鼓励设计服务方式创新",
            "引导开展专利布局",
            "促进知识产权转化应用",
            "加强知识产权保护维权",
            "发挥展会和平台对接作用",
            "加强采购支持",
            "引导加强品牌建设",
            "推动跨境电商发展",
            "促进国际合作",
            "推动节能低碳发展",
            "优化环保评价和执法机制",
            "支持提升产品质量",
            "引导企业管理创新",
            "推动企业合规化建设",
            "培育企业家队伍",
            "优化职称评审机制",
            "促进人才供需对接",
            "健全服务体系",
            "加强服务队伍建设",
            "创新服务方式",
        ]
    );
    let sections: Vec<(&str, &str)> = d
        .items
        .iter()
        .map(|s| (s.label.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(sections[0], ("一、", "落实落细财税扶持政策"));
    assert_eq!(
        sections[5],
        ("六、", "提升知识产权创造、运用、保护和管理能力")
    );
    assert_eq!(sections[10], ("十一、", "加强服务体系建设"));
    for (i, m) in ms.iter().enumerate() {
        assert_eq!(m.number as usize, i + 1);
    }
    assert_eq!(ms[11].label, "（十二）");
    assert_eq!(ms[11].agencies, ["工业和信息化部", "全国工商联"]);
    assert_eq!(
        ms[3].agencies,
        [
            "人民银行",
            "银保监会",
            "财政部",
            "工业和信息化部",
            "知识产权局",
            "开发银行"
        ]
    );
    assert_eq!(ms[29].agencies, ["人力资源社会保障部", "各地方"]);
    assert_eq!(
        ms[0].agencies,
        ["财政部", "工业和信息化部", "有关部门", "各地方"]
    );

    let mentions: usize = ms.iter().map(|m| m.agencies.len()).sum();
    assert_eq!(mentions, 94);
    let with = |a: &str| -> Vec<u32> {
        ms.iter()
            .filter(|m| m.agencies.iter().any(|x| x == a))
            .map(|m| m.number)
            .collect()
    };
    assert_eq!(with("工业和信息化部").len(), 22);
    assert_eq!(with("各地方"), [1, 2, 30]);
    assert_eq!(
        with("国务院促进中小企业发展工作领导小组各成员单位"),
        [32, 33, 34]
    );
}

#[test]
fn seed_text_keeps_no_raw_artifacts() {
    let d = import_str(SEED).unwrap();
    let ms = measures(&d);
    for m in &ms {
        let t = &m.text;
        assert!(
            !t.contains('\n'),
            "{}: line break inside a paragraph",
            m.label
        );
        assert!(
            !t.contains('\u{a0}') && !t.contains('\u{3000}'),
            "{}: NBSP",
            m.label
        );
        assert!(
            !t.contains("EESIA") && !t.contains("本文内容来自网络"),
            "{}",
            m.label
        );
        let cs: Vec<char> = t.chars().collect();
        for w in cs.windows(3) {
            let cjk =
                |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || "，。、；：（）".contains(c);
            assert!(
                !(w[1] == ' ' && cjk(w[0]) && cjk(w[2])),
                "{}: space in {:?}",
                m.label,
                w
            );
        }
        assert!(t.starts_with(&m.title), "{}", m.label);
    }
    assert!(ms[3].text.contains("中长期贷款投放规模"));
    assert!(ms[18].text.contains("APEC中小企业技术交流暨展览会"));
    assert!(d.closing.find("EESIA").is_none());
}

#[test]
fn reimporting_the_seed_equals_the_embedded_json() {
    let d = import_str(SEED).unwrap();
    assert_eq!(d, Document::embedded());
    // Byte for byte, so the committed file is exactly what `zhengce import` writes.
    assert_eq!(d.to_json(true).trim_end(), SEED_JSON.trim_end());
}

#[test]
fn four_numbering_levels_and_large_numerals() {
    let text = "\
关于测试的意见

各有关单位：

为了测试，提出如下意见。

一、总体要求

（一）指导思想。坚持测试。

1．第一条措施。内容一。（科技部负责）

（1）细则甲。内容。

（2）细则乙。内容。

2．第二条措施。内容二。（教育部、科技部按职责分工负责）

二十一、第二十一部分

（二）第二小节。

3．第三条措施。内容三。（财政部牵头负责）

一百零五、最后部分

4．第四条。内容。
";
    let d = import_str(text).unwrap();
    assert_eq!(d.title, "关于测试的意见");
    assert_eq!(d.addressees, ["各有关单位"]);
    assert_eq!(d.preamble, "为了测试，提出如下意见。");
    let nums: Vec<(u32, &str)> = d
        .items
        .iter()
        .map(|i| (i.number, i.label.as_str()))
        .collect();
    assert_eq!(nums, [(1, "一、"), (21, "二十一、"), (105, "一百零五、")]);
    let s1 = &d.items[0].children[0];
    assert_eq!(
        (s1.label.as_str(), s1.title.as_str()),
        ("（一）", "指导思想")
    );
    let m1 = &s1.children[0];
    assert_eq!(
        (m1.label.as_str(), m1.number, m1.title.as_str()),
        ("1．", 1, "第一条措施")
    );
    assert_eq!(m1.children.len(), 2);
    assert_eq!(m1.children[1].label, "（2）");
    // The Arabic level carries the clauses, so it is the measure level.
    assert_eq!(d.measure_style(), zhengce::doc::LabelStyle::of("1．"));
    let ms = measures(&d);
    assert_eq!(ms.len(), 4);
    assert_eq!(ms[1].agencies, ["教育部", "科技部"]);
    assert_eq!(ms[2].agencies, ["财政部"]);
    // A measure directly under a top-level section (missing middle level).
    assert_eq!(d.items[2].children[0].label, "4．");
    assert!(ms[3].agencies.is_empty());
}

const SMALL: &[&str] = &[
    "国办发〔2023〕5号",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "为支持小微企业发展，现提出以下措施。",
    "一、加大融资支持",
    "（一）加强信贷支持。鼓励银行业金融机构加大对小微企业的信贷投放力度，优化 small business loans 审批流程，降低综合融资成本，提高贷款审批效率和服务水平。（人民银行、金融监管总局负责。列第一位者为牵头单位，下同）",
    "（二）创新服务模式。推动供应链金融发展。",
    "二、优化服务",
    "（三）健全服务体系。建设一批服务平台，完善服务网络，提升服务能力和水平。",
    "各地要健全工作机制，确保措施落地见效，定期报送进展情况。（各地方负责）",
    "各地区、各部门要认真抓好落实。",
    "国务院办公厅",
    "2023年3月1日",
];

fn check_small(d: &Document) {
    assert_eq!(d.number, "国办发〔2023〕5号");
    assert_eq!(
        d.addressees,
        ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    );
    assert_eq!(d.preamble, "为支持小微企业发展，现提出以下措施。");
    assert_eq!(d.items.len(), 2);
    let ms = measures(d);
    assert_eq!(ms.len(), 3);
    // A clause with a trailing note.
    assert_eq!(ms[0].agencies, ["人民银行", "金融监管总局"]);
    assert!(
        ms[0].text.contains("优化 small business loans 审批流程"),
        "{}",
        ms[0].text
    );
    // A measure without a clause.
    assert!(ms[1].agencies.is_empty());
    assert_eq!(ms[1].text, "创新服务模式。推动供应链金融发展。");
    // A multi-paragraph measure, its clause at the end of the second paragraph.
    assert_eq!(ms[2].text.split('\n').count(), 2, "{:?}", ms[2].text);
    assert_eq!(ms[2].agencies, ["各地方"]);
    assert_eq!(d.closing, "各地区、各部门要认真抓好落实。");
    assert_eq!(d.issuer, "国务院办公厅");
    assert_eq!(d.date, "2023-03-01");
}

#[test]
fn one_paragraph_per_line_with_and_without_blank_lines() {
    check_small(&import_str(&SMALL.join("\n")).unwrap());
    check_small(&import_str(&SMALL.join("\n\n")).unwrap());
}

#[test]
fn hard_wrapped_indented_with_blank_lines() {
    for n in [20, 33, 47] {
        for blank in [false, true] {
            let text = hard_wrap(SMALL, n, true, blank);
            check_small(&import_str(&text).unwrap_or_else(|e| panic!("n={n}: {e}")));
        }
    }
}

#[test]
fn crlf_bom_and_nbsp_indentation() {
    let text = format!(
        "\u{feff}{}",
        SMALL.join("\r\n").replace("（一）", "\u{a0}\u{a0}（一）")
    );
    check_small(&import_bytes(text.as_bytes()).unwrap());
    let wrapped = hard_wrap(SMALL, 30, true, true).replace('\n', "\r\n");
    check_small(&import_bytes(format!("\u{feff}{wrapped}").as_bytes()).unwrap());
}

#[test]
fn old_mac_line_endings() {
    check_small(&import_str(&SMALL.join("\r")).unwrap());
    check_small(&import_str(&hard_wrap(SMALL, 30, true, false).replace('\n', "\r")).unwrap());
}

#[test]
fn wrap_artefacts_are_joined_away() {
    let text = "\
一、总体

（一）测试措施。发挥全国12366纳税缴费服务热线作用，持续加大小微企业首贷、续贷、信用贷、中长期贷款投 放规模和力度。发挥

知识产权质押信息平台作用，实施 small and medium

enterprises 行动计划。（财政部负责）

本文内容来自网络，由EESIA搜集整理，如有任何异议请联系我们，我们将酌情处理！

（二）第二项措施。内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容。（商务部负责）
";
    let d = import_str(text).unwrap();
    let ms = measures(&d);
    assert_eq!(ms.len(), 2);
    assert_eq!(
        ms[0].text,
        "测试措施。发挥全国12366纳税缴费服务热线作用，持续加大小微企业首贷、续贷、信用贷、中长期贷款投放规模和力度。发挥知识产权质押信息平台作用，实施 small and medium enterprises 行动计划。（财政部负责）"
    );
    assert!(!ms[1].text.contains("EESIA"));
}

#[test]
fn bad_input_gets_a_clear_error() {
    let e = import_bytes(b"").unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
    assert!(import_bytes(b"  \n\r\n\t ").is_err());
    let e = import_bytes(b"\x7fELF\x02\x01\x01\0\0\0\0\0\x03\0>\0").unwrap_err();
    assert!(e.to_string().contains("binary"), "{e}");
    // GBK bytes for 中文 on line 2.
    let e = import_bytes(b"title\n\xd6\xd0\xce\xc4\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("一、测试".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let e = import_bytes(&utf16).unwrap_err();
    assert!(e.to_string().contains("UTF-16"), "{e}");
    let e = import_str("这只是一段没有编号结构的普通文字。\n第二行。\n").unwrap_err();
    assert!(e.to_string().contains("no numbered items"), "{e}");
}

#[test]
fn hostile_text_is_sanitised() {
    let text = "标题\u{1b}]0;pwned\u{7}\n一、第一部分\u{1b}[31m\n（一）措施\u{202e}一。内容\u{9b}2J。（财政部负责）\n";
    let d = import_str(text).unwrap();
    let j = d.to_json(true);
    for bad in ["\u{1b}", "\u{7}", "\u{202e}", "\u{9b}", "[31m", "pwned"] {
        assert!(!j.contains(bad), "{bad:?} survived: {j}");
    }
    assert_eq!(measures(&d)[0].agencies, ["财政部"]);
}

/// A State Council opinion as copied from the web: one paragraph per line,
/// full-width indents, no cover letter, signed at the end, 此件公开发布.
#[test]
fn state_council_opinion_signed_at_the_end() {
    let d = import_str(include_str!("data/state-council-opinion-2012.txt")).unwrap();
    assert_eq!(d.title, "国务院关于进一步支持小型微型企业健康发展的意见");
    assert_eq!(d.number, "国发〔2012〕14号");
    assert_eq!(
        (d.issuer.as_str(), d.date.as_str()),
        ("国务院", "2012-04-19")
    );
    assert_eq!(d.closing, "各地区、各部门要高度重视，加强组织领导。");
    assert!(d.preamble.ends_with("现提出以下意见："));
    assert_eq!(d.items.len(), 2);
    let ms = measures(&d);
    // The 1． level carries the most clauses, so it is the measure level.
    let labels: Vec<&str> = ms.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["1．", "2．"]);
    assert_eq!(ms[0].agencies, ["财政部", "工业和信息化部"]);
    assert!(ms[0].text.contains("由128.7亿元扩大到141.7亿元"));
    let s3 = &d.items[1].children[1];
    assert_eq!((s3.label.as_str(), s3.agencies.len()), ("（三）", 2));
    assert!(!d.to_json(true).contains("此件公开发布"));
}

/// The seed's paragraphs as plain text, to re-wrap at other widths.
fn seed_paragraphs(d: &Document) -> Vec<String> {
    let mut p = vec![d.number.clone(), format!("{}：", d.addressees.join("，"))];
    p.extend(d.letter.split('\n').map(String::from));
    p.push(d.issuer.clone());
    p.push("2021年11月6日".into());
    p.push(d.title.clone());
    p.push(d.preamble.clone());
    for s in &d.items {
        p.push(format!("{}{}", s.label, s.text));
        for m in &s.children {
            p.push(format!("{}{}", m.label, m.text));
        }
    }
    p.push(d.closing.clone());
    p
}

/// Hard-wrapped with no indentation and no blank lines: only line widths,
/// punctuation and numbering tell paragraphs apart.
#[test]
fn the_seed_rewrapped_at_other_widths_imports_the_same() {
    let d = Document::embedded();
    let paras = seed_paragraphs(&d);
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let want = d.to_json(true);
    let widths: Vec<usize> = (16..=90).collect();
    let bad = std::sync::Mutex::new(Vec::new());
    par_support::each(&widths, |&n| {
        let got =
            import_str(&hard_wrap(&refs, n, false, false)).unwrap_or_else(|e| panic!("{n}: {e}"));
        let got = got.to_json(true);
        if got != want {
            let line = match want.lines().zip(got.lines()).find(|(a, b)| a != b) {
                Some((a, _)) => a.chars().take(40).collect::<String>(),
                None => "(one is a prefix of the other)".to_string(),
            };
            bad.lock().unwrap().push((n, line));
        }
    });
    let mut bad = bad.into_inner().unwrap();
    bad.sort();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn numbering_sequence_tells_headings_from_wrapped_references() {
    // A long section heading does not swallow the measure after it.
    let long = "一、落实落细财税扶持政策\n（一）加强财政资金支持。通过中央财政有关专项资金引导地方加大\n对专精特新中小企业的支持力度。各地发挥中小企业发展专项资金作\n用，完善中小企业公共服务体系和融资服务体系，支持中小企业提升\n创新能力和专业化水平。（财政部负责）\n二、提升知识产权创造、运用、保护和管理能力水平\n（二）引导开展专利布局。充分发挥各地专利导航服务基地作用，鼓\n励中小企业加强产业关键技术和核心环节专利布局，提升专利质量。\n（知识产权局负责）\n";
    let d = import_str(long).unwrap();
    assert_eq!(
        d.items[1].title,
        "提升知识产权创造、运用、保护和管理能力水平"
    );
    assert_eq!(measures(&d).len(), 2);
    // An unclosed parenthesis does not swallow the next measure.
    let open = "测试\n一、部分\n（一）甲。内容（财政部负责\n（二）乙。内容（财政部、人民银行负责）。\n（三）丙。（注意）内容\n";
    let d = import_str(open).unwrap();
    let ms = measures(&d);
    assert_eq!(ms.len(), 3);
    assert!(ms[0].agencies.is_empty());
    assert_eq!(ms[1].agencies, ["财政部", "人民银行"]);
    // "…按照第" + "（三）项规定执行" is a reference, not measure (三).
    let xref = "测试文件\n一、第一部分\n（一）加强财政资金支持。通过中央财政有关专项资金引导地方加大对中小企业的支持力度，资金规模达到\n1.5亿元，各地发挥中小企业发展专项资金作用，完善中小企业公共服务体系和融资服务体系，支持中小企\n业提升创新能力和专业化水平，具体按照第\n（三）项规定执行。（财政部负责）\n（二）高质量落实惠企税收政策。各地落细落实各项惠企政策。（税务总局负责）\n";
    let d = import_str(xref).unwrap();
    let ms = measures(&d);
    assert_eq!(ms.len(), 2);
    assert!(ms[0].text.contains("具体按照第（三）项规定执行"));
    // A heading after a line that ends mid-sentence, numbering with gaps.
    let gaps = "测试文件\n一、第一部分\n（一）甲。内容（财政部负责）\n（三）丙。内容\n（十一）十一。内容（人民银行、银保监会按职责分工负责）\n（一百零五）百五。内容\n二、第二部分\n（二十）二十。内容（财政部负责\n";
    let d = import_str(gaps).unwrap();
    assert_eq!(d.items.len(), 2);
    assert_eq!(d.items[0].children.len(), 4);
    assert_eq!(d.items[0].children[3].text, "百五。内容");
}

/// Regulations number chapters and articles: 第一章 / 第一条, with （一） and
/// 1. inside articles.
#[test]
fn chapters_and_articles() {
    let d = import_str(include_str!("data/regulation-articles.txt")).unwrap();
    assert_eq!(d.title, "中小企业划型标准规定");
    let chapters: Vec<(&str, &str)> = d
        .items
        .iter()
        .map(|c| (c.label.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(
        chapters,
        [("第一章", "总则"), ("第二章", "标准"), ("第三章", "附则")]
    );
    let ms = measures(&d);
    let labels: Vec<&str> = ms.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["第一条", "第二条", "第三条", "第四条", "第五条"]);
    assert_eq!(ms[2].children.len(), 2);
    assert_eq!(ms[3].children[1].label, "2．");
    assert!(ms[3].children[1].text.contains("从业人员1000人以下"));
}

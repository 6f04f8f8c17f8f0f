//! Writes a realistic test library: N policy documents (default 1,000,
//! about 17 MB of text), each different: its own issuer, 文号, date, title,
//! number of sections and measures, sentences drawn from a few hundred
//! policy phrases, responsibility clauses over the agency directory (some
//! documents saying the first listed agency leads), and mentions of earlier
//! documents by 文号 or 《title》. Deterministic for a seed, so benchmarks
//! compare like with like; not copies of one document, so caches do not
//! flatter the figures.
//!
//! `cargo run --release --example gen_library -- OUT_DIR [N] [SEED]` writes
//! OUT_DIR/docs/NNNN.json (document JSON, schema 1) and OUT_DIR/all.txt (the
//! same text, one item a line: document title, label, text, agencies) for
//! fzf and skim.

use std::io::Write;

use serde_json::{Value, json};
use zhengce::doc::agencies::Directory;

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ISSUERS: [(&str, &str); 24] = [
    ("国务院", "国发"),
    ("国务院办公厅", "国办发"),
    ("国务院办公厅", "国办函"),
    ("工业和信息化部", "工信部企业"),
    ("工业和信息化部", "工信部规"),
    ("财政部", "财税"),
    ("财政部", "财金"),
    ("中国人民银行", "银发"),
    ("国家发展改革委", "发改高技"),
    ("国家发展改革委", "发改财金"),
    ("科技部", "国科发"),
    ("商务部", "商贸发"),
    ("人力资源社会保障部", "人社部发"),
    ("国家市场监督管理总局", "国市监注"),
    ("四川省人民政府", "川府发"),
    ("广东省人民政府办公厅", "粤府办"),
    ("浙江省人民政府", "浙政发"),
    ("江苏省人民政府", "苏政发"),
    ("山东省人民政府办公厅", "鲁政办发"),
    ("湖北省人民政府", "鄂政发"),
    ("上海市人民政府", "沪府发"),
    ("北京市人民政府", "京政发"),
    ("河南省人民政府", "豫政"),
    ("重庆市人民政府办公厅", "渝府办发"),
];

const VERBS: [&str; 16] = [
    "进一步支持",
    "加快发展",
    "促进",
    "推动",
    "深化",
    "完善",
    "加强",
    "优化",
    "提升",
    "健全",
    "全面推进",
    "大力发展",
    "着力培育",
    "扎实推进",
    "切实做好",
    "持续改善",
];

const TOPICS: [&str; 40] = [
    "中小企业发展",
    "小微企业融资",
    "专精特新中小企业",
    "民营经济",
    "制造业数字化转型",
    "工业互联网",
    "知识产权保护",
    "科技成果转化",
    "创业创新",
    "营商环境",
    "政府性融资担保",
    "普惠金融",
    "绿色低碳发展",
    "外贸稳定",
    "跨境电商",
    "人才队伍建设",
    "职业技能培训",
    "高校毕业生就业",
    "企业减负",
    "税费支持",
    "首台套重大技术装备",
    "产业链供应链稳定",
    "产业集群",
    "先进制造业",
    "服务业",
    "个体工商户",
    "农业产业化",
    "数字经济",
    "智能制造",
    "新型基础设施建设",
    "质量品牌",
    "标准化",
    "知识产权质押融资",
    "应急救助",
    "社会信用体系",
    "公共服务平台",
    "创业投资",
    "企业上市",
    "政府采购",
    "清理拖欠账款",
];

const KINDS: [&str; 8] = [
    "若干措施",
    "实施意见",
    "指导意见",
    "行动方案",
    "若干政策",
    "实施方案",
    "工作方案",
    "三年行动计划",
];

const HEADS: [&str; 24] = [
    "加大财税支持力度",
    "强化金融服务",
    "提升创新能力",
    "优化发展环境",
    "加强人才保障",
    "推进数字化转型",
    "促进绿色发展",
    "拓展市场空间",
    "强化服务体系",
    "加强组织实施",
    "完善政策体系",
    "降低经营成本",
    "健全融资担保体系",
    "保护合法权益",
    "推动协同发展",
    "提升质量效益",
    "加强要素保障",
    "深化开放合作",
    "强化监测评估",
    "营造良好氛围",
    "夯实产业基础",
    "培育优质企业",
    "加强用地保障",
    "畅通政策渠道",
];

const OPENINGS: [&str; 20] = [
    "鼓励各地",
    "支持有条件的地区",
    "引导金融机构",
    "推动大型企业",
    "充分发挥",
    "落实落细",
    "加大对",
    "建立健全",
    "完善",
    "深入实施",
    "组织开展",
    "推广",
    "探索",
    "积极稳妥推进",
    "依法依规",
    "统筹用好",
    "进一步扩大",
    "严格落实",
    "持续开展",
    "有序推进",
];

const OBJECTS: [&str; 36] = [
    "中小企业",
    "小微企业",
    "个体工商户",
    "专精特新“小巨人”企业",
    "科技型中小企业",
    "制造业单项冠军企业",
    "创业团队",
    "高校毕业生",
    "农民工",
    "退役军人",
    "知识产权质押融资",
    "应收账款融资",
    "供应链金融",
    "首贷续贷",
    "中长期贷款",
    "政府性融资担保机构",
    "再担保机构",
    "国家融资担保基金",
    "区域性股权市场",
    "北京证券交易所",
    "创业投资基金",
    "产业投资基金",
    "公共服务平台",
    "技术创新中心",
    "工业互联网平台",
    "数字化转型服务商",
    "中小企业特色产业集群",
    "孵化器和众创空间",
    "标准厂房",
    "产业园区",
    "首台套产品",
    "绿色工厂",
    "质量标杆",
    "信用信息",
    "政府采购合同",
    "涉企收费",
];

const ACTIONS: [&str; 30] = [
    "的支持力度",
    "的服务能力",
    "的覆盖面",
    "的风险补偿机制",
    "的信息共享",
    "的绩效评价",
    "的专项资金",
    "的税收优惠政策",
    "的贷款贴息",
    "的担保费率",
    "的审批流程",
    "的培训服务",
    "的对接活动",
    "的试点示范",
    "的梯度培育体系",
    "的监测分析",
    "的考核激励",
    "的协调机制",
    "的保障措施",
    "的标准体系",
    "的监督检查",
    "的宣传解读",
    "的数据归集",
    "的认定管理",
    "的奖补政策",
    "的办理时限",
    "的准入门槛",
    "的服务目录",
    "的专员制度",
    "的激励约束机制",
];

const CLOSERS: [&str; 20] = [
    "，切实减轻企业负担",
    "，提高政策获得感",
    "，形成工作合力",
    "，推动政策直达快享",
    "，确保各项措施落地见效",
    "，不断提升服务质量",
    "，营造公平竞争的市场环境",
    "，有效降低综合融资成本",
    "，带动产业链上下游协同发展",
    "，增强企业发展信心",
    "，提升企业核心竞争力",
    "，促进大中小企业融通发展",
    "，做到应享尽享",
    "，稳定市场预期",
    "，激发市场主体活力",
    "，防范化解风险",
    "，推动高质量发展",
    "，扩大政策覆盖范围",
    "，力争取得明显成效",
    "",
];

const NUMS: [&str; 10] = [
    "10%",
    "20%",
    "50%",
    "100万元",
    "500万元",
    "1000万元",
    "1%",
    "3年",
    "5年",
    "30日",
];

fn cn(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n > 10 { D[n - 10] } else { "" }),
        _ => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
    }
}

fn sentence(r: &mut Rng) -> String {
    let mut s = format!(
        "{}{}{}",
        r.pick(&OPENINGS),
        r.pick(&OBJECTS),
        r.pick(&ACTIONS)
    );
    if r.chance(35) {
        s.push_str(&format!(
            "，对符合条件的{}给予不超过{}的支持",
            r.pick(&OBJECTS),
            r.pick(&NUMS)
        ));
    }
    if r.chance(30) {
        s.push_str(&format!("，{}{}", r.pick(&OPENINGS), r.pick(&OBJECTS)));
    }
    let closer = CLOSERS[r.below(CLOSERS.len())];
    s.push_str(closer);
    s.push('。');
    s
}

struct Made {
    number: String,
    title: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = std::path::PathBuf::from(
        args.first()
            .ok_or("usage: gen_library OUT_DIR [N] [SEED]")?,
    );
    let n: usize = args.get(1).map_or(Ok(1000), |s| s.parse())?;
    let seed: u64 = args.get(2).map_or(Ok(11), |s| s.parse())?;
    generate(&out, n, seed)
}

/// Writes `n` documents to `out/docs/` and their text to `out/all.txt`
/// (also used by benches/library.rs).
pub fn generate(
    out: &std::path::Path,
    n: usize,
    seed: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut r = Rng(seed);
    let agencies: Vec<String> = Directory::embedded()
        .all()
        .iter()
        .filter(|a| !a.is_collective())
        .map(|a| a.name.clone())
        .collect();
    let collective = ["有关部门", "各地方", "各省级人民政府"];
    std::fs::create_dir_all(out.join("docs"))?;
    let mut txt = std::io::BufWriter::new(std::fs::File::create(out.join("all.txt"))?);
    let mut made: Vec<Made> = Vec::new();
    let mut serials: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for k in 0..n {
        let (iss, code) = ISSUERS[r.below(ISSUERS.len())];
        let ii = ISSUERS.iter().position(|x| x.1 == code).unwrap_or(0);
        let year = 2012 + r.below(14);
        let serial = serials.entry((ii, year)).or_insert(r.range(1, 40));
        *serial += r.range(1, 9);
        let number = format!("{code}〔{year}〕{serial}号");
        let topic = r.pick(&TOPICS).to_string();
        let title = format!("关于{}{}的{}", r.pick(&VERBS), topic, r.pick(&KINDS));
        let date = format!("{year}-{:02}-{:02}", r.range(1, 12), r.range(1, 28));
        let first_leads = r.chance(20);
        // Mentions of earlier documents: by 文号 or by 《title》.
        let mut preamble = format!(
            "为贯彻落实党中央、国务院决策部署，{}，推动{}取得新成效",
            sentence(&mut r).trim_end_matches('。'),
            topic
        );
        if let Some(m) = (!made.is_empty() && r.chance(60)).then(|| &made[r.below(made.len())]) {
            if r.chance(50) {
                preamble.push_str(&format!("，根据《{}》（{}）", m.title, m.number));
            } else {
                preamble.push_str(&format!("，按照{}有关要求", m.number));
            }
        }
        preamble.push_str("，现提出以下措施。");
        writeln!(txt, "{title} {number} {iss} {preamble}")?;
        let sections = r.range(3, 9);
        let mut measure = 0;
        let mut items: Vec<Value> = Vec::new();
        for s in 1..=sections {
            let head = r.pick(&HEADS).to_string();
            let mut children = Vec::new();
            for _ in 0..r.range(2, 6) {
                measure += 1;
                let mtitle = format!("{}{}", r.pick(&OPENINGS), r.pick(&OBJECTS));
                let mut text = format!("{mtitle}。");
                for _ in 0..r.range(2, 7) {
                    text.push_str(&sentence(&mut r));
                }
                let mut ags: Vec<String> = Vec::new();
                if r.chance(85) {
                    for _ in 0..r.range(1, 5) {
                        let a = r.pick(&agencies).clone();
                        if !ags.contains(&a) {
                            ags.push(a);
                        }
                    }
                    if r.chance(40) {
                        ags.push(r.pick(&collective).to_string());
                    }
                    let note = if first_leads && measure == 1 {
                        "。列第一位者为牵头单位，下同"
                    } else {
                        ""
                    };
                    text.push_str(&format!("（{}按职责分工负责{note}）", ags.join("、")));
                }
                let label = format!("（{}）", cn(measure));
                writeln!(txt, "{title} {label}{text} {}", ags.join("、"))?;
                children.push(json!({
                    "number": measure, "label": label, "title": mtitle, "text": text,
                    "agencies": ags, "children": [],
                }));
            }
            let label = format!("{}、", cn(s));
            writeln!(txt, "{title} {label}{head}")?;
            items.push(json!({
                "number": s, "label": label, "title": head, "text": head,
                "agencies": [], "children": children,
            }));
        }
        let doc = json!({
            "schema": 1, "title": title, "number": number, "issuer": iss, "date": date,
            "addressees": ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"],
            "preamble": preamble, "closing": "各地区、各有关部门要结合实际，抓好贯彻落实。",
            "items": items,
        });
        std::fs::write(
            out.join("docs").join(format!("{k:04}.json")),
            serde_json::to_string(&doc)?,
        )?;
        made.push(Made { number, title });
    }
    txt.flush()?;
    Ok(())
}

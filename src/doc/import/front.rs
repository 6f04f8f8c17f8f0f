//! Front matter: title, 文号, addressees, cover letter, signature and date.

use super::lines::is_space;
use super::numbering::label;
use super::paragraphs::Para;
use crate::doc::numerals::chinese;
use crate::text::width;

/// "工信部企业〔2021〕169号"
pub(super) fn is_doc_number(s: &str) -> bool {
    let s = s.trim();
    let Some(body) = s.strip_suffix('号') else {
        return false;
    };
    let Some(open) = body.find(['〔', '[', '［', '（', '(']) else {
        return false;
    };
    let after = &body[open..];
    let mut it = after.chars();
    it.next();
    let year: String = it.by_ref().take(4).collect();
    let close = it.next();
    let serial = it.as_str();
    s.chars().count() <= 40
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && matches!(close, Some('〕' | ']' | '］' | '）' | ')'))
        && !serial.is_empty()
        && serial.chars().all(|c| c.is_ascii_digit())
}

/// "2021年11月6日" or "二〇二一年十一月六日" → "2021-11-06".
pub fn parse_date(s: &str) -> Option<String> {
    // Most paragraphs are not dates: reject them before allocating.
    let t = s.trim_end_matches(is_space);
    if !t.ends_with('日') || t.len() > 64 {
        return None;
    }
    let s: String = t.chars().filter(|c| !is_space(*c)).collect();
    let rest = s.strip_suffix('日')?;
    let (y, rest) = rest.split_once('年')?;
    let (m, d) = rest.split_once('月')?;
    let year: u32 = if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()?
    } else {
        // 二〇二一: digit by digit.
        let ds: Option<Vec<u32>> = y
            .chars()
            .map(|c| {
                chinese(&c.to_string()).or(matches!(c, '〇' | '零' | '○' | 'Ｏ' | 'O').then_some(0))
            })
            .collect();
        let ds = ds?;
        if ds.len() != 4 {
            return None;
        }
        ds.iter().fold(0, |a, d| a * 10 + d)
    };
    let num = |t: &str| -> Option<u32> {
        if !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().ok()
        } else {
            chinese(t)
        }
    };
    let (m, d) = (num(m)?, num(d)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2200).contains(&year) {
        return None;
    }
    Some(format!("{year:04}-{m:02}-{d:02}"))
}

/// A short line with no sentence punctuation: a title, issuer or heading.
pub(super) fn is_title_like(s: &str) -> bool {
    // Width is at most the byte length and at least a quarter of it.
    s.len() <= 320
        && !s.contains(['。', '；', '，', '：', '！', '？'])
        && (s.len() <= 80 || width(s) <= 80)
}

/// Whether an issuer line already names a whole body (then a following
/// line is a second issuer, not the rest of this one).
pub(super) fn is_whole_name(s: &str) -> bool {
    [
        "部", "委", "局", "院", "行", "署", "室", "会", "组", "厅", "办", "府", "团",
    ]
    .iter()
    .any(|e| s.ends_with(e))
}

pub(super) fn join_issuers(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 && is_whole_name(&parts[i - 1]) {
            out.push('、');
        }
        out.push_str(p);
    }
    out
}

/// Words a document title ends in: a wrapped title goes on until one.
const TITLE_ENDS: &[&str] = &[
    "通知", "意见", "决定", "办法", "方案", "规定", "条例", "批复", "复函", "函", "报告", "通报",
    "请示", "纲要", "规划", "措施", "细则", "公告", "标准", "计划", "预案", "命令", "表", "图",
    "名单", "制度", "规则", "章程", "说明", "目录", "清单", "通告", "决议", "公报", "答复", "要点",
    "指南", "指引", "守则", "准则", "规程", "规范", "纪要", "通则", "批示", "提纲", "议案", "建议",
    "举措", "政策", "协议", "公约",
];

/// Whether a joined title is complete (ends in a document-type word).
pub(super) fn title_complete(t: &str) -> bool {
    // "…管理办法（试行）", "…规划（2021—2025年）": the word is before the note.
    let t = match t
        .strip_suffix(['）', ')'])
        .and_then(|r| r.rfind(['（', '(']))
    {
        Some(i) => &t[..i],
        None => t,
    };
    TITLE_ENDS.iter().any(|e| t.ends_with(e))
}

/// A line that can be part of a title: short, no sentence punctuation, not
/// a label, date, 文号 or parenthesised note.
fn title_part(p: &Para) -> bool {
    is_title_like(&p.text)
        && label(&p.text).is_none()
        && parse_date(&p.text).is_none()
        && !is_doc_number(&p.text)
        && !p.text.starts_with(['（', '('])
        && p.row.is_empty()
}

/// A title wrapped over up to four lines, from `paras[at]`: lines are joined
/// while the title is incomplete (it does not yet end in 通知, 意见, 表…).
/// Returns the title and how many paragraphs it took.
pub(super) fn wrapped_title(paras: &[Para], at: usize) -> (String, usize) {
    let mut title = String::new();
    let mut n = 0;
    while let Some(p) = paras.get(at + n) {
        if !title_part(p) || n >= 4 {
            break;
        }
        if n > 0 {
            let prev = &paras[at + n - 1];
            // A Markdown title is its heading alone.
            if title_complete(&title) || prev.heading > 0 || p.heading > 0 {
                break;
            }
        }
        title.push_str(&p.text);
        n += 1;
    }
    (title, n)
}

/// "中华人民共和国国务院令" + "第707号" → "国务院令第707号".
fn order_number(head: &str, next: &str) -> Option<String> {
    let head = head.strip_prefix("中华人民共和国").unwrap_or(head);
    // "第706号", or "2020年第1号" for ministries numbering by year.
    let serial = next.split_once('年').map_or(next, |(y, r)| {
        if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
            r
        } else {
            next
        }
    });
    let serial = serial.strip_prefix('第')?.strip_suffix('号')?;
    (head.ends_with('令')
        && head.chars().count() <= 12
        && !serial.is_empty()
        && serial.bytes().all(|b| b.is_ascii_digit()))
    .then(|| format!("{head}{next}"))
}

/// "2019年5月28日 中华人民共和国国务院令第717号公布" (a regulation's
/// promulgation line) → ("国务院令第717号", date).
fn promulgation(s: &str) -> Option<(String, String)> {
    let (date, rest) = s.split_once('日')?;
    let date = parse_date(&format!("{date}日"))?;
    let rest = rest.trim().strip_suffix("公布")?;
    let rest = rest.strip_prefix("中华人民共和国").unwrap_or(rest);
    let at = rest.find("令第")?;
    Some((rest.to_string(), date)).filter(|(r, _)| at > 0 && r.ends_with('号'))
}

/// "（民政部　一九九七年一月二十八日）": an issued document's own signature.
fn paren_signature(s: &str) -> Option<(String, String)> {
    let inner = s
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?
        .trim();
    if inner.chars().count() > 40 || !inner.ends_with('日') {
        return None;
    }
    // The date is the longest tail that parses as one.
    let (at, date) = inner
        .char_indices()
        .find_map(|(i, _)| parse_date(&inner[i..]).map(|d| (i, d)))?;
    let who = inner[..at].trim();
    (!who.is_empty() && is_title_like(who)).then(|| (who.to_string(), date))
}

/// A short parenthesised note: "（此件公开发布）", "（本文有删减）".
fn is_note(s: &str) -> bool {
    s.starts_with(['（', '('])
        && s.ends_with(['）', ')'])
        && s.chars().count() <= 16
        && paren_signature(s).is_none()
}

/// "财政部 发展改革委 人民银行": names of bodies separated by spaces → "、"-joined.
fn issuer_line(s: &str) -> Option<String> {
    let names: Vec<&str> = s.split(' ').filter(|n| !n.is_empty()).collect();
    let ok = names.len() >= 2
        && is_title_like(s)
        && names
            .iter()
            .all(|n| n.chars().count() <= 16 && is_whole_name(n));
    ok.then(|| names.join("、"))
}

/// Issuer lines just before `di` (a date): short, no sentence end.
pub(super) fn issuer_start(texts: &[String], di: usize) -> usize {
    let mut k = di;
    while k > 0
        && di - k < 3
        && is_title_like(&texts[k - 1])
        && !texts[k - 1].ends_with('。')
        && label(&texts[k - 1]).is_none()
    {
        k -= 1;
    }
    k
}

/// A signature "总理 李克强" / "部长 …" names the person; an order is issued
/// by the body its header names.
fn signed_by_person(s: &str) -> bool {
    [
        "总理",
        "部长",
        "主任",
        "局长",
        "署长",
        "行长",
        "主席",
        "委员长",
        "省长",
        "市长",
    ]
    .iter()
    .any(|t| s.starts_with(t))
}

/// "国务院令第707号" → "国务院"; "交通运输部令2020年第1号" → "交通运输部".
fn order_issuer(number: &str) -> Option<&str> {
    number
        .split_once('令')
        .map(|(who, _)| who)
        .filter(|w| !w.is_empty())
}

#[derive(Default)]
pub(super) struct Front {
    pub(super) title: String,
    pub(super) number: String,
    pub(super) issuer: String,
    pub(super) date: String,
    pub(super) addressees: Vec<String>,
    pub(super) letter: Vec<String>,
    pub(super) preamble: Vec<String>,
    /// The title (and own signature) of a document a notice issues.
    pub(super) issued: Option<crate::doc::Issued>,
}

pub(super) fn split_addressees(s: &str) -> Vec<String> {
    s.trim_end_matches(['：', ':'])
        .split(['，', ','])
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// Where the head title starts, the title, and how many paragraphs it took;
/// an empty title when there is none. It is one when complete (ends in 通知,
/// 意见…), a Markdown "# " heading, or followed by a 文号, salutation or date;
/// it may come after up to three lines of chrome, never after a 文号 or
/// salutation.
fn head_title(paras: &[Para]) -> (usize, String, usize) {
    for at in 0..paras.len().min(4) {
        // "国务院文件", "某省人民政府办公厅文件": the masthead, not the title's first line.
        let line = &paras[at].text;
        if line.ends_with("文件")
            && !line.contains("关于")
            && line.chars().count() <= 16
            && paras[at].heading == 0
        {
            continue;
        }
        let (title, took) = wrapped_title(paras, at);
        let then_meta = paras.get(at + took).is_some_and(|p| {
            is_doc_number(&p.text) || parse_date(&p.text).is_some() || p.text.ends_with(['：', ':'])
        });
        let markdown = paras[at].heading == 1;
        if took > 0 && (title_complete(&title) || markdown || then_meta) {
            return (at, title, took);
        }
        // Past a sentence, a 文号 or an order's header there is no head title.
        let p = &paras[at].text;
        let order = paras
            .get(at + 1)
            .is_some_and(|q| order_number(p, &q.text).is_some());
        if took == 0 || order || is_doc_number(p) {
            break;
        }
    }
    (0, String::new(), 0)
}

pub(super) fn front_matter(paras: Vec<Para>) -> Front {
    let mut f = Front::default();
    // The title printed at the head, possibly wrapped, possibly below a line
    // or two of page chrome (kept, as preamble).
    let (at, head_title, took) = head_title(&paras);
    let skip = if head_title.is_empty() { 0 } else { at + took };
    let chrome: Vec<String> = paras[..skip - took.min(skip)]
        .iter()
        .map(|p| p.text.clone())
        .collect();
    let mut rest: Vec<Para> = Vec::new();
    let mut is_order = false;
    let mut it = paras.into_iter().skip(skip).peekable();
    while let Some(p) = it.next() {
        if f.number.is_empty() && is_doc_number(&p.text) {
            f.number = p.text;
        } else if f.number.is_empty()
            && let Some(n) = it.peek().and_then(|q| order_number(&p.text, &q.text))
        {
            f.number = n;
            is_order = true;
            it.next();
        } else if f.number.is_empty()
            && let Some((n, d)) = promulgation(&p.text)
        {
            f.number = n;
            f.date = d;
            f.issuer = "国务院".into();
        } else {
            rest.push(p);
        }
    }
    // Addressees: a paragraph ending in "：" before any sentence.
    if let Some(i) = rest
        .iter()
        .take_while(|p| !p.text.contains('。'))
        .position(|p| p.text.ends_with(['：', ':']) && p.row.is_empty())
    {
        f.addressees = split_addressees(&rest.remove(i).text);
    }
    let dated = rest.iter().position(|p| parse_date(&p.text).is_some());
    match dated {
        // A cover letter: letter body, issuer, date, then the title and preamble.
        Some(di) => {
            let texts: Vec<String> = rest.iter().map(|p| p.text.clone()).collect();
            f.date = parse_date(&texts[di]).unwrap_or_default();
            let k = issuer_start(&texts, di);
            f.issuer = join_issuers(&texts[k..di]);
            f.letter = texts[..k].to_vec();
            // With nothing to tell them apart, a wrap can run the signature
            // on from the letter's last sentence: "…落实。国务院…办公室".
            if f.issuer.is_empty()
                && let Some(last) = f.letter.last_mut()
                && let Some((body, tail)) = last.rsplit_once('。')
                && !tail.is_empty()
                && is_title_like(tail)
            {
                f.issuer = tail.to_string();
                *last = format!("{body}。");
            }
            if is_order
                && signed_by_person(&f.issuer)
                && let Some(who) = order_issuer(&f.number)
            {
                // The signer ("总理 李克强") stays with the order's text.
                f.letter
                    .push(std::mem::replace(&mut f.issuer, who.to_string()));
            }
            // Notes after the signature ("（此件不公开）", "（本文有删减）") stay with the notice.
            let mut start = di + 1;
            while let Some(p) = rest.get(start).filter(|p| is_note(&p.text)) {
                f.letter.push(p.text.clone());
                start += 1;
            }
            let (title, took) = wrapped_title(&rest, start);
            let mut after = start + took;
            let mut issued = crate::doc::Issued {
                title,
                ..Default::default()
            };
            if !issued.title.is_empty()
                && let Some((who, date)) = rest.get(after).and_then(|p| paren_signature(&p.text))
            {
                issued.issuer = who;
                issued.date = date;
                after += 1;
            } else if !issued.title.is_empty()
                && let Some(who) = rest.get(after).and_then(|p| issuer_line(&p.text))
            {
                // "财政部 发展改革委 人民银行" under the issued document's title.
                issued.issuer = who;
                after += 1;
            }
            f.preamble = texts[after.min(texts.len())..].to_vec();
            if head_title.is_empty() {
                f.title = issued.title;
            } else {
                f.title = head_title;
                if !issued.title.is_empty() {
                    f.issued = Some(issued);
                }
            }
        }
        None => {
            let mut texts = rest.into_iter().map(|p| p.text);
            if head_title.is_empty() {
                // No recognisable head: the first title-like line.
                for t in texts.by_ref() {
                    if f.title.is_empty() && is_title_like(&t) {
                        f.title = t;
                        break;
                    }
                    f.preamble.push(t);
                }
            } else {
                f.title = head_title;
            }
            f.preamble.extend(texts);
        }
    }
    f.preamble.splice(0..0, chrome);
    f
}

//! Front matter: title, 文号, addressees, cover letter, signature and date.

use super::lines::is_space;
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
    let s: String = s.chars().filter(|c| !is_space(*c)).collect();
    let rest = s.strip_suffix('日')?;
    let (y, rest) = rest.split_once('年')?;
    let (m, d) = rest.split_once('月')?;
    let year: u32 = if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()?
    } else {
        // 二〇二一: digit by digit.
        let ds: Option<Vec<u32>> = y
            .chars()
            .map(|c| chinese(&c.to_string()).or((c == '〇' || c == '零').then_some(0)))
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
    width(s) <= 80 && !s.contains(['。', '；', '，', '：', '！', '？'])
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

#[derive(Default)]
pub(super) struct Front {
    pub(super) title: String,
    pub(super) number: String,
    pub(super) issuer: String,
    pub(super) date: String,
    pub(super) addressees: Vec<String>,
    pub(super) letter: Vec<String>,
    pub(super) preamble: Vec<String>,
}

pub(super) fn split_addressees(s: &str) -> Vec<String> {
    s.trim_end_matches(['：', ':'])
        .split(['，', ','])
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

pub(super) fn front_matter(paras: Vec<Para>) -> Front {
    let mut f = Front::default();
    let mut rest: Vec<Para> = Vec::new();
    for p in paras {
        if f.number.is_empty() && is_doc_number(&p.text) {
            f.number = p.text;
        } else {
            rest.push(p);
        }
    }
    // Addressees: a paragraph ending in "：" before any sentence.
    if let Some(i) = rest
        .iter()
        .take_while(|p| !p.text.contains('。'))
        .position(|p| p.text.ends_with(['：', ':']))
    {
        f.addressees = split_addressees(&rest.remove(i).text);
    }
    let texts: Vec<String> = rest.into_iter().map(|p| p.text).collect();
    match texts.iter().position(|t| parse_date(t).is_some()) {
        // A cover letter: letter body, issuer, date, then the title and preamble.
        Some(di) => {
            f.date = parse_date(&texts[di]).unwrap_or_default();
            let mut k = di;
            while k > 0 && is_title_like(&texts[k - 1]) && !texts[k - 1].ends_with('。') {
                k -= 1;
            }
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
            let after = &texts[di + 1..];
            match after.first() {
                Some(t) if is_title_like(t) => {
                    f.title = t.clone();
                    f.preamble = after[1..].to_vec();
                }
                _ => f.preamble = after.to_vec(),
            }
        }
        None => {
            let mut it = texts.into_iter();
            for t in it.by_ref() {
                if f.title.is_empty() && is_title_like(&t) {
                    f.title = t;
                } else {
                    f.preamble.push(t);
                }
                if !f.title.is_empty() {
                    break;
                }
            }
            f.preamble.extend(it);
        }
    }
    // A title split over two short lines ("关于…的" / "通知").
    f
}

//! Numbering labels: 一、 （一） 1. （1） 第一章 第一节 第一条.

use crate::doc::numerals::chinese;

/// The numbering styles, outermost first: 一、 → （一） → 1. → （1）.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Style {
    /// An unnumbered Markdown heading of this level ("## 范围").
    Heading(u8),
    /// 第一章
    Chapter,
    /// 第一节
    Part,
    /// Decimal numbering of this depth: 5.1 → 2, 5.1.2 → 3 (standards, plans).
    Decimal(u8),
    /// 一、
    Chinese,
    /// 第一条 (regulations: 办法, 条例, 规定)
    Article,
    /// （一）
    ParenChinese,
    /// 1.
    Arabic,
    /// （1）
    ParenArabic,
}

/// A heading label at the start of `s`: (style, number, label, rest).
pub(super) fn label(s: &str) -> Option<(Style, u32, &str, &str)> {
    if let Some(after) = s.strip_prefix('第') {
        let end = after.find(['章', '节', '条'])?;
        let num = &after[..end];
        // 第十二条, or 第12条 in documents typed with Arabic numerals.
        let n = chinese(num).or_else(|| {
            (num.len() <= 3 && num.bytes().all(|b| b.is_ascii_digit()))
                .then(|| num.parse().ok())
                .flatten()
        })?;
        let unit = after[end..].chars().next()?;
        let lab_len = '第'.len_utf8() + end + unit.len_utf8();
        let rest = s[lab_len..].trim_start();
        if rest.is_empty() {
            return None;
        }
        let style = match unit {
            '章' => Style::Chapter,
            '节' => Style::Part,
            _ => Style::Article,
        };
        return Some((style, n, &s[..lab_len], rest));
    }
    if let Some(d) = decimal(s) {
        return Some(d);
    }
    let open = ['（', '('];
    let close = ['）', ')'];
    if let Some(inner) = s.strip_prefix(open) {
        let end = inner.find(close)?;
        let num = &inner[..end];
        let after = &inner[end..];
        let close_len = after.chars().next()?.len_utf8();
        let lab_len = s.len() - inner.len() + end + close_len;
        let rest = &s[lab_len..];
        if rest.trim().is_empty() {
            return None;
        }
        if let Some(n) = chinese(num) {
            return Some((Style::ParenChinese, n, &s[..lab_len], rest));
        }
        if !num.is_empty() && num.len() <= 3 && num.bytes().all(|b| b.is_ascii_digit()) {
            return Some((Style::ParenArabic, num.parse().ok()?, &s[..lab_len], rest));
        }
        return None;
    }
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let after = &s[digits..];
        let sep = after.chars().next()?;
        if matches!(sep, '.' | '．' | '、') {
            let rest = &after[sep.len_utf8()..];
            // "1.5亿" is a number, not a label.
            if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let lab_len = digits + sep.len_utf8();
            return Some((
                Style::Arabic,
                s[..digits].parse().ok()?,
                &s[..lab_len],
                rest.trim_start(),
            ));
        }
        return None;
    }
    let end = s.find('、')?;
    let n = chinese(&s[..end])?;
    let lab_len = end + '、'.len_utf8();
    let rest = &s[lab_len..];
    if rest.trim().is_empty() {
        return None;
    }
    Some((Style::Chinese, n, &s[..lab_len], rest))
}

/// "5.1.2 重伤二级": two to five dot-separated numbers, then a space.
fn decimal(s: &str) -> Option<(Style, u32, &str, &str)> {
    let end = match s.find(' ') {
        Some(e) => e,
        None => return decimal_heading_unspaced(s),
    };
    let lab = &s[..end];
    let parts: Vec<&str> = lab.split('.').collect();
    let ok = (2..=5).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let rest = s[end..].trim_start();
    // "1.5 亿元", "2.5 倍": an amount, not a heading.
    let amount =
        rest.starts_with(|c: char| "亿万千百元个倍%‰年月日天时分秒米吨公里平方度".contains(c));
    if !ok || rest.is_empty() || amount || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n = parts.last()?.parse().ok()?;
    Some((Style::Decimal(parts.len() as u8), n, lab, rest))
}

/// "1.1编制目的": without a space only a short heading counts, so "1.5亿元…"
/// and "2.3万家企业" stay text.
fn decimal_heading_unspaced(s: &str) -> Option<(Style, u32, &str, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit() && c != '.')?;
    let (lab, rest) = s.split_at(end);
    let parts: Vec<&str> = lab.split('.').collect();
    let ok = (2..=5).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let n = rest.chars().count();
    let heading = (2..=15).contains(&n)
        && rest
            .chars()
            .all(|c| crate::text::char_width(c) == 2 && !"，。；：、！？（）".contains(c))
        && !rest.starts_with(|c: char| "亿万千百元个倍年月日天时分秒米吨公里平方度".contains(c));
    if !(ok && heading) {
        return None;
    }
    let n = parts.last()?.parse().ok()?;
    Some((Style::Decimal(parts.len() as u8), n, lab, rest))
}

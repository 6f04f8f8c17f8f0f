//! Stable document ids: short, ASCII, safe as file names, and derived from
//! the 文号 where there is one ("工信部企业〔2021〕169号" → `gxbqy-2021-169`),
//! so the same document added twice gets the same id.

use pinyin::ToPinyin;
use sha2::{Digest, Sha256};

use crate::doc::Document;

/// The id `doc` would get (before any collision suffix).
pub fn base_id(doc: &Document) -> String {
    match from_number(&doc.number) {
        Some(id) => id,
        None => from_title(&doc.title, &doc.issuer),
    }
}

/// `agency initials-year-serial` from a 文号; `None` when it has no year
/// and serial (then the title names the document).
pub fn from_number(number: &str) -> Option<String> {
    let folded = crate::search::fold(number);
    let mut prefix = String::new();
    let mut digits: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            digits.push(std::mem::take(&mut cur));
        }
        if digits.is_empty() {
            prefix.push_str(&initials(c));
        }
    }
    if !cur.is_empty() {
        digits.push(cur);
    }
    if digits.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !prefix.is_empty() {
        parts.push(prefix);
    }
    parts.extend(digits);
    Some(parts.join("-"))
}

/// Initials of the title (at most 12) and a short hash of title and issuer,
/// so provinces' identically titled 实施意见 get different ids.
pub fn from_title(title: &str, issuer: &str) -> String {
    let mut s: String = title.chars().map(initials).collect();
    s.truncate(12);
    let mut h = Sha256::new();
    h.update(title.as_bytes());
    h.update([0]);
    h.update(issuer.as_bytes());
    let hex = hex(&h.finalize()[..3]);
    if s.is_empty() {
        format!("doc-{hex}")
    } else {
        format!("{s}-{hex}")
    }
}

/// Lower-case initial of a Chinese character, the character itself when it
/// is an ASCII letter or digit, nothing otherwise.
fn initials(c: char) -> String {
    if c.is_ascii_alphanumeric() {
        return c.to_ascii_lowercase().to_string();
    }
    match c.to_pinyin() {
        Some(p) => p.first_letter().to_string(),
        None => String::new(),
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `id` is one this library could have made (and so is safe to join
/// to a directory): ASCII letters, digits and hyphens, not empty, not long.
pub fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_numbers_and_titles() {
        assert_eq!(
            from_number("工信部企业〔2021〕169号").as_deref(),
            Some("gxbqy-2021-169")
        );
        assert_eq!(
            from_number("国办发[2018]128号").as_deref(),
            Some("gbf-2018-128")
        );
        assert_eq!(
            from_number("国务院令第７３２号").as_deref(),
            Some("gwyld-732")
        );
        assert_eq!(from_number(""), None);
        assert_eq!(from_number("无"), None);
        let a = from_title("关于加快发展的实施意见", "甲省人民政府");
        let b = from_title("关于加快发展的实施意见", "乙省人民政府");
        assert!(a.starts_with("gyjkfzdssy"), "{a}");
        assert_ne!(a, b);
        assert!(is_valid(&a) && is_valid("gxbqy-2021-169"));
        assert!(!is_valid("../x") && !is_valid("") && !is_valid("A"));
    }
}

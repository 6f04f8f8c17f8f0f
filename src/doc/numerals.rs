//! Numbers as documents and users write them: Chinese numerals (十二,
//! 一百零五), ASCII and full-width digits. One parser for the importer's
//! labels, the search's `#12` and the browser's `:12`.

/// Parses a Chinese numeral: 一 … 十 … 二十一 … 一百零五, 两, 〇/零.
pub fn chinese(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 8 {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut cur: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                let d = digit(c)?;
                if cur.is_some_and(|v| v != 0) {
                    return None; // two digits in a row ("一一")
                }
                cur = Some(d);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        last_unit = unit;
        let d = match cur.take() {
            Some(0) => return None,
            Some(d) => d,
            None if unit == 10 && total == 0 => 1, // 十 = 10, 十二 = 12
            None => return None,
        };
        total += d * unit;
    }
    if let Some(d) = cur {
        total += d;
    }
    (total > 0).then_some(total)
}

/// A measure number as a user types it: "12", "１２", "十二", "（十二）" → 12.
/// Zero and anything else is `None`.
pub fn parse_number(s: &str) -> Option<usize> {
    let s = s
        .trim()
        .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | '、' | '.' | '．'));
    // Full-width digits from a Chinese input method count as digits.
    let digits: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.parse().ok().filter(|&n| n > 0);
    }
    chinese(s).map(|n| n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十一", 21),
            ("三十四", 34),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两百", 200),
        ] {
            assert_eq!(chinese(s), Some(n), "{s}");
        }
        for s in ["", "零", "一一", "十十", "百", "甲"] {
            assert_eq!(chinese(s), None, "{s}");
        }
    }

    #[test]
    fn user_numbers() {
        for (s, n) in [
            ("12", 12),
            ("１２", 12),
            ("十二", 12),
            ("（十二）", 12),
            ("(3)", 3),
            (" 34 ", 34),
            ("一千零一", 1001),
        ] {
            assert_eq!(parse_number(s), Some(n), "{s}");
        }
        for s in ["", "0", "零", "abc", "十x", "十二三", "１a"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }
}

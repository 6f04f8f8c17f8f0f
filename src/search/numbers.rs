//! Number forms a user types for a measure: 第十二条, 第12项, （十二）, 十二,
//! 12, １２. The search turns them into a jump to the measure, listed first.

use super::query::parse_number;

/// The measure number a term (folded) stands for, if it is a number form.
pub fn number_form(term: &str) -> Option<usize> {
    let t = term.trim();
    let t = t.strip_prefix("措施").unwrap_or(t);
    let t = t.strip_suffix("措施").unwrap_or(t);
    let t = t.strip_prefix('第').unwrap_or(t);
    let t = t
        .strip_suffix(|c| matches!(c, '条' | '项' | '款' | '点' | '个'))
        .unwrap_or(t);
    let inner = t.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | '、' | '.' | '．'));
    if inner.is_empty() || inner.chars().count() > 8 {
        return None;
    }
    parse_number(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_forms() {
        for (s, n) in [
            ("第十二条", 12),
            ("十二", 12),
            ("第12项", 12),
            ("(十二)", 12),
            ("12", 12),
            ("34", 34),
            ("二十", 20),
            ("第三十四款", 34),
            ("12、", 12),
            ("第十二项措施", 12),
            ("措施12", 12),
            ("12条措施", 12),
        ] {
            assert_eq!(number_form(s), Some(n), "{s}");
        }
        for s in ["第", "条", "融资", "12a", "第十二章", "()", "0", "措施"] {
            assert_eq!(number_form(s), None, "{s}");
        }
    }
}

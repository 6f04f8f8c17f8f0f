//! Traditional → simplified Chinese, character by character, so that
//! 專精特新 finds 专精特新 and a traditional document is found by simplified
//! queries. The table (2,734 pairs, from fast2s / OpenCC, see
//! `assets/t2s/LICENSE`) is parsed into a dense array on first use (about
//! 20 µs); every pair is one char to one char, so offsets never move.

use std::sync::OnceLock;

const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;
const NONE: char = '\0';

fn table() -> &'static [char] {
    static T: OnceLock<Box<[char]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = vec![NONE; (LAST - FIRST + 1) as usize];
        for line in include_str!("../../assets/t2s/t2s.txt").lines() {
            let mut cs = line.chars().filter(|c| !c.is_whitespace());
            if let (Some(a), Some(b), None) = (cs.next(), cs.next(), cs.next())
                && (FIRST..=LAST).contains(&(a as u32))
            {
                t[(a as u32 - FIRST) as usize] = b;
            }
        }
        t.into_boxed_slice()
    })
}

/// The simplified form of `c` (itself when it has none).
pub fn simplify(c: char) -> char {
    let u = c as u32;
    if !(FIRST..=LAST).contains(&u) {
        return c;
    }
    match table()[(u - FIRST) as usize] {
        NONE => c,
        s => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplifies_characters() {
        let s: String = "專精特新融資人民銀行".chars().map(simplify).collect();
        assert_eq!(s, "专精特新融资人民银行");
        assert_eq!(simplify('中'), '中');
        assert_eq!(simplify('a'), 'a');
        // Every pair is one char to one char and the table has them all.
        assert_eq!(table().iter().filter(|&&c| c != NONE).count(), 2734);
    }
}

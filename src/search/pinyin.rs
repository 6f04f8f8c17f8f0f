//! Contiguous pinyin matching: a query of ASCII letters against Chinese text,
//! each character spelt by its full syllable, its initial (z or zh), or — for
//! the last character — a prefix of its syllable (so typing "kaifayinh" already
//! finds 开发银行). Every reading of a polyphonic character is accepted (行 is
//! xing and hang, 重 zhong and chong). Scattered initials are never matched: they
//! would match nearly everything.

use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// Readings of every ideograph in U+3400..=U+9FFF, built once per process
/// and shared by every index. No allocation per char: the pool points into
/// the pinyin crate's static strings.
struct Table {
    /// Per char: bit `n` set when a reading starts with letter `a + n`.
    masks: Vec<u32>,
    /// Per char: range into `pool`.
    spans: Vec<(u32, u8)>,
    pool: Vec<&'static [u8]>,
}

/// A reading as typed: ü is typed v (IMEs) or u (casually); accept both.
fn typed(plain: &'static str) -> [Option<&'static [u8]>; 2] {
    let both = |v: &'static str, u: &'static str| [Some(v.as_bytes()), Some(u.as_bytes())];
    match plain {
        "lü" => both("lv", "lu"),
        "lüe" => both("lve", "lue"),
        "nü" => both("nv", "nu"),
        "nüe" => both("nve", "nue"),
        p if p.bytes().all(|b| b.is_ascii_lowercase()) && !p.is_empty() => {
            [Some(p.as_bytes()), None]
        }
        _ => [None, None],
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let n = (LAST - FIRST + 1) as usize;
        let mut t = Table {
            masks: vec![0; n],
            spans: vec![(0, 0); n],
            pool: Vec::with_capacity(n * 5 / 4),
        };
        for (i, code) in (FIRST..=LAST).enumerate() {
            let Some(m) = char::from_u32(code).and_then(|c| c.to_pinyin_multi()) else {
                continue;
            };
            let start = t.pool.len();
            for p in m {
                for r in typed(p.plain()).into_iter().flatten() {
                    if !t.pool[start..].contains(&r) {
                        t.masks[i] |= 1 << (r[0] - b'a');
                        t.pool.push(r);
                    }
                }
            }
            t.spans[i] = (start as u32, (t.pool.len() - start) as u8);
        }
        t
    })
}

/// The plain readings of `c` (empty when it has none), e.g. 行 → xing, hang, heng.
#[cfg(test)]
pub fn readings(c: char) -> impl Iterator<Item = &'static [u8]> {
    let t = table();
    let (start, len) = slot(c).map_or((0, 0), |i| t.spans[i]);
    t.pool[start as usize..start as usize + len as usize]
        .iter()
        .copied()
}

fn slot(c: char) -> Option<usize> {
    let code = c as u32;
    (FIRST..=LAST)
        .contains(&code)
        .then(|| (code - FIRST) as usize)
}

/// Whether `q` can be a pinyin query: ASCII lowercase letters only (already
/// folded), short enough for the matcher's state set.
pub fn is_pinyin_query(q: &str) -> bool {
    !q.is_empty() && q.len() < 128 && q.bytes().all(|b| b.is_ascii_lowercase())
}

/// A compiled pinyin query.
pub struct Matcher {
    q: Vec<u8>,
    first_bit: u32,
    table: &'static Table,
}

impl Matcher {
    /// `None` unless [`is_pinyin_query`].
    pub fn new(q: &str) -> Option<Matcher> {
        is_pinyin_query(q).then(|| Matcher {
            q: q.as_bytes().to_vec(),
            first_bit: 1 << (q.as_bytes()[0] - b'a'),
            table: table(),
        })
    }

    /// The end (exclusive) of the shortest match starting at `text[i]`.
    pub fn match_at(&self, text: &[char], i: usize) -> Option<usize> {
        let t = self.table;
        let first = slot(*text.get(i)?)?;
        if t.masks[first] & self.first_bit == 0 {
            return None;
        }
        let n = self.q.len();
        // Breadth-first over the query positions reachable after each char:
        // linear in the text, no backtracking blow-up ("shishishi…").
        let mut states: u128 = 1;
        for (k, &c) in text[i..].iter().enumerate() {
            let s = slot(c)?;
            let (start, len) = t.spans[s];
            let mut next: u128 = 0;
            let mut rest = states;
            while rest != 0 {
                let p = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let q = &self.q[p..];
                if t.masks[s] & (1 << (q[0] - b'a')) == 0 {
                    continue;
                }
                for r in &t.pool[start as usize..start as usize + len as usize] {
                    if r.starts_with(q) {
                        // The query ends inside (or exactly at the end of) this syllable.
                        return Some(i + k + 1);
                    }
                    if q.starts_with(r) {
                        next |= 1 << (p + r.len());
                    }
                    if r[0] == q[0] {
                        next |= 1 << (p + 1);
                        if r.len() > 1
                            && r[1] == b'h'
                            && matches!(r[0], b'z' | b'c' | b's')
                            && q.get(1) == Some(&b'h')
                        {
                            next |= 1 << (p + 2);
                        }
                    }
                }
            }
            if next & (1 << n) != 0 {
                return Some(i + k + 1);
            }
            if next == 0 {
                return None;
            }
            states = next;
        }
        None
    }

    /// Every non-overlapping match, left to right, as char ranges.
    pub fn find_all(&self, text: &[char]) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            match self.match_at(text, i) {
                Some(e) => {
                    out.push(i..e);
                    i = e;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn find(q: &str, text: &str) -> Vec<std::ops::Range<usize>> {
        let chars: Vec<char> = text.chars().collect();
        Matcher::new(q).unwrap().find_all(&chars)
    }

    #[test]
    fn polyphonic_readings() {
        let r: Vec<String> = readings('行')
            .map(|r| String::from_utf8(r.to_vec()).unwrap())
            .collect();
        assert!(r.contains(&"hang".to_string()) && r.contains(&"xing".to_string()));
        assert_eq!(find("yinhang", "人民银行"), vec![2..4]);
        assert_eq!(find("chongzu", "并购重组对接"), vec![2..4]);
        assert_eq!(find("tiaozheng", "调整完善"), vec![0..2]);
        assert_eq!(find("lv", "绿色"), vec![0..1]);
        assert_eq!(find("lvse", "绿色"), vec![0..2]);
    }

    #[test]
    fn full_initials_mixed_and_prefix() {
        let t = "引导“专精特新”中小企业";
        assert_eq!(find("zjtx", t), vec![3..7]);
        assert_eq!(find("zhuanjingtexin", t), vec![3..7]);
        assert_eq!(find("zhjtx", t), vec![3..7]);
        assert_eq!(find("kaifayinh", "开发银行"), vec![0..4]);
        assert_eq!(find("zxqy", t), vec![8..12]);
        // Contiguous only: initials across punctuation or scattered don't match.
        assert!(find("ydzj", t).is_empty());
        assert!(find("jx", t).is_empty());
        // 精 also reads qing.
        assert_eq!(find("zq", t), vec![3..5]);
        assert!(find("q", "abc").is_empty());
    }

    #[test]
    fn pathological_query_is_linear() {
        let t: String = "是".repeat(2000);
        let chars: Vec<char> = t.chars().collect();
        let m = Matcher::new(&"shi".repeat(40)).unwrap();
        assert_eq!(m.match_at(&chars, 0), Some(40));
        assert!(Matcher::new("").is_none());
        assert!(Matcher::new("ab1").is_none());
    }
}

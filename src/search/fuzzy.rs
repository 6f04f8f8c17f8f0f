//! Fuzzy matching, the last tier: the term's characters in order within a
//! short window, scored by fuzzy-matcher's SkimMatcherV2 on that window.
//!
//! SkimMatcherV2 alone would align a CJK term across a whole paragraph (it has
//! no word boundaries inside CJK text), so `量子计算` would "match" any measure
//! mentioning 质量, 因子, 计划 and 预算. The window bounds the spread: at most
//! a third more characters than the term, at least one gap allowed.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The best fuzzy match of a folded term in folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyMatch {
    /// Matched char positions in the text, ascending.
    pub positions: Vec<usize>,
    /// SkimMatcherV2's score for the window.
    pub score: i64,
}

impl FuzzyMatch {
    /// Last position + 1 − first position.
    pub fn span(&self) -> usize {
        match (self.positions.first(), self.positions.last()) {
            (Some(a), Some(b)) => b + 1 - a,
            _ => 0,
        }
    }

    /// The positions as maximal runs of char ranges.
    pub fn ranges(&self) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for &p in &self.positions {
            match out.last_mut() {
                Some(r) if r.end == p => r.end = p + 1,
                _ => out.push(p..p + 1),
            }
        }
        out
    }
}

/// A compiled fuzzy term.
pub struct Fuzzy {
    term: Vec<char>,
    term_str: String,
    max_span: usize,
    skim: SkimMatcherV2,
}

impl Fuzzy {
    /// `None` for terms too short to be fuzzy (one char: fuzzy = exact).
    pub fn new(term: &str) -> Option<Fuzzy> {
        let chars: Vec<char> = term.chars().collect();
        let n = chars.len();
        (n >= 2).then(|| Fuzzy {
            max_span: n + (n / 3).max(1),
            term: chars,
            term_str: term.to_string(),
            skim: SkimMatcherV2::default().ignore_case(),
        })
    }

    /// The most compact window in `text` holding the term as a subsequence,
    /// if any fits the span bound.
    pub fn find(&self, text: &[char]) -> Option<FuzzyMatch> {
        let (&first, rest) = self.term.split_first()?;
        let mut best: Option<Range<usize>> = None;
        for (i, _) in text.iter().enumerate().filter(|(_, c)| **c == first) {
            let limit = (i + self.max_span).min(text.len());
            let mut j = i + 1;
            let mut ok = true;
            for &t in rest {
                match text[j..limit].iter().position(|&c| c == t) {
                    Some(off) => j += off + 1,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && best.as_ref().is_none_or(|b| j - i < b.len()) {
                best = Some(i..j);
            }
        }
        let w = best?;
        let window: String = text[w.clone()].iter().collect();
        let (score, idx) = self.skim.fuzzy_indices(&window, &self.term_str)?;
        // fuzzy-matcher's indices are char positions (fuzzy-matcher#15), as ours are.
        Some(FuzzyMatch {
            positions: idx.into_iter().map(|p| w.start + p).collect(),
            score,
        })
    }
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn bounded_window() {
        let f = Fuzzy::new("知识权质押").unwrap();
        let m = f.find(&c("发挥知识产权质押信息平台")).unwrap();
        assert_eq!(m.positions, vec![2, 3, 5, 6, 7]);
        assert_eq!(m.ranges(), vec![2..4, 5..8]);
        assert_eq!(m.span(), 6);
        // Two chars apart is too far for a four-char term.
        assert!(
            Fuzzy::new("知识质押")
                .unwrap()
                .find(&c("知识产权质押"))
                .is_none()
        );
        // Scattered over a paragraph: no match.
        let q = Fuzzy::new("量子计算").unwrap();
        assert!(
            q.find(&c("提高质量，因子分析，完善计划，加强预算管理"))
                .is_none()
        );
        assert!(Fuzzy::new("量").is_none());
    }

    #[test]
    fn picks_most_compact_window() {
        let f = Fuzzy::new("abc").unwrap();
        let m = f.find(&c("a_b__c xx abxc")).unwrap();
        assert_eq!(m.positions, vec![10, 11, 13]);
    }
}

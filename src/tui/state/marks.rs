//! Highlighted matches after a search was opened: `n` / `N` walk them,
//! result by result, wrapping around as less and vim do.

use crate::tui::finder::Found;

#[derive(Debug, Clone)]
pub struct Marks {
    results: Vec<Found>,
    result: usize,
    /// Index into the result's matches (title ones first, then text ones).
    current: usize,
}

impl Marks {
    /// Marks on `results`, at the first match of result `result`.
    pub fn new(results: Vec<Found>, result: usize) -> Marks {
        let result = result.min(results.len().saturating_sub(1));
        Marks {
            results,
            result,
            current: 0,
        }
    }

    /// The result the current match is in, and the match's index in it.
    pub fn current(&self) -> Option<(&Found, usize)> {
        Some((self.results.get(self.result)?, self.current))
    }

    /// Every result, in rank order.
    pub fn results(&self) -> &[Found] {
        &self.results
    }

    /// (result, match in it) of the current match.
    pub fn position(&self) -> (usize, usize) {
        (self.result, self.current)
    }

    /// The current match's index among all matches (0-based).
    pub fn ordinal(&self) -> usize {
        let before: usize = self.results[..self.result.min(self.results.len())]
            .iter()
            .map(Found::count)
            .sum();
        before + self.current
    }

    /// How many matches in all.
    pub fn total(&self) -> usize {
        self.results.iter().map(Found::count).sum()
    }

    /// Moves to the next (or previous) match, skipping results without any;
    /// returns true when it wrapped around. Nothing moves when there are no
    /// matches at all.
    pub fn step(&mut self, forward: bool) -> bool {
        let n = self.results.len();
        if self.total() == 0 {
            return false;
        }
        let count = |m: &Marks| m.results[m.result].count();
        let mut wrapped = false;
        if forward {
            if self.current + 1 < count(self) {
                self.current += 1;
                return false;
            }
            loop {
                self.result += 1;
                if self.result == n {
                    self.result = 0;
                    wrapped = true;
                }
                if count(self) > 0 {
                    self.current = 0;
                    return wrapped;
                }
            }
        }
        if self.current > 0 && self.current <= count(self) {
            self.current -= 1;
            return false;
        }
        loop {
            if self.result == 0 {
                self.result = n;
                wrapped = true;
            }
            self.result -= 1;
            if count(self) > 0 {
                self.current = count(self) - 1;
                return wrapped;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results with 2, 0 and 1 matches: five steps forward visit the three
    /// matches, skip the empty result and wrap; backward the same in reverse.
    #[test]
    fn steps_skip_empty_results_and_wrap_both_ways() {
        let mut m = Marks::new(
            vec![Found::stub(1, 2), Found::stub(2, 0), Found::stub(3, 1)],
            0,
        );
        assert_eq!(m.total(), 3);
        let mut seen = vec![m.position()];
        let mut wraps = 0;
        for _ in 0..3 {
            wraps += usize::from(m.step(true));
            seen.push(m.position());
        }
        assert_eq!(seen, [(0, 0), (0, 1), (2, 0), (0, 0)]);
        assert_eq!(wraps, 1);
        assert!(m.step(false), "back from the first wraps to the last");
        assert_eq!(m.position(), (2, 0));
        assert!(!m.step(false));
        assert_eq!(m.position(), (0, 1));
        let mut none = Marks::new(vec![Found::stub(1, 0)], 0);
        assert!(!none.step(true));
        assert_eq!(none.position(), (0, 0));
        assert!(Marks::new(Vec::new(), 3).current().is_none());
    }
}

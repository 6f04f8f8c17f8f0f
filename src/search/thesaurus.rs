//! The domain thesaurus (`assets/thesaurus.json`): synonyms and policy
//! shorthand (减税 → 税费减免, 税收优惠) and English policy concepts
//! (financing → 融资), applied at query time. Parsed on first use, so the
//! browser's first frame never pays for it.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::normalize::fold;

#[derive(Deserialize)]
struct File {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    /// Spellings a user types (folded at load).
    terms: Vec<String>,
    /// What each of them also searches.
    expand: Vec<String>,
}

/// Folded term → folded expansions, in file order, without the term itself.
fn table() -> &'static HashMap<String, Vec<String>> {
    static T: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    T.get_or_init(|| {
        let file: File = serde_json::from_str(include_str!("../../assets/thesaurus.json"))
            .unwrap_or(File {
                entries: Vec::new(),
            });
        let mut t: HashMap<String, Vec<String>> = HashMap::new();
        for e in file.entries {
            for term in &e.terms {
                let key = fold(term.trim());
                let v = t.entry(key.clone()).or_default();
                for x in &e.expand {
                    let x = fold(x.trim());
                    if x != key && !x.is_empty() && !v.contains(&x) {
                        v.push(x);
                    }
                }
            }
        }
        t
    })
}

/// What `term` (folded) also searches; empty when the thesaurus has no entry.
pub fn expand(term: &str) -> &'static [String] {
    table().get(term).map_or(&[], Vec::as_slice)
}

/// Number of distinct terms with an entry.
pub fn len() -> usize {
    table().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_expands() {
        assert!(expand("减税").iter().any(|x| x == "税费减免"));
        assert!(expand("financing").iter().any(|x| x == "融资"));
        // Folded keys: upper case and full width are found.
        assert_eq!(expand(&fold("Financing")), expand("financing"));
        assert!(expand("量子计算").is_empty());
        assert!(len() >= 200, "{}", len());
        for (k, v) in table() {
            assert!(!v.is_empty(), "{k} expands to nothing");
        }
    }
}

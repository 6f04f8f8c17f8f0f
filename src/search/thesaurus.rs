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

/// What `term` (folded) also searches; empty when the thesaurus has no
/// entry. An English word not listed is tried without its inflection
/// (loans → loan, exporting → export, subsidies → subsidy).
pub fn expand(term: &str) -> &'static [String] {
    let t = table();
    if let Some(v) = t.get(term) {
        return v;
    }
    if term.len() < 4 || !term.bytes().all(|b| b.is_ascii_lowercase()) {
        return &[];
    }
    let stems = [
        term.strip_suffix("ies").map(|s| format!("{s}y")),
        term.strip_suffix("es").map(str::to_string),
        term.strip_suffix('s').map(str::to_string),
        term.strip_suffix("ing").map(str::to_string),
        term.strip_suffix("ed").map(str::to_string),
    ];
    stems
        .into_iter()
        .flatten()
        .find_map(|s| t.get(&s))
        .map_or(&[], Vec::as_slice)
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
        assert_eq!(expand("imports"), expand("import"));
        assert_eq!(expand("loans"), expand("loan"));
        assert!(expand("subsidies").iter().any(|x| x == "奖补"));
        assert!(expand("taxed").iter().any(|x| x == "纳税"));
        assert!(expand("xs").is_empty());
        assert!(len() >= 200, "{}", len());
        for (k, v) in table() {
            assert!(!v.is_empty(), "{k} expands to nothing");
        }
    }
}

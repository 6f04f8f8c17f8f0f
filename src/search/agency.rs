//! Agencies as the search sees them: each distinct clause name once, with every
//! spelling the directory knows (variants, full name, abbreviations, English
//! name), folded. Records refer to entries by id, so a 5 MB corpus naming the
//! same 40 agencies costs 40 entries, and a query matches each entry once.

use std::collections::HashMap;

use crate::doc::agencies::Directory;

use super::exact;
use super::normalize::{NormText, fold};
use super::pinyin;

/// One distinct clause name.
pub struct Entry {
    /// The name as written in clauses.
    pub written: String,
    /// The name as written in clauses, folded.
    pub name: NormText,
    /// Every spelling, folded; the first is the clause name.
    pub aliases: Vec<NormText>,
    /// The directory's name for this agency, when it knows it.
    pub canonical: Option<String>,
}

pub struct Agencies {
    pub entries: Vec<Entry>,
    by_name: HashMap<String, u32>,
    dir: &'static Directory,
}

impl Agencies {
    pub fn new(dir: &'static Directory) -> Agencies {
        Agencies {
            entries: Vec::new(),
            by_name: HashMap::new(),
            dir,
        }
    }

    /// The id of clause name `name`, adding it on first sight.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        let id = self.entries.len() as u32;
        let agency = self.dir.lookup(name);
        let mut spellings: Vec<String> = vec![fold(name)];
        if let Some(a) = agency {
            for s in a.spellings().chain([a.english_name.as_str()]) {
                let f = fold(s);
                if !spellings.contains(&f) {
                    spellings.push(f);
                }
            }
        }
        self.entries.push(Entry {
            written: name.to_string(),
            name: NormText::new(name),
            aliases: spellings.iter().map(|s| NormText::new(s)).collect(),
            canonical: agency.map(|a| a.name.clone()),
        });
        self.by_name.insert(name.to_string(), id);
        id
    }

    /// The entries a directory spelling selects (as `a:X` does), `None` when
    /// `x` (folded) is no agency's spelling.
    pub fn known(&self, x: &str) -> Option<Vec<bool>> {
        self.dir.lookup(x)?;
        Some(self.select(x))
    }

    /// Which entries `a:X` selects (`x` folded). A spelling the directory
    /// knows selects exactly that agency (`pboc`, `人民银行`, `工信部`) and the
    /// ones it has replaced (`nfra` selects 银保监会); otherwise any entry one
    /// of whose spellings contains X, or spells it in pinyin (`rmyh`).
    pub fn select(&self, x: &str) -> Vec<bool> {
        if let Some(a) = self.dir.lookup(x) {
            let spellings: Vec<String> = a.spellings().map(fold).collect();
            return self
                .entries
                .iter()
                .map(|e| {
                    let predecessor = e
                        .canonical
                        .as_deref()
                        .and_then(|c| self.dir.lookup(c))
                        .is_some_and(|ea| self.dir.now_part_of(ea, a));
                    predecessor || spellings.contains(&e.name.chars.iter().collect::<String>())
                })
                .collect();
        }
        let needle: Vec<char> = x.chars().collect();
        let py = pinyin::Matcher::new(x);
        self.entries
            .iter()
            .map(|e| {
                e.aliases.iter().any(|al| {
                    exact::contains(&al.chars, &needle)
                        || py
                            .as_ref()
                            .is_some_and(|m| !m.find_all(&al.chars).is_empty())
                })
            })
            .collect()
    }
}

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    /// The ids `a:x` selects.
    fn sel(a: &Agencies, x: &str) -> Vec<u32> {
        a.select(&fold(x))
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .map(|(i, _)| i as u32)
            .collect()
    }

    #[test]
    fn select_by_any_spelling() {
        let mut a = Agencies::new(Directory::embedded());
        let pboc = a.intern("人民银行");
        let miit = a.intern("工业和信息化部");
        let mof = a.intern("财政部");
        let cdb = a.intern("开发银行");
        let cbirc = a.intern("银保监会");
        assert_eq!(a.intern("人民银行"), pboc);
        assert_eq!(sel(&a, "pboc"), vec![pboc]);
        assert_eq!(sel(&a, "PBOC"), vec![pboc]);
        assert_eq!(sel(&a, "人民银行"), vec![pboc]);
        assert_eq!(sel(&a, "工信部"), vec![miit]);
        assert_eq!(sel(&a, "MIIT"), vec![miit]);
        assert_eq!(sel(&a, "renminyinhang"), vec![pboc]);
        assert_eq!(sel(&a, "rmyh"), vec![pboc]);
        // Not a directory spelling: a substring of any spelling (中国银行保险监督管理委员会).
        assert_eq!(sel(&a, "银行"), vec![pboc, cdb, cbirc]);
        assert_eq!(sel(&a, "finance"), vec![mof]);
        assert!(sel(&a, "量子").is_empty());
        // 银保监会 was replaced by 金融监管总局 (NFRA) in 2023.
        assert_eq!(sel(&a, "nfra"), vec![cbirc]);
        assert_eq!(sel(&a, "国家金融监督管理总局"), vec![cbirc]);
        assert_eq!(sel(&a, "银保监会"), vec![cbirc]);
    }
}

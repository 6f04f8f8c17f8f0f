//! The agency directory (assets/agencies.json): full names, English names,
//! abbreviations and name variants of the agencies named in clauses.
//!
//! The JSON's top level is `{"agencies": [ ... ]}`, one object per agency
//! (see [`Agency`]). Every spelling of one agency — the clause name, its
//! variants, the full name, the abbreviations — belongs to one entry; a
//! spelling shared by two entries is rejected by [`Directory::from_json`].

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The embedded directory's JSON.
pub const EMBEDDED_JSON: &str = include_str!("../../assets/agencies.json");

/// The values [`Agency::kind`] may take.
///
/// - `"ministry"`: a constituent department of the State Council (部; also
///   审计署, which ranks as one), and former ones.
/// - `"commission"`: a commission (委员会, 委), e.g. 发展改革委, 国资委,
///   证监会, 银保监会.
/// - `"administration"`: an administration, bureau or office (总局, 局, 署,
///   办), e.g. 税务总局, 海关总署, 知识产权局, 金融监管总局.
/// - `"bank"`: a bank: 人民银行 (the central bank) and 开发银行 (China
///   Development Bank, a policy bank).
/// - `"people's organisation"`: a people's organisation (人民团体), e.g.
///   全国工商联, 贸促会, 全国妇联, 共青团中央, 中国科协.
/// - `"collective"`: not one agency but a group named collectively, e.g.
///   各地方, 有关部门, 国务院促进中小企业发展工作领导小组各成员单位; such
///   entries have no abbreviations.
/// - `"other"`: anything else (Party departments, academies, the General
///   Office of the State Council, …).
pub const KINDS: [&str; 7] = [
    "ministry",
    "commission",
    "administration",
    "bank",
    "people's organisation",
    "collective",
    "other",
];

/// Prefixes [`Directory::lookup`] strips when the exact form is unknown.
const PREFIXES: [&str; 4] = ["中华人民共和国", "国务院", "国家", "中国"];

/// One agency (or collective term) of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// The name as used in responsibility clauses, e.g. "发展改革委".
    pub name: String,
    /// Other spellings of the same agency, e.g. "国家发展和改革委员会".
    #[serde(default)]
    pub variants: Vec<String>,
    /// The full official Chinese name, e.g. "中华人民共和国工业和信息化部".
    pub full_name: String,
    /// The official English name (a sensible rendering for collectives).
    pub english_name: String,
    /// The usual Chinese short form, e.g. "工信部"; empty for collectives.
    #[serde(default)]
    pub abbreviation: String,
    /// The usual English abbreviation, e.g. "MIIT"; empty when none.
    #[serde(default)]
    pub english_abbreviation: String,
    /// One of [`KINDS`].
    pub kind: String,
    /// Reorganisations and similar facts; empty when none.
    #[serde(default)]
    pub note: String,
    /// The entry (by name) that took this agency's duties over when it was
    /// abolished or replaced, e.g. 银保监会 → 金融监管总局; empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub successor: String,
}

impl Agency {
    /// Whether this entry is a collective term (各地方, 有关部门, …).
    pub fn is_collective(&self) -> bool {
        self.kind == "collective"
    }

    /// Every spelling this entry answers to: name, variants, full name,
    /// abbreviation and English abbreviation (non-empty ones, may repeat).
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.variants.iter().map(String::as_str))
            .chain([
                self.full_name.as_str(),
                self.abbreviation.as_str(),
                self.english_abbreviation.as_str(),
            ])
            .filter(|s| !s.trim().is_empty())
    }
}

#[derive(Deserialize)]
struct File {
    agencies: Vec<Agency>,
}

/// The agency directory with an index of every spelling.
#[derive(Debug, Clone)]
pub struct Directory {
    agencies: Vec<Agency>,
    /// Normalised spelling → index into `agencies`.
    index: HashMap<String, usize>,
}

/// Trims and ASCII-lowercases a spelling.
fn key(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

impl Directory {
    /// The embedded directory, parsed once.
    pub fn embedded() -> &'static Directory {
        static DIR: OnceLock<Directory> = OnceLock::new();
        DIR.get_or_init(|| {
            // The embedded JSON is checked by tests; failing here is a build bug.
            Directory::from_json(EMBEDDED_JSON).expect("embedded agency directory is valid")
        })
    }

    /// Parses and checks a directory (untrusted input): every entry needs a
    /// name, a full name, an English name and a kind from [`KINDS`], and no
    /// spelling may belong to two entries.
    pub fn from_json(s: &str) -> Result<Directory, String> {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        let file: File = serde_json::from_str(s).map_err(|e| {
            format!(
                "agency directory: line {}, column {}: {e}",
                e.line(),
                e.column()
            )
        })?;
        let mut index = HashMap::new();
        for (i, a) in file.agencies.iter().enumerate() {
            let n = i + 1;
            for (field, value) in [
                ("name", &a.name),
                ("full_name", &a.full_name),
                ("english_name", &a.english_name),
            ] {
                if value.trim().is_empty() {
                    return Err(format!("agency directory: entry {n}: empty {field}"));
                }
            }
            if !KINDS.contains(&a.kind.as_str()) {
                return Err(format!(
                    "agency directory: entry {n} ({}): unknown kind {:?}",
                    a.name, a.kind
                ));
            }
            for spelling in a.spellings() {
                match index.insert(key(spelling), i) {
                    Some(j) if j != i => {
                        return Err(format!(
                            "agency directory: {:?} names both {} and {}",
                            spelling.trim(),
                            file.agencies[j].name,
                            a.name
                        ));
                    }
                    _ => {}
                }
            }
        }
        let dir = Directory {
            agencies: file.agencies,
            index,
        };
        for a in &dir.agencies {
            if !a.successor.is_empty() && dir.lookup(&a.successor).is_none() {
                return Err(format!(
                    "agency directory: {}: unknown successor {:?}",
                    a.name, a.successor
                ));
            }
            if dir.successors(a).count() >= dir.agencies.len() {
                return Err(format!(
                    "agency directory: {}: successors form a cycle",
                    a.name
                ));
            }
        }
        Ok(dir)
    }

    /// The agencies that took `a`'s duties over, nearest first
    /// (银监会 → 银保监会 → 金融监管总局). Stops on a cycle.
    pub fn successors<'a>(&'a self, a: &'a Agency) -> impl Iterator<Item = &'a Agency> + 'a {
        let mut cur = a;
        let mut steps = 0;
        std::iter::from_fn(move || {
            steps += 1;
            if steps > self.agencies.len() {
                return None;
            }
            let next = self
                .lookup(&cur.successor)
                .filter(|_| !cur.successor.is_empty())?;
            cur = next;
            Some(next)
        })
    }

    /// Whether `a` is `b` or one of `b`'s predecessors: the measures of 银保监会
    /// are now 金融监管总局's.
    pub fn now_part_of(&self, a: &Agency, b: &Agency) -> bool {
        a.name == b.name || self.successors(a).any(|s| s.name == b.name)
    }

    /// Every entry, in file order.
    pub fn all(&self) -> &[Agency] {
        &self.agencies
    }

    /// By clause name, any variant, full name, abbreviation or English
    /// abbreviation (ASCII case-insensitive), after trimming; also strips a
    /// leading "国家" / "国务院" / "中国" / "中华人民共和国" prefix when the
    /// exact form is unknown.
    pub fn lookup(&self, name: &str) -> Option<&Agency> {
        let mut k = key(name);
        loop {
            if k.is_empty() {
                return None;
            }
            if let Some(&i) = self.index.get(&k) {
                return self.agencies.get(i);
            }
            let rest = PREFIXES.iter().find_map(|p| k.strip_prefix(p))?;
            k = rest.trim().to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"agencies": [{"name": "工业和信息化部", "variants": ["工信部"],
        "full_name": "中华人民共和国工业和信息化部",
        "english_name": "Ministry of Industry and Information Technology",
        "abbreviation": "工信部", "english_abbreviation": "MIIT", "kind": "ministry"}]}"#;

    #[test]
    fn parses_and_looks_up() {
        let d = Directory::from_json(ONE).unwrap();
        assert_eq!(d.all().len(), 1);
        for s in [
            "工业和信息化部",
            " 工信部 ",
            "miit",
            "MIIT",
            "中华人民共和国工业和信息化部",
            "国家工信部",
            "国务院工业和信息化部",
        ] {
            assert_eq!(
                d.lookup(s).map(|a| a.name.as_str()),
                Some("工业和信息化部"),
                "{s}"
            );
        }
        for s in ["", "  ", "国家", "中国", "财政部", "国家国家"] {
            assert!(d.lookup(s).is_none(), "{s}");
        }
        assert_eq!(d.all()[0].note, "");
    }

    #[test]
    fn rejects_bad_input() {
        for s in [
            "",
            "null",
            "[]",
            "{}",
            "{\"agencies\": 3}",
            "{\"agencies\": [{}]}",
            "\u{feff}garbage",
            r#"{"agencies": [{"name": " ", "full_name": "x", "english_name": "x", "kind": "other"}]}"#,
            r#"{"agencies": [{"name": "x", "full_name": "x", "english_name": "x", "kind": "planet"}]}"#,
            r#"{"agencies": [
                {"name": "a", "full_name": "x", "english_name": "x", "kind": "other"},
                {"name": "b", "variants": ["A "], "full_name": "y", "english_name": "y", "kind": "other"}]}"#,
        ] {
            assert!(Directory::from_json(s).is_err(), "{s}");
        }
    }

    #[test]
    fn embedded_parses() {
        let d = Directory::embedded();
        assert!(d.all().len() > 40);
        assert!(std::ptr::eq(d, Directory::embedded()));
    }
}

//! Full official and English names of an agency, from the agency directory.

use crate::doc::agencies::Directory;
use crate::text::sanitize_line;

/// What the reader shows under `e` for one agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub full_name: String,
    pub english_name: String,
    /// English abbreviation ("MIIT"), possibly empty.
    pub english_abbreviation: String,
    /// Reorganisations and the like, possibly empty.
    pub note: String,
}

/// Looks `name` (as written in a responsibility clause) up in the directory.
/// The directory is parsed on first use, so startup does not pay for it.
pub fn describe(name: &str) -> Option<Described> {
    let a = Directory::embedded().lookup(name)?;
    Some(Described {
        full_name: sanitize_line(&a.full_name),
        english_name: sanitize_line(&a.english_name),
        english_abbreviation: sanitize_line(&a.english_abbreviation),
        note: sanitize_line(&a.note),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn miit_has_full_and_english_names() {
        let d = super::describe("工业和信息化部").expect("in the directory");
        assert!(d.full_name.contains("工业和信息化部"));
        assert!(d.english_name.contains("Industry"));
    }
}

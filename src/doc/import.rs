//! The importer: plain text → [`Document`].

use std::fmt;
use std::path::Path;

use super::Document;

/// Why a text could not be imported; displayed as one line.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// 1-based line of the input where it helps.
    pub line: Option<usize>,
    pub msg: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.msg),
            None => write!(f, "{}", self.msg),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports a file; the error names it.
pub fn import_file(path: &Path) -> Result<Document, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    import_bytes(&bytes).map_err(|e| format!("{name}: {e}"))
}

/// Imports raw bytes (must be UTF-8).
pub fn import_bytes(_bytes: &[u8]) -> Result<Document, ImportError> {
    Err(ImportError { line: None, msg: "importer not built yet".into() })
}

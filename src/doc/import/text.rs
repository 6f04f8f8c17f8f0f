//! Plain-text input: decoding, binary detection, lines.

use super::lines::{Line, split_lines};
use super::{ImportError, err};

/// The bytes as UTF-8 (a BOM allowed); GBK and other encodings are refused
/// with the line where decoding failed.
pub(super) fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(err(
                Some(line),
                "not UTF-8 text (convert GBK files with iconv -f GBK -t UTF-8 first)",
            ))
        }
    }
}

fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1b}')
}

/// NULs, or more than a few stray controls, mean a binary file.
pub(super) fn check_not_binary(text: &str) -> Result<(), ImportError> {
    let controls = text.chars().filter(|&c| is_stray_control(c)).count();
    let pos = text.find('\0').or_else(|| {
        (controls > 8 && controls * 100 > text.chars().count())
            .then(|| text.find(is_stray_control))
            .flatten()
    });
    match pos {
        Some(pos) => {
            let line = text[..pos].matches('\n').count() + 1;
            Err(err(Some(line), "binary data, not a text document"))
        }
        None => Ok(()),
    }
}

/// The non-blank lines; old Mac files end lines with a lone CR.
pub(super) fn lines(text: &str) -> Vec<Line> {
    if text.contains('\r') && !text.contains('\n') {
        split_lines(&text.replace('\r', "\n"))
    } else {
        split_lines(text)
    }
}

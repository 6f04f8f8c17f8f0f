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

/// Control characters other than line breaks, tab and ESC (which sanitising
/// removes with its sequence): C0, DEL, and C1 (UTF-8 C2 80..9F). By bytes,
/// as this runs over every input.
fn stray_controls(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    b.iter().enumerate().filter_map(move |(i, &c)| {
        let c0 = (c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x1b)) || c == 0x7f;
        let c1 = c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
        (c0 || c1).then_some(i)
    })
}

/// NULs, or more than a few stray controls, mean a binary file.
pub(super) fn check_not_binary(text: &str) -> Result<(), ImportError> {
    let pos = text.find('\0').or_else(|| {
        let controls = stray_controls(text).count();
        (controls > 8 && controls * 100 > text.chars().count())
            .then(|| stray_controls(text).next())
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

//! Clipboard over OSC 52: the terminal (even across SSH) sets the clipboard.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The OSC 52 sequence that puts `text` on the clipboard. Base64 keeps any
/// control character in `text` from reaching the terminal as such.
pub fn sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_utf8_and_carries_no_raw_controls() {
        let s = sequence("（十二）\x1b[31m");
        assert!(s.starts_with("\x1b]52;c;") && s.ends_with('\x07'));
        let body = &s[7..s.len() - 1];
        assert!(!body.contains('\x1b'));
        let back = STANDARD.decode(body).unwrap();
        assert_eq!(String::from_utf8(back).unwrap(), "（十二）\x1b[31m");
    }
}

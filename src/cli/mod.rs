//! Plain command-line output (text and JSON) for scripts and non-terminal use.
//! stdout carries only data; errors are returned as one line for main to print.

pub mod search;

use std::io::Write;

use crate::doc::Document;

/// Writes `s` and a newline to stdout; a closed pipe (`| head`) is not an error.
pub fn print(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{s}");
}

/// `zhengce outline`.
pub fn outline(_doc: &Document, _json: bool) -> Result<u8, String> {
    Err("outline: not built yet".into())
}

/// `zhengce show N`.
pub fn show(_doc: &Document, _n: usize, _json: bool) -> Result<u8, String> {
    Err("show: not built yet".into())
}

/// `zhengce agencies`.
pub fn agencies(_doc: &Document, _json: bool) -> Result<u8, String> {
    Err("agencies: not built yet".into())
}

//! `zhengce search`: text and JSON output of the search engine.
// STUB: being written by the search helper.

use crate::doc::Document;

/// Runs `zhengce search`; prints results to stdout and returns the exit code
/// (0 found, 1 nothing found, 2 bad query).
pub fn run(_doc: &Document, _query: &str, _json: bool, _limit: Option<usize>) -> i32 {
    eprintln!("zhengce: search is not built yet");
    2
}

//! zhengce (政策): a terminal browser for Chinese government policy documents.
//!
//! Data flows one way: text → [`doc::Document`] (once, sanitised) → search
//! index (once) → TUI state → frames.

pub mod cli;
pub mod doc;
pub mod library;
pub mod search;
pub mod text;
pub mod tui;

//! The browser's state, one module per pane; [`crate::tui::app::App`]
//! holds them and routes actions. Nothing here draws.

pub mod agencies;
pub mod edit;
pub mod library;
pub mod list;
pub mod marks;
pub mod search;
pub mod tree;

//! The browser's phase-1 UX modules (persistence, clipboard, wide-ambiguous
//! rendering, xterm repaint fix). They are not wired into `src/tui/mod.rs`
//! yet (the browser is being restructured), so they are compiled here from
//! their files; their unit tests run as part of this test binary.

#[allow(dead_code)]
#[path = "../src/tui/persist.rs"]
mod persist;

#[allow(dead_code)]
#[path = "../src/tui/clipboard.rs"]
mod clipboard;

#[allow(dead_code)]
#[path = "../src/tui/repaint.rs"]
mod repaint;

#[allow(dead_code)]
#[path = "../src/tui/ambiguous.rs"]
mod ambiguous;

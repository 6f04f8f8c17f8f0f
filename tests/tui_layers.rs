//! The browser's layers point one way: the views draw the state, the state
//! never reaches into the views. Checked on the sources, so a new `use`
//! that closes the cycle fails here rather than in review.

use std::path::Path;

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

#[test]
fn the_state_never_imports_a_view() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = vec![
        "src/tui/app.rs".to_string(),
        "src/tui/finder.rs".to_string(),
        "src/tui/layout.rs".to_string(),
        "src/tui/reader_lines.rs".to_string(),
        "src/tui/theme.rs".to_string(),
        "src/tui/keymap.rs".to_string(),
    ];
    for e in std::fs::read_dir(root.join("state")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        files.push(format!("src/tui/state/{name}"));
    }
    assert!(files.len() > 8);
    for f in &files {
        for (i, line) in source(f).lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("view::") && !code.contains("view}") && !code.contains(" view;"),
                "{f}:{}: {line}",
                i + 1
            );
        }
    }
}

#[test]
fn the_app_has_no_public_fields() {
    let src = source("src/tui/app.rs");
    let body = src
        .split("pub struct App {")
        .nth(1)
        .and_then(|s| s.split("\n}").next())
        .unwrap();
    assert!(body.lines().count() > 10, "found the struct");
    assert!(
        !body.lines().any(|l| l.trim_start().starts_with("pub ")),
        "{body}"
    );
}

/// README's key table is the one the key table generates (which also makes
/// the keymap, the `?` help and the status hints).
#[test]
fn readme_key_table_is_generated_from_the_key_table() {
    let readme = source("README.md");
    let section = readme
        .split("## The browser's keys")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a key section");
    let table: String = section
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    let generated = zhengce::tui::keys::readme_table();
    assert_eq!(
        table, generated,
        "README's key table differs from src/tui/keys.rs; paste this:\n{generated}"
    );
}

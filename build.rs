//! Writes into the build what every run would otherwise compute: the
//! pinyin table (see src/search/pinyin_table.rs) and the content hash of the
//! embedded document (the library checks it on every open).

#[path = "src/search/pinyin_table.rs"]
mod pinyin_table;

use sha2::{Digest, Sha256};

const EMBEDDED: &str = "assets/smes-competitiveness-measures-2021.json";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/search/pinyin_table.rs");
    println!("cargo:rerun-if-changed={EMBEDDED}");
    let table = pinyin_table::from_crate();
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("pinyin_table.rs"), pinyin_table::source(&table))
        .expect("writing the pinyin table");
    // As library::hash: the first 16 bytes of the SHA-256, in hex.
    let doc = std::fs::read(EMBEDDED).expect("reading the embedded document");
    let hex: String = Sha256::digest(&doc)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(
        out.join("builtin_hash.rs"),
        format!("/// The content hash of the embedded document.\nconst BUILTIN_HASH: &str = \"{hex}\";\n"),
    )
    .expect("writing the embedded document's hash");
}

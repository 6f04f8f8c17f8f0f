//! Writes the benchmark corpus: the embedded document's items repeated N
//! times (default 300, about 5 MB of text), as a document JSON and as plain
//! text with one measure a line (label, title, text, agencies) for fzf.
//!
//! `cargo run --release --example big_corpus -- big.json big.txt [N]`

use std::io::Write;

use zhengce::doc::Document;
use zhengce::search::replicate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (json_path, txt_path) = match (args.first(), args.get(1)) {
        (Some(j), Some(t)) => (j, t),
        _ => return Err("usage: big_corpus OUT.json OUT.txt [COPIES]".into()),
    };
    let copies = args.get(2).map_or(Ok(300), |s| s.parse())?;
    let big = replicate(&Document::embedded(), copies);
    // Compact: the figure that matters is the text, not indentation.
    std::fs::write(json_path, serde_json::to_string(&big)?)?;
    let mut txt = std::io::BufWriter::new(std::fs::File::create(txt_path)?);
    for m in big.measures() {
        let it = m.item;
        writeln!(
            txt,
            "{} {} {}",
            it.label,
            it.text.replace('\n', " "),
            it.agencies.join("、")
        )?;
    }
    txt.flush()?;
    Ok(())
}

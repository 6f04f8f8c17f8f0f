//! Command-line parsing and dispatch; nothing else.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, Subcommand};
use zhengce::{cli, doc, tui};

/// zhengce (政策): browse Chinese government policy documents in the terminal.
///
/// With no command, opens the interactive browser on the embedded document
/// 《提升中小企业竞争力若干措施》 (or prints its outline when stdout is not a terminal).
#[derive(Parser)]
#[command(name = "zhengce", version, about, long_about)]
struct Args {
    /// Load another document: a .json document, or plain text imported on the fly
    #[arg(long, global = true, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Language of the browser's own words (default: from the locale)
    #[arg(long, value_enum)]
    lang: Option<tui::Lang>,
    /// Capture the mouse in the browser (click selects, wheel scrolls)
    #[arg(long)]
    mouse: bool,
    /// The library directory (default: $ZHENGCE_LIBRARY, else the XDG data directory)
    #[arg(long, global = true, value_name = "DIR")]
    library: Option<PathBuf>,
    /// How the terminal draws East Asian ambiguous-width characters (“ ” … ─):
    /// wide, narrow or auto (ask the terminal); also ZHENGCE_AMBIGUOUS
    #[arg(long, value_name = "WIDTH")]
    ambiguous: Option<String>,
    /// Neither restore nor save the browser's place and search history
    #[arg(long)]
    no_state: bool,
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the tree: numbers, labels, titles, agencies
    Outline {
        /// Print the document JSON without the text fields
        #[arg(long)]
        json: bool,
    },
    /// Print measure N in full (section, label, title, text, agencies)
    Show {
        /// The measure's number: 12, １２ or 十二 (1 = the first measure)
        #[arg(value_parser = measure_number)]
        n: usize,
        /// Measure N of attachment K (附件K, as numbered by `outline`)
        #[arg(long, value_name = "K", value_parser = measure_number)]
        part: Option<usize>,
        /// Print the item as JSON, with its text
        #[arg(long)]
        json: bool,
    },
    /// List the agencies with their full names and the measures they own, busiest first
    Agencies {
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// Import a plain-text document and print its JSON
    Import {
        /// The plain-text file (UTF-8; hard-wrapped or one paragraph per line)
        file: PathBuf,
    },
    /// Search the library, or the --data document (terms ANDed; "phrase", !exclude, a:agency, #12, d:document)
    Search {
        /// The query; several words are joined with spaces
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print results as JSON
        #[arg(long)]
        json: bool,
        /// At most N results
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    #[command(flatten)]
    Library(cli::library::LibCmd),
}

fn measure_number(s: &str) -> Result<usize, String> {
    zhengce::doc::numerals::parse_number(s)
        .ok_or_else(|| "expected a measure number such as 12, １２ or 十二".to_string())
}

fn main() -> ExitCode {
    // Rust's stdout ignores writes to a closed descriptor (EBADF), which
    // would make `zhengce outline >&-` a silent success; worse, the next file
    // opened would get descriptor 1. Refuse before anything else.
    if !stdout_is_open() {
        cli::error("stdout is closed");
        return ExitCode::from(2);
    }
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => return usage_error(e),
    };
    let code = match run(args) {
        Ok(code) => code,
        Err(msg) => {
            cli::error(&msg);
            2
        }
    };
    ExitCode::from(code)
}

/// Set before `main` when descriptor 1 was closed at exec (`>&-`): Rust's
/// runtime then reopens it as /dev/null, so by `main` it looks open. ELF
/// `.init_array` functions run before that runtime setup.
static STDOUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
#[used]
#[unsafe(link_section = ".init_array")]
static CHECK_STDOUT_AT_START: extern "C" fn() = {
    extern "C" fn check() {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
            STDOUT_CLOSED_AT_START.store(true, Ordering::Relaxed);
        }
    }
    check
};

fn stdout_is_open() -> bool {
    !STDOUT_CLOSED_AT_START.load(Ordering::Relaxed)
}

/// `--help` and `--version` print as usual; a usage error is one line on
/// stderr and exit code 2, like every other error.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    // clap's message runs up to the first blank line ("…not provided:\n  <N>").
    let text = e.render().to_string();
    let msg: Vec<&str> = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let msg = msg.join(" ");
    let msg = msg.strip_prefix("error: ").unwrap_or(&msg);
    cli::error(&format!("{msg} (see zhengce --help)"));
    ExitCode::from(2)
}

fn run(args: Args) -> Result<u8, String> {
    if let Some(Cmd::Import { file }) = &args.cmd {
        let bytes = doc::source::read(file)?;
        let d = doc::import::import_bytes(&bytes)
            .map_err(|e| format!("{}: {e}", doc::source::display_name(file)))?;
        cli::print(&d.to_json(true))?;
        return Ok(0);
    }
    // The library's commands; `search` without --data searches the library.
    match &args.cmd {
        Some(Cmd::Library(c)) => return cli::library::run(c, args.library.as_deref()),
        Some(Cmd::Search { query, json, limit }) if args.data.is_none() => {
            let query = query.join(" ");
            check_query_length(&query)?;
            cli::one_shot_allocator();
            // A library of the embedded document alone (a fresh install) is
            // searched as that document, with everything the single-document
            // output shows (jumps, marks, "also searched", related).
            let lib = cli::library::open_to_search(args.library.as_deref())?;
            if lib.entries().len() > 1 {
                let code = cli::library::search(&lib, &query, *json, *limit);
                // Nothing is left to do: the library's tables need not be
                // taken apart one by one.
                std::mem::forget(lib);
                return Ok(code.clamp(0, 255) as u8);
            }
        }
        _ => {}
    }
    // The browser without --data opens the library's document list.
    // A library of the embedded document alone (a fresh install) opens that
    // document as before, with its place remembered.
    if args.cmd.is_none()
        && args.data.is_none()
        && std::io::stdout().is_terminal()
        // A fresh install's first frame need not parse and index the
        // embedded document twice to learn that.
        && !zhengce::library::Library::holds_nothing(&zhengce::library::default_dir(
            args.library.as_deref(),
        )?)
        && cli::library::open(args.library.as_deref())?.entries().len() > 1
    {
        let dir = zhengce::library::default_dir(args.library.as_deref())?;
        let opts = tui::Options {
            mouse: args.mouse,
            lang: args.lang,
            ambiguous: args.ambiguous.clone(),
            no_state: args.no_state,
            data: None,
        };
        return tui::run_library(&dir, opts).map(|()| 0);
    }
    let d = doc::load_or_embedded(args.data.as_deref())?;
    match args.cmd {
        None if std::io::stdout().is_terminal() => {
            let opts = tui::Options {
                mouse: args.mouse,
                lang: args.lang,
                ambiguous: args.ambiguous,
                no_state: args.no_state,
                data: args.data.clone(),
            };
            tui::run(d, opts)?;
            Ok(0)
        }
        None => cli::outline(&d, false),
        Some(Cmd::Outline { json }) => cli::outline(&d, json),
        Some(Cmd::Show { n, part, json }) => cli::show_part(&d, part, n, json),
        Some(Cmd::Agencies { json }) => cli::agencies(&d, json),
        Some(Cmd::Search { query, json, limit }) => {
            let query = query.join(" ");
            check_query_length(&query)?;
            Ok(cli::search::run(&d, &query, json, limit).clamp(0, 255) as u8)
        }
        Some(Cmd::Import { .. } | Cmd::Library(_)) => unreachable!("handled above"),
    }
}

/// Queries have a documented limit (README, "Limits").
fn check_query_length(query: &str) -> Result<(), String> {
    if query.chars().count() > cli::MAX_QUERY_CHARS {
        return Err(format!(
            "search: the query is longer than {} characters",
            cli::MAX_QUERY_CHARS
        ));
    }
    Ok(())
}

//! Prints the static shell `index.html` carries (see `session_lab::model::shell`), or with
//! `--write` puts it into `index.html` between its markers and writes the English texts the
//! module leaves out into `static/strings-en.json` (`session_lab::i18n::english`).
//! `tests/shell.rs` checks that both committed files are these.
#[cfg(not(target_arch = "wasm32"))]
use session_lab::i18n::english;
use session_lab::model::shell;

fn main() {
    let write = std::env::args().nth(1).as_deref() == Some("--write");
    if !write {
        println!("{}", shell::render());
        return;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/index.html");
    let Ok(html) = std::fs::read_to_string(path) else {
        eprintln!("session-lab-shell: cannot read {path}");
        std::process::exit(1);
    };
    let Some(out) = shell::splice(&html) else {
        eprintln!(
            "session-lab-shell: {path} has no shell markers ({} ... {})",
            shell::BEGIN,
            shell::END
        );
        std::process::exit(1);
    };
    update(path, &out, "the shell");
    // the table's English texts are compiled in only on the host
    #[cfg(not(target_arch = "wasm32"))]
    update(
        concat!(env!("CARGO_MANIFEST_DIR"), "/static/strings-en.json"),
        &english::file(),
        "the English texts",
    );
}

/// Writes `text` to `path` only when it differs, so `make serve` (which runs this first)
/// leaves the files, and trunk's watcher, alone when the table has not changed.
fn update(path: &str, text: &str, what: &str) {
    if std::fs::read_to_string(path).is_ok_and(|held| held == text) {
        return;
    }
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("session-lab-shell: cannot write {path}: {e}");
        std::process::exit(1);
    }
    eprintln!("session-lab-shell: wrote {what} into {path}");
}

//! Prints the static shell `index.html` carries (see `session_lab::model::shell`), or with
//! `--write` puts it into `index.html` between its markers. `tests/shell.rs` checks that the
//! committed shell is this one.
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
    if let Err(e) = std::fs::write(path, out) {
        eprintln!("session-lab-shell: cannot write {path}: {e}");
        std::process::exit(1);
    }
    eprintln!("session-lab-shell: wrote the shell into {path}");
}

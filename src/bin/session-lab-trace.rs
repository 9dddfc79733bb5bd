//! `session-lab-trace FILE` (or `-` for stdin): replays a scenario in the engine and prints one
//! JSON object per step, in the format docs/scenario-format.md describes.
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::{scenario, trace};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage: session-lab-trace FILE|-\n\nReplays a scenario (docs/scenario-format.md) and prints the trace as JSON.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = match args.as_slice() {
        [flag] if flag == "-h" || flag == "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        [path] => path.clone(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(&path).map(|t| text = t)
    };
    if let Err(e) = read {
        eprintln!("session-lab-trace: cannot read {path}: {e}");
        return ExitCode::from(2);
    }
    let s = match scenario::parse(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("session-lab-trace: invalid scenario: {e}");
            return ExitCode::from(1);
        }
    };
    // Ids not scripted by the scenario come from a fixed seed, so traces are reproducible.
    match trace::trace(&s, Box::new(SeededRandom(trace::TRACE_SEED))) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("session-lab-trace: the server does not start: {e}");
            ExitCode::from(1)
        }
    }
}

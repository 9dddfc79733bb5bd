//! `session-lab-trace FILE` (or `-` for stdin): replays a scenario and prints what happened.
//! The scenario replayer arrives with the engine; for now this prints usage.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "-h" || flag == "--help" => {
            println!("usage: session-lab-trace FILE|-");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: session-lab-trace FILE|-");
            eprintln!("(the scenario replayer is not implemented yet)");
            ExitCode::from(2)
        }
    }
}

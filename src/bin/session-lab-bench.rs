//! `make bench`: full simulated requests per second on the host, for a returning and a new
//! visitor, and the brute-forcer's candidates per second. A benchmark, not a test: it prints
//! figures and never fails on speed.
use session_lab::model::bruteforce::{search, total, Target};
use session_lab::workload::{run, setup, Visitor};
use std::time::{Duration, Instant};

fn measure(visitor: Visitor) -> (f64, usize) {
    let mut lab = setup();
    run(&mut lab, visitor, 2_000); // warm up
    let mut n = 0;
    let start = Instant::now();
    let mut check = 0;
    while start.elapsed() < Duration::from_secs(2) {
        check += run(&mut lab, visitor, 1_000);
        n += 1_000;
    }
    (n as f64 / start.elapsed().as_secs_f64(), check)
}

/// The whole candidate space (the MAC matches no candidate, so every one is tried).
fn brute_force() -> f64 {
    let target = Target {
        payload: "100".into(),
        mac: "not-a-real-mac-so-nothing-matches-xxxxxxxx".into(),
    };
    let start = Instant::now();
    let found = search(&target, 0, total());
    assert!(found.is_none(), "no candidate can produce that MAC");
    total() as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    // `session-lab-bench profile returning|new N`: just run the workload (for a profiler)
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [cmd, kind, n] = args.as_slice() {
        if cmd == "profile" {
            let v = if kind == "new" {
                Visitor::New
            } else {
                Visitor::Returning
            };
            let mut lab = setup();
            let check = run(&mut lab, v, n.parse().unwrap_or(1000));
            println!("checksum {check}");
            return;
        }
    }
    println!("session-lab engine on the host (bench-host profile, opt-level 3), counter app, course options");
    for v in [Visitor::Returning, Visitor::New] {
        let (rps, check) = measure(v);
        println!(
            "  {:<18} {:>10.0} requests/s   (checksum {check})",
            v.label(),
            rps
        );
    }
    println!(
        "  {:<18} {:>10.0} candidates/s ({} candidates)",
        "brute-forcer",
        brute_force(),
        total()
    );
}

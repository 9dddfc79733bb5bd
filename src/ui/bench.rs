//! Entry points the benchmark command calls in the built page (through trunk's
//! `window.wasmBindings`): the host benchmark's workload and the brute-forcer, timed by the
//! caller in JavaScript.
use crate::model::bruteforce::{search, Target};
use crate::workload::{run, setup, Visitor};
use wasm_bindgen::prelude::*;

/// Runs `n` full simulated requests (returning or new visitor); returns a checksum.
#[wasm_bindgen]
pub fn bench_requests(returning: bool, n: u32) -> u32 {
    let mut lab = setup();
    let v = if returning {
        Visitor::Returning
    } else {
        Visitor::New
    };
    run(&mut lab, v, n as usize) as u32
}

/// Tries `n` brute-force candidates against a MAC none of them produces; returns 0.
#[wasm_bindgen]
pub fn bench_bruteforce(n: u32) -> u32 {
    let target = Target {
        payload: "100".into(),
        mac: "not-a-real-mac-so-nothing-matches-xxxxxxxx".into(),
    };
    u32::from(search(&target, 0, u64::from(n)).is_some())
}

/// Runs "Simulate N visitors" with the panel's defaults for `n` visitors, on its own server
/// and without the page (the engine's share of the in-page run); returns the sessions held.
#[wasm_bindgen]
pub fn bench_visitors(n: u32) -> u32 {
    use crate::model::visitors::{Sim, SimConfig};
    let config = SimConfig {
        visitors: n as usize,
        ..SimConfig::default()
    };
    let mut sim = Sim::new(config, 1_700_000_000_000);
    while !sim.finished() {
        sim.step(1000);
    }
    sim.stats.entries as u32
}

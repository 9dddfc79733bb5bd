//! Parity with the real packages: `session-lab-trace` on every scenario in tests/scenarios must
//! print exactly the fixture that real express-session produced (tests/parity/trace.js).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

#[test]
fn every_fixture_matches_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut names: Vec<_> = std::fs::read_dir(dir.join("scenarios"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 80,
        "expected at least 80 scenarios, found {}",
        names.len()
    );
    let mut failures = Vec::new();
    for scenario in &names {
        let name = scenario.file_stem().unwrap().to_string_lossy().to_string();
        let fixture = dir.join("fixtures").join(format!("{name}.json"));
        let want =
            std::fs::read_to_string(&fixture).unwrap_or_else(|_| panic!("no fixture for {name}"));
        let out = Command::new(env!("CARGO_BIN_EXE_session-lab-trace"))
            .arg(scenario)
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1);
            failures.push(format!(
                "{name}: first difference at line {line}\n  got:  {}\n  want: {}\n  stderr: {}",
                got.lines().nth(line.saturating_sub(1)).unwrap_or(""),
                want.lines().nth(line.saturating_sub(1)).unwrap_or(""),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} scenarios match their fixtures byte for byte",
        names.len()
    );
}

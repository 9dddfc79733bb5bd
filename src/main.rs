//! The web app's entry point. trunk builds this for wasm32; on the host it only says so.
#[cfg(target_arch = "wasm32")]
fn main() {
    session_lab::ui::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("session-lab is the web app: run `make serve` (or `trunk serve`) and open the page.");
    eprintln!("On the command line, `session-lab-trace FILE` replays a scenario.");
    std::process::exit(2);
}

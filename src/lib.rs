//! Session Lab: an engine that simulates a browser, an Express server running
//! express-session and its stores, and (on wasm32 only) the Yew page that shows it.
#![warn(missing_docs)]
pub mod engine;
pub mod i18n;
pub mod model;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod workload;

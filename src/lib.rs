//! Session Lab: an engine that simulates a browser, an Express server running
//! express-session and its stores, and (on wasm32 only) the Yew page that shows it.
#![warn(missing_docs)]
pub mod engine;
pub mod i18n;
pub mod model;
pub mod pool;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod workload;

/// In the page (and its wasm tests), small blocks come from size-class free lists over std's
/// allocator: see [`pool`].
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: pool::Pools<std::alloc::System> = pool::Pools::new(std::alloc::System);

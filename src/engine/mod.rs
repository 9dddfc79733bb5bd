//! The pure simulation: a browser with a cookie jar, an Express server running express-session,
//! and session stores. No yew, web-sys or gloo; no wall clock and no OS randomness: time and
//! randomness are passed in, so every run is reproducible.
pub mod browser;
pub mod clock;
pub mod cookie_header;
pub mod events;
pub mod ids;
pub mod jar;
pub mod js;
pub mod json;
pub mod lab;
pub mod scenario;
pub mod server;
pub mod session;
pub mod signature;
pub mod store;
pub mod uri;
pub mod url;

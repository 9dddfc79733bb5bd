//! The pure simulation: a browser with a cookie jar, an Express server running express-session,
//! and session stores. No yew, web-sys or gloo; no wall clock and no OS randomness: time and
//! randomness are passed in, so every run is reproducible.
pub mod clock;
pub mod cookie_header;
pub mod js;
pub mod json;
pub mod signature;
pub mod uri;

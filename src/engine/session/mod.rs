//! express-session 1.19: the session object, its cookie, the options and the middleware.
mod cookie;
mod data;
pub mod middleware;
mod options;

pub use cookie::{
    CookieOpt, CookieOptions, SameSiteOptionValue, SameSiteValue, SecureOption, SessionCookie,
};
pub use data::{LoadError, Session, Slot};
pub use options::{
    merge, option_at, set_option_at, OptionError, OptionProblem, SessionOptions, StartupWarning,
    StoreKind, Unset, DEFAULT_NAME, MAX_OPTION_LEN,
};

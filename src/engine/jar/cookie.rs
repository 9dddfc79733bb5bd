//! A cookie as the jar holds it, and what a browser's cookie editor refuses in one given by
//! hand.

use super::set_cookie::Refusal;
use super::Limits;
use crate::engine::clock::Millis;

/// How long a cookie lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// No Expires/Max-Age: dropped when the browser closes.
    Session,
    /// Expires at this time.
    Until(Millis),
}

/// The SameSite attribute as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// Only sent on same-site requests.
    Strict,
    /// Also sent on cross-site top-level GET navigations.
    Lax,
    /// Always sent (requires Secure).
    None,
    /// Not given: browsers treat it as Lax.
    Unspecified,
}

impl SameSite {
    /// How DevTools shows it.
    pub fn label(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
            SameSite::Unspecified => "",
        }
    }
    /// From a label (case-insensitive); anything else is `Unspecified`.
    pub fn from_label(s: &str) -> SameSite {
        match s.trim().to_ascii_lowercase().as_str() {
            "strict" => SameSite::Strict,
            "lax" => SameSite::Lax,
            "none" => SameSite::None,
            _ => SameSite::Unspecified,
        }
    }
}

/// A cookie in the jar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cookie {
    /// Name (may be empty, as browsers allow).
    pub name: String,
    /// Value, exactly as received (browsers do not decode it).
    pub value: String,
    /// The host (host-only) or the domain (without a leading dot).
    pub domain: String,
    /// Sent only to exactly `domain` (no Domain attribute was given).
    pub host_only: bool,
    /// Path.
    pub path: String,
    /// Expiry.
    pub persistence: Persistence,
    /// Secure: only over https, only set from https.
    pub secure: bool,
    /// HttpOnly: invisible to `document.cookie`.
    pub http_only: bool,
    /// SameSite.
    pub same_site: SameSite,
    /// Partitioned (CHIPS); stored and shown, not otherwise simulated.
    pub partitioned: bool,
    /// Priority (Chrome's Low/Medium/High); stored and shown.
    pub priority: String,
    /// When it was first stored (kept across replacements).
    pub created: Millis,
    /// When it was last sent or stored.
    pub last_access: Millis,
}

impl Cookie {
    /// A host-only session cookie for `/`, as DevTools' "add cookie" or a pasted `Cookie`
    /// header makes it: no flags, SameSite unset, Medium priority, created now. Nothing is
    /// checked here: see [`check_by_hand`].
    pub fn by_hand(name: &str, value: &str, host: &str, now: Millis) -> Cookie {
        Cookie {
            name: name.to_string(),
            value: value.to_string(),
            domain: host.to_string(),
            host_only: true,
            path: "/".into(),
            persistence: Persistence::Session,
            secure: false,
            http_only: false,
            same_site: SameSite::Unspecified,
            partitioned: false,
            priority: "Medium".into(),
            created: now,
            last_access: now,
        }
    }

    /// DevTools' "Size": name plus value length in bytes.
    pub fn size(&self) -> usize {
        self.name.len() + self.value.len()
    }
    /// The jar's key.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.name, &self.domain, &self.path)
    }
    /// Whether it has expired at `now`.
    pub fn expired(&self, now: Millis) -> bool {
        matches!(self.persistence, Persistence::Until(t) if t <= now)
    }
    /// `name=value` as a Cookie header carries it (just the value when the name is empty).
    pub fn pair(&self) -> String {
        if self.name.is_empty() {
            self.value.clone()
        } else {
            format!("{}={}", self.name, self.value)
        }
    }
}

/// A control character other than tab (and DEL), which a cookie may not hold.
pub(super) fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t') || c == '\u{7f}'
}

/// What a browser's cookie editor refuses in a name and value it is given by hand (Chrome's
/// DevTools goes through the same canonical-cookie checks as `Set-Cookie`): control characters
/// other than tab, `;` or `=` in the name, `;` in the value, both empty, more than 4096 bytes.
pub fn check_by_hand(name: &str, value: &str, limits: &Limits) -> Result<(), Refusal> {
    if name.chars().chain(value.chars()).any(is_control) {
        return Err(Refusal::ControlCharacter);
    }
    if name.contains([';', '=']) || value.contains(';') {
        return Err(Refusal::Separator);
    }
    if name.is_empty() && value.is_empty() {
        return Err(Refusal::Empty);
    }
    if name.len() + value.len() > limits.max_cookie_bytes {
        return Err(Refusal::TooLarge(name.len() + value.len()));
    }
    Ok(())
}

//! What a security reviewer reads in a cookie: every `Set-Cookie` attribute as a browser reads
//! it, explained, and the warnings about the cookie, its session id and the secrets.

use crate::engine::clock::JsDate;
use crate::engine::jar::{SameSite, SetCookie};
use crate::model::anatomy::Anatomy;
use crate::model::bruteforce;

use super::Check;

/// Fewer bits than this in a session id is a warning (OWASP asks for 64 bits of entropy;
/// express-session's uid-safe ids carry 192).
pub const MIN_SID_BITS: u32 = 128;
/// A secret shorter than this (in bytes) is a warning: 32 random bytes is HMAC-SHA256's key size.
pub const MIN_SECRET_LEN: usize = 32;

/// Something a security reviewer would flag about one cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// No `HttpOnly`: a script (an XSS) can read the session id.
    NoHttpOnly,
    /// No `Secure`: the cookie also goes over plain http, where it can be sniffed.
    NoSecure,
    /// `SameSite=None` without `Secure`: browsers refuse to store it.
    SameSiteNoneWithoutSecure,
    /// `Partitioned` without `Secure`: browsers refuse to store it.
    PartitionedWithoutSecure,
    /// No `SameSite`: Chrome treats it as Lax, Firefox and Safari send it cross-site.
    NoSameSite,
    /// A cookie from a `Cookie` header (or a bare value) that a browser could not store or
    /// send, for the jar's reason (a control character, its size): the jar refused it, and
    /// the inspector read it as an ordinary cookie (review). A `Set-Cookie` so made is a
    /// refused line already.
    Unstorable(crate::engine::jar::Invalid),
    /// The MAC is not the shape of any MAC cookie-signature makes (43 characters of
    /// base64): no secret verifies it, and without a secret the page had said only that it
    /// had none to check with (review).
    MacShape {
        /// Its length, in characters.
        len: usize,
    },
    /// The session id carries at most this many bits (below [`MIN_SID_BITS`]).
    ShortSid {
        /// An upper bound on the id's entropy.
        bits: u32,
    },
}

impl Warning {
    /// Whether a browser refuses to store the `Set-Cookie` this is said of (not advice: the
    /// cookie never reaches the jar).
    pub fn refused_by_browsers(&self) -> bool {
        matches!(
            self,
            Warning::SameSiteNoneWithoutSecure | Warning::PartitionedWithoutSecure
        )
    }
}

/// Something a security reviewer would flag about a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretWarning {
    /// Secret `index` (from 0) is in the brute-forcer's dictionary.
    Dictionary {
        /// Which secret, from 0.
        index: usize,
    },
    /// Secret `index` is 1 to 4 lowercase letters: the brute-forcer finds it after `tries`.
    BruteForce {
        /// Which secret, from 0.
        index: usize,
        /// Candidates tried before it is found, itself included.
        tries: u64,
    },
    /// Secret `index` had spaces or tabs at an end, which the secrets' list leaves out
    /// ([`super::secret_list`]): express-session would sign with them, so a secret pasted
    /// with them "verifies" here and not in the app (a reviewer's `zfpx `).
    Trimmed {
        /// Which secret, from 0.
        index: usize,
    },
    /// Secret `index` is shorter than [`MIN_SECRET_LEN`] bytes.
    Short {
        /// Which secret, from 0.
        index: usize,
        /// Its length in bytes.
        len: usize,
    },
}

/// What an attribute of a `Set-Cookie` means, as a browser reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// `Expires`: an absolute time by the browser's clock (express-session writes it from
    /// `cookie.maxAge`).
    ExpiresAt(String),
    /// `Expires` given, but `Max-Age` wins.
    ExpiresIgnored(String),
    /// `Expires` already past (by the clock given): the browser deletes the cookie at once,
    /// as a server's deletion is written. It had read as any date (review).
    ExpiresPast(String),
    /// `Max-Age`: seconds from when the browser receives it.
    MaxAge(i64),
    /// `Max-Age` of zero or less: the browser deletes the cookie at once.
    MaxAgeDeletes(i64),
    /// Neither: a browser-session cookie, gone when the browser closes.
    SessionOnly,
    /// `Domain`: this domain and every subdomain.
    Domain(String),
    /// No `Domain`: only the host that set it.
    HostOnly,
    /// `Path`: only paths under it.
    Path(String),
    /// No `Path` (or one not starting with `/`): the directory of the request's path.
    PathDefault,
    /// `HttpOnly`: scripts cannot read it.
    HttpOnly,
    /// No `HttpOnly`.
    NoHttpOnly,
    /// `Secure`: only over https.
    Secure,
    /// No `Secure`.
    NoSecure,
    /// `SameSite`, as read (an unknown value reads as unspecified).
    SameSite(SameSite),
    /// `Partitioned` (CHIPS): kept separately under each top-level site.
    Partitioned,
    /// No `Partitioned`.
    NotPartitioned,
    /// `Priority`, as written (Low, Medium, High; anything else is Medium).
    Priority(Option<String>),
}

/// One row of the attribute table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// The attribute's name (`Expires`, `Max-Age`, ... or `Lifetime` for neither).
    pub name: &'static str,
    /// Its value as the browser read it; `None` when absent.
    pub value: Option<String>,
    /// What it means.
    pub note: Note,
}

/// An upper bound on the bits of entropy in an id: its length times the bits of the smallest
/// usual alphabet (digits, hex, base64, printable ASCII, any character) that holds it.
pub fn sid_bits(sid: &str) -> u32 {
    let n = sid.chars().count() as f64;
    let per = if sid.bytes().all(|b| b.is_ascii_digit()) {
        10f64.log2()
    } else if sid.bytes().all(|b| b.is_ascii_hexdigit()) {
        4.0
    } else if sid
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_+/".contains(&b))
    {
        6.0
    } else if sid.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        95f64.log2()
    } else {
        8.0
    };
    (n * per).floor().min(f64::from(u32::MAX)) as u32
}

/// Every attribute of a `Set-Cookie`, present or not, with what it means, `now` the browser's
/// clock (ms since the epoch) an `Expires` is read by.
pub fn attributes(sc: &SetCookie, now: i64) -> Vec<Attribute> {
    let date = |ms| JsDate::from_millis(ms).to_utc_string();
    let mut out = Vec::new();
    match (sc.expires, sc.max_age) {
        (None, None) => out.push(Attribute {
            name: "Expires / Max-Age",
            value: None,
            note: Note::SessionOnly,
        }),
        (e, m) => {
            if let Some(ms) = e {
                let note = if m.is_some() {
                    Note::ExpiresIgnored(date(ms))
                } else if ms <= now {
                    Note::ExpiresPast(date(ms))
                } else {
                    Note::ExpiresAt(date(ms))
                };
                out.push(Attribute {
                    name: "Expires",
                    value: Some(date(ms)),
                    note,
                });
            }
            if let Some(s) = m {
                out.push(Attribute {
                    name: "Max-Age",
                    value: Some(s.to_string()),
                    note: if s <= 0 {
                        Note::MaxAgeDeletes(s)
                    } else {
                        Note::MaxAge(s)
                    },
                });
            }
        }
    }
    out.push(Attribute {
        name: "Domain",
        value: sc.domain.clone(),
        note: sc.domain.clone().map_or(Note::HostOnly, Note::Domain),
    });
    out.push(Attribute {
        name: "Path",
        value: sc.path.clone(),
        note: sc.path.clone().map_or(Note::PathDefault, Note::Path),
    });
    let flag = |on: bool| on.then(|| "✓".to_string());
    out.push(Attribute {
        name: "HttpOnly",
        value: flag(sc.http_only),
        note: if sc.http_only {
            Note::HttpOnly
        } else {
            Note::NoHttpOnly
        },
    });
    out.push(Attribute {
        name: "Secure",
        value: flag(sc.secure),
        note: if sc.secure {
            Note::Secure
        } else {
            Note::NoSecure
        },
    });
    let same_site = sc.same_site.unwrap_or(SameSite::Unspecified);
    out.push(Attribute {
        name: "SameSite",
        value: sc.same_site.map(|s| s.label().to_string()),
        note: Note::SameSite(same_site),
    });
    out.push(Attribute {
        name: "Partitioned",
        value: flag(sc.partitioned),
        note: if sc.partitioned {
            Note::Partitioned
        } else {
            Note::NotPartitioned
        },
    });
    out.push(Attribute {
        name: "Priority",
        value: sc.priority.clone(),
        note: Note::Priority(sc.priority.clone()),
    });
    out
}

/// Whether a `Set-Cookie` deletes its cookie whatever the clock says: a `Max-Age` of zero or
/// less, or, without one, an `Expires` at the Unix epoch or before (res.clearCookie writes
/// `new Date(1)`, "Thu, 01 Jan 1970 00:00:00 GMT"), or before `now` (the clock the
/// attributes are read by: a 2015 date was said to delete the cookie, and the reviewer's
/// advice on its flags still followed); an empty value alone is a kept empty cookie.
fn deletes(sc: &SetCookie, now: i64) -> bool {
    match sc.max_age {
        Some(m) => m <= 0,
        None => sc.expires.is_some_and(|e| e <= now.max(0)),
    }
}

/// What a reviewer would flag about a cookie: its attributes (for a `Set-Cookie`) and its id.
pub fn cookie_warnings(
    pair: (&str, &str),
    sc: Option<&SetCookie>,
    anatomy: Option<&Anatomy>,
    check: &Check,
    now: i64,
) -> Vec<Warning> {
    let mut w = Vec::new();
    if sc.is_none() {
        let (name, raw) = pair;
        let limits = crate::engine::jar::Limits::default();
        if let Err(why) = crate::engine::jar::check_name_value(name, raw, &limits) {
            w.push(Warning::Unstorable(why));
        }
    }
    if let Some(sc) = sc {
        // a line that deletes the cookie leaves nothing behind to guard: advice on its flags
        // read as a fault in the course's logout. What makes a browser refuse the line is
        // still said: refused, it deletes nothing, and the logout keeps the cookie.
        let advise = !deletes(sc, now);
        if advise && !sc.http_only {
            w.push(Warning::NoHttpOnly);
        }
        if advise && !sc.secure {
            w.push(Warning::NoSecure);
        }
        match sc.same_site {
            Some(SameSite::None) if !sc.secure => w.push(Warning::SameSiteNoneWithoutSecure),
            None | Some(SameSite::Unspecified) if advise => w.push(Warning::NoSameSite),
            _ => {}
        }
        if sc.partitioned && !sc.secure {
            w.push(Warning::PartitionedWithoutSecure);
        }
    }
    // (a line that deletes the cookie leaves nothing to verify)
    let deletion = sc.is_some_and(|sc| deletes(sc, now));
    if let Some(m) = anatomy.and_then(|a| a.mac.as_deref()) {
        if !deletion && !crate::engine::signature::is_mac_shaped(m) {
            w.push(Warning::MacShape {
                len: m.chars().count(),
            });
        }
    }
    let sid = match (check, anatomy) {
        (Check::Valid { sid, .. }, _) => Some(sid.as_str()),
        (_, Some(a)) if !a.payload.is_empty() => Some(a.payload.as_str()),
        _ => None,
    };
    if let Some(bits) = sid.map(sid_bits).filter(|b| *b < MIN_SID_BITS) {
        w.push(Warning::ShortSid { bits });
    }
    w
}

/// What a reviewer would say about each secret.
pub fn secret_warnings(secrets: &[String]) -> Vec<SecretWarning> {
    secrets
        .iter()
        .enumerate()
        .filter_map(|(index, s)| match bruteforce::position(s) {
            Some(p) if (p as usize) < bruteforce::DICTIONARY.len() => {
                Some(SecretWarning::Dictionary { index })
            }
            Some(p) => Some(SecretWarning::BruteForce {
                index,
                tries: p + 1,
            }),
            None if s.len() < MIN_SECRET_LEN => Some(SecretWarning::Short {
                index,
                len: s.len(),
            }),
            None => None,
        })
        .collect()
}

//! Events in words: every engine event as a sentence in the learner's language, built only
//! from the string table.

use crate::engine::clock::{JsDate, Millis};
use crate::engine::events::{
    BrowserId, Cause, CookieVerdict, EditBy, EndAction, Event, HandEdit, NewWhy, NotSentWhy,
    NothingWhy, SaveWhy, SentWhy, SessionMethod, SetCookieDecision,
};
use crate::engine::jar::{Cookie, Field as CookieField, Persistence, SetOutcome, Withheld};
use crate::engine::signature::UnsignError;
use crate::engine::store::CallResult;
use crate::i18n::{fill, t, Key, Lang};

mod errors;
mod flight_words;
mod jar_words;
pub use errors::{
    navigation_failed_text, option_error_text, option_refused_text, refusal_text,
    reset_reason_text, scenario_error_text, url_error_text,
};
pub use jar_words::{import_error_text, jar_problem_text, jar_refusal_text};

/// How an explained event should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Neither good nor bad news: a cookie attached, a store write done, a method called.
    Info,
    /// Something succeeded or was accepted.
    Good,
    /// A refusal, rejection or error.
    Bad,
    /// Worth noticing (warnings, withheld cookies).
    Warn,
}

impl Tone {
    /// Its CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Info => "info",
            Tone::Good => "good",
            Tone::Bad => "bad",
            Tone::Warn => "warn",
        }
    }

    /// The mark a verdict in this tone starts with (none for plain information).
    pub fn mark(self) -> &'static str {
        match self {
            Tone::Info => "",
            Tone::Good => "✓",
            Tone::Warn => "⚠",
            Tone::Bad => "✗",
        }
    }
}

/// `2023-11-14 22:13:20 UTC`.
pub fn clock_text(now: Millis) -> String {
    let iso = JsDate::from_millis(now).to_iso_string().unwrap_or_default();
    format!(
        "{} {} UTC",
        &iso[..10.min(iso.len())],
        iso.get(11..19).unwrap_or("")
    )
}

/// A stored session's expiry as the store's table shows it: the date and how long is left;
/// past it, the date alone (the row's "expired" tag says the rest: it read "(0 ms)"); never,
/// with no expiry.
pub fn store_expiry_text(
    lang: Lang,
    expires: Option<crate::engine::clock::Millis>,
    now: crate::engine::clock::Millis,
    expired: bool,
) -> String {
    let Some(e) = expires else {
        return t(lang, Key::Never).to_string();
    };
    let date = crate::engine::clock::JsDate::from_millis(e)
        .to_iso_string()
        .unwrap_or_default();
    if expired {
        date
    } else {
        format!("{date} ({})", duration_text(lang, e - now))
    }
}

/// A duration such as `1 min`, `2 h 5 min`, `14 d`: its two largest units, rounded to the
/// smaller (seconds at least). Rounded, not cut: a cookie's `Expires` has whole seconds, so
/// right after a 30-day login the jar's cookie has 29 d 23 h 59 min 59.5 s left and the
/// store's session 30 d, and the two read "29 d 23 h" and "30 d" side by side.
pub fn duration_text(lang: Lang, ms: Millis) -> String {
    let units = [
        (86_400_000, Key::UnitDay),
        (3_600_000, Key::UnitH),
        (60_000, Key::UnitMin),
        (1000, Key::UnitS),
    ];
    let abs = i64::try_from(ms.unsigned_abs()).unwrap_or(i64::MAX);
    let mut rest = match units.iter().position(|&(size, _)| abs >= size) {
        Some(i) => {
            let step = units[(i + 1).min(units.len() - 1)].0;
            abs.saturating_add(step / 2) / step * step
        }
        None => abs,
    };
    let mut parts = Vec::new();
    for (size, key) in units {
        if rest >= size {
            parts.push(format!("{} {}", rest / size, t(lang, key)));
            rest %= size;
        }
        if parts.len() == 2 {
            break;
        }
    }
    if parts.is_empty() {
        parts.push(format!("{} {}", rest, t(lang, Key::UnitMs)));
    }
    let s = parts.join(" ");
    if ms < 0 {
        format!("-{s}")
    } else {
        s
    }
}

/// The browser's name.
pub fn browser_name(lang: Lang, b: BrowserId) -> &'static str {
    t(
        lang,
        if b == BrowserId::Victim {
            Key::BrowserVictim
        } else {
            Key::BrowserAttacker
        },
    )
}

/// A store kind's name ("MemoryStore (process memory)"): the store table's heading, the time
/// travel's.
pub fn store_kind_key(kind: crate::engine::session::StoreKind) -> Key {
    use crate::engine::session::StoreKind;
    match kind {
        StoreKind::Memory => Key::StoreMemory,
        StoreKind::Persistent => Key::StorePersistent,
        StoreKind::Redis => Key::StoreRedis,
    }
}

/// How the Deployment form names a balancer (its choice, and the apply's announcement).
pub fn balancer_key(b: crate::engine::lab::Balancer) -> Key {
    use crate::engine::lab::Balancer;
    match b {
        Balancer::RoundRobin => Key::BalancerRoundRobin,
        Balancer::Sticky => Key::BalancerSticky,
    }
}

/// One thing a challenge's setup did, as a sentence.
pub fn before_text(lang: Lang, b: &crate::model::challenges::Before) -> String {
    use crate::model::challenges::Before;
    match b {
        Before::Opened { who, url } => fill(
            t(lang, Key::ChBeforeOpened),
            &[("who", browser_name(lang, *who)), ("url", url)],
        ),
        Before::JarCleared(who) => fill(
            t(lang, Key::ChBeforeJarCleared),
            &[("who", browser_name(lang, *who))],
        ),
    }
}

/// "Cookie {name} is not sent: {why}.": the timeline's line, and the last request's banner.
pub fn withheld_sentence(lang: Lang, name: &str, w: &Withheld) -> String {
    fill(
        t(lang, Key::EvCookieWithheld),
        &[("name", name), ("reason", withheld_text(lang, w))],
    )
}

/// Why a cookie was not attached.
pub fn withheld_text(lang: Lang, w: &Withheld) -> &'static str {
    t(
        lang,
        match w {
            Withheld::HostOnly => Key::WithheldHostOnly,
            Withheld::Domain => Key::WithheldDomain,
            Withheld::Path => Key::WithheldPath,
            Withheld::Secure => Key::WithheldSecure,
            Withheld::HttpOnly => Key::WithheldHttpOnly,
            Withheld::SameSiteStrict => Key::WithheldStrict,
            Withheld::SameSiteLax => Key::WithheldLax,
            Withheld::SameSiteLaxByDefault => Key::WithheldLaxDefault,
        },
    )
}

fn short(s: &str) -> String {
    crate::engine::clip(s, 80).into_owned()
}

/// Cookie names in a sentence ("none" for no name).
pub(crate) fn names(lang: Lang, v: &[String]) -> String {
    if v.is_empty() {
        t(lang, Key::NoneLabel).to_string()
    } else {
        v.join(", ")
    }
}

fn cause_text(lang: Lang, c: &Cause) -> String {
    match c {
        Cause::Typed => t(lang, Key::CauseTyped).into(),
        Cause::Link => t(lang, Key::CauseLink).into(),
        Cause::Form => t(lang, Key::CauseForm).into(),
        Cause::Redirect(n) => fill(t(lang, Key::CauseRedirect), &[("n", &n.to_string())]),
        Cause::Raw => t(lang, Key::CauseRaw).into(),
        Cause::AutoSubmit => t(lang, Key::CauseAutoSubmit).into(),
        Cause::AtOnce => t(lang, Key::CauseAtOnce).into(),
    }
}

/// Why express-session sent no `Set-Cookie` for the session, and how bad that is: the
/// timeline's line, and the banner's when `cookie.secure` kept a new session's cookie home.
pub fn not_sent(lang: Lang, why: &NotSentWhy) -> (String, Tone) {
    let text = match why {
        NotSentWhy::SerializeError(m) => {
            return (
                fill(t(lang, Key::EvNotSentSerialize), &[("message", m)]),
                not_sent_tone(why),
            )
        }
        NotSentWhy::InsecureConnection => Key::EvNotSentInsecure,
        NotSentWhy::UntrustedProxy => Key::EvNotSentUntrustedProxy,
        NotSentWhy::NoSession => Key::EvNotSentNoSession,
        NotSentWhy::Uninitialized => Key::EvNotSentUninit,
        NotSentWhy::BrowserSessionCookie => Key::EvNotSentBrowserSession,
        NotSentWhy::Unchanged => Key::EvNotSentUnchanged,
    };
    (t(lang, text).to_string(), not_sent_tone(why))
}

/// How bad it is that no `Set-Cookie` went out: an error when the session can never reach
/// the browser as configured, a warning over plain http, else just how it works.
pub fn not_sent_tone(why: &NotSentWhy) -> Tone {
    match why {
        NotSentWhy::SerializeError(_) | NotSentWhy::UntrustedProxy => Tone::Bad,
        NotSentWhy::InsecureConnection => Tone::Warn,
        _ => Tone::Info,
    }
}

/// The sentence for an event, and its tone. `None` for events that are shown another way
/// (which lines ran).
pub fn explain(lang: Lang, e: &Event) -> Option<(String, Tone)> {
    let f = |key: Key, args: &[(&str, &str)]| fill(t(lang, key), args);
    let plain = |key: Key| t(lang, key).to_string();
    Some(match e {
        Event::ClockAdvanced { by, now } => (
            f(
                Key::EvClock,
                &[
                    ("by", &duration_text(lang, *by)),
                    ("now", &clock_text(*now)),
                ],
            ),
            Tone::Info,
        ),
        Event::ServerStarted { restart: false, .. } => (plain(Key::EvServerStarted), Tone::Info),
        Event::ServerStarted { kept, lost, .. } => (
            f(
                Key::EvServerRestarted,
                &[("kept", &kept.to_string()), ("lost", &lost.to_string())],
            ),
            if *lost > 0 { Tone::Warn } else { Tone::Info },
        ),
        Event::ServerFailed { error } => (
            f(
                Key::EvServerFailed,
                &[("message", &option_error_text(lang, error))],
            ),
            Tone::Bad,
        ),
        Event::StoreSwept { ids, store } => (
            f(
                if *store == crate::engine::session::StoreKind::Redis {
                    Key::EvSweptRedis
                } else {
                    Key::EvSwept
                },
                &[("n", &ids.len().to_string())],
            ),
            Tone::Info,
        ),
        Event::ProxyForwarded { tls } => (
            plain(if *tls {
                Key::EvProxyHttps
            } else {
                Key::EvProxyHttp
            }),
            Tone::Info,
        ),
        Event::SaveOverwrote { .. } | Event::DestroyedSessionSaved { .. } => {
            return flight_words::explain(lang, e)
        }
        Event::Balanced { instance, why } => {
            let name = crate::engine::lab::instance_name(*instance);
            let key = match why {
                crate::engine::lab::RouteWhy::RoundRobin => Key::EvBalancedTurn,
                crate::engine::lab::RouteWhy::Sticky => Key::EvBalancedSticky,
                crate::engine::lab::RouteWhy::Pinned => Key::EvBalancedPinned,
            };
            (f(key, &[("instance", name)]), Tone::Info)
        }
        Event::RequestStarted {
            browser,
            method,
            url,
            cause,
        } => (
            f(
                Key::EvRequestStarted,
                &[
                    ("browser", browser_name(lang, *browser)),
                    ("cause", &cause_text(lang, cause)),
                    ("method", method),
                    ("url", url),
                ],
            ),
            Tone::Info,
        ),
        Event::NavigationFailed { url, reason, .. } => {
            (navigation_failed_text(lang, url, reason), Tone::Bad)
        }
        Event::CookieConsidered {
            name,
            withheld: None,
            lax_allowing_unsafe: Some(age),
            ..
        } => (
            f(
                Key::EvCookieLaxUnsafe,
                &[("name", name), ("age", &duration_text(lang, *age))],
            ),
            Tone::Warn,
        ),
        Event::CookieConsidered {
            name,
            withheld: None,
            ..
        } => (f(Key::EvCookieAttached, &[("name", name)]), Tone::Info),
        Event::CookieConsidered {
            name,
            withheld: Some(w),
            ..
        } => (withheld_sentence(lang, name, w), Tone::Warn),
        Event::CookieHeaderOverridden { header, .. } => {
            (f(Key::EvCookieOverride, &[("header", header)]), Tone::Warn)
        }
        Event::CookiesExpired { names: n, .. } => (
            f(Key::EvCookiesExpired, &[("names", &names(lang, n))]),
            Tone::Info,
        ),
        Event::JarUpdated { outcome, .. } => match &**outcome {
            SetOutcome::Created(c) => (f(Key::EvJarCreated, &[("name", &c.name)]), Tone::Good),
            SetOutcome::Updated { new, .. } => {
                (f(Key::EvJarUpdated, &[("name", &new.name)]), Tone::Good)
            }
            SetOutcome::Deleted(c) => (f(Key::EvJarDeleted, &[("name", &c.name)]), Tone::Info),
            SetOutcome::ExpiredOnArrival => (plain(Key::EvJarExpiredOnArrival), Tone::Info),
            SetOutcome::Refused(r) => (
                f(Key::EvJarRefused, &[("reason", &refusal_text(lang, r))]),
                Tone::Bad,
            ),
        },
        Event::JarEvicted { cookies, .. } => {
            let n: Vec<String> = cookies.iter().map(|c| c.name.clone()).collect();
            (
                f(Key::EvJarEvicted, &[("names", &names(lang, &n))]),
                Tone::Warn,
            )
        }
        Event::Redirected {
            status, to, hop, ..
        } => (
            f(
                Key::EvRedirected,
                &[
                    ("status", &status.to_string()),
                    ("to", to),
                    ("hop", &hop.to_string()),
                ],
            ),
            Tone::Info,
        ),
        Event::TooManyRedirects { .. } => (plain(Key::EvTooManyRedirects), Tone::Bad),
        Event::BrowserClosed { dropped, .. } => (
            f(Key::EvBrowserClosed, &[("names", &names(lang, dropped))]),
            Tone::Info,
        ),
        // the learner's jar is "the jar"; an edit of the attacker's says whose it was
        Event::JarEdited { browser, edit, by } => {
            let text = hand_edit_text(lang, edit, *by);
            let text = if *browser == BrowserId::Attacker {
                fill(t(lang, Key::EvInAttackerJar), &[("what", &text)])
            } else {
                text
            };
            (text, Tone::Warn)
        }
        Event::RequestReceived { method, target, .. } => (
            f(
                Key::EvRequestReceived,
                &[("method", method), ("target", target)],
            ),
            Tone::Info,
        ),
        Event::SessionPathSkipped { path, cookie_path } => (
            f(
                Key::EvPathSkipped,
                &[("path", path), ("cookie_path", cookie_path)],
            ),
            Tone::Warn,
        ),
        Event::SecretMissing => (plain(Key::EvSecretMissing), Tone::Bad),
        Event::SessionCookieRead { name, verdict } => match verdict {
            CookieVerdict::Absent => (f(Key::EvCookieAbsent, &[("name", name)]), Tone::Info),
            CookieVerdict::Unsigned { decode_error, .. } => {
                let mut s = f(Key::EvCookieUnsigned, &[("name", name)]);
                if decode_error.is_some() {
                    s.push_str(t(lang, Key::VerdictDecodeFailed));
                }
                (s, Tone::Bad)
            }
            CookieVerdict::BadSignature { error, .. } => match error {
                UnsignError::BadMac {
                    expected,
                    presented,
                    ..
                } => (
                    f(
                        Key::EvCookieBadMac,
                        &[
                            ("name", name),
                            ("expected", expected),
                            ("presented", presented),
                        ],
                    ),
                    Tone::Bad,
                ),
                UnsignError::NoDot => (f(Key::EvCookieNoDot, &[("name", name)]), Tone::Bad),
                UnsignError::NoSecret => (plain(Key::EvSecretMissing), Tone::Bad),
            },
            CookieVerdict::Valid {
                sid,
                secret_index: 0,
            } => (
                f(Key::EvCookieValid, &[("name", name), ("sid", sid)]),
                Tone::Good,
            ),
            CookieVerdict::Valid { sid, secret_index } => (
                f(
                    Key::EvCookieValidOld,
                    &[
                        ("name", name),
                        ("sid", sid),
                        // "the second secret" is #2, as the goal counts them
                        ("n", &(secret_index + 1).to_string()),
                    ],
                ),
                Tone::Good,
            ),
        },
        Event::SignedCookieRead {
            name,
            verdict: Ok(v),
        } => (
            f(Key::EvSignedOk, &[("name", name), ("value", v)]),
            Tone::Good,
        ),
        Event::SignedCookieRead {
            name,
            verdict: Err(_),
        } => (f(Key::EvSignedBad, &[("name", name)]), Tone::Bad),
        Event::Store(call) => {
            let (result, tone) = match &call.result {
                CallResult::Hit => (plain(Key::ResultHit), Tone::Good),
                CallResult::Miss => (plain(Key::ResultMiss), Tone::Warn),
                CallResult::Done => (plain(Key::ResultDone), Tone::Info),
                CallResult::Failed(e) => {
                    (f(Key::ResultFailed, &[("e", &e.to_string())]), Tone::Bad)
                }
            };
            (
                f(
                    Key::EvStoreCall,
                    &[
                        ("op", call.op.name()),
                        ("sid", &call.sid),
                        ("result", &result),
                    ],
                ),
                tone,
            )
        }
        Event::SessionCreated { sid, why } => (
            f(
                match why {
                    NewWhy::NoId => Key::EvCreatedNoId,
                    NewWhy::StoreMiss => Key::EvCreatedMiss,
                    NewWhy::Regenerated => Key::EvCreatedRegen,
                },
                &[("sid", sid)],
            ),
            Tone::Info,
        ),
        Event::SessionLoaded { sid } => (f(Key::EvLoaded, &[("sid", sid)]), Tone::Good),
        Event::SessionLoadFailed { sid, message } => (
            f(Key::EvLoadFailed, &[("sid", sid), ("message", message)]),
            Tone::Bad,
        ),
        Event::SessionMethodCalled { method, .. } => match method {
            SessionMethod::Unset => (plain(Key::EvUnset), Tone::Info),
            m => {
                let name = match m {
                    SessionMethod::Regenerate => "regenerate",
                    SessionMethod::Destroy => "destroy",
                    SessionMethod::Save => "save",
                    SessionMethod::Reload => "reload",
                    _ => "touch",
                };
                (f(Key::EvMethod, &[("method", name)]), Tone::Info)
            }
        },
        Event::SessionSetCookie(d) => match d {
            SetCookieDecision::Sent { why, .. } => (
                plain(match why {
                    SentWhy::NewSaveUninitialized => Key::EvSentNewSaveUninit,
                    SentWhy::NewModified => Key::EvSentNewModified,
                    SentWhy::Rolling => Key::EvSentRolling,
                    SentWhy::ModifiedWithExpiry => Key::EvSentModifiedExpiry,
                }),
                Tone::Good,
            ),
            SetCookieDecision::NotSent(why) => not_sent(lang, why),
        },
        Event::SessionEnd(a) => (
            plain(match a {
                EndAction::Saved(SaveWhy::Modified) => Key::EvSavedModified,
                EndAction::Saved(SaveWhy::NewUninitialized) => Key::EvSavedNew,
                EndAction::Saved(SaveWhy::Resave) => Key::EvSavedResave,
                EndAction::Touched => Key::EvTouched,
                EndAction::DestroyedUnset => Key::EvDestroyedUnset,
                EndAction::Nothing(NothingWhy::NoSession) => Key::EvNothingNoSession,
                EndAction::Nothing(NothingWhy::Uninitialized) => Key::EvNothingUninit,
                EndAction::Nothing(NothingWhy::AlreadySaved) => Key::EvNothingSaved,
            }),
            Tone::Info,
        ),
        Event::CodeRan { .. } => return None,
        Event::ConsoleLog(text) => (f(Key::EvConsole, &[("text", text)]), Tone::Info),
        Event::ServerError { message } => {
            (f(Key::EvServerError, &[("message", message)]), Tone::Bad)
        }
        Event::ResponseSent {
            status,
            set_cookies,
        } => {
            let cookies = if set_cookies.is_empty() {
                String::new()
            } else {
                f(
                    Key::EvResponseCookies,
                    &[("n", &set_cookies.len().to_string())],
                )
            };
            (
                f(
                    Key::EvResponse,
                    &[("status", &status.to_string()), ("cookies", &cookies)],
                ),
                if *status >= 400 {
                    Tone::Bad
                } else {
                    Tone::Info
                },
            )
        }
        Event::Refused(r) => (
            f(Key::EvJarRefused, &[("reason", &jar_refusal_text(lang, r))]),
            Tone::Bad,
        ),
        Event::ScriptReadCookies {
            browser,
            visible,
            hidden,
        } => {
            let shown = if visible.is_empty() {
                t(lang, Key::EmptyValue).to_string()
            } else {
                visible.clone()
            };
            let mut s = f(
                Key::EvScriptRead,
                &[
                    ("browser", browser_name(lang, *browser)),
                    ("visible", &shown),
                ],
            );
            if !hidden.is_empty() {
                s.push(' ');
                s.push_str(&f(Key::EvScriptHidden, &[("names", &hidden.join(", "))]));
            }
            (
                s,
                if visible.is_empty() {
                    Tone::Good
                } else {
                    Tone::Bad
                },
            )
        }
        Event::ScriptWroteCookie {
            text,
            outcome,
            browser,
        } => {
            let mut s = f(Key::EvScriptWrote, &[("text", text)]);
            let jar = Event::JarUpdated {
                browser: *browser,
                header: text.clone(),
                outcome: outcome.clone(),
            };
            if let Some((more, _)) = explain(lang, &jar) {
                s.push(' ');
                s.push_str(&more);
            }
            (
                s,
                if matches!(&**outcome, SetOutcome::Refused(_)) {
                    Tone::Good
                } else {
                    Tone::Warn
                },
            )
        }
        Event::ScriptNoPage { browser, .. } => (
            f(
                Key::EvScriptNoPage,
                &[("browser", browser_name(lang, *browser))],
            ),
            Tone::Info,
        ),
        Event::Sniffed { url, cookie } => {
            let c = cookie
                .clone()
                .unwrap_or_else(|| t(lang, Key::NoneLabel).to_string());
            (
                f(Key::EvSniffed, &[("url", url), ("cookie", &c)]),
                if cookie.is_some() {
                    Tone::Bad
                } else {
                    Tone::Warn
                },
            )
        }
        Event::SniffBlocked { .. } => (plain(Key::EvSniffBlocked), Tone::Good),
        Event::AttackerSiteAnswered { path, status } => (
            f(
                Key::EvAttackerSite,
                &[("path", &short(path)), ("status", &status.to_string())],
            ),
            Tone::Warn,
        ),
        Event::FormAutoSubmitted {
            page,
            method,
            action,
            ..
        } => (
            f(
                Key::EvAutoSubmitted,
                &[
                    ("page", &short(page)),
                    ("method", method),
                    ("action", &short(action)),
                ],
            ),
            Tone::Warn,
        ),
    })
}

/// A jar column's head, as the jar pane writes it.
pub fn column_name(lang: Lang, f: CookieField) -> &'static str {
    match f {
        CookieField::Name => t(lang, Key::ColName),
        CookieField::Value => t(lang, Key::ColValue),
        CookieField::Domain => t(lang, Key::ColDomain),
        CookieField::Path => t(lang, Key::ColPath),
        CookieField::Expires => t(lang, Key::ColExpires),
        // attribute names, the same in both languages (as DevTools shows them)
        CookieField::HttpOnly => "HttpOnly",
        CookieField::Secure => "Secure",
        CookieField::SameSite => "SameSite",
    }
}

/// A column of a cookie with its value now: `HttpOnly on`, `SameSite Lax`, `Value now 9999`.
fn column_now(lang: Lang, c: CookieField, cookie: &Cookie) -> String {
    let col = column_name(lang, c);
    let flag = |on: bool| {
        fill(
            t(lang, if on { Key::EvColOn } else { Key::EvColOff }),
            &[("column", col)],
        )
    };
    match c {
        CookieField::Value => fill(t(lang, Key::EvJarNewValue), &[("value", &cookie.value)]),
        CookieField::HttpOnly => flag(cookie.http_only),
        CookieField::Secure => flag(cookie.secure),
        CookieField::SameSite => match cookie.same_site.label() {
            "" => fill(t(lang, Key::EvColUnset), &[("column", col)]),
            label => format!("{col} {label}"),
        },
        CookieField::Expires => {
            let when = match cookie.persistence {
                Persistence::Session => t(lang, Key::SessionCookieLabel).to_string(),
                Persistence::Until(ms) => {
                    JsDate::from_millis(ms).to_iso_string().unwrap_or_default()
                }
            };
            format!("{col} {when}")
        }
        CookieField::Name => format!("{col} {}", cookie.name),
        CookieField::Domain => format!("{col} {}", cookie.domain_shown()),
        CookieField::Path => format!("{col} {}", cookie.path),
    }
}

/// A hand edit of a jar in words: what was put in, changed, deleted or emptied, and with which
/// of the attacker's tools when one made it.
fn hand_edit_text(lang: Lang, edit: &HandEdit, by: EditBy) -> String {
    let f = |key, args: &[(&str, &str)]| fill(t(lang, key), args);
    let (put, changed) = match by {
        EditBy::Hand => (Key::EvJarPut, Key::EvJarChanged),
        EditBy::Signer => (Key::EvJarPutSigner, Key::EvJarChangedSigner),
        EditBy::Stolen => (Key::EvJarPutStolen, Key::EvJarChangedStolen),
    };
    match edit {
        HandEdit::Put { name, value } => f(put, &[("pair", &format!("{name}={value}"))]),
        HandEdit::Changed {
            columns,
            was,
            after,
        } => {
            let what: Vec<String> = columns
                .iter()
                .map(|&c| column_now(lang, c, after))
                .collect();
            f(
                changed,
                &[("name", was), ("what", &what.join(t(lang, Key::ListComma)))],
            )
        }
        HandEdit::Removed { name } => f(Key::EvJarRemoved, &[("name", name)]),
        HandEdit::Overwritten { name } => f(Key::EvJarOverwritten, &[("name", name)]),
        HandEdit::Cleared => t(lang, Key::EvJarCleared).to_string(),
    }
}

/// Whether the timeline lists this event: the network sniffer's reads belong to the attacker,
/// and with the attacker's browser and tools hidden, a red line on every plain-http request
/// of a lesson was noise (the sniffer still records them for when the attacker is shown).
pub fn listed(e: &Event, attacker_shown: bool) -> bool {
    attacker_shown || !matches!(e, Event::Sniffed { .. } | Event::SniffBlocked { .. })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_store_row_past_its_expiry_shows_the_date_alone() {
        let e = 1_700_000_060_000;
        let live = store_expiry_text(Lang::En, Some(e), e - 60_000, false);
        assert!(live.starts_with("2023-11-14T22:14:20.000Z ("), "{live}");
        assert_eq!(
            store_expiry_text(Lang::En, Some(e), e, true),
            "2023-11-14T22:14:20.000Z"
        );
        assert_eq!(
            store_expiry_text(Lang::Zh, None, e, false),
            t(Lang::Zh, Key::Never)
        );
    }
    use super::*;
    use crate::engine::ids::SeededRandom;
    use crate::engine::lab::{Action, Lab, LabConfig, Navigate};
    use crate::engine::server::App;
    use crate::engine::store::MemoryKv;

    #[test]
    fn option_errors_read_in_both_languages() {
        let mut m = crate::engine::json::Map::new();
        m.insert("cookie".into(), crate::json!({ "maxAge": "sixty" }));
        let e = crate::engine::session::SessionOptions::from_json(&m).unwrap_err();
        assert_eq!(
            option_error_text(Lang::Zh, &e),
            "options.cookie.maxAge: 必须是数字（毫秒）或 null"
        );
        // the English words are the engine's own
        assert_eq!(option_error_text(Lang::En, &e), e.to_string());
    }

    #[test]
    fn scenario_errors_read_in_both_languages() {
        let cases = [
            ("[", "not valid JSON (line 1, column 1)"),
            ("{}", "app: missing"),
            ("", "it is empty"),
            (r#"{"app":"nope","steps":[]}"#, "app: unknown app \"nope\" (apps: counter, auth [seed|fixed], manual, cookie-only [seed|signed])"),
            (r#"{"app":"nope","variant":"fixed","steps":[]}"#, "app: unknown app \"nope\" (apps: counter, auth [seed|fixed], manual, cookie-only [seed|signed])"),
            (r#"{"app":"auth","variant":"","steps":[]}"#, "variant: unknown app/variant \"auth\"/\"\" (apps: counter, auth [seed|fixed], manual, cookie-only [seed|signed])"),
            (r#"{"app":"auth","variant":"nope","steps":[]}"#, "variant: unknown app/variant \"auth\"/\"nope\" (apps: counter, auth [seed|fixed], manual, cookie-only [seed|signed])"),
            (r#"{"app":"counter","steps":[{"request":{"url":5}}]}"#, "steps[0].request.url: expected a string"),
            (r#"{"app":"counter","steps":[{"request":{"url":"ftp://x"}}]}"#, "steps[0].request.url: unsupported scheme ftp (only http and https are simulated)"),
            (r#"{"app":"counter","steps":[{"advance":-1}]}"#, "steps[0].advance: time only moves forward"),
            (r#"{"app":"counter","options":{"cookie":{"maxAge":"x"}},"steps":[]}"#, "options.cookie.maxAge: must be a number (milliseconds) or null"),
            (r#"{"app":"counter","steps":[{"jump":1}]}"#, "steps[0]: unknown step kind \"jump\""),
        ];
        for (text, english) in cases {
            let e = crate::engine::scenario::parse(text).unwrap_err();
            assert_eq!(e.to_string(), english, "{text}");
            let zh = scenario_error_text(Lang::Zh, &e);
            assert!(han(&zh), "{zh}");
            for word in [
                "expected",
                "missing",
                "unknown",
                "only moves",
                "must be",
                "not valid",
            ] {
                assert!(!zh.contains(word), "{zh}");
            }
        }
    }

    fn han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn reset_reasons_read_in_both_languages() {
        use crate::model::persist::{decode, Notice};
        let reason = |text: &str| match decode(text, 0).1.as_slice() {
            [Notice::Reset(r)] => *r,
            n => panic!("{n:?}"),
        };
        // as state.rs words the notice; e2e/tests/stored.spec.mjs expects these English texts
        let notice = |lang, text: &str| {
            fill(
                t(lang, Key::NoticeReset),
                &[("reason", &reset_reason_text(lang, &reason(text)))],
            )
        };
        let truncated = r#"{"app":"session-lab","v":1,"lesson":"#;
        assert_eq!(
            notice(Lang::En, truncated),
            "The saved data could not be read, so the lab started clean: not JSON (line 1, column 36)"
        );
        assert_eq!(
            notice(Lang::En, r#"{"app":"session-lab","v":99}"#),
            "The saved data could not be read, so the lab started clean: saved by a newer version (99)"
        );
        assert!(notice(Lang::En, "[1,2,3]").ends_with("started clean: not an object"));
        assert!(notice(Lang::En, r#"{"app":"other"}"#)
            .ends_with("started clean: not Session Lab's data"));
        for text in [truncated, "[1]", "{}", r#"{"app":"session-lab","v":99}"#] {
            let zh = reset_reason_text(Lang::Zh, &reason(text));
            assert!(han(&zh), "{zh}");
            let latin: String = zh
                .replace("JSON", "")
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect();
            assert_eq!(latin, "", "{zh}");
        }
    }

    #[test]
    fn durations_and_clock() {
        assert_eq!(duration_text(Lang::En, 60_000), "1 min");
        assert_eq!(duration_text(Lang::En, 90_061_000), "1 d 1 h");
        assert_eq!(duration_text(Lang::Zh, 500), "500 毫秒");
        // rounded to the smaller unit shown, the larger carried
        assert_eq!(duration_text(Lang::En, 30 * 86_400_000 - 500), "30 d");
        assert_eq!(duration_text(Lang::Zh, 30 * 86_400_000 - 500), "30 天");
        assert_eq!(duration_text(Lang::En, 59_500), "1 min");
        assert_eq!(duration_text(Lang::En, 59_499), "59 s");
        assert_eq!(duration_text(Lang::En, 86_340_000), "23 h 59 min");
        assert_eq!(duration_text(Lang::En, 86_399_500), "1 d");
        assert_eq!(duration_text(Lang::En, 3_629_999), "1 h");
        assert_eq!(duration_text(Lang::En, 3_630_000), "1 h 1 min");
        assert_eq!(duration_text(Lang::En, -59_500), "-1 min");
        assert_eq!(
            duration_text(Lang::En, i64::MIN),
            format!("-{}", duration_text(Lang::En, i64::MAX))
        );
        assert_eq!(clock_text(1_700_000_000_000), "2023-11-14 22:13:20 UTC");
    }

    #[test]
    fn a_whole_login_reads_in_both_languages() {
        let mut lab = Lab::new(
            LabConfig::for_app(App::AuthFixed),
            1_700_000_000_000,
            Box::new(SeededRandom(1)),
            Box::<MemoryKv>::default(),
        )
        .unwrap();
        let mut events = lab.start_events();
        for url in [
            "http://localhost:8080/user",
            "http://localhost:8080/login?username=alice",
            "http://localhost:8080/logout",
        ] {
            let o = lab.apply(Action::Navigate(Navigate::typed(
                crate::engine::events::BrowserId::Victim,
                url,
            )));
            events.extend(o.events);
            for x in o.exchanges {
                events.extend(x.events);
            }
        }
        events.extend(lab.apply(Action::Advance(3_600_000)).events);
        let mut explained = 0;
        for e in &events {
            let Some((zh, _)) = explain(Lang::Zh, e) else {
                continue;
            };
            let (en, _) = explain(Lang::En, e).unwrap();
            assert!(han(&zh), "zh text has no Chinese: {zh}");
            assert!(
                !han(&en) || en.contains("欢迎你") || en.contains("Session {"),
                "en text has Chinese: {en}"
            );
            assert!(
                !zh.contains('{') || zh.contains("Session {"),
                "unfilled placeholder: {zh}"
            );
            explained += 1;
        }
        assert!(explained > 20, "{explained}");
    }

    #[test]
    fn an_edit_of_the_attackers_jar_says_whose() {
        use crate::engine::events::HandEdit;
        let edit = |browser| Event::JarEdited {
            browser,
            edit: HandEdit::Removed {
                name: "connect.sid".into(),
            },
            by: EditBy::Hand,
        };
        let said = |lang, b| explain(lang, &edit(b)).unwrap().0;
        assert_eq!(
            said(Lang::En, BrowserId::Victim),
            "Deleted by hand: connect.sid"
        );
        assert_eq!(
            said(Lang::En, BrowserId::Attacker),
            "In the attacker's jar: Deleted by hand: connect.sid"
        );
        assert_eq!(
            said(Lang::Zh, BrowserId::Attacker),
            "攻击者的 Cookie 罐：手动删除了 connect.sid"
        );
    }
}

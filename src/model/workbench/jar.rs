//! The jar pane's model: whose jar is shown, where its next request goes, the edits the
//! learner makes by hand, and the server's verdict on the cookie it reads.

use super::Workbench;
use crate::engine::clock::{JsDate, Millis};
use crate::engine::events::BrowserId;
use crate::engine::jar::{check_by_hand, Api, Cookie, Persistence, Refusal, RequestContext, SameSite, SendDecision};
use crate::engine::lab::Action;
use crate::engine::server::Signing;
use crate::engine::url::Url;
use crate::i18n::{t, Key, Lang};
use crate::model::anatomy::{session_verdict, signed_cookie_verdict, Verdict};
use crate::model::jar_io::{check_path, clean_domain};

/// Why an edit of the jar by hand changed nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum JarProblem {
    /// The jar's own rules (control characters, separators, size).
    Refused(Refusal),
    /// A path must start with `/`.
    Path,
    /// Expires must be a date, or empty for a session cookie.
    Expires,
    /// A domain must be a host name.
    Domain,
}

/// A column of the jar a cell edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookieField {
    /// Name.
    Name,
    /// Value.
    Value,
    /// Domain (a leading dot is dropped).
    Domain,
    /// Path.
    Path,
    /// Expires / Max-Age: a date, or the session label or nothing for a session cookie.
    Expires,
    /// HttpOnly (`"true"` or anything else).
    HttpOnly,
    /// Secure (`"true"` or anything else).
    Secure,
    /// SameSite (`Strict`, `Lax`, `None`, or anything else for unset).
    SameSite,
}

/// What the server will make of the cookie it reads, as the jar pane shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerCheck {
    /// The cookie's name.
    pub name: String,
    /// Its raw value.
    pub value: String,
    /// The verdict the next request will get.
    pub verdict: Verdict,
    /// The value is a cookie-parser signed value (the card), not a session id.
    pub card: bool,
    /// The secrets it is checked with, or `None` when a challenge hides them.
    pub secrets: Option<Vec<String>>,
}

/// Why an edit changed nothing, in words.
pub fn problem_text(lang: Lang, p: &JarProblem) -> String {
    let why = match p {
        JarProblem::Refused(r) => crate::model::explain::refusal_text(lang, r),
        JarProblem::Path => t(lang, Key::JarBadPath).to_string(),
        JarProblem::Expires => t(lang, Key::JarBadExpires).to_string(),
        JarProblem::Domain => t(lang, Key::JarBadDomain).to_string(),
    };
    crate::i18n::fill(t(lang, Key::JarEditRefused), &[("reason", &why)])
}

/// The server's verdict in words, and whether it accepts the cookie.
pub fn verdict_text(lang: Lang, check: &ServerCheck) -> (bool, String) {
    use crate::i18n::fill;
    match &check.verdict {
        Verdict::Accepted {
            sid,
            secret_index: 0,
        } if check.card => (true, fill(t(lang, Key::VerdictValue), &[("v", sid)])),
        Verdict::Accepted {
            secret_index: 0, ..
        } => (true, t(lang, Key::VerdictAccepted).to_string()),
        Verdict::Accepted { secret_index, .. } => (
            true,
            fill(
                t(lang, Key::VerdictAcceptedOld),
                &[("n", &secret_index.to_string())],
            ),
        ),
        Verdict::UnknownSid { .. } => (false, t(lang, Key::VerdictUnknownSid).to_string()),
        Verdict::MissingPrefix { decode_failed } => {
            let mut s = t(lang, Key::VerdictMissingPrefix).to_string();
            if *decode_failed {
                s.push_str(t(lang, Key::VerdictDecodeFailed));
            }
            (false, s)
        }
        Verdict::NoDot => (false, t(lang, Key::VerdictNoDot).to_string()),
        Verdict::BadMac { .. } => (false, t(lang, Key::VerdictBadMac).to_string()),
        Verdict::NoSecret => (false, t(lang, Key::VerdictNoSecret).to_string()),
    }
}

/// The secrets as the verdict box names them: quoted, or "hidden" during a challenge.
pub fn secret_text(lang: Lang, check: &ServerCheck) -> String {
    match &check.secrets {
        None => t(lang, Key::SecretHidden).to_string(),
        Some(v) => v
            .iter()
            .map(|x| format!("'{x}'"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The cell's text for Expires / Max-Age: the session label, or the date and how far away.
pub fn expires_text(c: &Cookie, lang: Lang, now: Millis) -> String {
    match c.persistence {
        Persistence::Session => t(lang, Key::SessionCookieLabel).to_string(),
        Persistence::Until(ms) => {
            let iso = JsDate::from_millis(ms).to_iso_string().unwrap_or_default();
            format!(
                "{iso} ({})",
                crate::model::explain::duration_text(lang, ms - now)
            )
        }
    }
}

/// A cookie with one cell changed, or why the text cannot be used.
pub fn edited(c: &Cookie, f: CookieField, v: &str, now: Millis) -> Result<Cookie, JarProblem> {
    let mut n = c.clone();
    match f {
        CookieField::Name => n.name = v.to_string(),
        CookieField::Value => n.value = v.to_string(),
        CookieField::Domain => {
            let d = v.trim();
            n.domain =
                clean_domain(d.strip_prefix('.').unwrap_or(d)).map_err(|_| JarProblem::Domain)?;
        }
        CookieField::Path => {
            check_path(v).map_err(|_| JarProblem::Path)?;
            n.path = v.to_string();
        }
        CookieField::Expires => {
            let v = v.trim();
            let session = v.is_empty()
                || crate::i18n::Lang::ALL.iter().any(|&l| {
                    let label = t(l, Key::SessionCookieLabel);
                    v.len() >= label.len()
                        && v.get(..label.len())
                            .is_some_and(|p| p.eq_ignore_ascii_case(label))
                });
            n.persistence = if session {
                Persistence::Session
            } else {
                // "2030-01-01T00:00:00.000Z (…)" as shown, or any ISO date
                let d = JsDate::parse(v.split(" (").next().unwrap_or(v));
                Persistence::Until(d.millis().ok_or(JarProblem::Expires)?)
            };
        }
        CookieField::HttpOnly => n.http_only = v == "true",
        CookieField::Secure => n.secure = v == "true",
        CookieField::SameSite => n.same_site = SameSite::from_label(v),
    }
    check_by_hand(&n.name, &n.value, &Default::default()).map_err(JarProblem::Refused)?;
    n.last_access = now;
    Ok(n)
}

impl Workbench {
    /// The browser whose jar the jar pane shows.
    pub fn jar_owner(&self) -> BrowserId {
        if self.attacker {
            self.jar_view
        } else {
            BrowserId::Victim
        }
    }

    /// Where a browser's next request goes: its address bar, or the app's home page while the
    /// address bar holds something that is not a URL.
    pub fn next_url(&self, who: BrowserId) -> Option<Url> {
        Url::parse(self.address_of(who))
            .or_else(|_| Url::parse(&self.lab.home_url()))
            .ok()
    }

    /// The jar's unexpired cookies, and for each whether the next request carries it.
    pub fn jar_rows(&self, who: BrowserId) -> Vec<SendDecision> {
        let now = self.lab.now;
        let jar = &self.lab.browser(who).jar;
        match self.next_url(who) {
            Some(u) => jar.decide(&u, &RequestContext::typed("GET"), Api::Http, now),
            None => jar
                .cookies()
                .iter()
                .filter(|c| !c.expired(now))
                .map(|c| SendDecision {
                    cookie: c.clone(),
                    withheld: None,
                })
                .collect(),
        }
    }

    /// The server's verdict on the cookie it reads, if the next request carries one.
    pub fn server_check(&self, who: BrowserId) -> Option<ServerCheck> {
        let server = &self.lab.server;
        let name = server.cookie_name().to_string();
        let signing = server.signing();
        if signing == Signing::None {
            return None;
        }
        let now = self.lab.now;
        let sent = self
            .jar_rows(who)
            .into_iter()
            .find(|d| d.cookie.name == name && d.withheld.is_none())?;
        let value = sent.cookie.value;
        let (verdict, card) = match &signing {
            Signing::CookieParser(secret) => (signed_cookie_verdict(&value, secret), true),
            Signing::Session(secrets) => (
                session_verdict(&name, &value, secrets, |sid| {
                    server.store.has_live(sid, now)
                }),
                false,
            ),
            Signing::None => return None,
        };
        Some(ServerCheck {
            name,
            value,
            verdict,
            card,
            secrets: (!self.hide_secret).then(|| signing.secrets()),
        })
    }

    /// The app's source as the page shows it: with the secret masked while a challenge asks
    /// the learner to recover it.
    pub fn source_text(&self) -> String {
        let mut source = self.lab.server.source();
        if self.hide_secret {
            for secret in self.lab.server.signing().secrets() {
                source = source.replace(&format!("'{secret}'"), "'••••'");
            }
        }
        source
    }

    /// Changes one cell of a cookie (a new name, domain or path replaces the cookie), or says
    /// why the text cannot be used.
    pub(super) fn edit_cookie(&mut self, who: BrowserId, old: &Cookie, field: CookieField, text: &str) {
        match edited(old, field, text, self.lab.now) {
            Ok(new) => {
                if new.key() != old.key() {
                    self.act(Action::JarRemove {
                        browser: who,
                        name: old.name.clone(),
                        domain: old.domain.clone(),
                        path: old.path.clone(),
                    });
                }
                self.act(Action::JarPut(who, new));
            }
            Err(p) => self.jar_problem = Some(p),
        }
    }

    /// Adds a cookie by hand, as DevTools' add row does: for the host of the next request.
    pub(super) fn add_cookie(&mut self, who: BrowserId, name: &str, value: &str) {
        if name.is_empty() && value.is_empty() {
            return;
        }
        let host = self
            .next_url(who)
            .map_or_else(|| "localhost".to_string(), |u| u.host);
        let c = Cookie::by_hand(name, value, &host, self.lab.now);
        self.act(Action::JarPut(who, c));
    }

    /// Puts cookies from a `Cookie` header into a jar (the attacker's stolen header, or a
    /// value the signer made), for the app's host.
    pub(super) fn put_header(&mut self, who: BrowserId, header: &str) {
        let host = Url::parse(&self.lab.home_url())
            .map(|u| u.host)
            .unwrap_or_else(|_| "localhost".into());
        let now = self.lab.now;
        for c in crate::model::http_text::cookies_from_header(header, &host, now) {
            self.act(Action::JarPut(who, c));
        }
    }

    /// Puts imported cookies in a jar; says how many went in.
    pub(super) fn import_cookies(&mut self, who: BrowserId, cookies: Vec<Cookie>) {
        let jar = &mut self.lab.browser_mut(who).jar;
        // jar_io checked every cookie against the jar's rules; count any it refuses anyway
        let n = cookies.into_iter().filter(|c| jar.put(c.clone()).is_ok()).count();
        self.announcement = crate::i18n::fill(
            t(self.lang, Key::JarImported),
            &[("n", &n.to_string())],
        );
    }
}

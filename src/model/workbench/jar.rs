//! The jar pane's model: whose jar is shown, where its next request goes, the edits the
//! learner makes by hand, and the server's verdict on the cookie it reads.

use super::Workbench;
use crate::engine::events::{BrowserId, EditBy};
use crate::engine::jar::{
    read_cookie_header, Api, Cookie, EditError, Field, HeaderError, Limits, RequestContext,
    SendDecision,
};
use crate::engine::lab::Action;
use crate::engine::server::comments::CommentLang;
use crate::engine::server::Signing;
use crate::engine::url::Url;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::anatomy::{session_verdict, signed_cookie_verdict, Verdict};
use crate::model::explain::Tone;
use crate::model::jar_cells::edit_cell;
use crate::model::jar_io::Imported;

/// What stands for a hidden secret in the code, and for the MAC the server expected while a
/// challenge hides its secret: that MAC is the secret's work, and showing it would sign a
/// forgery for the learner.
pub const HIDDEN_MAC: &str = "••••";

/// Hides the expected MACs in a request's events (the timeline and the last request's
/// banner read them) while the secret is hidden.
pub(super) fn hide_expected_macs(events: &mut [crate::engine::events::Event]) {
    use crate::engine::events::{CookieVerdict, Event};
    use crate::engine::signature::UnsignError;
    for e in events {
        let error = match e {
            Event::SessionCookieRead {
                verdict: CookieVerdict::BadSignature { error, .. },
                ..
            } => error,
            Event::SignedCookieRead {
                verdict: Err(error),
                ..
            } => error,
            _ => continue,
        };
        if let UnsignError::BadMac { expected, .. } = error {
            *expected = HIDDEN_MAC.to_string();
        }
    }
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
    /// With two instances behind a balancer, the one the next request goes to (`app2`): its
    /// store is the one asked, and unnamed, its answer contradicted the last request's.
    pub instance: Option<&'static str>,
}

/// The server's verdict in words, and how it reads ([`Verdict::tone`]).
pub fn verdict_text(lang: Lang, check: &ServerCheck) -> (Tone, String) {
    use crate::i18n::fill;
    let text = match &check.verdict {
        Verdict::Accepted {
            sid,
            secret_index: 0,
        } if check.card => fill(t(lang, Key::VerdictValue), &[("v", sid)]),
        Verdict::Accepted {
            secret_index: 0, ..
        } => t(lang, Key::VerdictAccepted).to_string(),
        Verdict::Accepted { secret_index, .. } => fill(
            t(lang, Key::VerdictAcceptedOld),
            &[("n", &(secret_index + 1).to_string())],
        ),
        Verdict::UnknownSid { .. } => t(lang, Key::VerdictUnknownSid).to_string(),
        Verdict::MissingPrefix { decode_failed } => {
            let mut s = t(lang, Key::VerdictMissingPrefix).to_string();
            if *decode_failed {
                s.push_str(t(lang, Key::VerdictDecodeFailed));
            }
            s
        }
        Verdict::NoDot => t(lang, Key::VerdictNoDot).to_string(),
        Verdict::BadMac { .. } => t(lang, Key::VerdictBadMac).to_string(),
        Verdict::NoSecret => t(lang, Key::VerdictNoSecret).to_string(),
    };
    let text = match check.instance {
        Some(i) => format!(
            "{}{text}",
            fill(t(lang, Key::VerdictNextInstance), &[("instance", i)])
        ),
        None => text,
    };
    (check.verdict.tone(), text)
}

/// The secrets as the verdict box names them (each bare, as typed; see `secrets_shown`), or
/// "hidden" during a challenge.
pub fn secret_text(lang: Lang, check: &ServerCheck) -> String {
    match &check.secrets {
        None => t(lang, Key::SecretHidden).to_string(),
        Some(v) => secrets_shown(v),
    }
}

/// Each secret as it is typed into a signer, the first (the one that signs) first: bare, as
/// `zfpx`, so that a copy is the key. Shown as a JavaScript string, `'zfpx'`, learners copied
/// the quotes into forge's signer and got a MAC that did not match, with nothing to say why
/// (a reviewer). Quoted only where bare would mislead: an empty secret, one with spaces at
/// its ends, or one holding the ", " that separates them.
fn secrets_shown(secrets: &[String]) -> String {
    secrets
        .iter()
        .map(|x| {
            if x.is_empty() || x.trim() != x || x.contains(", ") {
                format!("'{x}'")
            } else {
                x.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
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

    /// The cookie just planted in the victim's jar, while the pane shows the attacker's:
    /// the newest timeline entry is a hand put in the victim's jar (from the attacker's jar
    /// only the plant button makes one), so the attacker's jar can say it went, which the
    /// victim's jar, not on screen, could not.
    pub fn last_plant(&self) -> Option<&str> {
        if self.jar_owner() != BrowserId::Attacker {
            return None;
        }
        self.newest_put(BrowserId::Victim)
    }

    /// The cookie put in `who`'s jar by hand (a plant, the signer's or a stolen value), while
    /// that put is the newest thing on the timeline: what a tool says it did holds until the
    /// next thing happens (forge's "put in your jar: press Go to send it" stayed after the
    /// Go, the jar's cookie by then the server's new one; phone review).
    pub fn newest_put(&self, who: BrowserId) -> Option<&str> {
        let last = self.timeline.entries().last()?;
        use crate::engine::events::{Event, HandEdit};
        last.events.iter().find_map(|e| match e {
            // a new cookie, or one over one of the jar's own (her connect.sid, replaced)
            Event::JarEdited {
                browser,
                edit: HandEdit::Put { name, .. },
                ..
            } if *browser == who => Some(name.as_str()),
            Event::JarEdited {
                browser,
                edit: HandEdit::Changed { after, .. },
                ..
            } if *browser == who => Some(after.name.as_str()),
            _ => None,
        })
    }

    /// Where a browser's next request goes: its address bar, or the app's home page while the
    /// address bar holds something that is not a URL.
    pub fn next_url(&self, who: BrowserId) -> Option<Url> {
        Url::parse(self.address_of(who))
            .or_else(|_| Url::parse(&self.lab.home_url()))
            .ok()
    }

    /// The jar's unexpired cookies in the jar's order (as DevTools lists them, not the
    /// `Cookie` header's order), and for each whether the next request carries it.
    pub fn jar_rows(&self, who: BrowserId) -> Vec<SendDecision> {
        let now = self.lab.now;
        let jar = &self.lab.browser(who).jar;
        let decisions = self
            .next_url(who)
            .map(|u| jar.decide(&u, &RequestContext::typed("GET"), Api::Http, now))
            .unwrap_or_default();
        jar.cookies()
            .iter()
            .filter(|c| !c.expired(now))
            .map(|c| SendDecision {
                cookie: c.clone(),
                withheld: decisions
                    .iter()
                    .find(|d| d.cookie.key() == c.key())
                    .and_then(|d| d.withheld.clone()),
                lax_allowing_unsafe: None,
            })
            .collect()
    }

    /// The server's verdict on the cookie it reads, if the next request carries one. With two
    /// instances, the store asked is the one of the instance the balancer would pick next.
    pub fn server_check(&self, who: BrowserId) -> Option<ServerCheck> {
        let name = self.lab.server.cookie_name().to_string();
        let signing = self.lab.server.signing();
        if signing == Signing::None {
            return None;
        }
        let now = self.lab.now;
        let rows = self.jar_rows(who);
        let pin = rows
            .iter()
            .find(|d| d.cookie.name == crate::engine::lab::STICKY_COOKIE && d.withheld.is_none())
            .map(|d| format!("{}={}", d.cookie.name, d.cookie.value));
        let next = self.lab.next_instance(pin.as_deref());
        let server = self.lab.instance(next);
        let sent = rows
            .into_iter()
            .find(|d| d.cookie.name == name && d.withheld.is_none())?;
        let value = sent.cookie.value;
        let (mut verdict, card) = match &signing {
            Signing::CookieParser(secret) => (signed_cookie_verdict(&value, secret), true),
            Signing::Session(secrets) => (
                session_verdict(&name, &value, secrets, |sid| {
                    server.store.has_live(sid, now)
                }),
                false,
            ),
            Signing::None => return None,
        };
        if let (true, Verdict::BadMac { expected, .. }) = (self.hide_secret, &mut verdict) {
            *expected = HIDDEN_MAC.to_string();
        }
        Some(ServerCheck {
            name,
            value,
            verdict,
            card,
            secrets: (!self.hide_secret).then(|| signing.secrets()),
            instance: self.lab.instance_label(next),
        })
    }

    /// The app's source as the page shows it in `lang`: its comments in that language (the
    /// table is [`crate::engine::server::comments::ZH`]; the code and the line numbers are the
    /// English source's, where the lines that ran were found), with the secret masked while a
    /// challenge asks the learner to recover it.
    pub fn source_text(&self, lang: Lang) -> String {
        let comments = match lang {
            Lang::Zh => CommentLang::Zh,
            Lang::En => CommentLang::En,
        };
        let mut source = self.lab.server.source_in(comments);
        if self.hide_secret {
            for secret in self.lab.server.signing().secrets() {
                source = source.replace(&format!("'{secret}'"), &format!("'{HIDDEN_MAC}'"));
            }
        }
        source
    }

    /// Changes one cell of a cookie (a new name, domain or path keeps its row, under its new
    /// key), or says why the text cannot be used.
    pub(super) fn edit_cookie(&mut self, who: BrowserId, old: &Cookie, field: Field, text: &str) {
        match edit_cell(old, field, text, self.lab.now) {
            Ok(new) => {
                self.act(Action::JarReplace {
                    browser: who,
                    old: (old.name.clone(), old.domain.clone(), old.path.clone()),
                    cookie: new,
                });
            }
            Err(p) => self.refuse_jar_edit(p),
        }
    }

    /// Keeps the jar as it is and says why (each refusal counted: see `jar_refusals`).
    pub(super) fn refuse_jar_edit(&mut self, problem: EditError) {
        self.jar_problem = Some(problem);
        self.jar_refusals = self.jar_refusals.wrapping_add(1);
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
        match c.check(&Limits::default()) {
            Ok(()) => {
                self.act(Action::JarPut(who, c));
            }
            // keep the jar as it is and say why
            Err(i) => self.refuse_jar_edit(EditError::Invalid(i)),
        }
    }

    /// Puts cookies from a `Cookie` header into a jar (the attacker's stolen header, or a
    /// value the signer made), for the app's host. A `Cookie` header carries names and values
    /// only: where the jar already holds the cookie, only its value changes, as a value edited
    /// in DevTools keeps the row's flags (the signer's value put over the server's
    /// `connect.sid` turned its HttpOnly off, and the jar said only "changed by hand").
    pub(super) fn put_header(&mut self, who: BrowserId, header: &str, by: EditBy) {
        let host = Url::parse(&self.lab.home_url())
            .map(|u| u.host)
            .unwrap_or_else(|_| "localhost".into());
        match read_cookie_header(header, &host, self.lab.now, &Limits::default()) {
            Ok(cookies) => {
                // the jar pane shows the jar the tool put them in: a learner who put the loot
                // in the attacker's jar saw nothing change (the pane still on their own jar)
                self.jar_view = who;
                for c in cookies {
                    let jar = self.lab.browser(who).jar.cookies();
                    let held = jar.iter().find(|h| h.key() == c.key());
                    let c = match held {
                        Some(h) => Cookie {
                            value: c.value,
                            ..h.clone()
                        },
                        None => c,
                    };
                    self.act(Action::ToolPut(who, c, by));
                }
            }
            // the jar pane says which rule the pair breaks
            Err(HeaderError::Pair { problem, .. } | HeaderError::Host(problem)) => {
                self.refuse_jar_edit(EditError::Invalid(problem));
            }
            // stolen headers come from one jar and hold far fewer cookies, and are requests'
            Err(HeaderError::TooMany { .. } | HeaderError::SetCookieLine { .. }) => {}
        }
    }

    /// Puts imported cookies in a jar; says how many went in, how many arrived already expired
    /// (each deletes its namesake, as `chrome.cookies.set` with a past date does) and how many
    /// the jar's limits pushed out: in the live region, and under the import box until the
    /// next action.
    pub(super) fn import_cookies(&mut self, who: BrowserId, imported: Imported) {
        let Imported { cookies, left_out } = imported;
        let now = self.lab.now;
        let jar = &mut self.lab.browser_mut(who).jar;
        // jar_io checked every cookie against the jar's rules; count any it refuses anyway
        let mut report = ImportReport {
            who,
            given: cookies.len(),
            stored: 0,
            replaced: 0,
            expired: 0,
            evicted: 0,
            per_domain: jar.limits.per_domain,
            total: jar.limits.total,
            left_out,
        };
        // a name given twice (`x=1; y=2; x=3`) goes in twice, the later replacing the earlier:
        // it was counted as two cookies imported for one row (zh teacher review)
        let mut taken: Vec<(String, String, String)> = Vec::new();
        for c in cookies {
            let dead = c.expired(now);
            let (name, domain, path) = c.key();
            let key = (name.to_string(), domain.to_string(), path.to_string());
            if let Ok(gone) = jar.put(c) {
                report.stored += 1;
                if taken.contains(&key) {
                    report.replaced += 1;
                } else {
                    taken.push(key);
                }
                report.expired += usize::from(dead);
                report.evicted += gone.len();
            }
        }
        self.announcement.say(report.text(self.lang));
        self.last_import = Some(report);
    }
}

/// What an import into a jar did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// Whose jar.
    pub who: BrowserId,
    /// Cookies in the text.
    pub given: usize,
    /// Cookies the jar took (a name given twice, each time).
    pub stored: usize,
    /// Of those, how many replaced an earlier one of the same text (same name, domain, path).
    pub replaced: usize,
    /// Of those, how many had already expired (each deleted its namesake).
    pub expired: usize,
    /// Cookies the jar's limits pushed out.
    pub evicted: usize,
    /// The jar's limit per domain.
    pub per_domain: usize,
    /// The jar's limit in all.
    pub total: usize,
    /// What the text held that was not `name=value` (a Cookie header's `lonely`), in order.
    pub left_out: Vec<String>,
}

impl ImportReport {
    /// In words: "Cookies imported: 2. 1 of them had already expired: …".
    pub fn text(&self, lang: Lang) -> String {
        let mut said = self.counts(lang);
        if !self.left_out.is_empty() {
            // the first three, each clipped (a pasted text may be long); the count says if
            // there were more
            let what = self.left_out[..self.left_out.len().min(3)]
                .iter()
                .map(|p| crate::engine::clip(p, 40))
                .collect::<Vec<_>>()
                .join(t(lang, Key::ListComma));
            said.push_str(&fill(
                t(lang, Key::JarImportLeftOut),
                &[("n", &self.left_out.len().to_string()), ("what", &what)],
            ));
        }
        said
    }

    /// What went into the jar, in words.
    fn counts(&self, lang: Lang) -> String {
        if self.stored == 0 {
            let key = if self.given == 0 {
                Key::JarImportedNone
            } else {
                Key::JarImportedRefused
            };
            return t(lang, key).to_string();
        }
        let mut said = fill(
            t(lang, Key::JarImported),
            &[("n", &(self.stored - self.replaced).to_string())],
        );
        if self.replaced > 0 {
            said.push_str(&fill(
                t(lang, Key::JarImportReplaced),
                &[("n", &self.replaced.to_string())],
            ));
        }
        if self.expired > 0 {
            said.push_str(&fill(
                t(lang, Key::JarImportExpired),
                &[("n", &self.expired.to_string())],
            ));
        }
        if self.evicted > 0 {
            said.push_str(&fill(
                t(lang, Key::JarImportEvicted),
                &[
                    ("n", &self.evicted.to_string()),
                    ("max", &self.per_domain.to_string()),
                    ("total", &self.total.to_string()),
                ],
            ));
        }
        said
    }
}

/// Whether a secret typed into the signer is wrapped in quote marks (`'zfpx'`, `"zfpx"`, or
/// a Chinese keyboard's `‘zfpx’`, `“zfpx”`): copied from code, the quotes become part of the
/// key, and the MAC it makes matches nothing. The signer says so.
pub fn quoted_secret(secret: &str) -> bool {
    let s = secret.trim();
    s.chars().count() > 2
        && [('\'', '\''), ('"', '"'), ('‘', '’'), ('“', '”'), ('`', '`')]
            .iter()
            .any(|&(open, close)| s.starts_with(open) && s.ends_with(close))
}

#[cfg(test)]
mod tests {
    use super::{quoted_secret, secrets_shown};

    #[test]
    fn a_secret_in_quotes_is_noticed() {
        for q in ["'zfpx'", "\"zfpx\"", "‘zfpx’", "“zfpx”", " `zfpx` "] {
            assert!(quoted_secret(q), "{q}");
        }
        for bare in ["zfpx", "it's", "'", "''", "'zfpx", "a'b'"] {
            assert!(!quoted_secret(bare), "{bare}");
        }
    }

    #[test]
    fn secrets_are_shown_as_typed_and_quoted_only_where_bare_misleads() {
        let shown =
            |v: &[&str]| secrets_shown(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(shown(&["zfpx"]), "zfpx");
        assert_eq!(shown(&["new-secret", "zfpx"]), "new-secret, zfpx");
        assert_eq!(
            shown(&["", " pad", "a, b", "x'y"]),
            "'', ' pad', 'a, b', x'y"
        );
    }
}

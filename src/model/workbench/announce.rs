//! What the live region says, in the page's language: after a request, the status, what the
//! page shows, which cookies changed and any signature verdict, with long ids cut short so a
//! screen reader does not spell out 32 characters. Every announcement is numbered, so the
//! page can make a repeat heard (the same words twice in one live region are silent).

use super::travel::same_cookie;
use crate::engine::events::{
    BrowserId, CookieVerdict, EndAction, Event, NewWhy, NotSentWhy, NothingWhy, SetCookieDecision,
};
use crate::engine::jar::Cookie;
use crate::engine::lab::Exchange;
use crate::engine::signature::UnsignError;
use crate::i18n::{fill, push_sentence, sentences, t, Key, Lang};
use crate::model::challenges::{Observation, Spec};
use crate::model::explain::explain;
use crate::model::gloss::gloss;
use crate::model::page::{render, Block};

/// One announcement: its words and its number (a new number for every new one, even when
/// the words are the same).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Announcement {
    /// What a screen reader reads.
    pub text: String,
    /// Counts announcements since the page opened.
    pub n: u64,
}

impl Announcement {
    /// Says `text` (again, if it is what was said last).
    pub fn say(&mut self, text: String) {
        self.text = text;
        self.n += 1;
    }

    /// Adds `text` to what this action already said (the announcement numbered `since` was
    /// the one before the action), or says it alone when the action said nothing yet.
    pub fn add(&mut self, since: u64, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.n > since && !self.text.is_empty() {
            push_sentence(&mut self.text, text);
        } else {
            self.say(text.to_string());
        }
    }

    /// Puts `text` before what this action already said (the announcement numbered `since`
    /// was the one before the action), or says it alone. One action, one new number: a second
    /// number brought the page's two live regions back to the one that said the same words
    /// last, and an apply repeated was silent (review).
    pub fn lead(&mut self, since: u64, text: &str) {
        if self.n > since && !self.text.is_empty() {
            let mut out = text.to_string();
            push_sentence(&mut out, &self.text);
            self.text = out;
        } else {
            self.say(text.to_string());
        }
    }

    /// Ends an action (the announcement numbered `since` was the one before it): whatever it
    /// said or cleared on its way, it is one new number. The page's two live regions take turns
    /// by the number; a Reset cleared the words as its place started again, then said "Lab
    /// reset", two numbers that brought it back to the region that had said it last, and a
    /// second Reset was silent (screen-reader review; a scenario's load and its steps, which
    /// say twice, the same).
    pub fn end_action(&mut self, since: u64) {
        self.n = self.n.min(since + 1);
    }

    /// Says nothing (the place changed; the old words no longer apply).
    pub fn clear(&mut self) {
        self.text.clear();
        self.n += 1;
    }
}

/// Lesson steps an action ticked, by number, and what comes next in full (the card shows
/// both; a screen reader heard neither): "Step 1 of 4 done." and "Next: …", apart, so the live
/// region can say the first before what the request did and the second after it (at the end
/// of 600 characters of store calls, a keyboard learner waited to hear the step was done).
/// The done step's own text is on the card: said again, a long step made a paragraph of the
/// announcement.
///
/// `(count, total)`: how many are done now when they are not the lesson's first ones or the
/// step ticked last is not the last of them (`None` in order), of how many. A step done out of
/// order says the count ("Step 5 of 5 done" with step 2 undone had sounded like the lesson's
/// end; "Step 2 of 4 done" with 3 and 4 done, like two done; reviews), after the last step
/// ticked.
/// `next`: the step the card shows, with its number when a chip picked it ("Step 3: …", as
/// the card words it), else the next one's text alone ("Next: …").
pub fn steps_done(
    lang: Lang,
    done: &[usize],
    (count, total): (Option<usize>, usize),
    next: Option<(Option<usize>, Key)>,
) -> Said {
    let mut first = String::new();
    for (i, n) in done.iter().enumerate() {
        let key = match count {
            Some(_) if i + 1 == done.len() => Key::SayStepDoneCount,
            _ => Key::SayStepDone,
        };
        push_sentence(
            &mut first,
            &fill(
                t(lang, key),
                &[
                    ("n", &n.to_string()),
                    ("total", &total.to_string()),
                    ("count", &count.unwrap_or_default().to_string()),
                ],
            ),
        );
    }
    let mut then = String::new();
    if !done.is_empty() {
        let next = match next {
            Some((picked, k)) => {
                let label = match picked {
                    Some(n) => fill(t(lang, Key::StepNumbered), &[("n", &n.to_string())]),
                    None => t(lang, Key::NextStep).to_string(),
                };
                format!("{label}{}{}", t(lang, Key::Colon), t(lang, k))
            }
            None => t(lang, Key::AllStepsDone).to_string(),
        };
        push_sentence(&mut then, &next);
    }
    Said { first, then }
}

/// What an action did in the open challenge: a solve, or else the stages it completed, first;
/// then the card's new explanation. A solve is said alone: the stage that made it was read out
/// in full before "Challenge solved!" (200 characters of it in logout's), and a solved
/// challenge has every stage done.
pub fn challenge_progress(lang: Lang, spec: &Spec, obs: &Observation) -> Said {
    let mut first = String::new();
    let stages = if obs.solved {
        &[][..]
    } else {
        &obs.completed[..]
    };
    for name in stages {
        if let Some(stage) = spec.stages.iter().find(|s| s.name == *name) {
            push_sentence(
                &mut first,
                &fill(
                    t(lang, Key::SayStageDone),
                    &[("stage", t(lang, stage.asks))],
                ),
            );
        }
    }
    if obs.solved {
        push_sentence(
            &mut first,
            &fill(t(lang, Key::SaySolved), &[("title", t(lang, spec.title))]),
        );
    }
    let mut then = String::new();
    if let Some((why, because)) = obs.said {
        let label = because.label();
        push_sentence(
            &mut then,
            &format!("{}{}{}", t(lang, label), t(lang, Key::Colon), t(lang, why)),
        );
    }
    Said { first, then }
}

/// What an action completed, in two parts: what leads the live region's words (a step done, a
/// stage, a solve) and what follows what the request did (the next step, the explanation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Said {
    /// Said first.
    pub first: String,
    /// Said last.
    pub then: String,
}

impl Said {
    /// Both parts as one text, in order (the echo's words).
    pub fn whole(&self) -> String {
        sentences(&[self.first.as_str(), self.then.as_str()])
    }

    /// Puts them around what this action already said (since the announcement numbered
    /// `since`).
    pub fn around(&self, a: &mut Announcement, since: u64) {
        if !self.first.is_empty() {
            a.lead(since, &self.first);
        }
        a.add(since, &self.then);
    }
}

/// At most this many characters of a page are read out.
const PAGE_CHARS: usize = 140;

/// A run of letters, digits and the characters of ids, MACs and base64 this long or longer
/// is an id: a screen reader gets its first [`ID_KEEP`] characters and "…".
const ID_MIN: usize = 16;
/// How much of a long id is read.
const ID_KEEP: usize = 8;
/// A run this long is an id even when it is all letters and hyphens (below it such a run is
/// a word: a header's name).
const ID_LETTERS_ONLY: usize = 24;

/// Where a value edited by hand changed, when [`shorten_ids`] would say the old and the new
/// value alike: from the first character that differs, at most [`ID_KEEP`] of them
/// ("(from character 80 on, it now reads x)"). Lesson 4's step 4 changes a signed cookie's last
/// character, and the live region had said only the value's unchanged start.
pub fn value_change(lang: Lang, before: &str, after: &str) -> Option<String> {
    if before == after || shorten_ids(before) != shorten_ids(after) {
        return None;
    }
    let same = before
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let rest: Vec<char> = after.chars().skip(same).collect();
    let mut part: String = rest.iter().take(ID_KEEP).collect();
    if rest.len() > ID_KEEP {
        part.push('…');
    }
    // nothing left: the new value is the old one cut short
    let (key, n) = if rest.is_empty() {
        (Key::SayValueCutAt, same)
    } else {
        (Key::SayValueChangedAt, same + 1)
    };
    Some(fill(
        t(lang, key),
        &[("n", &n.to_string()), ("part", &part)],
    ))
}

/// `text` with every long id shortened to its start and "…".
pub fn shorten_ids(text: &str) -> String {
    let is_id = |c: char| c.is_ascii_alphanumeric() || "-_+/=%".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    // a run of letters and hyphens is a word ("X-Forwarded-Proto" had been cut to
    // "X-Forwar…"): an id or a MAC has a digit or a sign of base64 in it, short of the rare
    // long one drawn all in letters
    let looks_like_id = |part: &str| {
        let n = part.chars().count();
        n >= ID_MIN
            && (n >= ID_LETTERS_ONLY
                || part
                    .chars()
                    .any(|c| c.is_ascii_digit() || "_+/=%".contains(c)))
    };
    let cut = |part: &str, out: &mut String| {
        if looks_like_id(part) {
            out.extend(part.chars().take(ID_KEEP));
            out.push('…');
        } else {
            out.push_str(part);
        }
    };
    let flush = |run: &mut String, out: &mut String| {
        // `name=value` is a name and a value: "username=alice12345678" had been cut to
        // "username…", the value never said (an `=` that ends a run is base64's padding)
        match run.find('=') {
            Some(i) if run[i + 1..].starts_with(|c: char| c != '=') => {
                let (name, value) = run.split_at(i + 1);
                cut(name, out);
                cut(value, out);
            }
            _ => cut(run, out),
        }
        run.clear();
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_id(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            // a sentence's full stop after the ellipsis would be read as one more dot (the
            // dot inside a signed value, `s:id.mac`, stays)
            let ends_sentence = chars.peek().is_none_or(|n| n.is_whitespace());
            if !(c == '.' && ends_sentence && out.ends_with('…')) {
                out.push(c);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The words of a response's page, as the browser pane shows them (a form reads as its
/// labels and button), glossed in English, cut at [`PAGE_CHARS`].
pub fn page_words(lang: Lang, body: &str, content_type: Option<&str>) -> String {
    let page = render(body, content_type);
    let mut words: Vec<String> = page.title.into_iter().collect();
    for b in &page.blocks {
        match b {
            Block::Text(s) | Block::Pre(s) => words.push(s.clone()),
            Block::Link { text, .. } => words.push(text.clone()),
            Block::Form { fields, submit, .. } => {
                words.extend(
                    fields
                        .iter()
                        .filter(|f| f.kind != "hidden")
                        .map(|f| f.label.clone()),
                );
                words.push(submit.clone());
            }
        }
    }
    let words: Vec<String> = words
        .into_iter()
        .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|w| !w.is_empty())
        .map(|w| match (lang, gloss(&w)) {
            (Lang::En, Some(g)) => format!("{w} ({g})"),
            _ => w,
        })
        .collect();
    crate::engine::clip(&words.join(" · "), PAGE_CHARS).into_owned()
}

/// How the jar changed: the names of cookies added, changed and removed.
fn cookie_changes(lang: Lang, before: &[Cookie], after: &[Cookie]) -> Vec<String> {
    // a cookie with no name (`=x`, which the jar keeps) is said as "(empty)", not as ", ."
    let names = |cs: Vec<&Cookie>| {
        let mut v: Vec<&str> = cs
            .into_iter()
            .map(|c| match c.name.as_str() {
                "" => t(lang, Key::EmptyValue),
                name => name,
            })
            .collect();
        v.dedup();
        v.join(", ")
    };
    let added: Vec<&Cookie> = after
        .iter()
        .filter(|c| !before.iter().any(|b| b.key() == c.key()))
        .collect();
    let changed: Vec<&Cookie> = after
        .iter()
        .filter(|c| {
            before
                .iter()
                .any(|b| b.key() == c.key() && !same_cookie(b, c))
        })
        .collect();
    let removed: Vec<&Cookie> = before
        .iter()
        .filter(|b| !after.iter().any(|c| b.key() == c.key()))
        .collect();
    [
        (added, Key::SayCookiesAdded),
        (changed, Key::SayCookiesChanged),
        (removed, Key::SayCookiesRemoved),
    ]
    .into_iter()
    .filter(|(cs, _)| !cs.is_empty())
    .map(|(cs, k)| fill(t(lang, k), &[("names", &names(cs))]))
    .collect()
}

/// A line of the log as a sentence of the live region: with its full stop when it has none
/// (the log's hand-edit lines, "Changed by hand in balance: Value now 9999", are headings).
pub fn as_sentence(lang: Lang, line: &str) -> String {
    match line.chars().last() {
        None => String::new(),
        // a closing bracket ends a remark, not the sentence: "(hop 1)." and "x=(1)." take one
        Some(c) if ".!?。！？".contains(c) => line.to_string(),
        Some(_) => format!("{line}{}", if lang == Lang::Zh { "。" } else { "." }),
    }
}

/// What a navigation comes to, for the live region: the redirects taken, the final status,
/// what the page shows, the signature verdicts on the way (a redirect can hide the
/// interesting one) with what the banner remarks on each request (`remarks`: a cookie the jar
/// held back, what the app threw), and the cookies that changed in the jar (`before` and
/// `after` it).
pub fn navigation(
    lang: Lang,
    xs: &[Exchange],
    before: &[Cookie],
    after: &[Cookie],
    remarks: impl Fn(&Exchange) -> Vec<String>,
) -> String {
    let Some(last) = xs.last() else {
        return String::new();
    };
    let mut parts = Vec::new();
    if xs.len() > 1 && xs.iter().all(|x| x.flight.is_some()) {
        // requests sent at once are not one navigation: each is said with its own answer,
        // in the order the answers came (a redirect's next hop is a request of its own)
        parts.push(t(lang, Key::SayFired).to_string());
        for x in xs {
            let request = format!("{} {}", x.request.method, x.url.path);
            parts.push(fill(
                t(lang, Key::SayAnswered),
                &[
                    ("request", &request),
                    ("status", &x.response.status.to_string()),
                ],
            ));
            parts.extend(served_by(lang, [x]));
            if !crate::engine::browser::is_redirect(x.response.status) {
                let words = page_words(lang, &x.response.body, x.response.header("content-type"));
                if !words.is_empty() {
                    parts.push(fill(t(lang, Key::SayPage), &[("text", &words)]));
                }
            }
            parts.extend(checks(lang, x));
            parts.extend(remarks(x));
            parts.extend(session_fate(lang, x));
        }
    } else {
        // what went wrong comes first, before the status and the page: a forged cookie's
        // rejection had sat in the middle of 600 characters of redirects and store calls
        // (keyboard review); each is said once, and not again at its request below
        // (along redirects, with the request that met it)
        let mut said: Vec<String> = Vec::new();
        for x in xs {
            let mut alarms: Vec<String> = Vec::new();
            for (text, alarm) in checks_marked(lang, x) {
                if alarm && !said.contains(&text) && !alarms.contains(&text) {
                    alarms.push(text);
                }
            }
            // (the request named once before its alarms: a forged cookie whose new session
            // saveUninitialized kept home had "At GET /x:" twice in a row)
            if xs.len() > 1 && !alarms.is_empty() {
                parts.push(at_request(lang, x));
            }
            said.extend(alarms.iter().cloned());
            parts.extend(alarms);
        }
        parts.extend(one_navigation(lang, xs, last));
        // a login's request and the /user it leads to carry the same cookie: each verdict
        // is said once; along redirects, after the request that met it (as the banner does)
        for x in xs {
            let new: Vec<String> = (checks(lang, x).into_iter())
                .chain(remarks(x))
                .filter(|c| !said.contains(c))
                .collect();
            said.extend(new.iter().cloned());
            // what became of the session is each request's own: never left out as said
            let fate = session_fate(lang, x);
            if new.is_empty() && fate.is_empty() {
                continue;
            }
            if xs.len() > 1 {
                parts.push(at_request(lang, x));
            }
            parts.extend(new);
            parts.extend(fate);
        }
    }
    // the attacker's requests are not the learner's: say whose browser sent them
    if last.browser == BrowserId::Attacker {
        let whose = crate::model::explain::browser_name(lang, BrowserId::Attacker);
        parts.insert(0, fill(t(lang, Key::SayInBrowser), &[("browser", whose)]));
    }
    parts.extend(cookie_changes(lang, before, after));
    shorten_ids(&sentences(&parts))
}

/// "At GET /login:", before what one request of several met.
fn at_request(lang: Lang, x: &Exchange) -> String {
    let request = format!("{} {}", x.request.method, x.url.path);
    fill(t(lang, Key::SayAtRequest), &[("request", &request)])
}

/// The signature verdicts of the cookies one request carried, and what the server did
/// about a session that the verdict alone leaves unsaid: a valid id the store did not have
/// (so a new session), and a session cookie kept home (`saveUninitialized: false`, or
/// `secure` over plain http). The banner and the log say these; the live region had read
/// "valid signature" for a cookie whose session was gone.
fn checks(lang: Lang, x: &Exchange) -> Vec<String> {
    checks_marked(lang, x).into_iter().map(|(s, _)| s).collect()
}

/// [`checks`], each marked whether it leads the announcement: a signature refused, an
/// unsigned session cookie, a session cookie kept home (a Secure one, or saveUninitialized's).
fn checks_marked(lang: Lang, x: &Exchange) -> Vec<(String, bool)> {
    let alarm = |e: &Event| match e {
        Event::SessionCookieRead { verdict, .. } => matches!(
            verdict,
            CookieVerdict::Unsigned { .. } | CookieVerdict::BadSignature { .. }
        ),
        Event::SignedCookieRead { verdict, .. } => verdict.is_err(),
        // a session cookie kept home: the Secure one behind a proxy or over http (the login
        // that fails silently), or saveUninitialized's (lesson 3's step 4, whose point had
        // come after 220 characters of ids; newcomer review). A new session after a store
        // miss reads after its valid signature, and stays there
        Event::SessionSetCookie(SetCookieDecision::NotSent(why)) => matches!(
            why,
            NotSentWhy::InsecureConnection | NotSentWhy::UntrustedProxy | NotSentWhy::Uninitialized
        ),
        _ => false,
    };
    x.events
        .iter()
        .filter_map(|e| {
            let said = match e {
                // (with the store left unwritten for the same reason, both in one sentence:
                // the reason had been said twice, at the start and the end; review)
                Event::SessionSetCookie(SetCookieDecision::NotSent(NotSentWhy::Uninitialized))
                    if neither_for_uninitialized(x) =>
                {
                    Some(t(lang, Key::SayUninitNeither).to_string())
                }
                Event::SessionCreated {
                    why: NewWhy::StoreMiss,
                    ..
                }
                | Event::SessionSetCookie(SetCookieDecision::NotSent(
                    NotSentWhy::Uninitialized
                    | NotSentWhy::InsecureConnection
                    | NotSentWhy::UntrustedProxy
                    | NotSentWhy::SerializeError(_),
                )) => explain(lang, e).map(|(s, _)| s),
                // two MACs cut to their start would sound alike: the words say it
                Event::SessionCookieRead {
                    name,
                    verdict:
                        CookieVerdict::BadSignature {
                            error: UnsignError::BadMac { .. },
                            ..
                        },
                } => Some(fill(t(lang, Key::SayBadMac), &[("name", name)])),
                Event::SessionCookieRead { .. } | Event::SignedCookieRead { .. } => {
                    explain(lang, e).map(|(s, _)| s)
                }
                _ => None,
            };
            said.map(|s| (s, alarm(e)))
        })
        .collect()
}

/// What the handler and express-session did with the session, in the log's words: the
/// session methods the handler called (`regenerate()`, `destroy()`, `req.session = null`),
/// the new session `regenerate()` made, what the end of the response wrote (saved and why,
/// only touched, nothing and why), and the store's calls in order ("get, destroy, set"), which
/// lesson 3 compares route by route. The timeline showed these; the live region said only
/// the cookie's verdict, the same for `/regenerate`, `/destroy` and `/peek`.
fn session_fate(lang: Lang, x: &Exchange) -> Vec<String> {
    let mut out: Vec<String> = x
        .events
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::SessionMethodCalled { .. }
                    | Event::SessionCreated {
                        why: NewWhy::Regenerated,
                        ..
                    }
                    | Event::SessionEnd(_)
            )
        })
        // said with the cookie kept home already
        .filter(|e| {
            !(matches!(
                e,
                Event::SessionEnd(EndAction::Nothing(NothingWhy::Uninitialized))
            ) && neither_for_uninitialized(x))
        })
        .filter_map(|e| explain(lang, e).map(|(s, _)| s))
        .collect();
    if let Some(line) = super::timeline::store_calls_text(lang, x) {
        out.push(as_sentence(lang, &line));
    }
    out
}

/// Whether `saveUninitialized: false` both kept the cookie home and left the store unwritten in
/// this request (the usual pair: a new session nothing wrote to).
fn neither_for_uninitialized(x: &Exchange) -> bool {
    let has = |want: &Event| x.events.iter().any(|e| e == want);
    has(&Event::SessionSetCookie(SetCookieDecision::NotSent(
        NotSentWhy::Uninitialized,
    ))) && has(&Event::SessionEnd(EndAction::Nothing(
        NothingWhy::Uninitialized,
    )))
}

/// A navigation's requests (a redirect, or a page's form that submits itself), the last
/// status and what the page shows.
fn one_navigation(lang: Lang, xs: &[Exchange], last: &Exchange) -> Vec<String> {
    let mut parts = Vec::new();
    for pair in xs.windows(2) {
        let (from, to) = (&pair[0], &pair[1]);
        // across sites each request names its host ("GET / (evil.example)", not "GET /")
        let place = |x: &Exchange| {
            if from.url.host == to.url.host {
                x.url.path.clone()
            } else {
                format!("{} ({})", x.url.path, x.url.host)
            }
        };
        // a redirect continues a navigation (its next request a GET); anything else (a
        // page's form that submits itself) starts the next request, with its own method
        let (key, to_text) = if to.hop > 0 {
            (Key::SayRedirected, place(to))
        } else {
            (
                Key::SayFormSubmitted,
                format!("{} {}", to.request.method, place(to)),
            )
        };
        parts.push(fill(
            t(lang, key),
            &[
                ("from", &format!("{} {}", from.request.method, place(from))),
                ("to", &to_text),
            ],
        ));
    }
    parts.push(fill(
        t(lang, Key::SayStatus),
        &[("status", &last.response.status.to_string())],
    ));
    parts.extend(served_by(lang, xs.iter()));
    let words = page_words(
        lang,
        &last.response.body,
        last.response.header("content-type"),
    );
    if !words.is_empty() {
        parts.push(fill(t(lang, Key::SayPage), &[("text", &words)]));
    }
    parts
}

/// Which of two servers answered, in order ("Served by app2." or "Served by app1, app2." along
/// a redirect): the timeline names it on each request; lesson 5's two servers, where one
/// knows you and the next does not, were heard only as a greeting that came and went.
fn served_by<'a>(lang: Lang, xs: impl IntoIterator<Item = &'a Exchange>) -> Option<String> {
    let mut names: Vec<&str> = xs.into_iter().filter_map(Exchange::answered_by).collect();
    names.dedup();
    (!names.is_empty()).then(|| {
        fill(
            t(lang, Key::SayServedBy),
            &[("instances", &names.join(t(lang, Key::ListComma)))],
        )
    })
}

/// What an apply of the options changed, for the live region: "Applied: resave false,
/// cookie.maxAge 86400000." (an unset one "… unset"; a hidden secret by its name alone), or
/// that nothing changed.
pub fn options_applied(lang: Lang, changed: &[(&str, String)], hide_secret: bool) -> String {
    if changed.is_empty() {
        // the restart's own sentence follows ("The server restarted: …"): the form's line
        // ("the server restarted with these options") said it twice
        return t(lang, Key::SayAppliedUnchanged).to_string();
    }
    let parts: Vec<String> = changed
        .iter()
        .map(|(path, now)| match now.as_str() {
            "" => fill(t(lang, Key::SayOptionUnset), &[("option", path)]),
            _ if hide_secret && *path == "secret" => (*path).to_string(),
            // a list of secrets in its brackets: its commas are not the fields' ("secret
            // new-secret, zfpx, resave false" read as three changes)
            now if *path == "secret" && now.contains(',') => format!("{path} [{now}]"),
            now => format!("{path} {now}"),
        })
        .collect();
    fill(
        t(lang, Key::SayOptionsApplied),
        &[("changes", &parts.join(t(lang, Key::ListComma)))],
    )
}

/// What an apply of the deployment changed, for the live region, in the form's own words
/// ("Applied: Store delay for get (ms): 50; A TLS proxy in front …: ticked."), or that
/// nothing changed. It said the scenario file's names (`store_latency.get 50`), which
/// no label on the page shows (zh 1440 reviewer). `changes` is [`Deploy::changes`]' diff.
///
/// [`Deploy::changes`]: crate::engine::lab::Deploy::changes
pub fn deploy_applied(
    lang: Lang,
    changes: &[(&str, String)],
    now: &crate::engine::lab::Deploy,
) -> String {
    if changes.is_empty() {
        return t(lang, Key::SayAppliedUnchanged).to_string();
    }
    let set = |label: Key, value: &str| {
        fill(
            t(lang, Key::SaySetTo),
            &[("label", t(lang, label)), ("value", value)],
        )
    };
    let tick = |label: Key, on: bool| {
        let key = if on { Key::SayTicked } else { Key::SayUnticked };
        fill(t(lang, key), &[("label", t(lang, label))])
    };
    let parts: Vec<String> = changes
        .iter()
        .map(|(key, value)| match *key {
            "instances" => set(
                Key::DeployInstances,
                t(
                    lang,
                    if now.balanced() {
                        Key::DeployTwo
                    } else {
                        Key::DeployOne
                    },
                ),
            ),
            "balancer" => set(
                Key::DeployBalancer,
                t(lang, crate::model::explain::balancer_key(now.balancer)),
            ),
            "tls_proxy" => tick(Key::DeployTlsProxy, now.tls_proxy),
            "trust proxy" => tick(Key::DeployTrustProxy, now.trust_proxy.trusts_peer()),
            "store_latency.get" => set(Key::DeployLatencyGet, value),
            "store_latency.set" => set(Key::DeployLatencySet, value),
            other => format!("{other} {value}"),
        })
        .collect();
    // (a label holds commas of its own: "set, touch, destroy")
    fill(
        t(lang, Key::SayOptionsApplied),
        &[("changes", &parts.join(t(lang, Key::ListSemicolon)))],
    )
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn a_deployment_applied_is_said_in_the_forms_words() {
        use crate::engine::lab::{Balancer, Deploy};
        let one = Deploy::single();
        let mut two = Deploy::two(Balancer::Sticky);
        two.tls_proxy = true;
        two.latency.get = 50;
        two.latency.set = 50;
        let said = deploy_applied(Lang::En, &two.changes(&one), &two);
        assert_eq!(
            said,
            "Applied: Instances: Two, behind a load balancer; Balancer: Sticky sessions (lb \
             cookie); A TLS proxy in front (https to the proxy, http to the app): ticked; Store \
             delay for get (ms): 50; Store delay for set, touch, destroy (ms): 50."
        );
        let zh = deploy_applied(Lang::Zh, &two.changes(&one), &two);
        assert!(
            !zh.contains("store_latency") && !zh.contains("tls_proxy"),
            "{zh}"
        );
        assert!(zh.contains("存储 get 的延迟（毫秒）：50"), "{zh}");
        assert_eq!(
            deploy_applied(Lang::En, &[], &one),
            t(Lang::En, Key::SayAppliedUnchanged)
        );
        let back = deploy_applied(Lang::En, &one.changes(&two), &one);
        assert!(
            back.contains("in front (https to the proxy, http to the app): not ticked"),
            "{back}"
        );
    }

    #[test]
    fn a_value_changed_past_its_cut_start_says_where() {
        let old = "s%3AdcTDabcdefghijklmnop.NrwI0rkfabcdefghijklmnopqrstuvwxyz0123456789Q";
        let new = "s%3AdcTDabcdefghijklmnop.NrwI0rkfabcdefghijklmnopqrstuvwxyz0123456789X";
        assert_eq!(
            value_change(Lang::En, old, new).as_deref(),
            Some("(from character 70 on, it now reads X)")
        );
        // a change within the start the cut keeps, a short value, or none: nothing to add
        assert_eq!(
            value_change(Lang::En, old, &format!("X{}", &old[1..])),
            None
        );
        assert_eq!(value_change(Lang::En, "100", "9999"), None);
        assert_eq!(value_change(Lang::En, old, old), None);
        // said whole (letters only, or not ASCII), or a change the cut start already says
        assert_eq!(
            value_change(Lang::En, "abcdefghijklmnopqr", "abcdefghijklmnopqX"),
            None
        );
        assert_eq!(
            value_change(
                Lang::En,
                "余额余额余额余额余额余额余额余额一",
                "余额余额余额余额余额余额余额余额二"
            ),
            None
        );
        let mac_start = "s%3AdcTDabcdefghijklmnop.XrwI0rkfabcdefghijklmnopqrstuvwxyz0123456789Q";
        assert_eq!(value_change(Lang::En, old, mac_start), None);
        assert_eq!(
            value_change(Lang::En, old, &old[..60]).as_deref(),
            Some("(cut short after character 60)")
        );
        let long =
            value_change(Lang::Zh, old, "s%3AdcTDabcdefghijklmnop.NrwI0rkf1234567890").unwrap();
        assert_eq!(long, "（从第 34 个字符起改成了 12345678…）");
    }

    #[test]
    fn a_line_becomes_a_sentence_once() {
        assert_eq!(as_sentence(Lang::En, "Value now 9999"), "Value now 9999.");
        assert_eq!(
            as_sentence(Lang::En, "The server started."),
            "The server started."
        );
        // a line that ends in a bracket still ends as a sentence (the bracket used to count as
        // its full stop)
        assert_eq!(as_sentence(Lang::En, "Value now f(1)"), "Value now f(1).");
        assert_eq!(as_sentence(Lang::Zh, "值改成了（空）"), "值改成了（空）。");
        assert_eq!(as_sentence(Lang::Zh, "服务器已启动。"), "服务器已启动。");
        assert_eq!(as_sentence(Lang::En, ""), "");
    }

    #[test]
    fn long_ids_are_cut_short() {
        let sid = "Xa1b2c3d4e5f6g7h8i9j0kLmNoPqRsTu";
        assert_eq!(
            shorten_ids(&format!("session {sid}, valid.")),
            "session Xa1b2c3d…, valid."
        );
        // a signed value: the id and the MAC each cut
        let v = format!("s%3A{sid}.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcd");
        assert_eq!(shorten_ids(&v), "s%3AXa1b….AbCdEfGh…");
        // words and short numbers stay
        assert_eq!(
            shorten_ids("Response 200. views: 12"),
            "Response 200. views: 12"
        );
        assert_eq!(shorten_ids("余额 9989"), "余额 9989");
        // a pair keeps its name whole and cuts only a long value
        assert_eq!(
            shorten_ids("by hand: username=alice12345678."),
            "by hand: username=alice12345678."
        );
        assert_eq!(
            shorten_ids(&format!("by hand: username={sid}.")),
            "by hand: username=Xa1b2c3d…"
        );
        assert_eq!(
            shorten_ids("padding QUJDREVGR0hJSktMTU5PUA=="),
            "padding QUJDREVG…"
        );
        // a header's name is a word; a long run of letters is still an id
        assert_eq!(
            shorten_ids("X-Forwarded-Proto says https."),
            "X-Forwarded-Proto says https."
        );
        assert_eq!(
            shorten_ids("id abcdefghijklmnopqrstuvwxyzABCDEF."),
            "id abcdefgh…"
        );
        assert_eq!(shorten_ids(""), "");
        // no "…." at a sentence's end
        assert_eq!(
            shorten_ids("the session id is ZGBwvv5SxxxxxxxxxxxxxxxxZ. Step 1"),
            "the session id is ZGBwvv5S… Step 1"
        );
    }

    #[test]
    fn a_cookie_without_a_name_is_said_as_empty() {
        let nameless = Cookie::by_hand("", "x", "localhost", 0);
        let said = cookie_changes(Lang::En, &[], std::slice::from_ref(&nameless));
        assert_eq!(said, ["New cookie: (empty)."]);
        let said = cookie_changes(Lang::Zh, std::slice::from_ref(&nameless), &[]);
        assert_eq!(said, ["cookie 已删除：（空）。"]);
    }

    #[test]
    fn a_repeat_is_a_new_announcement() {
        let mut a = Announcement::default();
        a.say("Response 200.".into());
        let first = a.clone();
        a.say("Response 200.".into());
        assert_eq!(a.text, first.text);
        assert_ne!(a.n, first.n);
        a.clear();
        assert!(a.text.is_empty());
    }

    #[test]
    fn a_page_reads_as_its_words() {
        let html = "<h1>用户页面</h1><p>欢迎你，alice</p><a href=\"/logout\">退出</a>";
        assert_eq!(
            page_words(Lang::Zh, html, Some("text/html")),
            "用户页面 · 欢迎你，alice · 退出"
        );
        assert_eq!(
            page_words(Lang::En, html, Some("text/html")),
            "用户页面 (user page) · 欢迎你，alice (welcome, alice) · 退出 (log out)"
        );
        let long = "x ".repeat(500);
        assert!(
            page_words(Lang::En, &long, Some("text/plain"))
                .chars()
                .count()
                <= PAGE_CHARS + 1
        );
    }
}

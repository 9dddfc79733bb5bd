//! The nine hands-on session attacks. Each lives in its own file behind the [`Challenge`]
//! trait: a clean starting state ([`Setup`]), a goal, three hints, named [`Stage`]s detected
//! from the engine's events (never from a button the learner presses), and a "why it worked"
//! or "why it failed" explanation tied to what happened. [`Progress`] runs one of them against
//! what the learner does.

mod csrf;
mod fixation;
mod forge;
mod hijack;
mod logout;
mod predictable;
mod rotation;
mod tamper;
mod weak_secret;

use super::lessons::{Control, LessonId, Variant};
use crate::engine::events::{BrowserId, CookieVerdict, Event, HandEdit, NewWhy};
use crate::engine::ids::IdScheme;
use crate::engine::jar::{parse_set_cookie, Field, Limits, SetCookie, SetOutcome};
use crate::engine::json::{Map, Value};
use crate::engine::lab::{Action, Exchange, Lab, Navigate, Outcome};
use crate::engine::server::auth::GREETING;
use crate::i18n::Key;
use crate::model::workbench::Pane;
use std::collections::{HashMap, HashSet};

/// A challenge, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChallengeId {
    /// Raise the balance by editing the cookie; then fail against the signed card.
    Tamper,
    /// Make the server accept a changed session cookie, after seeing three rejections.
    Forge,
    /// Recover the weak secret by brute force and forge a signed balance.
    WeakSecret,
    /// Get alice's page in the attacker's browser; then see HttpOnly and Secure stop it.
    Hijack,
    /// Plant an id before login; then see regenerate defeat it.
    Fixation,
    /// Guess another customer's card number.
    Predictable,
    /// Show the course's logout does not log out; then that the fixed one does.
    Logout,
    /// Rotate the secret without logging everyone out.
    Rotation,
    /// Forge a transfer from another site; then see SameSite withhold the cookie.
    Csrf,
}

impl ChallengeId {
    /// All nine, in the order the page lists them.
    pub const ALL: [ChallengeId; 9] = [
        ChallengeId::Tamper,
        ChallengeId::Forge,
        ChallengeId::WeakSecret,
        ChallengeId::Hijack,
        ChallengeId::Fixation,
        ChallengeId::Predictable,
        ChallengeId::Logout,
        ChallengeId::Rotation,
        ChallengeId::Csrf,
    ];

    /// The stable code used in storage, share links and the embed API.
    pub fn code(self) -> &'static str {
        self.spec().code
    }

    /// The challenge whose [`code`](ChallengeId::code) this is.
    pub fn from_code(s: &str) -> Option<ChallengeId> {
        ChallengeId::ALL.into_iter().find(|c| c.code() == s)
    }

    /// What the challenge is: its texts, stages and whether it needs the attacker.
    pub fn spec(self) -> &'static Spec {
        match self {
            ChallengeId::Tamper => &tamper::SPEC,
            ChallengeId::Forge => &forge::SPEC,
            ChallengeId::WeakSecret => &weak_secret::SPEC,
            ChallengeId::Hijack => &hijack::SPEC,
            ChallengeId::Fixation => &fixation::SPEC,
            ChallengeId::Predictable => &predictable::SPEC,
            ChallengeId::Logout => &logout::SPEC,
            ChallengeId::Rotation => &rotation::SPEC,
            ChallengeId::Csrf => &csrf::SPEC,
        }
    }

    /// The state the learner starts from.
    pub fn setup(self) -> Setup {
        (self.spec().setup)()
    }

    /// What the setup did before the learner arrived, in order, as the timeline tells it (the
    /// setup's own requests are not in the learner's timeline).
    pub fn before(self) -> Vec<Before> {
        self.setup()
            .actions
            .into_iter()
            .filter_map(|a| match a {
                Action::Navigate(n) => Some(Before::Opened {
                    who: n.browser,
                    url: n.url,
                }),
                Action::JarClear(b) => Some(Before::JarCleared(b)),
                _ => None,
            })
            .collect()
    }

    /// A fresh detector for it.
    fn detector(self) -> Box<dyn Challenge> {
        match self {
            ChallengeId::Tamper => Box::new(tamper::Tamper),
            ChallengeId::Forge => Box::new(forge::Forge::default()),
            ChallengeId::WeakSecret => Box::new(weak_secret::WeakSecret::default()),
            ChallengeId::Hijack => Box::new(hijack::Hijack::default()),
            ChallengeId::Fixation => Box::new(fixation::Fixation::default()),
            ChallengeId::Predictable => Box::new(predictable::Predictable::default()),
            ChallengeId::Logout => Box::new(logout::Logout::default()),
            ChallengeId::Rotation => Box::new(rotation::Rotation),
            ChallengeId::Csrf => Box::new(csrf::Csrf::default()),
        }
    }

    /// Whether the attacker's site (`http://evil.example/`) answers while it is open, even
    /// with the attacker's browser hidden.
    pub fn uses_attacker_site(self) -> bool {
        self == ChallengeId::Csrf
    }

    /// Whether the learner's own browser is the victim's here (alice's, whom the attack is
    /// against), so that its window says so: the goals speak of "the victim".
    pub fn plays_victim(self) -> bool {
        matches!(
            self,
            ChallengeId::Hijack
                | ChallengeId::Fixation
                | ChallengeId::Csrf
                | ChallengeId::Predictable
        )
    }
}

/// One of a challenge's hints: its text and the stages it helps with.
#[derive(Debug)]
pub struct Hint {
    /// What it says.
    pub text: Key,
    /// The stages it helps with: once all of them are done, "Show a hint" passes it by (a
    /// learner who did the first stages alone was given hints about them first).
    pub helps: &'static [Stage],
    /// The session store's row it sends the learner to, by a piece of that row's data (the
    /// JSON as the store table shows it): shown, the hint brings the row into view. At
    /// 1280x720 forge's "bob's id from the store table" was the last of six rows, out of
    /// sight in a box that shows one.
    pub store_row: Option<&'static str>,
    /// The control its words send the learner to, which a "Show me" beside it brings into
    /// view (see `Workbench::hint_target`).
    pub show: Option<Control>,
}

impl Hint {
    /// Whether every stage it helps with is done.
    pub fn moot(&self, progress: &Progress) -> bool {
        self.helps.iter().all(|s| progress.is_done(s.name))
    }
}

/// One thing a challenge asks for: its name, what the card says, and why it worked once done.
#[derive(Debug, PartialEq, Eq)]
pub struct Stage {
    /// A stable name, for tests and for the page's markup.
    pub name: &'static str,
    /// What the card asks for.
    pub asks: Key,
    /// Why it worked, shown once it is done.
    pub why: Key,
    /// Whether it must be done for the challenge to count as solved (the others are optional
    /// steps along the way).
    pub required: bool,
    /// Whether doing it means a defence held (the server or the browser refused the attack),
    /// rather than the attack working: the card then says why it was refused.
    pub refused: bool,
    /// The panes it is done or read in (the attacker's tools are in the browser's): an embed
    /// that leaves one out says to do it in the full lab (the CSRF card's last stage asked
    /// for a server option in an embed without the server pane).
    pub uses: &'static [Pane],
}

impl Stage {
    /// How its explanation reads once it is done: a defence that held, or an attack that
    /// worked.
    pub fn because(&self) -> Because {
        if self.refused {
            Because::Refused
        } else {
            Because::Worked
        }
    }
}

/// What a challenge is, apart from how it detects progress.
#[derive(Debug)]
pub struct Spec {
    /// See [`ChallengeId::code`].
    pub code: &'static str,
    /// The card's title.
    pub title: Key,
    /// What to achieve.
    pub goal: Key,
    /// Three hints, shown one at a time; "Show a hint" passes over those whose stages are all
    /// done.
    pub hints: [Hint; 3],
    /// The stages, in the order the card lists them.
    pub stages: &'static [Stage],
    /// Whether the attacker's browser and tools are on the page.
    pub needs_attacker: bool,
    /// The lesson's variants the card offers to switch between (tamper's plain and signed
    /// card, the course's and the fixed login app); none when the challenge runs in one (a
    /// weak secret has no "plain cookie" to switch to).
    pub variants: &'static [Variant],
    /// How it starts.
    pub setup: fn() -> Setup,
}

/// One thing a challenge's setup did before the learner arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Before {
    /// A browser opened an address (following its redirects).
    Opened {
        /// Whose browser.
        who: BrowserId,
        /// The address typed.
        url: String,
    },
    /// A browser's jar was emptied.
    JarCleared(BrowserId),
}

/// How a challenge starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    /// The lesson whose app runs.
    pub lesson: LessonId,
    /// The variant it starts in (the learner may switch).
    pub variant: Variant,
    /// Options written over the lesson's own.
    pub overrides: Map<String, Value>,
    /// The id generator, if not the app's own.
    pub id_scheme: Option<IdScheme>,
    /// What has already happened when the learner arrives.
    pub actions: Vec<Action>,
    /// Whether the server's secret is masked in the code and the verdict (a challenge asks for
    /// it).
    pub hide_secret: bool,
    /// Where the attacker's address bar starts, after the app's home (`""`: the home itself).
    pub attacker_path: &'static str,
    /// Whose jar the jar pane starts on: predictable ids' goal says "You are the attacker (its
    /// browser and its jar)", and the pane showed the learner's own.
    pub jar: BrowserId,
}

impl Setup {
    /// The course's login app with nothing done yet.
    fn auth() -> Setup {
        Setup {
            lesson: LessonId::Auth,
            variant: Variant::Seed,
            overrides: Map::new(),
            id_scheme: None,
            actions: Vec::new(),
            hide_secret: false,
            attacker_path: "",
            jar: BrowserId::Victim,
        }
    }
}

/// How an explanation on the card reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Because {
    /// The attack worked: why it worked.
    Worked,
    /// A defence held: why the server or the browser refused it.
    Refused,
    /// The learner's attempt did not do what they wanted: why it failed.
    Failed,
    /// A step on the way, or a remark, that neither solves nor refuses anything (the XSS read
    /// before any stage, a request over https the sniffer cannot read): a note, so the card
    /// does not say "why it worked" before anything has.
    Noted,
}

impl Because {
    /// The label the card (and the live region) puts before the explanation.
    pub fn label(self) -> Key {
        match self {
            Because::Worked => Key::WhyWorked,
            Because::Refused => Key::WhyRefused,
            Because::Failed => Key::WhyFailed,
            Because::Noted => Key::WhyNoted,
        }
    }

    /// The colour the page gives it: the class of the card's explanation box, and of the
    /// echo that repeats it (`ok`, `held`, `bad`, `note`).
    pub fn class(self) -> &'static str {
        match self {
            Because::Worked => "ok",
            Because::Refused => "held",
            Because::Failed => "bad",
            Because::Noted => "note",
        }
    }
}

/// What a detector made of one thing that happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Nothing to report.
    Nothing,
    /// A stage is done.
    Done(&'static Stage),
    /// A step on the way, or a remark: no stage is done by it and nothing was refused.
    Note(Key),
    /// It did not work, and this says why.
    Failed(Key),
    /// It did not work because a defence held (no stage is done by it): why it was refused.
    Held(Key),
}

/// What a detector may look at besides the exchange itself.
pub struct Ctx<'a> {
    /// The lab after the action.
    pub lab: &'a Lab,
    /// The cookie the app reads ([`crate::engine::server::Server::cookie_name`]).
    pub cookie: &'a str,
    /// Every value of that cookie the server has handed out, per browser.
    pub issued: &'a Issued,
}

impl Ctx<'_> {
    /// The value of the watched cookie this request carried, as sent.
    pub fn sent(&self, x: &Exchange) -> Option<String> {
        x.sent_cookie(self.cookie)
    }

    /// Whether an XSS read gave the attacker `value` as the watched cookie's value: a
    /// replay of a stolen value is not a guess. (The sniffer is left out: it hears every
    /// plain-http request of the victim's by itself, whether or not the learner looks.)
    pub fn read_by_xss(&self, value: &str) -> bool {
        self.lab.loot.iter().any(|l| {
            l.via == crate::engine::lab::Via::Xss
                && crate::engine::cookie_header::parse(&l.cookies)
                    .get(self.cookie)
                    .is_some_and(|p| p.raw == value)
        })
    }

    /// An edit that put a value of the watched cookie in a jar (typed in, put back, signed
    /// with the signer, or another cookie renamed to its name): the browser, and whether the
    /// server had handed that browser the value already (`None` for any other event). Signing
    /// alice's own session id (forge) or the 100 already held (weak-secret) remakes the
    /// cookie the jar held, byte for byte: accepted, and nothing forged.
    pub fn put_watched(&self, e: &Event) -> Option<(BrowserId, bool)> {
        let Event::JarEdited { browser, edit, .. } = e else {
            return None;
        };
        let value = match edit {
            HandEdit::Put { name, value } if name == self.cookie => value,
            HandEdit::Changed { columns, after, .. }
                if after.name == self.cookie
                    && (columns.contains(&Field::Value) || columns.contains(&Field::Name)) =>
            {
                &after.value
            }
            _ => return None,
        };
        // the jar stores what was typed: with "Show decoded" on that is s:… for s%3A…
        let encoded = crate::engine::uri::encode_uri_component(value);
        let own = self.issued.to(*browser, value) || self.issued.to(*browser, &encoded);
        Some((*browser, own))
    }

    /// Whether the request carried a value of the watched cookie that this browser was never
    /// handed by the server: typed, copied or signed by hand.
    pub fn edited(&self, x: &Exchange) -> bool {
        self.sent(x).is_some_and(|v| !self.issued.to(x.browser, &v))
    }
}

/// The values of the watched cookie the server has set, per browser.
#[derive(Debug, Default)]
pub struct Issued(HashMap<BrowserId, HashSet<String>>);

impl Issued {
    /// Whether `value` was handed to browser `b`.
    pub fn to(&self, b: BrowserId, value: &str) -> bool {
        self.0.get(&b).is_some_and(|s| s.contains(value))
    }
    /// Whether `value` was handed to anyone.
    pub fn any(&self, value: &str) -> bool {
        self.0.values().any(|s| s.contains(value))
    }
    fn record(&mut self, x: &Exchange, name: &str) {
        for v in set_cookie_values(x, name) {
            self.0.entry(x.browser).or_default().insert(v);
        }
    }
}

/// A challenge's detector: it watches what the learner's actions made happen and reports
/// [`Finding`]s. It keeps whatever it needs to remember between actions.
pub trait Challenge {
    /// What it is.
    fn spec(&self) -> &'static Spec;
    /// One request/response the learner's action caused (redirects are separate exchanges).
    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding;
    /// An event not tied to a request (for example a script reading `document.cookie`).
    fn event(&mut self, _ctx: &Ctx, _e: &Event) -> Finding {
        Finding::Nothing
    }
    /// The brute-forcer found a secret; `servers` says whether the server signs with it (the
    /// learner may have given it a cookie they signed themselves).
    fn secret_found(&mut self, _secret: &str, _servers: bool) -> Finding {
        Finding::Nothing
    }
}

/// What the stages of the open challenge have seen.
pub struct Progress {
    detector: Box<dyn Challenge>,
    issued: Issued,
    done: Vec<&'static str>,
    /// The latest explanation: its text, and how it reads.
    pub why: Option<(Key, Because)>,
    /// Whether the learner changed something by hand (a cookie, the options) since the last
    /// request: a new attempt.
    attempt: bool,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("challenge", &self.detector.spec().code)
            .field("done", &self.done)
            .field("why", &self.why)
            .finish()
    }
}

/// What one action changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observation {
    /// Stages completed by it, by name.
    pub completed: Vec<&'static str>,
    /// The challenge became solved by it.
    pub solved: bool,
    /// The explanation it gave (the card's "why"), if it gave one.
    pub said: Option<(Key, Because)>,
}

impl Progress {
    /// A fresh detector for a challenge.
    pub fn new(id: ChallengeId) -> Progress {
        Progress {
            detector: id.detector(),
            issued: Issued::default(),
            done: Vec::new(),
            why: None,
            attempt: false,
        }
    }

    /// The learner changed something by hand (a cookie, the server's options): the next
    /// request is a new attempt, and an old failure's explanation goes unless it is said again.
    pub fn new_attempt(&mut self) {
        self.attempt = true;
    }

    /// What the challenge is.
    pub fn spec(&self) -> &'static Spec {
        self.detector.spec()
    }

    /// Whether the stage with this name is done.
    pub fn is_done(&self, stage: &str) -> bool {
        self.done.contains(&stage)
    }

    /// How many of the challenge's stages are done.
    pub fn done_count(&self) -> usize {
        (self.spec().stages.iter())
            .filter(|s| self.is_done(s.name))
            .count()
    }

    /// Every stage done, in the order done, with its number on the card (from 1): what a
    /// solved card keeps to read again. Its box says only the latest explanation, and stage
    /// 1's (weak secret's four letters, the point of the challenge) went with stage 2.
    pub fn done_stages(&self) -> Vec<(usize, &'static Stage)> {
        let stages = self.spec().stages;
        self.done
            .iter()
            .filter_map(|name| stages.iter().enumerate().find(|(_, s)| s.name == *name))
            .map(|(i, s)| (i + 1, s))
            .collect()
    }

    /// The stages done whose explanation the card's box does not show now, in the order done:
    /// what a solved card keeps to read again (see [`Progress::done_stages`]).
    pub fn earlier_whys(&self) -> Vec<(usize, &'static Stage)> {
        let shown = self.why.map(|(k, _)| k);
        self.done_stages()
            .into_iter()
            .filter(|(_, s)| Some(s.why) != shown)
            .collect()
    }

    /// Whether any stage is done yet.
    pub fn started(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether every required stage is done.
    pub fn solved(&self) -> bool {
        self.spec()
            .stages
            .iter()
            .filter(|s| s.required)
            .all(|s| self.is_done(s.name))
    }

    /// Forgets what browser `b` was handed while the challenge was set up, its jar cleared
    /// since: forge's bob logs in in the attacker's browser, which then forgets him, so a
    /// cookie the learner signs for his id there is the learner's making (it was taken for
    /// the cookie the server had issued, and accepted without a word).
    pub fn forget_issued(&mut self, b: BrowserId) {
        self.issued.0.remove(&b);
    }

    /// Records what happened while the challenge was being set up (who was issued what),
    /// without completing anything.
    pub fn record_setup(&mut self, lab: &Lab, outcome: &Outcome) {
        let name = lab.server.cookie_name();
        for x in &outcome.exchanges {
            self.issued.record(x, name);
        }
    }

    /// Looks at the outcome of one of the learner's actions.
    pub fn observe(&mut self, lab: &Lab, outcome: &Outcome) -> Observation {
        let was = self.solved();
        let mut completed = Vec::new();
        let mut said = None;
        let mut found = false;
        let name = lab.server.cookie_name().to_string();
        for e in &outcome.events {
            let ctx = Ctx {
                lab,
                cookie: &name,
                issued: &self.issued,
            };
            let f = self.detector.event(&ctx, e);
            found |= f != Finding::Nothing;
            said = self.note(f, &mut completed).or(said);
        }
        for x in &outcome.exchanges {
            let ctx = Ctx {
                lab,
                cookie: &name,
                issued: &self.issued,
            };
            let f = self.detector.exchange(&ctx, x);
            found |= f != Finding::Nothing;
            said = self.note(f, &mut completed).or(said);
            self.issued.record(x, &name);
        }
        // a failure explained before the learner changed something by hand is not about the
        // new attempt: when its request gives the detector nothing, the old words go
        // (tamper's NaN explanation stayed under the 100 that then worked,
        // hijack's "you ticked HttpOnly by hand" after the tick was taken off). An edit is
        // itself an action seen here, without a request: the attempt is the next request.
        if !outcome.exchanges.is_empty() {
            let attempt = std::mem::take(&mut self.attempt);
            if !found && attempt && matches!(self.why, Some((_, Because::Failed))) {
                self.why = None;
            }
        }
        Observation {
            completed,
            solved: !was && self.solved(),
            said,
        }
    }

    /// The brute-forcer found `secret`, which the server in `lab` does or does not accept.
    pub fn secret_found(&mut self, secret: &str, lab: &Lab) -> Observation {
        let was = self.solved();
        let mut completed = Vec::new();
        let servers = lab.server.signing().secrets().iter().any(|s| s == secret);
        let f = self.detector.secret_found(secret, servers);
        let said = self.note(f, &mut completed);
        Observation {
            completed,
            solved: !was && self.solved(),
            said,
        }
    }

    /// Takes in one finding; the explanation it gives, if it is news.
    fn note(&mut self, f: Finding, completed: &mut Vec<&'static str>) -> Option<(Key, Because)> {
        let (before, done_before) = (self.why, completed.len());
        match f {
            Finding::Nothing => {}
            Finding::Done(stage) => {
                if !self.is_done(stage.name) {
                    self.done.push(stage.name);
                    completed.push(stage.name);
                }
                self.why = Some((stage.why, stage.because()));
            }
            Finding::Note(k) => self.why = Some((k, Because::Noted)),
            Finding::Failed(k) => self.why = Some((k, Because::Failed)),
            Finding::Held(k) => self.why = Some((k, Because::Refused)),
        }
        // said when it is news: a stage just done, or an explanation the card did not show
        // (a stage done again, or the same failure again, would repeat a paragraph under
        // every request)
        let news = completed.len() > done_before || self.why != before;
        if f != Finding::Nothing && news {
            self.why
        } else {
            None
        }
    }
}

// ---- what the detectors read off an exchange ------------------------------------------------

/// The login app's origin.
const AUTH: &str = "http://localhost:8080";

fn nav(b: BrowserId, url: &str) -> Action {
    Action::Navigate(Navigate::typed(b, url))
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn set_cookie_values(x: &Exchange, name: &str) -> Vec<String> {
    x.response
        .set_cookies()
        .into_iter()
        .filter_map(|h| {
            let pair = h.split(';').next()?;
            let (n, v) = pair.split_once('=')?;
            (n.trim() == name && !v.is_empty()).then(|| v.trim().to_string())
        })
        .collect()
}

/// The server's Set-Cookie headers for the cookie `name` that reached the victim's jar in
/// this exchange, read as the jar reads them, each with what the jar did with it. A defence a
/// challenge asks for (SameSite, HttpOnly, Secure) is the server's to set on every user's
/// cookie: one the learner ticked by hand in this one jar protects only this browser.
fn victim_set_cookies<'a>(
    x: &'a Exchange,
    name: &'a str,
) -> impl Iterator<Item = (SetCookie, &'a SetOutcome)> + 'a {
    x.events.iter().filter_map(move |e| {
        let Event::JarUpdated {
            browser: BrowserId::Victim,
            header,
            outcome,
        } = e
        else {
            return None;
        };
        let sc = parse_set_cookie(header, &Limits::default()).ok()?;
        (sc.name == name).then_some((sc, &**outcome))
    })
}

/// express-session's verdict on the session cookie this request carried.
fn verdict(x: &Exchange) -> Option<&CookieVerdict> {
    x.events.iter().find_map(|e| match e {
        Event::SessionCookieRead { verdict, .. } => Some(verdict),
        _ => None,
    })
}

fn has(x: &Exchange, pred: impl Fn(&Event) -> bool) -> bool {
    x.events.iter().any(pred)
}

/// Whether the request made a new session, and this is why.
fn created_because(x: &Exchange, reason: NewWhy) -> bool {
    has(
        x,
        |e| matches!(e, Event::SessionCreated { why, .. } if *why == reason),
    )
}

/// Whether the request loaded an existing session from the store.
fn loaded(x: &Exchange) -> bool {
    has(x, |e| matches!(e, Event::SessionLoaded { .. }))
}

/// The username the user page greets, if this is the user page.
pub(crate) fn greeted(x: &Exchange) -> Option<String> {
    if x.url.path != "/user" || x.response.status != 200 {
        return None;
    }
    let i = x.response.body.find(GREETING)?;
    let rest = &x.response.body[i + GREETING.len()..];
    let name = rest.split('<').next().unwrap_or("").to_string();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_is_consistent() {
        for id in ChallengeId::ALL {
            let spec = id.spec();
            assert_eq!(ChallengeId::from_code(id.code()), Some(id));
            assert!(spec.stages.iter().any(|s| s.required), "{id:?}");
            let mut names: Vec<_> = spec.stages.iter().map(|s| s.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), spec.stages.len(), "{id:?}: stage names repeat");
            // each hint helps with stages of its own challenge
            for h in &spec.hints {
                assert!(!h.helps.is_empty(), "{id:?}");
                assert!(h.helps.iter().all(|s| spec.stages.contains(s)), "{id:?}");
            }
            assert_eq!(Progress::new(id).spec().code, spec.code);
            let setup = id.setup();
            assert!(setup.lesson.variants().contains(&setup.variant), "{id:?}");
            // the card offers its own start among the lesson's variants, or no switch
            assert!(
                spec.variants.is_empty()
                    || (spec.variants.len() >= 2 && spec.variants.contains(&setup.variant)),
                "{id:?}"
            );
            assert!(
                spec.variants
                    .iter()
                    .all(|v| setup.lesson.variants().contains(v)),
                "{id:?}"
            );
        }
    }

    #[test]
    fn done_stages_keep_the_order_done_and_their_numbers_on_the_card() {
        let mut p = Progress::new(ChallengeId::Forge);
        let stages = p.spec().stages;
        let mut completed = Vec::new();
        assert!(p.done_stages().is_empty());
        p.note(Finding::Done(&stages[3]), &mut completed);
        p.note(Finding::Failed(Key::ChWeakFailMac), &mut completed);
        p.note(Finding::Done(&stages[0]), &mut completed);
        // done again: said once
        p.note(Finding::Done(&stages[3]), &mut completed);
        let kept: Vec<_> = p
            .done_stages()
            .into_iter()
            .map(|(n, s)| (n, s.name))
            .collect();
        assert_eq!(kept, [(4, stages[3].name), (1, stages[0].name)]);
        // the box shows stage 4's again: the other to read again is stage 1's
        assert_eq!(p.why, Some((stages[3].why, Because::Worked)));
        let earlier: Vec<_> = p.earlier_whys().into_iter().map(|(n, _)| n).collect();
        assert_eq!(earlier, [1]);
        // a failure in the box: every stage done is to read again
        p.note(Finding::Failed(Key::ChWeakFailMac), &mut completed);
        assert_eq!(p.earlier_whys().len(), 2);
    }

    #[test]
    fn the_setup_is_told_in_order_and_in_both_languages() {
        use crate::i18n::Lang;
        use crate::model::explain::before_text;
        let forge = ChallengeId::Forge.before();
        assert_eq!(
            forge,
            vec![
                Before::Opened {
                    who: BrowserId::Attacker,
                    url: "http://localhost:8080/login?username=bob".into()
                },
                Before::JarCleared(BrowserId::Attacker),
                Before::Opened {
                    who: BrowserId::Victim,
                    url: "http://localhost:8080/login?username=alice".into()
                },
            ]
        );
        let en: Vec<String> = forge.iter().map(|b| before_text(Lang::En, b)).collect();
        assert_eq!(
            en,
            [
                "The attacker's browser opened http://localhost:8080/login?username=bob.",
                "The attacker's browser emptied its cookie jar.",
                "Your browser opened http://localhost:8080/login?username=alice.",
            ]
        );
        assert_eq!(
            before_text(Lang::Zh, &forge[1]),
            "攻击者的浏览器清空了自己的 Cookie 罐。"
        );
        // a challenge that starts from nothing tells nothing
        assert!(ChallengeId::Tamper.before().is_empty());
        // every setup with actions tells each of them
        for id in ChallengeId::ALL {
            assert_eq!(id.before().len(), id.setup().actions.len(), "{id:?}");
        }
    }
}

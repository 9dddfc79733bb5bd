//! The eight hands-on session attacks. Each has a clean starting state, a goal, three hints, and
//! stages detected from the engine's events (never from a button the learner presses), with a
//! "why it worked" or "why it failed" explanation tied to what happened.

use super::lessons::{LessonId, Variant};
use crate::engine::cookie_header;
use crate::engine::events::{BrowserId, CookieVerdict, Event, NewWhy};
use crate::engine::ids::IdScheme;
use crate::engine::lab::{Action, Exchange, Lab, Navigate, Outcome};
use crate::engine::server::cookie_only::{WELCOME_BACK, WELCOME_NEW};
use crate::engine::server::App;
use crate::engine::signature::UnsignError;
use crate::engine::store::{CallResult, StoreOp};
use crate::i18n::Key;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};

/// A challenge.
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
}

/// How a challenge starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    /// Lesson.
    pub lesson: LessonId,
    /// Variant.
    pub variant: Variant,
    /// Options over the lesson's.
    pub overrides: Map<String, Value>,
    /// Id generator, if not the app's own.
    pub id_scheme: Option<IdScheme>,
    /// What has already happened when the learner arrives.
    pub actions: Vec<Action>,
    /// Hide the server's secret (in the verdict and in the code).
    pub hide_secret: bool,
}

/// Its texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Texts {
    /// Title.
    pub title: Key,
    /// Goal.
    pub goal: Key,
    /// Up to three hints, shown one at a time.
    pub hints: [Key; 3],
    /// What each stage asks for.
    pub stages: &'static [Key],
    /// Why each stage worked.
    pub why: &'static [Key],
}

fn nav(b: BrowserId, url: &str) -> Action {
    Action::Navigate(Navigate::typed(b, url))
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

const AUTH: &str = "http://localhost:8080";

impl ChallengeId {
    /// All, in order.
    pub const ALL: [ChallengeId; 8] = [
        ChallengeId::Tamper,
        ChallengeId::Forge,
        ChallengeId::WeakSecret,
        ChallengeId::Hijack,
        ChallengeId::Fixation,
        ChallengeId::Predictable,
        ChallengeId::Logout,
        ChallengeId::Rotation,
    ];

    /// Stable code (storage, URLs, the embed API).
    pub fn code(self) -> &'static str {
        match self {
            ChallengeId::Tamper => "tamper",
            ChallengeId::Forge => "forge",
            ChallengeId::WeakSecret => "weak-secret",
            ChallengeId::Hijack => "hijack",
            ChallengeId::Fixation => "fixation",
            ChallengeId::Predictable => "predictable-ids",
            ChallengeId::Logout => "logout",
            ChallengeId::Rotation => "rotation",
        }
    }

    /// From [`ChallengeId::code`].
    pub fn from_code(s: &str) -> Option<ChallengeId> {
        ChallengeId::ALL.into_iter().find(|c| c.code() == s)
    }

    /// Whether the attacker's browser and tools are needed.
    pub fn needs_attacker(self) -> bool {
        matches!(
            self,
            ChallengeId::WeakSecret
                | ChallengeId::Hijack
                | ChallengeId::Fixation
                | ChallengeId::Predictable
                | ChallengeId::Forge
        )
    }

    /// The starting state.
    pub fn setup(self) -> Setup {
        let mut s = Setup {
            lesson: LessonId::Auth,
            variant: Variant::Seed,
            overrides: Map::new(),
            id_scheme: None,
            actions: Vec::new(),
            hide_secret: false,
        };
        match self {
            ChallengeId::Tamper => {
                s.lesson = LessonId::Cookie;
                s.variant = Variant::Plain;
            }
            ChallengeId::WeakSecret => {
                s.lesson = LessonId::Cookie;
                s.variant = Variant::Signed;
                s.hide_secret = true;
                s.actions = vec![nav(BrowserId::Victim, "http://localhost:3000/")];
            }
            ChallengeId::Forge => {
                s.actions = vec![
                    nav(BrowserId::Attacker, &format!("{AUTH}/login?username=bob")),
                    Action::JarClear(BrowserId::Attacker),
                    nav(BrowserId::Victim, &format!("{AUTH}/login?username=alice")),
                ];
            }
            ChallengeId::Hijack => {
                s.overrides = obj(json!({"cookie": {"httpOnly": false}}));
                s.actions = vec![nav(
                    BrowserId::Victim,
                    &format!("{AUTH}/login?username=alice"),
                )];
            }
            ChallengeId::Fixation => {
                s.actions = vec![nav(BrowserId::Attacker, &format!("{AUTH}/"))];
            }
            ChallengeId::Predictable => {
                s.lesson = LessonId::Manual;
                s.id_scheme = Some(IdScheme::Sequential);
                s.actions = vec![
                    nav(BrowserId::Victim, "http://localhost:9090/"),
                    nav(BrowserId::Victim, "http://localhost:9090/"),
                    nav(BrowserId::Attacker, "http://localhost:9090/"),
                ];
            }
            ChallengeId::Logout => {
                s.actions = vec![nav(
                    BrowserId::Victim,
                    &format!("{AUTH}/login?username=alice"),
                )];
            }
            ChallengeId::Rotation => {
                // a real deployment rotates with a real store: restarts keep the sessions
                s.overrides = obj(json!({"saveUninitialized": false, "store": "persistent"}));
                s.actions = vec![nav(
                    BrowserId::Victim,
                    &format!("{AUTH}/login?username=alice"),
                )];
            }
        }
        s
    }

    /// The challenge's texts.
    pub fn texts(self) -> Texts {
        use Key::*;
        match self {
            ChallengeId::Tamper => Texts {
                title: ChTamperTitle,
                goal: ChTamperGoal,
                hints: [ChTamperHint1, ChTamperHint2, ChTamperHint3],
                stages: &[ChTamperStage1, ChTamperStage2],
                why: &[ChTamperWhy1, ChTamperWhy2],
            },
            ChallengeId::Forge => Texts {
                title: ChForgeTitle,
                goal: ChForgeGoal,
                hints: [ChForgeHint1, ChForgeHint2, ChForgeHint3],
                stages: &[ChForgeStage1, ChForgeStage2, ChForgeStage3, ChForgeStage4],
                why: &[ChForgeWhy1, ChForgeWhy2, ChForgeWhy3, ChForgeWhy4],
            },
            ChallengeId::WeakSecret => Texts {
                title: ChWeakTitle,
                goal: ChWeakGoal,
                hints: [ChWeakHint1, ChWeakHint2, ChWeakHint3],
                stages: &[ChWeakStage1, ChWeakStage2],
                why: &[ChWeakWhy1, ChWeakWhy2],
            },
            ChallengeId::Hijack => Texts {
                title: ChHijackTitle,
                goal: ChHijackGoal,
                hints: [ChHijackHint1, ChHijackHint2, ChHijackHint3],
                stages: &[ChHijackStage1, ChHijackStage2, ChHijackStage3],
                why: &[ChHijackWhy1, ChHijackWhy2, ChHijackWhy3],
            },
            ChallengeId::Fixation => Texts {
                title: ChFixTitle,
                goal: ChFixGoal,
                hints: [ChFixHint1, ChFixHint2, ChFixHint3],
                stages: &[ChFixStage1, ChFixStage2],
                why: &[ChFixWhy1, ChFixWhy2],
            },
            ChallengeId::Predictable => Texts {
                title: ChPredTitle,
                goal: ChPredGoal,
                hints: [ChPredHint1, ChPredHint2, ChPredHint3],
                stages: &[ChPredStage1],
                why: &[ChPredWhy1],
            },
            ChallengeId::Logout => Texts {
                title: ChLogoutTitle,
                goal: ChLogoutGoal,
                hints: [ChLogoutHint1, ChLogoutHint2, ChLogoutHint3],
                stages: &[ChLogoutStage1, ChLogoutStage2],
                why: &[ChLogoutWhy1, ChLogoutWhy2],
            },
            ChallengeId::Rotation => Texts {
                title: ChRotTitle,
                goal: ChRotGoal,
                hints: [ChRotHint1, ChRotHint2, ChRotHint3],
                stages: &[ChRotStage1, ChRotStage2],
                why: &[ChRotWhy1, ChRotWhy2],
            },
        }
    }

    /// The stages that must be done for the challenge to count as solved.
    pub fn required(self) -> &'static [usize] {
        match self {
            ChallengeId::Tamper | ChallengeId::Fixation | ChallengeId::Logout => &[0, 1],
            ChallengeId::Forge => &[0, 1, 2, 3],
            ChallengeId::Hijack => &[0, 1, 2],
            ChallengeId::WeakSecret | ChallengeId::Rotation => &[1],
            ChallengeId::Predictable => &[0],
        }
    }
}

/// What the detector remembers while a challenge is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// Stages done.
    pub done: Vec<bool>,
    /// Cookie values the server handed to each browser (raw, as in `Set-Cookie`).
    issued: HashMap<BrowserId, HashSet<String>>,
    /// Session ids a logout destroyed.
    destroyed: HashSet<String>,
    /// A logout was seen in the course's app.
    logout_seen: bool,
    /// A victim logged in carrying a cookie the attacker was issued (fixation).
    planted_login: Option<String>,
    /// The secret the learner recovered.
    pub found_secret: Option<String>,
    /// The latest explanation: (text, whether it is a success).
    pub why: Option<(Key, bool)>,
}

/// What one outcome changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observation {
    /// Stages completed now.
    pub completed: Vec<usize>,
    /// The challenge became solved now.
    pub solved: bool,
}

/// The cookie the server reads in this app.
fn watched_name(lab: &Lab) -> String {
    match lab.config.app {
        App::CookieOnly | App::CookieOnlySigned => "balance".into(),
        App::Manual => "session.id".into(),
        _ => lab.server.options.name.clone(),
    }
}

fn request_value(x: &Exchange, name: &str) -> Option<String> {
    let h = x.request.header("cookie")?;
    cookie_header::parse(&h).get(name).map(|p| p.raw.clone())
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

fn verdict(x: &Exchange) -> Option<&CookieVerdict> {
    x.events.iter().find_map(|e| match e {
        Event::SessionCookieRead { verdict, .. } => Some(verdict),
        _ => None,
    })
}

fn has(x: &Exchange, pred: impl Fn(&Event) -> bool) -> bool {
    x.events.iter().any(pred)
}

/// The username the user page greets, if it is the user page.
fn greeted(x: &Exchange) -> Option<String> {
    if x.url.path != "/user" || x.response.status != 200 {
        return None;
    }
    let i = x.response.body.find("欢迎你，")?;
    let rest = &x.response.body[i + "欢迎你，".len()..];
    let name = rest.split('<').next().unwrap_or("").to_string();
    (!name.is_empty()).then_some(name)
}

impl Progress {
    /// A fresh detector for a challenge.
    pub fn new(id: ChallengeId) -> Progress {
        Progress {
            done: vec![false; id.texts().stages.len()],
            ..Progress::default()
        }
    }

    /// Whether the required stages are done.
    pub fn solved(&self, id: ChallengeId) -> bool {
        id.required()
            .iter()
            .all(|&i| self.done.get(i).copied().unwrap_or(false))
    }

    fn issued_any(&self) -> impl Iterator<Item = &String> {
        self.issued.values().flatten()
    }

    fn was_issued(&self, v: &str) -> bool {
        self.issued_any().any(|x| x == v)
    }

    fn issued_to(&self, b: BrowserId, v: &str) -> bool {
        self.issued.get(&b).is_some_and(|s| s.contains(v))
    }

    /// The brute-forcer found the secret.
    pub fn secret_found(&mut self, id: ChallengeId, secret: &str) -> Observation {
        self.found_secret = Some(secret.to_string());
        if id == ChallengeId::WeakSecret {
            return self.complete(id, 0, true);
        }
        Observation::default()
    }

    fn complete(&mut self, id: ChallengeId, stage: usize, _success: bool) -> Observation {
        let was = self.solved(id);
        let mut o = Observation::default();
        if let Some(d) = self.done.get_mut(stage) {
            if !*d {
                *d = true;
                o.completed.push(stage);
            }
        }
        self.why = id.texts().why.get(stage).map(|k| (*k, true));
        o.solved = !was && self.solved(id);
        o
    }

    fn fail(&mut self, why: Key) {
        self.why = Some((why, false));
    }

    /// Records what happened while setting a challenge up (who was issued what), without
    /// completing anything.
    pub fn record_setup(&mut self, lab: &Lab, outcome: &Outcome) {
        let name = watched_name(lab);
        for x in &outcome.exchanges {
            for v in set_cookie_values(x, &name) {
                self.issued.entry(x.browser).or_default().insert(v);
            }
        }
    }

    /// Looks at one outcome of the learner's action.
    pub fn observe(&mut self, id: ChallengeId, lab: &Lab, outcome: &Outcome) -> Observation {
        let mut total = Observation::default();
        let name = watched_name(lab);
        let app = lab.config.app;
        let merge = |o: Observation, total: &mut Observation| {
            total.completed.extend(o.completed);
            total.solved |= o.solved;
        };
        // channels that are not requests
        for e in &outcome.events {
            if let Event::ScriptReadCookies {
                hidden, visible, ..
            } = e
            {
                if id != ChallengeId::Hijack {
                    continue;
                }
                if hidden.contains(&name) {
                    let o = self.complete(id, 1, true);
                    merge(o, &mut total);
                } else if visible.contains(&format!("{name}=")) {
                    self.why = Some((Key::ChHijackXssStole, true));
                } else {
                    self.fail(Key::ChHijackFailXss);
                }
            }
        }
        for x in &outcome.exchanges {
            let value = request_value(x, &name);
            // a value this browser was never handed by the server: typed, copied or signed by hand
            let edited = value
                .as_deref()
                .is_some_and(|v| !self.issued_to(x.browser, v));
            let o = match id {
                ChallengeId::Tamper => self.tamper(app, x, edited),
                ChallengeId::Forge => self.forge(app, x, edited),
                ChallengeId::WeakSecret => self.weak(app, x, edited),
                ChallengeId::Hijack => self.hijack(lab, x, &name),
                ChallengeId::Fixation => self.fixation(app, x, value.as_deref()),
                ChallengeId::Predictable => self.predictable(lab, x, value.as_deref()),
                ChallengeId::Logout => self.logout(app, x),
                ChallengeId::Rotation => self.rotation(x),
            };
            merge(o, &mut total);
            for v in set_cookie_values(x, &name) {
                self.issued.entry(x.browser).or_default().insert(v);
            }
        }
        total
    }

    fn tamper(&mut self, app: App, x: &Exchange, edited: bool) -> Observation {
        let body = &x.response.body;
        if app == App::CookieOnly {
            if let Some(n) = body
                .strip_prefix(WELCOME_BACK)
                .and_then(|n| n.parse::<f64>().ok())
            {
                if n > 100.0 {
                    return self.complete(ChallengeId::Tamper, 0, true);
                }
            }
        }
        if app == App::CookieOnlySigned {
            if x.response.status == 403 {
                return self.complete(ChallengeId::Tamper, 1, true);
            }
            if edited && body == WELCOME_NEW {
                self.fail(Key::ChTamperFailUnsigned);
            }
        }
        Observation::default()
    }

    fn forge(&mut self, app: App, x: &Exchange, edited: bool) -> Observation {
        if !app.uses_session() || !edited {
            return Observation::default();
        }
        let id = ChallengeId::Forge;
        match verdict(x) {
            Some(CookieVerdict::Unsigned { .. }) => self.complete(id, 0, true),
            Some(CookieVerdict::BadSignature {
                error: UnsignError::BadMac { .. } | UnsignError::NoDot,
                ..
            }) => self.complete(id, 1, true),
            Some(CookieVerdict::Valid { .. })
                if has(x, |e| {
                    matches!(
                        e,
                        Event::SessionCreated {
                            why: NewWhy::StoreMiss,
                            ..
                        }
                    )
                }) =>
            {
                self.complete(id, 2, true)
            }
            Some(CookieVerdict::Valid { .. })
                if has(x, |e| matches!(e, Event::SessionLoaded { .. })) =>
            {
                self.complete(id, 3, true)
            }
            _ => Observation::default(),
        }
    }

    fn weak(&mut self, app: App, x: &Exchange, edited: bool) -> Observation {
        if app != App::CookieOnlySigned || !edited {
            return Observation::default();
        }
        for e in &x.events {
            match e {
                Event::SignedCookieRead { verdict: Ok(_), .. } => {
                    return self.complete(ChallengeId::WeakSecret, 1, true)
                }
                Event::SignedCookieRead {
                    verdict: Err(_), ..
                } => self.fail(Key::ChWeakFailMac),
                _ => {}
            }
        }
        if x.response.body == WELCOME_NEW {
            self.fail(Key::ChTamperFailUnsigned);
        }
        Observation::default()
    }

    fn hijack(&mut self, lab: &Lab, x: &Exchange, name: &str) -> Observation {
        let id = ChallengeId::Hijack;
        if x.browser == BrowserId::Attacker && greeted(x).as_deref() == Some("alice") {
            return self.complete(id, 0, true);
        }
        if x.browser == BrowserId::Victim {
            let secure_cookie = lab
                .victim
                .jar
                .cookies()
                .iter()
                .any(|c| c.name == name && c.secure);
            let leaked = x.events.iter().any(|e| matches!(e, Event::Sniffed { cookie: Some(c), .. } if c.contains(&format!("{name}="))));
            let sniffed = has(x, |e| {
                matches!(e, Event::Sniffed { .. } | Event::SniffBlocked { .. })
            });
            if secure_cookie && sniffed && !leaked {
                return self.complete(id, 2, true);
            }
        }
        Observation::default()
    }

    fn fixation(&mut self, app: App, x: &Exchange, value: Option<&str>) -> Observation {
        let id = ChallengeId::Fixation;
        let planted = value.is_some_and(|v| {
            self.issued_to(BrowserId::Attacker, v) && !self.issued_to(BrowserId::Victim, v)
        });
        if x.browser == BrowserId::Victim && x.url.path == "/login" && planted {
            if app == App::AuthFixed
                && has(x, |e| {
                    matches!(
                        e,
                        Event::SessionCreated {
                            why: NewWhy::Regenerated,
                            ..
                        }
                    )
                })
            {
                return self.complete(id, 1, true);
            }
            self.planted_login = value.map(str::to_string);
        }
        if x.browser == BrowserId::Attacker
            && greeted(x).is_some()
            && value.is_some()
            && value.map(str::to_string) == self.planted_login
        {
            return self.complete(id, 0, true);
        }
        if x.browser == BrowserId::Attacker
            && x.url.path == "/user"
            && app == App::AuthFixed
            && self.done.first() == Some(&true)
            && greeted(x).is_none()
        {
            self.fail(Key::ChFixFailFixed);
        }
        Observation::default()
    }

    fn predictable(&mut self, lab: &Lab, x: &Exchange, value: Option<&str>) -> Observation {
        if x.browser != BrowserId::Attacker || lab.config.app != App::Manual {
            return Observation::default();
        }
        let Some(v) = value else {
            return Observation::default();
        };
        let hit = has(
            x,
            |e| matches!(e, Event::Store(c) if c.op == StoreOp::Get && c.result == CallResult::Hit),
        );
        if hit && self.issued_to(BrowserId::Victim, v) && !self.issued_to(BrowserId::Attacker, v) {
            return self.complete(ChallengeId::Predictable, 0, true);
        }
        if !hit && !self.was_issued(v) {
            self.fail(Key::ChPredFailMiss);
        }
        Observation::default()
    }

    fn logout(&mut self, app: App, x: &Exchange) -> Observation {
        let id = ChallengeId::Logout;
        if x.url.path == "/logout" {
            if app == App::AuthSeed {
                self.logout_seen = true;
            }
            for e in &x.events {
                if let Event::Store(c) = e {
                    if c.op == StoreOp::Destroy {
                        self.destroyed.insert(c.sid.clone());
                    }
                }
            }
        }
        if app == App::AuthSeed && self.logout_seen && x.url.path == "/user" && greeted(x).is_some()
        {
            return self.complete(id, 0, true);
        }
        if app == App::AuthFixed {
            if let Some(CookieVerdict::Valid { sid, .. }) = verdict(x) {
                if self.destroyed.contains(sid)
                    && has(x, |e| {
                        matches!(
                            e,
                            Event::SessionCreated {
                                why: NewWhy::StoreMiss,
                                ..
                            }
                        )
                    })
                {
                    return self.complete(id, 1, true);
                }
            }
        }
        Observation::default()
    }

    fn rotation(&mut self, x: &Exchange) -> Observation {
        let id = ChallengeId::Rotation;
        match verdict(x) {
            Some(CookieVerdict::BadSignature { .. }) => self.complete(id, 0, true),
            Some(CookieVerdict::Valid { secret_index, .. })
                if *secret_index >= 1 && has(x, |e| matches!(e, Event::SessionLoaded { .. })) =>
            {
                self.complete(id, 1, true)
            }
            _ => Observation::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ids::SeededRandom;
    use crate::engine::jar::Cookie;
    use crate::engine::lab::{LabConfig, Script};
    use crate::engine::signature::sign;
    use crate::engine::store::MemoryKv;
    use crate::engine::uri::encode_uri_component;

    /// A lab set up for a challenge, and its detector.
    struct Run {
        lab: Lab,
        id: ChallengeId,
        p: Progress,
        solved: bool,
    }

    impl Run {
        fn new(id: ChallengeId) -> Run {
            let s = id.setup();
            let mut config = s.lesson.config(s.variant);
            config.overrides = crate::engine::session::merge(&config.overrides, &s.overrides);
            if let Some(scheme) = s.id_scheme {
                config.id_scheme = scheme;
            }
            let mut lab = Lab::new(
                config,
                1_700_000_000_000,
                Box::new(SeededRandom(9)),
                Box::<MemoryKv>::default(),
            )
            .unwrap();
            let mut p = Progress::new(id);
            for a in s.actions {
                let o = lab.apply(a);
                p.record_setup(&lab, &o);
            }
            Run {
                lab,
                id,
                p,
                solved: false,
            }
        }
        fn act(&mut self, a: Action) -> Observation {
            let o = self.lab.apply(a);
            let obs = self.p.observe(self.id, &self.lab, &o);
            self.solved |= obs.solved;
            obs
        }
        fn go(&mut self, b: BrowserId, url: &str) -> Observation {
            self.act(nav(b, url))
        }
        fn configure(&mut self, app: Option<App>, over: Value) {
            let mut c: LabConfig = self.lab.config.clone();
            if let Some(a) = app {
                c.app = a;
            }
            c.overrides = crate::engine::session::merge(&c.overrides, &obj(over));
            self.act(Action::Configure(c));
        }
        fn cookie(&self, b: BrowserId, name: &str) -> Cookie {
            self.lab
                .browser(b)
                .jar
                .cookies()
                .iter()
                .find(|c| c.name == name)
                .cloned()
                .unwrap()
        }
        fn set_value(&mut self, b: BrowserId, name: &str, value: String) {
            let mut c = self.cookie(b, name);
            c.value = value;
            self.act(Action::JarPut(b, c));
        }
    }

    fn signed(v: &str, secret: &str) -> String {
        encode_uri_component(&format!("s:{}", sign(v, secret)))
    }

    #[test]
    fn tamper_the_intended_way() {
        let mut r = Run::new(ChallengeId::Tamper);
        r.go(BrowserId::Victim, "http://localhost:3000/");
        r.set_value(BrowserId::Victim, "balance", "9999".into());
        assert_eq!(
            r.go(BrowserId::Victim, "http://localhost:3000/").completed,
            [0]
        );
        assert!(!r.solved);
        r.configure(Some(App::CookieOnlySigned), json!({}));
        r.lab.victim.jar.clear();
        r.go(BrowserId::Victim, "http://localhost:3000/");
        // a plain value in the signed app is not a signed card: a new one, not a solve
        r.set_value(BrowserId::Victim, "balance", "9999".into());
        r.go(BrowserId::Victim, "http://localhost:3000/");
        assert_eq!(r.p.why, Some((Key::ChTamperFailUnsigned, false)));
        assert!(!r.solved);
        let v = r
            .cookie(BrowserId::Victim, "balance")
            .value
            .replace("s%3A100.", "s%3A9999.");
        r.set_value(BrowserId::Victim, "balance", v);
        assert!(r.go(BrowserId::Victim, "http://localhost:3000/").solved);
    }

    #[test]
    fn forge_sees_three_rejections_then_signs_bobs_id() {
        let mut r = Run::new(ChallengeId::Forge);
        let good = r.cookie(BrowserId::Victim, "connect.sid").value;
        let sid = crate::model::anatomy::anatomy(&good).unwrap().payload;
        r.set_value(BrowserId::Victim, "connect.sid", sid.clone());
        assert_eq!(
            r.go(BrowserId::Victim, &format!("{AUTH}/user")).completed,
            [0]
        );
        let mut bad = good.clone();
        bad.pop();
        bad.push('Q');
        r.set_value(BrowserId::Victim, "connect.sid", bad);
        assert_eq!(
            r.go(BrowserId::Victim, &format!("{AUTH}/user")).completed,
            [1]
        );
        r.set_value(
            BrowserId::Victim,
            "connect.sid",
            signed("nobody-has-this-id", "zfpx"),
        );
        assert_eq!(
            r.go(BrowserId::Victim, &format!("{AUTH}/user")).completed,
            [2]
        );
        assert!(!r.solved);
        // replaying a cookie the server issued is not a forgery
        r.set_value(BrowserId::Victim, "connect.sid", good);
        assert!(r
            .go(BrowserId::Victim, &format!("{AUTH}/user"))
            .completed
            .is_empty());
        let bob = r
            .lab
            .server
            .store
            .rows()
            .into_iter()
            .map(|row| row.sid)
            .find(|s| *s != sid)
            .unwrap();
        r.set_value(BrowserId::Victim, "connect.sid", signed(&bob, "zfpx"));
        let o = r.go(BrowserId::Victim, &format!("{AUTH}/user"));
        assert!(o.solved, "{o:?}");
        assert!(r
            .lab
            .victim
            .page
            .as_ref()
            .unwrap()
            .body
            .contains("欢迎你，bob"));
    }

    #[test]
    fn weak_secret_brute_forced_then_forged() {
        let mut r = Run::new(ChallengeId::WeakSecret);
        let cookie = r.cookie(BrowserId::Victim, "balance").value;
        let target = crate::model::bruteforce::Target::from_cookie(&cookie).unwrap();
        let secret =
            crate::model::bruteforce::search(&target, 0, crate::model::bruteforce::total())
                .unwrap();
        assert_eq!(secret, "zfpx");
        assert_eq!(
            r.p.secret_found(ChallengeId::WeakSecret, &secret).completed,
            [0]
        );
        // a guess with the wrong key fails
        r.set_value(BrowserId::Victim, "balance", signed("5000", "guess"));
        r.go(BrowserId::Victim, "http://localhost:3000/");
        assert_eq!(r.p.why, Some((Key::ChWeakFailMac, false)));
        r.set_value(BrowserId::Victim, "balance", signed("5000", &secret));
        assert!(r.go(BrowserId::Victim, "http://localhost:3000/").solved);
        assert_eq!(
            r.lab.victim.page.as_ref().unwrap().body,
            format!("{WELCOME_BACK}4990")
        );
    }

    #[test]
    fn hijack_by_sniffing_then_both_channels_fail() {
        let mut r = Run::new(ChallengeId::Hijack);
        // the sniffer saw the victim's cookie on plain http
        r.go(BrowserId::Victim, &format!("{AUTH}/user"));
        let stolen = r.lab.loot.last().unwrap().clone();
        let mut n = Navigate::typed(BrowserId::Attacker, &format!("{AUTH}/user"));
        n.cookie_override = Some(stolen);
        assert_eq!(r.act(Action::Navigate(n)).completed, [0]);
        // XSS also works while httpOnly is false
        r.act(Action::RunScript(BrowserId::Victim, Script::ReadCookies));
        assert!(r.lab.loot.last().unwrap().contains("connect.sid="));
        assert_eq!(r.p.why, Some((Key::ChHijackXssStole, true)));
        // turn on HttpOnly and Secure, log in again over https
        r.configure(None, json!({"cookie": {"httpOnly": true, "secure": true}}));
        r.go(
            BrowserId::Victim,
            "https://localhost:8080/login?username=alice",
        );
        assert_eq!(
            r.act(Action::RunScript(BrowserId::Victim, Script::ReadCookies))
                .completed,
            [1]
        );
        r.go(BrowserId::Victim, "http://localhost:8080/user");
        assert!(r.solved, "{:?}", r.p);
        assert!(r.p.done.iter().all(|d| *d));
    }

    #[test]
    fn fixation_works_on_the_seed_and_fails_on_the_fixed_app() {
        let mut r = Run::new(ChallengeId::Fixation);
        let planted = r.cookie(BrowserId::Attacker, "connect.sid");
        r.act(Action::JarPut(BrowserId::Victim, planted.clone()));
        r.go(BrowserId::Victim, &format!("{AUTH}/login?username=alice"));
        assert_eq!(
            r.go(BrowserId::Attacker, &format!("{AUTH}/user")).completed,
            [0]
        );
        r.configure(Some(App::AuthFixed), json!({}));
        // the memory store was lost in the restart: plant a fresh id
        r.lab.victim.jar.clear();
        r.lab.attacker.jar.clear();
        r.go(BrowserId::Attacker, &format!("{AUTH}/"));
        let planted = r.cookie(BrowserId::Attacker, "connect.sid");
        r.act(Action::JarPut(BrowserId::Victim, planted));
        let o = r.go(BrowserId::Victim, &format!("{AUTH}/login?username=alice"));
        assert!(o.solved, "{o:?}");
        r.go(BrowserId::Attacker, &format!("{AUTH}/user"));
        assert!(!r.lab.attacker.page.as_ref().unwrap().body.contains("alice"));
    }

    #[test]
    fn predictable_ids_guess_the_neighbour() {
        let mut r = Run::new(ChallengeId::Predictable);
        assert_eq!(r.cookie(BrowserId::Attacker, "session.id").value, "2");
        r.set_value(BrowserId::Attacker, "session.id", "7".into());
        r.go(BrowserId::Attacker, "http://localhost:9090/");
        assert_eq!(r.p.why, Some((Key::ChPredFailMiss, false)));
        assert!(!r.solved);
        r.set_value(BrowserId::Attacker, "session.id", "1".into());
        let o = r.go(BrowserId::Attacker, "http://localhost:9090/");
        assert!(o.solved);
        assert_eq!(
            r.lab.attacker.page.as_ref().unwrap().body,
            format!("{WELCOME_BACK}80")
        );
    }

    #[test]
    fn logout_that_does_not_then_one_that_does() {
        let mut r = Run::new(ChallengeId::Logout);
        r.go(BrowserId::Victim, &format!("{AUTH}/logout"));
        assert_eq!(
            r.go(BrowserId::Victim, &format!("{AUTH}/user")).completed,
            [0]
        );
        r.configure(Some(App::AuthFixed), json!({}));
        r.lab.victim.jar.clear();
        r.go(BrowserId::Victim, &format!("{AUTH}/login?username=alice"));
        let before = r
            .lab
            .victim
            .jar
            .cookies()
            .iter()
            .find(|c| c.name == "connect.sid")
            .unwrap()
            .pair();
        r.go(BrowserId::Victim, &format!("{AUTH}/logout"));
        let mut n = Navigate::typed(BrowserId::Victim, &format!("{AUTH}/user"));
        n.cookie_override = Some(before);
        let o = r.act(Action::Navigate(n));
        assert!(o.solved, "{o:?}");
    }

    #[test]
    fn rotation_alone_logs_out_with_the_old_one_survives() {
        let mut r = Run::new(ChallengeId::Rotation);
        r.configure(None, json!({"secret": "new-secret"}));
        assert_eq!(
            r.go(BrowserId::Victim, &format!("{AUTH}/user")).completed,
            [0]
        );
        assert!(!r.solved);
        r.configure(None, json!({"secret": ["new-secret", "zfpx"]}));
        let o = r.go(BrowserId::Victim, &format!("{AUTH}/user"));
        assert!(o.solved, "{o:?}");
        assert!(r
            .lab
            .victim
            .page
            .as_ref()
            .unwrap()
            .body
            .contains("欢迎你，alice"));
    }

    #[test]
    fn nothing_is_solved_by_doing_nothing_or_the_wrong_thing() {
        for id in ChallengeId::ALL {
            let mut r = Run::new(id);
            for url in [
                format!("{AUTH}/"),
                format!("{AUTH}/user"),
                "http://localhost:3000/".into(),
                "http://localhost:9090/".into(),
            ] {
                r.go(BrowserId::Victim, &url);
                r.go(BrowserId::Attacker, &url);
            }
            r.act(Action::RestartServer);
            r.act(Action::Advance(86_400_000));
            assert!(!r.solved, "{id:?} solved by ordinary browsing");
            assert_eq!(ChallengeId::from_code(id.code()), Some(id));
            let t = id.texts();
            assert_eq!(t.stages.len(), t.why.len());
            assert!(id.required().iter().all(|&i| i < t.stages.len()));
        }
    }
}

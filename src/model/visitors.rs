//! "Simulate N visitors": many browsers visiting one server, to show the course's point that
//! sessions live on the server and cost it memory as visits grow. Runs in chunks so the page
//! can yield between them; samples the store's size as it goes.

use crate::engine::clock::Millis;
use crate::engine::events::{Event, NewWhy};
use crate::engine::ids::{IdGenerator, IdScheme, RandomSource, SeededRandom};
use crate::engine::jar::{parse_set_cookie, Limits, Persistence};
use crate::engine::json::{json, Value};
use crate::engine::server::http::Request;
use crate::engine::server::{App, Server};
use crate::engine::session::{merge, CookieOpt, SessionOptions, StoreKind};
use crate::engine::store::{MemoryKv, MemoryStore, PersistentStore, SessionStore};
use crate::i18n::{fill, grouped, t, Key, Lang};

/// What the form's store and cookie.maxAge (in minutes, empty for none) read while a run uses
/// the lab's own server: that server's. The form's own values are not used then, and they
/// showed 10 minutes and MemoryStore over a run whose sessions never expired (zh 1440
/// reviewer). Of `maxAge` and `expires` the later key wins, as in `new Cookie(opts)`.
pub fn lab_fields(opts: &SessionOptions) -> (String, StoreKind) {
    let ms = opts.cookie.0.iter().rev().find_map(|o| match o {
        CookieOpt::MaxAge(ms) => Some(*ms),
        CookieOpt::Expires(_) => Some(None),
        _ => None,
    });
    let minutes = ms
        .flatten()
        .filter(|m| m.is_finite() && *m > 0.0)
        // (as JavaScript prints a number: `{}` on an f64 linked core's float formatting into
        // the module, 9.5 KB of code, for this one line)
        .map(|m| crate::engine::js::number_to_string((m / 60.0).round() / 1000.0))
        .unwrap_or_default();
    (minutes, opts.store)
}

/// What to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimConfig {
    /// How many requests.
    pub visitors: usize,
    /// Percent of requests from a visitor who came before (0..=100).
    pub returning_pct: u8,
    /// The store the server uses: the MemoryStore grows with every session, the persistent
    /// store sweeps expired ones.
    pub store: StoreKind,
    /// `cookie.maxAge` in ms (`None`: browser-session cookies, which never expire in the store's
    /// eyes for a MemoryStore).
    pub max_age: Option<Millis>,
    /// Virtual time between two visits.
    pub spacing: Millis,
    /// Seed of the visitors' choices and ids.
    pub seed: u64,
}

/// A field of the simulation form that holds something it cannot use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadField {
    /// Requests: a whole number from 1 to 100,000.
    Visitors,
    /// Returning visitors: a whole number from 0 to 100.
    Returning,
    /// `cookie.maxAge` in minutes: empty, or a number above 0 and at most 10,000,000.
    MaxAge,
    /// Seconds between visits: a number from 0 to 1,000,000.
    Spacing,
}

impl SimConfig {
    /// Reads the form's text fields (requests, returning %, maxAge in minutes or empty,
    /// seconds between visits). A value out of range is refused, never quietly replaced.
    pub fn from_form(
        visitors: &str,
        returning: &str,
        max_age_minutes: &str,
        spacing_seconds: &str,
    ) -> Result<SimConfig, BadField> {
        let number = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
        let whole = |s: &str, lo: f64, hi: f64| {
            number(s).filter(|x| x.fract() == 0.0 && (lo..=hi).contains(x))
        };
        let visitors = whole(visitors, 1.0, 100_000.0).ok_or(BadField::Visitors)? as usize;
        let returning_pct = whole(returning, 0.0, 100.0).ok_or(BadField::Returning)? as u8;
        let max_age = if max_age_minutes.trim().is_empty() {
            None
        } else {
            let m = number(max_age_minutes)
                .filter(|m| *m > 0.0 && *m <= 1e7)
                .ok_or(BadField::MaxAge)?;
            Some((m * 60_000.0).round() as Millis)
        };
        let spacing = number(spacing_seconds)
            .filter(|x| (0.0..=1e6).contains(x))
            .ok_or(BadField::Spacing)?;
        Ok(SimConfig {
            visitors,
            returning_pct,
            max_age,
            spacing: (spacing * 1000.0).round() as Millis,
            ..SimConfig::default()
        })
    }
}

impl Default for SimConfig {
    fn default() -> SimConfig {
        SimConfig {
            visitors: 10_000,
            returning_pct: 50,
            store: StoreKind::Memory,
            max_age: Some(600_000),
            spacing: 1000,
            seed: 1,
        }
    }
}

/// Counts so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests made so far; the run ends at [`SimConfig::visitors`].
    pub requests: usize,
    /// Requests by browsers with no cookie.
    pub new_visitors: usize,
    /// Requests by browsers that came before.
    pub returning_visitors: usize,
    /// Sessions the server created (new visitors, and returning ones whose cookie or session
    /// expired).
    pub sessions_created: usize,
    /// Sessions the server found in its store.
    pub sessions_loaded: usize,
    /// Entries the store holds now (expired ones included).
    pub entries: usize,
    /// Bytes the store holds now.
    pub bytes: usize,
    /// Of the entries, those whose expiry has passed but are still held.
    pub expired_held: usize,
}

/// One point of the charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    /// After this many requests.
    pub requests: usize,
    /// Entries the store holds (expired ones included).
    pub entries: usize,
    /// Bytes the store holds (the JSON text of every entry).
    pub bytes: usize,
    /// Expired entries still held.
    pub expired_held: usize,
}

/// A running simulation.
pub struct Sim {
    /// What is simulated; fixed for the run.
    pub config: SimConfig,
    /// Its own server, unless it runs on one it is given ([`Sim::step_on`]).
    server: Option<Server>,
    now: Millis,
    last_sweep: Millis,
    /// Each visitor's cookie (`name=value`) and how long their browser keeps it, or `None`
    /// before their first response and after it expires.
    visitors: Vec<Option<(String, Persistence)>>,
    rng: SeededRandom,
    events: Vec<Event>,
    /// Counts so far.
    pub stats: Stats,
    /// Chart points (about 200 over the run).
    pub samples: Vec<Sample>,
    cookie_name: String,
}

impl Sim {
    /// A simulation of the counter app with the course's options, `maxAge` and store as given.
    pub fn new(config: SimConfig, start: Millis) -> Sim {
        let max_age = config.max_age.map_or(Value::Null, |m| json!(m));
        let over = json!({"cookie": {"maxAge": max_age}});
        let Value::Object(over) = over else {
            unreachable!("a JSON object literal")
        };
        let options = SessionOptions::from_json(&merge(&App::Counter.own_options(), &over))
            .unwrap_or_else(|_| {
                unreachable!("the course's options with a numeric maxAge are valid")
            });
        let store: Box<dyn SessionStore> = match config.store {
            StoreKind::Memory => Box::new(MemoryStore::new()),
            StoreKind::Persistent => Box::new(PersistentStore::new(Box::<MemoryKv>::default())),
            StoreKind::Redis => Box::new(crate::engine::store::RedisStore::in_memory()),
        };
        let ids = IdGenerator::new(
            IdScheme::UidSafe,
            Box::new(SeededRandom(config.seed ^ 0x5eed)),
        );
        let cookie_name = options.name.clone();
        Sim {
            server: Some(Server::new(App::Counter, options, store, ids)),
            now: start,
            last_sweep: start,
            visitors: Vec::new(),
            rng: SeededRandom(config.seed),
            events: Vec::new(),
            stats: Stats::default(),
            samples: vec![Sample {
                requests: 0,
                entries: 0,
                bytes: 0,
                expired_held: 0,
            }],
            config,
            cookie_name,
        }
    }

    /// Whether all requests are done.
    pub fn finished(&self) -> bool {
        self.stats.requests >= self.config.visitors
    }

    /// A simulation that will run on a server it is given (the lab's own): its store, app and
    /// options; the visitors' cookie is that server's session cookie.
    pub fn on_server(config: SimConfig, start: Millis, server: &Server) -> Sim {
        let mut sim = Sim::new(config, start);
        sim.server = None;
        sim.cookie_name = server.options.name.clone();
        sim
    }

    /// The virtual time the simulation has reached.
    pub fn now(&self) -> Millis {
        self.now
    }

    /// Runs up to `n` more requests on its own server.
    pub fn step(&mut self, n: usize) {
        if let Some(mut server) = self.server.take() {
            self.step_on(&mut server, n);
            self.server = Some(server);
        }
    }

    /// Runs up to `n` more requests on `server`.
    pub fn step_on(&mut self, server: &mut Server, n: usize) {
        let every = (self.config.visitors / 200).max(1);
        for _ in 0..n {
            if self.finished() {
                break;
            }
            self.one(server);
            if self.stats.requests % every == 0 || self.finished() {
                self.sample(server);
            }
        }
    }

    fn one(&mut self, server: &mut Server) {
        let returning = !self.visitors.is_empty()
            && (self.rng.next_f64() * 100.0) < f64::from(self.config.returning_pct);
        let who = if returning {
            self.stats.returning_visitors += 1;
            (self.rng.next_f64() * self.visitors.len() as f64) as usize % self.visitors.len()
        } else {
            self.stats.new_visitors += 1;
            self.visitors.push(None);
            self.visitors.len() - 1
        };
        let mut headers = Vec::new();
        // a browser drops a cookie once its Expires has passed: the server never hears of that
        // session again, and MemoryStore, which deletes an expired entry only when it is read,
        // keeps it (sending it anyway understated the leak by almost half)
        let kept = &mut self.visitors[who];
        if kept.as_ref().is_some_and(|(_, p)| p.expired(self.now)) {
            *kept = None;
        }
        if let Some((c, _)) = kept {
            headers.push(("Cookie".to_string(), c.clone()));
        }
        let req = Request {
            method: "GET".into(),
            target: "/".into(),
            headers,
            encrypted: false,
        };
        self.events.clear();
        let res = server.handle_counting(req, self.now, &mut self.events);
        for e in &self.events {
            match e {
                Event::SessionCreated {
                    why: NewWhy::NoId | NewWhy::StoreMiss,
                    ..
                } => self.stats.sessions_created += 1,
                Event::SessionLoaded { .. } => self.stats.sessions_loaded += 1,
                _ => {}
            }
        }
        // each Set-Cookie read once, as the jar reads it: its name, value and lifetime
        let limits = Limits::default();
        for h in res.set_cookies() {
            let Ok(sc) = parse_set_cookie(h, &limits) else {
                continue;
            };
            if sc.name == self.cookie_name {
                let lasts = sc.persistence(self.now, &limits);
                self.visitors[who] = Some((format!("{}={}", sc.name, sc.value), lasts));
            }
        }
        self.stats.requests += 1;
        self.now += self.config.spacing;
        // MongoDB's TTL monitor, about once a minute
        if self.now - self.last_sweep >= 60_000 {
            server.store.tick(self.now);
            self.last_sweep = self.now;
        }
    }

    fn sample(&mut self, server: &Server) {
        let store = &server.store;
        self.stats.entries = store.len_raw();
        self.stats.bytes = store.bytes_raw();
        self.stats.expired_held = if store.kind() == StoreKind::Memory {
            store.expired_held(self.now)
        } else {
            0
        };
        self.samples.push(Sample {
            requests: self.stats.requests,
            entries: self.stats.entries,
            bytes: self.stats.bytes,
            expired_held: self.stats.expired_held,
        });
    }

    /// Bytes a visitor's cookie takes (the session id cookie), for the cookie-only comparison.
    pub fn cookie_bytes(&self) -> usize {
        self.visitors
            .iter()
            .flatten()
            .next()
            .map_or(0, |(pair, _)| pair.len())
    }
}

/// How many requests the page runs before it lets the browser in: each step should take
/// about `budget_ms`, so the progress moves and no frame grows long (a frame waits for the
/// steps before it). The cost of a request is learnt from the steps so far; it rises at once when
/// a step was slow and falls slowly, so one fast step does not make the next one too long.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pacer {
    budget_ms: f64,
    per_request_ms: f64,
}

impl Pacer {
    /// The fewest and most requests one step runs.
    pub const LIMITS: (usize, usize) = (50, 20_000);

    /// A pacer for steps of about `budget_ms`; the first step assumes 0.2 ms a request.
    pub fn new(budget_ms: f64) -> Pacer {
        Pacer {
            budget_ms,
            per_request_ms: 0.2,
        }
    }

    /// How many requests the next step runs.
    pub fn next(&self) -> usize {
        let n = self.budget_ms / self.per_request_ms;
        (n as usize).clamp(Self::LIMITS.0, Self::LIMITS.1)
    }

    /// A step ran `n` requests in `ms`.
    pub fn took(&mut self, n: usize, ms: f64) {
        if n == 0 || !ms.is_finite() {
            return;
        }
        let cost = ms.max(0.05) / n as f64;
        self.per_request_ms = if cost > self.per_request_ms {
            cost
        } else {
            0.8 * self.per_request_ms + 0.2 * cost
        };
    }
}

/// The progress line: requests done of the total, and the rate (per second of wall time).
pub fn progress_text(lang: Lang, done: usize, total: usize, per_second: f64) -> String {
    let rate = if per_second.is_finite() && per_second > 0.0 {
        per_second.round() as usize
    } else {
        0
    };
    fill(
        t(lang, Key::SimProgress),
        &[
            ("done", &grouped(done)),
            ("total", &grouped(total)),
            ("rate", &grouped(rate)),
        ],
    )
}

/// The sessions created, and how many of them went to returning visitors whose cookie or
/// session had expired: more sessions than new visitors read as a miscount (a reviewer).
fn created_text(lang: Lang, st: &Stats) -> String {
    let n = grouped(st.sessions_created);
    match st.sessions_created.saturating_sub(st.new_visitors) {
        0 => fill(t(lang, Key::SimCreated), &[("n", &n)]),
        again => fill(
            t(lang, Key::SimCreatedAgain),
            &[("n", &n), ("again", &grouped(again))],
        ),
    }
}

/// The run's outcome: each count after its label (no plural to get wrong), thousands grouped.
pub fn result_text(lang: Lang, st: &Stats) -> String {
    fill(
        t(lang, Key::SimResult),
        &[
            ("requests", &grouped(st.requests)),
            ("new", &grouped(st.new_visitors)),
            ("returning", &grouped(st.returning_visitors)),
            ("created", &created_text(lang, st)),
            ("entries", &grouped(st.entries)),
            ("bytes", &grouped(st.bytes)),
            ("expired", &grouped(st.expired_held)),
        ],
    )
}

/// A run the learner cancelled, above its result: the figures look like a finished run's
/// ("35,835 requests: …"), and neither the panel nor the live region said it had stopped.
pub fn cancelled_text(lang: Lang, done: usize, total: usize) -> String {
    fill(
        t(lang, Key::SimCancelledAt),
        &[("done", &grouped(done)), ("total", &grouped(total))],
    )
}

/// What a run on the lab's server did to the lab's clock, under its result: moved it on by
/// the time its visits took, so the jar's cookies and the store's sessions aged with it (the
/// live region says the move as any other; the panel said nothing of it).
pub fn clock_moved_text(lang: Lang, by: Millis) -> String {
    fill(
        t(lang, Key::SimClockMoved),
        &[("span", &crate::model::explain::duration_text(lang, by))],
    )
}

/// What the same visitors would cost with the cookie-only design of lesson 1.
pub fn cookie_only_text(lang: Lang, cookie_bytes: usize, store_bytes: usize) -> String {
    fill(
        t(lang, Key::SimCookieOnly),
        &[
            ("cookie", &grouped(cookie_bytes)),
            ("bytes", &grouped(store_bytes)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_on_the_lab_server_shows_that_servers_store_and_max_age() {
        let opts = |v: Value| match v {
            Value::Object(m) => SessionOptions::from_json(&m).unwrap(),
            _ => unreachable!(),
        };
        let none = opts(json!({"secret": "s"}));
        assert_eq!(lab_fields(&none), (String::new(), StoreKind::Memory));
        let hour =
            opts(json!({"secret": "s", "store": "persistent", "cookie": {"maxAge": 3_600_000}}));
        assert_eq!(lab_fields(&hour), ("60".to_string(), StoreKind::Persistent));
        let half = opts(json!({"secret": "s", "cookie": {"maxAge": 30_000}}));
        assert_eq!(lab_fields(&half).0, "0.5");
        // expires after maxAge wins: not a maxAge the form can say
        let later = opts(json!({"secret": "s", "cookie": {"maxAge": 60_000, "expires": null}}));
        assert_eq!(lab_fields(&later).0, "");
    }

    #[test]
    fn the_pacer_keeps_steps_near_their_budget() {
        let mut p = Pacer::new(20.0);
        assert_eq!(p.next(), 100, "0.2 ms a request assumed at first");
        // a steady 0.02 ms a request: the steps grow towards 1,000 requests, never past it
        let mut sizes = Vec::new();
        for _ in 0..40 {
            let n = p.next();
            p.took(n, n as f64 * 0.02);
            sizes.push(p.next());
        }
        assert!(sizes.windows(2).all(|w| w[1] >= w[0]), "{sizes:?}");
        assert!((950..=1000).contains(sizes.last().unwrap()), "{sizes:?}");
        // one slow step (a request took 0.1 ms): the next step is cut at once
        p.took(1000, 100.0);
        assert_eq!(p.next(), 200);
        // the limits hold both ways, and nonsense timings change nothing
        p.took(10, 1e6);
        assert_eq!(p.next(), Pacer::LIMITS.0);
        let before = p;
        p.took(0, 5.0);
        p.took(100, f64::NAN);
        assert_eq!(p, before);
        let mut fast = Pacer::new(20.0);
        for _ in 0..200 {
            fast.took(fast.next(), 0.0);
        }
        assert_eq!(fast.next(), Pacer::LIMITS.1);
    }

    #[test]
    fn the_form_takes_numbers_in_range_and_names_the_field_otherwise() {
        let ok = SimConfig::from_form(" 2500 ", "30", "", "0.5").unwrap();
        assert_eq!(
            (ok.visitors, ok.returning_pct, ok.max_age, ok.spacing),
            (2500, 30, None, 500)
        );
        assert_eq!(
            SimConfig::from_form("1", "0", "1.5", "0").unwrap().max_age,
            Some(90_000)
        );
        for (n, pct, max_age, spacing, bad) in [
            ("", "50", "10", "1", BadField::Visitors),
            ("0", "50", "10", "1", BadField::Visitors),
            ("100001", "50", "10", "1", BadField::Visitors),
            ("1e308", "50", "10", "1", BadField::Visitors),
            ("NaN", "50", "10", "1", BadField::Visitors),
            ("2.5", "50", "10", "1", BadField::Visitors),
            ("sixty", "50", "10", "1", BadField::Visitors),
            ("10", "-1", "10", "1", BadField::Returning),
            ("10", "101", "10", "1", BadField::Returning),
            ("10", "50", "0", "1", BadField::MaxAge),
            ("10", "50", "-1", "1", BadField::MaxAge),
            ("10", "50", "1e308", "1", BadField::MaxAge),
            ("10", "50", "Infinity", "1", BadField::MaxAge),
            ("10", "50", "10", "-1", BadField::Spacing),
            ("10", "50", "10", "", BadField::Spacing),
            ("10", "50", "10", "NaN", BadField::Spacing),
        ] {
            assert_eq!(
                SimConfig::from_form(n, pct, max_age, spacing),
                Err(bad),
                "{n} {pct} {max_age} {spacing}"
            );
        }
    }

    fn run(config: SimConfig) -> Sim {
        let mut s = Sim::new(config, 1_700_000_000_000);
        while !s.finished() {
            s.step(997);
        }
        s
    }

    #[test]
    fn the_outcome_reads_without_plurals_and_groups_thousands() {
        let st = Stats {
            requests: 100_000,
            new_visitors: 1,
            returning_visitors: 99_999,
            sessions_created: 1,
            sessions_loaded: 99_999,
            entries: 1,
            bytes: 1_101_540,
            expired_held: 0,
        };
        assert_eq!(
            result_text(Lang::En, &st),
            "Requests: 100,000 (new visitors: 1, returning visits: 99,999). Sessions the server \
             created: 1. Entries in the store: 1, 1,101,540 bytes; expired but still kept: 0."
        );
        assert!(result_text(Lang::Zh, &st).starts_with("100,000 个请求"));
        assert!(result_text(Lang::Zh, &st).contains("服务器新建了 1 个 session；"));
        // more sessions than new visitors: the rest went to visitors whose cookie expired
        let again = Stats {
            new_visitors: 5_010,
            returning_visitors: 4_990,
            sessions_created: 8_323,
            ..st
        };
        assert!(
            result_text(Lang::En, &again).contains(
                "Sessions the server created: 8,323 (3,313 of them for returning visitors whose \
                 cookie or session had expired)."
            ),
            "{}",
            result_text(Lang::En, &again)
        );
        assert!(
            result_text(Lang::Zh, &again).contains("服务器新建了 8,323 个 session（其中 3,313 个")
        );
        assert_eq!(
            progress_text(Lang::En, 1_500, 20_000, 12_345.6),
            "Requests: 1,500 of 20,000, simulated at 12,346 per second"
        );
        assert_eq!(
            progress_text(Lang::En, 0, 1, f64::NAN),
            "Requests: 0 of 1, simulated at 0 per second"
        );
        assert!(cookie_only_text(Lang::En, 84, 1_101_540).contains("1,101,540"));
    }

    #[test]
    fn counts_add_up() {
        let s = run(SimConfig {
            visitors: 3000,
            max_age: None,
            ..SimConfig::default()
        });
        let st = s.stats;
        assert_eq!(st.requests, 3000);
        assert_eq!(st.new_visitors + st.returning_visitors, 3000);
        // no expiry: every new visitor makes exactly one session, every returning one finds theirs
        assert_eq!(st.sessions_created, st.new_visitors);
        assert_eq!(st.sessions_loaded, st.returning_visitors);
        assert_eq!(st.entries, st.new_visitors);
        assert!(st.bytes > st.entries * 60);
        assert!(s.samples.len() > 100);
        assert_eq!(s.samples.last().unwrap().requests, 3000);
    }

    #[test]
    fn memory_keeps_expired_sessions_the_persistent_store_sweeps_them() {
        let base = SimConfig {
            visitors: 4000,
            returning_pct: 20,
            max_age: Some(60_000),
            spacing: 1000,
            ..SimConfig::default()
        };
        let mem = run(SimConfig {
            store: StoreKind::Memory,
            ..base
        });
        let db = run(SimConfig {
            store: StoreKind::Persistent,
            ..base
        });
        // the same visitors made the same requests
        assert_eq!(mem.stats.new_visitors, db.stats.new_visitors);
        // lazily expired: most of the MemoryStore is sessions nobody will read again
        assert!(
            mem.stats.expired_held > mem.stats.entries / 2,
            "{:?}",
            mem.stats
        );
        // the TTL sweep keeps the database to roughly the live minute (plus one sweep)
        assert!(db.stats.entries < 200, "{:?}", db.stats);
        assert!(mem.stats.entries > 10 * db.stats.entries);
        // returning visitors after their minute get a new session
        assert!(mem.stats.sessions_created > mem.stats.new_visitors);
        // their browsers dropped the expired cookie, so nobody ever reads an expired entry
        // and MemoryStore deletes none: it holds every session it was given (as real
        // express-session with MemoryStore does, measured with the real packages)
        assert_eq!(
            mem.stats.entries, mem.stats.sessions_created,
            "{:?}",
            mem.stats
        );
        let st = mem.stats;
        assert!(
            st.sessions_created > st.new_visitors + st.returning_visitors / 4,
            "{st:?}"
        );
    }
}

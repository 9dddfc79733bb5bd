//! Lesson 6, "when it breaks", through the page model as the page drives it: every step as
//! written from a fresh start (maxAge in seconds, saveUninitialized: false with a session nothing
//! writes to, two servers with a MemoryStore each and then a shared Redis, a Secure cookie
//! behind a TLS proxy and then `trust proxy`), its quiz, the options reference's `trust proxy`
//! row, and the lesson in share links, the saved state, the embedding page and the title.
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::events::BrowserId::Victim;
use session_lab::engine::events::{Event, NotSentWhy, SetCookieDecision};
use session_lab::engine::json::{json, Map, Value};
use session_lab::engine::lab::{Deploy, TrustProxy};
use session_lab::engine::server::App;
use session_lab::i18n::{fill, t, Key, Lang};
use session_lab::model::explain::Tone;
use session_lab::model::lessons::{LessonId, Section, Variant, OPTIONS, TRUST_PROXY_SETTING};
use session_lab::model::options_form::{with_field, FieldKind};
use session_lab::model::workbench::{
    kept_text, markers, new_session_id, race_text, BarLine, Marker, Op, Workbench,
};

mod common;
use common::{body, greeted, log_in, ticked, AUTH};

const AUTH_TLS: &str = "https://localhost:8080";

fn open_with(fragment: &str, stored: Option<String>) -> Workbench {
    common::open_seeded(fragment, stored, 61)
}

fn open(fragment: &str) -> Workbench {
    common::open(fragment)
}

/// Types `url` in the learner's address bar and presses Go.
fn go(wb: &mut Workbench, url: &str) {
    common::go(wb, Victim, url);
}

fn jar_names(wb: &Workbench) -> Vec<String> {
    wb.jar_rows(Victim)
        .iter()
        .map(|c| c.cookie.name.clone())
        .collect()
}

/// The options editor: one field typed over the running options, then Apply and restart the
/// server.
fn apply_option(wb: &mut Workbench, path: &str, kind: FieldKind, text: &str) {
    let own = App::AuthFixed.own_options();
    let draft = with_field(
        &wb.lab().server.options.source.clone(),
        &own,
        path,
        kind,
        text,
    );
    wb.apply(Op::Configure(draft));
}

/// The newest exchange in the timeline.
fn last_exchange(wb: &Workbench) -> session_lab::engine::lab::Exchange {
    wb.timeline()
        .entries()
        .iter()
        .rev()
        .find_map(|e| e.exchange.clone())
        .unwrap()
}

#[test]
fn every_step_as_written_from_a_fresh_start() {
    let mut wb = open("lesson=breaks");
    assert_eq!(
        (wb.lesson(), wb.variant()),
        (LessonId::Breaks, Variant::OneServer)
    );
    assert_eq!(wb.lab().config.app, App::AuthFixed);
    assert_eq!(wb.next_step().unwrap().text, Key::StepBreaksSeconds);

    // 1. cookie.maxAge 3600, apply; open the login page, log in as alice, +1 min: connect.sid
    // is gone from the jar.
    apply_option(&mut wb, "cookie.maxAge", FieldKind::Number, "3600");
    assert_eq!(
        wb.lab().server.options.source["cookie"]["maxAge"],
        json!(3600)
    );
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    assert!(greeted(&wb), "{}", body(&wb));
    // the Set-Cookie says Expires, 3.6 s ahead, and no Max-Age: the 3600 is nowhere to be seen
    let login = wb
        .timeline()
        .entries()
        .iter()
        .filter_map(|e| e.exchange.as_ref())
        .find(|x| x.url.path == "/login")
        .unwrap();
    let set = login
        .response
        .set_cookies()
        .into_iter()
        .find(|h| h.starts_with("connect.sid="))
        .unwrap();
    assert!(
        set.contains("Expires=Tue, 14 Nov 2023 22:13:23 GMT") && !set.contains("Max-Age"),
        "{set}"
    );
    assert!(jar_names(&wb).contains(&"connect.sid".to_string()));
    assert_eq!(
        ticked(&wb),
        Vec::<&str>::new(),
        "not before the clock moves"
    );
    wb.apply(Op::Act(session_lab::engine::lab::Action::Advance(60_000)));
    assert!(
        !jar_names(&wb).contains(&"connect.sid".to_string()),
        "the cookie expired"
    );
    assert_eq!(ticked(&wb), ["seconds"]);
    // the bar's "signature verified" was about the cookie just dropped: it says so, and is
    // no longer a pass
    let bar = wb.last_request().unwrap();
    assert_eq!(bar.expired_since, ["connect.sid"]);
    // one cookie is "it", not "them"; and the MemoryStore's session, 3.6 s long too, expired
    // with it (the bar had named the cookie alone)
    assert_eq!(bar.store_expired_since, 1);
    assert_eq!(
        bar.expired_since_text(session_lab::i18n::Lang::En).as_deref(),
        Some("Since then the clock moved on and the jar dropped an expired cookie: connect.sid. The next request will not send it. 1 session in the store has expired: MemoryStore deletes an expired session only when a request reads it.")
    );
    assert!(bar.checked_expired());
    assert_eq!(bar.tone(), None);
    // and /user sends the browser back to the login page
    go(&mut wb, &format!("{AUTH}/user"));
    assert!(!greeted(&wb));
    assert!(wb.last_request().unwrap().expired_since.is_empty());
    assert_eq!(wb.address_of(Victim), format!("{AUTH}/"));

    // 2. saveUninitialized false, apply, open / twice: a new session each time, none stored,
    // no cookie.
    apply_option(
        &mut wb,
        "saveUninitialized",
        FieldKind::Choice(&[]),
        "false",
    );
    // (a cookie the visit to /user got before the change may still be there: it is left as is)
    let jar_before: Vec<String> = wb
        .lab()
        .victim
        .jar
        .cookies()
        .iter()
        .map(|c| c.value.clone())
        .collect();
    let mut ids = Vec::new();
    for _ in 0..2 {
        go(&mut wb, &format!("{AUTH}/"));
        let x = last_exchange(&wb);
        ids.extend(x.events.iter().filter_map(|e| match e {
            Event::SessionCreated { sid, .. } => Some(sid.clone()),
            _ => None,
        }));
        // the timeline's row shows that id without being opened ("a new id each time")
        assert_eq!(new_session_id(&x), ids.last().map(String::as_str));
        assert!(x
            .events
            .contains(&Event::SessionSetCookie(SetCookieDecision::NotSent(
                NotSentWhy::Uninitialized
            ))));
        assert!(x.response.set_cookies().is_empty());
        // and the Last request bar says why (it said only "No cookie for the server to
        // check", the reason folded in the timeline's entry)
        let last = wb.last_request().unwrap();
        assert_eq!(
            last.unsent.iter().map(|(_, w)| w).collect::<Vec<_>>(),
            [&NotSentWhy::Uninitialized]
        );
        assert!(
            session_lab::model::workbench::unsent_text(Lang::En, &last.unsent[0].1)
                .contains("saveUninitialized is false")
        );
    }
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1], "a new id each time");
    assert_eq!(wb.lab().server.store.len_raw(), 0, "nothing stored");
    let jar_after: Vec<String> = wb
        .lab()
        .victim
        .jar
        .cookies()
        .iter()
        .map(|c| c.value.clone())
        .collect();
    assert_eq!(jar_before, jar_after, "no cookie set");
    assert_eq!(ticked(&wb), ["seconds", "never-saved"]);
    // logging in writes to the session: that one is kept
    log_in(&mut wb, "alice");
    assert!(greeted(&wb));

    // 3. Two servers, a MemoryStore each: log in, reload /user a few times; it flickers.
    wb.apply(Op::SelectVariant(Variant::TwoMemory));
    assert_eq!(wb.lab().stores().len(), 2);
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    let mut seen = Vec::new();
    for _ in 0..4 {
        wb.apply(Op::Reload(Victim));
        seen.push(greeted(&wb));
    }
    assert!(seen.contains(&true) && seen.contains(&false), "{seen:?}");
    assert_eq!(ticked(&wb), ["seconds", "never-saved", "flicker"]);

    // 4. Two servers, one shared Redis: log in, reload /user; both instances know alice.
    wb.apply(Op::SelectVariant(Variant::TwoShared));
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    for _ in 0..3 {
        assert!(greeted(&wb));
        wb.apply(Op::Reload(Victim));
    }
    assert_eq!(
        ticked(&wb),
        ["seconds", "never-saved", "flicker", "shared-holds"]
    );

    // 5. Behind a TLS proxy: the login sets no cookie, and the timeline says why.
    wb.apply(Op::SelectVariant(Variant::Proxy));
    assert_eq!(wb.address_of(Victim), format!("{AUTH_TLS}/"));
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    assert!(!greeted(&wb));
    let login = wb
        .timeline()
        .entries()
        .iter()
        .rev()
        .filter_map(|e| e.exchange.as_ref())
        .find(|x| x.url.path == "/login")
        .unwrap();
    assert!(login
        .events
        .contains(&Event::SessionSetCookie(SetCookieDecision::NotSent(
            NotSentWhy::UntrustedProxy
        ))));
    assert_eq!(ticked(&wb).last(), Some(&"proxy-silent"));

    // 6. Deployment: tick app.set('trust proxy', 1), apply, log in again: a Secure cookie, and
    // the code shows the line.
    let mut d = wb.lab().config.deploy;
    d.trust_proxy = TrustProxy::Hops(1);
    wb.apply(Op::Deploy(d));
    assert!(wb
        .lab()
        .server
        .source()
        .contains("app.set('trust proxy', 1);"));
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    assert!(greeted(&wb));
    assert!(wb
        .lab()
        .victim
        .jar
        .cookies()
        .iter()
        .any(|c| c.name == "connect.sid" && c.secure));
    assert_eq!(ticked(&wb).last(), Some(&"proxy-trusted"));

    // 7. Back on One server, the store at 50 ms, log in; POST /transfer and /slow sent together
    // lose the transfer under resave: true; under resave: false (log in again) /slow only touches.
    wb.apply(Op::SelectVariant(Variant::OneServer));
    assert_eq!(wb.variant(), Variant::OneServer);
    let mut d: Deploy = wb.lab().config.deploy;
    d.latency = session_lab::engine::lab::StoreLatency::both(50);
    wb.apply(Op::Deploy(d));
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    let together = |wb: &mut Workbench, first: &str, second: &str, after: i64| {
        wb.apply(Op::Fire {
            browser: Victim,
            requests: vec![(first.into(), 0), (second.into(), after)],
            wait: true,
        });
    };
    together(
        &mut wb,
        "POST /transfer?to=bob&amount=10",
        &format!("{AUTH}/slow"),
        0,
    );
    // the live region says each request sent at once with its own answer; it once read the
    // second as a form the first's page submitted, and never said what the transfer did
    let said = wb.announcement().text.clone();
    let l = wb.lang();
    let step = fill(t(l, Key::SayStepDone), &[("n", "7"), ("total", "9")]);
    assert!(
        said.starts_with(&format!("{step} {}", t(l, Key::SayFired))),
        "{said}"
    );
    for request in ["POST /transfer", "GET /slow", "收款人：bob"] {
        assert!(said.contains(request), "{request} in {said}");
    }
    // the words between the form sentence's two requests ("its page submitted a form")
    let form = t(l, Key::SayFormSubmitted);
    let words = form
        .split("{from}")
        .nth(1)
        .and_then(|rest| rest.split("{to}").next())
        .unwrap();
    assert!(
        words.len() > 4 && !said.contains(words),
        "{words} in {said}"
    );
    // the banner, in view, says the transfer's write was lost (the store's history, in the
    // server pane, is often below the fold)
    let races = wb.last_request().unwrap().races;
    assert_eq!(races.len(), 1, "{races:?}");
    assert!(wb.last_request().unwrap().kept.is_empty());
    let text = race_text(Lang::En, &races[0]);
    assert!(
        text.contains("#1 wrote {\"balance\":90,\"username\":\"alice\"}")
            && text.contains("then #2 wrote {\"balance\":100,\"username\":\"alice\"} over it"),
        "{text}"
    );
    // ... and so does the live region, in words without the banner's mark (it had said the
    // pages only, "卡上还剩：90" among them, which sounded like a transfer that stuck)
    let words = race_text(l, &races[0]);
    let words = words.split_once(' ').unwrap().1;
    assert!(said.contains(words), "{words} not in {said}");
    assert!(!said.contains('⚠'), "{said}");
    wb.apply(Op::TryOption("resave".into(), Value::Bool(false)));
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    together(
        &mut wb,
        "POST /transfer?to=bob&amount=10",
        &format!("{AUTH}/slow"),
        0,
    );
    assert_eq!(ticked(&wb).last(), Some(&"race-fixed"));
    // /slow only touched: nothing undone, and the bar says the transfer's write stands (it
    // had said only "✓ … the store has the session")
    let last = wb.last_request().unwrap();
    assert!(last.races.is_empty());
    assert_eq!(last.kept.len(), 1, "{:?}", last.kept);
    let text = kept_text(Lang::En, &last.kept[0]);
    assert!(
        text.starts_with("✓ #1's write {\"balance\":90,\"username\":\"alice\"} stands: #2 had")
            && text.contains("only touched it"),
        "{text}"
    );
    assert!(matches!(last.lines().last(), Some(BarLine::Kept(0))));
    // said in the live region too
    let said = &wb.announcement().text;
    assert!(said.contains("stands: #2 had loaded the session"), "{said}");

    // 8. resave back to true, log in again; /slow first, /logout 100 ms later
    wb.apply(Op::TryOption("resave".into(), Value::Bool(true)));
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    together(
        &mut wb,
        &format!("{AUTH}/slow"),
        &format!("{AUTH}/logout"),
        100,
    );
    // /logout's redirect to / is a request of its own, said with its answer
    let said = wb.announcement().text.clone();
    let step = fill(t(l, Key::SayStepDone), &[("n", "9"), ("total", "9")]);
    assert!(
        said.starts_with(&format!("{step} {}", t(l, Key::SayFired))),
        "{said}"
    );
    let home = fill(
        t(l, Key::SayAnswered),
        &[("request", "GET /"), ("status", "200")],
    );
    for request in ["GET /slow", "GET /logout", &home] {
        assert!(said.contains(request), "{request} in {said}");
    }
    let races = wb.last_request().unwrap().races;
    let revived: Vec<String> = races.iter().map(|r| race_text(Lang::En, r)).collect();
    assert!(
        revived
            .iter()
            .any(|r| r.contains("#2 destroyed the session, then #1 saved it back")),
        "{revived:?}"
    );
    let words = race_text(l, &races[0]);
    let words = words.split_once(' ').unwrap().1;
    assert!(said.contains(words), "{words} not in {said}");
    let all: Vec<&str> = LessonId::Breaks.steps().iter().map(|s| s.name).collect();
    assert_eq!(ticked(&wb), all);
    assert!(wb.next_step().is_none());
}

#[test]
fn the_seconds_step_needs_a_short_max_age_and_a_login() {
    // the clock alone, or a login under the default browser-session cookie, ticks nothing
    let mut wb = open("lesson=breaks");
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    wb.apply(Op::Act(session_lab::engine::lab::Action::Advance(60_000)));
    assert!(
        jar_names(&wb).contains(&"connect.sid".to_string()),
        "a browser-session cookie stays"
    );
    assert!(ticked(&wb).is_empty());
    // a maxAge of an hour written properly does not expire in a minute
    apply_option(&mut wb, "cookie.maxAge", FieldKind::Number, "3600000");
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    wb.apply(Op::Act(session_lab::engine::lab::Action::Advance(60_000)));
    assert!(jar_names(&wb).contains(&"connect.sid".to_string()));
    assert!(ticked(&wb).is_empty());
    // with saveUninitialized left true, visits are saved and get a cookie: not the step
    wb.apply(Op::Reset);
    go(&mut wb, &format!("{AUTH}/"));
    go(&mut wb, &format!("{AUTH}/"));
    assert!(ticked(&wb).is_empty(), "{:?}", ticked(&wb));
}

#[test]
fn the_in_flight_steps_work_as_written() {
    use session_lab::engine::lab::StoreLatency;
    let mut wb = open("lesson=breaks");
    let names: Vec<&str> = LessonId::Breaks.steps().iter().map(|s| s.name).collect();
    assert!(
        names.ends_with(&["race", "race-fixed", "resurrected"]),
        "{names:?}"
    );
    // In Deployment, the store's get and set at 50 ms; log in as alice
    let mut d: Deploy = wb.lab().config.deploy;
    d.latency = StoreLatency::both(50);
    wb.apply(Op::Deploy(d));
    go(&mut wb, &format!("{AUTH}/login?username=alice"));
    let fire = |wb: &mut Workbench, requests: &[(&str, i64)]| {
        wb.apply(Op::Fire {
            browser: Victim,
            requests: requests.iter().map(|(p, a)| (p.to_string(), *a)).collect(),
            wait: true,
        })
    };
    // POST /transfer?to=bob&amount=10 first, /slow second, sent together: /slow's stale copy wins
    let out = fire(
        &mut wb,
        &[
            ("POST /transfer?to=bob&amount=10", 0),
            (&format!("{AUTH}/slow"), 0),
        ],
    );
    let events: Vec<Event> = out
        .exchanges
        .iter()
        .flat_map(|x| x.events.clone())
        .collect();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::SaveOverwrote { .. })),
        "{events:?}"
    );
    // the row of the request whose save won says so while closed, as bad news
    let winner = out
        .exchanges
        .iter()
        .find(|x| {
            x.events
                .iter()
                .any(|e| matches!(e, Event::SaveOverwrote { .. }))
        })
        .unwrap();
    assert!(markers(winner).contains(&Marker::Overwrote));
    assert_eq!(Marker::Overwrote.tone(), Tone::Bad);
    assert_eq!(
        out.exchanges
            .iter()
            .filter(|x| markers(x).contains(&Marker::Overwrote))
            .count(),
        1
    );
    assert!(out.exchanges.iter().any(|x| x.request.method == "POST"));
    // the race is a step of its own; the fix is the next
    assert!(ticked(&wb).contains(&"race"), "{:?}", ticked(&wb));
    assert!(!ticked(&wb).contains(&"race-fixed"));
    // a reload between the two: the race stays done, and the fix can still tick
    let mut wb = open_with("", wb.saved_blob());
    assert!(ticked(&wb).contains(&"race"), "{:?}", ticked(&wb));
    let mut d: Deploy = wb.lab().config.deploy;
    d.latency = StoreLatency::both(50);
    wb.apply(Op::Deploy(d));
    // resave: false (the server restarts: log in again), the two again: /slow only touches
    wb.apply(Op::TryOption("resave".into(), Value::Bool(false)));
    go(&mut wb, &format!("{AUTH}/login?username=alice"));
    let out = fire(
        &mut wb,
        &[
            ("POST /transfer?to=bob&amount=10", 0),
            (&format!("{AUTH}/slow"), 0),
        ],
    );
    assert!(!out
        .exchanges
        .iter()
        .flat_map(|x| &x.events)
        .any(|e| matches!(e, Event::SaveOverwrote { .. })));
    assert!(ticked(&wb).contains(&"race-fixed"), "{:?}", ticked(&wb));
    // resave back to true, log in again; /slow first, /logout 100 ms later: the logout undone
    wb.apply(Op::TryOption("resave".into(), Value::Bool(true)));
    go(&mut wb, &format!("{AUTH}/login?username=alice"));
    assert!(!ticked(&wb).contains(&"resurrected"));
    let out = fire(
        &mut wb,
        &[
            (&format!("{AUTH}/slow"), 0),
            (&format!("{AUTH}/logout"), 100),
        ],
    );
    assert!(out
        .exchanges
        .iter()
        .flat_map(|x| &x.events)
        .any(|e| matches!(e, Event::DestroyedSessionSaved { .. })));
    // /slow's row (the one that put it back) is marked, the logout's is not
    let revived: Vec<&str> = out
        .exchanges
        .iter()
        .filter(|x| markers(x).contains(&Marker::Revived))
        .map(|x| x.url.path.as_str())
        .collect();
    assert_eq!(revived, ["/slow"]);
    assert_eq!(
        Marker::Revived.words(Lang::En).1,
        "this save put back a session another request had destroyed: it is alive again"
    );
    assert!(ticked(&wb).contains(&"resurrected"), "{:?}", ticked(&wb));
}

#[test]
fn the_teaching_covers_every_failure() {
    let sections = LessonId::Breaks.sections();
    for s in [
        Section::ResaveRace,
        Section::ResurrectedLogout,
        Section::MaxAgeUnits,
        Section::NeverSaved,
        Section::TwoServers,
        Section::BehindAProxy,
        Section::Options,
    ] {
        assert!(sections.contains(&s), "{s:?}");
    }
    for step in LessonId::Breaks.steps() {
        for lang in Lang::ALL {
            assert!(t(lang, step.text).len() > 40);
        }
    }
}

#[test]
fn the_quiz_is_answered_and_remembered() {
    let mut wb = open("lesson=breaks");
    let lesson = LessonId::Breaks;
    for (n, q) in lesson.quiz().iter().enumerate() {
        wb.apply(Op::Answer {
            lesson,
            question: n,
            choice: (q.answer + 2) % 3,
        });
        wb.apply(Op::Answer {
            lesson,
            question: n,
            choice: q.answer,
        });
    }
    let back = open_with("", wb.saved_blob());
    assert_eq!(back.lesson(), LessonId::Breaks);
    for (n, q) in lesson.quiz().iter().enumerate() {
        assert_eq!(back.answer(lesson, n), Some(q.answer));
    }
    assert!(t(Lang::En, lesson.quiz()[0].why).contains("milliseconds"));
    // five questions here, the last two on the races (the transfer's, the logout's), and
    // the score counts five
    assert_eq!(lesson.quiz().len(), 5);
    assert!(t(Lang::En, lesson.quiz()[3].why).contains("resave: false"));
    assert!(
        t(Lang::En, lesson.quiz()[4].why).contains("touch does not bring a deleted session back")
    );
    assert_eq!(
        back.quiz_score(lesson),
        "5 of 5 right now, 0 at the first try"
    );
    assert_eq!(
        open_with("lang=zh", back.saved_blob()).quiz_score(lesson),
        "现在答对 5/5（第一次作答时答对 0 道）"
    );
}

#[test]
fn the_options_reference_has_proxy_and_trust_proxy_and_trust_proxy_can_be_tried() {
    let paths: Vec<&str> = OPTIONS.iter().map(|o| o.path).collect();
    assert!(paths.contains(&"proxy") && paths.contains(&TRUST_PROXY_SETTING));
    let mut wb = open("lesson=breaks&variant=tls-proxy");
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    assert!(!greeted(&wb));
    let row = OPTIONS
        .iter()
        .find(|o| o.path == TRUST_PROXY_SETTING)
        .unwrap();
    wb.apply(Op::TryOption(row.path.into(), (row.try_it)()));
    assert_eq!(wb.lab().config.deploy.trust_proxy, TrustProxy::Hops(1));
    assert!(wb
        .lab()
        .server
        .source()
        .contains("app.set('trust proxy', 1);"));
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    assert!(greeted(&wb));
    assert_eq!(ticked(&wb), ["proxy-silent", "proxy-trusted"]);
    // a value that is not a trust proxy setting changes nothing
    let before = wb.lab().config.clone();
    wb.apply(Op::TryOption(TRUST_PROXY_SETTING.into(), json!("everyone")));
    assert_eq!(wb.lab().config, before);
}

#[test]
fn share_links_saves_the_embed_api_and_the_title_name_lesson_6() {
    let mut wb = open("lesson=breaks&variant=two-memory&lang=en");
    assert_eq!(
        (wb.lesson(), wb.variant()),
        (LessonId::Breaks, Variant::TwoMemory)
    );
    assert_eq!(
        wb.lab().config.deploy,
        Deploy::two(session_lab::engine::lab::Balancer::RoundRobin)
    );
    assert_eq!(wb.place_name(Lang::En), "Lesson 6 · When it breaks");
    assert_eq!(wb.place_name(Lang::Zh), "第 6 课 · 什么时候会出问题");
    let link = wb.share_fragment(false);
    assert!(
        link.contains("lesson=breaks") && link.contains("variant=two-memory"),
        "{link}"
    );
    let linked = open(&link);
    assert_eq!(
        (linked.lesson(), linked.variant()),
        (LessonId::Breaks, Variant::TwoMemory)
    );
    // options changed in the lesson travel too
    wb.apply(Op::SelectVariant(Variant::OneServer));
    apply_option(&mut wb, "cookie.maxAge", FieldKind::Number, "3600");
    let link = wb.share_fragment(false);
    assert!(link.contains("opt.cookie.maxAge=3600"), "{link}");
    let linked = open(&link);
    assert_eq!(
        linked.lab().server.options.source["cookie"]["maxAge"],
        json!(3600)
    );
    // the saved state opens where the learner was, with the steps done
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    wb.apply(Op::Act(session_lab::engine::lab::Action::Advance(60_000)));
    let back = open_with("", wb.saved_blob());
    assert_eq!(
        (back.lesson(), back.variant()),
        (LessonId::Breaks, Variant::OneServer)
    );
    assert_eq!(ticked(&back), ["seconds"]);
    // the embedding page opens it by its code
    let mut embedded = open("embed=1&allow=https://course.example");
    let msg: Value = json!({"type": "session-lab:set", "lesson": "breaks", "variant": "tls-proxy"});
    embedded.apply(Op::HostMessage(msg));
    assert_eq!(
        (embedded.lesson(), embedded.variant()),
        (LessonId::Breaks, Variant::Proxy)
    );
    assert!(embedded.lab().config.deploy.tls_proxy);
    // a variant the lesson does not have is refused
    let (f, ignored) = session_lab::model::share::parse("lesson=breaks&variant=plain");
    assert_eq!(f.lesson, Some(LessonId::Breaks));
    assert!(f.variant.is_none() && !ignored.is_empty());
}

#[test]
fn lesson_6_s_one_server_is_lesson_4_s_fixed_app() {
    let wb = open("lesson=breaks");
    let four = open("lesson=auth&variant=fixed");
    assert_eq!(wb.lab().server.source(), four.lab().server.source());
    assert_eq!(wb.lab().config.overrides, Map::<String, Value>::new());
}

#[test]
fn never_saved_is_one_servers_saveuninitialized_not_the_other_instances_miss() {
    // the two-server variants set saveUninitialized: false; a login whose redirect lands on
    // the instance without the session makes a new, unsaved one there, and the step ticked
    // by itself without the learner touching the option
    let mut wb = open("lesson=breaks&variant=two-memory");
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    for _ in 0..3 {
        wb.apply(Op::Reload(Victim));
    }
    assert!(!ticked(&wb).contains(&"never-saved"), "{:?}", ticked(&wb));
}

//! Sessions in production, through the page model as the page drives it: two instances behind
//! a load balancer (the flicker with a MemoryStore each, a shared Redis that holds, sticky
//! sessions and their price), a TLS-terminating proxy (the silent failed login, then `trust
//! proxy` or `proxy: true`), and the deployment carried by share links, the saved state, the
//! embedding page, scenarios and time travel.
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::events::BrowserId::Victim;
use session_lab::engine::events::{Event, NotSentWhy, SetCookieDecision};
use session_lab::engine::json::{json, Value};
use session_lab::engine::lab::{Action, Balancer, Deploy, TrustProxy};
use session_lab::engine::session::StoreKind;
use session_lab::i18n::Lang;
use session_lab::model::lessons::{LessonId, Variant};
use session_lab::model::workbench::{check_aside, Op, Workbench};

mod common;
use common::{greeted, last_exchange, log_in, ticked, AUTH};

const AUTH_TLS: &str = "https://localhost:8080";

fn open_with(fragment: &str, stored: Option<String>) -> Workbench {
    common::open_seeded(fragment, stored, 21)
}

fn open(fragment: &str) -> Workbench {
    open_with(fragment, None)
}

fn go(wb: &mut Workbench, url: &str) {
    wb.apply(Op::Type(Victim, url.into()));
    wb.apply(Op::Go(Victim));
}

/// The instance that answered the newest request.
fn answered(wb: &Workbench) -> u8 {
    wb.timeline()
        .entries()
        .iter()
        .rev()
        .find_map(|e| e.exchange.as_ref().map(|x| x.instance))
        .unwrap()
}

fn has_cookie(wb: &Workbench, name: &str) -> bool {
    wb.lab().victim.jar.cookies().iter().any(|c| c.name == name)
}

#[test]
fn two_servers_with_a_memory_store_each_flicker() {
    let mut wb = open("lesson=store&variant=two-memory");
    assert_eq!(wb.lab().config.deploy, Deploy::two(Balancer::RoundRobin));
    assert_eq!(wb.lab().stores().len(), 2, "a MemoryStore per instance");
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    // /login went to one instance, the redirect to /user to the other: not logged in there
    let login_on = wb
        .timeline()
        .entries()
        .iter()
        .rev()
        .filter_map(|e| e.exchange.as_ref())
        .nth(1)
        .unwrap()
        .instance;
    assert_ne!(login_on, answered(&wb));
    assert!(!greeted(&wb));
    // the bar says both: the cookie is the login's new session, and it is in the other
    // instance's memory (the first alone read as contradicting "the store has no such
    // session")
    let last = wb.last_request().unwrap();
    let (_, at_user) = last.checks.last().unwrap();
    assert_eq!(
        check_aside(Lang::En, at_user).unwrap(),
        format!(
            "The cookie is the one GET /login?username=alice just set, for the new session it made. This request went to \
             app{}, whose MemoryStore is its own: the session is in app{login_on}'s memory.",
            3 - login_on
        )
    );
    assert!(!check_aside(Lang::Zh, at_user).unwrap().contains("。 "));
    // that miss is not yet the flicker the step asks for: no page has known alice
    assert!(!ticked(&wb).contains(&"flicker"), "{:?}", ticked(&wb));
    // reloading alternates: in on the instance that has the session, out on the other
    let mut seen = Vec::new();
    for i in 0..4 {
        wb.apply(Op::Reload(Victim));
        seen.push((answered(&wb), greeted(&wb)));
        // a miss says where the session is (the bar had given "unknown, expired or
        // destroyed", none of them the cause)
        let last = wb.last_request().unwrap();
        let (_, check) = last.checks.last().unwrap();
        let elsewhere = (!greeted(&wb)).then_some((3 - login_on, login_on));
        assert_eq!(check.held_by_other, elsewhere, "{i}");
        if let Some((here, there)) = elsewhere {
            let aside = check_aside(Lang::En, check).unwrap();
            assert_eq!(
                aside,
                format!(
                    "This request went to app{here}, whose MemoryStore is its own: the \
                     session is in app{there}'s memory."
                )
            );
        }
        // known, then unknown: the second reload is the flicker
        assert_eq!(ticked(&wb).contains(&"flicker"), i >= 1, "{i}");
    }
    assert_eq!(
        seen,
        [
            (login_on, true),
            (3 - login_on, false),
            (login_on, true),
            (3 - login_on, false)
        ]
    );
    // the session lives in one store only
    let held: Vec<usize> = wb.lab().stores().iter().map(|(_, s)| s.len_raw()).collect();
    assert_eq!(held.iter().sum::<usize>(), 1, "{held:?}");
    assert!(ticked(&wb).contains(&"flicker"), "{:?}", ticked(&wb));
    // the jar's verdict asks the instance the balancer picks next: the one with the session
    use session_lab::model::anatomy::Verdict;
    let verdict = |wb: &Workbench| wb.server_check(Victim).unwrap().verdict;
    assert!(
        matches!(verdict(&wb), Verdict::Accepted { .. }),
        "{:?}",
        verdict(&wb)
    );
    wb.apply(Op::Reload(Victim));
    assert!(
        matches!(verdict(&wb), Verdict::UnknownSid { .. }),
        "{:?}",
        verdict(&wb)
    );
    // the timeline names the instance
    let x = last_exchange(&wb);
    assert!(x.events.iter().any(|e| matches!(e, Event::Balanced { .. })));
}

#[test]
fn a_shared_redis_holds_on_both_servers() {
    let mut wb = open("lesson=store&variant=two-shared");
    assert_eq!(wb.lab().server.store.kind(), StoreKind::Redis);
    let stores = wb.lab().stores();
    assert_eq!(stores.len(), 1, "one store, shown once");
    assert!(stores[0].0.is_none());
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    assert!(greeted(&wb));
    let mut instances = vec![answered(&wb)];
    for _ in 0..3 {
        wb.apply(Op::Reload(Victim));
        assert!(greeted(&wb));
        instances.push(answered(&wb));
    }
    assert!(
        instances.contains(&1) && instances.contains(&2),
        "{instances:?}"
    );
    assert!(ticked(&wb).contains(&"shared-holds"), "{:?}", ticked(&wb));
    assert!(!ticked(&wb).contains(&"flicker"));
    // Redis outlives a restart of both instances; its keys and TTLs are what the trace prints
    wb.apply(Op::Act(Action::RestartServer));
    wb.apply(Op::Reload(Victim));
    assert!(greeted(&wb));
    let snap = wb.lab().store_snapshot();
    let (key, entry) = snap.as_object().unwrap().iter().next().unwrap();
    assert!(key.starts_with("sess:"), "{key}");
    assert_eq!(entry["pttl"], json!(86_400_000));
    // the code shows connect-redis
    let code = wb.lab().server.source();
    assert!(
        code.contains("store: new RedisStore({ client: redisClient })"),
        "{code}"
    );
}

#[test]
fn a_shared_connect_mongo_store_holds_too() {
    let mut wb = open("lesson=store&variant=two-memory");
    let mut over = wb.lab().config.overrides.clone();
    over.insert("store".into(), json!("persistent"));
    wb.apply(Op::Configure(over));
    assert_eq!(wb.lab().stores().len(), 1);
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    for _ in 0..3 {
        assert!(greeted(&wb));
        wb.apply(Op::Reload(Victim));
    }
    assert!(ticked(&wb).contains(&"shared-holds"));
}

#[test]
fn sticky_sessions_hold_until_the_instance_restarts() {
    let mut wb = open("lesson=store&variant=two-memory");
    wb.apply(Op::Deploy(Deploy::two(Balancer::Sticky)));
    // what the apply changed is said in the form's words, before the restart's counts
    let said = &wb.announcement().text;
    assert!(
        said.starts_with("Applied: Balancer: Sticky sessions (lb cookie). "),
        "{said}"
    );
    // an apply that changed nothing says so, and the restart once (the form's own line,
    // "the server restarted with this deployment", came before "The server restarted: …")
    wb.apply(Op::Deploy(Deploy::two(Balancer::Sticky)));
    let said = &wb.announcement().text;
    assert!(
        said.starts_with("Applied, with nothing changed. The server restarted: "),
        "{said}"
    );
    assert_eq!(said.matches("restarted").count(), 1, "{said}");
    // and said again: each action one new number, so the page's live region alternates
    // (two numbers an apply put the same words back in the same region: silent)
    let n = wb.announcement().n;
    wb.apply(Op::Deploy(Deploy::two(Balancer::Sticky)));
    assert_eq!(wb.announcement().n, n + 1);
    go(&mut wb, &format!("{AUTH}/"));
    assert!(has_cookie(&wb, "lb"), "the balancer pins the browser");
    log_in(&mut wb, "alice");
    let pinned = answered(&wb);
    for _ in 0..3 {
        assert!(greeted(&wb));
        assert_eq!(answered(&wb), pinned);
        wb.apply(Op::Reload(Victim));
        // the live region names the server that answered, as the timeline does
        let said = &wb.announcement().text;
        assert!(said.contains(&format!("Served by app{pinned}.")), "{said}");
        // the balancer reads its cookie: the bar does not list it as unread
        assert!(wb.last_request().unwrap().unread.is_empty());
    }
    assert!(wb.lab().reads_cookie("lb") && wb.lab().reads_cookie("connect.sid"));
    // back to round robin, nothing reads the pin the jar still holds
    wb.apply(Op::Deploy(Deploy::two(Balancer::RoundRobin)));
    assert!(!wb.lab().reads_cookie("lb"));
    wb.apply(Op::Reload(Victim));
    let last = wb.last_request().unwrap();
    assert_eq!(last.unread.len(), 1);
    assert_eq!(last.unread[0].1.names, ["lb"]);
    wb.apply(Op::Deploy(Deploy::two(Balancer::Sticky)));
    // the price: a restart of that instance takes its sessions with it
    wb.apply(Op::Act(Action::RestartServer));
    wb.apply(Op::Reload(Victim));
    assert!(!greeted(&wb));
}

fn login_decision(wb: &Workbench) -> Option<SetCookieDecision> {
    wb.timeline()
        .entries()
        .iter()
        .rev()
        .filter_map(|e| e.exchange.as_ref())
        .find(|x| x.url.path == "/login")?
        .events
        .iter()
        .find_map(|e| match e {
            Event::SessionSetCookie(d) => Some(d.clone()),
            _ => None,
        })
}

#[test]
fn behind_a_tls_proxy_the_login_fails_silently_until_the_app_trusts_it() {
    let mut wb = open("lesson=auth&variant=tls-proxy");
    assert_eq!(wb.address_of(Victim), format!("{AUTH_TLS}/"));
    assert!(wb.lab().config.deploy.tls_proxy);
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    // no cookie: checkUser sends the browser back to the login page
    assert_eq!(
        login_decision(&wb),
        Some(SetCookieDecision::NotSent(NotSentWhy::UntrustedProxy))
    );
    assert!(!has_cookie(&wb, "connect.sid"));
    assert_eq!(wb.address_of(Victim), format!("{AUTH_TLS}/"));
    // the session was stored all the same
    assert!(wb.lab().server.store.len_raw() >= 1);
    assert!(ticked(&wb).contains(&"proxy-silent"));
    // the proxy's forwarding is in the timeline
    let x = wb
        .timeline()
        .entries()
        .iter()
        .rev()
        .find_map(|e| e.exchange.clone())
        .unwrap();
    assert!(x.events.contains(&Event::ProxyForwarded { tls: true }));

    // app.set('trust proxy', 1): the same login works, with a Secure cookie
    let mut d = wb.lab().config.deploy;
    d.trust_proxy = TrustProxy::Hops(1);
    wb.apply(Op::Deploy(d));
    assert!(wb
        .lab()
        .server
        .source()
        .contains("var app = express();\napp.set('trust proxy', 1);\n"));
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    assert!(greeted(&wb));
    let c = wb
        .lab()
        .victim
        .jar
        .cookies()
        .iter()
        .find(|c| c.name == "connect.sid")
        .cloned()
        .unwrap();
    assert!(c.secure);
    let t = ticked(&wb);
    assert!(
        t.contains(&"proxy-silent") && t.contains(&"proxy-trusted"),
        "{t:?}"
    );
}

#[test]
fn behind_a_tls_proxy_the_session_s_own_proxy_option_works_too() {
    let mut wb = open("lesson=auth&variant=tls-proxy");
    wb.apply(Op::TryOption("proxy".into(), json!(true)));
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    assert!(greeted(&wb));
    // proxy: false beats trust proxy
    wb.apply(Op::TryOption("proxy".into(), json!(false)));
    let mut d = wb.lab().config.deploy;
    d.trust_proxy = TrustProxy::Bool(true);
    wb.apply(Op::Deploy(d));
    wb.apply(Op::Act(Action::JarClear(Victim)));
    go(&mut wb, &format!("{AUTH_TLS}/"));
    log_in(&mut wb, "alice");
    assert!(!greeted(&wb));
    assert_eq!(
        login_decision(&wb),
        Some(SetCookieDecision::NotSent(NotSentWhy::InsecureConnection))
    );
}

#[test]
fn turning_the_proxy_on_and_off_moves_the_address_between_http_and_https() {
    let mut wb = open("lesson=auth&variant=fixed");
    assert_eq!(wb.address_of(Victim), format!("{AUTH}/"));
    let mut d = wb.lab().config.deploy;
    d.tls_proxy = true;
    wb.apply(Op::Deploy(d));
    assert_eq!(wb.address_of(Victim), format!("{AUTH_TLS}/"));
    d.tls_proxy = false;
    wb.apply(Op::Deploy(d));
    assert_eq!(wb.address_of(Victim), format!("{AUTH}/"));
}

#[test]
fn share_links_and_the_saved_state_carry_the_deployment() {
    let mut wb = open("lesson=store&variant=two-memory");
    wb.apply(Op::Deploy(Deploy {
        balancer: Balancer::Sticky,
        trust_proxy: TrustProxy::Hops(1),
        ..Deploy::two(Balancer::RoundRobin)
    }));
    let link = wb.share_fragment(false);
    assert!(link.contains("variant=two-memory"), "{link}");
    assert!(
        link.contains("balancer=sticky") && link.contains("trust_proxy=1"),
        "{link}"
    );
    assert!(
        !link.contains("instances="),
        "the variant already runs two: {link}"
    );
    let back = open(&link);
    assert_eq!(back.lab().config.deploy, wb.lab().config.deploy);
    // a link can put any lesson behind a proxy
    let proxied = open("lesson=auth&variant=fixed&tls_proxy=true&instances=2");
    assert!(proxied.lab().config.deploy.tls_proxy && proxied.lab().twin.is_some());
    // the saved state
    let blob = wb.saved_blob().unwrap();
    let v: Value = session_lab::engine::json::from_str(&blob).unwrap();
    assert_eq!(v["deploy"], json!({"balancer": "sticky", "trust_proxy": 1}));
    let reloaded = open_with("", Some(blob));
    assert_eq!(
        (reloaded.lesson(), reloaded.variant()),
        (LessonId::Store, Variant::TwoMemory)
    );
    assert_eq!(reloaded.lab().config.deploy, wb.lab().config.deploy);
    // a bad value is dropped with a notice, the rest kept
    let bad = open("lesson=store&instances=7&balancer=sticky");
    assert_eq!(bad.lab().config.deploy.balancer, Balancer::Sticky);
    assert!(!bad.notices().is_empty());
}

#[test]
fn the_embedding_page_can_set_the_deployment() {
    let mut wb = open("embed=1&allow=https://course.example");
    wb.apply(Op::HostMessage(json!({
        "type": "session-lab:set", "lesson": "auth", "variant": "fixed",
        "instances": 2, "tls_proxy": true, "trust_proxy": 1
    })));
    let d = wb.lab().config.deploy;
    assert_eq!(
        (d.count(), d.tls_proxy, d.trust_proxy),
        (2, true, TrustProxy::Hops(1))
    );
    assert_eq!(wb.lesson(), LessonId::Auth);
}

#[test]
fn a_scenario_with_a_deployment_prints_the_fixture_in_the_page() {
    for name in [
        "auth-seed-two-memory-sticky",
        "auth-seed-tls-proxy-secure-untrusted",
        "counter-redis-maxage-rounds-up",
    ] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let text = std::fs::read_to_string(dir.join(format!("scenarios/{name}.json"))).unwrap();
        let want = std::fs::read_to_string(dir.join(format!("fixtures/{name}.json"))).unwrap();
        let mut wb = open("");
        wb.apply(Op::LoadScenario(text));
        wb.apply(Op::ScenarioPlayAll);
        assert_eq!(wb.scenario().unwrap().trace_text(), want, "{name}");
    }
}

#[test]
fn time_travel_shows_both_instances_stores() {
    let mut wb = open("lesson=store&variant=two-memory");
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    wb.apply(Op::Reload(Victim));
    let ids: Vec<u64> = wb
        .timeline()
        .entries()
        .iter()
        .filter(|e| e.exchange.is_some())
        .map(|e| e.id)
        .collect();
    wb.apply(Op::TravelTo(ids[1]));
    let past = wb.past().unwrap();
    let twin = past.twin.as_ref().expect("app2's store");
    let rows = past.store.rows.len() + twin.rows.len();
    assert_eq!(rows, 1, "the login's session, in one of the two");
    wb.apply(Op::BackToNow);
    assert!(wb.past().is_none());
}

#[test]
fn the_other_instances_miss_is_not_a_restart_forgetting_you() {
    // lesson 5's step 3 ("MemoryStore loses you at a restart") is one server's MemoryStore:
    // with two, a restart and then a login whose redirect lands on the other instance greeted
    // nobody, and the step had ticked
    let mut wb = open("lesson=store&variant=two-memory");
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    assert!(!greeted(&wb));
    assert!(!ticked(&wb).contains(&"memory-loses"), "{:?}", ticked(&wb));
    // one MemoryStore: the session from before the restart is gone, and that is the step
    wb.apply(Op::SelectVariant(Variant::Memory));
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, &format!("{AUTH}/"));
    log_in(&mut wb, "alice");
    assert!(greeted(&wb));
    assert!(!ticked(&wb).contains(&"memory-loses"));
    wb.apply(Op::Act(Action::RestartServer));
    wb.apply(Op::Reload(Victim));
    assert!(!greeted(&wb));
    assert!(ticked(&wb).contains(&"memory-loses"), "{:?}", ticked(&wb));
}

/// One server names none: "Served by" is about the balancer's choice.
#[test]
fn one_server_is_not_named() {
    let mut wb = open("lesson=store");
    go(&mut wb, &format!("{AUTH}/"));
    assert!(!wb.announcement().text.contains("Served by"));
    let mut wb = open("lesson=store&variant=two-memory&lang=zh");
    go(&mut wb, &format!("{AUTH}/"));
    let said = &wb.announcement().text;
    assert!(
        said.contains("由 app1 处理。") || said.contains("由 app2 处理。"),
        "{said}"
    );
}

/// Two refusals at one request of several lead the announcement under one "At …:" (a forged
/// cookie at a login whose new cookie the untrusted proxy kept home had the request named
/// twice in a row).
#[test]
fn two_refusals_at_one_request_name_it_once() {
    let mut wb = open("lesson=auth&variant=tls-proxy");
    go(&mut wb, &format!("{AUTH_TLS}/"));
    wb.apply(Op::AddCookie(
        Victim,
        "connect.sid".into(),
        "s%3Aabc.def".into(),
    ));
    log_in(&mut wb, "alice");
    let said = wb.announcement().text.clone();
    let lead = &said[..said.find("redirected").expect(&said)];
    assert!(lead.contains("wrong MAC"), "{said}");
    assert!(lead.contains("No Set-Cookie"), "{said}");
    assert_eq!(lead.matches("At GET /login").count(), 1, "{said}");
}

/// An address no server answers names the lab's server where the learner opens it: behind the
/// TLS proxy, https (it said http://localhost:8080 there; review).
#[test]
fn no_server_there_names_the_address_the_learner_opens() {
    use session_lab::engine::url::UrlError;
    let mut wb = open("lesson=auth&variant=tls-proxy");
    go(&mut wb, "alice");
    match wb.nav_problem().map(|p| p.reason.clone()) {
        Some(UrlError::NoServer { listening, .. }) => assert_eq!(listening, AUTH_TLS),
        other => panic!("{other:?}"),
    }
    let mut wb = open("lesson=auth");
    go(&mut wb, "alice");
    match wb.nav_problem().map(|p| p.reason.clone()) {
        Some(UrlError::NoServer { listening, .. }) => {
            assert_eq!(listening, "http://localhost:8080")
        }
        other => panic!("{other:?}"),
    }
}

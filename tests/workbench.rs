//! The page model driven as the page drives it: every lesson's "try this" steps as written,
//! all eight challenges solved (and not solved by ordinary browsing), saving, links, the
//! embedding page. The same code the page runs, on the host.

mod common;
use common::open;
use common::{last_exchange, page_body as body, ticked};
use session_lab::engine::events::BrowserId::{self, Attacker, Victim};
use session_lab::engine::events::{EditBy, Event};
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::jar::Cookie;
use session_lab::engine::jar::Field as CookieField;
use session_lab::engine::json::{json, Map, Value};
use session_lab::engine::lab::{Action, Navigate, Script, Via};
use session_lab::engine::server::cookie_only::{BAD_SIGNATURE, WELCOME_BACK, WELCOME_NEW};
use session_lab::engine::session::merge;
use session_lab::engine::signature::sign;
use session_lab::engine::store::MemoryKv;
use session_lab::engine::uri::encode_uri_component;
use session_lab::i18n::{t, Key, Lang};
use session_lab::model::anatomy::anatomy;
use session_lab::model::bruteforce;
use session_lab::model::challenges::{Because, ChallengeId};
use session_lab::model::lessons::{LessonId, Variant};
use session_lab::model::page::{render, Block};
use session_lab::model::workbench::{
    check_aside, check_text, unread_text, BarLine, Op, ServerForm, Start, Workbench, HIDDEN_MAC,
};

const NOW: i64 = 1_700_000_000_000;
const AUTH: &str = "http://localhost:8080";

/// Types an address and presses Go.
fn go(wb: &mut Workbench, b: BrowserId, url: &str) {
    wb.apply(Op::Type(b, url.into()));
    wb.apply(Op::Go(b));
}

fn cookie(wb: &Workbench, b: BrowserId, name: &str) -> Cookie {
    wb.lab()
        .browser(b)
        .jar
        .cookies()
        .iter()
        .find(|c| c.name == name)
        .cloned()
        .unwrap_or_else(|| panic!("no cookie {name} in {b:?}'s jar"))
}

/// Edits one cell of a cookie, as the jar pane's cell does.
fn edit(wb: &mut Workbench, b: BrowserId, name: &str, field: CookieField, text: &str) {
    let c = cookie(wb, b, name);
    wb.apply(Op::EditCookie {
        browser: b,
        cookie: c,
        field,
        text: text.into(),
    });
}

fn set_value(wb: &mut Workbench, b: BrowserId, name: &str, value: &str) {
    edit(wb, b, name, CookieField::Value, value);
}

/// Clicks a link on the browser's page by its text.
fn click(wb: &mut Workbench, b: BrowserId, text: &str) {
    let page = body(wb, b);
    let href = render(&page, Some("text/html"))
        .blocks
        .into_iter()
        .find_map(|bl| match bl {
            Block::Link { href, text: t } if t == text => Some(href),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no link {text} on {page}"));
    wb.apply(Op::FollowLink(b, href));
}

/// Fills the page's form and submits it, as the browser pane does.
fn submit(wb: &mut Workbench, b: BrowserId, values: &[(&str, &str)]) {
    let page = body(wb, b);
    let (action, method, fields) = render(&page, Some("text/html"))
        .blocks
        .into_iter()
        .find_map(|bl| match bl {
            Block::Form {
                action,
                method,
                fields,
                ..
            } => Some((action, method, fields)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no form on {page}"));
    let fields = fields
        .into_iter()
        .map(|f| {
            let v = values
                .iter()
                .find(|(n, _)| *n == f.name)
                .map_or(f.value.clone(), |(_, v)| v.to_string());
            (f.name, v)
        })
        .collect();
    wb.apply(Op::Submit {
        browser: b,
        action,
        method,
        fields,
    });
}

fn options(wb: &Workbench, over: Value) -> Map<String, Value> {
    let Value::Object(m) = over else {
        panic!("an object")
    };
    merge(&wb.lab().config.overrides, &m)
}

fn signed(v: &str, secret: &str) -> String {
    encode_uri_component(&format!("s:{}", sign(v, secret)))
}

fn store_sids(wb: &Workbench) -> Vec<String> {
    wb.lab()
        .server
        .store
        .rows()
        .into_iter()
        .map(|r| r.sid)
        .collect()
}

fn done(wb: &Workbench, stage: &str) -> bool {
    wb.challenge().is_some_and(|c| c.progress.is_done(stage))
}

fn why(wb: &Workbench) -> Option<(Key, Because)> {
    wb.challenge().and_then(|c| c.progress.why)
}

// ---- the lessons' steps, as written, from a fresh start; each ticks itself ----------------

/// The steps of the open lesson that are done, by name.
#[test]
fn lesson_1_the_balance_lives_in_the_cookie() {
    let mut wb = open("lesson=cookie");
    assert_eq!(wb.next_step().unwrap().name, "first-card");
    // 1. Type http://localhost:3000/ and press Go: a card worth 100, in the balance cookie.
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    assert_eq!(cookie(&wb, Victim, "balance").value, "100");
    assert_eq!(ticked(&wb), ["first-card"]);
    // 2. Press Go twice more: 90, then 80.
    wb.apply(Op::Go(Victim));
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}90"));
    wb.apply(Op::Go(Victim));
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}80"));
    assert_eq!(ticked(&wb), ["first-card", "balance-falls"]);
    // 3. Change balance's value to 9999, then Go: 9989.
    set_value(&mut wb, Victim, "balance", "9999");
    wb.apply(Op::Go(Victim));
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}9989"));
    // 4. Signed cookie: Go for a signed card, change its 100 to 9999, Go: 403.
    wb.apply(Op::SelectVariant(Variant::Signed));
    wb.apply(Op::Go(Victim));
    let card = cookie(&wb, Victim, "balance").value;
    assert!(card.starts_with("s%3A100."), "{card}");
    // an edited MAC is refused too, but the step changes the 100
    let mac_edited = format!(
        "{}{}",
        &card[..card.len() - 1],
        if card.ends_with('A') { 'B' } else { 'A' }
    );
    set_value(&mut wb, Victim, "balance", &mac_edited);
    wb.apply(Op::Go(Victim));
    assert_eq!(wb.lab().victim.page.as_ref().unwrap().status, 403);
    assert_eq!(ticked(&wb), ["first-card", "balance-falls", "believed"]);
    // (nor does a card sent back as the server signed it)
    set_value(&mut wb, Victim, "balance", &card);
    wb.apply(Op::Go(Victim));
    assert_eq!(ticked(&wb), ["first-card", "balance-falls", "believed"]);
    set_value(
        &mut wb,
        Victim,
        "balance",
        &card.replace("s%3A100.", "s%3A9999."),
    );
    wb.apply(Op::Go(Victim));
    assert_eq!(wb.lab().victim.page.as_ref().unwrap().status, 403);
    assert_eq!(body(&wb, Victim), BAD_SIGNATURE);
    assert_eq!(
        ticked(&wb),
        ["first-card", "balance-falls", "believed", "refused"]
    );
    assert_eq!(wb.next_step(), None);
}

/// Lesson 1's step 4 with a card the visits brought down to 70: setting its number back to 100,
/// a number the server once signed, with the 70's MAC is the forgery the step asks for.
#[test]
fn lesson_1_a_card_set_back_to_a_number_once_signed_is_refused_and_ticks() {
    let mut wb = open("lesson=cookie&variant=signed");
    for _ in 0..4 {
        go(&mut wb, Victim, "http://localhost:3000/");
    }
    let card = cookie(&wb, Victim, "balance").value;
    assert!(card.starts_with("s%3A70."), "{card}");
    set_value(
        &mut wb,
        Victim,
        "balance",
        &card.replace("s%3A70.", "s%3A100."),
    );
    wb.apply(Op::Go(Victim));
    assert_eq!(wb.lab().victim.page.as_ref().unwrap().status, 403);
    assert!(ticked(&wb).contains(&"refused"), "{:?}", ticked(&wb));
}

/// Lesson 1's four steps, the short way.
fn do_lesson_1(wb: &mut Workbench) {
    go(wb, Victim, "http://localhost:3000/");
    wb.apply(Op::Go(Victim));
    wb.apply(Op::Go(Victim));
    set_value(wb, Victim, "balance", "9999");
    wb.apply(Op::Go(Victim));
    assert!(!wb.lesson_done(LessonId::Cookie));
    assert_eq!(wb.next_lesson(), None, "a step still to do");
    raise_the_signed_card(wb);
}

/// A lesson whose steps are all done is marked in the picker, and its card offers the next
/// lesson (a learner done with lesson 1 had only the picker to find lesson 2); the mark stays
/// when another lesson is open. Not in a challenge, nor in an embed (it shows one lesson).
#[test]
fn a_lesson_done_is_marked_and_offers_the_next() {
    let mut wb = open("lesson=cookie");
    assert!(!LessonId::ALL.iter().any(|&l| wb.lesson_done(l)));
    do_lesson_1(&mut wb);
    assert!(wb.lesson_done(LessonId::Cookie));
    assert_eq!(wb.next_lesson(), Some(LessonId::Manual));
    wb.apply(Op::SelectLesson(LessonId::Manual));
    assert!(wb.lesson_done(LessonId::Cookie) && !wb.lesson_done(LessonId::Manual));
    assert_eq!(wb.next_lesson(), None);
    wb.apply(Op::SelectLesson(LessonId::Cookie));
    assert_eq!(wb.next_lesson(), Some(LessonId::Manual));
    wb.apply(Op::StartChallenge(ChallengeId::Tamper));
    assert_eq!(wb.next_lesson(), None);
    let mut embed = open("embed=1&lesson=cookie");
    do_lesson_1(&mut embed);
    assert!(embed.lesson_done(LessonId::Cookie));
    assert_eq!(embed.next_lesson(), None);
}

#[test]
fn a_learner_who_went_ahead_is_led_on_then_back_to_what_was_skipped() {
    let mut wb = open("lesson=cookie");
    go(&mut wb, Victim, "http://localhost:3000/");
    // step 3 before step 2: the balance is 9989, and "press Go twice: 90, then 80" cannot
    // come true from here, so the next step is the one after it
    set_value(&mut wb, Victim, "balance", "9999");
    wb.apply(Op::Go(Victim));
    assert_eq!(ticked(&wb), ["first-card", "believed"]);
    assert_eq!(wb.next_step().unwrap().name, "refused");
    // ...and what was skipped comes back once there is nothing after it
    raise_the_signed_card(&mut wb);
    assert_eq!(ticked(&wb), ["first-card", "believed", "refused"]);
    assert_eq!(wb.next_step().unwrap().name, "balance-falls");
    // the announcement names the same step, and says step 4 done is not the lesson's end
    let next = t(Lang::En, Key::StepCookie2);
    assert!(
        wb.announcement()
            .text
            .starts_with("Step 4 done (3 of 4 steps done). ")
            && wb.announcement().text.ends_with(&format!("Next: {next}")),
        "{}",
        wb.announcement().text
    );
    wb.apply(Op::SelectVariant(Variant::Plain));
    wb.apply(Op::Go(Victim));
    wb.apply(Op::Go(Victim));
    wb.apply(Op::Go(Victim));
    assert_eq!(wb.next_step(), None);
    // the skipped step, done last, says the count: "Step 2 of 4 done" had read as two done
    assert!(
        (wb.announcement().text).starts_with("Step 2 done (4 of 4 steps done). "),
        "{}",
        wb.announcement().text
    );
}

#[test]
fn lesson_2_the_notebook_keeps_the_balance() {
    let mut wb = open("lesson=manual");
    let home = "http://localhost:9090/";
    // 1. Go: a card in the notebook, only its number in session.id.
    go(&mut wb, Victim, home);
    let id = cookie(&wb, Victim, "session.id").value;
    // 2. Go twice more: 90, 80; the cookie stays the same.
    wb.apply(Op::Go(Victim));
    wb.apply(Op::Go(Victim));
    assert_eq!(cookie(&wb, Victim, "session.id").value, id);
    let notebook = session_lab::engine::json::stringify(&wb.lab().store_snapshot());
    assert_eq!(notebook, format!(r#"{{"{id}":{{"balance":80}}}}"#));
    // 3. Another number: no such card, a new one.
    set_value(&mut wb, Victim, "session.id", "someone-else");
    wb.apply(Op::Go(Victim));
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    assert_eq!(wb.lab().store_snapshot().as_object().unwrap().len(), 2);
    // 4. A number the server gave, then Restart server, then Go: the notebook is gone.
    set_value(&mut wb, Victim, "session.id", &id);
    wb.apply(Op::Act(Action::RestartServer));
    assert_eq!(wb.lab().store_snapshot(), json!({}));
    wb.apply(Op::Go(Victim));
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    assert_eq!(
        ticked(&wb),
        ["new-card", "charged", "other-number", "restart-forgets"]
    );
}

#[test]
fn lesson_3_the_middleware_and_its_options() {
    use session_lab::model::options_form::{with_field, FieldKind};
    let mut wb = open("lesson=middleware");
    let own = session_lab::engine::server::App::Counter.own_options();
    // 1. Go: views: 1, a session in the store, connect.sid in the jar.
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), "views: 1");
    // 2. The five routes in turn; their store calls differ.
    let mut calls = Vec::new();
    for path in ["/peek", "/remember", "/regenerate", "/unset", "/destroy"] {
        go(&mut wb, Victim, &format!("http://localhost:3000{path}"));
        let x = last_exchange(&wb);
        calls.push(
            x.store_calls
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(","),
        );
    }
    assert!(calls[4].contains("destroy"), "{calls:?}");
    // /unset before /destroy acts on a live session: its store is only read
    assert_eq!(calls[3], "get", "{calls:?}");
    assert!(
        calls.iter().collect::<std::collections::HashSet<_>>().len() >= 3,
        "{calls:?}"
    );
    // 3. resave false, Apply, / then /peek: only touched.
    let draft = wb.lab().server.options.source.clone();
    let draft = with_field(&draft, &own, "resave", FieldKind::Choice(&[]), "false");
    wb.apply(Op::Configure(draft.clone()));
    go(&mut wb, Victim, "http://localhost:3000/");
    // one / (a new session, after the restart) and /peek show the touch alone: the step
    // compares it with the set of a changed session, so it waits for the second /
    go(&mut wb, Victim, "http://localhost:3000/peek");
    assert!(!ticked(&wb).contains(&"only-touched"), "{:?}", ticked(&wb));
    go(&mut wb, Victim, "http://localhost:3000/");
    // the second / changes a session the store has: saved even so
    let said = wb.announcement().text.clone();
    assert!(
        said.contains("Saved to the store (store.set): the session was modified."),
        "{said}"
    );
    go(&mut wb, Victim, "http://localhost:3000/peek");
    let said = wb.announcement().text.clone();
    assert!(said.contains("Only touched (store.touch): unmodified, and resave is false. Session store calls: get, touch."), "{said}");
    let x = last_exchange(&wb);
    assert_eq!(
        x.store_calls.iter().map(|c| c.name()).collect::<Vec<_>>(),
        ["get", "touch"]
    );
    // 4. saveUninitialized false, apply, open /peek: a new session, neither stored nor sent;
    // then /: it writes views, so it is saved and its cookie comes.
    let draft = with_field(
        &draft,
        &own,
        "saveUninitialized",
        FieldKind::Choice(&[]),
        "false",
    );
    wb.apply(Op::Configure(draft.clone()));
    let stale = cookie(&wb, Victim, "connect.sid").value;
    go(&mut wb, Victim, "http://localhost:3000/peek");
    assert_eq!(body(&wb, Victim), "views: 0");
    assert!(store_sids(&wb).is_empty(), "nothing stored");
    assert_eq!(cookie(&wb, Victim, "connect.sid").value, stale, "no cookie");
    assert_eq!(ticked(&wb), ["session-made", "routes", "only-touched"]);
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), "views: 1");
    assert_eq!(store_sids(&wb).len(), 1);
    assert_ne!(cookie(&wb, Victim, "connect.sid").value, stale);
    // 5. cookie.maxAge 60000, apply, open /, +1 min: the cookie and the session expire.
    let draft = with_field(&draft, &own, "cookie.maxAge", FieldKind::Number, "60000");
    wb.apply(Op::Configure(draft));
    go(&mut wb, Victim, "http://localhost:3000/");
    wb.apply(Op::Act(Action::Advance(60_000)));
    assert!(wb.jar_rows(Victim).is_empty(), "the cookie expired");
    // and the session, which a MemoryStore keeps marked until read: said too
    let said = wb.announcement().text.clone();
    assert!(said.contains("The jar dropped expired cookies: connect.sid. 1 session in the store has expired: MemoryStore deletes"), "{said}");
    assert_eq!(
        ticked(&wb),
        [
            "session-made",
            "routes",
            "only-touched",
            "saved-when-written",
            "expired"
        ]
    );
    // the bar, where step 5 sends the learner, names both (it named the cookie alone), and
    // its "the store has the session" is history now
    let bar = wb.last_request().unwrap();
    assert_eq!(
        (bar.expired_since.as_slice(), bar.store_expired_since),
        (["connect.sid".to_string()].as_slice(), 1)
    );
    let text = bar.expired_since_text(Lang::Zh).unwrap();
    assert!(
        text.contains("下一个请求不会再带上。session 存储里有 1 个 session 过期了"),
        "{text}"
    );
    assert_eq!(bar.tone(), None);
    // another minute expires nothing more, and says the same of the last request
    wb.apply(Op::Act(Action::Advance(60_000)));
    assert_eq!(wb.last_request().unwrap().store_expired_since, 1);
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), "views: 1");
    let bar = wb.last_request().unwrap();
    assert_eq!(
        (bar.store_expired_since, bar.expired_since_text(Lang::En)),
        (0, None)
    );
}

#[test]
fn lesson_4_login_logout_and_a_broken_mac() {
    let mut wb = open("lesson=auth");
    // 1. Open /, type alice, press 登录: /user greets you; connect.sid in the jar.
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    assert!(body(&wb, Victim).contains("欢迎你，alice"));
    assert_eq!(wb.address_of(Victim), format!("{AUTH}/user"));
    assert!(cookie(&wb, Victim, "connect.sid").value.starts_with("s%3A"));
    // 2. Click 退出, then open /user: still alice.
    click(&mut wb, Victim, "退出");
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(body(&wb, Victim).contains("欢迎你，alice"));
    // 3. Fixed: log in, log out, open /user: back to the login page.
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    click(&mut wb, Victim, "退出");
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert_eq!(wb.address_of(Victim), format!("{AUTH}/"));
    // 4. Logged in, change the MAC's last character, open /user: the check fails. Logged
    // out (as step 3 leaves the learner), the same edit is not the step: the page is the one
    // a logged-out visit shows anyway (it ticked; newcomer review)
    let broken = |wb: &Workbench| {
        let mut v = cookie(wb, Victim, "connect.sid").value;
        let last = v.pop().unwrap();
        v.push(if last == 'A' { 'B' } else { 'A' });
        v
    };
    let v = broken(&wb);
    set_value(&mut wb, Victim, "connect.sid", &v);
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(!ticked(&wb).contains(&"bad-mac"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    let v = broken(&wb);
    set_value(&mut wb, Victim, "connect.sid", &v);
    let check = wb.server_check(Victim).unwrap();
    assert!(matches!(
        check.verdict,
        session_lab::model::anatomy::Verdict::BadMac { .. }
    ));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert_eq!(
        ticked(&wb),
        ["logged-in", "still-in", "fixed-out", "bad-mac"]
    );
    // 5. The course's curl: username=customer beside a session cookie proves nothing yet...
    submit(&mut wb, Victim, &[("username", "alice")]);
    wb.apply(Op::AddCookie(Victim, "username".into(), "customer".into()));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(body(&wb, Victim).contains("欢迎你，alice"));
    assert!(!ticked(&wb).contains(&"plain-name"));
    // ...without connect.sid the server does not read it: the fixed app sends you to log in
    wb.apply(Op::Act(Action::JarRemove {
        browser: Victim,
        name: "connect.sid".into(),
        domain: "localhost".into(),
        path: "/".into(),
    }));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert_eq!(wb.address_of(Victim), format!("{AUTH}/"));
    assert_eq!(
        ticked(&wb),
        [
            "logged-in",
            "still-in",
            "fixed-out",
            "bad-mac",
            "plain-name"
        ]
    );
}

/// Step 5 in the course's own app: checkUser is never mounted, so /user answers, greeting
/// nobody; the home-made cookie is not read.
#[test]
fn lesson_4_a_home_made_username_cookie_is_not_a_session() {
    let mut wb = open("lesson=auth");
    wb.apply(Op::AddCookie(Victim, "username".into(), "customer".into()));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let page = body(&wb, Victim);
    assert!(
        page.contains("欢迎你，") && !page.contains("customer"),
        "{page}"
    );
    assert_eq!(ticked(&wb), ["plain-name"]);
    // the bar says the server saw the cookie and nothing read it (it had said only "No
    // cookie for the server to check"), and so does the live region
    let last = wb.last_request().unwrap();
    assert!(last.nothing_checked());
    let [(0, unread)] = last.unread.as_slice() else {
        panic!("{:?}", last.unread)
    };
    assert_eq!(unread.names, ["username"]);
    let en = unread_text(Lang::En, unread);
    assert_eq!(
        en,
        "username: sent as well, but nothing on the server uses it: express-session looks at \
         connect.sid only, and the app's own code reads no cookie."
    );
    assert!(unread_text(Lang::Zh, unread).contains("express-session 只看 connect.sid"));
    assert!(
        wb.announcement().text.contains(&en),
        "{}",
        wb.announcement().text
    );
    // beside a session cookie the check comes first, and the line stays (once: the login's
    // redirect carries the cookie again)
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    let last = wb.last_request().unwrap();
    assert_eq!(last.hops.len(), 2);
    assert!(!last.nothing_checked());
    assert_eq!(
        last.lines(),
        [BarLine::Check(0), BarLine::Unread(0), BarLine::Check(1)]
    );
    assert_eq!(last.unread.len(), 1);
    // gone from the jar, gone from the bar
    wb.apply(Op::Act(Action::JarRemove {
        browser: Victim,
        name: "username".into(),
        domain: "localhost".into(),
        path: "/".into(),
    }));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(wb.last_request().unwrap().unread.is_empty());
}

/// Lesson 4's fixed app sends a logged-out learner from /user back to the login page: the
/// bar says it was checkUser, and why (it showed "GET /user 302 → GET /" under a green
/// "signature verified, and the store has the session"); so does the live region. A
/// logged-in /user, and the course's app, whose checkUser is never mounted, say nothing of it.
#[test]
fn the_bar_says_checkuser_sent_a_request_back() {
    let mut wb = open("lesson=auth&variant=fixed");
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    assert!(wb.last_request().unwrap().guarded.is_empty());
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let last = wb.last_request().unwrap();
    assert_eq!(last.hops.len(), 2, "{:?}", last.hops);
    assert_eq!(last.guarded, [0]);
    assert!(last.lines().contains(&BarLine::Guarded(0)));
    let en = t(Lang::En, Key::BannerGuarded);
    assert!(en.starts_with("checkUser sent this request back to /"));
    assert!(
        wb.announcement().text.contains(en),
        "{}",
        wb.announcement().text
    );
    // logged in again, /user passes the guard
    submit(&mut wb, Victim, &[("username", "alice")]);
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(wb.last_request().unwrap().guarded.is_empty());
    // the course's app never mounts checkUser: nothing turns /user away
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(wb.last_request().unwrap().guarded.is_empty());
}

#[test]
fn lesson_5_a_persistent_store_survives_a_restart_and_a_reload() {
    use session_lab::model::options_form::{with_field, FieldKind};
    let db = session_lab::engine::store::SharedKv::new(Box::<MemoryKv>::default());
    let mut wb = Workbench::load(
        Start {
            now: NOW,
            fragment: "lesson=store".into(),
            stored: Ok(None),
            docs_dropped: 0,
            languages: vec![],
        },
        Box::new(db.clone()),
        Box::new(|| Box::new(SeededRandom(5))),
    );
    assert_eq!(wb.variant(), Variant::Persistent);
    // 1. Log in as alice: a document in the store.
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    // 2. Restart server, open /user: still logged in.
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(body(&wb, Victim).contains("欢迎你，alice"));
    // 3. MemoryStore: log in, restart, /user: logged out.
    wb.apply(Op::SelectVariant(Variant::Memory));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(!body(&wb, Victim).contains("alice"));
    assert_eq!(ticked(&wb), ["document", "survives", "memory-loses"]);
    // 4. Persistent again, maxAge a day, log in, reload the page.
    wb.apply(Op::SelectVariant(Variant::Persistent));
    let own = session_lab::engine::server::App::AuthSeed.own_options();
    let draft = with_field(
        &wb.lab().server.options.source.clone(),
        &own,
        "cookie.maxAge",
        FieldKind::Number,
        "86400000",
    );
    let mut draft = draft;
    draft.insert("store".into(), json!("persistent"));
    wb.apply(Op::Configure(draft));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    let blob = wb.saved_blob().unwrap();
    drop(wb);
    let mut back = Workbench::load(
        Start {
            now: NOW + 9,
            fragment: String::new(),
            stored: Ok(Some(blob)),
            docs_dropped: 0,
            languages: vec![],
        },
        Box::new(db),
        Box::new(|| Box::new(SeededRandom(6))),
    );
    assert_eq!(back.lesson(), LessonId::Store);
    assert_eq!(
        ticked(&back),
        ["document", "survives", "memory-loses", "reload"]
    );
    // once the page is up it says what the reload kept and the step it completed (the page
    // had been silent), once
    back.apply(Op::SayLoaded);
    let said = back.announcement().text.clone();
    assert!(
        said.starts_with("After the reload, connect.sid is still in the jar (it has an expiry), and the store still has its session. Step 4 of 6 done."),
        "{said}"
    );
    let n = back.announcement().n;
    back.apply(Op::SayLoaded);
    assert_eq!(back.announcement().n, n, "said once");
    // and the bar, with no request yet, says what the reload kept (the browser came back
    // blank, and only the step's chip said it had worked), until another place
    assert!(back.last_request().is_none());
    assert_eq!(
        back.reload_text().as_deref(),
        Some("After the reload, connect.sid is still in the jar (it has an expiry), and the store still has its session.")
    );
    // and under it, not "No request yet", as if the lab had forgotten the requests before
    assert_eq!(back.no_request_key(), Key::BannerNoRequestReloaded);
    back.apply(Op::SelectVariant(Variant::Memory));
    assert_eq!(back.reload_text(), None);
    assert_eq!(back.no_request_key(), Key::BannerNoRequest);
}

/// A learner who acts before the page says what its load did keeps hearing their action.
#[test]
fn the_load_news_gives_way_to_a_quicker_learner() {
    let db = session_lab::engine::store::SharedKv::new(Box::<MemoryKv>::default());
    let start = |stored, now| Start {
        now,
        fragment: String::new(),
        stored,
        docs_dropped: 0,
        languages: vec![],
    };
    let mut wb = Workbench::load(
        Start {
            fragment: "lesson=store&opt.cookie.maxAge=86400000".into(),
            ..start(Ok(None), NOW)
        },
        Box::new(db.clone()),
        Box::new(|| Box::new(SeededRandom(5))),
    );
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let blob = wb.saved_blob().unwrap();
    let mut back = Workbench::load(
        start(Ok(Some(blob)), NOW + 9),
        Box::new(db),
        Box::new(|| Box::new(SeededRandom(6))),
    );
    assert!(ticked(&back).contains(&"reload"), "{:?}", ticked(&back));
    go(&mut back, Victim, &format!("{AUTH}/user"));
    let said = back.announcement().clone();
    back.apply(Op::SayLoaded);
    assert_eq!(back.announcement(), &said);
}

/// Lesson 5's reload without cookie.maxAge: the session cookie dies with the page, and the
/// bar and the live region say so (the jar came back empty without a word, the step unticked).
#[test]
fn lesson_5_a_reload_says_it_lost_a_session_cookie() {
    let db = session_lab::engine::store::SharedKv::new(Box::<MemoryKv>::default());
    let start = |fragment: &str, stored, now| Start {
        now,
        fragment: fragment.into(),
        stored,
        docs_dropped: 0,
        languages: vec![],
    };
    let mut wb = Workbench::load(
        start("lesson=store&lang=en", Ok(None), NOW),
        Box::new(db.clone()),
        Box::new(|| Box::new(SeededRandom(5))),
    );
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert!(wb
        .lab()
        .victim
        .jar
        .cookies()
        .iter()
        .any(|c| c.name == "connect.sid"));
    let blob = wb.saved_blob().unwrap();
    assert!(blob.contains(r#""ended":["connect.sid"]"#), "{blob}");
    let load = |blob: String| {
        Workbench::load(
            start("", Ok(Some(blob)), NOW + 9),
            Box::new(db.clone()),
            Box::new(|| Box::new(SeededRandom(6))),
        )
    };
    let mut back = load(blob.clone());
    assert!(back.lab().victim.jar.cookies().is_empty());
    assert!(!ticked(&back).contains(&"reload"));
    assert!(back.load_news());
    let lost = "After the reload, connect.sid is gone from the jar: it had no expiry (a \
                browser-session cookie), so it went with the page, and the server cannot find \
                its session any more. To keep it, set cookie.maxAge first, log in again, then \
                reload.";
    back.apply(Op::SayLoaded);
    assert_eq!(back.announcement().text, lost);
    assert_eq!(back.reload_text().as_deref(), Some(lost));
    // until the next place
    back.apply(Op::SelectVariant(Variant::Memory));
    assert_eq!(back.reload_text(), None);
    // nothing to say where the jar had no such cookie, or the lesson is another
    let mut other = load(blob.replace(r#""ended":["connect.sid"]"#, r#""ended":["balance"]"#));
    assert!(!other.load_news());
    other.apply(Op::SayLoaded);
    assert_eq!(other.reload_text(), None);
    // lesson 4 has no step about reloads: it says how to get a new cookie
    let mut elsewhere = load(blob.replace(r#""lesson":"store""#, r#""lesson":"auth""#));
    assert!(elsewhere.load_news());
    elsewhere.apply(Op::SayLoaded);
    assert_eq!(
        elsewhere.reload_text().as_deref(),
        Some(
            "After the reload, connect.sid is gone from the jar: the lab treats reloading its \
             page as closing the browser, and a cookie with no expiry goes with it, so you are \
             logged out. Your ticked steps stay ticked; open http://localhost:8080/ and log in \
             again for a new connect.sid, then go on."
        )
    );
}

/// A reload in the middle of lesson 1 took the balance cookie (no expiry) with it, and step
/// 3 still said to edit its jar row: the bar says why the row is gone and how to get it back,
/// in the lesson only while it has steps to do and only where the load opens it.
#[test]
fn a_reload_mid_lesson_says_how_to_get_the_lost_cookie_back() {
    let db = session_lab::engine::store::SharedKv::new(Box::<MemoryKv>::default());
    let mut wb = open("lesson=cookie&lang=en");
    for _ in 0..3 {
        go(&mut wb, Victim, "http://localhost:3000/");
    }
    assert_eq!(ticked(&wb), ["first-card", "balance-falls"]);
    let blob = wb.saved_blob().unwrap();
    assert!(blob.contains(r#""ended":["balance"]"#), "{blob}");
    let load = |blob: &str, fragment: &str| {
        Workbench::load(
            Start {
                now: NOW + 9,
                fragment: fragment.into(),
                stored: Ok(Some(blob.to_string())),
                docs_dropped: 0,
                languages: vec![],
            },
            Box::new(db.clone()),
            Box::new(|| Box::new(SeededRandom(6))),
        )
    };
    let mut back = load(&blob, "");
    assert_eq!(ticked(&back), ["first-card", "balance-falls"]);
    assert!(back.lab().victim.jar.cookies().is_empty());
    back.apply(Op::SayLoaded);
    let said = "After the reload, balance is gone from the jar: the lab treats reloading its page \
                as closing the browser, and a cookie with no expiry goes with it. Your ticked \
                steps stay ticked; open http://localhost:3000/ with Go for a new balance, then \
                go on.";
    assert_eq!(back.announcement().text, said);
    assert_eq!(back.reload_text().as_deref(), Some(said));
    // in Chinese too, with the same name and address
    back.apply(Op::SetLang(Lang::Zh));
    let zh = back.reload_text().unwrap();
    assert!(
        zh.contains("balance") && zh.contains("http://localhost:3000/") && zh.contains("刷新"),
        "{zh}"
    );
    // the first request ends it
    go(&mut back, Victim, "http://localhost:3000/");
    assert!(back
        .lab()
        .victim
        .jar
        .cookies()
        .iter()
        .any(|c| c.name == "balance"));
    // a link to another place: nothing said there of lesson 1's cookie
    let mut linked = load(&blob, "lesson=manual");
    assert!(!linked.load_news());
    linked.apply(Op::SayLoaded);
    assert_eq!(linked.reload_text(), None);
    // a lesson whose steps are all done points at no cookie: nothing to say
    let mut finished = open("lesson=cookie&lang=en");
    do_lesson_1(&mut finished);
    go(&mut finished, Victim, "http://localhost:3000/");
    let done_blob = finished.saved_blob().unwrap();
    let mut after = load(&done_blob, "");
    assert!(after.lesson_done(LessonId::Cookie));
    assert!(done_blob.contains(r#""ended":["balance"]"#), "{done_blob}");
    assert!(after.lab().victim.jar.cookies().is_empty());
    assert!(!after.load_news());
    after.apply(Op::SayLoaded);
    assert_eq!(after.reload_text(), None);
}

#[test]
fn every_quiz_can_be_answered_and_is_remembered() {
    let mut wb = open("");
    for lesson in LessonId::ALL {
        for (n, q) in lesson.quiz().iter().enumerate() {
            let wrong = (q.answer + 1) % 3;
            wb.apply(Op::Answer {
                lesson,
                question: n,
                choice: wrong,
            });
            assert_eq!(wb.answer(lesson, n), Some(wrong));
            wb.apply(Op::Answer {
                lesson,
                question: n,
                choice: q.answer,
            });
            assert_eq!(wb.answer(lesson, n), Some(q.answer));
        }
    }
    wb.apply(Op::Answer {
        lesson: LessonId::Cookie,
        question: 7,
        choice: 0,
    });
    assert_eq!(wb.answer(LessonId::Cookie, 7), None);
    let blob = wb.saved_blob().unwrap();
    let back = Workbench::load(
        Start {
            now: NOW,
            fragment: String::new(),
            stored: Ok(Some(blob)),
            docs_dropped: 0,
            languages: vec![],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(1))),
    );
    for lesson in LessonId::ALL {
        for (n, q) in lesson.quiz().iter().enumerate() {
            assert_eq!(back.answer(lesson, n), Some(q.answer));
        }
    }
}

#[test]
fn genid_is_an_option_with_generators_the_lab_runs() {
    let mut wb = open("lesson=middleware");
    wb.apply(Op::TryOption("genid".into(), json!("sequential")));
    assert!(
        wb.source_text(session_lab::i18n::Lang::En)
            .contains("String(++lastId)"),
        "{}",
        wb.source_text(session_lab::i18n::Lang::En)
    );
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(store_sids(&wb), ["1"]);
    wb.apply(Op::TryOption("genid".into(), json!("nonsense")));
    assert!(wb.lab().server.options.source.get("genid").is_none());
    assert!(wb.timeline().entries().iter().any(|e| e
        .events
        .iter()
        .any(|ev| matches!(ev, session_lab::engine::events::Event::ServerFailed { .. }))));
    assert!(
        wb.share_fragment(false).contains("genid=sequential"),
        "{}",
        wb.share_fragment(false)
    );
}

// ---- the eight challenges ------------------------------------------------------------------

/// Tamper's first stage: a card, its value raised to 9999 in the jar, sent again.
fn raise_the_plain_card(wb: &mut Workbench) {
    go(wb, Victim, "http://localhost:3000/");
    set_value(wb, Victim, "balance", "9999");
    go(wb, Victim, "http://localhost:3000/");
}

/// Tamper's second stage as its hint says: the signed app, its card's value edited from
/// `s%3A100.` to `s%3A9999.` with the MAC kept, sent again.
fn raise_the_signed_card(wb: &mut Workbench) {
    wb.apply(Op::SelectVariant(Variant::Signed));
    go(wb, Victim, "http://localhost:3000/");
    let v = cookie(wb, Victim, "balance")
        .value
        .replace("s%3A100.", "s%3A9999.");
    set_value(wb, Victim, "balance", &v);
    go(wb, Victim, "http://localhost:3000/");
}

fn challenge(id: ChallengeId) -> Workbench {
    let mut wb = open("");
    wb.apply(Op::StartChallenge(id));
    assert_eq!(wb.challenge_id(), Some(id));
    wb
}

/// Before the learner's first request, a challenge whose setup made requests says where
/// they are: "No request yet" beside the page the setup opened read as a glitch.
#[test]
fn the_bar_before_any_request_points_at_the_setups_requests() {
    assert_eq!(open("").no_request_key(), Key::BannerNoRequest);
    assert_eq!(
        challenge(ChallengeId::Tamper).no_request_key(),
        Key::BannerNoRequest
    );
    let forge = challenge(ChallengeId::Forge);
    assert!(!ChallengeId::Forge.before().is_empty());
    assert_eq!(forge.no_request_key(), Key::BannerNoRequestSetUp);
}

#[test]
fn tamper_the_intended_way() {
    let mut wb = challenge(ChallengeId::Tamper);
    raise_the_plain_card(&mut wb);
    assert!(done(&wb, "plain-believed"));
    assert!(!wb.is_solved(ChallengeId::Tamper));
    wb.apply(Op::SelectVariant(Variant::Signed));
    go(&mut wb, Victim, "http://localhost:3000/");
    // a plain value in the signed app is not a signed card: a new one, not a solve
    set_value(&mut wb, Victim, "balance", "9999");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(why(&wb), Some((Key::ChTamperFailUnsigned, Because::Failed)));
    assert!(!wb.is_solved(ChallengeId::Tamper));
    let v = cookie(&wb, Victim, "balance")
        .value
        .replace("s%3A100.", "s%3A9999.");
    set_value(&mut wb, Victim, "balance", &v);
    // the MAC the server expected is not shown: pasted over the card's, it forged 9999
    let hidden = |v: &session_lab::model::anatomy::Verdict| matches!(v, session_lab::model::anatomy::Verdict::BadMac { expected, .. } if expected == HIDDEN_MAC);
    assert!(hidden(&wb.server_check(Victim).unwrap().verdict));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.is_solved(ChallengeId::Tamper));
    // the card's box says stage 2's explanation; the solved card keeps stage 1's to read
    let progress = &wb.challenge().unwrap().progress;
    assert_eq!(progress.why, Some((Key::ChTamperWhy2, Because::Refused)));
    let kept: Vec<_> = progress
        .earlier_whys()
        .into_iter()
        .map(|(n, s)| (n, s.why, s.because()))
        .collect();
    assert_eq!(kept, [(1, Key::ChTamperWhy1, Because::Worked)]);
    let shown = format!("{:?} {:?}", wb.last_request(), wb.timeline().entries());
    assert!(shown.contains(HIDDEN_MAC), "{shown}");
    assert!(!shown.contains(&sign("9999", "zfpx")), "{shown}");
    assert!(
        wb.announcement()
            .text
            .starts_with("Challenge solved! Tamper with the balance. cookie-parser: the signature of balance is invalid, so req.signedCookies.balance is false. Response 403."),
        "{}",
        wb.announcement().text
    );
}

/// Leave pressed by mistake (it sits among the card's buttons, one Shift+Tab from the hints)
/// took every stage and hint with it. The lesson card now offers the challenge back, as it
/// was, until the learner goes to another place.
#[test]
fn a_challenge_left_can_be_opened_again_as_it_was() {
    let mut wb = challenge(ChallengeId::Tamper);
    raise_the_plain_card(&mut wb);
    wb.apply(Op::ShowHint);
    let hints = wb.challenge().unwrap().hints;
    assert!(hints > 0);
    wb.apply(Op::SelectVariant(Variant::Signed));
    wb.apply(Op::LeaveChallenge);
    assert_eq!(wb.challenge_id(), None);
    assert_eq!(wb.left_challenge().map(|c| c.id), Some(ChallengeId::Tamper));
    assert!(
        wb.announcement().text.ends_with(
            "The lab starts afresh. To go on with the challenge, press Back to the challenge on \
             the card: its stages done and hints shown are kept."
        ),
        "{}",
        wb.announcement().text
    );
    // a request in the lesson keeps the offer
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.left_challenge().is_some());

    wb.apply(Op::BackToChallenge);
    assert!(wb.left_challenge().is_none());
    assert_eq!(wb.challenge_id(), Some(ChallengeId::Tamper));
    assert_eq!(
        wb.variant(),
        Variant::Signed,
        "in the variant it was left in"
    );
    let open = wb.challenge().unwrap();
    assert!(open.progress.is_done("plain-believed"));
    assert!(!open.progress.is_done("signed-refused"));
    assert_eq!(open.hints, hints);
    assert!(
        wb.lab().browser(Victim).jar.cookies().is_empty(),
        "a fresh lab"
    );
    assert_eq!(
        wb.announcement().text,
        "Back to the challenge Tamper with the balance (Signed cookie), with the stages done \
         and the hints shown as you left them (1 of 2 stages done). The lab starts afresh."
    );
    // and it can be finished from there
    raise_the_signed_card(&mut wb);
    assert!(wb.is_solved(ChallengeId::Tamper));

    // the offer ends at the next place; with none, going back does nothing
    wb.apply(Op::LeaveChallenge);
    wb.apply(Op::SelectLesson(LessonId::Auth));
    assert!(wb.left_challenge().is_none());
    wb.apply(Op::BackToChallenge);
    assert_eq!((wb.challenge_id(), wb.lesson()), (None, LessonId::Auth));
    // nor does a Leave with no challenge open offer anything
    wb.apply(Op::LeaveChallenge);
    assert!(wb.left_challenge().is_none());

    // in Chinese
    let mut wb = challenge(ChallengeId::Tamper);
    wb.apply(Op::SetLang(Lang::Zh));
    wb.apply(Op::LeaveChallenge);
    assert!(
        wb.announcement()
            .text
            .ends_with("想接着做挑战，按卡片上的“回到挑战”：已完成的阶段和看过的提示都还在。"),
        "{}",
        wb.announcement().text
    );
    wb.apply(Op::BackToChallenge);
    assert_eq!(
        wb.announcement().text,
        "回到挑战“篡改余额”（普通 cookie）：已完成的阶段和看过的提示都还在（阶段已完成 0 / 2），实验室已重置。"
    );
}

/// On a short or narrow screen the goal folds itself away once a stage is done, unless the
/// learner chose; a roomy screen keeps it until the challenge is solved. The choice holds
/// through the next stage and across "Start again", and a new challenge starts open.
#[test]
fn the_goal_folds_after_the_first_stage_on_a_short_screen_unless_the_learner_chose() {
    let shown = |wb: &Workbench| wb.challenge().unwrap().goal_shown(false);
    let roomy = |wb: &Workbench| wb.challenge().unwrap().goal_shown(true);
    let mut wb = challenge(ChallengeId::Tamper);
    assert!(shown(&wb), "a new challenge shows its goal");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(shown(&wb), "a request that completes nothing keeps it");
    set_value(&mut wb, Victim, "balance", "9999");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(done(&wb, "plain-believed"));
    assert!(!shown(&wb), "the first stage done folds it");
    assert!(roomy(&wb), "where there is room it stays");
    wb.apply(Op::ShowGoal(false));
    assert!(!roomy(&wb), "folded by the learner, it is folded there too");
    wb.apply(Op::ShowGoal(true));
    assert!(shown(&wb));
    // the learner opened it: the next stage done leaves it open, as does a clean start
    raise_the_signed_card(&mut wb);
    assert!(wb.is_solved(ChallengeId::Tamper));
    assert!(shown(&wb));
    wb.apply(Op::Reset);
    assert!(shown(&wb));
    wb.apply(Op::ShowGoal(false));
    assert!(!shown(&wb));
    wb.apply(Op::StartChallenge(ChallengeId::Forge));
    assert!(shown(&wb), "another challenge starts with its goal");
    wb.apply(Op::LeaveChallenge);
    wb.apply(Op::ShowGoal(false)); // no challenge: nothing to fold, nothing breaks
    assert!(wb.challenge().is_none());

    // unchosen, a solve folds it on a roomy screen too (the reasons take its room); the
    // learner can open it again
    let mut wb = challenge(ChallengeId::Tamper);
    raise_the_plain_card(&mut wb);
    assert!(
        roomy(&wb),
        "a stage done, not solved: a roomy screen keeps it"
    );
    raise_the_signed_card(&mut wb);
    assert!(wb.is_solved(ChallengeId::Tamper));
    assert!(!roomy(&wb), "solved: folded");
    wb.apply(Op::ShowGoal(true));
    assert!(roomy(&wb));
}

#[test]
fn forge_sees_three_rejections_then_signs_bobs_id() {
    let mut wb = challenge(ChallengeId::Forge);
    let good = cookie(&wb, Victim, "connect.sid").value;
    let sid = anatomy(&good).unwrap().payload;
    set_value(&mut wb, Victim, "connect.sid", &sid);
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(done(&wb, "unsigned"));
    let mut bad = good.clone();
    bad.pop();
    bad.push('Q');
    set_value(&mut wb, Victim, "connect.sid", &bad);
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(done(&wb, "bad-mac"));
    set_value(
        &mut wb,
        Victim,
        "connect.sid",
        &signed("nobody-has-this-id", "zfpx"),
    );
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(done(&wb, "unknown-id"));
    assert!(!wb.is_solved(ChallengeId::Forge));
    // replaying a cookie the server issued is not a forgery, and putting it back says so (it
    // said nothing: signing alice's own id remakes her cookie)
    set_value(&mut wb, Victim, "connect.sid", &good);
    assert_eq!(why(&wb), Some((Key::ChForgeFailOwnId, Because::Failed)));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(!done(&wb, "accepted"));
    // and the request it sends, accepted with a green bar, says it again (the words went
    // with the request, and 0 of 4 stood unexplained)
    assert_eq!(why(&wb), Some((Key::ChForgeFailOwnId, Because::Failed)));
    let bob = store_sids(&wb).into_iter().find(|s| *s != sid).unwrap();
    set_value(&mut wb, Victim, "connect.sid", &signed(&bob, "zfpx"));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(wb.is_solved(ChallengeId::Forge));
    assert!(body(&wb, Victim).contains("欢迎你，bob"));
}

#[test]
fn forge_accepts_bobs_id_signed_in_the_attackers_browser() {
    // bob logged in in the attacker's browser while the challenge was set up, and its jar
    // was cleared: his id signed there by the learner is a forgery (it was taken for the
    // cookie the server had issued to that browser, accepted, and no stage ticked)
    let mut wb = challenge(ChallengeId::Forge);
    let alice = anatomy(&cookie(&wb, Victim, "connect.sid").value)
        .unwrap()
        .payload;
    let bob = store_sids(&wb).into_iter().find(|s| *s != alice).unwrap();
    wb.apply(Op::PutHeader(
        Attacker,
        format!("connect.sid={}", signed(&bob, "zfpx")),
        EditBy::Signer,
    ));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(body(&wb, Attacker).contains("欢迎你，bob"));
    assert!(done(&wb, "accepted"));
}

#[test]
fn weak_secret_brute_forced_then_forged() {
    let mut wb = challenge(ChallengeId::WeakSecret);
    assert!(wb.hide_secret());
    assert!(
        !wb.source_text(Lang::En).contains("zfpx"),
        "the code hides the secret"
    );
    assert!(!wb.source_text(Lang::Zh).contains("zfpx"), "in Chinese too");
    assert_eq!(wb.server_check(Victim).unwrap().secrets, None);
    let card = cookie(&wb, Victim, "balance").value;
    let target = bruteforce::Target::from_cookie(&card).unwrap();
    let secret = bruteforce::search(&target, 0, bruteforce::total()).unwrap();
    assert_eq!(secret, "zfpx");
    wb.apply(Op::SecretFound(secret.clone()));
    assert!(done(&wb, "recovered"));
    // the 100 held, signed with the secret and put in: the very card the server gave, which
    // it accepts; said at the put and again under the request's green bar (a reviewer was
    // left with stage 2 open and no reason)
    assert_eq!(signed("100", &secret), card);
    wb.apply(Op::PutHeader(
        Victim,
        format!("balance={}", signed("100", &secret)),
        EditBy::Signer,
    ));
    assert_eq!(why(&wb), Some((Key::ChWeakFailOwnCard, Because::Failed)));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}90"));
    assert!(!done(&wb, "forged"));
    assert_eq!(why(&wb), Some((Key::ChWeakFailOwnCard, Because::Failed)));
    // a guess with the wrong key fails
    set_value(&mut wb, Victim, "balance", &signed("5000", "guess"));
    // and nothing on the page shows the MAC the server expected: it would sign the forgery
    // without the secret (the jar's verdict, the last request's banner, the timeline)
    let real = sign("5000", "zfpx");
    let real_mac = real.rsplit_once('.').unwrap().1;
    let hidden = |v: &session_lab::model::anatomy::Verdict| matches!(v, session_lab::model::anatomy::Verdict::BadMac { expected, .. } if expected == HIDDEN_MAC);
    assert!(hidden(&wb.server_check(Victim).unwrap().verdict));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(why(&wb), Some((Key::ChWeakFailMac, Because::Failed)));
    let shown = format!("{:?} {:?}", wb.last_request(), wb.timeline().entries());
    assert!(shown.contains(HIDDEN_MAC), "{shown}");
    assert!(!shown.contains(real_mac), "the expected MAC shows: {shown}");
    set_value(&mut wb, Victim, "balance", &signed("5000", &secret));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.is_solved(ChallengeId::WeakSecret));
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}4990"));
}

#[test]
fn hijack_by_sniffing_then_both_channels_fail() {
    let mut wb = challenge(ChallengeId::Hijack);
    assert!(wb.attacker());
    // the attacker's address bar starts where the goal sends it
    assert_eq!(wb.address_of(Attacker), format!("{AUTH}/user"));
    // the sniffer saw the victim's cookie on plain http
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let stolen = wb.lab().loot.last().unwrap().clone();
    // the haul says how and when
    assert_eq!(stolen.via, Via::Sniffer);
    assert_eq!(stolen.at, wb.lab().now);
    let stolen = stolen.cookies;
    let mut n = Navigate::typed(Attacker, &format!("{AUTH}/user"));
    n.cookie_override = Some(stolen);
    wb.apply(Op::Act(Action::Navigate(n)));
    assert!(done(&wb, "stolen"));
    // the first hint asked for now is the one about what is left: hints 1 and 2 are about
    // stealing, done without them (they are shown folded, with the earlier hints)
    assert_eq!(wb.challenge().unwrap().next_hint(), Some(3));
    wb.apply(Op::ShowHint);
    assert_eq!(wb.challenge().unwrap().hints, 3);
    assert!(
        wb.announcement().text.starts_with(
            "Hint 3: Once the attacker's browser has shown alice's page, set cookie.httpOnly"
        ),
        "{}",
        wb.announcement().text
    );
    assert_eq!(wb.challenge().unwrap().next_hint(), None);
    // XSS also works while httpOnly is false
    assert_eq!(wb.last_script_read(), None);
    wb.apply(Op::Act(Action::RunScript(Victim, Script::ReadCookies)));
    let read = wb.last_script_read().unwrap();
    assert!(read.text.contains("connect.sid=s%3A"), "{}", read.text);
    assert_eq!(read.tone, session_lab::model::explain::Tone::Bad);
    let first_read = Some(read.entry);
    assert!(wb
        .lab()
        .loot
        .last()
        .unwrap()
        .cookies
        .contains("connect.sid="));
    // the same cookie stolen twice (the sniffer, then XSS) is in the haul once, as XSS's
    assert_eq!(wb.lab().loot.last().unwrap().via, Via::Xss);
    let haul: Vec<String> = wb.lab().loot.iter().map(|l| l.cookies.clone()).collect();
    let mut once = haul.clone();
    once.dedup();
    once.sort();
    once.dedup();
    assert_eq!(once.len(), haul.len(), "{haul:?}");
    assert_eq!(haul.len(), 1, "{haul:?}");
    assert_eq!(why(&wb), Some((Key::ChHijackXssStole, Because::Noted)));
    // turn on HttpOnly and Secure, log in again over https
    wb.apply(Op::Configure(options(
        &wb,
        json!({"cookie": {"httpOnly": true, "secure": true}}),
    )));
    // before the new login the jar's cookie is the old one, without HttpOnly: XSS still
    // reads it, and the card says why
    wb.apply(Op::Act(Action::RunScript(Victim, Script::ReadCookies)));
    assert!(!done(&wb, "http-only"));
    assert_eq!(why(&wb), Some((Key::ChHijackXssOldCookie, Because::Noted)));
    go(
        &mut wb,
        Victim,
        "https://localhost:8080/login?username=alice",
    );
    // over https the sniffer reads nothing whether or not the cookie is Secure: that is TLS,
    // and the stage waits for plain http (it ticked at the https login, before the sniffer
    // had anything to show)
    assert!(!done(&wb, "secure"));
    assert_eq!(why(&wb), Some((Key::ChHijackNoteTls, Because::Noted)));
    wb.apply(Op::Act(Action::RunScript(Victim, Script::ReadCookies)));
    assert!(done(&wb, "http-only"));
    // the tool says what the read returned, as the timeline does: nothing this time (the
    // loot still lists the earlier catch)
    use session_lab::model::explain::Tone;
    let read = wb.last_script_read().unwrap();
    assert_eq!((read.at, read.tone), (wb.lab().now, Tone::Good));
    let text = read.text;
    assert!(
        text.contains("(empty)") && text.contains("HttpOnly") && text.contains("connect.sid"),
        "{text}"
    );
    assert_ne!(Some(read.entry), first_read, "a read of its own");
    assert!(!wb.lab().loot.is_empty());
    go(&mut wb, Victim, "http://localhost:8080/user");
    assert!(done(&wb, "secure"));
    assert!(wb.is_solved(ChallengeId::Hijack));
    // once done, an https request does not bring the TLS note back over the solved card
    go(&mut wb, Victim, "https://localhost:8080/user");
    assert_ne!(why(&wb).map(|w| w.0), Some(Key::ChHijackNoteTls));
}

/// HttpOnly and Secure ticked by hand in the victim's jar protect that one browser: the
/// stages wait for the server to set them (a walkthrough solved the challenge without the
/// server changing, as CSRF already refuses for a SameSite chosen by hand).
#[test]
fn hijack_does_not_count_flags_ticked_by_hand_in_the_jar() {
    let mut wb = challenge(ChallengeId::Hijack);
    edit(
        &mut wb,
        Victim,
        "connect.sid",
        CookieField::HttpOnly,
        "true",
    );
    wb.apply(Op::Act(Action::RunScript(Victim, Script::ReadCookies)));
    assert!(!done(&wb, "http-only"));
    assert_eq!(why(&wb), Some((Key::ChHijackFailJarEdit, Because::Failed)));
    edit(&mut wb, Victim, "connect.sid", CookieField::Secure, "true");
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(!done(&wb, "secure"));
    assert_eq!(why(&wb), Some((Key::ChHijackFailJarEdit, Because::Failed)));
    assert!(!wb.is_solved(ChallengeId::Hijack));
}

/// Stages that ticked for the wrong deed (a helper's walkthrough): each now stays open and
/// says what the learner did instead.
#[test]
fn hijack_does_not_count_the_attacker_logging_in_as_alice() {
    let mut wb = challenge(ChallengeId::Hijack);
    go(&mut wb, Attacker, &format!("{AUTH}/login?username=alice"));
    assert!(
        body(&wb, Attacker).contains("alice"),
        "the course's login takes any name"
    );
    assert!(!done(&wb, "stolen"));
    assert_eq!(why(&wb), Some((Key::ChHijackFailOwnLogin, Because::Failed)));
}

#[test]
fn hijack_says_why_a_secure_login_over_http_changed_nothing() {
    let mut wb = challenge(ChallengeId::Hijack);
    wb.apply(Op::Configure(options(
        &wb,
        json!({"cookie": {"httpOnly": true, "secure": true}}),
    )));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert_eq!(
        why(&wb),
        Some((Key::ChHijackFailHttpLogin, Because::Failed))
    );
    go(
        &mut wb,
        Victim,
        "https://localhost:8080/login?username=alice",
    );
    assert!(cookie(&wb, Victim, "connect.sid").secure);
}

#[test]
fn logout_does_not_count_a_login_after_the_logout() {
    let mut wb = challenge(ChallengeId::Logout);
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert!(
        !done(&wb, "still-logged-in"),
        "the redirect to /user after a new login"
    );
    assert_eq!(why(&wb), Some((Key::ChLogoutFailRelogin, Because::Failed)));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(!done(&wb, "still-logged-in"));
    // a second logout, then /user straight away, is the course's bug
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(done(&wb, "still-logged-in"));
}

#[test]
fn csrf_does_not_count_a_same_site_chosen_by_hand_in_the_jar() {
    let mut wb = challenge(ChallengeId::Csrf);
    edit(
        &mut wb,
        Victim,
        "connect.sid",
        CookieField::SameSite,
        "Strict",
    );
    assert_eq!(
        cookie(&wb, Victim, "connect.sid").same_site,
        session_lab::engine::jar::SameSite::Strict
    );
    go(&mut wb, Victim, "http://evil.example/");
    assert!(!done(&wb, "same-site-set"));
    assert_eq!(why(&wb), Some((Key::ChCsrfFailJarEdit, Because::Failed)));
    // the server's own Set-Cookie is the defence
    wb.apply(Op::Configure(options(
        &wb,
        json!({"cookie": {"sameSite": "lax"}}),
    )));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Victim, "http://evil.example/");
    assert!(done(&wb, "same-site-set"));
}

#[test]
fn csrf_names_the_refused_cookie_when_same_site_none_has_no_secure() {
    let mut wb = challenge(ChallengeId::Csrf);
    wb.apply(Op::Configure(options(
        &wb,
        json!({"cookie": {"sameSite": "none"}}),
    )));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Victim, "http://evil.example/");
    assert_eq!(
        why(&wb),
        Some((Key::ChCsrfFailNoneRefused, Because::Failed))
    );
}

#[test]
fn weak_secret_a_copied_card_is_a_replay_not_a_forgery() {
    // the victim's signed card put in the attacker's jar by hand is accepted by the server,
    // and ticked "forged" with no secret recovered (a reviewer's solve)
    let mut wb = challenge(ChallengeId::WeakSecret);
    let card = cookie(&wb, Victim, "balance");
    wb.apply(Op::Act(Action::JarPut(Attacker, card.clone())));
    go(&mut wb, Attacker, "http://localhost:3000/");
    assert_eq!(body(&wb, Attacker), format!("{WELCOME_BACK}90"));
    assert!(!done(&wb, "forged"));
    assert!(!wb.is_solved(ChallengeId::WeakSecret));
    assert_eq!(why(&wb), Some((Key::ChWeakFailReplayed, Because::Failed)));
    // a balance of its own, signed with the secret, in the same jar: forged
    set_value(&mut wb, Attacker, "balance", &signed("5000", "zfpx"));
    go(&mut wb, Attacker, "http://localhost:3000/");
    assert!(wb.is_solved(ChallengeId::WeakSecret));
}

#[test]
fn weak_secret_counts_only_the_servers_secret() {
    let mut wb = challenge(ChallengeId::WeakSecret);
    // the learner signed a cookie with "abc" and gave that to the brute-forcer
    wb.apply(Op::SecretFound("abc".into()));
    assert!(!done(&wb, "recovered"));
    assert_eq!(why(&wb), Some((Key::ChWeakFailNotServers, Because::Failed)));
    wb.apply(Op::SecretFound("zfpx".into()));
    assert!(done(&wb, "recovered"));
}

#[test]
fn fixation_works_on_the_seed_and_fails_on_the_fixed_app() {
    let mut wb = challenge(ChallengeId::Fixation);
    // a login before any plant: the card says what comes first (it had said nothing)
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert_eq!(why(&wb), Some((Key::ChFixFailNoPlant, Because::Failed)));
    assert!(!done(&wb, "rode-session"));
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    // she keeps a connect.sid of her own: the plant below replaces it, and still counts as one
    let planted = cookie(&wb, Attacker, "connect.sid");
    wb.apply(Op::ShowJar(Attacker));
    assert_eq!(wb.last_plant(), None);
    wb.apply(Op::Act(Action::JarPut(Victim, planted)));
    // the attacker's jar, on screen, says the plant went (the victim's is not shown)
    assert_eq!(wb.last_plant(), Some("connect.sid"));
    // and so does the live region (it had read "Changed by hand in connect.sid: Value now …")
    assert_eq!(
        wb.announcement().text,
        "connect.sid is now in the victim's jar."
    );
    // and only until the next thing happens
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert_eq!(wb.last_plant(), None);
    let planted = cookie(&wb, Attacker, "connect.sid");
    wb.apply(Op::Act(Action::JarPut(Victim, planted)));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    // the "plant first" of the login before gives way to what is next
    assert_eq!(why(&wb), Some((Key::ChFixNotePlanted, Because::Noted)));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(done(&wb, "rode-session"));
    assert!(why(&wb).is_some());
    wb.apply(Op::SelectVariant(Variant::Fixed));
    assert!(
        done(&wb, "rode-session"),
        "progress survives a variant switch"
    );
    // but not the course app's "why it worked", under a stage the fixed app has to show
    assert_eq!(why(&wb), None);
    go(&mut wb, Attacker, &format!("{AUTH}/"));
    let planted = cookie(&wb, Attacker, "connect.sid");
    wb.apply(Op::Act(Action::JarPut(Victim, planted)));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    // the login replaced the planted id, but nothing has been refused yet: the card says to
    // try it (it had said "solved" and "why it was refused" here)
    assert!(!wb.is_solved(ChallengeId::Fixation));
    assert_eq!(why(&wb), Some((Key::ChFixNoteReplaced, Because::Noted)));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(!body(&wb, Attacker).contains("alice"));
    assert!(done(&wb, "regenerated"));
    assert!(wb.is_solved(ChallengeId::Fixation));
    assert_eq!(why(&wb), Some((Key::ChFixWhy2, Because::Refused)));
    // tried again: the fix holds
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert_eq!(why(&wb), Some((Key::ChFixFailFixed, Because::Refused)));
}

/// A login with the username box empty names nobody: the card says so, in both apps, and
/// neither stage counts it (it had said "alice logged in with the planted id", and the fixed
/// app's regenerate at that login solved the challenge: keyboard review).
#[test]
fn fixation_a_login_without_a_name_is_no_login_of_alice() {
    let mut wb = challenge(ChallengeId::Fixation);
    let planted = cookie(&wb, Attacker, "connect.sid");
    wb.apply(Op::Act(Action::JarPut(Victim, planted.clone())));
    go(&mut wb, Victim, &format!("{AUTH}/login?username="));
    assert_eq!(why(&wb), Some((Key::ChFixFailNoName, Because::Failed)));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(!done(&wb, "rode-session"));
    // the planted id is still hers: a login as alice then counts
    assert_eq!(cookie(&wb, Victim, "connect.sid").value, planted.value);
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert_eq!(why(&wb), Some((Key::ChFixNotePlanted, Because::Noted)));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(done(&wb, "rode-session"));

    // the fixed app: the nameless login regenerates, and the card says to plant again
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Attacker, &format!("{AUTH}/"));
    let planted = cookie(&wb, Attacker, "connect.sid");
    wb.apply(Op::Act(Action::JarPut(Victim, planted)));
    go(&mut wb, Victim, &format!("{AUTH}/login"));
    assert_eq!(
        why(&wb),
        Some((Key::ChFixFailNoNameReplaced, Because::Failed))
    );
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(!done(&wb, "regenerated"));
    assert!(!wb.is_solved(ChallengeId::Fixation));
}

#[test]
fn fixation_xss_write_says_what_the_jar_did_under_the_tool() {
    use session_lab::model::explain::Tone;
    let mut wb = challenge(ChallengeId::Fixation);
    let planted = cookie(&wb, Attacker, "connect.sid");
    let text = format!("connect.sid={}; Path=/", planted.value);
    let write = |wb: &mut Workbench| {
        wb.apply(Op::Act(Action::RunScript(
            Victim,
            Script::WriteCookie(text.clone()),
        )))
    };
    // no page in the victim's browser: nowhere to run, said under the tool's Run
    assert_eq!(wb.last_script_write(), None);
    write(&mut wb);
    let said = wb.last_script_write().unwrap();
    assert!(said.text.contains("no page"), "{}", said.text);
    assert_eq!(said.tone, Tone::Info);
    // a read is not a write: the steal button's line stays empty
    assert_eq!(wb.last_script_read(), None);
    // on her page, with her own HttpOnly connect.sid: the jar refuses, and the card says to
    // plant it from the attacker's jar
    go(&mut wb, Victim, &format!("{AUTH}/"));
    write(&mut wb);
    let said = wb.last_script_write().unwrap();
    assert!(said.text.contains("HttpOnly"), "{}", said.text);
    assert_eq!(said.tone, Tone::Good);
    assert_eq!(said.at, wb.lab().now);
    assert_eq!(why(&wb), Some((Key::ChFixFailXssHttpOnly, Because::Failed)));
    assert_ne!(cookie(&wb, Victim, "connect.sid").value, planted.value);
    // with her jar emptied the script's cookie is taken, and it is a plant like any other
    wb.apply(Op::Act(Action::JarClear(Victim)));
    write(&mut wb);
    assert_eq!(wb.last_script_write().unwrap().tone, Tone::Warn);
    assert_eq!(cookie(&wb, Victim, "connect.sid").value, planted.value);
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert_eq!(why(&wb), Some((Key::ChFixNotePlanted, Because::Noted)));
    // a read afterwards has its own line; the write's stays
    wb.apply(Op::Act(Action::RunScript(Victim, Script::ReadCookies)));
    assert!(wb.last_script_read().is_some());
    assert_eq!(wb.last_script_write().unwrap().tone, Tone::Warn);
}

#[test]
fn fixation_fixed_counts_only_the_planted_id_tried_after_the_login() {
    let mut wb = challenge(ChallengeId::Fixation);
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Attacker, &format!("{AUTH}/"));
    // the attacker opening /user before alice's login is no refusal of anything
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(!done(&wb, "regenerated"));
    let planted = cookie(&wb, Attacker, "connect.sid");
    let planted_value = planted.value.clone();
    wb.apply(Op::Act(Action::JarPut(Victim, planted)));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert!(!done(&wb, "regenerated"));
    // the attacker with an id of its own, not the planted one, does not count either
    wb.apply(Op::Act(Action::JarClear(Attacker)));
    go(&mut wb, Attacker, &format!("{AUTH}/"));
    assert_ne!(cookie(&wb, Attacker, "connect.sid").value, planted_value);
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(!done(&wb, "regenerated"), "a new id, not the planted one");
    // and the card says how to go on: plant the id it holds now (it had said "the attacker's
    // id is worth nothing", which read as done, and only Start again led out)
    assert_eq!(why(&wb), Some((Key::ChFixFailLostPlant, Because::Failed)));
    let planted = cookie(&wb, Attacker, "connect.sid");
    wb.apply(Op::Act(Action::JarPut(Victim, planted)));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(done(&wb, "regenerated"));
}

/// The planted id tried on any page after the fixed login counts: a reviewer pressed Go on the
/// attacker's `/` (its address bar's) before /user, the server answered the dead id with a new
/// session, and the stage could no longer be done.
#[test]
fn fixation_fixed_counts_the_planted_id_tried_on_any_page() {
    let mut wb = challenge(ChallengeId::Fixation);
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Attacker, &format!("{AUTH}/"));
    let planted = cookie(&wb, Attacker, "connect.sid");
    wb.apply(Op::Act(Action::JarPut(Victim, planted)));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    wb.apply(Op::Go(Attacker));
    assert_eq!(last_exchange(&wb).url.path, "/");
    assert!(done(&wb, "regenerated"));
    assert_eq!(why(&wb), Some((Key::ChFixWhy2, Because::Refused)));
}

/// A solved card offers the next challenge not solved yet, in the page's order; none before
/// the solve.
#[test]
fn a_solved_challenge_offers_the_next_one_not_solved() {
    let mut wb = challenge(ChallengeId::Logout);
    assert_eq!(
        wb.next_challenge(),
        None,
        "nothing offered before the solve"
    );
    solve_logout(&mut wb);
    assert!(wb.is_solved(ChallengeId::Logout));
    assert_eq!(wb.next_challenge(), Some(ChallengeId::Rotation));
    // the one before it, solved: the solved logout is passed by
    wb.apply(Op::StartChallenge(ChallengeId::Predictable));
    assert_eq!(wb.next_challenge(), None);
    set_value(&mut wb, Attacker, "session.id", "1");
    go(&mut wb, Attacker, "http://localhost:9090/");
    assert!(wb.is_solved(ChallengeId::Predictable));
    assert_eq!(wb.next_challenge(), Some(ChallengeId::Rotation));
}

#[test]
fn predictable_ids_guess_the_neighbour() {
    let mut wb = challenge(ChallengeId::Predictable);
    assert!(wb.source_text(Lang::En).contains("String(++lastCard)"));
    assert_eq!(cookie(&wb, Attacker, "session.id").value, "2");
    set_value(&mut wb, Attacker, "session.id", "7");
    go(&mut wb, Attacker, "http://localhost:9090/");
    assert_eq!(why(&wb), Some((Key::ChPredFailMiss, Because::Failed)));
    assert!(!wb.is_solved(ChallengeId::Predictable));
    // the miss gave the attacker card 3; card 2, its own earlier one, is no guess, and the
    // card says so (it said nothing: a reviewer was left wondering)
    assert_eq!(cookie(&wb, Attacker, "session.id").value, "3");
    set_value(&mut wb, Attacker, "session.id", "2");
    go(&mut wb, Attacker, "http://localhost:9090/");
    assert_eq!(why(&wb), Some((Key::ChPredFailOwn, Because::Failed)));
    assert!(!wb.is_solved(ChallengeId::Predictable));
    set_value(&mut wb, Attacker, "session.id", "1");
    go(&mut wb, Attacker, "http://localhost:9090/");
    assert!(wb.is_solved(ChallengeId::Predictable));
    assert_eq!(body(&wb, Attacker), format!("{WELCOME_BACK}80"));
    // the other way round counts too: the learner's browser guessing the attacker's card
    // (a walkthrough did this and got neither credit nor a word)
    let mut wb = challenge(ChallengeId::Predictable);
    set_value(&mut wb, Victim, "session.id", "2");
    go(&mut wb, Victim, "http://localhost:9090/");
    assert!(wb.is_solved(ChallengeId::Predictable));
    // but its own card is no guess
    let mut wb = challenge(ChallengeId::Predictable);
    go(&mut wb, Victim, "http://localhost:9090/");
    assert!(!wb.is_solved(ChallengeId::Predictable));
    // nor a stolen one: the XSS read the victim's card, the attacker spends it (the goal says
    // no stealing; a reviewer was told the guess had worked)
    let spends_card_1 = |before: &dyn Fn(&mut Workbench)| {
        let mut wb = challenge(ChallengeId::Predictable);
        before(&mut wb);
        assert!(wb
            .lab()
            .loot
            .iter()
            .any(|l| l.cookies.contains("session.id=1")));
        set_value(&mut wb, Attacker, "session.id", "1");
        go(&mut wb, Attacker, "http://localhost:9090/");
        wb
    };
    let wb = spends_card_1(&|wb| {
        wb.apply(Op::Act(Action::RunScript(Victim, Script::ReadCookies)));
    });
    assert_eq!(why(&wb), Some((Key::ChPredFailStolen, Because::Failed)));
    assert!(!wb.is_solved(ChallengeId::Predictable));
    // the sniffer hears the victim's plain-http visits by itself: a guess after one still counts
    let wb = spends_card_1(&|wb| go(wb, Victim, "http://localhost:9090/"));
    assert!(wb.is_solved(ChallengeId::Predictable));
}

#[test]
fn logout_that_does_not_then_one_that_does() {
    let mut wb = challenge(ChallengeId::Logout);
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(done(&wb, "still-logged-in"));
    assert!(!wb.is_solved(ChallengeId::Logout));
    solve_logout(&mut wb);
    assert!(wb.is_solved(ChallengeId::Logout));
}

/// Logout solved as its hints lead: the seed's logout leaves /user open; the fixed one ends
/// the session, and the old cookie sent back after it is refused.
fn solve_logout(wb: &mut Workbench) {
    go(wb, Victim, &format!("{AUTH}/logout"));
    go(wb, Victim, &format!("{AUTH}/user"));
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(wb, Victim, &format!("{AUTH}/login?username=alice"));
    let before = cookie(wb, Victim, "connect.sid").pair();
    go(wb, Victim, &format!("{AUTH}/logout"));
    let mut n = Navigate::typed(Victim, &format!("{AUTH}/user"));
    n.cookie_override = Some(before);
    wb.apply(Op::Act(Action::Navigate(n)));
}

/// Hint 3's route: the old value copied from the jar, put back with Add cookie after the
/// fixed logout (the hint sent learners through a raw request instead).
#[test]
fn logout_fixed_replayed_by_adding_the_old_cookie_back() {
    let mut wb = challenge(ChallengeId::Logout);
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let old = cookie(&wb, Victim, "connect.sid").value.clone();
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    // the redirect to / after it gave a new session its cookie: Add cookie replaces it
    assert_ne!(cookie(&wb, Victim, "connect.sid").value, old);
    wb.apply(Op::AddCookie(Victim, "connect.sid".into(), old.clone()));
    assert_eq!(cookie(&wb, Victim, "connect.sid").value, old);
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(done(&wb, "replay-fails"), "{:?}", why(&wb));
}

#[test]
fn rotation_alone_logs_out_with_the_old_one_survives() {
    let mut wb = challenge(ChallengeId::Rotation);
    wb.apply(Op::Configure(options(&wb, json!({"secret": "new-secret"}))));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(done(&wb, "old-rejected"));
    assert!(!wb.is_solved(ChallengeId::Rotation));
    wb.apply(Op::Configure(options(
        &wb,
        json!({"secret": ["new-secret", "zfpx"]}),
    )));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(wb.is_solved(ChallengeId::Rotation));
    assert!(body(&wb, Victim).contains("欢迎你，alice"));
}

/// The rotation challenge's bar stayed red ("the MAC does not match") once `[new, old]` was
/// applied: the check was the old options', and nothing said so.
#[test]
fn the_last_request_bar_is_history_once_new_options_restart_the_server() {
    use session_lab::model::explain::Tone;
    let mut wb = challenge(ChallengeId::Rotation);
    wb.apply(Op::Configure(options(&wb, json!({"secret": "new-secret"}))));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let last = wb.last_request().unwrap();
    assert_eq!(last.tone(), Some(Tone::Bad));
    assert!(!last.reconfigured_since);
    wb.apply(Op::Configure(options(
        &wb,
        json!({"secret": ["new-secret", "zfpx"]}),
    )));
    let last = wb.last_request().unwrap();
    assert!(last.reconfigured_since);
    assert!(last.is_history());
    assert_eq!(last.tone(), None);
    // the next request is checked with the new options
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let last = wb.last_request().unwrap();
    assert!(!last.reconfigured_since);
    assert_eq!(last.tone(), Some(Tone::Good));
    // a restart that changes nothing leaves the verdict standing (the store is persistent)
    wb.apply(Op::Act(Action::RestartServer));
    assert_eq!(wb.last_request().unwrap().tone(), Some(Tone::Good));
    // nor do options applied unchanged
    wb.apply(Op::Configure(options(
        &wb,
        json!({"secret": ["new-secret", "zfpx"]}),
    )));
    assert!(!wb.last_request().unwrap().reconfigured_since);
}

/// The right idea in the wrong order, and a tampered balance that the visit's 10 took back:
/// neither is a stage, and each now says why instead of nothing.
#[test]
fn near_misses_say_what_was_missing() {
    let mut wb = challenge(ChallengeId::Rotation);
    wb.apply(Op::Configure(options(
        &wb,
        json!({"secret": ["zfpx", "new-secret"]}),
    )));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(body(&wb, Victim).contains("欢迎你，alice"));
    assert!(!done(&wb, "old-accepted"));
    assert_eq!(why(&wb), Some((Key::ChRotFailOldFirst, Because::Failed)));

    let mut wb = challenge(ChallengeId::Tamper);
    go(&mut wb, Victim, "http://localhost:3000/");
    set_value(&mut wb, Victim, "balance", "105");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}95"));
    assert!(!done(&wb, "plain-believed"));
    assert_eq!(why(&wb), Some((Key::ChTamperFailLow, Because::Failed)));
    // 50: never above 100 as written, the visit's 10 not to blame (it had been told so)
    set_value(&mut wb, Victim, "balance", "50");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}40"));
    assert_eq!(why(&wb), Some((Key::ChTamperFailNotAbove, Because::Failed)));
    // 110 exactly: the visit's 10 took it to 100
    set_value(&mut wb, Victim, "balance", "110");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(why(&wb), Some((Key::ChTamperFailLow, Because::Failed)));
    // a balance that is not all digits: Number() makes it NaN, and the card says so (it had
    // said "write more than 110" to a learner who wrote 9999元)
    let mut wb = challenge(ChallengeId::Tamper);
    go(&mut wb, Victim, "http://localhost:3000/");
    set_value(&mut wb, Victim, "balance", "9999元");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}NaN"));
    assert!(!done(&wb, "plain-believed"));
    assert_eq!(why(&wb), Some((Key::ChTamperFailNaN, Because::Failed)));
    // ordinary visits say nothing
    let mut wb = challenge(ChallengeId::Tamper);
    go(&mut wb, Victim, "http://localhost:3000/");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(why(&wb), None);
}

/// The prize email is the CSRF challenge's (and free play's with the attacker shown): in the
/// other attacker challenges it only distracted.
#[test]
fn the_inbox_shows_where_the_attackers_site_is_the_point() {
    assert!(challenge(ChallengeId::Csrf).inbox());
    for id in [
        ChallengeId::Forge,
        ChallengeId::WeakSecret,
        ChallengeId::Hijack,
        ChallengeId::Fixation,
        ChallengeId::Predictable,
    ] {
        let wb = challenge(id);
        assert!(wb.attacker() && wb.attacker_site(), "{id:?}");
        assert!(!wb.inbox(), "{id:?}");
    }
    let mut wb = open("lesson=auth");
    assert!(!wb.inbox());
    wb.apply(Op::ToggleAttacker);
    assert!(wb.inbox());
}

/// Where a goal speaks of the victim, the learner's window says it is the victim's; the
/// attacker's window, the lessons and the other challenges keep their names.
#[test]
fn the_learners_window_plays_the_victim_where_the_goal_names_one() {
    for id in ChallengeId::ALL {
        let wb = challenge(id);
        let victim = matches!(
            id,
            ChallengeId::Hijack
                | ChallengeId::Fixation
                | ChallengeId::Csrf
                | ChallengeId::Predictable
        );
        // and the jar pane starts on the jar the goal names: the attacker's, in predictable
        // ids ("You are the attacker (its browser and its jar)")
        let jar = if id == ChallengeId::Predictable {
            Attacker
        } else {
            Victim
        };
        assert_eq!(wb.jar_owner(), jar, "{id:?}");
        let want = if victim {
            "Your browser, playing the victim"
        } else {
            "Your browser"
        };
        assert_eq!(wb.window_name(Victim), want, "{id:?}");
        assert_eq!(wb.window_name(Attacker), "The attacker's browser", "{id:?}");
    }
    let mut wb = challenge(ChallengeId::Hijack);
    wb.apply(Op::SetLang(Lang::Zh));
    assert_eq!(wb.window_name(Victim), "你的浏览器（扮演受害者）");
    let wb = open("lesson=auth");
    assert_eq!(wb.window_name(Victim), "Your browser");
}

#[test]
fn nothing_is_solved_by_ordinary_browsing() {
    for id in ChallengeId::ALL {
        let mut wb = challenge(id);
        for url in [
            format!("{AUTH}/"),
            format!("{AUTH}/user"),
            "http://localhost:3000/".into(),
            "http://localhost:9090/".into(),
        ] {
            go(&mut wb, Victim, &url);
            go(&mut wb, Attacker, &url);
        }
        wb.apply(Op::Act(Action::RestartServer));
        wb.apply(Op::Act(Action::Advance(86_400_000)));
        assert!(!wb.is_solved(id), "{id:?} solved by ordinary browsing");
    }
}

// ---- what the page does around the lab -----------------------------------------------------

use session_lab::model::workbench::{HostProblem, NoticeMsg, Outgoing, Pane, StorageStatus};

#[test]
fn saving_follows_what_is_kept_not_every_keystroke() {
    let mut wb = open("lesson=middleware");
    let first = wb.saved_blob().unwrap();
    for text in ["h", "ht", "http://localhost:3000/pe"] {
        wb.apply(Op::Type(Victim, text.into()));
        assert_eq!(
            wb.saved_blob().unwrap(),
            first,
            "typing {text:?} changes nothing saved"
        );
    }
    wb.apply(Op::ToggleDecoded);
    wb.apply(Op::SetTab(Pane::Jar));
    assert_eq!(wb.saved_blob().unwrap(), first);
    wb.apply(Op::Act(Action::Advance(60_000)));
    let later = wb.saved_blob().unwrap();
    assert_ne!(later, first, "the clock is kept");
    wb.apply(Op::SetLang(session_lab::i18n::Lang::Zh));
    assert_ne!(wb.saved_blob().unwrap(), later, "a chosen language is kept");
    // quota: one notice, and it stays one
    wb.apply(Op::Saved(StorageStatus::Full));
    wb.apply(Op::Saved(StorageStatus::Full));
    assert_eq!(
        wb.notices()
            .iter()
            .filter(|n| n.1 == NoticeMsg::Quota)
            .count(),
        1
    );
}

#[test]
fn an_embed_and_a_scenario_save_nothing() {
    let wb = open("embed=1&lesson=auth");
    assert!(wb.embed());
    assert_eq!(wb.saved_blob(), None);
    let mut wb = open("lesson=auth");
    let scenario = std::fs::read_to_string("tests/scenarios/auth-seed-login-flow.json").unwrap();
    wb.apply(Op::LoadScenario(scenario));
    assert!(wb.scenario().is_some());
    assert_eq!(wb.saved_blob(), None);
    wb.apply(Op::ScenarioPlayAll);
    let run = wb.scenario().unwrap();
    assert_eq!(run.results.len(), run.steps.len());
    let fixture = std::fs::read_to_string("tests/fixtures/auth-seed-login-flow.json").unwrap();
    assert_eq!(
        run.trace_text(),
        fixture,
        "the page plays the same trace as the real packages"
    );
    wb.apply(Op::LeaveScenario);
    assert!(wb.saved_blob().is_some());
}

#[test]
fn closing_a_scenario_goes_back_to_the_lesson_it_was_opened_from_and_says_so() {
    // lesson 4's fixed variant; the library's lesson 3 scenario runs lesson 3's app
    let mut wb = open("lesson=auth&variant=fixed");
    let (_, text) = session_lab::model::library::LIBRARY
        .iter()
        .find(|(c, _)| *c == "3-middleware")
        .unwrap();
    wb.apply(Op::LoadScenario(text.to_string()));
    assert_eq!(wb.lesson(), LessonId::Middleware);
    wb.apply(Op::ScenarioStep);
    wb.apply(Op::LeaveScenario);
    assert!(wb.scenario().is_none());
    assert_eq!(
        (wb.lesson(), wb.variant()),
        (LessonId::Auth, Variant::Fixed)
    );
    assert_eq!(
        wb.announcement().text,
        "Back to the lesson Login, user page and logout (Fixed). The lab starts afresh."
    );
    // opened from a challenge, it goes back to the challenge (it went to the scenario's
    // lesson), in a fresh lab with its hints as they were
    let mut wb = open("challenge=hijack");
    wb.apply(Op::ShowHint);
    wb.apply(Op::LoadScenario(text.to_string()));
    assert!(wb.challenge().is_none());
    wb.apply(Op::LeaveScenario);
    assert_eq!(wb.challenge_id(), Some(ChallengeId::Hijack));
    assert_eq!(wb.challenge().map(|c| c.hints), Some(1));
    assert!(wb.attacker());
    assert!(
        wb.announcement().text.starts_with(
            "Back to the challenge Session hijacking (As in the course), with the stages done and the \
             hints shown as you left them (0 of 3 stages done). The lab starts afresh. The \
             challenge's start ran again: "
        ),
        "{}",
        wb.announcement().text
    );
    // a file that does not load leaves the challenge where it was
    let mut wb = open("challenge=hijack");
    wb.apply(Op::LoadScenario("{".into()));
    assert_eq!(wb.challenge_id(), Some(ChallengeId::Hijack));
    assert!(wb.scenario().is_none());
    // opened with no lesson before it (a link), it stays in the scenario's own lesson
    let mut wb = open("lesson=auth");
    wb.apply(Op::LoadScenario(text.to_string()));
    wb.apply(Op::SelectLesson(LessonId::Cookie));
    wb.apply(Op::LoadScenario(text.to_string()));
    wb.apply(Op::LeaveScenario);
    assert_eq!(wb.lesson(), LessonId::Cookie);
}

/// A scenario runs at its own time (the library's start in 2023); the place after it goes
/// on from the lab's clock as the scenario found it, whichever way the scenario ends.
#[test]
fn the_clock_goes_on_after_a_scenario_from_where_it_was_opened() {
    let (_, text) = session_lab::model::library::LIBRARY
        .iter()
        .find(|(c, _)| *c == "2-haircut")
        .unwrap();
    for leave in [
        Op::LeaveScenario,
        Op::SelectLesson(LessonId::Store),
        Op::StartChallenge(ChallengeId::Tamper),
    ] {
        let mut wb = open("lesson=middleware");
        wb.apply(Op::Act(Action::Advance(3_600_000)));
        let before = wb.lab().now;
        wb.apply(Op::LoadScenario(text.to_string()));
        assert!(wb.scenario().is_some());
        assert_ne!(wb.lab().now, before, "the scenario's own start");
        wb.apply(Op::ScenarioPlayAll);
        // a second file loaded over the first keeps the clock the first found
        wb.apply(Op::LoadScenario(text.to_string()));
        wb.apply(leave.clone());
        assert!(wb.scenario().is_none());
        assert_eq!(wb.lab().now, before, "{leave:?}");
    }
    // Reset in a scenario plays it again from its own start; closed after that, the lab goes
    // on from the clock the scenario was opened at
    let mut wb = open("lesson=middleware");
    wb.apply(Op::Act(Action::Advance(60_000)));
    let before = wb.lab().now;
    wb.apply(Op::LoadScenario(text.to_string()));
    let start = wb.lab().now;
    wb.apply(Op::ScenarioPlayAll);
    wb.apply(Op::Reset);
    assert!(wb.scenario().is_some());
    assert_eq!(wb.lab().now, start);
    wb.apply(Op::LeaveScenario);
    assert_eq!(wb.lab().now, before);
    // a scenario that does not load leaves the clock alone, and a later place keeps it
    let mut wb = open("lesson=middleware");
    wb.apply(Op::Act(Action::Advance(60_000)));
    let before = wb.lab().now;
    wb.apply(Op::LoadScenario("{".into()));
    wb.apply(Op::Act(Action::Advance(60_000)));
    wb.apply(Op::SelectLesson(LessonId::Auth));
    assert_eq!(wb.lab().now, before + 60_000);
}

#[test]
fn a_saved_state_is_where_the_page_starts() {
    let mut wb = open("lesson=store");
    wb.apply(Op::Configure(options(
        &wb,
        json!({"cookie": {"maxAge": 86_400_000}}),
    )));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    wb.apply(Op::SetLang(session_lab::i18n::Lang::Zh));
    let blob = wb.saved_blob().unwrap();
    let back = Workbench::load(
        Start {
            now: NOW + 5,
            fragment: String::new(),
            stored: Ok(Some(blob)),
            docs_dropped: 2,
            languages: vec!["en".into()],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(1))),
    );
    assert_eq!(back.lesson(), LessonId::Store);
    assert_eq!(back.lang(), session_lab::i18n::Lang::Zh);
    assert_eq!(back.lab().now, wb.lab().now);
    assert_eq!(
        cookie(&back, Victim, "connect.sid"),
        cookie(&wb, Victim, "connect.sid")
    );
    assert_eq!(back.learner_overrides(), wb.learner_overrides());
    assert!(back
        .notices()
        .iter()
        .any(|n| n.1 == NoticeMsg::DocsDropped(2)));
    let unavailable = Workbench::load(
        Start {
            now: NOW,
            fragment: String::new(),
            stored: Err(StorageStatus::Unavailable),
            docs_dropped: 0,
            languages: vec!["zh-TW".into()],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(1))),
    );
    assert_eq!(unavailable.lang(), session_lab::i18n::Lang::Zh);
    assert!(unavailable
        .notices()
        .iter()
        .any(|n| n.1 == NoticeMsg::StorageUnavailable));
}

#[test]
fn a_solve_in_an_embed_is_posted_once() {
    let mut wb = open("embed=1&challenge=logout&allow=https://course.example");
    assert_eq!(wb.allow(), ["https://course.example"]);
    assert_eq!(wb.outbox().latest(), 0);
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let before = cookie(&wb, Victim, "connect.sid").pair();
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    let mut n = Navigate::typed(Victim, &format!("{AUTH}/user"));
    n.cookie_override = Some(before.clone());
    wb.apply(Op::Act(Action::Navigate(n.clone())));
    assert_eq!(wb.outbox().latest(), 1);
    let sent: Vec<_> = wb.outbox().after(0).cloned().collect();
    assert_eq!(sent, [Outgoing::Solved(ChallengeId::Logout)]);
    assert_eq!(
        sent[0].to_json(),
        json!({"type": "session-lab:solved", "challenge": "logout"})
    );
    assert_eq!(wb.outbox().after(1).count(), 0);
}

#[test]
fn the_embedding_page_can_set_and_load_and_is_told_what_it_got_wrong() {
    let mut wb = open("embed=1");
    wb.apply(Op::HostMessage(
        json!({"type": "session-lab:set", "lesson": "auth", "variant": "fixed", "lang": "zh"}),
    ));
    assert_eq!(
        (wb.lesson(), wb.variant()),
        (LessonId::Auth, Variant::Fixed)
    );
    wb.apply(Op::HostMessage(
        json!({"type": "session-lab:set", "lesson": 7}),
    ));
    assert_eq!(wb.notices().iter().count(), 1, "{:?}", wb.notices());
    // the message came from the embedding page, not a link, and the notice says so
    let said = wb.notices().iter().next().unwrap().1.text(Lang::En);
    assert!(said.starts_with("The embedding page's lesson"), "{said}");
    assert!(wb
        .notices()
        .iter()
        .all(|n| matches!(n.1, NoticeMsg::HostIgnored(_))));
    wb.apply(Op::HostMessage(json!({"type": "session-lab:explode"})));
    assert!(wb.notices().iter().any(|n| n.1
        == NoticeMsg::BadMessage(HostProblem::UnknownType("\"session-lab:explode\"".into()))));
    wb.apply(Op::HostMessage(json!({"type": "session-lab:load"})));
    assert!(wb
        .notices()
        .iter()
        .any(|n| n.1 == NoticeMsg::BadMessage(HostProblem::NoScenario)));
    let zh: Vec<String> = wb
        .notices()
        .iter()
        .map(|n| n.1.text(session_lab::i18n::Lang::Zh))
        .collect();
    assert!(
        zh.iter()
            .all(|t| !t.contains("expected") && !t.contains("unknown")),
        "{zh:?}"
    );
    wb.apply(Op::HostMessage(
        json!({"type": "session-lab:load", "scenario": {
            "app": "counter", "steps": [{"request": {"url": "http://localhost:3000/"}}]
        }}),
    ));
    assert_eq!(wb.scenario().unwrap().steps.len(), 1);
    assert_eq!(wb.lesson(), LessonId::Middleware);
}

#[test]
fn links_forms_and_reload_act_in_their_own_browser() {
    let mut wb = open("lesson=auth");
    wb.apply(Op::ToggleAttacker);
    go(&mut wb, Attacker, &format!("{AUTH}/login?username=mallory"));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    let victim_before = wb.lab().victim.url.clone();
    wb.apply(Op::Reload(Attacker));
    assert_eq!(
        wb.lab().victim.url,
        victim_before,
        "reloading the attacker's window"
    );
    assert!(body(&wb, Attacker).contains("mallory"));
    // a form is relative to its page and names its initiator
    submit(&mut wb, Victim, &[("username", "a b&c")]);
    let first = wb.timeline().last_navigation(Victim)[0].clone();
    assert_eq!(first.url.target(), "/login?username=a+b%26c");
    assert!(body(&wb, Victim).contains("欢迎你，a b&amp;c"));
    // a failed address says why, and the next action clears it
    go(&mut wb, Victim, "ftp://example.com/");
    assert!(wb.nav_problem().is_some());
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert!(wb.nav_problem().is_none());
}

#[test]
fn the_jar_edits_refuse_what_a_browser_refuses_and_say_why() {
    let mut wb = open("lesson=cookie");
    go(&mut wb, Victim, "http://localhost:3000/");
    edit(&mut wb, Victim, "balance", CookieField::Path, "relative");
    assert!(wb.jar_problem().is_some());
    assert_eq!(cookie(&wb, Victim, "balance").path, "/");
    assert_eq!(wb.jar_refusals(), 1);
    edit(&mut wb, Victim, "balance", CookieField::Value, "1;2");
    let said = wb.jar_problem().cloned();
    assert!(said.is_some());
    // the same refusal again is a new one (the page draws it afresh, and it is heard again)
    edit(&mut wb, Victim, "balance", CookieField::Value, "3;4");
    assert_eq!(wb.jar_problem().cloned(), said);
    assert_eq!(wb.jar_refusals(), 3);
    wb.apply(Op::AddCookie(Victim, "bad name;".into(), "1".into()));
    assert_eq!(wb.jar_refusals(), 4);
    edit(&mut wb, Victim, "balance", CookieField::Name, "card");
    assert!(wb.jar_problem().is_none());
    assert_eq!(wb.jar_refusals(), 4);
    assert_eq!(
        wb.lab().victim.jar.cookies().len(),
        1,
        "a new name replaces the cookie"
    );
    edit(
        &mut wb,
        Victim,
        "card",
        CookieField::Expires,
        "2030-01-01T00:00:00.000Z",
    );
    assert!(!cookie(&wb, Victim, "card").expired(NOW));
    edit(&mut wb, Victim, "card", CookieField::Expires, "会话 cookie");
    assert_eq!(
        cookie(&wb, Victim, "card").persistence,
        session_lab::engine::jar::Persistence::Session
    );
    wb.apply(Op::AddCookie(Victim, "x".into(), "y".into()));
    assert_eq!(cookie(&wb, Victim, "x").domain, "localhost");
    wb.apply(Op::PutHeader(Attacker, "a=1; b=2".into(), EditBy::Stolen));
    assert_eq!(wb.lab().attacker.jar.cookies().len(), 2);
}

/// The signer's "Put in your jar" and a stolen header carry a name and a value only: put over
/// a cookie the jar holds, they change its value and keep its flags, as a value edited in
/// DevTools does (the server's HttpOnly went off, and the live region did not say why).
#[test]
fn a_header_put_over_a_held_cookie_changes_only_its_value() {
    let mut wb = open("#lesson=auth");
    go(
        &mut wb,
        Victim,
        "http://localhost:8080/login?username=alice",
    );
    let before = cookie(&wb, Victim, "connect.sid");
    assert!(before.http_only);
    let forged = signed("abc", "wrong");
    wb.apply(Op::PutHeader(
        Victim,
        format!("connect.sid={forged}"),
        EditBy::Signer,
    ));
    let after = cookie(&wb, Victim, "connect.sid");
    assert_eq!(after.value, forged);
    assert_eq!(
        Cookie {
            value: before.value.clone(),
            ..after
        },
        before,
        "only the value changed"
    );
    assert_eq!(wb.lab().victim.jar.cookies().len(), 1);
    // the log names the signer, not a hand edit
    let said = &wb.announcement().text;
    assert!(
        said.starts_with("Changed with the signer's value in connect.sid: Value now s%3A"),
        "{said}"
    );
    assert!(!said.contains("HttpOnly"), "{said}");
    // what the signer says it did holds while the put is the newest thing (the victim's
    // put, not the attacker's); a request ends it
    assert_eq!(wb.newest_put(Victim), Some("connect.sid"));
    assert_eq!(wb.newest_put(Attacker), None);
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert_eq!(wb.newest_put(Victim), None);
    // a name the jar does not hold comes in as a new host-only session cookie
    wb.apply(Op::PutHeader(Victim, "fresh=1".into(), EditBy::Signer));
    assert_eq!(wb.newest_put(Victim), Some("fresh"));
    let fresh = cookie(&wb, Victim, "fresh");
    assert!(!fresh.http_only && fresh.host_only && fresh.path == "/");
    assert!(wb
        .announcement()
        .text
        .starts_with("Put in the jar from the signer: fresh=1"));
}

/// A stolen header put in the attacker's jar says where it came from, in both languages; a
/// value typed into the same cell is still a hand edit.
#[test]
fn a_stolen_header_put_in_a_jar_is_named_as_stolen() {
    let mut wb = open("#challenge=hijack");
    let put = |wb: &mut Workbench, who, header: &str, by| {
        wb.apply(Op::PutHeader(who, header.into(), by));
        wb.announcement().text.clone()
    };
    let said = put(&mut wb, Attacker, "connect.sid=s%3Aabc.def", EditBy::Stolen);
    assert!(
        said.starts_with(
            "In the attacker's jar: Put in the jar from the stolen cookies: connect.sid=s%3Aabc.def"
        ),
        "{said}"
    );
    // the jar pane shows the jar they went into (it stayed on the learner's own)
    assert_eq!(wb.jar_owner(), Attacker);
    wb.apply(Op::SetLang(Lang::Zh));
    let said = put(&mut wb, Attacker, "connect.sid=s%3Aabc.xyz", EditBy::Stolen);
    assert!(
        said.contains("用偷来的 cookie 修改了 connect.sid"),
        "{said}"
    );
    set_value(&mut wb, Attacker, "connect.sid", "typed");
    let said = wb.announcement().text.clone();
    assert!(said.contains("手动修改了 connect.sid"), "{said}");
    put(&mut wb, Victim, "x=1", EditBy::Signer);
    assert_eq!(wb.jar_owner(), Victim);
}

/// The jar pane follows the browser that just sent a request: in hijack it stayed on the
/// attacker's tab, where the stolen header had turned it, through the stages about the
/// victim's cookie (review). Picking a tab by hand still holds until the next request.
#[test]
fn the_jar_follows_the_browser_that_went_somewhere() {
    let mut wb = open("#challenge=hijack");
    wb.apply(Op::PutHeader(
        Attacker,
        "connect.sid=s%3Aabc.def".into(),
        EditBy::Stolen,
    ));
    assert_eq!(wb.jar_owner(), Attacker);
    common::go(&mut wb, Victim, "http://localhost:8080/");
    assert_eq!(wb.jar_owner(), Victim);
    wb.apply(Op::ShowJar(Attacker));
    assert_eq!(wb.jar_owner(), Attacker);
    wb.apply(Op::Reload(Attacker));
    assert_eq!(wb.jar_owner(), Attacker);
    wb.apply(Op::Reload(Victim));
    assert_eq!(wb.jar_owner(), Victim);
    // without the attacker's browser there is one jar
    let mut lesson = open("lesson=auth");
    lesson.apply(Op::ShowJar(Attacker));
    common::go(&mut lesson, Victim, "http://localhost:8080/");
    assert_eq!(lesson.jar_owner(), Victim);
}

#[test]
fn the_lesson_and_challenge_bar_switch_cleanly() {
    let mut wb = open("");
    assert_eq!(wb.lesson(), LessonId::Cookie);
    wb.apply(Op::StartChallenge(ChallengeId::Hijack));
    assert!(wb.attacker());
    assert_eq!(wb.lab().victim.url.as_ref().unwrap().path, "/user");
    assert!(
        wb.timeline().entries().is_empty(),
        "the setup is not the learner's"
    );
    // with nothing done, the hints come one by one
    for n in 1..=3 {
        assert_eq!(wb.challenge().unwrap().next_hint(), Some(n));
        wb.apply(Op::ShowHint);
        assert_eq!(wb.challenge().unwrap().hints, n);
    }
    wb.apply(Op::ShowHint);
    assert_eq!(wb.challenge().unwrap().hints, 3);
    wb.apply(Op::LeaveChallenge);
    assert!(!wb.attacker());
    assert_eq!(wb.challenge_id(), None);
    assert_eq!(wb.lesson(), LessonId::Auth);
    assert_eq!(wb.variant(), LessonId::Auth.default_variant());
    wb.apply(Op::StartChallenge(ChallengeId::WeakSecret));
    wb.apply(Op::SelectLesson(LessonId::Middleware));
    assert!(!wb.hide_secret());
    assert_eq!(wb.challenge_id(), None);
}

/// A second login's request and its redirect carry the same valid cookie: the live region
/// says so once (a screen reader read the same sentence twice).
#[test]
fn a_login_says_each_check_once() {
    let mut wb = open("lesson=auth&lang=en");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let said = wb.announcement().text.clone();
    assert_eq!(said.matches("has a valid signature").count(), 1, "{said}");
    assert!(said.contains("redirected to /user"), "{said}");
}

/// A genuine signature whose session the store lost reads as a warning in both places that
/// judge it: the banner said ✓ in green while the jar's verdict said ✗ in red.
#[test]
fn a_lost_session_is_a_warning_in_the_banner_and_the_jar() {
    use session_lab::model::explain::Tone;
    use session_lab::model::workbench::{check_text, verdict_text};
    let mut wb = open("lesson=auth&lang=en");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert_eq!(wb.last_request().unwrap().tone(), Some(Tone::Good));
    assert_eq!(
        verdict_text(Lang::En, &wb.server_check(Victim).unwrap()).0,
        Tone::Good
    );
    wb.apply(Op::Act(Action::RestartServer));
    // before the request the jar already knows: a MemoryStore forgot the session
    assert_eq!(
        verdict_text(Lang::En, &wb.server_check(Victim).unwrap()).0,
        Tone::Warn
    );
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let last = wb.last_request().unwrap();
    assert_eq!(last.tone(), Some(Tone::Warn));
    assert!(last.accepted(), "the signature is not what failed");
    let text = check_text(Lang::En, &last.checks[0].1);
    assert!(
        text.starts_with("⚠ connect.sid: signature verified, but"),
        "{text}"
    );
    // a broken MAC is a rejection
    let mut v = cookie(&wb, Victim, "connect.sid").value;
    let end = v.pop().unwrap();
    v.push(if end == 'A' { 'B' } else { 'A' });
    set_value(&mut wb, Victim, "connect.sid", &v);
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let last = wb.last_request().unwrap();
    assert_eq!(last.tone(), Some(Tone::Bad));
    assert!(check_text(Lang::En, &last.checks[0].1).starts_with("✗ "));
}

/// An import is held to the jar's 180 cookies per domain, as a Set-Cookie is (200 imported
/// left "201 of 180" in the jar, all sent), and the announcement says what went.
#[test]
fn an_import_keeps_the_jar_within_its_limits() {
    let mut wb = open("lesson=auth&lang=en");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let now = wb.lab().now;
    let cookies: Vec<Cookie> = (0..200)
        .map(|i| Cookie::by_hand(&format!("c{i}"), "v", "localhost", now))
        .collect();
    wb.apply(Op::ImportCookies(Victim, cookies.into()));
    let jar = &wb.lab().browser(Victim).jar;
    assert_eq!(jar.count_for("localhost", now), 180);
    let said = &wb.announcement().text;
    assert!(said.starts_with("Cookies imported: 200."), "{said}");
    assert!(
        said.contains("21 removed, the least recently used"),
        "{said}"
    );
}

/// A name given twice in one import (`x=1; y=2; x=3`) is one cookie in the jar, the later
/// value: the words count the cookies the jar now holds from it, and say what was replaced
/// (they read "Cookies imported: 3" for two rows).
#[test]
fn an_import_counts_a_name_given_twice_once() {
    let mut wb = open("lesson=auth&lang=en");
    let now = wb.lab().now;
    let cookies = session_lab::model::jar_io::import(
        "x=1; y=2; x=3",
        session_lab::model::jar_io::Format::Header,
        "localhost",
        now,
    )
    .unwrap();
    wb.apply(Op::ImportCookies(Victim, cookies.into()));
    let jar: Vec<String> = wb
        .lab()
        .browser(Victim)
        .jar
        .cookies()
        .iter()
        .map(Cookie::pair)
        .collect();
    assert_eq!(jar, ["x=3", "y=2"]);
    let said = wb.announcement().text.clone();
    assert!(
        said.starts_with("Cookies imported: 2. 1 name was given more than once"),
        "{said}"
    );
    assert_eq!(
        wb.last_import().unwrap().text(Lang::Zh),
        "已导入 2 个 cookie。有 1 个名字在文本里出现了不止一次：同名（域名、路径也相同）的 cookie 只有一个，后面的替换了前面的。"
    );
    // none given twice: nothing said of it
    let again = vec![Cookie::by_hand("z", "1", "localhost", now)];
    wb.apply(Op::ImportCookies(Victim, again.into()));
    assert_eq!(wb.announcement().text, "Cookies imported: 1.");
}

/// An import of an already-expired cookie deletes its namesake, as a browser's cookie API
/// does; the announcement says so rather than counting it as one more cookie. An empty import
/// says nothing went in.
#[test]
fn an_import_says_what_expired_cookies_did_and_when_nothing_came() {
    let mut wb = open("lesson=auth&lang=en");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let now = wb.lab().now;
    let text = r#"[{"name":"connect.sid","value":"x","domain":"localhost","hostOnly":true,"expirationDate":1},
                   {"name":"theme","value":"dark"}]"#;
    let cookies = session_lab::model::jar_io::import(
        text,
        session_lab::model::jar_io::Format::CookieEditorJson,
        "localhost",
        now,
    )
    .unwrap();
    wb.apply(Op::ImportCookies(Victim, cookies.into()));
    let live: Vec<String> = wb
        .lab()
        .browser(Victim)
        .jar
        .cookies()
        .iter()
        .filter(|c| !c.expired(now))
        .map(|c| c.name.clone())
        .collect();
    assert!(!live.contains(&"connect.sid".to_string()), "{live:?}");
    assert!(live.contains(&"theme".to_string()), "{live:?}");
    let said = wb.announcement().text.clone();
    assert!(said.starts_with("Cookies imported: 2."), "{said}");
    assert!(said.contains("1 of them had already expired"), "{said}");

    wb.apply(Op::ImportCookies(Victim, Vec::new().into()));
    assert_eq!(
        wb.announcement().text,
        "The text holds no cookies: nothing was imported."
    );
    // cookies given, none storable: not "no cookies"
    let bad = Cookie::by_hand("a;b", "1", "localhost", now);
    wb.apply(Op::ImportCookies(Victim, vec![bad].into()));
    assert_eq!(
        wb.announcement().text,
        "The jar could store none of these cookies: each breaks one of its rules."
    );
    // the same words stay under the import box (for the eye, not only the live region), in
    // the page's language when it changes, until the next action
    let report = wb.last_import().unwrap().clone();
    assert_eq!(report.who, Victim);
    assert_eq!(report.text(Lang::En), wb.announcement().text);
    assert_eq!(
        report.text(Lang::Zh),
        "Cookie 罐一个也存不下：这些 cookie 都违反了它的规则。"
    );
    wb.apply(Op::Go(Victim));
    assert_eq!(wb.last_import(), None);
}

/// A Cookie header's pieces that are not `name=value` (`lonely`, `=x`) give no cookie; the
/// import says them, where "Cookies imported: 1" had left them out in silence (teacher
/// review). The first three are named, each clipped.
#[test]
fn an_import_says_what_it_left_out() {
    use session_lab::model::jar_io::{read, Format};
    let mut wb = open("lesson=auth&lang=en");
    let now = wb.lab().now;
    let imported = read("a=1; lonely; =x", Format::Header, "localhost", now).unwrap();
    assert_eq!(imported.left_out, ["lonely", "=x"]);
    wb.apply(Op::ImportCookies(Victim, imported));
    assert_eq!(
        wb.announcement().text,
        "Cookies imported: 1. 2 pieces were not name=value and left out: lonely, =x."
    );
    assert_eq!(
        wb.last_import().unwrap().text(Lang::Zh),
        "已导入 1 个 cookie。文本里有 2 段不是“名=值”，没有导入：lonely、=x。"
    );
    // nothing but such pieces: no cookies, and what was there
    let long = "x".repeat(60);
    let text = format!("p; q; {long}; s");
    let imported = read(&text, Format::Header, "localhost", now).unwrap();
    wb.apply(Op::ImportCookies(Victim, imported));
    let said = wb.announcement().text.clone();
    assert!(
        said.starts_with("The text holds no cookies: nothing was imported. 4 pieces were"),
        "{said}"
    );
    assert!(
        said.ends_with(&format!(": p, q, {}….", "x".repeat(40))),
        "{said}"
    );
    // the other formats refuse what they cannot read: nothing is left out there
    let json = read(
        r#"[{"name":"a","value":"1"}]"#,
        Format::CookieEditorJson,
        "h",
        now,
    )
    .unwrap();
    assert!(json.left_out.is_empty());
}

// ---- issue 13: the workbench's model, and the bugs a new user found -------------------------

use session_lab::engine::url::UrlError;
use session_lab::model::workbench::CheckResult;

#[test]
fn the_verdict_stays_until_the_next_request() {
    let mut wb = open("lesson=auth");
    assert_eq!(wb.last_request(), None);
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let last = wb.last_request().unwrap();
    // the login, its redirect, and where it led, each with its own status
    let hops: Vec<_> = last
        .hops
        .iter()
        .map(|h| (h.method.as_str(), h.target.as_str(), h.status))
        .collect();
    assert_eq!(
        hops,
        [("GET", "/login?username=alice", 302), ("GET", "/user", 200)]
    );
    assert_eq!(last.status(), 200);
    // the login made the session; the redirect to /user carried it back, verified and found:
    // the one check, of the second request
    assert_eq!(last.checks.len(), 1);
    assert_eq!(last.checks[0].0, 1);
    // the cookie checked is the one the login made: the jar holds no other
    assert!(!last.new_session);
    assert!(matches!(
        last.checks[0].1.result,
        CheckResult::Verified {
            secret_index: 0,
            in_store: Some(true)
        }
    ));
    // logged in, a second login carries the cookie on both requests: two checks, one each
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let again = wb.last_request().unwrap();
    assert_eq!(
        again.checks.iter().map(|(hop, _)| *hop).collect::<Vec<_>>(),
        [0, 1]
    );
    assert!(again.accepted());
    // a forged MAC: rejected, with both MACs, and it stays while the learner does other things
    let v = cookie(&wb, Victim, "connect.sid").value;
    set_value(
        &mut wb,
        Victim,
        "connect.sid",
        &format!("{}A", &v[..v.len() - 1]),
    );
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let rejected = wb.last_request().unwrap();
    let CheckResult::Rejected(session_lab::engine::signature::UnsignError::BadMac {
        expected,
        presented,
        ..
    }) = &rejected.checks[0].1.result
    else {
        panic!("{rejected:?}")
    };
    assert_ne!(expected, presented);
    // the server made a new session and the jar took its cookie: the jar's own verdict is
    // about that cookie now, and the banner says so
    assert!(rejected.new_session);
    assert!(!rejected.accepted());
    wb.apply(Op::Act(Action::Advance(60_000)));
    wb.apply(Op::Type(Victim, "typing".into()));
    wb.apply(Op::ToggleDecoded);
    assert_eq!(wb.last_request().as_ref(), Some(&rejected));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert_ne!(wb.last_request().as_ref(), Some(&rejected));
    // with saveUninitialized: false, a forged cookie's new session is never sent: the jar
    // keeps the cookie that was checked, and the banner must not say it was replaced
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    let over = options(&wb, json!({"saveUninitialized": false}));
    wb.apply(Op::Configure(over));
    go(&mut wb, Victim, "http://localhost:3000/");
    let v = cookie(&wb, Victim, "connect.sid").value;
    let forged = format!("{}A", &v[..v.len() - 1]);
    set_value(&mut wb, Victim, "connect.sid", &forged);
    go(&mut wb, Victim, "http://localhost:3000/peek");
    let last = wb.last_request().unwrap();
    assert!(!last.accepted());
    assert!(!last.new_session, "{last:?}");
    assert_eq!(cookie(&wb, Victim, "connect.sid").value, forged);
    // lesson 1's plain card is taken as sent; a timeline row carries markers
    let mut wb = open("lesson=cookie");
    go(&mut wb, Victim, "http://localhost:3000/");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(
        wb.last_request().unwrap().checks[0].1.result,
        CheckResult::Unchecked { in_store: None }
    );
    // lesson 2's card number is looked up: the banner says whether the notebook had it (a
    // made-up number read "taken as sent" beside the page's "new customer")
    let mut wb = open("lesson=manual");
    go(&mut wb, Victim, "http://localhost:9090/");
    go(&mut wb, Victim, "http://localhost:9090/");
    let known = &wb.last_request().unwrap().checks[0].1;
    assert_eq!(
        known.result,
        CheckResult::Unchecked {
            in_store: Some(true)
        }
    );
    set_value(&mut wb, Victim, "session.id", "12345");
    go(&mut wb, Victim, "http://localhost:9090/");
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    let last = wb.last_request().unwrap();
    assert_eq!(
        last.checks[0].1.result,
        CheckResult::Unchecked {
            in_store: Some(false)
        }
    );
    assert_eq!(
        session_lab::model::workbench::check_text(Lang::En, &last.checks[0].1),
        "⚠ session.id: not signed, so the server checks nothing and uses it as sent. The notebook has no card with this number, so it issued a new one."
    );
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    let x = last_exchange(&wb);
    assert_eq!(
        session_lab::model::workbench::markers(&x),
        [session_lab::model::workbench::Marker::NewSession]
    );
    // an unsigned id (forge's first try, "hello"): marked, beside the new session it led to
    set_value(&mut wb, Victim, "connect.sid", "hello");
    go(&mut wb, Victim, "http://localhost:3000/");
    let x = last_exchange(&wb);
    use session_lab::model::workbench::Marker::{NewSession, Unsigned};
    assert_eq!(
        session_lab::model::workbench::markers(&x),
        [Unsigned, NewSession]
    );
}

#[test]
fn an_address_is_read_as_a_browser_reads_it_and_only_the_lesson_s_server_answers() {
    let mut wb = open("lesson=cookie");
    go(&mut wb, Victim, "localhost:3000/");
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    assert_eq!(wb.address_of(Victim), "http://localhost:3000/");
    go(&mut wb, Victim, "javascript:alert(1)");
    assert_eq!(
        wb.nav_problem().unwrap().reason,
        UrlError::UnsupportedScheme("javascript".into())
    );
    for other in [
        "http://example.com/",
        "http://localhost:9090/",
        "http://localhost:8080/",
    ] {
        go(&mut wb, Victim, other);
        assert!(
            matches!(wb.nav_problem().unwrap().reason, UrlError::NoServer { .. }),
            "{other}: {:?}",
            wb.nav_problem()
        );
    }
    let zh = session_lab::model::explain::url_error_text(
        session_lab::i18n::Lang::Zh,
        &wb.nav_problem().unwrap().reason,
    );
    assert!(zh.contains("localhost:3000"), "{zh}");
    // a bare path (read as the host `peek`) gets the address it was likely meant as; a
    // whole address does not
    use session_lab::model::explain::navigation_failed_text as failed;
    let session_lab::model::workbench::NavProblem {
        url, reason: why, ..
    } = wb.nav_problem().unwrap();
    assert!(!failed(Lang::En, url, why).contains("Only a path"));
    go(&mut wb, Victim, "/peek");
    let session_lab::model::workbench::NavProblem {
        url, reason: why, ..
    } = wb.nav_problem().unwrap();
    assert_eq!(
        failed(Lang::En, url, why),
        "Cannot open /peek: cannot connect to http://peek: no server listens there (this \
         lesson's server is http://localhost:3000). Only a path? Try http://localhost:3000/peek"
    );
    assert!(failed(Lang::Zh, url, why).ends_with("试试 http://localhost:3000/peek"));
    go(&mut wb, Victim, "//peek");
    let session_lab::model::workbench::NavProblem {
        url, reason: why, ..
    } = wb.nav_problem().unwrap();
    assert!(!failed(Lang::En, url, why).contains("Only a path"));
    // the page the browser showed is still there
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    go(&mut wb, Victim, "http://127.0.0.1:3000/");
    assert!(wb.nav_problem().is_none());
}

#[test]
fn lesson_5_s_code_names_lesson_5() {
    let mut wb = open("lesson=store");
    assert!(
        wb.source_text(Lang::En).starts_with("// Lesson 5"),
        "{}",
        wb.source_text(Lang::En)
    );
    // lesson 4's app, said as such (it read "// Lesson 4" inside lesson 5)
    wb.apply(Op::SelectVariant(Variant::Memory));
    let login_app = "// The course's login app (lesson 4)";
    assert!(wb.source_text(Lang::En).starts_with(login_app));
    let wb = open("lesson=auth");
    assert!(wb.source_text(Lang::En).starts_with(login_app));
}

#[test]
fn the_code_s_comments_follow_the_page_language() {
    use session_lab::engine::server::comments::comment_start;
    let code = |s: &str| s[..comment_start(s).unwrap_or(s.len())].to_string();
    for (fragment, url) in [
        ("lesson=store", "http://localhost:8080/login?username=alice"),
        ("lesson=auth", "http://localhost:8080/login?username=alice"),
        ("challenge=predictable-ids", "http://localhost:9090/"),
        ("lesson=cookie", "http://localhost:3000/"),
    ] {
        let mut wb = open(fragment);
        go(&mut wb, Victim, url);
        let (en, zh) = (wb.source_text(Lang::En), wb.source_text(Lang::Zh));
        assert_eq!(en.lines().count(), zh.lines().count(), "{fragment}");
        assert_ne!(en, zh, "{fragment}");
        assert!(
            zh.starts_with("// 第") || zh.starts_with("// 课程的登录应用（第四课）"),
            "{fragment}: {zh}"
        );
        assert!(
            en.starts_with("// Lesson") || en.starts_with("// The course's login app"),
            "{fragment}: {en}"
        );
        // the lines that ran, found in the English source, are the same code in the Chinese
        let ran = wb.ran_lines().to_vec();
        assert!(!ran.is_empty(), "{fragment}");
        for n in ran {
            let (e, z) = (
                en.lines().nth(n - 1).unwrap(),
                zh.lines().nth(n - 1).unwrap(),
            );
            assert_eq!(code(e), code(z), "{fragment}, line {n}");
            assert!(!code(e).trim().is_empty(), "{fragment}, line {n} is code");
        }
    }
    let wb = open("challenge=predictable-ids");
    assert!(wb
        .source_text(Lang::Zh)
        .contains("  var id = String(++lastCard);  // 按顺序发下一个号：很容易被猜到\n"));
}

#[test]
fn an_emptied_option_is_unset_not_null() {
    use session_lab::model::options_form::{with_field, FieldKind};
    let mut wb = open("lesson=middleware");
    let own = session_lab::engine::server::App::Counter.own_options();
    let draft = wb.lab().server.options.source.clone();
    let draft = with_field(&draft, &own, "cookie.maxAge", FieldKind::Number, "60000");
    wb.apply(Op::Configure(draft.clone()));
    assert!(wb.source_text(Lang::En).contains("maxAge: 60000"));
    let draft = with_field(&draft, &own, "cookie.maxAge", FieldKind::Number, "");
    wb.apply(Op::Configure(draft));
    assert!(
        !wb.source_text(Lang::En).contains("maxAge: null"),
        "{}",
        wb.source_text(Lang::En)
    );
    assert!(
        !wb.source_text(Lang::En).contains("  cookie: {"),
        "{}",
        wb.source_text(Lang::En)
    );
    assert!(
        !wb.share_fragment(false).contains("maxAge"),
        "{}",
        wb.share_fragment(false)
    );
    // the app's own options are not a learner's change, so a link does not carry them
    assert!(
        !wb.share_fragment(true).contains("resave"),
        "{}",
        wb.share_fragment(true)
    );
}

#[test]
fn reset_puts_the_clock_back_and_solved_marks_can_be_forgotten() {
    let mut wb = open("lesson=auth");
    wb.apply(Op::Act(Action::Advance(86_400_000)));
    assert_eq!(wb.lab().now, NOW + 86_400_000);
    wb.apply(Op::Reset);
    assert_eq!(wb.lab().now, NOW);
    let mut wb = challenge(ChallengeId::Logout);
    solve_logout(&mut wb);
    assert!(wb.is_solved(ChallengeId::Logout));
    wb.apply(Op::ForgetSolved);
    assert!(!wb.is_solved(ChallengeId::Logout));
    // (the open challenge is saved too, to start again after a reload; solved is empty)
    assert!(wb.saved_blob().unwrap().contains(r#""solved":[]"#));
}

#[test]
fn a_refused_attack_reads_why_it_was_refused() {
    let mut wb = challenge(ChallengeId::Tamper);
    raise_the_signed_card(&mut wb);
    assert_eq!(why(&wb), Some((Key::ChTamperWhy2, Because::Refused)));
}

#[test]
fn the_scenario_panel_says_what_is_wrong_at_its_button() {
    use session_lab::model::workbench::{FileProblem, NoticeMsg};
    let mut wb = open("");
    wb.apply(Op::TogglePanel(
        session_lab::model::workbench::ToolPanel::Scenario,
    ));
    wb.apply(Op::LoadScenario("{".into()));
    assert!(matches!(
        wb.scenario_problem(),
        Some(NoticeMsg::ScenarioInvalid(_))
    ));
    wb.apply(Op::LoadScenario("[]".into()));
    let second = wb
        .scenario_problem()
        .unwrap()
        .text(session_lab::i18n::Lang::En);
    assert!(second.contains("a scenario is a JSON object"), "{second}");
    assert!(
        wb.notices().is_empty(),
        "the panel's problems do not pile up as notices"
    );
    wb.apply(Op::ScenarioFileFailed {
        file: "big.json".into(),
        problem: FileProblem::TooLarge,
    });
    assert!(wb
        .scenario_problem()
        .unwrap()
        .text(session_lab::i18n::Lang::Zh)
        .contains("big.json"));
    wb.apply(Op::LoadScenario(
        session_lab::engine::scenario::EXAMPLE.into(),
    ));
    assert!(wb.scenario().is_some());
    assert_eq!(wb.scenario_problem(), None);
    assert_eq!(wb.panel(), None);
}

#[test]
fn each_clean_start_is_a_new_place() {
    let mut wb = open("");
    let first = wb.place();
    wb.apply(Op::StartChallenge(ChallengeId::Forge));
    let forge = wb.place();
    assert!(forge > first);
    wb.apply(Op::Reset);
    assert!(
        wb.place() > forge,
        "starting again gives the attacker's tools a fresh start"
    );
    let again = wb.place();
    wb.apply(Op::Type(Victim, "x".into()));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert_eq!(wb.place(), again);
}

#[test]
fn the_jar_lists_cookies_in_the_jar_s_order_not_the_header_s() {
    let mut wb = open("lesson=cookie");
    go(&mut wb, Victim, "http://localhost:3000/");
    wb.apply(Op::Act(Action::Advance(1000)));
    wb.apply(Op::AddCookie(Victim, "b".into(), "2".into()));
    // a rename keeps the creation time but moves the cookie to the end of the jar, so the
    // Cookie header (oldest first) and the jar disagree: the table lists the jar's own order,
    // as DevTools and the monkey test's probe do
    edit(&mut wb, Victim, "balance", CookieField::Name, "renamed");
    let shown: Vec<String> = wb
        .jar_rows(Victim)
        .into_iter()
        .map(|d| d.cookie.name)
        .collect();
    let stored: Vec<String> = wb
        .lab()
        .victim
        .jar
        .cookies()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert_eq!(shown, stored);
}

// ---- time travel through the timeline -------------------------------------------------------

use session_lab::engine::jar::Withheld;
use session_lab::model::workbench::{entry_title, Change, Past, StoreShape, Went, FULL_STORE};

/// The ids of the timeline's requests, oldest first.
fn request_ids(wb: &Workbench) -> Vec<u64> {
    wb.timeline()
        .entries()
        .iter()
        .filter(|e| e.exchange.is_some())
        .map(|e| e.id)
        .collect()
}

fn travel(wb: &mut Workbench, id: u64) -> Past {
    wb.apply(Op::TravelTo(id));
    wb.past()
        .unwrap_or_else(|| panic!("entry {id} is in the timeline"))
}

/// "State after" only where the past shows: an embed of the browser and the timeline has
/// neither the jar nor the store, and its "Showing the state after …" changed nothing there.
#[test]
fn an_embed_without_the_jar_or_the_store_has_no_state_after() {
    for (panes, can) in [
        ("browser,timeline", false),
        ("timeline", false),
        ("browser,jar", true),
        ("server,timeline", true),
    ] {
        let mut wb = open(&format!("embed=1&lesson=middleware&panes={panes}"));
        assert_eq!(wb.can_travel(), can, "{panes}");
        go(&mut wb, Victim, "http://localhost:3000/");
        let id = request_ids(&wb)[0];
        wb.apply(Op::TravelTo(id));
        assert_eq!(wb.travel().is_some(), can, "{panes}");
        assert_eq!(
            wb.announcement()
                .text
                .starts_with("Showing the state after"),
            can,
            "{panes}"
        );
    }
    assert!(open("lesson=middleware").can_travel());
}

/// The past store's rows as (data, change).
fn past_rows(p: &Past) -> Vec<(String, Option<Change>)> {
    p.store
        .rows
        .iter()
        .map(|r| (r.row.data.clone(), r.change))
        .collect()
}

fn past_cookie(p: &Past, name: &str) -> (String, Option<Change>) {
    let c = p
        .jar
        .iter()
        .find(|c| c.cookie.name == name)
        .unwrap_or_else(|| panic!("no {name} then"));
    (c.cookie.value.clone(), c.change)
}

#[test]
fn travel_shows_the_jar_and_store_after_an_earlier_request_and_what_it_changed() {
    let mut wb = open("lesson=middleware");
    for _ in 0..3 {
        go(&mut wb, Victim, "http://localhost:3000/");
    }
    assert_eq!(body(&wb, Victim), "views: 3");
    let ids = request_ids(&wb);
    assert_eq!(ids.len(), 3);
    let sid_now = cookie(&wb, Victim, "connect.sid").value;

    // the first visit: the session and its cookie are new
    let first = travel(&mut wb, ids[0]);
    assert_eq!(wb.travel(), Some(ids[0]));
    assert_eq!(first.entry.id, ids[0]);
    assert_eq!(first.browser, Victim);
    assert_eq!(
        past_cookie(&first, "connect.sid"),
        (sid_now.clone(), Some(Change::Added))
    );
    let rows = past_rows(&first);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].0.contains(r#""views":1"#), "{rows:?}");
    assert_eq!(rows[0].1, Some(Change::Added));
    assert_eq!(
        first.store.shape,
        StoreShape::Sessions(session_lab::engine::session::StoreKind::Memory)
    );
    assert!(!first.store.partial);
    assert_eq!(first.changes(), (1, 1));
    assert_eq!(
        session_lab::model::workbench::banner_text(session_lab::i18n::Lang::En, &first).1,
        "Rows this step changed (marked): 1 in the jar, 1 in the store."
    );
    // an app with no store counts the jar alone
    let mut cookie_only = open("lesson=cookie&lang=en");
    go(&mut cookie_only, Victim, "http://localhost:3000/");
    let id = request_ids(&cookie_only)[0];
    let p = travel(&mut cookie_only, id);
    assert_eq!(
        session_lab::model::workbench::banner_text(session_lab::i18n::Lang::En, &p).1,
        "Rows this step changed (marked): 1 in the jar."
    );
    assert!(entry_title(session_lab::i18n::Lang::En, &first.entry).ends_with(" GET /"));

    // the second: the same cookie, unchanged; the session's views went to 2
    let second = travel(&mut wb, ids[1]);
    assert_eq!(past_cookie(&second, "connect.sid"), (sid_now, None));
    let rows = past_rows(&second);
    assert!(rows[0].0.contains(r#""views":2"#), "{rows:?}");
    assert_eq!(rows[0].1, Some(Change::Changed));

    // the lab itself is still now
    assert!(wb.lab().server.store.rows()[0]
        .session_json
        .as_deref()
        .unwrap()
        .contains(r#""views":3"#));

    // back to now
    wb.apply(Op::BackToNow);
    assert_eq!(wb.past(), None);
    assert_eq!(wb.travel(), None);
}

/// Whether each cookie went with the past request, as (name, went).
fn past_went(p: &Past) -> Vec<(String, Option<Went>)> {
    p.jar
        .iter()
        .map(|c| (c.cookie.name.clone(), c.went.clone()))
        .collect()
}

#[test]
fn the_past_jar_says_which_cookies_went_with_that_request_and_why_the_others_did_not() {
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    // a cookie for another path, planted beside the session's
    let mut elsewhere = cookie(&wb, Victim, "connect.sid");
    elsewhere.name = "elsewhere".into();
    elsewhere.path = "/admin".into();
    wb.apply(Op::Act(Action::JarPut(Victim, elsewhere)));
    go(&mut wb, Victim, "http://localhost:3000/");
    wb.apply(Op::Act(Action::Advance(60_000)));
    let ids = request_ids(&wb);

    // the first request left with an empty jar: its cookie came with the answer
    let first = travel(&mut wb, ids[0]);
    assert_eq!(past_went(&first), vec![("connect.sid".to_string(), None)]);

    // the second carried the session cookie, and not the one for /admin
    let second = travel(&mut wb, ids[1]);
    let went = past_went(&second);
    assert!(
        went.contains(&("connect.sid".to_string(), Some(Went::Sent))),
        "{went:?}"
    );
    assert!(
        went.contains(&(
            "elsewhere".to_string(),
            Some(Went::Withheld(Withheld::Path))
        )),
        "{went:?}"
    );

    // moving the clock sent nothing
    let last = wb.timeline().entries().last().unwrap().id;
    let advanced = travel(&mut wb, last);
    assert!(advanced.entry.exchange.is_none());
    assert!(past_went(&advanced).iter().all(|(_, w)| w.is_none()));
}

#[test]
fn travel_ends_with_anything_that_changes_the_lab_and_not_with_looking() {
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    go(&mut wb, Victim, "http://localhost:3000/");
    let ids = request_ids(&wb);
    travel(&mut wb, ids[0]);
    // looking around keeps the past on screen
    wb.apply(Op::Type(Victim, "http://localhost:3000/peek".into()));
    wb.apply(Op::SetLang(session_lab::i18n::Lang::Zh));
    wb.apply(Op::ToggleDecoded);
    wb.apply(Op::SetTab(session_lab::model::workbench::Pane::Jar));
    assert_eq!(wb.travel(), Some(ids[0]));
    // another entry can be picked directly
    travel(&mut wb, ids[1]);
    assert_eq!(wb.travel(), Some(ids[1]));
    // a request returns to now, and is logged as usual
    wb.apply(Op::Go(Victim));
    assert_eq!(wb.past(), None);
    assert_eq!(request_ids(&wb).len(), 3);
    // so does an engine action, a jar edit, a lesson start
    travel(&mut wb, ids[0]);
    wb.apply(Op::Act(Action::Advance(60_000)));
    assert_eq!(wb.past(), None);
    travel(&mut wb, ids[0]);
    set_value(&mut wb, Victim, "connect.sid", "x");
    assert_eq!(wb.past(), None);
    travel(&mut wb, ids[0]);
    wb.apply(Op::ApplyFragment("lesson=auth".into()));
    assert_eq!(wb.past(), None, "a link to another lesson is a new place");
    assert_eq!(wb.lesson(), LessonId::Auth);
}

#[test]
fn travel_to_a_missing_entry_is_harmless() {
    let mut wb = open("lesson=middleware");
    wb.apply(Op::TravelTo(987_654));
    assert_eq!(wb.past(), None);
    go(&mut wb, Victim, "http://localhost:3000/");
    let id = request_ids(&wb)[0];
    travel(&mut wb, id);
    wb.apply(Op::TravelTo(987_654));
    assert_eq!(wb.travel(), Some(id), "a bad id leaves the view as it was");
    // an entry that leaves the timeline takes the past with it
    wb.apply(Op::ClearLog);
    wb.apply(Op::TravelTo(id));
    assert_eq!(wb.past(), None);
}

#[test]
fn travel_keeps_the_state_after_each_redirect_hop() {
    let mut wb = open("lesson=auth&variant=fixed");
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    assert!(body(&wb, Victim).contains("alice"));
    let entries = wb.timeline().entries().to_vec();
    let login = entries
        .iter()
        .find(|e| {
            e.exchange
                .as_ref()
                .is_some_and(|x| x.url.target().starts_with("/login"))
        })
        .unwrap();
    let user = entries
        .iter()
        .rev()
        .find(|e| e.exchange.as_ref().is_some_and(|x| x.hop == 1))
        .unwrap();
    // the fixed login regenerates: a new id in the cookie, alice's session added and the
    // visitor's first one removed; the redirect's request changed neither
    let at_login = travel(&mut wb, login.id);
    assert_eq!(
        past_cookie(&at_login, "connect.sid").1,
        Some(Change::Changed)
    );
    let rows = past_rows(&at_login);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].0.contains("alice") && rows[0].1 == Some(Change::Added),
        "{rows:?}"
    );
    assert!(
        !rows[1].0.contains("alice") && rows[1].1 == Some(Change::Removed),
        "{rows:?}"
    );
    let at_user = travel(&mut wb, user.id);
    assert_eq!(past_cookie(&at_user, "connect.sid").1, None);
    assert!(
        at_user
            .store
            .rows
            .iter()
            .all(|r| r.change != Some(Change::Added)),
        "{:?}",
        past_rows(&at_user)
    );
    // logging out destroys the session: the row is marked removed, with what it held
    wb.apply(Op::BackToNow);
    click(&mut wb, Victim, "退出");
    let logout = wb
        .timeline()
        .entries()
        .iter()
        .rev()
        .find(|e| {
            e.exchange
                .as_ref()
                .is_some_and(|x| x.url.target() == "/logout")
        })
        .unwrap()
        .id;
    let out = travel(&mut wb, logout);
    let rows = past_rows(&out);
    assert!(
        rows.iter()
            .any(|(d, c)| d.contains("alice") && *c == Some(Change::Removed)),
        "{rows:?}"
    );
}

#[test]
fn travel_shows_the_attackers_jar_when_the_jar_pane_does() {
    let mut wb = challenge(ChallengeId::Hijack);
    go(&mut wb, Attacker, "http://localhost:8080/");
    let id = request_ids(&wb).last().copied().unwrap();
    wb.apply(Op::ShowJar(Attacker));
    let p = travel(&mut wb, id);
    assert_eq!(p.browser, Attacker);
    wb.apply(Op::ShowJar(Victim));
    assert_eq!(
        wb.past().unwrap().browser,
        Victim,
        "whose jar is a view, not a change"
    );
}

#[test]
fn travel_in_a_large_store_keeps_only_the_touched_rows() {
    use session_lab::model::visitors::SimConfig;
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    let config = SimConfig {
        visitors: 500,
        returning_pct: 0,
        ..SimConfig::default()
    };
    wb.apply(Op::SimStart(config, true));
    while wb.sim().is_some_and(|r| !r.done()) {
        wb.apply(Op::SimStep(100));
    }
    let held = wb.lab().server.store.len_raw();
    assert!(held > FULL_STORE, "{held}");
    go(&mut wb, Victim, "http://localhost:3000/");
    let ids = request_ids(&wb);
    let p = travel(&mut wb, *ids.last().unwrap());
    assert!(p.store.partial);
    assert_eq!(p.store.total, held);
    let rows = past_rows(&p);
    assert_eq!(rows.len(), 1, "only the learner's own session: {rows:?}");
    assert!(rows[0].0.contains(r#""views":2"#));
    assert_eq!(
        rows[0].1,
        Some(Change::Changed),
        "found as it was in the last whole snapshot"
    );
    // and the first request, before the simulation, still has its whole store
    let p = travel(&mut wb, ids[0]);
    assert!(!p.store.partial);
    assert_eq!(p.store.rows.len(), 1);
}

#[test]
fn a_challenges_first_step_is_measured_against_its_setup() {
    let mut wb = challenge(ChallengeId::Forge);
    go(&mut wb, Victim, &format!("{AUTH}/"));
    let id = request_ids(&wb)[0];
    let p = travel(&mut wb, id);
    // bob's session from the setup was there before: not marked
    let rows = past_rows(&p);
    assert!(
        rows.iter().any(|(d, c)| d.contains("bob") && c.is_none()),
        "{rows:?}"
    );
}

#[test]
fn travel_ends_with_a_simulation_on_the_lab_and_not_with_one_beside_it() {
    use session_lab::model::visitors::SimConfig;
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    let id = request_ids(&wb)[0];
    let config = SimConfig {
        visitors: 50,
        ..SimConfig::default()
    };
    travel(&mut wb, id);
    wb.apply(Op::SimStart(config, false));
    wb.apply(Op::SimStep(10));
    wb.apply(Op::SimStop);
    assert_eq!(wb.travel(), Some(id), "its own server is not the lab");
    wb.apply(Op::SimStart(config, true));
    assert_eq!(wb.past(), None);
    travel(&mut wb, id);
    wb.apply(Op::SimStep(10));
    assert_eq!(
        wb.travel(),
        Some(id),
        "the page's timer asks for the next chunk, not the learner"
    );
    wb.apply(Op::SimStop);
    assert_eq!(wb.past(), None, "stopping it moves the lab's clock");
}

/// A cancelled run says so, with the figures of the requests it ran (the live region kept the
/// last run's finished result, and the panel's result read as a finished run's; keyboard
/// review); a finished run's Cancel changes nothing.
#[test]
fn a_cancelled_simulation_says_it_stopped_and_how_far_it_got() {
    use session_lab::model::visitors::SimConfig;
    let mut wb = open("lesson=middleware");
    let config = SimConfig {
        visitors: 500,
        ..SimConfig::default()
    };
    wb.apply(Op::SimStart(config, false));
    wb.apply(Op::SimStep(10));
    wb.apply(Op::SimStop);
    let said = wb.announcement().text.clone();
    assert!(
        said.starts_with(
            "Cancelled after 10 of 500 requests: the figures below are for those. Requests: 10 "
        ),
        "{said}"
    );
    assert!(wb.sim().unwrap().cancelled);
    wb.apply(Op::SimStart(config, true));
    while !wb.sim().unwrap().done() {
        wb.apply(Op::SimStep(100));
    }
    let finished = wb.announcement().text.clone();
    assert!(finished.contains("Requests: 500 "), "{finished}");
    assert!(!finished.contains("Cancelled"), "{finished}");
    wb.apply(Op::SimStop);
    assert_eq!(wb.announcement().text, finished);
    assert!(!wb.sim().unwrap().cancelled);
    // zh: the same, in Chinese
    let mut zh = open("lesson=middleware&lang=zh");
    zh.apply(Op::SimStart(config, false));
    zh.apply(Op::SimStep(10));
    zh.apply(Op::SimStop);
    assert!(
        zh.announcement()
            .text
            .starts_with("已取消：500 个请求跑了 10 个"),
        "{}",
        zh.announcement().text
    );
}

#[test]
fn a_simulation_beside_the_lab_changes_only_itself_and_one_on_the_lab_changes_the_lab() {
    use session_lab::model::visitors::SimConfig;
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    let config = SimConfig {
        visitors: 300,
        ..SimConfig::default()
    };
    assert!(
        !wb.changes_only_the_simulation(&Op::SimStep(10)),
        "no run yet"
    );
    wb.apply(Op::SimStart(config, false));
    let before = (
        wb.saved_blob(),
        wb.lab().server.store.len_raw(),
        request_ids(&wb),
        wb.lab().now,
    );
    let said = wb.announcement().clone();
    while wb.sim().is_some_and(|r| !r.done()) {
        // the chunks say nothing; the last one says the result (the page then redraws whole)
        assert_eq!(wb.announcement(), &said);
        assert!(wb.changes_only_the_simulation(&Op::SimStep(50)));
        wb.apply(Op::SimStep(50));
    }
    assert_eq!(wb.sim().unwrap().sim.stats.requests, 300);
    assert!(wb.announcement().text.starts_with("Requests: 300"));
    let after = (
        wb.saved_blob(),
        wb.lab().server.store.len_raw(),
        request_ids(&wb),
        wb.lab().now,
    );
    assert_eq!(
        before, after,
        "the page outside the simulation's panel is as it was"
    );
    assert!(!wb.changes_only_the_simulation(&Op::SimStop));
    assert!(!wb.changes_only_the_simulation(&Op::ShowHint));
    // on the lab's own server, a chunk fills the lab's store: the whole page must redraw
    wb.apply(Op::SimStart(config, true));
    assert!(!wb.changes_only_the_simulation(&Op::SimStep(50)));
    let held = wb.lab().server.store.len_raw();
    wb.apply(Op::SimStep(50));
    assert!(wb.lab().server.store.len_raw() > held);
}

/// A run on the lab's server moves the lab's clock by the time its visits took, which its
/// panel says under the result (a phone reviewer saw the clock 2 h 46 min on without a word;
/// the live region said it); a run beside the lab leaves the clock.
#[test]
fn a_simulation_on_the_lab_says_how_far_it_moved_the_clock() {
    use session_lab::model::visitors::{clock_moved_text, SimConfig};
    let mut wb = open("lesson=middleware&lang=en");
    let config = SimConfig {
        visitors: 200,
        spacing: 50_000,
        ..SimConfig::default()
    };
    let start = wb.lab().now;
    wb.apply(Op::SimStart(config, false));
    while wb.sim().is_some_and(|r| !r.done()) {
        wb.apply(Op::SimStep(50));
    }
    assert_eq!(wb.sim().unwrap().moved, 0);
    assert_eq!(wb.lab().now, start);
    wb.apply(Op::SimStart(config, true));
    assert_eq!(wb.sim().unwrap().moved, 0, "not before it ends");
    while wb.sim().is_some_and(|r| !r.done()) {
        wb.apply(Op::SimStep(50));
    }
    let moved = wb.lab().now - start;
    assert_eq!(wb.sim().unwrap().moved, moved);
    assert!(moved >= 199 * 50_000, "{moved}");
    assert_eq!(
        clock_moved_text(Lang::En, moved),
        "The lab's clock moved on by 2 h 47 min, the time these visits took: the cookies in \
         the jar and the sessions in the store aged as much."
    );
    let said = &wb.announcement().text;
    assert!(
        said.starts_with("The clock moved forward 2 h 47 min"),
        "{said}"
    );
    assert_eq!(said.matches("2 h 47 min").count(), 1, "said once: {said}");
    // stopped halfway, as far as it got
    wb.apply(Op::SimStart(config, true));
    wb.apply(Op::SimStep(100));
    let start = wb.lab().now;
    wb.apply(Op::SimStop);
    assert!(wb.lab().now > start);
    assert_eq!(wb.sim().unwrap().moved, wb.lab().now - start);
}

// ---- issue 15: what the live region says ----

/// A language switch is said in the new language (every label around the focus changed;
/// the button kept its name); choosing the language already shown says nothing.
#[test]
fn a_language_switch_is_said_in_the_new_language() {
    let mut wb = open("lesson=cookie");
    wb.apply(Op::SetLang(Lang::En));
    go(&mut wb, Victim, "http://localhost:3000/");
    let before = wb.announcement().clone();
    wb.apply(Op::SetLang(Lang::Zh));
    assert_eq!(wb.announcement().text, "页面现在是中文。");
    assert!(wb.announcement().n > before.n);
    let n = wb.announcement().n;
    wb.apply(Op::SetLang(Lang::Zh));
    assert_eq!(wb.announcement().text, "");
    assert!(wb.announcement().n > n);
    wb.apply(Op::SetLang(Lang::En));
    assert_eq!(wb.announcement().text, "The page is in English now.");
}

#[test]
fn the_live_region_says_the_balance_every_visit_and_a_repeat_is_new() {
    let mut wb = open("lesson=cookie");
    wb.apply(Op::SetLang(Lang::Zh));
    go(&mut wb, Victim, "http://localhost:3000/");
    let first = wb.announcement().clone();
    assert!(
        first
            .text
            .starts_with("完成了第 1 步（共 4 步）。响应 200。页面：欢迎你新顾客"),
        "{}",
        first.text
    );
    assert!(
        first.text.contains("新 cookie：balance。"),
        "{}",
        first.text
    );
    let mut heard = vec![first.clone()];
    for balance in ["90", "80"] {
        wb.apply(Op::Go(Victim));
        let a = wb.announcement().clone();
        assert!(a.text.contains(&format!("还剩{balance}")), "{}", a.text);
        assert!(a.text.contains("cookie 已改变：balance。"), "{}", a.text);
        heard.push(a);
    }
    // the signed card, forged: the same words twice, each a new announcement
    wb.apply(Op::SelectVariant(Variant::Signed));
    wb.apply(Op::Go(Victim));
    let card = cookie(&wb, Victim, "balance").value;
    set_value(
        &mut wb,
        Victim,
        "balance",
        &card.replace("s%3A100.", "s%3A9999."),
    );
    wb.apply(Op::Go(Victim));
    let refused = wb.announcement().clone();
    // the first time, the step it ticks leads and the next one follows the response
    assert!(
        refused
            .text
            .starts_with("完成了第 4 步（共 4 步，已完成 3 步）。cookie-parser：balance 的签名无效，所以 req.signedCookies.balance 是 false。响应 403。"),
        "{}",
        refused.text
    );
    wb.apply(Op::Go(Victim));
    let again = wb.announcement().clone();
    wb.apply(Op::Go(Victim));
    let third = wb.announcement().clone();
    assert!(
        again.text.starts_with("cookie-parser：balance 的签名无效"),
        "{}",
        again.text
    );
    assert!(refused.text.contains(&again.text));
    assert_eq!(again.text, third.text);
    assert_ne!(again.n, third.n);
    heard.extend([refused, again, third]);
    let ns: Vec<u64> = heard.iter().map(|a| a.n).collect();
    assert!(ns.windows(2).all(|w| w[0] < w[1]), "{ns:?}");
}

#[test]
fn after_the_login_redirect_the_live_region_names_both_hops_once_and_no_long_id() {
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let text = wb.announcement().text.clone();
    assert!(
        text.starts_with(
            "Step 1 of 7 done. GET /login redirected to /user. Response 200. Page: 用户页面 (user page)"
        ),
        "{text}"
    );
    assert!(text.contains("欢迎你，alice (welcome, alice)"), "{text}");
    assert!(text.contains("New cookie: connect.sid."), "{text}");
    let sid = cookie(&wb, Victim, "connect.sid").value;
    assert!(
        !text.contains(&sid[4..20]),
        "the id is read out whole: {text}"
    );
    assert!(
        !text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.len() >= 16),
        "{text}"
    );
    // a forged MAC: said in words, without two MACs that would sound alike
    let mut v = sid.clone();
    let last = v.pop().unwrap();
    v.push(if last == 'A' { 'B' } else { 'A' });
    set_value(&mut wb, Victim, "connect.sid", &v);
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let text = wb.announcement().text.clone();
    assert!(
        text.contains("The signature check of connect.sid failed: wrong MAC."),
        "{text}"
    );
    assert!(!text.contains("expected"), "{text}");
}

#[test]
fn a_hint_is_announced_and_the_title_names_the_place() {
    let mut wb = challenge(ChallengeId::Tamper);
    wb.apply(Op::ShowHint);
    assert!(
        wb.announcement().text.starts_with("Hint 1: ") && !wb.announcement().text.contains("  "),
        "{}",
        wb.announcement().text
    );
    assert_eq!(
        wb.place_name(Lang::En),
        format!(
            "Challenge · {}",
            session_lab::i18n::t(Lang::En, ChallengeId::Tamper.spec().title)
        )
    );
    let mut wb = open("lesson=auth");
    assert_eq!(
        wb.place_name(Lang::En),
        "Lesson 4 · Login, user page and logout"
    );
    // a scenario is named by its own title, as its card is; one without, by its lesson
    let (_, text) = session_lab::model::library::LIBRARY
        .iter()
        .find(|(c, _)| *c == "3-middleware")
        .unwrap();
    wb.apply(Op::LoadScenario(text.to_string()));
    let title = wb.scenario().unwrap().title.clone().unwrap();
    assert_eq!(
        wb.place_name(Lang::En),
        format!("Scenario · {}", title.text(false))
    );
    assert_eq!(
        wb.place_name(Lang::Zh),
        format!("场景 · {}", title.text(true))
    );
    assert_ne!(title.text(false), "express-session middleware");
    wb.apply(Op::LoadScenario(
        r#"{"app":"auth","steps":[{"request":{"url":"http://localhost:8080/"}}]}"#.into(),
    ));
    assert!(wb.scenario().is_some_and(|s| s.title.is_none()));
    assert_eq!(
        wb.place_name(Lang::En),
        "Scenario · Login, user page and logout"
    );
}

/// A link's option the lab refuses says why in the words the options form uses, and a value
/// over the lab's own limit says that the limit is the lab's: it used to say express-session
/// would not start, which real express-session, taking a secret of any length, would.
#[test]
fn a_refused_link_option_says_why() {
    let long = "a".repeat(5000);
    let wb = open(&format!(
        "lesson=middleware&lang=en&opt.secret={long}&opt.resave=maybe&opt.unset=x"
    ));
    let texts: Vec<String> = wb.notices().iter().map(|(_, n)| n.text(Lang::En)).collect();
    assert!(
        texts.iter().any(|t| t.starts_with("The link's opt.secret was not used: it is longer than the lab's limit of 4096 bytes (real express-session has no such limit)")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == "The link's opt.resave was not used: it must be true or false."),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("The link's opt.unset was not used: express-session throws TypeError: unset option must be")),
        "{texts:?}"
    );
}

/// A screen reader hears what the card shows change: the step an action ticked, a challenge's
/// stage and the solve before the request's own words (after 600 characters of store calls a
/// keyboard learner waited to hear the step was done), the next step and the explanation
/// after them (a solve used to replace them); and a quiz answer's verdict.
#[test]
fn progress_is_announced_after_the_request() {
    let mut wb = open("lesson=cookie&lang=en");
    go(&mut wb, Victim, "http://localhost:3000/");
    let said = wb.announcement().text.clone();
    let step2 = t(Lang::En, Key::StepCookie2);
    // the step first, the next one last, the request's own words between
    assert!(
        said.starts_with("Step 1 of 4 done. Response 200."),
        "{said}"
    );
    assert!(said.ends_with(&format!("Next: {step2}")), "{said}");
    // the done step's own text is on the card, not said again
    assert!(!said.contains(t(Lang::En, Key::StepCookie1)), "{said}");
    // a request that ticks nothing says nothing of steps
    wb.apply(Op::Go(Victim));
    assert!(!wb.announcement().text.contains(" done."));

    // a challenge: the 403 is still heard with the stage, the why and the solve (the solve
    // alone, without the stage that made it)
    let mut wb = challenge(ChallengeId::Tamper);
    wb.apply(Op::SetLang(Lang::En));
    raise_the_plain_card(&mut wb);
    let said = wb.announcement().text.clone();
    assert!(said.contains("Stage done: "), "{said}");
    assert!(said.contains("Why it worked: "), "{said}");
    // the next visit is only a visit: the explanation is not read again
    go(&mut wb, Victim, "http://localhost:3000/");
    let said = wb.announcement().text.clone();
    assert!(!said.contains("Why it worked"), "{said}");
    raise_the_signed_card(&mut wb);
    let said = wb.announcement().text.clone();
    assert!(wb.is_solved(ChallengeId::Tamper));
    assert!(said.contains("403"), "{said}");
    assert!(said.contains("Why it was stopped: "), "{said}");
    assert!(
        said.starts_with(&format!(
            "Challenge solved! {}. cookie-parser: the signature of balance is invalid, so req.signedCookies.balance is false. Response 403.",
            t(Lang::En, Key::ChTamperTitle)
        )) && !said.contains("Stage done"),
        "{said}"
    );

    // a quiz answer
    let mut wb = open("lesson=cookie&lang=en");
    let q = &LessonId::Cookie.quiz()[0];
    wb.apply(Op::Answer {
        lesson: LessonId::Cookie,
        question: 0,
        choice: q.answer,
    });
    assert_eq!(
        wb.announcement().text,
        format!("Right. {} 1 of 3 right", t(Lang::En, q.why))
    );
    // a wrong one hears why that answer is wrong, then why the right one is right
    wb.apply(Op::Answer {
        lesson: LessonId::Cookie,
        question: 0,
        choice: 2,
    });
    assert_eq!(
        wb.announcement().text,
        "Not quite. This app has no database: the code in the server pane reads \
         req.cookies.balance and writes it back with res.cookie. The server hands the balance to \
         the browser with Set-Cookie and reads it back from the Cookie header; the server keeps \
         nothing itself. 0 of 3 right now, 1 at the first try"
    );
    // a first try that was wrong stays wrong in the score: trying every answer in turn read
    // "3 of 3 right"
    wb.apply(Op::Answer {
        lesson: LessonId::Cookie,
        question: 0,
        choice: LessonId::Cookie.quiz()[0].answer,
    });
    let q = &LessonId::Cookie.quiz()[1];
    let wrong = (0..3).find(|c| *c != q.answer).unwrap();
    for choice in [wrong, q.answer] {
        wb.apply(Op::Answer {
            lesson: LessonId::Cookie,
            question: 1,
            choice,
        });
    }
    assert!(
        wb.announcement()
            .text
            .ends_with("2 of 3 right now, 1 at the first try"),
        "{}",
        wb.announcement().text
    );
    assert_eq!(wb.quiz_right(LessonId::Cookie), 2);
    assert_eq!(wb.quiz_right_first(LessonId::Cookie), 1);
    // the first tries are kept with the page, and go with "do this lesson again"
    let saved = wb.saved().unwrap();
    assert_eq!(
        saved.first_answers,
        vec![
            ("cookie.q1".to_string(), LessonId::Cookie.quiz()[0].answer),
            ("cookie.q2".to_string(), wrong)
        ]
    );
    wb.apply(Op::ForgetProgress);
    assert_eq!(wb.quiz_score(LessonId::Cookie), "0 of 3 right");
    assert!(wb.saved().is_none_or(|s| s.first_answers.is_empty()));
}

/// A hand edit says what it did: a toggled HttpOnly used to read "edited by hand: foo=bar",
/// and a deletion "- connect.sid", which a screen reader reads as "minus".
#[test]
fn hand_edits_say_what_changed() {
    let mut wb = open("lesson=cookie&lang=en");
    go(&mut wb, Victim, "http://localhost:3000/");
    edit(&mut wb, Victim, "balance", CookieField::HttpOnly, "true");
    assert!(cookie(&wb, Victim, "balance").http_only);
    assert_eq!(
        wb.announcement().text,
        "Changed by hand in balance: HttpOnly on."
    );
    edit(&mut wb, Victim, "balance", CookieField::HttpOnly, "false");
    assert_eq!(
        wb.announcement().text,
        "Changed by hand in balance: HttpOnly off."
    );
    edit(&mut wb, Victim, "balance", CookieField::SameSite, "Lax");
    assert_eq!(
        wb.announcement().text,
        "Changed by hand in balance: SameSite Lax."
    );
    set_value(&mut wb, Victim, "balance", "9999");
    assert_eq!(
        wb.announcement().text,
        "Changed by hand in balance: Value now 9999."
    );
    wb.apply(Op::AddCookie(Victim, "x".into(), "y".into()));
    assert_eq!(wb.announcement().text, "Put in the jar by hand: x=y.");
    let c = cookie(&wb, Victim, "x");
    wb.apply(Op::Act(Action::JarRemove {
        browser: Victim,
        name: c.name,
        domain: c.domain,
        path: c.path,
    }));
    assert_eq!(wb.announcement().text, "Deleted by hand: x.");
    wb.apply(Op::SetLang(Lang::Zh));
    // the column as the zh jar pane heads it
    edit(
        &mut wb,
        Victim,
        "balance",
        CookieField::Expires,
        "2030-01-01T00:00:00.000Z",
    );
    assert_eq!(
        wb.announcement().text,
        "手动修改了 balance：过期时间 / Max-Age 2030-01-01T00:00:00.000Z。"
    );
    wb.apply(Op::Act(Action::JarClear(Victim)));
    assert_eq!(wb.announcement().text, "手动清空了 Cookie 罐。");
}

/// The sniffer's lines are the attacker's: listed with the attacker shown, not in a plain
/// lesson where they were a red line under every request.
#[test]
fn the_sniffers_lines_are_listed_with_the_attacker() {
    use session_lab::engine::events::Event;
    use session_lab::model::explain::listed;
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/"));
    let entry = wb.timeline().entries().last().unwrap().clone();
    let events = &entry.exchange.as_ref().unwrap().events;
    let sniffed = events
        .iter()
        .find(|e| matches!(e, Event::Sniffed { .. }))
        .expect("the engine's sniffer saw the plain-http request");
    assert!(!listed(sniffed, false));
    assert!(listed(sniffed, true));
    assert!(events
        .iter()
        .filter(|e| !matches!(e, Event::Sniffed { .. } | Event::SniffBlocked { .. }))
        .all(|e| listed(e, false)));
}

/// With two instances, the jar's verdict box says which one the next request goes to: its
/// store is the one asked, and unnamed the box contradicted the last request (alice greeted
/// by app1, "the store has no such id" about app2).
#[test]
fn the_jar_verdict_names_the_next_instance() {
    use session_lab::model::workbench::verdict_text;
    let mut wb = open("lesson=store&variant=two-memory&lang=en");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let check = wb.server_check(Victim).expect("a session cookie to check");
    let (_, text) = verdict_text(Lang::En, &check);
    let next = check.instance.expect("two instances");
    assert!(
        text.starts_with(&format!("The next request goes to {next}. ")),
        "{text}"
    );
    // and the prediction holds: the next request goes there and gets that verdict
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let last = wb.timeline().entries().last().unwrap().clone();
    let x = last.exchange.as_ref().unwrap();
    assert!(x.events.iter().any(|e| matches!(
        e,
        session_lab::engine::events::Event::Balanced { instance, .. }
            if session_lab::engine::lab::instance_name(*instance) == next
    )));
    // one server: no name
    let mut wb = open("lesson=store&lang=en");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert_eq!(wb.server_check(Victim).unwrap().instance, None);
}

/// A reload in the middle of a challenge starts it again, and says so: it used to drop the
/// learner into a lesson with an empty jar and no word.
#[test]
fn a_reload_mid_challenge_starts_it_again_and_says_so() {
    let mut wb = challenge(ChallengeId::Tamper);
    wb.apply(Op::SetLang(Lang::En));
    raise_the_plain_card(&mut wb);
    assert!(done(&wb, "plain-believed"));
    let back = common::open_seeded("", wb.saved_blob(), 9);
    assert_eq!(back.challenge_id(), Some(ChallengeId::Tamper));
    assert!(!done(&back, "plain-believed"), "from its setup");
    let texts: Vec<String> = back
        .notices()
        .iter()
        .map(|(_, n)| n.text(Lang::En))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("The challenge “Tamper with the balance” started again")),
        "{texts:?}"
    );
    // the learner's first action makes it old news
    let mut acting = common::open_seeded("", wb.saved_blob(), 9);
    assert_eq!(acting.notices().len(), 1);
    go(&mut acting, Victim, "http://localhost:3000/");
    assert!(acting.notices().is_empty());
    // a link to another place opened over it says nothing of the challenge
    let linked = common::open_seeded("lesson=auth", wb.saved_blob(), 9);
    assert_eq!(linked.challenge_id(), None);
    assert!(
        !linked
            .notices()
            .iter()
            .any(|(_, n)| n.text(Lang::En).starts_with("The challenge")),
        "{:?}",
        linked.notices()
    );
    // leaving it, the next reload is the lesson, with no notice
    let mut back = back;
    back.apply(Op::LeaveChallenge);
    let again = common::open_seeded("", back.saved_blob(), 9);
    assert_eq!(again.challenge_id(), None);
    assert!(again.notices().is_empty());
}

/// Time travel is said: the banner appears in the jar pane (on a phone, another tab), and the
/// live region kept the last request's words.
#[test]
fn travelling_is_announced_and_so_is_the_way_back() {
    let mut wb = open("lesson=middleware&lang=en");
    go(&mut wb, Victim, "http://localhost:3000/");
    go(&mut wb, Victim, "http://localhost:3000/");
    let first = wb
        .timeline()
        .entries()
        .iter()
        .find(|e| e.exchange.is_some())
        .unwrap()
        .id;
    wb.apply(Op::TravelTo(first));
    let said = wb.announcement().text.clone();
    assert!(said.starts_with("Showing the state after "), "{said}");
    assert!(said.contains("GET /"), "{said}");
    assert!(said.contains("(read-only)"), "{said}");
    wb.apply(Op::BackToNow);
    assert_eq!(
        wb.announcement().text,
        "Back to now: the jar and the store show the present state."
    );
    // back to now when already there says nothing new
    let n = wb.announcement().n;
    wb.apply(Op::BackToNow);
    assert_eq!(wb.announcement().n, n);
    // an entry that is no request is quoted, without its full stop
    wb.apply(Op::Act(Action::RestartServer));
    let restart = wb.timeline().entries().last().unwrap().id;
    wb.apply(Op::TravelTo(restart));
    let said = wb.announcement().text.clone();
    let quoted = quoted_words(&said);
    assert_eq!(
        quoted,
        Some("The server restarted: 1 session lost, 0 kept"),
        "{said}"
    );
    assert!(said.contains("” (read-only)."), "{said}");
}

/// The words between “ and ” in `text`.
fn quoted_words(text: &str) -> Option<&str> {
    let start = text.find('“')? + '“'.len_utf8();
    let end = text[start..].find('”')? + start;
    Some(&text[start..end])
}

#[test]
fn a_challenge_offers_only_the_variants_its_goal_uses() {
    // weak secret's goal is a signed card: there is no plain card to switch to
    let mut wb = challenge(ChallengeId::WeakSecret);
    assert!(wb.variants().is_empty());
    wb.apply(Op::SelectVariant(Variant::Plain));
    assert_eq!(wb.variant(), Variant::Signed);
    assert!(wb.hide_secret());
    // tamper spans the plain and the signed card; logout the course's and the fixed app
    let mut wb = challenge(ChallengeId::Tamper);
    assert_eq!(wb.variants(), &[Variant::Plain, Variant::Signed]);
    wb.apply(Op::SelectVariant(Variant::Signed));
    assert_eq!(wb.variant(), Variant::Signed);
    let mut wb = challenge(ChallengeId::Logout);
    wb.apply(Op::SelectVariant(Variant::Proxy));
    assert_eq!(wb.variant(), Variant::Seed, "the TLS proxy is not logout's");
    wb.apply(Op::SelectVariant(Variant::Fixed));
    assert_eq!(wb.variant(), Variant::Fixed);
    // a lesson offers all of its own
    let wb = open("lesson=auth");
    assert_eq!(wb.variants().len(), 3);
}

/// A jar cell edit is said whole: a new domain, path or name keeps the row's place and is
/// said with its new value (a Domain edit had said "Put in the jar by hand", as a new cookie),
/// and an Expires in the past says the cookie left the jar, as the jar pane shows it.
#[test]
fn a_jar_edit_says_what_changed_and_that_an_expired_cookie_left() {
    let cases: [(CookieField, &str, &str, &[&str]); 5] = [
        (
            CookieField::Domain,
            "example.com",
            "Changed by hand in balance: Domain example.com.",
            &["keep", "balance"],
        ),
        (
            CookieField::Path,
            "/x",
            "Changed by hand in balance: Path /x.",
            &["keep", "balance"],
        ),
        (
            CookieField::Name,
            "card",
            "Changed by hand in balance: Name card.",
            &["keep", "card"],
        ),
        (
            CookieField::Expires,
            "2000-01-01T00:00:00.000Z",
            "Changed by hand in balance: Expires / Max-Age 2000-01-01T00:00:00.000Z. The jar dropped expired cookies: balance.",
            &["keep"],
        ),
        (
            CookieField::Value,
            "90",
            "Changed by hand in balance: Value now 90.",
            &["keep", "balance"],
        ),
    ];
    for (field, text, said, rows) in cases {
        let mut wb = open("lesson=cookie");
        wb.apply(Op::AddCookie(Victim, "keep".into(), "1".into()));
        go(&mut wb, Victim, "http://localhost:3000/");
        edit(&mut wb, Victim, "balance", field, text);
        assert_eq!(wb.announcement().text, said, "{field:?}");
        // the row stays where it was, under its new key
        let names: Vec<String> = wb
            .jar_rows(Victim)
            .iter()
            .map(|d| d.cookie.name.clone())
            .collect();
        assert_eq!(names, rows, "{field:?}");
    }
    // in Chinese, with the full stops of Chinese
    let mut wb = open("lesson=cookie");
    wb.apply(Op::SetLang(Lang::Zh));
    go(&mut wb, Victim, "http://localhost:3000/");
    edit(&mut wb, Victim, "balance", CookieField::Path, "/x");
    assert_eq!(wb.announcement().text, "手动修改了 balance：路径 /x。");
}

/// A rename onto another cookie's key overwrites that cookie, in the edited row's place, as
/// DevTools does; the jar never holds two cookies with one key.
#[test]
fn a_rename_onto_another_cookie_replaces_it() {
    let mut wb = open("lesson=cookie");
    wb.apply(Op::AddCookie(Victim, "a".into(), "1".into()));
    wb.apply(Op::AddCookie(Victim, "b".into(), "2".into()));
    wb.apply(Op::AddCookie(Victim, "c".into(), "3".into()));
    edit(&mut wb, Victim, "c", CookieField::Name, "a");
    let pairs: Vec<String> = wb
        .jar_rows(Victim)
        .iter()
        .map(|d| format!("{}={}", d.cookie.name, d.cookie.value))
        .collect();
    assert_eq!(pairs, ["b=2", "a=3"]);
    // and says so: the a=1 it replaced is gone
    assert_eq!(
        wb.announcement().text,
        "Changed by hand in c: Name a. It replaced the a already in the jar with that name, domain and path."
    );
}

/// The server's console reads as a terminal does, oldest first: alice's session printed by
/// her /user before bob's (it had listed the newest request first, each request's own lines
/// in order), and only the latest lines.
#[test]
fn the_console_lists_what_was_printed_oldest_first() {
    let mut wb = open("lesson=auth");
    for who in ["alice", "bob"] {
        go(&mut wb, Victim, &format!("{AUTH}/login?username={who}"));
    }
    let lines = wb.timeline().console_tail(8);
    let at = |name: &str| {
        lines
            .iter()
            .position(|l| l.contains(&format!("username: '{name}'")))
            .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
    };
    assert!(at("alice") < at("bob"), "{lines:?}");
    for _ in 0..10 {
        go(&mut wb, Victim, &format!("{AUTH}/user"));
    }
    let tail = wb.timeline().console_tail(3);
    assert_eq!(tail.len(), 3);
    assert_eq!(tail, wb.timeline().console_tail(8)[5..]);
}

/// The console shows how the server was started, as a terminal does: in production, which is
/// why MemoryStore's warning follows and an error page says only `Internal Server Error`
/// (real Node started with a bare `node app.js` prints neither). Again at each restart, and for
/// the apps without express-session too.
#[test]
fn the_console_shows_the_command_that_started_the_server() {
    let mut wb = open("lesson=auth");
    let memory = "$ NODE_ENV=production node app.js\nWarning: connect.session() MemoryStore is not\ndesigned for a production environment, as it will leak\nmemory, and will not scale past a single process.";
    assert_eq!(wb.timeline().console_tail(8), [memory]);
    wb.apply(Op::Act(Action::RestartServer));
    assert_eq!(wb.timeline().console_tail(8), [memory, memory]);
    let wb = open("lesson=manual");
    assert_eq!(
        wb.timeline().console_tail(8),
        ["$ NODE_ENV=production node app.js"]
    );
}

/// The timeline reads in the order things happened: the login's 302, then the redirect it
/// caused, then the /user it led to (the redirect's line had come before the request that
/// answered with it).
#[test]
fn a_redirect_is_logged_after_the_request_that_answered_with_it() {
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let lines: Vec<String> = wb
        .timeline()
        .entries()
        .iter()
        .filter_map(|e| match (&e.exchange, e.events.first()) {
            (Some(x), _) => Some(format!("{} {}", x.url.path, x.response.status)),
            (None, Some(Event::Redirected { to, .. })) => Some(format!("→ {to}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        lines,
        ["/login 302", "→ http://localhost:8080/user", "/user 200"]
    );
    // the redirect's line holds the state after the 302 (time travel to it shows the cookie)
    let entries = wb.timeline().entries();
    assert_eq!(
        entries[entries.len() - 2].after,
        entries[entries.len() - 3].after
    );
}

/// Lesson 4 behind the TLS proxy: the banner says the login's response carried no
/// Set-Cookie and why, where the step sends the learner (it had said only "no cookie for the
/// server to check", the reason folded away in the timeline). The fixed proxy setting sends it.
#[test]
fn the_banner_says_when_cookie_secure_kept_the_cookie_home() {
    let mut wb = open("lesson=auth&lang=en");
    wb.apply(Op::SelectVariant(Variant::Proxy));
    go(
        &mut wb,
        Victim,
        "https://localhost:8080/login?username=alice",
    );
    let last = wb.last_request().expect("a request");
    assert_eq!(last.hops[0].target, "/login?username=alice");
    assert_eq!(last.unsent.len(), 1, "{:?}", last.unsent);
    let (hop, why) = &last.unsent[0];
    assert_eq!(*hop, 0, "the login's own response");
    let text = session_lab::model::workbench::unsent_text(Lang::En, why);
    assert!(
        text.starts_with("✗ No Set-Cookie: cookie.secure is on"),
        "{text}"
    );
    assert_eq!(last.tone(), Some(session_lab::model::explain::Tone::Bad));
    // a plain login sends its cookie: nothing kept home
    let mut wb = open("lesson=auth&lang=en");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert!(wb.last_request().unwrap().unsent.is_empty());
}

/// A 500 says so in the banner: the app threw (String() of an object with its own toString,
/// as Node does), where the banner had stayed green for the cookie that checked out.
#[test]
fn the_banner_says_the_app_threw() {
    let mut wb = open("lesson=auth&lang=en");
    go(
        &mut wb,
        Victim,
        &format!("{AUTH}/login?username[toString]=x"),
    );
    let last = wb.last_request().unwrap();
    assert_eq!(last.status(), 500);
    let said: Vec<String> = last
        .errors
        .iter()
        .map(|(_, m)| session_lab::model::workbench::error_text(Lang::En, m))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("✗ The app threw, and Express answered 500: TypeError"),
        "{said:?}"
    );
    // ejs puts the file first and the thrown message last: both are said
    assert!(
        said[0].ends_with("Cannot convert object to primitive value"),
        "{said:?}"
    );
    assert_eq!(last.tone(), Some(session_lab::model::explain::Tone::Bad));
    // an ordinary login throws nothing
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert!(wb.last_request().unwrap().errors.is_empty());
}

#[test]
fn a_timeline_row_names_the_store_calls_its_request_made() {
    // lesson 3's step 2 compares them route by route: each row names them, in order
    use session_lab::engine::store::StoreOp::{Destroy, Get, Set, Touch};
    let mut wb = open("lesson=middleware");
    // the newest request's exchange (a note may follow it in the timeline)
    let newest = |wb: &Workbench| {
        let x = wb
            .timeline()
            .last_request()
            .and_then(|e| e.exchange.clone());
        x.unwrap()
    };
    let calls = |wb: &mut Workbench, path: &str| {
        go(wb, Victim, &format!("http://localhost:3000{path}"));
        newest(wb).store_calls
    };
    assert_eq!(calls(&mut wb, "/"), [Set]);
    assert_eq!(calls(&mut wb, "/peek"), [Get, Set]);
    assert_eq!(calls(&mut wb, "/regenerate"), [Get, Destroy, Set]);
    assert_eq!(calls(&mut wb, "/destroy"), [Get, Destroy]);
    let mut off = Map::new();
    off.insert("resave".into(), Value::Bool(false));
    wb.apply(Op::Configure(off));
    calls(&mut wb, "/");
    assert_eq!(calls(&mut wb, "/peek"), [Get, Touch]);
    // lesson 1's cookie-only app has no store: nothing to name
    let mut plain = open("lesson=cookie");
    go(&mut plain, Victim, "http://localhost:3000/");
    let x = newest(&plain);
    assert_eq!(x.response.status, 200);
    assert!(x.store_calls.is_empty());
}

#[test]
fn the_banner_says_the_jar_took_the_new_cookie_only_while_it_holds_it() {
    // lesson 3, maxAge a minute: a forged cookie is rejected, the server starts a new session
    // and the jar takes its cookie; a minute on the jar drops it, and "the jar took that new
    // cookie" (present in the banner) would be stale under an empty jar
    let mut wb = open("lesson=middleware");
    let over = options(&wb, json!({"cookie": {"maxAge": 60000}}));
    wb.apply(Op::Configure(over));
    go(&mut wb, Victim, "http://localhost:3000/");
    let v = cookie(&wb, Victim, "connect.sid").value;
    set_value(
        &mut wb,
        Victim,
        "connect.sid",
        &format!("{}A", &v[..v.len() - 1]),
    );
    go(&mut wb, Victim, "http://localhost:3000/peek");
    let last = wb.last_request().unwrap();
    assert!(!last.accepted());
    assert!(last.new_session, "{last:?}");
    wb.apply(Op::Act(Action::Advance(61_000)));
    assert!(wb.lab().victim.jar.cookies().is_empty());
    let after = wb.last_request().unwrap();
    assert!(!after.new_session, "{after:?}");
    // the rest of the verdict is the request's and stays
    assert_eq!(after.checks, last.checks);
}

#[test]
fn an_empty_secret_from_a_link_fails_each_request_and_the_banner_says_why() {
    // express-session refuses to work without a secret, at each request, as Node does; the
    // banner names what it threw (a link had left the learner with a bare 500)
    let mut wb = open("lesson=middleware&opt.secret=");
    go(&mut wb, Victim, "http://localhost:3000/");
    let last = wb.last_request().unwrap();
    assert_eq!(last.hops[0].status, 500);
    assert!(
        last.errors
            .iter()
            .any(|(_, e)| e.contains("secret option required for sessions")),
        "{:?}",
        last.errors
    );
}

#[test]
fn the_server_pane_says_the_restart_until_the_next_request() {
    let mut wb = open("lesson=manual");
    assert!(
        wb.timeline().restart_since_request().is_none(),
        "a first start"
    );
    go(&mut wb, Victim, "http://localhost:9090/");
    wb.apply(Op::Act(Action::RestartServer));
    let lost = |wb: &Workbench| match wb.timeline().restart_since_request() {
        Some(Event::ServerStarted { lost, .. }) => Some(*lost),
        _ => None,
    };
    // the hand-built app's notebook lived in memory: its card is lost
    assert_eq!(lost(&wb), Some(1));
    // the clock moving is not a request: still said
    wb.apply(Op::Act(Action::Advance(60_000)));
    assert_eq!(lost(&wb), Some(1));
    wb.apply(Op::Go(Victim));
    assert_eq!(lost(&wb), None, "a request came since");
    wb.apply(Op::Act(Action::RestartServer));
    assert_eq!(lost(&wb), Some(1), "the newest restart");
}

#[test]
fn the_jars_export_is_announced_with_its_count() {
    let mut wb = open("lesson=cookie&lang=en");
    wb.apply(Op::SayExported(0));
    assert_eq!(
        wb.announcement().text,
        "Exported 0 cookies into the text box above."
    );
    wb.apply(Op::SayExported(1));
    assert_eq!(
        wb.announcement().text,
        "Exported 1 cookie into the text box above."
    );
    let mut zh = open("lesson=cookie&lang=zh");
    zh.apply(Op::SayExported(2));
    assert_eq!(
        zh.announcement().text,
        "已把 2 个 cookie 导出到上面的文本框里。"
    );
}

#[test]
fn reset_is_announced() {
    let mut wb = open("lesson=manual");
    go(&mut wb, Victim, "http://localhost:9090/");
    wb.apply(Op::Reset);
    assert!(wb.jar_rows(Victim).is_empty());
    assert_eq!(wb.announcement().text, "Reset: the lab starts afresh.");
    let mut zh = open("lesson=manual&lang=zh");
    zh.apply(Op::Reset);
    assert_eq!(zh.announcement().text, "实验室已重置。");
    wb.apply(Op::ClearLog);
    assert_eq!(wb.announcement().text, "The timeline is empty now.");
}

/// The page's two live regions take turns by the announcement's number: an action that moved
/// it by two (a Reset cleared the words as its place started again, then said "Lab reset")
/// spoke in the region that had said the same words last, and a second Reset was silent.
#[test]
fn each_action_is_one_announcement_so_a_repeat_is_heard() {
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, "http://localhost:8080/");
    for op in [
        Op::Reset,
        Op::Reset,
        Op::SelectVariant(Variant::Fixed),
        Op::SelectVariant(Variant::Seed),
        Op::SelectVariant(Variant::Seed),
        Op::SelectLesson(LessonId::Cookie),
        Op::Reset,
    ] {
        let (n, label) = (wb.announcement().n, format!("{op:?}"));
        wb.apply(op);
        assert_eq!(wb.announcement().n, n + 1, "{label}");
        assert!(
            !wb.announcement().text.is_empty() || label.starts_with("SelectLesson"),
            "{label}"
        );
    }
    let n = wb.announcement().n;
    go(&mut wb, Victim, "http://localhost:8080/");
    assert_eq!(wb.announcement().n, n + 1);
}

#[test]
fn a_finished_simulation_says_its_result() {
    use session_lab::model::visitors::{result_text, SimConfig};
    for on_lab in [false, true] {
        let mut wb = open("lesson=middleware");
        let config = SimConfig {
            visitors: 40,
            ..SimConfig::default()
        };
        wb.apply(Op::SimStart(config, on_lab));
        wb.apply(Op::SimStep(10));
        let n = wb.announcement().n;
        assert!(!wb.sim().unwrap().done());
        wb.apply(Op::SimStep(100));
        let run = wb.sim().unwrap();
        assert!(run.done());
        let said = &wb.announcement().text;
        assert!(wb.announcement().n > n);
        assert!(
            said.ends_with(&result_text(Lang::En, &run.sim.stats)),
            "{on_lab}: {said}"
        );
    }
}

#[test]
fn along_redirects_each_verdict_is_said_after_the_request_that_met_it() {
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/"));
    let v = cookie(&wb, Victim, "connect.sid").value;
    let forged = format!(
        "{}{}",
        &v[..v.len() - 1],
        if v.ends_with('A') { 'B' } else { 'A' }
    );
    set_value(&mut wb, Victim, "connect.sid", &forged);
    submit(&mut wb, Victim, &[("username", "alice")]);
    let said = wb.announcement().text.clone();
    // the login met the forged MAC, the page it led to the new, valid cookie
    let login = said
        .find("At POST /login:")
        .or_else(|| said.find("At GET /login:"));
    let user = said.find("At GET /user:");
    assert!(login.is_some() && user.is_some(), "{said}");
    assert!(login < user, "{said}");
    let failed = said.find("wrong MAC").expect(&said);
    let valid = said.find("has a valid signature").expect(&said);
    assert!(
        login.unwrap() < failed && failed < user.unwrap() && user.unwrap() < valid,
        "{said}"
    );
    // and the rejection leads, before the redirect and the page (it sat in the middle of the
    // store calls; keyboard review), said once
    let redirected = said.find("redirected").expect(&said);
    assert!(failed < redirected, "{said}");
    assert_eq!(said.matches("wrong MAC").count(), 1, "{said}");
    // one request: no request named
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(
        !wb.announcement().text.contains("At GET"),
        "{}",
        wb.announcement().text
    );
}

#[test]
fn the_attackers_requests_are_said_as_the_attackers() {
    let mut wb = open("challenge=fixation");
    go(&mut wb, Attacker, &format!("{AUTH}/"));
    assert!(
        wb.announcement()
            .text
            .starts_with("The attacker's browser:"),
        "{}",
        wb.announcement().text
    );
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert!(!wb.announcement().text.contains("attacker"));
}

#[test]
fn a_session_the_store_lost_and_a_cookie_kept_home_are_said() {
    use session_lab::model::options_form::{with_field, FieldKind};
    let own = session_lab::engine::server::App::Counter.own_options();
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    // lesson 3's unsaved step: saveUninitialized false, restart, /peek with the old cookie
    let draft = wb.lab().server.options.source.clone();
    let draft = with_field(
        &draft,
        &own,
        "saveUninitialized",
        FieldKind::Choice(&[]),
        "false",
    );
    wb.apply(Op::Configure(draft));
    go(&mut wb, Victim, "http://localhost:3000/peek");
    let said = wb.announcement().text.clone();
    let valid = said.find("has a valid signature").expect(&said);
    let lost = said.find("the store does not have the id").expect(&said);
    let home = said
        .find("No Set-Cookie, and the store is not written: the new session was not modified")
        .expect(&said);
    // the reason said once, for the cookie and the store together (it was said at the start
    // and again at the end; review)
    assert_eq!(
        said.matches("saveUninitialized is false").count(),
        1,
        "{said}"
    );
    // the cookie kept home leads (the step's point had come after 220 characters of ids;
    // newcomer review), then the verdict and the store's miss, in the order they came
    assert!(home < valid && valid < lost, "{said}");
    // a session the store has, and nothing kept home: neither is said
    go(&mut wb, Victim, "http://localhost:3000/");
    go(&mut wb, Victim, "http://localhost:3000/peek");
    let said = wb.announcement().text.clone();
    assert!(said.contains("has a valid signature"), "{said}");
    assert!(!said.contains("store does not have"), "{said}");
    assert!(!said.contains("No Set-Cookie"), "{said}");
}

#[test]
fn the_last_request_bar_stops_reading_as_a_pass_once_a_restart_lost_its_session() {
    use session_lab::model::explain::Tone;
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    go(&mut wb, Victim, "http://localhost:3000/");
    let last = wb.last_request().unwrap();
    assert_eq!(last.tone(), Some(Tone::Good));
    assert_eq!(last.lost_since, 0);
    // the MemoryStore's session is gone: the green "the store has the session" is history
    wb.apply(Op::Act(Action::RestartServer));
    let last = wb.last_request().unwrap();
    assert_eq!(last.lost_since, 1);
    assert_eq!(last.tone(), None);
    // the next request is checked afresh
    go(&mut wb, Victim, "http://localhost:3000/");
    let last = wb.last_request().unwrap();
    assert_eq!(last.lost_since, 0);
    assert_eq!(last.tone(), Some(Tone::Warn), "a valid id the store lost");
    // a restart that lost nothing (the persistent store) leaves the verdict standing
    let mut wb = open("lesson=store");
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    wb.apply(Op::Act(Action::RestartServer));
    assert_eq!(wb.last_request().unwrap().lost_since, 0);
    assert_eq!(wb.last_request().unwrap().tone(), Some(Tone::Good));
}

/// The options form's unapplied changes are the page's to report (the form tells it), and
/// another lesson's form starts clean; applying is the form's word, not the model's guess.
#[test]
fn the_options_forms_pending_changes_are_held_until_another_app_starts() {
    let mut wb = open("lesson=middleware");
    assert!(!wb.form_pending(ServerForm::Options));
    let before = wb.announcement().n;
    wb.apply(Op::FormPending(ServerForm::Options, true));
    assert!(wb.form_pending(ServerForm::Options));
    // a screen reader hears the words by the Apply button as they appear, and once: the
    // learner's next edit to the same draft says nothing more
    let form_said = t(Lang::En, ServerForm::Options.pending_form_key());
    assert_eq!(wb.announcement().text, form_said);
    assert_eq!(wb.announcement().n, before + 1);
    wb.apply(Op::FormPending(ServerForm::Options, true));
    assert_eq!(wb.announcement().n, before + 1);
    assert!(
        !(wb.ran_with_pending() == [ServerForm::Options]),
        "no request since"
    );
    // a request does not apply them, and ran the old options
    let pending_said = t(Lang::En, Key::OptionsPendingBar);
    assert!(!wb.announcement().text.contains(pending_said));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.form_pending(ServerForm::Options));
    assert!((wb.ran_with_pending() == [ServerForm::Options]));
    // and a screen reader hears it after the response, as the bar shows it under the verdict
    let said = &wb.announcement().text;
    let (response, pending) = (said.find("Response 200"), said.find(pending_said));
    assert!(
        response.is_some_and(|r| pending.is_some_and(|p| r < p)),
        "{said}"
    );
    // still pending as the learner edits on: the request is still the one made meanwhile
    wb.apply(Op::FormPending(ServerForm::Options, true));
    assert!((wb.ran_with_pending() == [ServerForm::Options]));
    wb.apply(Op::FormPending(ServerForm::Options, false));
    assert!(!wb.form_pending(ServerForm::Options));
    assert!(!(wb.ran_with_pending() == [ServerForm::Options]));
    // pending again after that request: it ran options that were then the form's
    wb.apply(Op::FormPending(ServerForm::Options, true));
    assert!(!(wb.ran_with_pending() == [ServerForm::Options]));
    wb.apply(Op::SelectLesson(LessonId::Auth));
    assert!(
        !wb.form_pending(ServerForm::Options),
        "another app's form starts from its options"
    );
}

/// The deployment's form says the same as the options': lesson 6's step 7 typed store delays
/// and sent the requests at once without applying them, and no race came, without a word.
/// Each form is its own: both held, the bar names both, in the server pane's order.
#[test]
fn the_deployments_pending_changes_are_held_beside_the_options() {
    let mut wb = open("lesson=store");
    wb.apply(Op::FormPending(ServerForm::Deploy, true));
    assert!(wb.form_pending(ServerForm::Deploy));
    assert_eq!(
        wb.announcement().text,
        t(Lang::En, ServerForm::Deploy.pending_form_key())
    );
    assert!(!wb.form_pending(ServerForm::Options));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert_eq!(wb.ran_with_pending(), [ServerForm::Deploy]);
    wb.apply(Op::FormPending(ServerForm::Options, true));
    assert_eq!(
        wb.ran_with_pending(),
        [ServerForm::Deploy],
        "the options since"
    );
    go(&mut wb, Victim, &format!("{AUTH}/"));
    assert_eq!(
        wb.ran_with_pending(),
        [ServerForm::Options, ServerForm::Deploy]
    );
    assert_eq!(
        (ServerForm::ALL.map(|f| t(Lang::En, f.pending_bar_key()))),
        [
            "This ran with the server's old options: the changes in the express-session options are not applied until you press Apply and restart the server.",
            "This ran with the old deployment: the changes in the Deployment are not applied until you press Apply and restart."
        ]
    );
    wb.apply(Op::FormPending(ServerForm::Deploy, false));
    assert_eq!(wb.ran_with_pending(), [ServerForm::Options]);
    wb.apply(Op::SelectVariant(Variant::TwoMemory));
    assert!(
        ServerForm::ALL.iter().all(|f| !wb.form_pending(*f)),
        "another variant's forms start from its own"
    );
}

/// A MAC edited into a broken %-escape: the value sent starts with `s%3A`, and "no s:
/// prefix" alone read as a wrong verdict (the jar's explanation went with the cookie the
/// server replaced). The bar says why; a plain unsigned value gets no such words.
#[test]
fn the_bar_says_an_undecodable_value_was_kept_raw() {
    let mut wb = challenge(ChallengeId::Forge);
    let good = cookie(&wb, Victim, "connect.sid").value;
    let (payload, _) = good.rsplit_once('.').unwrap();
    for (value, decode_failed) in [
        (format!("{payload}.%ZZ{}", "A".repeat(40)), true),
        (anatomy(&good).unwrap().payload, false),
    ] {
        set_value(&mut wb, Victim, "connect.sid", &value);
        go(&mut wb, Victim, &format!("{AUTH}/user"));
        let last = wb.last_request().unwrap();
        let (_, c) = &last.checks[0];
        assert_eq!(
            c.result,
            CheckResult::NotSigned { decode_failed },
            "{value}"
        );
        assert_eq!(
            check_text(Lang::En, c),
            "✗ connect.sid: not signed (no s: prefix), so the server ignores the value."
        );
        let aside = check_aside(Lang::En, c);
        if decode_failed {
            assert!(aside
                .unwrap()
                .starts_with("A %-escape in it does not decode"));
            assert!(check_aside(Lang::Zh, c).unwrap().contains("s%3A"));
        } else {
            assert_eq!(aside, None, "{value}");
        }
    }
    // lesson 1's signed card, read by cookie-parser: the same words
    let mut wb = open("lesson=cookie&variant=signed");
    go(&mut wb, Victim, "http://localhost:3000/");
    set_value(&mut wb, Victim, "balance", "s%3A9999.%ZZ");
    go(&mut wb, Victim, "http://localhost:3000/");
    let (_, c) = &wb.last_request().unwrap().checks[0];
    assert_eq!(
        c.result,
        CheckResult::NotSigned {
            decode_failed: true
        }
    );
}

/// Lesson 1's signed card replaced whole by an unsigned value: cookie-parser takes it for no
/// card, and the app hands out a new one. The bar had said "not signed, so the server ignores
/// the value" and the jar's verdict below it "Accepted" (of the new card), with nothing to say
/// a new card had come; a forged MAC gets a 403 and no new card, and no such words.
#[test]
fn the_bar_says_a_rejected_card_was_replaced_by_a_new_one() {
    let replaced = || {
        let mut wb = open("lesson=cookie&variant=signed");
        go(&mut wb, Victim, "http://localhost:3000/");
        let issued = cookie(&wb, Victim, "balance").value;
        set_value(&mut wb, Victim, "balance", "9999");
        go(&mut wb, Victim, "http://localhost:3000/");
        (wb, issued)
    };
    let (mut wb, issued) = replaced();
    let last = wb.last_request().unwrap();
    let (_, c) = &last.checks[0];
    assert!(c.replaced);
    assert_eq!(last.fate(), Some(Key::BannerNewCookie));
    assert_eq!(
        session_lab::i18n::fill(t(Lang::En, Key::BannerNewCookie), &[("name", &c.name)]),
        "The jar now holds a new balance: the app took the one checked above for none, and its response set a new one in its place."
    );
    assert_eq!(
        cookie(&wb, Victim, "balance").value,
        issued,
        "a new card of 100"
    );
    // deleted from the jar since: the present tense would be stale
    let (mut gone, _) = replaced();
    let c = cookie(&gone, Victim, "balance");
    gone.apply(Op::Act(Action::JarRemove {
        browser: Victim,
        name: c.name,
        domain: c.domain,
        path: c.path,
    }));
    assert_eq!(gone.last_request().unwrap().fate(), None);
    // the MAC edited: 403, and the jar keeps the edited card
    let forged = issued.replace("s%3A100.", "s%3A900.");
    set_value(&mut wb, Victim, "balance", &forged);
    go(&mut wb, Victim, "http://localhost:3000/");
    let last = wb.last_request().unwrap();
    assert!(matches!(last.checks[0].1.result, CheckResult::Rejected(_)));
    assert!(!last.checks[0].1.replaced);
    assert_eq!(last.fate(), None);
    // a session app's unsigned id: the bar's own note of the new session, not this one
    let mut wb = challenge(ChallengeId::Forge);
    set_value(&mut wb, Victim, "connect.sid", "abc");
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let last = wb.last_request().unwrap();
    assert!(!last.checks[0].1.replaced);
    assert_eq!(last.fate(), Some(Key::BannerNewSession));
}

/// The fixed login's `regenerate`: the redirect to /user carries the new session's cookie,
/// and the bar's "the store has the session" had read as the session from before the login.
#[test]
fn the_last_request_bar_says_a_check_is_of_the_new_session_an_earlier_request_made() {
    let mut wb = open("lesson=auth&variant=fixed");
    go(&mut wb, Victim, &format!("{AUTH}/"));
    let before = cookie(&wb, Victim, "connect.sid").value;
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    assert_ne!(cookie(&wb, Victim, "connect.sid").value, before);
    let last = wb.last_request().unwrap();
    let new_from: Vec<_> = last
        .checks
        .iter()
        .map(|(h, c)| (*h, c.new_from.clone()))
        .collect();
    assert_eq!(
        new_from,
        [
            (0, None),
            (1, Some("GET /login?username=alice".to_string()))
        ]
    );
    let (_, at_user) = &last.checks[1];
    assert_eq!(
        check_text(Lang::En, at_user),
        "✓ connect.sid: signature verified, and the store has the session."
    );
    assert_eq!(
        check_aside(Lang::En, at_user).unwrap(),
        "The cookie is the one GET /login?username=alice just set, for the new session it made."
    );
    assert!(check_aside(Lang::Zh, at_user)
        .unwrap()
        .starts_with("这个 cookie 是 GET /login?username=alice 刚发的"));
    assert_eq!(check_aside(Lang::En, &last.checks[0].1), None);
    // the course's login keeps the session it had: no such words
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/"));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let last = wb.last_request().unwrap();
    assert!(
        last.checks.iter().all(|(_, c)| c.new_from.is_none()),
        "{last:?}"
    );
}

/// Lesson 3's `/destroy`: the bar checked a session the request then destroyed. It said only
/// "signature verified, and the store has the session", green above a struck-out store row
/// and the jar's "no such id" (a walkthrough read the two as contradicting each other).
#[test]
fn the_last_request_bar_says_when_the_session_it_checked_was_then_destroyed() {
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(!wb.last_request().unwrap().destroyed);
    go(&mut wb, Victim, "http://localhost:3000/destroy");
    let last = wb.last_request().unwrap();
    assert!(last.accepted(), "the check itself passed");
    assert!(last.destroyed);
    assert!(!last.new_session);
    assert_eq!(last.fate(), Some(Key::BannerDestroyed));
    // no longer green: what it found is gone (the bar's note says so)
    assert!(last.is_history());
    assert_eq!(last.tone(), None);
    // the next request checks the cookie afresh: the store has no such id
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(!wb.last_request().unwrap().destroyed);
    assert!(!wb.last_request().unwrap().is_history());
    // /regenerate destroys too, but a new session takes its place: that note, not this one
    go(&mut wb, Victim, "http://localhost:3000/regenerate");
    let last = wb.last_request().unwrap();
    assert!(last.new_session);
    assert!(!last.destroyed);
    assert_eq!(last.fate(), Some(Key::BannerDestroyedReplaced));
    // the fixed app's logout destroys and clears the cookie: nothing in the jar names the
    // session that went
    let mut wb = open("lesson=auth");
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    let last = wb.last_request().unwrap();
    assert!(!last.destroyed);
    // ... which the bar says (it had read only "signature verified, and the store has the
    // session", green, after the logout)
    assert!(last.destroyed_cleared);
    assert!(last.accepted() && last.new_session);
    assert_eq!(last.fate(), Some(Key::BannerDestroyedReplaced));
    assert!(last.is_history());
    // with saveUninitialized: false the page after it sends no new cookie: the jar is empty
    wb.apply(Op::Configure(options(
        &wb,
        json!({"saveUninitialized": false}),
    )));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    let last = wb.last_request().unwrap();
    assert!(!last.new_session, "{last:?}");
    assert_eq!(last.fate(), Some(Key::BannerDestroyedCleared));
    // the course's logout destroys nothing: no such line
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    let last = wb.last_request().unwrap();
    assert!(!last.destroyed && !last.destroyed_cleared);
    assert!(!last.is_history());
    // a cookie deleted by hand destroys nothing either
    let mut wb = open("lesson=auth&variant=fixed");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    wb.apply(Op::Act(Action::JarRemove {
        browser: Victim,
        name: "connect.sid".into(),
        domain: "localhost".into(),
        path: "/".into(),
    }));
    let last = wb.last_request().unwrap();
    assert!(!last.destroyed && !last.destroyed_cleared);
}

/// What the Last request bar warns about is said too: the steps whose point is the warning
/// (a login behind the proxy that gets no cookie, a session the restart lost) had read as a
/// success to a screen reader.
#[test]
fn the_bars_warnings_are_said() {
    // lesson 4, behind the TLS proxy: the login's Set-Cookie stays home
    let mut wb = open("lesson=auth&lang=en");
    wb.apply(Op::SelectVariant(Variant::Proxy));
    go(&mut wb, Victim, "https://localhost:8080/");
    submit(&mut wb, Victim, &[("username", "alice")]);
    let said = wb.announcement().text.clone();
    assert!(
        said.contains("No Set-Cookie: cookie.secure is on"),
        "{said}"
    );
    assert!(!said.contains('✗') && !said.contains('⚠'), "{said}");
    // lesson 5, MemoryStore: logged in, restarted, /user
    let mut wb = open("lesson=store&lang=en");
    wb.apply(Op::SelectVariant(Variant::Memory));
    go(&mut wb, Victim, &format!("{AUTH}/"));
    submit(&mut wb, Victim, &[("username", "alice")]);
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    let said = wb.announcement().text.clone();
    assert!(said.contains("the store does not have the id"), "{said}");
}

/// Leaving a challenge that ended in another variant than its lesson starts in (tamper on
/// the signed cookie) goes back to the lesson's first variant, where its first step ticks, and
/// says where the learner is.
#[test]
fn leaving_a_challenge_goes_back_to_the_lessons_first_variant() {
    let mut wb = open("lesson=cookie");
    wb.apply(Op::StartChallenge(ChallengeId::Tamper));
    wb.apply(Op::SelectVariant(Variant::Signed));
    assert_eq!(wb.variant(), Variant::Signed);
    wb.apply(Op::LeaveChallenge);
    assert_eq!(wb.challenge_id(), None);
    assert_eq!(wb.lesson(), LessonId::Cookie);
    assert_eq!(wb.variant(), LessonId::Cookie.default_variant());
    let said = wb.announcement().text.clone();
    assert!(said.starts_with("Back to the lesson "), "{said}");
    assert!(
        said.contains("The lab starts afresh. To go on with the challenge"),
        "{said}"
    );
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(ticked(&wb), ["first-card"]);
}

/// Options that add a block to the app's code move the lines below it: after the restart the
/// last request's statements are highlighted where they now are (a walkthrough saw comments
/// highlighted where they had been).
#[test]
fn a_restart_with_other_code_highlights_the_last_requests_lines_where_they_now_are() {
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let text = |wb: &Workbench| {
        let source = wb.lab().server.source();
        let lines: Vec<&str> = source.lines().collect();
        wb.ran_lines()
            .iter()
            .map(|&n| lines[n - 1].to_string())
            .collect::<Vec<_>>()
    };
    let before = text(&wb);
    let numbers = wb.ran_lines().to_vec();
    assert!(!before.is_empty());
    wb.apply(Op::Configure(options(
        &wb,
        json!({"cookie": {"httpOnly": true, "secure": true}}),
    )));
    assert_ne!(wb.ran_lines(), numbers.as_slice(), "the code moved");
    assert_eq!(text(&wb), before);
}

/// Apply says what it changed: the form's "✓ Applied" was in view, and a screen reader heard
/// only "The server restarted: 0 sessions lost, 0 kept."
#[test]
fn applying_options_says_what_changed() {
    let mut wb = open("#lesson=middleware");
    wb.apply(Op::Configure(options(
        &wb,
        json!({"resave": false, "cookie": {"maxAge": 60000}}),
    )));
    let said = wb.announcement().text.clone();
    assert!(
        said.starts_with("Applied: resave false, cookie.maxAge 60000. The server restarted"),
        "{said}"
    );
    // the code marks the lines the apply wrote, until the next request
    let code = wb.lab().server.source();
    let wrote: Vec<&str> = (wb.changed_lines().iter())
        .map(|&n| code.lines().nth(n - 1).unwrap().trim())
        .collect();
    // with the course's value beside it
    assert!(
        wrote.contains(&"resave: false,  // the course: true"),
        "{wrote:?}"
    );
    assert!(
        wrote.iter().any(|l| l.contains("maxAge: 60000")),
        "{wrote:?}"
    );
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.changed_lines().is_empty());
    // taking an option back out says it is unset; nothing changed says so
    wb.apply(Op::Configure(options(
        &wb,
        json!({"cookie": {"maxAge": null}}),
    )));
    assert!(
        wb.announcement()
            .text
            .starts_with("Applied: cookie.maxAge unset."),
        "{}",
        wb.announcement().text
    );
    let same = wb.lab().config.overrides.clone();
    wb.apply(Op::Configure(same));
    let said = &wb.announcement().text;
    assert!(
        said.starts_with("Applied, with nothing changed. The server restarted: "),
        "{said}"
    );
    assert_eq!(said.matches("restarted").count(), 1, "{said}");
    wb.apply(Op::Configure(options(
        &wb,
        json!({"secret": ["new-secret", "zfpx"], "rolling": false}),
    )));
    assert!(
        (wb.announcement().text).starts_with("Applied: secret [new-secret, zfpx], rolling false."),
        "{}",
        wb.announcement().text
    );
    wb.apply(Op::SetLang(Lang::Zh));
    wb.apply(Op::Configure(options(&wb, json!({"rolling": true}))));
    assert!(
        wb.announcement().text.starts_with("已应用：rolling true。"),
        "{}",
        wb.announcement().text
    );
}

/// Lesson 4's step 4 changes a signed cookie's last character: the live region, which cuts
/// long values to their start, says where the value changed (it said the unchanged start).
#[test]
fn a_value_edited_past_its_spoken_start_says_where() {
    let mut wb = open("#lesson=auth");
    go(
        &mut wb,
        Victim,
        "http://localhost:8080/login?username=alice",
    );
    let old = cookie(&wb, Victim, "connect.sid").value;
    let last = if old.ends_with('A') { "B" } else { "A" };
    let new = format!("{}{last}", &old[..old.len() - 1]);
    set_value(&mut wb, Victim, "connect.sid", &new);
    let said = &wb.announcement().text;
    assert!(
        said.ends_with(&format!(
            "… (from character {} on, it now reads {last}).",
            old.len()
        )),
        "{said}"
    );
}

/// A shown hint whose stages are all done folds away with the earlier ones while a hint not
/// shown yet still helps: tamper, after its plain stage, had kept "Hint 2 Change it to 9999"
/// above "Show a hint (3/3)".
#[test]
fn a_hint_for_a_done_stage_folds_while_a_useful_one_is_ahead() {
    let mut wb = challenge(ChallengeId::Tamper);
    wb.apply(Op::ShowHint);
    wb.apply(Op::ShowHint);
    assert_eq!(
        wb.challenge().unwrap().hints_folded(),
        1,
        "hint 1 behind hint 2"
    );
    raise_the_plain_card(&mut wb);
    assert!(done(&wb, "plain-believed"));
    let c = wb.challenge().unwrap();
    assert_eq!((c.hints_folded(), c.next_hint()), (2, Some(3)));
    // the last hint, about the stage still to do, shows
    wb.apply(Op::ShowHint);
    assert_eq!(wb.challenge().unwrap().hints_folded(), 2);
}

/// Forge's third hint sends the learner to bob's row of the store (the page scrolls it into
/// view); the first two, and a card with no hint shown, name no row.
#[test]
fn forge_hint_3_names_bobs_store_row() {
    let mut wb = challenge(ChallengeId::Forge);
    assert_eq!(wb.challenge().unwrap().newest_hint_store_row(), None);
    wb.apply(Op::ShowHint);
    wb.apply(Op::ShowHint);
    assert_eq!(wb.challenge().unwrap().newest_hint_store_row(), None);
    wb.apply(Op::ShowHint);
    let needle = wb.challenge().unwrap().newest_hint_store_row().unwrap();
    // a piece of one stored session's data: bob's, which the setup logged in
    let rows: Vec<String> = wb
        .lab()
        .server
        .store
        .rows()
        .into_iter()
        .filter_map(|r| r.session_json)
        .filter(|json| json.contains(needle))
        .collect();
    assert_eq!(rows.len(), 1, "{needle} in {rows:?}");
}

/// A solved card offers no hint and keeps none open: tamper's read "Show a hint (1/3)" again
/// once solved, after "(3/3)" with none shown, and kept "Hint 1 Press Go first" open.
#[test]
fn a_solved_challenge_offers_no_hint_and_keeps_none_open() {
    let mut wb = challenge(ChallengeId::Tamper);
    wb.apply(Op::ShowHint);
    raise_the_plain_card(&mut wb);
    assert_eq!(wb.challenge().unwrap().next_hint(), Some(3));
    assert_eq!(wb.challenge().unwrap().hints_folded(), 1);
    wb.apply(Op::SelectVariant(Variant::Signed));
    go(&mut wb, Victim, "http://localhost:3000/");
    let signed = cookie(&wb, Victim, "balance").value;
    let forged = signed.replacen("100", "9999", 1);
    assert_ne!(forged, signed);
    set_value(&mut wb, Victim, "balance", &forged);
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.is_solved(ChallengeId::Tamper));
    let c = wb.challenge().unwrap();
    assert_eq!(c.next_hint(), None);
    assert_eq!(c.hints_folded(), 1, "hint 1 folded on the solved card");
}

/// On a phone one pane shows at a time: a request sent from the browser's tab changes the
/// store and the log in the others, and their tabs say so until opened.
#[test]
fn tabs_say_which_panes_a_request_changed_until_opened() {
    use session_lab::model::workbench::Pane::{Browser, Server, Timeline};
    let mut wb = open("lesson=manual");
    wb.apply(Op::SetTab(Browser));
    assert!(!wb.has_news(Server) && !wb.has_news(Timeline));
    // lesson 2's first card: the notebook (the store) gets a row, the log an entry
    go(&mut wb, Victim, "http://localhost:9090/");
    assert!(wb.has_news(Server) && wb.has_news(Timeline));
    assert!(!wb.has_news(Browser), "the tab shown has no news");
    wb.apply(Op::SetTab(Server));
    assert!(!wb.has_news(Server));
    assert!(
        wb.has_news(Timeline),
        "opening one tab leaves the other's news"
    );
    // a restart from the server's tab: the store emptied here, the log noted it there
    wb.apply(Op::SetTab(Timeline));
    wb.apply(Op::SetTab(Server));
    wb.apply(Op::Act(Action::RestartServer));
    assert!(!wb.has_news(Server) && wb.has_news(Timeline));
    // lesson 1's app has no store: its requests change the log only
    let mut wb = open("lesson=cookie");
    wb.apply(Op::SetTab(Browser));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(!wb.has_news(Server) && wb.has_news(Timeline));
    // a new lesson starts clean
    wb.apply(Op::SelectLesson(LessonId::Manual));
    assert!(!wb.has_news(Timeline));
}

/// In a challenge whose start does things (logout's logs alice in), a switch of variant says
/// it did them again: "the lab starts afresh" alone did not tell a screen reader that alice
/// was logged in (keyboard review of the challenges). A lesson's switch says only the first.
#[test]
fn a_challenge_switch_of_variant_says_its_start_ran_again() {
    let mut wb = challenge(ChallengeId::Logout);
    wb.apply(Op::SetLang(Lang::En));
    wb.apply(Op::SelectVariant(Variant::Fixed));
    assert_eq!(
        wb.announcement().text,
        "Now: Fixed. The lab starts afresh. The challenge's start ran again: Your browser opened http://localhost:8080/login?username=alice."
    );
    wb.apply(Op::SetLang(Lang::Zh));
    wb.apply(Op::SelectVariant(Variant::Seed));
    assert!(
        wb.announcement()
            .text
            .contains("实验室已重置。挑战开始前的几步又做了一遍：你的浏览器打开了"),
        "{}",
        wb.announcement().text
    );
    let mut wb = open("lesson=cookie&lang=en");
    wb.apply(Op::SelectVariant(Variant::Signed));
    assert_eq!(
        wb.announcement().text,
        "Now: Signed cookie. The lab starts afresh."
    );
}

/// A switch of variant empties the jar, the store and the timeline: the bar says so, visibly,
/// until the next place (the live region alone had said it).
#[test]
fn a_switch_of_variant_is_said_in_the_bar_until_the_next_place() {
    let mut wb = open("lesson=cookie&lang=en");
    assert_eq!(wb.variant_started_text(), None);
    go(&mut wb, Victim, "http://localhost:3000/");
    wb.apply(Op::SelectVariant(Variant::Signed));
    assert!(wb.last_request().is_none());
    assert_eq!(
        wb.variant_started_text().as_deref(),
        Some("Now: Signed cookie. The lab starts afresh.")
    );
    // (the bar shows it only while no request has come; the text itself lasts the place)
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.last_request().is_some());
    wb.apply(Op::Reset);
    assert_eq!(
        wb.variant_started_text(),
        None,
        "a reset is a place of its own"
    );
    wb.apply(Op::SelectVariant(Variant::Plain));
    wb.apply(Op::SelectLesson(LessonId::Manual));
    assert_eq!(wb.variant_started_text(), None);
}

/// After "restart the server, then Go" the bar says the restart lost the session, which a
/// made-up id's miss (the step before, in lesson 2) does not say.
#[test]
fn a_miss_after_a_restart_that_lost_the_session_says_so() {
    use session_lab::engine::lab::Action;
    let lost = |wb: &Workbench| wb.last_request().unwrap().lost_in_restart;
    // lesson 2: a card, a made-up number, then the real card again across a restart
    let mut wb = open("lesson=manual");
    go(&mut wb, Victim, "http://localhost:9090/");
    go(&mut wb, Victim, "http://localhost:9090/");
    assert!(!lost(&wb));
    set_value(&mut wb, Victim, "session.id", "12345");
    go(&mut wb, Victim, "http://localhost:9090/");
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    assert!(!lost(&wb), "a made-up number was never in the notebook");
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, Victim, "http://localhost:9090/");
    assert_eq!(body(&wb, Victim), WELCOME_NEW);
    assert!(lost(&wb), "the card the restart forgot");
    assert_eq!(
        wb.last_request().unwrap().lost_in_restart_text(Lang::En),
        Some("The notebook had this card before the server restarted: the restart lost it; the number itself was fine.")
    );
    go(&mut wb, Victim, "http://localhost:9090/");
    assert!(!lost(&wb), "the new card is found");
    // lesson 3's MemoryStore: the same
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(lost(&wb));
    assert_eq!(
        wb.last_request().unwrap().lost_in_restart_text(Lang::En),
        Some("The store had a session with this id before the server restarted: the restart lost it; the id itself was fine.")
    );
    // an id the server never issued, sent after a restart, was not lost by it
    let mut wb = open("lesson=middleware");
    go(&mut wb, Victim, "http://localhost:3000/");
    wb.apply(Op::Act(Action::RestartServer));
    let secret = wb.lab().server.signing().secrets()[0].clone();
    set_value(
        &mut wb,
        Victim,
        "connect.sid",
        &signed("never-issued", &secret),
    );
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(
        wb.last_request().unwrap().checks[0].1.result.in_store(),
        Some(false)
    );
    assert!(!lost(&wb));
}

/// An explained failure goes when the learner tries something else by hand and the card has
/// nothing to say about it (tamper's NaN explanation stayed under the 90 that followed a
/// 100); without a new attempt it stays (the page still prints NaN, for the reason given).
#[test]
fn an_old_failure_goes_with_the_next_attempt() {
    let mut wb = challenge(ChallengeId::Tamper);
    go(&mut wb, Victim, "http://localhost:3000/");
    set_value(&mut wb, Victim, "balance", "abc");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(why(&wb), Some((Key::ChTamperFailNaN, Because::Failed)));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}NaN"));
    assert_eq!(why(&wb), Some((Key::ChTamperFailNaN, Because::Failed)));
    set_value(&mut wb, Victim, "balance", "100");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(body(&wb, Victim), format!("{WELCOME_BACK}90"));
    assert_eq!(why(&wb), None);
    // the same failure again is said again
    set_value(&mut wb, Victim, "balance", "abc");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert_eq!(why(&wb), Some((Key::ChTamperFailNaN, Because::Failed)));
}

/// The card's echo repeats what a request ticked or explained, for a learner who cannot see
/// the card (on a phone it is far above): a lesson's step and what comes next, a challenge's
/// stage with its "why". It stays until another replaces it, the learner closes it, a new
/// place starts or the card no longer says it (an old failure gone).
#[test]
fn the_cards_echo_is_the_latest_requests() {
    use session_lab::model::workbench::Echoed;
    let mut wb = open("lesson=cookie");
    assert!(wb.echo().is_none());
    go(&mut wb, Victim, "http://localhost:3000/");
    let echo = wb.echo().expect("step 1 ticked").clone();
    assert_eq!(
        echo.what,
        Echoed::Steps {
            done: vec![1],
            count: None,
            total: 4,
            next: wb.next_step().map(|s| (None, s.text)),
        }
    );
    assert_eq!(echo.what.tone(), Because::Worked);
    let text = echo.what.text(Lang::En);
    assert!(text.starts_with("Step 1 of 4 done. Next: "), "{text}");
    assert!(echo.what.text(Lang::Zh).contains("1"));
    // the next request ticks nothing yet (90 is half of step 2): the echo stays
    wb.apply(Op::Go(Victim));
    assert_eq!(wb.echo(), Some(&echo));
    wb.apply(Op::Go(Victim));
    let second = wb.echo().expect("step 2 ticked");
    assert!(second.n > echo.n);
    wb.apply(Op::DismissEcho);
    assert!(wb.echo().is_none());
    // another tab takes it away (the same tab again does not)
    let mut wb = open("lesson=cookie");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.echo().is_some(), "step 1 ticked");
    wb.apply(Op::SetTab(Pane::Browser));
    assert!(wb.echo().is_some());
    wb.apply(Op::SetTab(Pane::Server));
    assert!(wb.echo().is_none());

    // a challenge: a failure, then the stage that worked, each with its colour
    let mut wb = challenge(ChallengeId::Tamper);
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.echo().is_none());
    set_value(&mut wb, Victim, "balance", "abc");
    go(&mut wb, Victim, "http://localhost:3000/");
    let failed = wb.echo().expect("a failure explained").what.clone();
    assert_eq!(failed.tone(), Because::Failed);
    assert!(failed.text(Lang::En).starts_with("Why it failed: "));
    // a plain visit leaves it; a new attempt that takes the failure off the card takes it too
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.echo().is_some());
    set_value(&mut wb, Victim, "balance", "100");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.echo().is_none());
    set_value(&mut wb, Victim, "balance", "9999");
    go(&mut wb, Victim, "http://localhost:3000/");
    let worked = wb.echo().expect("a stage done").what.clone();
    assert_eq!(worked.tone(), Because::Worked);
    let text = worked.text(Lang::En);
    assert!(text.contains("Why it worked: "), "{text}");
    // a switch of variant is a new place: the echo was about the old one
    wb.apply(Op::SelectVariant(Variant::Signed));
    assert!(wb.echo().is_none());
    // the signed card's 403 is the defence holding: a stage done, in the held colour
    raise_the_signed_card(&mut wb);
    let held = wb.echo().expect("the last stage").what.clone();
    assert_eq!(held.tone(), Because::Refused);
    assert!(held.text(Lang::En).contains("Challenge solved!"));
}

/// A timeline marker's short label is in the page's language (the Chinese page showed
/// "? sess" and "✗ sig", read only through a tooltip), and says the same as its sentence.
#[test]
fn timeline_markers_are_labelled_in_both_languages() {
    use session_lab::i18n::Lang;
    for m in session_lab::model::workbench::Marker::ALL {
        let (zh_short, zh_long) = m.words(Lang::Zh);
        let (en_short, en_long) = m.words(Lang::En);
        assert!(
            zh_short
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{m:?}: {zh_short}"
        );
        assert!(
            !en_short
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{m:?}"
        );
        assert_ne!(zh_long, en_long, "{m:?}");
        // both open with the same mark (✗, ?, +, ⟲)
        assert_eq!(zh_short.chars().next(), en_short.chars().next(), "{m:?}");
    }
}

/// Wrong attempts a reviewer made that the card met with silence: each now says why.
#[test]
fn wrong_attempts_that_got_no_word_now_say_why() {
    // hijack: the attacker opens /user before anything is stolen (a nameless welcome: the
    // course's /user has no guard)
    let mut wb = challenge(ChallengeId::Hijack);
    assert_eq!(why(&wb), None, "nothing said before the learner acts");
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(!done(&wb, "stolen"));
    assert_eq!(why(&wb), Some((Key::ChHijackFailNoCookie, Because::Failed)));
    // with alice's cookie stolen and her session gone (hint 3's restart), the jar is not the
    // problem: that is not said
    let mut wb = challenge(ChallengeId::Hijack);
    let stolen = cookie(&wb, Victim, "connect.sid").pair();
    wb.apply(Op::PutHeader(Attacker, stolen, EditBy::Stolen));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert!(done(&wb, "stolen"));
    wb.apply(Op::Act(Action::RestartServer));
    go(&mut wb, Attacker, &format!("{AUTH}/user"));
    assert_ne!(why(&wb), Some((Key::ChHijackFailNoCookie, Because::Failed)));
    // logout, fixed: /user after the logout without the old cookie put back
    let mut wb = challenge(ChallengeId::Logout);
    wb.apply(Op::SelectVariant(Variant::Fixed));
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert_eq!(why(&wb), None, "/user before the logout is no attempt");
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert!(!done(&wb, "replay-fails"));
    assert_eq!(why(&wb), Some((Key::ChLogoutFailNoReplay, Because::Failed)));
    // a value the server never set (the old one mistyped) is not "the cookie the logout left"
    set_value(&mut wb, Victim, "connect.sid", "s%3Anot-the-old-one.mac");
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert_ne!(why(&wb), Some((Key::ChLogoutFailNoReplay, Because::Failed)));
    // and once the replay is done, it is not said again
    let mut wb = challenge(ChallengeId::Logout);
    solve_logout(&mut wb);
    assert!(wb.is_solved(ChallengeId::Logout));
    go(&mut wb, Victim, &format!("{AUTH}/user"));
    assert_ne!(why(&wb), Some((Key::ChLogoutFailNoReplay, Because::Failed)));
}

/// Lesson 3's "Try it" on `cookie.partitioned` without `secure`: the jar refuses the cookie
/// (Partitioned needs Secure), and the bar said only "No cookie for the server to check",
/// the reason folded in the timeline's entry (dark-theme review). It says so, red, in both
/// languages, and the live region's remarks say it too; step 1 ("connect.sid in the jar")
/// is not done by it.
#[test]
fn the_banner_says_when_the_jar_refused_the_app_s_cookie() {
    let mut wb = open("lesson=middleware&lang=en");
    wb.apply(Op::TryOption("cookie.partitioned".into(), json!(true)));
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.lab().victim.jar.cookies().is_empty());
    let last = wb.last_request().expect("a request");
    assert_eq!(last.refused.len(), 1, "{:?}", last.refused);
    let (hop, name, why) = &last.refused[0];
    assert_eq!((*hop, name.as_str()), (0, "connect.sid"));
    assert_eq!(
        session_lab::model::workbench::refused_text(Lang::En, name, why),
        "✗ The jar refused the connect.sid the server sent: Partitioned needs Secure."
    );
    assert_eq!(
        session_lab::model::workbench::refused_text(Lang::Zh, name, why),
        "✗ Cookie 罐拒收了服务器发来的 connect.sid：Partitioned 必须同时带 Secure。"
    );
    assert_eq!(last.lines(), vec![BarLine::Refused(0)]);
    assert!(!last.nothing_checked());
    assert_eq!(last.tone(), Some(session_lab::model::explain::Tone::Bad));
    // step 1 says "connect.sid in the jar": not done while the jar refuses it (it ticked)
    assert!(ticked(&wb).is_empty(), "{:?}", ticked(&wb));
    // without the option the jar keeps it, and the step is done
    let mut wb = open("lesson=middleware&lang=en");
    go(&mut wb, Victim, "http://localhost:3000/");
    assert!(wb.last_request().unwrap().refused.is_empty());
    assert_eq!(ticked(&wb), ["session-made"]);
}

/// The echo of a step whose result only another pane shows names that pane, while the
/// learner is on another tab: lesson 2's step 2 ("the notebook's balance goes to 90, then
/// 80") ticked in the browser's tab, the notebook in the server's (lessons 1-3 review).
#[test]
fn the_echo_names_the_pane_that_shows_what_the_step_did() {
    let mut wb = open("lesson=manual");
    go(&mut wb, Victim, "http://localhost:9090/");
    // step 1's result is the page and the jar, in the browser's tab: no other pane
    assert!(wb.echo().is_some(), "step 1 ticked");
    assert_eq!(wb.echo_seen_in(), None);
    wb.apply(Op::Go(Victim));
    wb.apply(Op::Go(Victim));
    assert_eq!(ticked(&wb), vec!["new-card", "charged"]);
    assert_eq!(wb.echo_seen_in(), Some(Pane::Server));
    // on the server's tab already, nothing to name (and the switch took the echo away)
    wb.apply(Op::SetTab(Pane::Server));
    assert_eq!(wb.echo_seen_in(), None);
    // lesson 3's step 2 is read in the timeline
    let mut wb = open("lesson=middleware");
    for path in [
        "/",
        "/peek",
        "/remember",
        "/regenerate",
        "/unset",
        "/destroy",
    ] {
        go(&mut wb, Victim, &format!("http://localhost:3000{path}"));
    }
    assert_eq!(wb.echo_seen_in(), Some(Pane::Timeline));
    // an embed that leaves the pane out names none
    let mut wb = open("lesson=manual&embed=1&panes=browser,jar");
    for _ in 0..3 {
        go(&mut wb, Victim, "http://localhost:9090/");
    }
    assert!(wb.echo().is_some());
    assert_eq!(wb.echo_seen_in(), None);
}

/// Tab past the end of the notes closes them, and the live region says so: the focus moved on
/// to the page and nothing said the drawer had gone (keyboard review). Left when closed
/// already (Escape came first), it says nothing.
#[test]
fn leaving_a_panel_by_tab_closes_it_and_says_so() {
    use session_lab::model::workbench::ToolPanel;
    let mut wb = open("lesson=auth&lang=en");
    wb.apply(Op::TogglePanel(ToolPanel::Learn));
    assert_eq!(wb.panel(), Some(ToolPanel::Learn));
    wb.apply(Op::LeavePanel(ToolPanel::Learn));
    assert_eq!(wb.panel(), None);
    assert_eq!(wb.announcement().text, "Notes and quiz closed.");
    let heard = wb.announcement().clone();
    wb.apply(Op::LeavePanel(ToolPanel::Learn));
    assert_eq!(wb.panel(), None);
    assert_eq!(wb.announcement().text, heard.text);
    wb.apply(Op::SetLang(Lang::Zh));
    wb.apply(Op::TogglePanel(ToolPanel::Keys));
    wb.apply(Op::LeavePanel(ToolPanel::Keys));
    assert_eq!(wb.announcement().text, "“键盘快捷键”已关闭。");
}

/// A raw request's refused URL is said at the raw request's form: the attacker's address bar
/// never held it, and at 1280x720 it lay scrolled out of its pane.
#[test]
fn a_raw_request_s_refused_url_is_its_own_problem() {
    let mut wb = open("challenge=hijack");
    let mut n = Navigate::typed(Attacker, "http://local host:8080/user");
    n.cause = session_lab::engine::events::Cause::Raw;
    n.cookie_override = Some(String::new());
    wb.apply(Op::Act(Action::Navigate(n)));
    let p = wb.nav_problem().expect("refused");
    assert_eq!((p.browser, p.raw), (Attacker, true));
    assert_eq!(p.url, "http://local host:8080/user");
    // the attacker's address bar is untouched, and an address typed there is not raw
    assert_eq!(wb.address_of(Attacker), format!("{AUTH}/user"));
    go(&mut wb, Attacker, "http://local host:8080/");
    let p = wb.nav_problem().expect("refused");
    assert_eq!((p.browser, p.raw), (Attacker, false));
    // and the next action clears it
    go(&mut wb, Attacker, &format!("{AUTH}/"));
    assert_eq!(wb.nav_problem(), None);
}

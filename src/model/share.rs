//! State in the URL fragment, for share links and embedding:
//! `#lesson=auth&variant=seed&lang=zh&theme=dark&challenge=fixation&opt.resave=false`, and the
//! deployment changed from the lesson's (`instances=2&balancer=sticky&tls_proxy=true&
//! trust_proxy=1`, see [`super::deploy`]).
//! Parsing never fails: unknown keys and bad values are dropped, each with a notice.

use super::challenges::ChallengeId;
use super::deploy::{DeployPatch, DEPLOY_KEYS};
use super::lessons::{LessonId, Variant};
use super::persist::Theme;
use crate::engine::json::{Map, Value};
use crate::engine::scenario::{ScenarioError, ScenarioProblem};
use crate::engine::session::{merge, set_option_at};
use crate::i18n::Lang;

/// A pane that can be shown in an embed.
pub const PANE_NAMES: [&str; 4] = ["browser", "jar", "server", "timeline"];

/// A standalone tool a fragment opens instead of the workbench (`#tool=inspect`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// The cookie inspector ([`crate::model::inspector`]).
    Inspect,
}

impl Tool {
    /// The fragment that opens it alone (`tool=inspect`, without `#`): the inspector keeps
    /// it in the address while open, and its history entry is known by it.
    pub fn fragment(self) -> String {
        format!("tool={}", self.code())
    }
    /// Its code in `#tool=`.
    pub fn code(self) -> &'static str {
        match self {
            Tool::Inspect => "inspect",
        }
    }
    /// The tool with this code.
    pub fn from_code(s: &str) -> Option<Tool> {
        (s == "inspect").then_some(Tool::Inspect)
    }
}

/// What a fragment asks for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fragment {
    /// `lesson=`.
    pub lesson: Option<LessonId>,
    /// `variant=`.
    pub variant: Option<Variant>,
    /// `lang=`.
    pub lang: Option<Lang>,
    /// `theme=`.
    pub theme: Option<Theme>,
    /// `challenge=`.
    pub challenge: Option<ChallengeId>,
    /// `opt.<path>=<value>`: express-session options over the lesson's.
    pub options: Map<String, Value>,
    /// `embed=1`.
    pub embed: bool,
    /// `panes=jar,server` (embed only; empty means all).
    pub panes: Vec<String>,
    /// `allow=https://a,https://b`: origins whose messages the embed accepts.
    pub allow: Vec<String>,
    /// `scenario=<base64url JSON>`.
    pub scenario: Option<String>,
    /// `autoplay=1`: the scenario plays by itself, a step at a time, showing its captions.
    pub autoplay: bool,
    /// `instances=`, `balancer=`, `tls_proxy=`, `trust_proxy=`: the deployment over the
    /// lesson's.
    pub deploy: DeployPatch,
    /// `tool=inspect`: a standalone tool over the workbench.
    pub tool: Option<Tool>,
}

/// Something in the fragment that was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// The fragment key as written (at most 60 characters); `#` for the whole fragment.
    pub key: String,
    /// Why its value was not used.
    pub why: Why,
}

/// Why a fragment value was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The fragment is longer than [`MAX_FRAGMENT`].
    TooLong,
    /// Not a lesson code.
    UnknownLesson,
    /// Not a variant code.
    UnknownVariant,
    /// Not a language code.
    UnknownLanguage,
    /// Not a theme code.
    UnknownTheme,
    /// Not a challenge code.
    UnknownChallenge,
    /// Not one of [`PANE_NAMES`].
    UnknownPane,
    /// Not an `https://host[:port]` style origin.
    NotAnOrigin,
    /// The option is refused, and why (the lab's limits included).
    BadOption(crate::engine::session::OptionProblem),
    /// A key the lab does not know.
    UnknownKey,
    /// A variant the lesson does not have.
    WrongVariant,
    /// Not a value the deployment setting takes.
    BadDeploy,
    /// Not a tool's code.
    UnknownTool,
}

/// Most `opt.` keys a fragment's options are read from.
pub const MAX_OPTIONS: usize = 64;

/// Most notices one fragment gives (a crafted link could name thousands of bad keys).
pub const MAX_IGNORED: usize = 20;

/// Longest fragment read (a scenario can be long; anything beyond is ignored).
pub const MAX_FRAGMENT: usize = 512 * 1024;

fn decode(s: &str) -> String {
    let plus = s.replace('+', " ");
    crate::engine::uri::decode_uri_component(&plus).unwrap_or(plus)
}

/// Reads a fragment (with or without the leading `#`).
pub fn parse(fragment: &str) -> (Fragment, Vec<Ignored>) {
    let mut f = Fragment::default();
    let mut ignored = Vec::new();
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    if text.len() > MAX_FRAGMENT {
        ignored.push(Ignored {
            key: "#".into(),
            why: Why::TooLong,
        });
        return (f, ignored);
    }
    if !text.contains('=') {
        // an in-page anchor such as `#main` (the skip link), not lab state
        return (f, ignored);
    }
    // each `opt.` key as written, its path and its value, in the fragment's order
    let mut opts: Vec<(String, String, Value)> = Vec::new();
    for part in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let (key, value) = (decode(k), decode(v));
        let mut bad = |why| {
            ignored.push(Ignored {
                key: key.chars().take(60).collect(),
                why,
            })
        };
        match key.as_str() {
            "lesson" => match LessonId::from_code(&value) {
                Some(l) => f.lesson = Some(l),
                None => bad(Why::UnknownLesson),
            },
            "variant" => match Variant::from_code(&value) {
                Some(v) => f.variant = Some(v),
                None => bad(Why::UnknownVariant),
            },
            "lang" => match Lang::from_code(&value) {
                Some(l) => f.lang = Some(l),
                None => bad(Why::UnknownLanguage),
            },
            "theme" => match Theme::from_code(&value) {
                Some(t) => f.theme = Some(t),
                None => bad(Why::UnknownTheme),
            },
            "challenge" => match ChallengeId::from_code(&value) {
                Some(c) => f.challenge = Some(c),
                None => bad(Why::UnknownChallenge),
            },
            "embed" => f.embed = value == "1" || value == "true",
            "panes" => {
                for p in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    if !PANE_NAMES.contains(&p) {
                        // named with the pane, as the rest were used ("The link's panes was
                        // not used" had followed panes=foo,jar, whose jar was)
                        ignored.push(Ignored {
                            key: format!("panes={p}").chars().take(60).collect(),
                            why: Why::UnknownPane,
                        });
                    } else if !f.panes.iter().any(|x| x == p) {
                        f.panes.push(p.to_string());
                    }
                }
            }
            "allow" => {
                for o in value.split(',').map(str::trim).filter(|o| !o.is_empty()) {
                    match crate::engine::url::Url::parse(o) {
                        Ok(u) if u.path == "/" && u.query.is_none() => f.allow.push(u.origin()),
                        _ => bad(Why::NotAnOrigin),
                    }
                }
            }
            "scenario" => f.scenario = Some(value),
            "autoplay" => f.autoplay = value == "1" || value == "true",
            "tool" => match Tool::from_code(&value) {
                Some(t) => f.tool = Some(t),
                None => bad(Why::UnknownTool),
            },
            k if DEPLOY_KEYS.contains(&k) => {
                if f.deploy.read_key(k, &value) != Some(true) {
                    bad(Why::BadDeploy)
                }
            }
            k if k.starts_with("opt.") => {
                let path = &k[4..];
                let v = crate::engine::json::from_str(&value).unwrap_or_else(|_| {
                    use crate::model::options_form::{field_value, FieldKind};
                    // a hand-written `opt.secret=new,old` is a list, as the options form
                    // reads the same text (the page's own links write JSON)
                    (path == "secret")
                        .then(|| field_value(path, FieldKind::Text, &value))
                        .flatten()
                        .unwrap_or(Value::String(value.clone()))
                });
                opts.push((key.chars().take(60).collect(), path.to_string(), v));
            }
            _ => bad(Why::UnknownKey),
        }
    }
    if !opts.is_empty() {
        // each option is kept if a server would start with it beside those kept before it;
        // one bad value costs only its own key, and the notice names it
        let lesson = f.lesson.unwrap_or(LessonId::Middleware);
        let variant = f
            .variant
            .filter(|v| lesson.variants().contains(v))
            .unwrap_or(lesson.default_variant());
        let mut c = lesson.config(variant);
        let base = c.overrides.clone();
        // a path written twice counts once, as its last value (the order of first writing
        // kept); at most MAX_OPTIONS are checked: express-session has about twenty, and each
        // check copies what is kept so far (a crafted 512 KB link would take minutes)
        let mut last: Vec<(String, String, Value)> = Vec::new();
        for (key, path, v) in opts {
            if let Some(i) = last.iter().position(|(_, p, _)| *p == path) {
                last[i] = (key, path, v);
            } else if last.len() < MAX_OPTIONS {
                last.push((key, path, v));
            }
        }
        let mut options = Map::new();
        for (key, path, v) in last {
            let mut tried = options.clone();
            set_option_at(&mut tried, &path, v);
            c.overrides = merge(&base, &tried);
            match c.options() {
                Ok(_) => options = tried,
                Err(e) => ignored.push(Ignored {
                    key,
                    why: Why::BadOption(e.problem),
                }),
            }
        }
        f.options = options;
    }
    if f.variant.is_some()
        && f.lesson
            .is_some_and(|l| !l.variants().contains(&f.variant.unwrap_or(Variant::Seed)))
    {
        f.variant = None;
        ignored.push(Ignored {
            key: "variant".into(),
            why: Why::WrongVariant,
        });
    }
    ignored.truncate(MAX_IGNORED);
    (f, ignored)
}

fn enc(s: &str) -> String {
    crate::engine::uri::encode_uri_component(s)
}

fn flatten(prefix: &str, v: &Map<String, Value>, out: &mut Vec<(String, String)>) {
    for (k, v) in v {
        match v {
            Value::Object(o) if k == "cookie" => flatten(&format!("{prefix}{k}."), o, out),
            // a secret with a comma, or one that starts with `[`, is written as JSON: raw, a
            // hand-written list would read it back as several secrets
            Value::String(s)
                if crate::engine::json::from_str(s).is_err()
                    && !(k == "secret" && (s.contains(',') || s.starts_with('['))) =>
            {
                out.push((format!("{prefix}{k}"), s.clone()))
            }
            other => out.push((
                format!("{prefix}{k}"),
                crate::engine::json::stringify(other),
            )),
        }
    }
}

/// Escapes text for an HTML attribute value in double quotes.
fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The Share panel's embed code: the iframe at 720 px, then a line of script that sets its
/// height to what the lab posts (`session-lab:resize`), accepted only from the lab's `origin`
/// and only for the frame that sent it, so several pasted embeds size themselves apart. A
/// teacher who pasted the iframe alone had a 720 px box that a 1,000 px course column fills
/// with the lab's panes one under another, scrolled inside. An origin with anything but the
/// characters of a scheme, host and port (never seen: it comes from the page's own address)
/// gets the iframe alone. The iframe allows `clipboard-write`: in a frame from another origin
/// the lab's copy buttons were refused without it (a teacher's review).
pub fn embed_snippet(src: &str, origin: &str, title: &str) -> String {
    let frame = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"720\" style=\"border:0\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>",
        attr_escape(src),
        attr_escape(title)
    );
    let plain_origin = origin.contains("://")
        && origin
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".:/-[]".contains(c));
    if !plain_origin {
        return frame;
    }
    format!(
        "{frame}\n<script>addEventListener(\"message\",function(e){{var m=e.data;\
         if(e.origin!==\"{origin}\"||!m||m.type!==\"session-lab:resize\")return;\
         document.querySelectorAll(\"iframe\").forEach(function(f){{\
         if(f.contentWindow===e.source)f.style.height=m.height+\"px\"}})}})</script>"
    )
}

/// The fragment for a state. The secret is written only when `include_secret`.
pub fn build(f: &Fragment, include_secret: bool) -> String {
    let mut parts: Vec<(String, String)> = Vec::new();
    if let Some(l) = f.lesson {
        parts.push(("lesson".into(), l.code().into()));
    }
    if let Some(v) = f.variant {
        parts.push(("variant".into(), v.code().into()));
    }
    if let Some(l) = f.lang {
        parts.push(("lang".into(), l.code().into()));
    }
    if let Some(t) = f.theme {
        parts.push(("theme".into(), t.code().into()));
    }
    if let Some(c) = f.challenge {
        parts.push(("challenge".into(), c.code().into()));
    }
    let mut opts = Vec::new();
    let mut shown = f.options.clone();
    if !include_secret {
        shown.shift_remove("secret");
    }
    flatten("opt.", &shown, &mut opts);
    parts.extend(opts);
    parts.extend(f.deploy.pairs());
    if f.embed {
        parts.push(("embed".into(), "1".into()));
    }
    if !f.panes.is_empty() {
        parts.push(("panes".into(), f.panes.join(",")));
    }
    if !f.allow.is_empty() {
        parts.push(("allow".into(), f.allow.join(",")));
    }
    if let Some(s) = &f.scenario {
        parts.push(("scenario".into(), s.clone()));
    }
    if let Some(t) = f.tool {
        parts.push(("tool".into(), t.code().into()));
    }
    parts
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A scenario's JSON as `base64url` for `#scenario=` (what a host page writes, and what the
/// Share panel puts in its link while a scenario is open).
pub fn scenario_to_fragment(json: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.as_bytes())
}

/// Back from `#scenario=`.
pub fn scenario_from_fragment(b64: &str) -> Result<String, ScenarioError> {
    use base64::Engine as _;
    let err = |problem| ScenarioError {
        path: "#scenario".into(),
        problem,
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(b64.trim_end_matches('=').as_bytes())
        .map_err(|_| err(ScenarioProblem::NotBase64))?;
    String::from_utf8(bytes).map_err(|_| err(ScenarioProblem::NotUtf8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;
    use crate::engine::session::OptionProblem;

    #[test]
    fn round_trip() {
        let (f, ig) = parse("#lesson=auth&variant=fixed&lang=zh&theme=dark&challenge=fixation&opt.resave=false&opt.cookie.maxAge=60000&opt.secret=s3cret&instances=2&balancer=sticky&tls_proxy=true&trust_proxy=1&embed=1&panes=jar,server&allow=https://course.example&tool=inspect");
        assert!(ig.is_empty(), "{ig:?}");
        assert_eq!(f.deploy.pairs().len(), 4);
        let (_, bad) = parse("instances=3&trust_proxy=maybe");
        assert_eq!(
            bad.iter().map(|i| i.why).collect::<Vec<_>>(),
            [Why::BadDeploy, Why::BadDeploy]
        );
        assert_eq!(
            (f.lesson, f.variant, f.lang, f.theme),
            (
                Some(LessonId::Auth),
                Some(Variant::Fixed),
                Some(Lang::Zh),
                Some(Theme::Dark)
            )
        );
        assert_eq!(f.challenge, Some(ChallengeId::Fixation));
        assert_eq!(
            Value::Object(f.options.clone()),
            json!({"resave": false, "cookie": {"maxAge": 60000}, "secret": "s3cret"})
        );
        assert!(f.embed);
        assert_eq!(f.panes, ["jar", "server"]);
        assert_eq!(f.allow, ["https://course.example"]);
        assert_eq!(f.tool, Some(Tool::Inspect));
        assert_eq!(parse("tool=jwt").1[0].why, Why::UnknownTool);
        let without = build(&f, false);
        assert!(!without.contains("s3cret"));
        let (back, _) = parse(&without);
        assert_eq!(back.options.get("secret"), None);
        let (back, _) = parse(&build(&f, true));
        assert_eq!(back, f);
    }

    #[test]
    fn bad_values_are_dropped_with_a_reason() {
        let (f, ig) = parse("lesson=nope&lang=fr&theme=&panes=jar,x&allow=javascript:alert(1)&opt.unset=sometimes&junk&variant=signed&lesson=auth");
        assert_eq!(f.lesson, Some(LessonId::Auth));
        assert_eq!(f.variant, None);
        assert_eq!(f.panes, ["jar"]);
        assert!(f.allow.is_empty() && f.options.is_empty());
        let keys: Vec<&str> = ig.iter().map(|i| i.key.as_str()).collect();
        for k in [
            "lesson",
            "lang",
            "theme",
            "panes=x",
            "allow",
            "opt.unset",
            "junk",
            "variant",
        ] {
            assert!(keys.contains(&k), "{k} not reported in {keys:?}");
        }
    }

    /// A crafted link with thousands of option keys reads at most MAX_OPTIONS of them, a
    /// repeated path once, and gives at most MAX_IGNORED notices.
    #[test]
    fn a_crafted_link_stays_cheap() {
        let mut text = String::from("lesson=auth&opt.resave=true");
        for i in 0..5000 {
            text.push_str(&format!("&opt.resave=false&opt.x{i}=1"));
        }
        let (f, ig) = parse(&text);
        assert_eq!(f.options.get("resave"), Some(&Value::Bool(false)));
        assert_eq!(ig.len(), MAX_IGNORED);
        // the page's own link round-trips a secret with a comma as one secret
        let mut g = Fragment::default();
        g.options
            .insert("secret".into(), Value::String("a,b".into()));
        let (back, _) = parse(&build(&g, true));
        assert_eq!(
            back.options.get("secret"),
            Some(&Value::String("a,b".into()))
        );
    }

    #[test]
    fn a_written_secret_list_is_a_list() {
        let (f, ig) = parse("lesson=auth&opt.secret=new,zfpx");
        assert!(ig.is_empty(), "{ig:?}");
        assert_eq!(f.options.get("secret"), Some(&json!(["new", "zfpx"])));
        let (f, _) = parse("lesson=auth&opt.secret=zfpx");
        assert_eq!(f.options.get("secret"), Some(&json!("zfpx")));
    }

    /// One bad option costs only its own key (it used to drop every `opt.`, with one notice
    /// for "opt.*").
    #[test]
    fn each_option_stands_alone() {
        let (f, ig) = parse(
            "lesson=auth&opt.cookie.maxAge=abc&opt.resave=false&opt.nosuch=1&opt.rolling=true",
        );
        assert_eq!(f.options.get("resave"), Some(&Value::Bool(false)));
        assert_eq!(f.options.get("rolling"), Some(&Value::Bool(true)));
        assert_eq!(f.options.len(), 2, "{:?}", f.options);
        let bad: Vec<(&str, Why)> = ig.iter().map(|i| (i.key.as_str(), i.why)).collect();
        assert_eq!(
            bad,
            [
                (
                    "opt.cookie.maxAge",
                    Why::BadOption(OptionProblem::NotNumber)
                ),
                ("opt.nosuch", Why::BadOption(OptionProblem::NotSimulated))
            ]
        );
    }

    #[test]
    fn anchors_are_not_state() {
        assert_eq!(parse("#main"), (Fragment::default(), vec![]));
        assert_eq!(parse(""), (Fragment::default(), vec![]));
    }

    #[test]
    fn scenarios_in_fragments() {
        let json = r#"{"app":"counter","steps":[]}"#;
        assert_eq!(
            scenario_from_fragment(&scenario_to_fragment(json)).unwrap(),
            json
        );
        assert!(scenario_from_fragment("@@@").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let (f, _) = parse(&s);
            let _ = build(&f, true);
            let _ = scenario_from_fragment(&s);
        }
    }

    #[test]
    fn the_embed_code_sizes_its_frame_from_the_labs_origin_only() {
        let code = embed_snippet(
            "https://lab.example/s/#lesson=auth&lang=zh&embed=1",
            "https://lab.example",
            "会话实验室",
        );
        let (frame, script) = code.split_once('\n').expect("two lines");
        assert_eq!(
            frame,
            "<iframe src=\"https://lab.example/s/#lesson=auth&amp;lang=zh&amp;embed=1\" \
             title=\"会话实验室\" width=\"100%\" height=\"720\" style=\"border:0\" \
             loading=\"lazy\" allow=\"clipboard-write\"></iframe>"
        );
        assert!(script.starts_with("<script>") && script.ends_with("</script>"));
        assert!(script.contains("e.origin!==\"https://lab.example\""));
        assert!(script.contains("m.type!==\"session-lab:resize\""));
        assert!(script.contains("f.contentWindow===e.source"));
        // a title with a quote stays inside its attribute
        assert!(embed_snippet("x", "http://127.0.0.1:8080", "a\"b").contains("title=\"a&quot;b\""));
        // an origin that is not one (file pages say "null"; anything odd) gets no script
        for odd in [
            "null",
            "",
            "https://a.example\"+alert(1)+\"",
            "https://x</script>",
        ] {
            let code = embed_snippet("x", odd, "t");
            assert!(!code.contains("<script>"), "{odd}: {code}");
        }
    }
}

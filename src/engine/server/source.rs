//! The JavaScript each lesson shows, with the express-session options written in as the
//! server runs them, and the lookup from "lines that ran" to line numbers.
//!
//! Everything here renders the English comments of the templates; the Chinese page shows the
//! same lines with the comments of [`super::comments::ZH`] (see [`super::comments`]).

use super::App;
use crate::engine::json::quote;
use crate::engine::json::{Map, Value};
use crate::engine::session::{SessionOptions, StoreKind};

/// The shown file for an app, before options are written in.
pub fn template(app: App) -> &'static str {
    match app {
        App::CookieOnly => include_str!("js/cookie-only.js"),
        App::CookieOnlySigned => include_str!("js/cookie-only-signed.js"),
        App::Manual => include_str!("js/manual.js"),
        App::Counter => include_str!("js/counter.js"),
        App::AuthSeed => include_str!("js/auth-seed.js"),
        App::AuthFixed => include_str!("js/auth-fixed.js"),
    }
}

/// The login page template (`views/index.html`).
pub const INDEX_VIEW: &str = include_str!("js/views/index.html");
/// The user page template (`views/user.html`).
pub const USER_VIEW: &str = include_str!("js/views/user.html");
/// The transfer's answer (`views/transfer.html`).
pub const TRANSFER_VIEW: &str = include_str!("js/views/transfer.html");

/// The line that opens the options block in the templates.
const OPTIONS_OPEN: &str = "app.use(session({";
/// The line that closes it.
const OPTIONS_CLOSE: &str = "}));";
/// Added after the express-session require when the persistent store is used.
pub const MONGO_REQUIRE: &str = "var { MongoStore } = require('connect-mongo');";
/// Written above [`MONGO_REQUIRE`]: the course's connect-mongo code is the older API, and a
/// learner comparing the two read the lab's as a mistake (lesson 5's notes set them side by
/// side).
pub const MONGO_API_NOTE: &str =
    "// connect-mongo 4+; the course's require('connect-mongo')(session) and new MongoStore({ url }) are the older API";
/// The lab's MongoDB: the course's database on the learner's own machine (the course's code
/// names its own server, [`crate::course_mongo_url!`]). A macro, so the code written for the
/// persistent store, the notes' "today's way" and the export's README take it from here
/// (`concat!` takes literals only).
#[macro_export]
macro_rules! mongo_url {
    () => {
        "mongodb://localhost:27017/zhufengnodejs"
    };
}
/// The MongoDB address in the course's connect-mongo code, as the course wrote it (lesson 5's
/// notes show that code as "the course's way").
#[macro_export]
macro_rules! course_mongo_url {
    () => {
        "mongodb://123.57.143.189:27017/zhufengnodejs"
    };
}
/// [`mongo_url!`] as a constant.
pub const MONGO_URL: &str = mongo_url!();
/// The store option written for the persistent store.
pub const MONGO_STORE: &str = concat!(
    "store: MongoStore.create({ mongoUrl: '",
    mongo_url!(),
    "' })"
);

/// Added after the express-session require when the redis store is used: connect-redis 10
/// and a node-redis client.
pub const REDIS_REQUIRE: [&str; 4] = [
    "var { RedisStore } = require('connect-redis');",
    "var { createClient } = require('redis');",
    "var redisClient = createClient();",
    "redisClient.connect();",
];
/// The store option written for the redis store.
pub const REDIS_STORE: &str = "store: new RedisStore({ client: redisClient })";

/// The line that creates the app; Express's settings are written right after it.
const APP_LINE: &str = "var app = express();";

/// The first line of the login app when its sessions live in MongoDB (lesson 5), above the
/// repaired app's own header.
pub const LESSON_5_HEADER: &str =
    "// Lesson 5: the login app of lesson 4, its sessions kept in MongoDB by connect-mongo.";
/// The course's app in lesson 5: its first line, which names lesson 4, says lesson 5 instead
/// (a header above it said "the login app of lesson 4" twice); the bugs it lists follow.
pub const LESSON_5_SEED_HEADER: &str =
    "// Lesson 5: lesson 4's login app, its sessions in MongoDB (connect-mongo), with the course's bugs:";

fn is_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A JSON value as a JavaScript literal, single-quoted as the course writes strings.
pub fn js_literal(v: &Value, indent: usize) -> String {
    match v {
        Value::String(s) => {
            let q = quote(s);
            let inner = &q[1..q.len() - 1];
            format!("'{}'", inner.replace("\\\"", "\"").replace('\'', "\\'"))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter()
                .map(|x| js_literal(x, indent))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(m) => {
            if m.is_empty() {
                return "{}".into();
            }
            let pad = " ".repeat(indent + 2);
            let lines: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{pad}{}: {}", key(k), js_literal(v, indent + 2)))
                .collect();
            format!("{{\n{}\n{}}}", lines.join(",\n"), " ".repeat(indent))
        }
        other => crate::engine::json::stringify(other),
    }
}

fn key(k: &str) -> String {
    if is_identifier(k) {
        k.to_string()
    } else {
        js_literal(&Value::String(k.to_string()), 0)
    }
}

/// Whether two option values mean the same to express-session: a secret given as one string
/// and as a list of that one string do (the form writes `zfpx,` as `['zfpx']`).
fn same_value(a: &Value, b: &Value) -> bool {
    fn one(v: &Value) -> &Value {
        match v {
            Value::Array(items) if items.len() == 1 => &items[0],
            other => other,
        }
    }
    one(a) == one(b)
}

/// The options block's lines, as the server runs them. An option the course's code sets
/// (`course`, [`App::own_options`]) to something else carries a comment with the course's
/// value: lesson 5's two servers run `saveUninitialized: false` where the course has true,
/// and the code did not say so.
fn option_lines(
    source: &Map<String, Value>,
    store: StoreKind,
    course: &Map<String, Value>,
) -> Vec<String> {
    let (mut lines, notes): (Vec<String>, Vec<Option<String>>) = source
        .iter()
        .filter(|(k, _)| k.as_str() != "store")
        .map(|(k, v)| {
            let note = course
                .get(k)
                .filter(|was| !same_value(was, v))
                .map(|was| format!("  // the course: {}", js_literal(was, 0)));
            let lit = match (k.as_str(), v) {
                ("cookie", Value::Object(c)) => {
                    let mut c2 = Map::new();
                    for (ck, cv) in c {
                        c2.insert(ck.clone(), cv.clone());
                    }
                    let inner = js_literal(&Value::Object(c2), 2);
                    // dates are written as `new Date('...')`
                    match c.get("expires") {
                        Some(Value::String(s)) => inner.replace(
                            &format!("expires: {}", js_literal(&Value::String(s.clone()), 0)),
                            &format!(
                                "expires: new Date({})",
                                js_literal(&Value::String(s.clone()), 0)
                            ),
                        ),
                        _ => inner,
                    }
                }
                _ => js_literal(v, 2),
            };
            (format!("  {}: {lit}", key(k)), note)
        })
        .unzip();
    match store {
        StoreKind::Persistent => lines.push(format!("  {MONGO_STORE}")),
        StoreKind::Redis => lines.push(format!("  {REDIS_STORE}")),
        StoreKind::Memory => {}
    }
    let n = lines.len();
    for (i, l) in lines.iter_mut().enumerate() {
        if i + 1 < n {
            l.push(',');
        }
        if let Some(Some(note)) = notes.get(i) {
            l.push_str(note);
        }
    }
    lines
}

/// The hand-built app's id line when ids are sequential (guessable on purpose).
pub const SEQUENTIAL_ID_LINE: &str =
    "  var id = String(++lastCard);  // the next number: easy to guess";
/// Declared after `SESSION_KEY` when ids are sequential.
pub const SEQUENTIAL_COUNTER_LINE: &str = "var lastCard = 0;";

/// The source with the id generator written as the server runs it.
pub fn render_with_ids(
    app: App,
    options: Option<&SessionOptions>,
    scheme: crate::engine::ids::IdScheme,
) -> String {
    let base = render(app, options);
    if app.uses_session() && scheme != crate::engine::ids::IdScheme::UidSafe {
        return with_genid(&base, scheme);
    }
    if app != App::Manual || scheme != crate::engine::ids::IdScheme::Sequential {
        return base;
    }
    let mut out = Vec::new();
    for line in base.lines() {
        if line.trim_end() == super::manual::lines::GEN_ID {
            out.push(SEQUENTIAL_ID_LINE.to_string());
        } else {
            out.push(line.to_string());
        }
        if line.starts_with("var SESSION_KEY") {
            out.push(SEQUENTIAL_COUNTER_LINE.to_string());
        }
    }
    out.join("\n") + "\n"
}

/// The express-session apps' source with a `genid` option written in for a generator other
/// than uid-safe (the lab's `genid` option names one).
fn with_genid(base: &str, scheme: crate::engine::ids::IdScheme) -> String {
    use crate::engine::ids::IdScheme;
    let genid = match scheme {
        IdScheme::UidSafe => return base.to_string(),
        IdScheme::DateRandom => GENID_DATE_RANDOM,
        IdScheme::Sequential => GENID_SEQUENTIAL,
    };
    let mut out: Vec<String> = Vec::new();
    let mut in_block = false;
    for line in base.lines() {
        if line == OPTIONS_OPEN {
            if scheme == IdScheme::Sequential {
                out.push(GENID_COUNTER.to_string());
            }
            in_block = true;
        } else if in_block && line == OPTIONS_CLOSE {
            if let Some(last) = out.last_mut() {
                if !last.ends_with(',') && !last.ends_with('{') {
                    last.push(',');
                }
            }
            out.push(genid.to_string());
            in_block = false;
        }
        out.push(line.to_string());
    }
    out.join("\n") + "\n"
}

/// The `genid` option written for the course's `Date.now() + '' + Math.random()`.
pub const GENID_DATE_RANDOM: &str =
    "  genid: function (req) { return Date.now() + '' + Math.random(); }";
/// The `genid` option written for sequential ids.
pub const GENID_SEQUENTIAL: &str = "  genid: function (req) { return String(++lastId); }";
/// Declared before the session middleware when ids are sequential.
pub const GENID_COUNTER: &str = "var lastId = 0;";

/// The source the page shows (and the parity harness runs) for `app` with these options.
pub fn render(app: App, options: Option<&SessionOptions>) -> String {
    let t = template(app);
    let Some(opts) = options.filter(|_| app.uses_session()) else {
        return t.to_string();
    };
    let mut out = Vec::new();
    // lesson 5 is lesson 4's app with connect-mongo
    let mongo = opts.store == StoreKind::Persistent;
    let mut lines = t.lines();
    match app {
        App::AuthSeed if mongo => {
            lines.next();
            out.push(LESSON_5_SEED_HEADER.to_string());
        }
        App::AuthFixed if mongo => out.push(LESSON_5_HEADER.to_string()),
        _ => {}
    }
    let mut in_block = false;
    for line in lines {
        if in_block {
            if line == OPTIONS_CLOSE {
                out.extend(option_lines(&opts.source, opts.store, &app.own_options()));
                out.push(line.to_string());
                in_block = false;
            }
            continue;
        }
        out.push(line.to_string());
        if line == OPTIONS_OPEN {
            in_block = true;
        }
        if line.starts_with("var session = require('express-session');") {
            match opts.store {
                StoreKind::Persistent => {
                    out.push(MONGO_API_NOTE.to_string());
                    out.push(MONGO_REQUIRE.to_string());
                }
                StoreKind::Redis => out.extend(REDIS_REQUIRE.iter().map(|l| l.to_string())),
                StoreKind::Memory => {}
            }
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// The source with Express's `trust proxy` setting written after `var app = express();`
/// when it is not Express's default.
pub fn with_trust_proxy(source: &str, trust: crate::engine::lab::TrustProxy) -> String {
    if trust.is_default() {
        return source.to_string();
    }
    let mut out = Vec::new();
    for line in source.lines() {
        out.push(line.to_string());
        if line == APP_LINE {
            out.push(trust.code_line());
        }
    }
    out.join("\n") + "\n"
}

/// The 1-based line number of the line that reads exactly `anchor` (ignoring trailing space).
/// An anchor ending in `#N` names the N-th such line, for lines written twice.
pub fn line_of(source: &str, anchor: &str) -> Option<usize> {
    let (text, nth) = match anchor.rsplit_once('#') {
        Some((t, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            (t, n.parse().unwrap_or(1))
        }
        _ => (anchor, 1),
    };
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_end() == text)
        .nth(nth.max(1) - 1)
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;
    use crate::engine::session::merge;

    fn opts(v: Value) -> SessionOptions {
        let base = App::Counter.own_options();
        let Value::Object(over) = v else {
            unreachable!()
        };
        SessionOptions::from_json(&merge(&base, &over)).unwrap()
    }

    #[test]
    fn default_render_is_the_template() {
        let o = opts(json!({}));
        assert_eq!(render(App::Counter, Some(&o)), template(App::Counter));
        assert_eq!(render(App::AuthSeed, Some(&o)), template(App::AuthSeed));
    }

    #[test]
    fn options_are_written_in() {
        let o = opts(
            json!({"secret": ["new", "it's"], "cookie": {"maxAge": 60000, "expires": "2030-01-01T00:00:00.000Z"}, "store": "persistent"}),
        );
        let s = render(App::Counter, Some(&o));
        // a value other than the course's says what the course has
        assert!(
            s.contains("  secret: ['new', 'it\\'s'],  // the course: 'zfpx'\n"),
            "{s}"
        );
        assert!(
            s.contains("  resave: true,\n"),
            "the course's value: no note\n{s}"
        );
        // the same secret as a list of one is the course's value
        let listed = render(App::Counter, Some(&opts(json!({"secret": ["zfpx"]}))));
        assert!(listed.contains("  secret: ['zfpx'],\n"), "{listed}");
        let two = render(
            App::AuthSeed,
            Some(&opts(json!({"saveUninitialized": false}))),
        );
        assert!(
            two.contains("  saveUninitialized: false  // the course: true\n}));"),
            "{two}"
        );
        assert!(s.contains("  cookie: {\n    maxAge: 60000,\n    expires: new Date('2030-01-01T00:00:00.000Z')\n  },\n"), "{s}");
        assert!(s.contains(&format!("  {MONGO_STORE}\n}}));")), "{s}");
        assert!(s.contains(MONGO_REQUIRE));
        assert!(s.starts_with("// Lesson 3"), "the counter stays lesson 3's");
        // lesson 5's course app says what it is once, then lists the course's bugs
        let auth = render(App::AuthSeed, Some(&o));
        let mut lines = auth.lines();
        assert_eq!(lines.next(), Some(LESSON_5_SEED_HEADER));
        assert!(
            lines.next().unwrap().starts_with("// checkUser is written"),
            "{auth}"
        );
        assert!(!auth.contains("lesson 4),"), "{auth}");
        let fixed = render(App::AuthFixed, Some(&o));
        let mut lines = fixed.lines();
        assert_eq!(lines.next(), Some(LESSON_5_HEADER));
        assert!(
            lines.next().unwrap().starts_with("// Lesson 4, repaired"),
            "{fixed}"
        );
        let memory = render(App::AuthSeed, Some(&opts(json!({"store": "memory"}))));
        assert!(
            memory.starts_with("// The course's login app (lesson 4)"),
            "{memory}"
        );
    }

    #[test]
    fn genid_is_written_in_as_a_function() {
        use crate::engine::ids::IdScheme;
        let o = opts(json!({}));
        let s = render_with_ids(App::Counter, Some(&o), IdScheme::Sequential);
        assert!(
            s.contains(&format!("{GENID_COUNTER}\n{OPTIONS_OPEN}")),
            "{s}"
        );
        assert!(
            s.contains(&format!(
                "  saveUninitialized: true,\n{GENID_SEQUENTIAL}\n}}));"
            )),
            "{s}"
        );
        let s = render_with_ids(App::AuthSeed, Some(&o), IdScheme::DateRandom);
        assert!(s.contains(GENID_DATE_RANDOM), "{s}");
        assert_eq!(
            render_with_ids(App::Counter, Some(&o), IdScheme::UidSafe),
            render(App::Counter, Some(&o))
        );
    }

    #[test]
    fn redis_and_trust_proxy_are_written_in() {
        use crate::engine::lab::TrustProxy;
        let o = opts(json!({"store": "redis"}));
        let s = render(App::AuthSeed, Some(&o));
        assert!(s.contains(&format!("  {REDIS_STORE}\n}}));")), "{s}");
        assert!(s.contains(&REDIS_REQUIRE.join("\n")), "{s}");
        assert!(s.starts_with("// The course's login app (lesson 4)"), "{s}");
        let t = with_trust_proxy(&s, TrustProxy::Hops(1));
        assert!(
            t.contains("var app = express();\napp.set('trust proxy', 1);\n"),
            "{t}"
        );
        assert_eq!(with_trust_proxy(&s, TrustProxy::Bool(false)), s);
    }

    #[test]
    fn lines() {
        assert_eq!(line_of("a\n  b  \nc", "  b"), Some(2));
        assert_eq!(line_of("b\nx\nb", "b#2"), Some(3));
        assert_eq!(line_of("b", "b#2"), None);
        assert_eq!(line_of("a", "b"), None);
    }
}

//! "Export as a Node project": the files for every lesson, the packages pinned as the parity
//! harness pins them, replay.sh with one compared step per request the app answered, and the
//! zip archive they travel in. (e2e/tests/export.spec.mjs runs the export with real Node.)
mod common;

use common::{go, open, AUTH};
use session_lab::engine::events::BrowserId::Victim;
use session_lab::engine::json::Value;
use session_lab::i18n::Lang;
use session_lab::model::export::{
    cookie_shape, dependencies, node_project, replay, zip, ExportFile, ExportRefused, PACKAGES,
};
use session_lab::model::lessons::LessonId;
use session_lab::model::workbench::Op;

fn file<'a>(files: &'a [ExportFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .text
}

#[test]
fn the_pinned_packages_are_the_parity_harness_s() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parity");
    let pkg: Value = session_lab::engine::json::from_str(
        &std::fs::read_to_string(dir.join("package.json")).unwrap(),
    )
    .unwrap();
    let lock: Value = session_lab::engine::json::from_str(
        &std::fs::read_to_string(dir.join("package-lock.json")).unwrap(),
    )
    .unwrap();
    for (name, version) in PACKAGES {
        let pinned = pkg["dependencies"][name]
            .as_str()
            .map(str::to_string)
            .or_else(|| {
                lock["packages"][format!("node_modules/{name}")]["version"]
                    .as_str()
                    .map(str::to_string)
            });
        assert_eq!(pinned.as_deref(), Some(version), "{name}");
    }
}

#[test]
fn every_lesson_exports_the_code_the_server_pane_shows() {
    for lesson in LessonId::ALL {
        for variant in lesson.variants() {
            let mut wb = open(&format!(
                "lesson={}&variant={}",
                lesson.code(),
                variant.code()
            ));
            for lang in [Lang::En, Lang::Zh] {
                wb.apply(Op::SetLang(lang));
                let files = node_project(&wb, lang).unwrap();
                let app = file(&files, "app.js");
                assert_eq!(app, wb.source_text(lang), "{lesson:?} {variant:?}");
                // package.json names exactly the packages app.js requires, at the pinned versions
                let pkg: Value =
                    session_lab::engine::json::from_str(file(&files, "package.json")).unwrap();
                let deps = pkg["dependencies"].as_object().unwrap();
                let want = dependencies(app);
                assert_eq!(deps.len(), want.len(), "{lesson:?} {variant:?}: {deps:?}");
                for (n, v) in want {
                    assert_eq!(deps[n], v, "{n}");
                }
                assert!(deps.contains_key("express"));
                // started as the lab's server runs: in production (the console's first line)
                assert_eq!(
                    pkg["scripts"]["start"], "NODE_ENV=production node app.js",
                    "{lesson:?} {variant:?}"
                );
                // the views the app renders, each, and no other
                let views: Vec<&str> = files
                    .iter()
                    .filter_map(|f| f.path.strip_prefix("views/"))
                    .collect();
                assert_eq!(
                    !views.is_empty(),
                    app.contains("res.render("),
                    "{lesson:?} {variant:?}"
                );
                for view in ["index", "user", "transfer"] {
                    assert_eq!(
                        views.contains(&format!("{view}.html").as_str()),
                        app.contains(&format!("res.render('{view}'")),
                        "{lesson:?} {variant:?}: {view} in {views:?}"
                    );
                }
                let readme = file(&files, "README.md");
                assert!(readme.contains("npm install"));
                // npm start's NODE_ENV=… is not cmd's: the README gives Windows its command
                assert!(
                    readme.contains("`set NODE_ENV=production&& node app.js`"),
                    "{readme}"
                );
                assert_eq!(
                    readme.contains("MongoDB"),
                    deps.contains_key("connect-mongo"),
                    "{lesson:?} {variant:?}"
                );
                // the README names the database the app's code connects to
                if deps.contains_key("connect-mongo") {
                    let url = session_lab::engine::server::source::MONGO_URL;
                    assert!(
                        readme.contains(&format!("({url})"))
                            || readme.contains(&format!("（{url}）")),
                        "{readme}"
                    );
                    assert!(app.contains(&format!("mongoUrl: '{url}'")), "{app}");
                }
            }
        }
    }
}

#[test]
fn replay_has_a_compared_step_for_each_request_and_comments_for_the_rest() {
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    wb.apply(Op::Act(session_lab::engine::lab::Action::Advance(60_000)));
    go(&mut wb, Victim, &format!("{AUTH}/logout"));
    let script = replay(&wb, Lang::En);
    let steps: Vec<&str> = script.lines().filter(|l| l.starts_with("step ")).collect();
    // login, its redirect to /user, logout, its redirect to /
    assert_eq!(steps.len(), 4, "{script}");
    assert!(steps[0].starts_with("step 'GET' 'http://localhost:8080/login?username=alice' \"$victim\" 302 'connect.sid; path=/; httponly'"), "{}", steps[0]);
    assert!(steps[1].ends_with(" 200 ''"), "{}", steps[1]);
    // the clock move is a comment where it happened
    let clock = script
        .lines()
        .position(|l| l.starts_with("# ") && l.contains("clock"))
        .expect("a clock comment");
    let logout = script.lines().position(|l| l.contains("/logout")).unwrap();
    assert!(clock < logout);
    assert!(script.ends_with("[ \"$differ\" -eq 0 ]\n"));
}

/// A request that went through the lab's TLS proxy is replayed with the header the proxy
/// added: the exported app listens on plain http, and trust proxy's fixed login was replayed
/// as the silent failure ("3 matched, 5 differed"; fidelity review). Others carry none.
#[test]
fn replay_sends_what_the_tls_proxy_added() {
    let mut wb = open("lesson=breaks&variant=tls-proxy");
    go(
        &mut wb,
        Victim,
        "https://localhost:8080/login?username=alice",
    );
    go(&mut wb, Victim, "http://localhost:8080/");
    let script = replay(&wb, Lang::Zh);
    let steps: Vec<&str> = script.lines().filter(|l| l.starts_with("step ")).collect();
    assert!(steps.len() >= 3, "{script}");
    assert!(
        steps[0].starts_with("step 'GET' 'http://localhost:8080/login?username=alice' "),
        "{}",
        steps[0]
    );
    assert!(steps[0].ends_with(" https"), "{}", steps[0]);
    assert!(steps.last().unwrap().ends_with(" http"), "{script}");
    assert!(script.contains(r#"-H "X-Forwarded-Proto: $6""#), "{script}");
    // the summary is one sentence, its numbers in place
    assert!(
        script.contains("echo \"$same 个一致，$differ 个不一致\"\n"),
        "{script}"
    );
    let plain = replay(&open("lesson=auth"), Lang::En);
    assert!(
        plain.contains("echo \"$same matched, $differ differed\"\n"),
        "{plain}"
    );
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let step = replay(&wb, Lang::En);
    let first = step.lines().find(|l| l.starts_with("step ")).unwrap();
    assert!(
        first.ends_with("'connect.sid; path=/; httponly'"),
        "{first}"
    );
}

#[test]
fn a_challenge_that_hides_the_secret_has_no_export() {
    let wb = open("challenge=weak-secret");
    assert!(wb.secret_hidden());
    assert_eq!(
        node_project(&wb, Lang::En),
        Err(ExportRefused::SecretHidden)
    );
}

#[test]
fn the_shape_rule_reads_real_express_session_cookies() {
    // the lab's Set-Cookie for lesson 4 with maxAge and sameSite set
    assert_eq!(
        cookie_shape("connect.sid=s%3Aabc.xyz; Path=/; Expires=Tue, 14 Nov 2023 23:13:20 GMT; HttpOnly; SameSite=Strict"),
        "connect.sid; path=/; expires; httponly; samesite=strict"
    );
}

/// Reads a stored zip back: (name, unix mode, data) for each central-directory entry, checking
/// each local header points at the same bytes.
fn unzip(z: &[u8]) -> Vec<(String, u32, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([z[i], z[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes([z[i], z[i + 1], z[i + 2], z[i + 3]]);
    let end = z.len() - 22;
    assert_eq!(u32_at(end), 0x0605_4b50);
    let count = u16_at(end + 10);
    let mut at = u32_at(end + 16) as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50);
        let size = u32_at(at + 20) as usize;
        let name_len = u16_at(at + 28);
        let mode = u32_at(at + 38) >> 16;
        let local = u32_at(at + 42) as usize;
        let name = String::from_utf8(z[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(u32_at(local), 0x0403_4b50);
        let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        out.push((name, mode, z[data_at..data_at + size].to_vec()));
        at += 46 + name_len;
    }
    out
}

#[test]
fn the_zip_holds_every_file_under_the_folder() {
    let mut wb = open("lesson=auth");
    go(&mut wb, Victim, &format!("{AUTH}/login?username=alice"));
    let files = node_project(&wb, Lang::Zh).unwrap();
    let z = zip("session-lab-auth-seed", &files);
    let back = unzip(&z);
    assert_eq!(back.len(), files.len());
    for ((name, mode, data), f) in back.iter().zip(&files) {
        assert_eq!(name, &format!("session-lab-auth-seed/{}", f.path));
        assert_eq!(data, f.text.as_bytes());
        assert_eq!(
            *mode,
            if f.path == "replay.sh" {
                0o100755
            } else {
                0o100644
            }
        );
    }
}

//! The static shell committed in `index.html` is the one the string table makes today.
use session_lab::model::shell;

#[test]
fn committed_shell_matches_the_table() {
    let html = include_str!("../index.html");
    let fresh = shell::splice(html).expect("index.html has the shell markers");
    assert!(
        fresh == html,
        "index.html's shell differs from the string table: run `cargo run --bin session-lab-shell -- --write`"
    );
}

#[test]
fn shell_has_both_languages_and_the_four_pane_frames() {
    let s = shell::render();
    for (lang, brand, jar) in [
        ("zh-CN", "会话实验室", "Cookie 罐"),
        ("en", "Session Lab", "Cookie jar"),
    ] {
        assert!(
            s.contains(&format!("<div class=\"app shell\" lang=\"{lang}\">")),
            "{lang}"
        );
        assert!(
            s.contains(&format!("<p class=\"brand\">{brand}</p>")),
            "{brand}"
        );
        assert!(s.contains(jar), "{jar}");
    }
    assert_eq!(s.matches("<div class=\"pane shell-").count(), 8);
    // each language's shell ends with the mark the stylesheet waits for before drawing it
    // (drawn part by part as the parser went, its boxes moved)
    assert_eq!(
        s.matches(&format!("{}\n</div>\n", shell::END_MARK)).count(),
        2
    );
    // static text only: nothing a test or a learner could click or type into
    for tag in ["<button", "<input", "<a ", "<h1", "<section", "<script"] {
        assert!(!s.contains(tag), "{tag}");
    }
}

#[test]
fn committed_english_texts_match_the_table() {
    let committed = include_str!("../static/strings-en.json");
    assert!(
        committed == session_lab::i18n::english::file(),
        "static/strings-en.json differs from the string table: run `cargo run --bin session-lab-shell -- --write`"
    );
}

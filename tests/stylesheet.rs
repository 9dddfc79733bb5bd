//! The stylesheets parse as blocks that close: trunk's CSS minifier takes an unclosed block
//! without a word, and an `@media (max-width: 700px) {` left open put every rule after it
//! (the server pane's, the timeline's, the desktop's) inside a phone's query: at 1280x720
//! the server's code and store were drawn over each other.

/// The depth of `{ }` blocks at each point, comments and quoted strings skipped: the lowest
/// it reaches and where it ends.
fn depths(css: &str) -> (i64, i64) {
    let (mut depth, mut lowest) = (0i64, 0i64);
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' => {
                let mut escaped = false;
                for q in chars.by_ref() {
                    if !escaped && q == c {
                        break;
                    }
                    escaped = !escaped && q == '\\';
                }
            }
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                lowest = lowest.min(depth);
            }
            _ => {}
        }
    }
    (lowest, depth)
}

#[test]
fn every_block_of_the_stylesheets_closes() {
    for (name, css) in [
        ("style.css", include_str!("../static/style.css")),
        ("inspector.css", include_str!("../static/inspector.css")),
    ] {
        assert_eq!(
            depths(css),
            (0, 0),
            "{name}: a block left open or closed twice"
        );
    }
    // the check itself: an open block, a stray close, braces in comments and strings
    assert_eq!(depths("@media (x) { a { b: c; }"), (0, 1));
    assert_eq!(depths("a { } }"), (-1, -1));
    assert_eq!(depths("/* { */ a { content: \"}\"; }"), (0, 0));
}

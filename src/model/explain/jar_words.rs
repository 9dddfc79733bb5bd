//! The jar's typed refusals in words: a cookie given by hand that the jar refuses (the jar
//! pane's cells and add form, and the timeline), and an import that fails (where and what).
//! Only the string table holds words; this module picks and fills them.

use crate::engine::jar::json::JsonProblem;
use crate::engine::jar::{BadDomain, BadPath, BadText, EditError, Field, Invalid};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::jar_io::{At, Flag, ImportError, What};

/// A template with a `{field}` placeholder, filled with `field` (empty when the field is named
/// elsewhere, as a JSON key in the place).
fn with_field(lang: Lang, key: Key, field: &str) -> String {
    fill(t(lang, key), &[("field", field)])
        .trim_start()
        .to_string()
}

/// The word for a cookie field in a message about a line of text (`name contains …`).
fn field_word(lang: Lang, f: Option<Field>) -> &'static str {
    match f {
        Some(Field::Name) => t(lang, Key::FieldName),
        Some(Field::Value) => t(lang, Key::FieldValue),
        Some(Field::Domain) => t(lang, Key::FieldDomain),
        Some(Field::Path) => t(lang, Key::FieldPath),
        Some(Field::Expires) => t(lang, Key::FieldExpiry),
        // the validator blames no other field
        _ => "",
    }
}

/// What is wrong with a cookie given by hand, about `field` (its word, or empty).
fn invalid_text(lang: Lang, i: &Invalid, field: &str) -> String {
    let key = match i {
        Invalid::Name(BadText::ControlCharacter) | Invalid::Value(BadText::ControlCharacter) => {
            Key::BadControl
        }
        Invalid::Name(BadText::Separator) => Key::BadNameSeparator,
        Invalid::Value(BadText::Separator) => Key::BadValueSeparator,
        Invalid::Empty => Key::BadEmpty,
        Invalid::TooLarge { max, .. } => {
            return fill(t(lang, Key::BadTooLarge), &[("max", &max.to_string())])
        }
        Invalid::Domain(BadDomain::Empty) => Key::BadDomainEmpty,
        Invalid::Domain(BadDomain::Character) => Key::BadDomainChars,
        Invalid::Domain(BadDomain::TwoDots) => Key::BadDomainDots,
        Invalid::Path(BadPath::NotAbsolute) => Key::BadPathStart,
        Invalid::Path(BadPath::Character) => Key::BadPathChars,
    };
    with_field(lang, key, field)
}

/// Why the jar refused a cookie given by hand, as the jar pane and the timeline word it (one
/// sentence for name and value problems, one for a domain, one for a path).
pub fn jar_refusal_text(lang: Lang, i: &Invalid) -> String {
    let k = |key| t(lang, key).to_string();
    match i {
        Invalid::Name(BadText::ControlCharacter) | Invalid::Value(BadText::ControlCharacter) => {
            k(Key::RefusedControl)
        }
        Invalid::Name(BadText::Separator) | Invalid::Value(BadText::Separator) => {
            k(Key::RefusedSeparator)
        }
        Invalid::Empty => k(Key::RefusedEmpty),
        Invalid::TooLarge { bytes, .. } => {
            fill(t(lang, Key::RefusedTooLarge), &[("n", &bytes.to_string())])
        }
        Invalid::Domain(_) => k(Key::JarBadDomain),
        Invalid::Path(_) => k(Key::JarBadPath),
    }
}

/// Why an edit of the jar by hand changed nothing: `The jar was not changed: …`.
pub fn jar_problem_text(lang: Lang, p: &EditError) -> String {
    let why = match p {
        EditError::Invalid(i) => jar_refusal_text(lang, i),
        EditError::NotADate => t(lang, Key::JarBadExpires).to_string(),
    };
    fill(t(lang, Key::JarEditRefused), &[("reason", &why)])
}

/// Where an import failed, or `None` for the text as a whole ("input: larger than 256 KiB"
/// read as a field named "input": the embed review).
fn at_text(lang: Lang, at: &At) -> Option<String> {
    let n = |x: &usize| x.to_string();
    Some(match at {
        At::Input => return None,
        At::Item {
            index: None,
            field: None,
        } => t(lang, Key::ImportAtCookie).to_string(),
        At::Text { line, column } => fill(
            t(lang, Key::ImportAtText),
            &[("line", &n(line)), ("column", &n(column))],
        ),
        At::Item {
            index: Some(i),
            field: Some(f),
        } => format!("[{i}].{}", f.key()),
        At::Item {
            index: Some(i),
            field: None,
        } => format!("[{i}]"),
        At::Item {
            index: None,
            field: Some(f),
        } => f.key().to_string(),
        At::Line(l) => fill(t(lang, Key::ImportAtLine), &[("line", &n(l))]),
        At::Pair { line: None, pair } => fill(t(lang, Key::ImportAtPair), &[("pair", &n(pair))]),
        At::Pair {
            line: Some(l),
            pair,
        } => fill(
            t(lang, Key::ImportAtLinePair),
            &[("line", &n(l)), ("pair", &n(pair))],
        ),
    })
}

/// A JSON cookie's problem; the key is already named in the place.
fn json_problem_text(lang: Lang, p: &JsonProblem) -> String {
    let key = match p {
        JsonProblem::NotAnObject => Key::ImportNotObject,
        JsonProblem::Missing => Key::ImportMissing,
        JsonProblem::NoDefaultHost => Key::ImportNoDefaultHost,
        JsonProblem::ExpectedString => Key::ImportExpectedString,
        JsonProblem::ExpectedBoolean => Key::ImportExpectedBool,
        JsonProblem::ExpectedNumber => Key::ImportExpectedNumber,
        JsonProblem::OutOfRange => Key::ImportOutOfRange,
        JsonProblem::UnknownSameSite => Key::ImportUnknownSameSite,
        JsonProblem::Invalid(i) => return invalid_text(lang, i, ""),
    };
    with_field(lang, key, "")
}

fn what_text(lang: Lang, what: &What) -> String {
    let n = |x: &usize| x.to_string();
    match what {
        What::InputTooLarge { max_kib } => {
            fill(t(lang, Key::ImportInputTooLarge), &[("kib", &n(max_kib))])
        }
        What::TooMany { max } => fill(t(lang, Key::ImportTooMany), &[("max", &n(max))]),
        What::NotJson => t(lang, Key::ImportNotJson).to_string(),
        What::TooDeep => t(lang, Key::JsonTooDeep).to_string(),
        What::NotAnArray => t(lang, Key::ImportNotArray).to_string(),
        What::Json(p) => json_problem_text(lang, p),
        What::FieldCount { found } => fill(t(lang, Key::ImportFieldCount), &[("found", &n(found))]),
        What::NotTrueOrFalse(flag) => {
            let field = match flag {
                Flag::IncludeSubdomains => Key::FieldIncludeSubdomains,
                Flag::Secure => Key::FieldSecure,
            };
            with_field(lang, Key::ImportTrueFalse, t(lang, field))
        }
        What::ExpiryNotWholeSeconds => with_field(
            lang,
            Key::ImportWholeSeconds,
            field_word(lang, Some(Field::Expires)),
        ),
        What::ExpiryOutOfRange => with_field(
            lang,
            Key::ImportOutOfRange,
            field_word(lang, Some(Field::Expires)),
        ),
        What::Cookie(i) => invalid_text(lang, i, field_word(lang, i.field())),
        What::DefaultHost(i) => invalid_text(lang, i, t(lang, Key::FieldDefaultHost)),
        What::SetCookieLine => t(lang, Key::ImportSetCookieLine).to_string(),
    }
}

/// Why an import failed, in words: `[2].name: missing`, `第 3 行：域名不能为空`. JSON keys and
/// the formats' own tokens (`TRUE`, `includeSubdomains`) stay as written.
pub fn import_error_text(lang: Lang, e: &ImportError) -> String {
    let what = what_text(lang, &e.what);
    match at_text(lang, &e.at) {
        Some(at) => fill(t(lang, Key::AtWhat), &[("at", &at), ("what", &what)]),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::jar_io::{import, Format};

    const NOW: i64 = 1_700_000_000_000;

    /// A JSON key's token, for tests that look for stray English.
    fn all_json_keys() -> Vec<&'static str> {
        use crate::engine::jar::json::JsonField::*;
        [
            Name,
            Value,
            Domain,
            HostOnly,
            Path,
            Secure,
            HttpOnly,
            SameSite,
            Session,
            ExpirationDate,
            Priority,
            Partitioned,
            Created,
            LastAccess,
        ]
        .iter()
        .map(|f| f.key())
        .collect()
    }

    /// What an import of `text` says, in both languages.
    fn said(text: &str, format: Format, host: &str) -> (String, String) {
        let e = import(text, format, host, NOW).expect_err(text);
        assert_eq!(import_error_text(Lang::En, &e), e.to_string());
        (
            import_error_text(Lang::Zh, &e),
            import_error_text(Lang::En, &e),
        )
    }

    /// Every failing input the three formats can meet, one per error.
    fn cases() -> Vec<(String, Format, &'static str)> {
        let j = Format::CookieEditorJson;
        let n = Format::Netscape;
        let h = Format::Header;
        let many_pairs: Vec<String> = (0..=200).map(|i| format!("c{i}=v")).collect();
        let many_items: Vec<String> = (0..=200)
            .map(|i| format!(r#"{{"name":"c{i}","value":"v"}}"#))
            .collect();
        let many_lines: Vec<String> = (0..=200)
            .map(|i| format!("h\tTRUE\t/\tFALSE\t0\tc{i}\tv"))
            .collect();
        vec![
            ("a=".to_string() + &"x".repeat(300 * 1024), h, "localhost"),
            (many_pairs.join("; "), h, "localhost"),
            (format!("[{}]", many_items.join(",")), j, "localhost"),
            (many_lines.join("\n"), n, "localhost"),
            ("[1,".into(), j, "localhost"),
            ("\"x\"".into(), j, "localhost"),
            ("[1]".into(), j, "localhost"),
            (r#"[{"value":"1"}]"#.into(), j, "localhost"),
            (r#"[{"name":"a","value":"1"}]"#.into(), j, ""),
            (r#"[{"name":1,"value":"1"}]"#.into(), j, "localhost"),
            (
                r#"[{"name":"a","value":"1","secure":1}]"#.into(),
                j,
                "localhost",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":"1"}]"#.into(),
                j,
                "localhost",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":1e300}]"#.into(),
                j,
                "localhost",
            ),
            (r#"{"name":"a\u0001","value":"1"}"#.into(), j, "localhost"),
            (r#"[{"name":"a;","value":"1"}]"#.into(), j, "localhost"),
            (r#"[{"name":"a","value":"1;"}]"#.into(), j, "localhost"),
            (r#"[{"name":"","value":""}]"#.into(), j, "localhost"),
            (
                format!(r#"[{{"name":"a","value":"{}"}}]"#, "x".repeat(5000)),
                j,
                "localhost",
            ),
            (
                r#"[{"name":"a","value":"1","domain":""}]"#.into(),
                j,
                "localhost",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"a b"}]"#.into(),
                j,
                "localhost",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"..a"}]"#.into(),
                j,
                "localhost",
            ),
            (
                r#"[{"name":"a","value":"1","path":"x"}]"#.into(),
                j,
                "localhost",
            ),
            (
                r#"[{"name":"a","value":"1","path":"/;"}]"#.into(),
                j,
                "localhost",
            ),
            ("h\tTRUE\t/".into(), n, "localhost"),
            ("h\tYES\t/\tFALSE\t0\tn\tv".into(), n, "localhost"),
            ("h\tTRUE\t/\tNO\t0\tn\tv".into(), n, "localhost"),
            ("h\tTRUE\t/\tFALSE\tsoon\tn\tv".into(), n, "localhost"),
            (
                "h\tTRUE\t/\tFALSE\t99999999999999999\tn\tv".into(),
                n,
                "localhost",
            ),
            ("\tTRUE\t/\tFALSE\t0\tn\tv".into(), n, "localhost"),
            ("a b\tTRUE\t/\tFALSE\t0\tn\tv".into(), n, "localhost"),
            ("..h\tTRUE\t/\tFALSE\t0\tn\tv".into(), n, "localhost"),
            ("h\tTRUE\tx\tFALSE\t0\tn\tv".into(), n, "localhost"),
            ("h\tTRUE\t/;\tFALSE\t0\tn\tv".into(), n, "localhost"),
            ("h\tTRUE\t/\tFALSE\t0\tn=\tv".into(), n, "localhost"),
            ("h\tTRUE\t/\tFALSE\t0\t\t".into(), n, "localhost"),
            ("a=1; b=\u{1}".into(), h, "localhost"),
            ("a=1\nb\u{7f}=2".into(), h, "localhost"),
            ("a=1".into(), h, ""),
            ("a=1".into(), h, "a/b"),
            ("a=1".into(), h, ".x"),
        ]
    }

    #[test]
    fn the_english_is_the_old_wording() {
        let en: Vec<String> = cases().iter().map(|(t, f, h)| said(t, *f, h).1).collect();
        assert_eq!(
            en,
            [
                "the text is larger than 256 KiB",
                "pair 201: more than 200 cookies",
                "[200]: more than 200 cookies",
                "line 201: more than 200 cookies",
                "line 1, column 3: invalid JSON",
                "expected an array of cookie objects",
                "[0]: expected an object",
                "[0].name: missing",
                "[0].domain: missing, and there is no valid default host",
                "[0].name: expected a string",
                "[0].secure: expected a boolean",
                "[0].expirationDate: expected a number",
                "[0].expirationDate: out of range",
                "name: contains a control character",
                "[0].name: contains \";\" or \"=\"",
                "[0].value: contains \";\"",
                "[0]: has an empty name and an empty value",
                "[0]: is over 4096 bytes (name plus value)",
                "[0].domain: must not be empty",
                "[0].domain: must not contain spaces, \";\", \"/\" or control characters",
                "[0].domain: must not start with two dots",
                "[0].path: must start with \"/\"",
                "[0].path: must not contain \";\" or control characters",
                "line 1: expected 7 tab-separated fields, found 3",
                "line 1: includeSubdomains must be TRUE or FALSE",
                "line 1: secure must be TRUE or FALSE",
                "line 1: expiry must be a whole number of seconds",
                "line 1: expiry out of range",
                "line 1: domain must not be empty",
                "line 1: domain must not contain spaces, \";\", \"/\" or control characters",
                "line 1: domain must not start with two dots",
                "line 1: path must start with \"/\"",
                "line 1: path must not contain \";\" or control characters",
                "line 1: name contains \";\" or \"=\"",
                "line 1: has an empty name and an empty value",
                "pair 2: value contains a control character",
                "line 2, pair 1: name contains a control character",
                "default host must not be empty",
                "default host must not contain spaces, \";\", \"/\" or control characters",
                "default host must not start with two dots",
            ]
        );
    }

    /// Chinese text with the tokens a message may quote removed: no Latin letter may be left.
    fn latin_left(zh: &str) -> String {
        let mut s = zh.to_string();
        let mut tokens = all_json_keys();
        tokens.sort_by_key(|t| std::cmp::Reverse(t.len()));
        for tok in [
            "includeSubdomains",
            "TRUE",
            "FALSE",
            "JSON",
            "KiB",
            "cookie",
        ]
        .into_iter()
        .chain(tokens)
        {
            s = s.replace(tok, "");
        }
        s.chars().filter(char::is_ascii_alphabetic).collect()
    }

    #[test]
    fn the_chinese_has_no_english_sentence() {
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut seen = std::collections::HashSet::new();
        for (text, f, host) in cases() {
            let (zh, en) = said(&text, f, host);
            assert!(han(&zh), "{zh}");
            assert_eq!(latin_left(&zh), "", "{zh} (from {en})");
            assert!(seen.insert(zh.clone()), "two errors read the same: {zh}");
        }
        let (zh, _) = said("h\tTRUE\t/\tFALSE\t0\t\t", Format::Netscape, "h");
        assert_eq!(zh, "第 1 行：名字和值都是空的");
        let (zh, _) = said(
            r#"[{"name":"a","value":"1","secure":1}]"#,
            Format::CookieEditorJson,
            "h",
        );
        assert_eq!(zh, "[0].secure：应为布尔值");
        let (zh, _) = said("a=1\nb=2; c\u{0}=3", Format::Header, "h");
        assert_eq!(zh, "第 2 行第 2 对：名字含有控制字符");
    }

    #[test]
    fn jar_pane_words_are_unchanged() {
        let en = |p| jar_problem_text(Lang::En, &p);
        assert_eq!(
            en(EditError::Invalid(Invalid::Value(
                BadText::ControlCharacter
            ))),
            "The jar was not changed: it contains a control character."
        );
        assert_eq!(
            en(EditError::Invalid(Invalid::Name(BadText::Separator))),
            "The jar was not changed: its name contains \";\" or \"=\", or its value contains \";\": a Cookie header could not carry it."
        );
        assert_eq!(
            en(EditError::Invalid(Invalid::TooLarge {
                bytes: 5000,
                max: 4096
            })),
            "The jar was not changed: name plus value is 5000 bytes, over 4096."
        );
        assert_eq!(
            en(EditError::Invalid(Invalid::Path(BadPath::NotAbsolute))),
            "The jar was not changed: a path must start with \"/\" and contain no \";\" or control characters."
        );
        assert_eq!(
            en(EditError::NotADate),
            "The jar was not changed: expires must be a date (such as 2030-01-01T00:00:00.000Z), or empty for a session cookie."
        );
        assert_eq!(
            jar_problem_text(
                Lang::Zh,
                &EditError::Invalid(Invalid::Domain(BadDomain::Empty))
            ),
            "Cookie 罐没有改动：域名不能为空、不能以两个点开头，也不能含空格、“;”、“/”或控制字符。"
        );
    }
}

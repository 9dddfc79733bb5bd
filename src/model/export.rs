//! "Export as a Node project": the current lesson's app exactly as the server pane shows it,
//! with the options as they stand, as files a learner can install and run with real Node:
//! `package.json` (the packages the app requires, at the versions the parity fixtures were
//! made with), `app.js`, the views, a README, and `replay.sh`, which sends the timeline's
//! requests to the real app with curl and compares each answer with the lab's.
//!
//! What is compared is what real Node and the lab must agree on: the status, and each
//! `Set-Cookie`'s name and attributes ([`cookie_shape`]). Ids and MACs differ, since real
//! Node draws its own ids, and so do `Expires` dates, since the lab's clock is virtual.

use super::http_text::shell_quote;
use super::workbench::{entry_title, Workbench};
use crate::engine::events::{BrowserId, Event};
use crate::engine::lab::{Exchange, STICKY_COOKIE};
use crate::engine::server::source::{INDEX_VIEW, TRANSFER_VIEW, USER_VIEW};
use crate::i18n::{fill, t, Key, Lang};

/// The packages an exported app may require, at the versions `tests/parity/package.json`
/// pins (a host test keeps the two equal). `mongodb` and `redis` are the drivers
/// connect-mongo and connect-redis need beside them.
pub const PACKAGES: [(&str, &str); 8] = [
    ("express", "4.22.3"),
    ("express-session", "1.19.0"),
    ("cookie-parser", "1.4.7"),
    ("ejs", "3.1.10"),
    ("connect-mongo", "6.0.0"),
    ("mongodb", "7.9.0"),
    ("connect-redis", "10.0.0"),
    ("redis", "6.3.1"),
];

/// One file of the export: its path inside the project folder, and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportFile {
    /// The path, `/`-separated, relative to the project folder.
    pub path: String,
    /// The file's contents.
    pub text: String,
}

/// Why there is nothing to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportRefused {
    /// A challenge hides the server's secret: the export would give it away.
    SecretHidden,
}

/// The packages `source` loads with `require('…')`, in the order of [`PACKAGES`], with the
/// drivers the stores need.
pub fn dependencies(source: &str) -> Vec<(&'static str, &'static str)> {
    let needs = |name: &str| {
        source.contains(&format!("require('{name}')"))
            || (name == "mongodb" && source.contains("require('connect-mongo')"))
    };
    PACKAGES.into_iter().filter(|(n, _)| needs(n)).collect()
}

/// A `Set-Cookie` value reduced to what real Node and the lab must agree on: the cookie's
/// name, then each attribute in order; `Path`, `Domain` and `Max-Age` keep their values,
/// `SameSite` its value in lower case, the others (`Expires`, `HttpOnly`, `Secure`, …) only
/// their names. `replay.sh`'s `shape` function applies the same rule to what curl receives.
pub fn cookie_shape(set_cookie: &str) -> String {
    let mut parts = set_cookie.split(';');
    let first = parts.next().unwrap_or_default();
    let mut out = first
        .split('=')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    for part in parts {
        let part = part.trim();
        let (k, v) = match part.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_lowercase(), v.trim()),
            None => (part.to_ascii_lowercase(), ""),
        };
        out.push_str("; ");
        match k.as_str() {
            "path" | "domain" | "max-age" => out.push_str(&format!("{k}={v}")),
            "samesite" => out.push_str(&format!("{k}={}", v.to_ascii_lowercase())),
            _ => out.push_str(&k),
        }
    }
    out
}

/// The shapes of a response's cookies, as one line (`a; path=/ | b; path=/`). The balancer's
/// own cookie is left out: the export is one app, without the lab's balancer.
fn shapes(x: &Exchange) -> String {
    x.response
        .set_cookies()
        .into_iter()
        .map(cookie_shape)
        .filter(|s| s.split(';').next() != Some(STICKY_COOKIE))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The project folder's name for this lesson.
pub fn folder_name(wb: &Workbench) -> String {
    format!("session-lab-{}-{}", wb.lesson().code(), wb.variant().code())
}

/// The files of the export, or why there are none.
pub fn node_project(wb: &Workbench, lang: Lang) -> Result<Vec<ExportFile>, ExportRefused> {
    if wb.secret_hidden() {
        return Err(ExportRefused::SecretHidden);
    }
    let source = wb.source_text(lang);
    let app = wb.lab().config.app;
    let name = folder_name(wb);
    let deps = dependencies(&source);
    let mut files = vec![
        ExportFile {
            path: "package.json".into(),
            text: package_json(&name, &deps),
        },
        ExportFile {
            path: "app.js".into(),
            text: source.clone(),
        },
    ];
    if source.contains("app.set('views'") {
        // each view the app renders, and no other (the course's app has no /transfer: its
        // package carried a transfer page nothing showed, a reviewer found)
        for (file, text) in [
            ("index.html", INDEX_VIEW),
            ("user.html", USER_VIEW),
            ("transfer.html", TRANSFER_VIEW),
        ]
        .into_iter()
        .filter(|(file, _)| rendered(&source, file))
        {
            files.push(ExportFile {
                path: format!("views/{file}"),
                text: text.to_string(),
            });
        }
    }
    files.push(ExportFile {
        path: "README.md".into(),
        text: readme(wb, lang, &deps, app.port()),
    });
    files.push(ExportFile {
        path: "replay.sh".into(),
        text: replay(wb, lang),
    });
    Ok(files)
}

/// Whether the app's code renders the view file `file` (`res.render('user'` for `user.html`).
fn rendered(source: &str, file: &str) -> bool {
    let view = file.strip_suffix(".html").unwrap_or(file);
    source.contains(&format!("res.render('{view}'"))
}

fn package_json(name: &str, deps: &[(&str, &str)]) -> String {
    let deps: Vec<String> = deps
        .iter()
        .map(|(n, v)| format!("    \"{n}\": \"{v}\""))
        .collect();
    format!(
        "{{\n  \"name\": \"{name}\",\n  \"version\": \"1.0.0\",\n  \"private\": true,\n  \"description\": \"Exported from Session Lab\",\n  \"main\": \"app.js\",\n  \"scripts\": {{\n    \"start\": \"{start}\",\n    \"replay\": \"sh replay.sh\"\n  }},\n  \"dependencies\": {{\n{}\n  }}\n}}\n",
        deps.join(",\n"),
        start = crate::engine::server::START_COMMAND,
    )
}

fn readme(wb: &Workbench, lang: Lang, deps: &[(&str, &str)], port: u16) -> String {
    let title = t(lang, wb.lesson().texts().0);
    let mut out = format!("# {title}\n\n{}\n\n", t(lang, Key::ExportReadmeIntro));
    out.push_str(&fill(
        t(lang, Key::ExportReadmeRun),
        &[("port", &port.to_string())],
    ));
    out.push_str("\n\n");
    out.push_str(t(lang, Key::ExportReadmeCompare));
    out.push_str("\n\n");
    let names: Vec<&str> = deps.iter().map(|(n, _)| *n).collect();
    if names.contains(&"connect-mongo") {
        out.push_str(&fill(
            t(lang, Key::ExportReadmeMongo),
            &[("url", crate::engine::server::source::MONGO_URL)],
        ));
        out.push_str("\n\n");
    }
    if names.contains(&"connect-redis") {
        out.push_str(t(lang, Key::ExportReadmeRedis));
        out.push_str("\n\n");
    }
    let d = wb.lab().config.deploy;
    if d.balanced() || d.tls_proxy {
        out.push_str(t(lang, Key::ExportReadmeDeploy));
        out.push_str("\n\n");
    }
    out.push_str(t(lang, Key::ExportReadmeVersions));
    out.push('\n');
    for (n, v) in deps {
        out.push_str(&format!("- {n} {v}\n"));
    }
    out
}

/// The shell functions of `replay.sh`: `shape` (the rule of [`cookie_shape`], in awk) and
/// `step` (one request with curl, compared with what the lab answered).
const REPLAY_FUNCTIONS: &str = r#"set -u
victim=$(mktemp); attacker=$(mktemp)
trap 'rm -f "$victim" "$attacker"' EXIT
same=0; differ=0

# Set-Cookie lines reduced to the cookie's name and its attributes (see README.md)
shape() {
  tr -d '\r' | sed -n 's/^[Ss][Ee][Tt]-[Cc][Oo][Oo][Kk][Ii][Ee]:[ ]*//p' | awk -F';' '
  { out = $1; sub(/=.*/, "", out); gsub(/^[ \t]+|[ \t]+$/, "", out); name = out
    for (i = 2; i <= NF; i++) {
      a = $i; gsub(/^[ \t]+|[ \t]+$/, "", a); k = a; v = ""
      e = index(a, "=")
      if (e > 0) { k = substr(a, 1, e - 1); v = substr(a, e + 1) }
      gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v); k = tolower(k)
      if (k == "path" || k == "domain" || k == "max-age") out = out "; " k "=" v
      else if (k == "samesite") out = out "; " k "=" tolower(v)
      else out = out "; " k
    }
    if (name != "lb") lines = lines (n++ ? " | " : "") out
  }
  END { printf "%s", lines }'
}

# step METHOD URL JAR STATUS COOKIES [PROTO]: sends the request (with the X-Forwarded-Proto
# the lab's TLS proxy added, when PROTO is given), compares with the lab's answer
step() {
  if [ -n "${6:-}" ]; then
    head=$(curl -s -o /dev/null -D - -X "$1" -b "$3" -c "$3" -H "X-Forwarded-Proto: $6" "$2")
  else
    head=$(curl -s -o /dev/null -D - -X "$1" -b "$3" -c "$3" "$2")
  fi
  status=$(printf '%s\n' "$head" | head -n 1 | awk '{ print $2 }')
  cookies=$(printf '%s\n' "$head" | shape)
  if [ "$status" = "$4" ] && [ "$cookies" = "$5" ]; then
    same=$((same + 1)); echo "= $1 $2 -> $status ${cookies:+($cookies)}"
  else
    differ=$((differ + 1)); echo "x $1 $2"
    echo "    lab:  $4 ${5:+($5)}"
    echo "    node: ${status:-(no answer)} ${cookies:+($cookies)}"
  fi
}
"#;

/// Whether the attacker's own site (evil.example), not the lesson's app, answered.
fn by_attackers_site(x: &Exchange) -> bool {
    x.events
        .iter()
        .any(|e| matches!(e, Event::AttackerSiteAnswered { .. }))
}

/// `replay.sh`: the timeline's requests to the lesson's app, oldest first, each compared
/// with the lab's answer; what is not a request (a jar edit, the clock, a restart) is a
/// comment where it happened.
pub fn replay(wb: &Workbench, lang: Lang) -> String {
    let port = wb.lab().config.app.port();
    let mut out = String::from("#!/bin/sh\n");
    for line in t(lang, Key::ExportReplayHeader).lines() {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(REPLAY_FUNCTIONS);
    out.push('\n');
    for e in wb.timeline().entries() {
        match &e.exchange {
            Some(x) if !by_attackers_site(x) => {
                let jar = if x.browser == BrowserId::Attacker {
                    "\"$attacker\""
                } else {
                    "\"$victim\""
                };
                // every request the lab's app answered goes to the exported app, which listens
                // on localhost over plain http (the lab's TLS proxy is not exported): one that
                // went through the proxy carries the header it added, as the app got it
                // (without it, trust proxy's fixed login was replayed as the silent failure)
                let url = format!("http://localhost:{port}{}", x.url.target());
                let proto = x.events.iter().find_map(|e| match e {
                    Event::ProxyForwarded { tls } => Some(if *tls { " https" } else { " http" }),
                    _ => None,
                });
                out.push_str(&format!(
                    "step {} {} {jar} {} {}{}\n",
                    shell_quote(&x.request.method),
                    shell_quote(&url),
                    x.response.status,
                    shell_quote(&shapes(x)),
                    proto.unwrap_or_default(),
                ));
            }
            Some(x) => out.push_str(&format!("# {} {}\n", x.request.method, x.url)),
            None => {
                let title = entry_title(lang, e);
                out.push_str(&format!("# {}\n", title.replace('\n', " ")));
            }
        }
    }
    // one sentence with its numbers in place ("$same 个一致， $differ 个不一致" had a space
    // after the full-width comma: zh teacher review)
    let summary = fill(
        t(lang, Key::ExportReplaySummary),
        &[("same", "$same"), ("differ", "$differ")],
    );
    out.push_str(&format!("\necho \"{summary}\"\n[ \"$differ\" -eq 0 ]\n"));
    out
}

/// The files as a zip archive (stored, not compressed), every path under `folder/`.
///
/// Hand-written rather than the `zip` crate: stored entries need only the local headers, the
/// central directory and CRC-32, about 60 lines, where the crate and its dependencies would
/// add tens of kilobytes to a module issue 17 is trying to shrink.
pub fn zip(folder: &str, files: &[ExportFile]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for f in files {
        let name = format!("{folder}/{}", f.path);
        let data = f.text.as_bytes();
        let crc = crc32(data);
        let offset = out.len() as u32;
        // executable for replay.sh (Unix mode in the central directory's external attributes)
        let mode: u32 = if f.path.ends_with(".sh") {
            0o100755
        } else {
            0o100644
        };
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
            v.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: names are UTF-8
            v.extend_from_slice(&0u16.to_le_bytes()); // method: stored
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(&0u16.to_le_bytes()); // extra length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&0x031eu16.to_le_bytes()); // made by: Unix, 3.0
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // extra length
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&(mode << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let start = out.len() as u32;
    let count = files.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

/// The archive as a `data:` URL a download link can point at.
pub fn zip_data_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:application/zip;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// CRC-32 (IEEE, as zip uses), bit by bit: no table, since the export is small and rare.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // the standard check value of CRC-32/ISO-HDLC
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn cookie_shapes_keep_names_and_attributes() {
        assert_eq!(
            cookie_shape(
                "connect.sid=s%3Aabc.def; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly"
            ),
            "connect.sid; path=/; expires; httponly"
        );
        assert_eq!(
            cookie_shape("a=1; Max-Age=60; Domain=example.com; SameSite=Lax; Secure"),
            "a; max-age=60; domain=example.com; samesite=lax; secure"
        );
        assert_eq!(cookie_shape(""), "");
    }

    #[test]
    fn dependencies_follow_the_requires() {
        let s = "var express = require('express');\nvar { MongoStore } = require('connect-mongo');";
        assert_eq!(
            dependencies(s),
            vec![
                ("express", "4.22.3"),
                ("connect-mongo", "6.0.0"),
                ("mongodb", "7.9.0")
            ]
        );
        assert!(dependencies("").is_empty());
    }
}

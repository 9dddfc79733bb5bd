//! The standalone cookie inspector inside the page: whether it is open (`#tool=inspect`, the
//! header's button), and what the learner typed into it. What is typed stays in memory only:
//! [`Workbench::saved_blob`] and [`Workbench::share_fragment`] never carry it (the open tool
//! itself goes into a share link as `tool=inspect`, nothing more).

use super::Workbench;
use crate::model::inspector::{Field, Inspector};

/// A cookie made by real express-session 1.19 with its README's secret, `keyboard cat`
/// (`tests/parity/inspect.js`, the "defaults" case): the inspector's example.
pub const EXAMPLE_COOKIE: &str = "Set-Cookie: connect.sid=s%3AxnPaXdkuKoukfuCNa4d7OP60z12s-hxb.VXcyS97uHc%2FWiUe1W4w4GQLz9K6yWtdwaZ7sPhWPGRA; Path=/; HttpOnly";
/// The example's secret.
pub const EXAMPLE_SECRET: &str = "keyboard cat";

/// What the inspector's controls ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InspectorOp {
    /// Show the inspector instead of the workbench.
    Open,
    /// Back to the workbench (what was typed stays for this page's life, in memory).
    Close,
    /// A field's text changed.
    Set(Field, String),
    /// Fill in the example (a real express-session cookie and its secret).
    Example,
    /// Check the cookies with a secret the brute-forcer found: added as the last secret (the
    /// first, which signs, stays), unless the list has it already.
    UseSecret(String),
    /// Empty every field.
    Clear,
}

impl Workbench {
    /// Whether the inspector is shown instead of the workbench.
    pub fn inspecting(&self) -> bool {
        self.inspecting
    }

    /// The inspector's fields.
    pub fn inspector(&self) -> &Inspector {
        &self.inspector
    }

    pub(super) fn inspect(&mut self, op: InspectorOp) {
        match op {
            InspectorOp::Open => {
                self.inspecting = true;
                self.panel = None;
            }
            InspectorOp::Close => self.inspecting = false,
            InspectorOp::Set(field, text) => self.inspector.set(field, &text),
            InspectorOp::Example => {
                self.inspector.set(Field::Cookies, EXAMPLE_COOKIE);
                self.inspector.set(Field::Secrets, EXAMPLE_SECRET);
            }
            InspectorOp::UseSecret(secret) => {
                if !self.inspector.secret_list().contains(&secret) {
                    let had = self.inspector.get(Field::Secrets).trim_end();
                    let text = if had.is_empty() {
                        secret
                    } else {
                        format!("{had}\n{secret}")
                    };
                    self.inspector.set(Field::Secrets, &text);
                }
            }
            InspectorOp::Clear => self.inspector = Inspector::default(),
        }
    }
}

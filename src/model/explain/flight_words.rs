//! Requests in flight, in words: a save that replaced another request's write, and a
//! destroyed session saved back.

use super::{short, Tone};
use crate::engine::events::Event;
use crate::i18n::{fill, t, Key, Lang};

/// The sentence for a flight's event (`None` for any other event).
pub fn explain(lang: Lang, e: &Event) -> Option<(String, Tone)> {
    let (key, sid, request, other) = match e {
        Event::SaveOverwrote {
            sid,
            request,
            overwritten,
        } => (Key::EvSaveOverwrote, sid, request, overwritten),
        Event::DestroyedSessionSaved {
            sid,
            request,
            destroyed_by,
        } => (Key::EvDestroyedSessionSaved, sid, request, destroyed_by),
        _ => return None,
    };
    let text = fill(
        t(lang, key),
        &[
            ("sid", &short(sid)),
            ("request", &request.to_string()),
            ("other", &other.to_string()),
        ],
    );
    Some((text, Tone::Bad))
}

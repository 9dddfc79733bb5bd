//! The typed event log: every decision the browser and the server make, as data. The page
//! turns these into sentences in both languages; tests assert on them.

use super::clock::Millis;
use super::jar::{Cookie, Field, Invalid, SetOutcome, Withheld};
use super::session::StartupWarning;
use super::signature::UnsignError;
use super::store::StoreCall;
use super::uri::DecodeError;

/// Which simulated browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BrowserId {
    /// The learner's own browser.
    Victim,
    /// The attacker's browser.
    Attacker,
}

impl BrowserId {
    /// `victim` / `attacker`.
    pub fn code(self) -> &'static str {
        match self {
            BrowserId::Victim => "victim",
            BrowserId::Attacker => "attacker",
        }
    }
    /// From [`BrowserId::code`].
    pub fn from_code(s: &str) -> Option<BrowserId> {
        match s {
            "victim" => Some(BrowserId::Victim),
            "attacker" => Some(BrowserId::Attacker),
            _ => None,
        }
    }
}

/// How a request was started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// Typed in the address bar.
    Typed,
    /// A link was clicked.
    Link,
    /// A form was submitted.
    Form,
    /// Following a redirect (hop number, from 1).
    Redirect(u8),
    /// A raw request with a hand-written Cookie header.
    Raw,
    /// A script on the page submitted one of its forms as soon as the page loaded (the
    /// attacker's site does, see [`crate::engine::attacker_site`]).
    AutoSubmit,
    /// One of several requests the page sent at once, without waiting for each other (as
    /// `fetch` calls do): "Send requests at once".
    AtOnce,
}

/// What express-session made of the session cookie in the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CookieVerdict {
    /// No cookie of that name (or an empty one).
    Absent,
    /// Present but not starting with `s:` after decoding: unsigned ids are never accepted.
    Unsigned {
        /// The value as parsed.
        value: String,
        /// `decodeURIComponent` failed, so the raw `s%3A…` was kept (and so no `s:`).
        decode_error: Option<DecodeError>,
    },
    /// Signed, but the signature check failed.
    BadSignature {
        /// The value after `s:`.
        value: String,
        /// Why the check failed: no dot, no secret, or a MAC that does not match (with both MACs).
        error: UnsignError,
    },
    /// Verified with one of the secrets: the id can be looked up in the store.
    Valid {
        /// The session id.
        sid: String,
        /// Which secret verified it (0 = current; more means an old, rotated secret).
        secret_index: usize,
    },
}

/// Why a new session was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewWhy {
    /// The request carried no usable session id.
    NoId,
    /// The id was valid but the store did not have it (unknown, expired or lost).
    StoreMiss,
    /// The handler called `req.session.regenerate()`, which always makes a new id.
    Regenerated,
}

/// Whether a `Set-Cookie` for the session went out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetCookieDecision {
    /// A `Set-Cookie` for the session cookie was added to the response.
    Sent {
        /// Why: a new id, `rolling`, or modified with an expiry.
        why: SentWhy,
        /// The header value.
        header: String,
    },
    /// No `Set-Cookie` for the session cookie, for this reason.
    NotSent(NotSentWhy),
}

/// Why the session cookie was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentWhy {
    /// The id is new and `saveUninitialized` is on.
    NewSaveUninitialized,
    /// The id is new and the session was modified.
    NewModified,
    /// `rolling: true` re-sends on every response.
    Rolling,
    /// An existing session with an expiry was modified.
    ModifiedWithExpiry,
}

/// Why the session cookie was not sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotSentWhy {
    /// `req.session` is gone (destroyed or set to null).
    NoSession,
    /// New, unmodified, and `saveUninitialized: false`.
    Uninitialized,
    /// The browser already has this id and nothing calls for a new cookie.
    Unchanged,
    /// Modified, but a browser-session cookie (no expiry) is never re-sent unless `rolling`.
    BrowserSessionCookie,
    /// `cookie.secure` but the connection is not https (the store is still written).
    InsecureConnection,
    /// `cookie.secure`, and the request came over http with `X-Forwarded-Proto: https`, but
    /// neither express-session's `proxy: true` nor Express's `trust proxy` believes that
    /// header, so the connection counts as insecure (the store is still written).
    UntrustedProxy,
    /// `cookie.serialize` threw (e.g. an invalid expiry, sameSite or name).
    SerializeError(String),
}

/// What happened to the session at the end of the response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndAction {
    /// Written with `store.set`, for this reason.
    Saved(SaveWhy),
    /// Touched (`store.touch`): unmodified, `resave: false`.
    Touched,
    /// Destroyed because `req.session` was set to null with `unset: 'destroy'`.
    DestroyedUnset,
    /// Nothing was written.
    Nothing(NothingWhy),
}

/// Why the session was saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveWhy {
    /// A new session with `saveUninitialized: true`.
    NewUninitialized,
    /// Modified (data changed, or the id changed by regenerate).
    Modified,
    /// Unmodified, but `resave: true`.
    Resave,
}

/// Why nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NothingWhy {
    /// No session (destroyed, or null with `unset: 'keep'`).
    NoSession,
    /// New, unmodified, `saveUninitialized: false`.
    Uninitialized,
    /// Already saved by `req.session.save()` and unchanged since.
    AlreadySaved,
}

/// A session method the handler called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionMethod {
    /// `req.session.regenerate()`: the old id is destroyed in the store and a new session made.
    Regenerate,
    /// `req.session.destroy()`: the session is removed from the store and from the request.
    Destroy,
    /// `req.session.save()`: written to the store now; the end of the request skips the save if
    /// nothing changed since.
    Save,
    /// `req.session.reload()`: the data is replaced with what the store holds.
    Reload,
    /// `req.session.touch()`: the cookie's `maxAge` goes back to `originalMaxAge`.
    Touch,
    /// `req.session = null`.
    Unset,
}

/// Who edited a jar: the learner at a cell (DevTools), or one of the attacker's tools putting
/// a `Cookie` header's pairs in. The log names the tool: the signer's value read "changed by
/// hand", as if typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditBy {
    /// A jar cell, the add row, an import, or a test's [`crate::engine::lab::Action::JarPut`].
    Hand,
    /// The signer's value (`s:` + value + `.` + MAC), put in with its button.
    Signer,
    /// A stolen `Cookie` header from the attacker's loot.
    Stolen,
}

/// What a hand edit did to a jar, so the log (and a screen reader) can say it plainly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandEdit {
    /// A cookie was put in where none had its name, domain and path, or put back unchanged.
    Put {
        /// Its name.
        name: String,
        /// Its value.
        value: String,
    },
    /// A cookie was replaced: the columns that changed, in the jar's order (a new name, domain
    /// or path is the same row under another key, as DevTools edits it), its name before the
    /// edit, and the cookie as it is now.
    Changed {
        /// The columns that changed, in the jar's order.
        columns: Vec<Field>,
        /// Its name before the edit.
        was: String,
        /// The cookie after the edit.
        after: Box<Cookie>,
    },
    /// A rename (a new name, domain or path) took the key of another cookie, which it
    /// replaced.
    Overwritten {
        /// The name of the cookie replaced.
        name: String,
    },
    /// A cookie was deleted.
    Removed {
        /// Its name.
        name: String,
    },
    /// The jar was emptied.
    Cleared,
}

/// One thing the lab, a browser or the server did or decided, in the order it happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    // ---- the lab
    /// Virtual time moved.
    ClockAdvanced {
        /// By how much.
        by: Millis,
        /// The new time.
        now: Millis,
    },
    /// The server (re)started with these warnings printed.
    ServerStarted {
        /// A restart rather than the first start.
        restart: bool,
        /// Sessions that survived (persistent store) or were lost (MemoryStore).
        kept: usize,
        /// Sessions that did not survive: a MemoryStore's entries and the hand-built app's cards.
        lost: usize,
        /// express-session's start-up warnings.
        warnings: Vec<StartupWarning>,
    },
    /// The server could not start because an option is invalid (express throws at start-up).
    ServerFailed {
        /// The option and what is wrong with it.
        error: crate::engine::session::OptionError,
    },
    /// The TLS-terminating proxy in front of the app forwarded the request over plain http,
    /// with `X-Forwarded-Proto` saying what the browser used.
    ProxyForwarded {
        /// The browser's connection to the proxy was https (`X-Forwarded-Proto: https`).
        tls: bool,
    },
    /// This request's save replaced a session another request in flight had written since
    /// this one loaded it: that request's change is lost (the resave race).
    SaveOverwrote {
        /// The session id.
        sid: String,
        /// This request's number in the flight.
        request: u32,
        /// The request whose write was replaced.
        overwritten: u32,
    },
    /// This request saved back a session that another request in flight destroyed after this
    /// one loaded it: the destroyed session (a logout) is back in the store.
    DestroyedSessionSaved {
        /// The session id.
        sid: String,
        /// This request's number in the flight.
        request: u32,
        /// The request that destroyed it.
        destroyed_by: u32,
    },
    /// The load balancer sent the request to one of the two instances.
    Balanced {
        /// The instance, 1 (`app1`) or 2 (`app2`).
        instance: u8,
        /// Its turn, or the sticky cookie.
        why: crate::engine::lab::RouteWhy,
    },
    /// MongoDB's TTL monitor (or Redis's expiry) removed expired sessions.
    StoreSwept {
        /// The ids of the documents removed.
        ids: Vec<String>,
        /// Which store removed them (the persistent store's MongoDB, or Redis).
        store: crate::engine::session::StoreKind,
    },
    // ---- a browser
    /// A request is about to be sent.
    RequestStarted {
        /// The browser sending it.
        browser: BrowserId,
        /// The method, upper-cased (`GET`, `POST`).
        method: String,
        /// The absolute URL of this hop.
        url: String,
        /// How it started; hops after the first are [`Cause::Redirect`].
        cause: Cause,
    },
    /// The browser could not send the request.
    NavigationFailed {
        /// The browser that tried.
        browser: BrowserId,
        /// What was asked for.
        url: String,
        /// Why the URL was refused.
        reason: crate::engine::url::UrlError,
    },
    /// The jar's decision for one cookie on this request.
    CookieConsidered {
        /// The browser building the request.
        browser: BrowserId,
        /// The cookie's name.
        name: String,
        /// Why the jar held it back; `None` when it went in the `Cookie` header.
        withheld: Option<Withheld>,
        /// Sent only because of Chrome's Lax-allowing-unsafe exception: the cookie's age in ms
        /// (see [`crate::engine::jar::matching`]).
        lax_allowing_unsafe: Option<Millis>,
    },
    /// The request used a hand-written Cookie header instead of the jar.
    CookieHeaderOverridden {
        /// The browser sending it.
        browser: BrowserId,
        /// The `Cookie` header sent exactly as given; the jar is not consulted.
        header: String,
    },
    /// The jar dropped expired cookies.
    CookiesExpired {
        /// The browser whose jar it is.
        browser: BrowserId,
        /// The names of the cookies dropped.
        names: Vec<String>,
    },
    /// A `Set-Cookie` reached the jar.
    JarUpdated {
        /// The browser that received it.
        browser: BrowserId,
        /// The `Set-Cookie` value as the server sent it.
        header: String,
        /// What the jar did.
        outcome: Box<SetOutcome>,
    },
    /// The jar evicted cookies to stay within its limits.
    JarEvicted {
        /// The browser whose jar it is.
        browser: BrowserId,
        /// The cookies removed, least recently used first, to stay within
        /// [`crate::engine::jar::Limits`].
        cookies: Vec<Cookie>,
    },
    /// A redirect was followed.
    Redirected {
        /// The browser that followed it.
        browser: BrowserId,
        /// 301/302/303/307/308.
        status: u16,
        /// The resolved target.
        to: String,
        /// Hop number, from 1.
        hop: u8,
    },
    /// More than 10 redirects: the browser gave up.
    TooManyRedirects {
        /// The browser that gave up.
        browser: BrowserId,
    },
    /// The browser was closed: session cookies dropped.
    BrowserClosed {
        /// The browser that was closed.
        browser: BrowserId,
        /// What was dropped.
        dropped: Vec<String>,
    },
    /// A cookie was edited by hand (DevTools-style) or by one of the attacker's tools.
    JarEdited {
        /// The browser whose jar was edited.
        browser: BrowserId,
        /// What the edit did.
        edit: HandEdit,
        /// Who made it.
        by: EditBy,
    },
    // ---- the server
    /// A request arrived.
    RequestReceived {
        /// The method as received (`GET`, `POST`, ...).
        method: String,
        /// The request target: path plus `?query` (`/login?username=alice`).
        target: String,
        /// The Cookie header, if any.
        cookie: Option<String>,
    },
    /// The session middleware did nothing: the path is outside `cookie.path`.
    SessionPathSkipped {
        /// The request's path (`parseurl(req).pathname`).
        path: String,
        /// `cookie.path` (`/` when unset), which the path must start with.
        cookie_path: String,
    },
    /// No secret: express-session calls `next(new Error('secret option required for sessions'))`.
    SecretMissing,
    /// What express-session made of the session cookie.
    SessionCookieRead {
        /// The session cookie's name (the `name` option, default `connect.sid`).
        name: String,
        /// Absent, unsigned, badly signed, or valid with its id.
        verdict: CookieVerdict,
    },
    /// cookie-parser's verdict on a signed cookie (`req.signedCookies`).
    SignedCookieRead {
        /// The cookie's name (`balance` in lesson 1).
        name: String,
        /// The verified value (as `String(value)`), or why verification failed (cookie-parser
        /// gives `false`). A cookie without `s:` stays in `req.cookies` and logs no event.
        verdict: Result<String, UnsignError>,
    },
    /// A store method was called.
    Store(StoreCall),
    /// A new session was made.
    SessionCreated {
        /// The new session's id, from `genid`.
        sid: String,
        /// No usable id, a store miss, or `regenerate()`.
        why: NewWhy,
    },
    /// The session was loaded from the store.
    SessionLoaded {
        /// The id the cookie carried.
        sid: String,
    },
    /// The store returned something that is not a session; express answers 500.
    SessionLoadFailed {
        /// The id whose stored value could not be read.
        sid: String,
        /// Why the stored value is not a session; express passes it on as a 500.
        message: String,
    },
    /// The handler called a session method.
    SessionMethodCalled {
        /// The method called (`req.session.regenerate()`, ...).
        method: SessionMethod,
        /// The id at the time.
        sid: String,
    },
    /// The Set-Cookie decision for the session cookie.
    SessionSetCookie(SetCookieDecision),
    /// What happened at the end of the response.
    SessionEnd(EndAction),
    /// The lines of the app's JavaScript that ran (anchors into the shown source).
    CodeRan {
        /// The source lines that ran, as [`crate::engine::server::source::line_of`] anchors.
        anchors: Vec<&'static str>,
    },
    /// A line the app printed with `console.log` (the auth app logs `req.session`).
    ConsoleLog(String),
    /// An error reached Express's final handler.
    ServerError {
        /// The message (the page shows only "Internal Server Error").
        message: String,
    },
    /// The response left the server.
    ResponseSent {
        /// The status code (200, 302, 403, 500, ...).
        status: u16,
        /// Set-Cookie headers it carries.
        set_cookies: Vec<String>,
    },
    /// The jar refused a cookie typed by the learner (kept for display).
    Refused(Invalid),
    // ---- the attacker's channels
    /// A script on a browser's page read `document.cookie` (HttpOnly cookies are invisible).
    ScriptReadCookies {
        /// The browser whose page ran the script.
        browser: BrowserId,
        /// What `document.cookie` returned.
        visible: String,
        /// Cookies that exist for the page but the script cannot see (HttpOnly).
        hidden: Vec<String>,
    },
    /// A script on a browser's page wrote `document.cookie = text`.
    ScriptWroteCookie {
        /// The browser whose page ran the script.
        browser: BrowserId,
        /// What it wrote.
        text: String,
        /// What the jar did.
        outcome: Box<SetOutcome>,
    },
    /// A script could not run: the browser shows no page of the site.
    ScriptNoPage {
        /// The browser that has no page to run it on.
        browser: BrowserId,
        /// Whether the script was to write `document.cookie` (else to read it).
        writes: bool,
    },
    /// The sniffer on the network saw a plain-http request.
    Sniffed {
        /// The request URL.
        url: String,
        /// The Cookie header it carried, if any.
        cookie: Option<String>,
    },
    /// The request went over https: the sniffer sees only encrypted bytes.
    SniffBlocked {
        /// The request URL.
        url: String,
    },
    /// The attacker's site (served by the lab itself, not by the lesson's app) answered.
    AttackerSiteAnswered {
        /// The path asked for.
        path: String,
        /// The status it answered with (200 for its page, 404 for anything else).
        status: u16,
    },
    /// A script on the page just loaded submitted a form, which the browser now sends.
    FormAutoSubmitted {
        /// The browser showing the page.
        browser: BrowserId,
        /// The page's address (the request's initiator, for SameSite).
        page: String,
        /// The form's method.
        method: String,
        /// The form's action, absolute.
        action: String,
    },
}

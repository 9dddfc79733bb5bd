//! The verdict that stays: a banner with what the server made of the cookies the last request
//! carried (✓ verified, ⚠ verified but the session is gone, or ✗ rejected with the reason and
//! the expected and presented MACs). It
//! stays until the next request, as jwt.io's "signature verified" stays until the input
//! changes.

use super::use_app;
use crate::engine::inspect::width;
use crate::engine::server::http::reason_phrase;
use crate::engine::signature::UnsignError;
use crate::i18n::{fill, gap_after, t, Key};
use crate::model::explain::browser_name;
use crate::model::explain::{not_sent_tone, Tone};
use crate::model::workbench::{
    check_aside, check_text, error_text, kept_text, race_text, refused_text, unread_text,
    unsent_text, withheld_text, BarLine, CheckResult,
};
use yew::prelude::*;

/// How wide (in columns, a Chinese character two) a verdict may be and stay beside the
/// requests; a longer one takes the bar's whole width under them. Beside three hops at 1440
/// px the TLS proxy's 412-column verdict ran to six lines in 609 px (the bar 138 px; under
/// them, 100), and lesson 5's two MemoryStores to five at 1280 (140 px; under them, 100).
/// Wider than 1700 px (style.css) it stays beside them, where it keeps to two or three lines
/// and under them cost 4-24 px (a reviewer measured lesson 6's race at 1920: 57 -> 81).
const LONG: usize = 200;

/// What a rejection's expected and presented MACs weigh in the bar: two lines of 27.
const MAC_COLUMNS: usize = 60;

/// The expected and the presented MAC, one above the other, the presented one's characters
/// that differ marked (each place that shows a bad MAC: the bar, the jar's verdict, the
/// inspector's card; `inspector` adds the inspector's classes, which its tests find).
pub fn macs_view(
    labels: (&str, &str),
    expected: &str,
    presented: &str,
    inspector: bool,
    note: Option<&str>,
) -> Html {
    let runs = crate::model::anatomy::mac_diff(expected, presented);
    html! {
        <dl class="macs mono">
            <dt>{labels.0}</dt><dd class={classes!("sig-mac", inspector.then_some("insp-expected"))}>
                <span>{expected.to_string()}</span>
                // spaced by its margin: zh's note starts with a full-width bracket
                if let Some(note) = note { <span class="lab-note">{note}</span> }
            </dd>
            <dt>{labels.1}</dt><dd class={classes!("presented", inspector.then_some("insp-presented"))}>
                {for runs.into_iter().map(|(run, differs)| if differs {
                    html! { <span class="differs">{run}</span> }
                } else {
                    html! { {run} }
                })}
            </dd>
        </dl>
    }
}

/// The banner.
#[component]
pub fn LastVerdict() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let last = wb.last_request();
    let request_id = wb.timeline().last_request().map(|e| e.id);
    let attacker = wb.attacker();
    let afresh = wb.variant_started_text().or_else(|| wb.reload_text());
    let no_request = wb.no_request_key();
    let travelling = wb.travel().is_some();
    let pending: Vec<&str> = (wb.ran_with_pending().into_iter())
        .map(|f| t(l, f.pending_bar_key()))
        .collect();
    drop(wb);
    // a server form (the options, the Deployment) held changes not applied when the request
    // was made: it ran the server as it was
    let pending = (!pending.is_empty()).then(|| {
        let text = crate::i18n::sentences(&pending);
        html! { <p class="small pending" id="verdict-pending">{"⚠ "}{text}</p> }
    });
    // A rejection comes into view. On a phone the page scrolls as a document: a learner who
    // forged a cookie in the jar, below, would see only the new cookie the server sent back,
    // while the banner that says why the old one failed grew above the screen.
    // Once per request: the bar's value also follows the jar (whether it holds the new
    // cookie still), and an edit in the jar after a rejection scrolled the page back up to the
    // bar, the cell being edited off screen (a keyboard review on a phone).
    let rejected = last.as_ref().map(|r| !r.accepted());
    use_effect_with((request_id, rejected), |&(_, rejected)| {
        if rejected == Some(true) {
            super::effects::reveal("last-verdict");
        }
    });
    // while the jar and the store show the past, the bar says what still shows the present
    // (a reviewer read the past jar beside the present page and verdict as one moment)
    let travel_note = travelling.then(|| {
        html! {
            <p class="small before-restart travel-note" id="verdict-travel">
                {t(l, Key::TravelElsewhere)}{" "}
                <button type="button" class="btn small" onclick={super::past::back_to_now(&s)}>{t(l, Key::TravelBack)}</button>
            </p>
        }
    });
    let Some(last) = last else {
        return html! {
            <section class="last-verdict none" aria-labelledby="h-last">
                <h2 id="h-last" class="label" aria-label={t(l, Key::BannerTitle)}>{t(l, Key::BannerTitle)}</h2>
                {travel_note}
                if let Some(text) = afresh {
                    <p class="afresh">{text}</p>
                }
                <p class="muted">{t(l, no_request)}</p>
            </section>
        };
    };
    // with a redirect on the way, each check names the request that carried the cookie
    let several = last.hops.len() > 1;
    let class = last.tone().map_or("none", |tone| tone.class());
    // the request a line is about, when there were several
    let hop_label = |hop: usize| match last.hops.get(hop).filter(|_| several) {
        Some(h) => {
            html! { <><span class="hop mono">{format!("{} {}", h.method, h.target)}</span>{" "}</> }
        }
        None => html! {},
    };
    // how wide the verdict's text is, in columns (a Chinese character takes two): a long one
    // goes under the requests, the bar's whole width (see LONG)
    let columns = std::cell::Cell::new(0);
    let weigh = |text: &str| columns.set(columns.get() + width(text));
    let line = |hop: Option<usize>, tone: Tone, text: String| {
        weigh(&text);
        html! {
            <li class={tone.class()}>{hop.map(hop_label).unwrap_or_default()}<span>{text}</span></li>
        }
    };
    // in the order of the requests they are about (the model's)
    let lines: Vec<Html> = last.lines().into_iter().filter_map(|bar| Some(match bar {
        BarLine::Check(i) => {
            let (hop, c) = last.checks.get(i)?;
            let verdict = check_text(l, c);
            weigh(&verdict);
            // the cookie checked is a new session's, an earlier request's; or its session is
            // in the other instance's memory: said in the line's plain weight (the verdict is
            // the bold part)
            let aside = check_aside(l, c).map(|text| (gap_after(&verdict), text));
            if let Some((_, text)) = &aside {
                weigh(text);
            }
            if matches!(c.result, CheckResult::Rejected(UnsignError::BadMac { .. })) {
                columns.set(columns.get() + MAC_COLUMNS);
            }
            html! {
                <li class={c.result.tone().class()}>
                    {hop_label(*hop)}
                    <span>{verdict}</span>
                    if let Some((gap, text)) = aside {
                        {gap}<span class="aside">{text}</span>
                    }
                    if let CheckResult::Rejected(UnsignError::BadMac { expected, presented, .. }) = &c.result {
                        // pasted into the cookie, the expected MAC is accepted: the bar says
                        // beside it that only the lab shows it (the jar's verdict, which says
                        // it in full, is below the fold at 1280x720)
                        {macs_view((t(l, Key::VerdictExpected), t(l, Key::VerdictPresented)), expected, presented, false,
                            Some(t(l, if expected == crate::model::workbench::HIDDEN_MAC {
                                // four dots read as a masked MAC: say it is hidden, and why
                                Key::VerdictExpectedHiddenShort
                            } else {
                                Key::VerdictExpectedLabOnlyShort
                            })))}
                    }
                </li>
            }
        }
        // what the jar held back: the server never saw it (a cross-site POST)
        BarLine::Withheld(i) => {
            let (hop, name, w) = last.withheld.get(i)?;
            line(Some(*hop), Tone::Warn, withheld_text(l, name, w))
        }
        // what the server kept home: cookie.secure over http (the login that fails without
        // a word)
        BarLine::Unsent(i) => {
            let (hop, why) = last.unsent.get(i)?;
            line(Some(*hop), not_sent_tone(why), unsent_text(l, why))
        }
        // what the jar would not keep (cookie.partitioned without secure)
        BarLine::Refused(i) => {
            let (hop, name, r) = last.refused.get(i)?;
            line(Some(*hop), Tone::Bad, refused_text(l, name, r))
        }
        // what the app threw (a 500)
        BarLine::Error(i) => {
            let (hop, message) = last.errors.get(i)?;
            line(Some(*hop), Tone::Bad, error_text(l, message))
        }
        // requests sent at once: a write another one undid
        BarLine::Race(i) => line(None, Tone::Warn, race_text(l, last.races.get(i)?)),
        // ... or one that stood, the other only touching the session (the race fixed)
        BarLine::Kept(i) => line(None, Tone::Good, kept_text(l, last.kept.get(i)?)),
        // checkUser's redirect: why the fixed app sent the learner back to the login page
        BarLine::Guarded(i) => {
            let hop = last.guarded.get(i)?;
            line(Some(*hop), Tone::Info, t(l, Key::BannerGuarded).to_string())
        }
        // cookies sent that nothing reads (a hand-made `username`: not a session)
        BarLine::Unread(i) => {
            let (hop, u) = last.unread.get(i)?;
            line(Some(*hop), Tone::Info, unread_text(l, u))
        }
    })).collect();
    // (with several requests each line names its own: a hop's label is as wide as its target)
    let long = columns.get() + if several { 30 * lines.len() } else { 0 } > LONG;
    html! {
        <section class={classes!("last-verdict", class)} id="last-verdict" aria-labelledby="h-last">
            <h2 id="h-last" class="label" aria-label={t(l, Key::BannerTitle)}>{t(l, Key::BannerTitle)}</h2>
            if attacker { <span class="tag warn">{browser_name(l, last.browser)}</span> }
            // each request of the navigation with its status: a redirect, then where it led
            // (on a phone only the last request and its status: the rest is `via`; the first
            // request beside the last status read as if it had been answered 200)
            {for last.hops.iter().enumerate().map(|(i, h)| {
                let via = (i + 1 < last.hops.len()).then_some("via");
                html! {
                    <>
                        if i > 0 { <span class="hop-arrow via" aria-hidden="true">{"→"}</span> }
                        <span class={classes!("request", "mono", via)}>{format!("{} {}", h.method, h.target)}</span>
                        <span class={classes!("status", format!("s{}", h.status / 100), via)}>{format!("{} {}", h.status, reason_phrase(h.status))}</span>
                    </>
                }
            })}
            // a page on another site sent it (CSRF's evil.example): said beside the request
            if let Some(page) = &last.cross_site_from {
                <span class="tag warn cross-site" id="verdict-cross-site">{fill(t(l, Key::BannerCrossSite), &[("page", page)])}</span>
            }
            if last.nothing_checked() {
                <p class="muted checks-none">{t(l, Key::BannerNone)}</p>
            }
            if !lines.is_empty() {
                <ul class={classes!("checks", last.is_history().then_some("history"), long.then_some("long"))}>
                    {for lines}
                </ul>
            }
            // what became of the session checked: the jar's verdict, below, is about the
            // cookie that replaced it; or it was destroyed after its check (a logout), its
            // cookie kept, cleared or replaced
            if let Some(key) = last.fate() {
                if matches!(key, Key::BannerNewSession | Key::BannerNewCookie) {
                    <p class="small new-session">{fill(t(l, key), &[("name", last.checks.last().map_or("", |(_, c)| c.name.as_str()))])}</p>
                } else {
                    <p class="small new-session destroyed" id="verdict-destroyed">{t(l, key)}</p>
                }
            }
            // the session the check missed was lost by a restart before it, not made up
            if let Some(text) = last.lost_in_restart_text(l) {
                <p class="small before-restart" id="verdict-lost-in-restart">{"↻ "}{text}</p>
            }
            // the clock moved on since, and the jar dropped cookies: what the next request
            // sends is not what was checked
            if let Some(text) = last.expired_since_text(l) {
                <p class="small before-restart" id="verdict-expired-since">{text}</p>
            }
            // a restart since lost the session this checked: history now, said as such
            if last.lost_since > 0 {
                <p class="small before-restart" id="verdict-before-restart">{"↻ "}{fill(t(l, Key::BannerBeforeRestart), &[("n", &last.lost_since.to_string())])}</p>
            } else if last.reconfigured_since {
                <p class="small before-restart" id="verdict-before-restart">{"↻ "}{t(l, Key::BannerBeforeReconfigure)}</p>
            }
            {pending}
            {travel_note}
        </section>
    }
}

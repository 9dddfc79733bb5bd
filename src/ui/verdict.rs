//! The verdict that stays: a banner with what the server made of the cookies the last request
//! carried (✓ verified, or ✗ rejected with the reason and the expected and presented MACs). It
//! stays until the next request, as jwt.io's "signature verified" stays until the input
//! changes.

use super::use_app;
use crate::engine::server::http::reason_phrase;
use crate::engine::signature::UnsignError;
use crate::i18n::{t, Key};
use crate::model::explain::browser_name;
use crate::model::workbench::{check_text, CheckResult};
use yew::prelude::*;

/// The banner.
#[component]
pub fn LastVerdict() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let last = wb.last_request();
    let attacker = wb.attacker();
    drop(wb);
    let Some(last) = last else {
        return html! {
            <section class="last-verdict none" aria-labelledby="h-last">
                <h2 id="h-last" class="label">{t(l, Key::BannerTitle)}</h2>
                <p class="muted">{t(l, Key::BannerNoRequest)}</p>
            </section>
        };
    };
    let ok = last.checks.iter().all(|c| c.result.accepted());
    let class = match (last.checks.is_empty(), ok) {
        (true, _) => "none",
        (false, true) => "ok",
        (false, false) => "bad",
    };
    let checks = last.checks.iter().map(|c| {
        let good = c.result.accepted();
        let warn = c.result == CheckResult::Unchecked;
        html! {
            <li class={classes!(if warn { "warn" } else if good { "ok" } else { "bad" })}>
                <span>{check_text(l, c)}</span>
                if let CheckResult::Rejected(UnsignError::BadMac { expected, presented, .. }) = &c.result {
                    <dl class="macs mono">
                        <dt>{t(l, Key::VerdictExpected)}</dt><dd class="sig-mac">{expected.clone()}</dd>
                        <dt>{t(l, Key::VerdictPresented)}</dt><dd class="presented">{presented.clone()}</dd>
                    </dl>
                }
            </li>
        }
    }).collect::<Vec<Html>>();
    html! {
        <section class={classes!("last-verdict", class)} aria-labelledby="h-last">
            <h2 id="h-last" class="label">{t(l, Key::BannerTitle)}</h2>
            <span class="request mono">
                if attacker { <span class="tag warn">{browser_name(l, last.browser)}</span>{" "} }
                {format!("{} {}", last.method, last.target)}
            </span>
            <span class={classes!("status", format!("s{}", last.status / 100))}>{format!("{} {}", last.status, reason_phrase(last.status))}</span>
            if checks.is_empty() {
                <p class="muted checks-none">{t(l, Key::BannerNone)}</p>
            } else {
                <ul class="checks">{for checks}</ul>
            }
            if last.new_session && !ok {
                <p class="small new-session">{t(l, Key::BannerNewSession)}</p>
            }
        </section>
    }
}

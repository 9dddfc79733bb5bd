//! The deployment editor in the server pane: one instance or two behind a balancer
//! (round-robin or sticky), a TLS-terminating proxy in front, Express's `trust proxy`, and how
//! long the session store takes to answer.
//! Applying restarts the server, as changing the options does.

use super::use_app;
use crate::engine::lab::{Balancer, Deploy, TrustProxy};
use crate::i18n::{t, Key};
use crate::model::workbench::{Op, ServerForm};
use yew::prelude::*;

/// What the deployment editor shows.
#[derive(Properties, PartialEq)]
pub struct DeployProps {
    /// The deployment the server runs now.
    pub current: Deploy,
}

/// A latency field's milliseconds (0 to the most the lab allows; 0 for anything else).
fn ms_of(e: &Event) -> i64 {
    super::input_value(e)
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map_or(0, |n| n.clamp(0, crate::engine::lab::MAX_LATENCY))
}

fn checked(e: &Event) -> bool {
    e.target_dyn_into::<web_sys::HtmlInputElement>()
        .is_some_and(|i| i.checked())
}

/// Whether the editor opens by itself for this deployment: behind the TLS proxy (`trust
/// proxy` is lesson 4's step) or with a slow store (lesson 6's races), where the form is what
/// the learner works in. Two instances alone leave it folded: lesson 5's steps there watch
/// the timeline name app1 or app2, and the open form had squeezed the timeline to one cut
/// entry at 1440x900 (the stores name both instances, the variant's button the balancer).
fn drawn_open(d: Deploy) -> bool {
    let one_instance = Deploy {
        instances: 1,
        balancer: Balancer::default(),
        ..d
    };
    one_instance != Deploy::single()
}

/// The editor: a draft of the deployment, applied with its button.
#[component]
pub fn DeployEditor(p: &DeployProps) -> Html {
    let s = use_app();
    let (l, place) = {
        let wb = s.model();
        (wb.lang(), wb.place())
    };
    let draft = use_state(|| p.current);
    // "applied" beside the button, until the next edit or another lesson or variant (which
    // starts with its own deployment), as the options form says it
    let applied = use_state(|| false);
    {
        let applied = applied.clone();
        use_effect_with(place, move |_| applied.set(false));
    }
    // open where the place has a deployment of its own, and then as the learner leaves it:
    // bound to the deployment alone, applying the single server's folded the form under them
    let open = use_state(|| drawn_open(p.current));
    // the deployment the draft was last taken from (see the options form's)
    let drafted_from = use_state(|| p.current);
    {
        let (draft, open, drafted_from) = (draft.clone(), open.clone(), drafted_from.clone());
        use_effect_with(p.current, move |cur| {
            draft.set(*cur);
            drafted_from.set(*cur);
            if drawn_open(*cur) {
                open.set(true);
            }
        });
    }
    let ontoggle = {
        let open = open.clone();
        let reveal = super::effects::reveal_when_opened("deploy-form");
        // opened by the learner, it comes into view; opened by a variant with a deployment of
        // its own (drawn open already), it stays where it is: lesson 5's two servers had
        // scrolled the server pane past both stores, the thing to watch
        let by_learner = !*open;
        Callback::from(move |e: Event| {
            if let Some(d) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(d.open());
            }
            if by_learner {
                reveal.emit(e);
            }
        })
    };
    let d = *draft;
    let set = |f: fn(&mut Deploy, &Event)| {
        let (draft, applied) = (draft.clone(), applied.clone());
        Callback::from(move |e: Event| {
            let mut next = *draft;
            f(&mut next, &e);
            draft.set(next);
            applied.set(false);
        })
    };
    let instances = set(|d, e| {
        d.instances = if super::input_value(e).as_deref() == Some("2") {
            2
        } else {
            1
        };
    });
    let balancer = set(|d, e| {
        d.balancer = super::input_value(e)
            .as_deref()
            .and_then(Balancer::from_code)
            .unwrap_or_default();
    });
    let tls = set(|d, e| d.tls_proxy = checked(e));
    let trust = set(|d, e| {
        d.trust_proxy = if checked(e) {
            TrustProxy::Hops(1)
        } else {
            TrustProxy::Bool(false)
        };
    });
    // typed numbers kept through a redraw (a response arriving while the learner types)
    let (get_box, get_done) = super::use_typed_box(d.latency.get.to_string().into());
    let (set_box, set_done) = super::use_typed_box(d.latency.set.to_string().into());
    let latency_get = get_done.then(set(|d, e| d.latency.get = ms_of(e)));
    let latency_set = set_done.then(set(|d, e| d.latency.set = ms_of(e)));
    let apply = {
        let (s, draft, applied) = (s.clone(), draft.clone(), applied.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            s.dispatch(Op::Deploy(*draft));
            applied.set(true);
            super::effects::reveal_focused_field_later();
        })
    };
    // while the draft differs from the deployment the server runs, the form says so and the
    // bar says it of a request made meanwhile, as the options form does (lesson 6's step 7:
    // store delays typed, not applied, requests sent at once, and no race, without a word)
    let pending = d != p.current && *drafted_from == p.current;
    super::effects::use_form_pending(ServerForm::Deploy, pending);
    let two = d.count() == 2;
    html! {
        <details class="deploy" open={*open} {ontoggle}>
            <summary>{t(l, Key::DeployTitle)}</summary>
            <p class="note">{t(l, Key::DeployNote)}</p>
            <form class="opts" id="deploy-form" onsubmit={apply} onkeydown={super::effects::submit_on_enter_in_choice}>
                <div class="opt">
                    <label for="deploy-instances">{t(l, Key::DeployInstances)}</label>
                    <select id="deploy-instances" onchange={instances}>
                        <option value="1" selected={!two}>{t(l, Key::DeployOne)}</option>
                        <option value="2" selected={two}>{t(l, Key::DeployTwo)}</option>
                    </select>
                </div>
                <div class="opt">
                    <label for="deploy-balancer">{t(l, Key::DeployBalancer)}</label>
                    <select id="deploy-balancer" onchange={balancer} disabled={!two}>
                        {for Balancer::ALL.map(|b| html! {
                            <option value={b.code()} selected={d.balancer == b}>{t(l, crate::model::explain::balancer_key(b))}</option>
                        })}
                    </select>
                </div>
                <div class="opt check">
                    <input id="deploy-tls" type="checkbox" checked={d.tls_proxy} onchange={tls} />
                    <label for="deploy-tls">{t(l, Key::DeployTlsProxy)}</label>
                </div>
                <div class="opt check">
                    <input id="deploy-trust" type="checkbox" checked={d.trust_proxy.trusts_peer()} onchange={trust} />
                    <label for="deploy-trust">{t(l, Key::DeployTrustProxy)}</label>
                </div>
                <div class="opt">
                    <label for="deploy-latency-get">{t(l, Key::DeployLatencyGet)}</label>
                    <input id="deploy-latency-get" type="number" min="0" max="10000" step="10" ref={get_box} onchange={latency_get} />
                </div>
                <div class="opt">
                    <label for="deploy-latency-set">{t(l, Key::DeployLatencySet)}</label>
                    <input id="deploy-latency-set" type="number" min="0" max="10000" step="10" ref={set_box} onchange={latency_set} />
                </div>
                <div class="row">
                    <button type="submit" class="btn primary">{t(l, Key::DeployApply)}</button>
                    if pending && !*applied { <p class="small pending" id="deploy-pending">{"⚠ "}{t(l, ServerForm::Deploy.pending_form_key())}</p> }
                    if *applied { <p class="small applied" id="deploy-applied">{"✓ "}{t(l, Key::DeployApplied)}{" "}{super::server_pane::back_to_browser(&s, l)}</p> }
                </div>
            </form>
        </details>
    }
}

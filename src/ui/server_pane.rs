//! The server: its JavaScript with the lines the last request ran, the session store as a live
//! table, the express-session options (applying them restarts the server), and its console.

use super::store_view::{session_tables, TableCtx};
use super::use_app;
use crate::engine::json::{Map, Value};
use crate::engine::lab::{Action, LabConfig};
use crate::engine::server::App;
use crate::engine::session::OptionError;
use crate::i18n::{fill, t, Key};
use crate::model::explain::option_error_text;
use crate::model::options_form::{field_description, shown_text, with_field, FieldKind, FIELDS};
use crate::model::workbench::{code_marks_summary, Op, ServerForm};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct EditorProps {
    source: Map<String, Value>,
    app: App,
}

/// The options as edited and not yet applied. Each change is applied to the latest draft, so
/// text typed in one field survives a choice made in another before it lost focus. Beside
/// them, each field's text as typed ([`shown_text`] shows it while it means the draft).
#[derive(PartialEq)]
struct Draft(Map<String, Value>, Vec<(&'static str, String)>);

impl Draft {
    fn typed(&self, path: &str) -> Option<&str> {
        self.1
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, t)| t.as_str())
    }
}

enum DraftOp {
    /// A field's text changed.
    Field(App, &'static str, FieldKind, String),
    /// Start again from these options.
    Replace(Map<String, Value>),
}

impl Reducible for Draft {
    type Action = DraftOp;
    fn reduce(self: std::rc::Rc<Self>, op: DraftOp) -> std::rc::Rc<Self> {
        std::rc::Rc::new(match op {
            DraftOp::Field(app, path, kind, text) => {
                let options = with_field(&self.0, &app.own_options(), path, kind, &text);
                let mut typed: Vec<_> =
                    self.1.iter().filter(|(p, _)| *p != path).cloned().collect();
                typed.push((path, text));
                Draft(options, typed)
            }
            DraftOp::Replace(m) => Draft(m, Vec::new()),
        })
    }
}

#[component]
fn OptionsEditor(p: &EditorProps) -> Html {
    let s = use_app();
    let (l, lesson, variant, place) = {
        let wb = s.model();
        (wb.lang(), wb.lesson(), wb.variant(), wb.place())
    };
    let draft = {
        let src = p.source.clone();
        use_reducer(move || Draft(src, Vec::new()))
    };
    let error = use_state(|| None::<OptionError>);
    // a visible "applied" under the form until the next edit: on a phone the restart's only
    // other sign was the live region (the timeline is another tab)
    let applied = use_state(|| false);
    // the field whose words show under it: the last to take the focus, kept while the focus
    // goes on to Apply (gone with the focus, the words shrank the form under the pointer on
    // its way down to Apply, and the click was lost)
    let shown_what = use_state(|| None::<String>);
    use_effect_with((*shown_what).clone(), |id| {
        if let Some(id) = id {
            super::effects::reveal_field_box(id);
        }
    });
    // the options the draft was last taken from: in the render where the server's change
    // (another variant, an apply) arrives, the draft is the old one until the effect below
    // replaces it, and is not the learner's change
    let drafted_from = {
        let src = p.source.clone();
        use_state(move || src)
    };
    {
        let (draft, error, drafted_from) = (draft.clone(), error.clone(), drafted_from.clone());
        // (and no field's words stay shown from a form the learner has left)
        let shown_what = shown_what.clone();
        use_effect_with(p.source.clone(), move |src| {
            draft.dispatch(DraftOp::Replace(src.clone()));
            drafted_from.set(src.clone());
            error.set(None);
            shown_what.set(None);
        });
    }
    {
        // another place (a lesson, a variant, a challenge: hijack's "✓ Applied" had stayed
        // into fixation, on the same app; review) starts with its own options: what was
        // applied is gone
        let applied = applied.clone();
        use_effect_with(place, move |_| applied.set(false));
    }
    // the bar says while the draft differs that the server still runs the old options (told
    // only when it changes: a dispatch re-renders every pane)
    let pending = draft.0 != p.source && *drafted_from == p.source;
    super::effects::use_form_pending(ServerForm::Options, pending);
    let app = p.app;
    // the field the refusal blames (`options.cookie.maxAge`, `options.secret[1]`) says so to
    // a screen reader, and points at the message
    let blamed = (*error).as_ref().map(|e| e.path.clone());
    let fields = FIELDS.iter().map(|&(path, kind)| {
        let applied = applied.clone();
        let invalid = blamed.as_deref().and_then(|b| b.strip_prefix("options.")).is_some_and(|b| {
            b == path || b.strip_prefix(path).is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
        });
        let (aria_invalid, described) = if invalid { (Some("true"), Some("options-error")) } else { (None, None) };
        let d = draft.clone();
        let edit = move |e: &Event| {
            let text = super::input_value(e).unwrap_or_default();
            d.dispatch(DraftOp::Field(app, path, kind, text));
            applied.set(false);
        };
        let id = format!("opt-{}", path.replace('.', "-"));
        let current = shown_text(&draft.0, path, kind, draft.typed(path));
        // what the option does, as the notes' table says it: on hover, and read after the
        // field's name (a refused field reads its refusal instead: aria-describedby wins)
        let what = field_description(l, path).map(AttrValue::from);
        let control = match kind {
            FieldKind::Choice(choices) => html! {
                <select id={id.clone()} title={what.clone()} aria-invalid={aria_invalid} aria-describedby={described} onchange={Callback::from(move |e: Event| edit(&e))}>
                    {for choices.iter().map(|c| html! {
                        <option value={*c} selected={*c == current}>{choice_text(l, path, c)}</option>
                    })}
                    // a value none of the choices name (a link's `opt.cookie.sameSite=sometimes`:
                    // the server starts, and its first Set-Cookie throws) is shown as it is, so
                    // Apply keeps it rather than quietly putting "auto" in its place
                    if !choices.contains(&current.as_str()) {
                        <option value={current.clone()} selected=true>{current.clone()}</option>
                    }
                </select>
            },
            _ => {
                let placeholder = if path == "secret" { t(l, Key::SecretFormat) } else { t(l, Key::OptionUnset) };
                html! { <input id={id.clone()} type="text" class="mono" value={current} {placeholder} title={what.clone()} spellcheck="false"
                    aria-invalid={aria_invalid} aria-describedby={described}
                    oninput={Callback::from(move |e: InputEvent| edit(&e))} /> }
            }
        };
        // and under the field last focused (the stylesheet draws `data-what`): a title shows
        // on hover only, never on a touch screen, and nothing said it was there
        let class = classes!("opt", (shown_what.as_deref() == Some(id.as_str())).then_some("described"));
        html! { <div {class} data-what={what.clone()}><label for={id.clone()} title={what}><code>{path}</code></label>{control}</div> }
    });
    let apply = {
        let (s, d, error, applied) = (s.clone(), draft.clone(), error.clone(), applied.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let config = LabConfig {
                overrides: d.0.clone(),
                ..LabConfig::for_app(app)
            };
            let refused = config.options().err();
            applied.set(refused.is_none());
            error.set(refused);
            s.dispatch(Op::Configure(d.0.clone()));
            super::effects::reveal_focused_field_later();
        })
    };
    let describe = {
        let shown_what = shown_what.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(id) = super::effects::focused_field(&e) {
                shown_what.set(Some(id));
            }
        })
    };
    let course = {
        let (s, d) = (s.clone(), draft.clone());
        let lesson_overrides = lesson.config(variant).overrides;
        Callback::from(move |_| {
            d.dispatch(DraftOp::Replace(lesson_overrides.clone()));
            s.dispatch(Op::Configure(lesson_overrides.clone()));
        })
    };
    html! {
        <details class="options" ontoggle={super::effects::reveal_when_opened("options-form")}>
            <summary>{t(l, Key::OptionsTitle)}</summary>
            // what a field does shows under it: the form says so in a line, and what applying
            // does sits by the button that applies (above the fields, the note took most of
            // a 1280x720 screen's box, the fields and the buttons' sticky row cut under it)
            <p class="small opts-hint">{t(l, Key::OptionsPickHint)}</p>
            <form onsubmit={apply} class="opts" id="options-form" onfocusin={describe} onkeydown={super::effects::submit_on_enter_in_choice}>
                {for fields}
                <p class="note">{t(l, Key::OptionsRestartNote)}</p>
                if let Some(e) = (*error).clone() { <p class="error" id="options-error">{fill(t(l, Key::OptionInvalid), &[("e", &option_error_text(l, &e))])}</p> }
                // the row stays at the bottom of the box that scrolls the form, and the word
                // that the apply took with it (below it, on a phone, it was off the screen)
                <div class="row">
                    <button type="submit" class="btn primary">{t(l, Key::OptionsApply)}</button>
                    <button type="button" class="btn" onclick={course}>{t(l, Key::OptionsCourse)}</button>
                    if pending && !*applied { <p class="small pending" id="options-pending">{"⚠ "}{t(l, ServerForm::Options.pending_form_key())}</p> }
                    if *applied { <p class="small applied" id="options-applied">{"✓ "}{t(l, Key::OptionsApplied)}{" "}{back_to_browser(&s, l)}</p> }
                </div>
            </form>
        </details>
    }
}

/// A choice of an option's select as it reads: the value, and for `store` the package the
/// value stands for ("persistent (connect-mongo)": the bare values, the lab's own shorthand,
/// named nothing the lessons name).
fn choice_text(
    l: crate::i18n::Lang,
    path: &str,
    value: &'static str,
) -> std::borrow::Cow<'static, str> {
    use crate::engine::session::StoreKind;
    if value.is_empty() {
        return t(l, Key::OptionUnset).into();
    }
    match StoreKind::from_code(value).filter(|_| path == "store") {
        Some(kind) => fill(
            t(l, Key::StoreChoice),
            &[("value", value), ("package", kind.package())],
        )
        .into(),
        None => value.into(),
    }
}

/// Where the server pane is a tab (a phone), the way back to the browser's tab after a
/// restart or an apply, its Go button focused: the steps go on "then open /user", and the
/// phone learner was left on the server's tab with nothing saying where Go had gone (shown by
/// style.css only where the panes are tabs). The deployment's apply has it too (lesson 4's
/// step 7 and lesson 6 go on in the browser after it).
pub(super) fn back_to_browser(s: &super::state::AppContext, l: crate::i18n::Lang) -> Html {
    let s = s.clone();
    let onclick = Callback::from(move |_| {
        s.dispatch(Op::SetTab(crate::model::workbench::Pane::Browser));
        super::access::focus_later(".window:not(.attacker) form.addressbar button[type=submit]");
        // with the card's next step above it where both fit: the steps go on "then open
        // /user", and the learner landed at Go with the step scrolled away above
        super::effects::reveal_with_later(super::guide::echoed_on_card, "address");
    });
    html! { <button type="button" class="linklike to-browser" {onclick}>{t(l, Key::BackToBrowser)}{" →"}</button> }
}

/// The pane.
#[component]
pub fn ServerPane() -> Html {
    let s = use_app();
    let code_ref = use_node_ref();
    let console_ref = use_node_ref();
    let rest_ref = use_node_ref();
    let page = use_state(|| 0usize);
    let wb = s.model();
    let l = wb.lang();
    let lab = wb.lab();
    let app = lab.config.app;
    let now = lab.now;
    let source = wb.source_text(l);
    let ran_lines = wb.ran_lines().to_vec();
    let changed_lines = wb.changed_lines().to_vec();
    // each request scrolls the code again, even one that ran the same lines as the last (a
    // jar edit, the clock or a restart does not: the learner may be reading); on a phone the
    // pane is a tab, hidden while requests go, so it scrolls again when its tab opens
    let last = wb.timeline().last_request();
    let last_request = last.map(|e| e.id);
    let place = (wb.lesson(), wb.variant());
    let on_tab = wb.tab() == crate::model::workbench::Pane::Server;
    let touched = wb.touched().to_vec();
    let answered = last
        .and_then(|e| e.exchange.as_ref())
        .map_or(1, |x| x.instance);
    let tables = app.uses_session().then(|| {
        let cx = TableCtx {
            lang: l,
            now,
            touched: &touched,
            answered,
            page: &page,
        };
        session_tables(&cx, lab)
    });
    let deploy = lab.config.deploy;
    let notebook = (app == App::Manual).then(|| lab.server.manual.to_json());
    let options_source = lab.server.options.source.clone();
    let past = wb.past();
    // (not once the server has restarted: they were made by a server that is gone)
    let writes = if wb.timeline().restarted_since_flight() {
        Vec::new()
    } else {
        crate::model::workbench::write_history(wb.timeline())
    };
    let console = wb.timeline().console_tail(8);
    drop(wb);
    let narrow = super::effects::use_narrow();
    {
        // on a phone the pane is a tab and the page scrolls: the server's tab opened after a
        // request shows the store's row it wrote or touched, at the foot of the screen under
        // the code (the least scroll that shows it): lesson 3's "a session appears in the
        // store" showed only the code, the store's heading 24 px below the fold (two reviews)
        let rest_ref = rest_ref.clone();
        use_effect_with((on_tab, last_request), move |(on_tab, _)| {
            if *on_tab && narrow {
                if let Some(rest) = rest_ref.cast::<web_sys::Element>() {
                    if let Some(row) = first_row(&rest, &touched_selectors()) {
                        super::effects::reveal_element(&row);
                    }
                }
            }
        });
    }
    // as a terminal does, the console keeps its newest line in view: after each line, and
    // when it is opened
    let console_to_end = {
        let console_ref = console_ref.clone();
        move || {
            if let Some(el) = console_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        }
    };
    {
        let to_end = console_to_end.clone();
        // (on a phone, again when the tab opens: lines that came while it was hidden had no
        // height to scroll by)
        use_effect_with((console.clone(), on_tab), move |_| to_end());
    }
    // opened, it comes into view (at 1280x720 only its heading did) at its newest line
    let console_toggle = Callback::from(move |e: Event| {
        console_to_end();
        if let Some(d) = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDetailsElement>(t).ok())
            .filter(|d| d.open())
        {
            super::effects::reveal_element(&d);
        }
    });
    {
        // bring the marked lines into view. The lines an apply wrote (`maxAge: 86400000`,
        // `app.set('trust proxy', 1)`) from the first: with the options open the code box is
        // a few lines tall, and the line the learner just made was below it. Else the lines
        // that ran, from the first, or, when they do not all fit, down to the last, since the
        // branch a request took (an `else`) is what decides. Again after each request, after
        // an apply that wrote other text on the same lines, and on a phone when the server's
        // tab opens (hidden, the box had no height to scroll).
        let code_ref = code_ref.clone();
        use_effect_with(
            (
                ran_lines.clone(),
                changed_lines.clone(),
                last_request,
                source.clone(),
                on_tab,
            ),
            move |(ran, changed, ..)| {
                let (lines, below) = if changed.is_empty() {
                    (ran, 40.0)
                } else {
                    (changed, 8.0)
                };
                if let (Some(first), Some(last), Some(pre)) = (
                    lines.iter().min(),
                    lines.iter().max(),
                    code_ref.cast::<web_sys::Element>(),
                ) {
                    let origin = pre.get_bounding_client_rect().top() - pre.scroll_top() as f64;
                    let line = |n: &usize| {
                        pre.query_selector(&format!("[data-line='{n}']"))
                            .ok()
                            .flatten()
                            .map(|el| el.get_bounding_client_rect())
                    };
                    if let (Some(top), Some(bottom)) = (line(first), line(last)) {
                        let from_first = top.top() - origin - below;
                        // an apply's lines show from their first, whatever follows
                        let to_last = if changed.is_empty() {
                            bottom.bottom() - origin - pre.client_height() as f64 + 8.0
                        } else {
                            0.0
                        };
                        pre.set_scroll_top(from_first.max(to_last).max(0.0) as i32);
                    }
                }
            },
        );
    }
    {
        // a request changes the store: when the learner had scrolled the pane's lower box past
        // it (Show me on an option, then Apply and Go), it comes back into view; not while
        // they work in that box (the focus is there) or read the console
        // (a variant chosen changes the stores too)
        // a session the answering instance's store did not have, which another's holds
        // (lesson 5's two MemoryStores: "this session is in app2's memory", its table out of
        // view under app1's at 1280x720), is shown as a touched row is
        // (the last hop's miss first: a login's own miss, of the id the first visit got, may
        // come before it)
        let missed: Vec<String> = touched
            .iter()
            .rev()
            .filter(|(_, t_)| *t_ == crate::model::workbench::Touch::Miss)
            .map(|(sid, _)| sid.clone())
            .collect();
        let rest_ref = rest_ref.clone();
        use_effect_with((last_request, place), move |_| {
            if let Some(rest) = rest_ref.cast::<web_sys::HtmlElement>() {
                store_back_in_view(&rest);
                if !touched_row_in_view(&rest) {
                    if let Some(row) = missed.iter().find_map(|sid| {
                        store_row_where("td.sid", |t_| t_.trim().ends_with(sid.as_str()))
                    }) {
                        row_in_its_box(&row);
                    }
                }
            }
        });
    }
    // both kinds of marked line, when both are shown
    let ran_summary = code_marks_summary(l, &changed_lines, &ran_lines);
    let code_lines = source.lines().enumerate().map(|(i, line)| {
        let n = i + 1;
        let ran = ran_lines.contains(&n);
        let changed = changed_lines.contains(&n);
        // a line that ran, or that an apply wrote, is a <mark>: highlighted for the eye and,
        // by its role, for a reader
        let body = html! { <><span class="ln" aria-hidden="true">{n}</span>{super::access::mixed(l, line)}{"\n"}</> };
        if ran || changed {
            html! { <mark class={classes!("line", ran.then_some("ran"), changed.then_some("changed"))} data-line={n.to_string()}>{body}</mark> }
        } else {
            html! { <span class="line" data-line={n.to_string()}>{body}</span> }
        }
    });
    let tag_for = |sid: &str| super::store_view::tag_for(l, &touched, sid);
    let store_view = if let Some(p) = &past {
        html! {
            <>
                {super::past::banner(l, p, super::past::back_to_now(&s))}
                {super::past::store_view(l, p, &page)}
            </>
        }
    } else if let Some(tables) = tables {
        tables
    } else if let Some(Value::Object(cards)) = notebook {
        html! {
            <>
                <h3>{t(l, Key::StoreTitle)}{t(l, Key::Colon)}{t(l, Key::StoreNotebook)}</h3>
                <div class="table-wrap" tabindex="0" role="region" aria-label={t(l, Key::StoreTableLabel)}><table class="store">
                    <caption class="sr-only">{t(l, Key::StoreTitle)}{t(l, Key::Colon)}{t(l, Key::StoreNotebook)}</caption>
                    <thead><tr><th scope="col">{"session.id"}</th><th scope="col">{t(l, Key::ColData)}</th><th scope="col"><span class="sr-only">{t(l, Key::TagHit)}</span></th></tr></thead>
                    <tbody>
                        // newest first, as the stores are: the card a request just issued is the
                        // top row (it was under the others, out of a box 80 px tall at 1280x720)
                        {for cards.iter().rev().map(|(id, v)| {
                            let tag = tag_for(id);
                            html! { <tr key={id.clone()} class={classes!(tag.map(|t_| t_.1))}><td class="mono sid">{id.clone()}</td><td class="mono data">{crate::engine::json::stringify(v)}</td>
                                <td>if let Some((label, kind)) = tag { <span class={classes!("tag", kind)}>{label}</span> }</td></tr> }
                        })}
                        if cards.is_empty() { <tr><td colspan="3" class="muted">{t(l, Key::StoreEmpty)}</td></tr> }
                    </tbody>
                </table></div>
            </>
        }
    } else {
        html! { <><h3>{t(l, Key::StoreTitle)}</h3><p class="muted">{t(l, Key::StoreNone)}</p></> }
    };
    let bare = matches!(app, App::CookieOnly | App::CookieOnlySigned);
    let restart = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Act(Action::RestartServer)))
    };
    let restarted = s
        .model()
        .timeline()
        .restart_since_request()
        .and_then(|e| crate::model::explain::explain(l, e))
        .map(|(text, tone)| (text, tone == crate::model::explain::Tone::Warn));
    html! {
        <>
            <div class="pane-head">
                <h2 id="h-server">{t(l, Key::PaneServer)}</h2>
                <span class="muted mono small">{format!("localhost:{}", app.port())}</span>
                // the two buttons keep together: where the row is too short for both beside the
                // name they go under it as a pair ("Restart server" went under "Export" alone)
                <span class="pane-actions">
                    <super::export::ExportButton />
                    <button type="button" class="btn small" id="restart-server" onclick={restart}>{t(l, Key::RestartServer)}</button>
                </span>
                if let Some((text, lost)) = restarted {
                    <p class={classes!("small", "restarted", lost.then_some("lost"))} id="server-restarted">{"↻ "}{text}{" "}{back_to_browser(&s, l)}</p>
                }
            </div>
            <div class="server-code">
                <h3>{t(l, Key::CodeTitle)}<span class="muted small hint" id="ran-summary">{" · "}{ran_summary}</span></h3>
                <pre class="code" id="server-code" ref={code_ref} tabindex="0" role="region" aria-label={t(l, Key::CodeRegionLabel)}
                    aria-describedby="ran-summary" translate="no"><code>{for code_lines}</code></pre>
            </div>
            // the store, then the folded panels in a box of whole rows (see .rest-panels in
            // style.css): its edge never cuts a panel's summary
            <div class="server-rest" ref={rest_ref}>
                // with no table in it (an app that keeps nothing on the server) the box is
                // what scrolls when its notes do not fit: a stop for the keys, and named, so a
                // keyboard can read what it cut (axe: scrollable-region-focusable)
                <div class="rest-store" tabindex={bare.then_some("0")} role={bare.then_some("region")}
                    aria-label={bare.then(|| t(l, Key::StoreTitle))}>
                    {store_view}
                    {super::flight::write_history(l, &writes)}
                    if !app.uses_session() {
                        <p class="muted small">{t(l, Key::OptionsNotApplicable)}</p>
                    }
                </div>
                <div class="rest-panels">
                    if app.uses_session() {
                        <OptionsEditor source={options_source} {app} />
                        <super::deploy::DeployEditor current={deploy} />
                    }
                    <super::visitors::Visitors />
                    if !console.is_empty() {
                        <details class="console" ontoggle={console_toggle}>
                            <summary>{t(l, Key::ConsoleTitle)}</summary>
                            <pre class="mono" ref={console_ref}>{console.join("\n")}</pre>
                        </details>
                    }
                </div>
            </div>
        </>
    }
}

/// Scrolls the server pane's lower box back to its top, where the store is, when the store's
/// first table lies wholly above what the box shows, the focus is not in the box, and no open
/// console is in view (on a phone the box does not scroll: nothing happens).
fn store_back_in_view(rest: &web_sys::HtmlElement) {
    if rest.scroll_top() <= 0 {
        return;
    }
    let focus_inside = holds_focus(rest);
    let (top, bottom) = {
        let r = rest.get_bounding_client_rect();
        (r.top(), r.bottom())
    };
    let shown = |sel: &str| {
        rest.query_selector(sel).ok().flatten().map(|el| {
            let r = el.get_bounding_client_rect();
            r.bottom() > top && r.top() < bottom
        })
    };
    let store_hidden = shown(".table-wrap") == Some(false);
    let console_read = shown("details.console[open] pre") == Some(true);
    if store_hidden && !focus_inside && !console_read {
        rest.set_scroll_top(0);
    }
}

/// Whether the focus is in `el`: a box the learner works in, which is not scrolled for them.
fn holds_focus(el: &web_sys::Element) -> bool {
    gloo::utils::document()
        .active_element()
        .is_some_and(|a| el.contains(Some(&a)))
}

/// Scrolls the box that scrolls the store (its own, or the lower box with a panel open) so the
/// rows the last request wrote or touched show whole: all of them when they fit (lesson 3's
/// /regenerate: the new session and the destroyed one, which was left half cut), else the one
/// written, from its top when it is taller than the box, as the code box shows the lines that
/// ran (at 1280x720 lesson 2's new card was under the first, out of view, in a box 80 px
/// tall). On a phone the page scrolls, not a box in the pane: nothing happens. Whether the
/// store has such a row (none: the caller may show another, a session it missed).
fn touched_row_in_view(rest: &web_sys::HtmlElement) -> bool {
    let selectors = touched_selectors();
    let Some(row) = first_row(rest, &selectors) else {
        return false;
    };
    let Some(scroller) = super::effects::scroller_of(&row).0 else {
        return true;
    };
    if !rest.contains(Some(&scroller)) {
        return true;
    }
    let (b, r) = (
        scroller.get_bounding_client_rect(),
        row.get_bounding_client_rect(),
    );
    // every touched row, from the first to the last, where they fit together
    let (mut top, mut bottom) = (r.top(), r.bottom());
    if let Ok(rows) = rest.query_selector_all(&selectors.join(", ")) {
        for i in 0..rows.length() {
            if let Some(e) = rows
                .get(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            {
                let q = e.get_bounding_client_rect();
                top = top.min(q.top());
                bottom = bottom.max(q.bottom());
            }
        }
    }
    // (whether the heads fit over them too is show_store_span's to decide)
    let (top, bottom) = if bottom - top <= b.height() {
        (top, bottom)
    } else {
        (r.top(), r.bottom())
    };
    show_store_span(&scroller, &row, top, bottom);
    true
}

/// The selectors of the store's rows a request wrote or touched, the written kinds first.
fn touched_selectors() -> Vec<String> {
    super::store_view::TOUCHES_WRITES_FIRST
        .iter()
        .map(|t_| {
            format!(
                ".rest-store .table-wrap tr.{}",
                super::store_view::touch_class(*t_)
            )
        })
        .collect()
}

/// The first row in `rest` that `selectors` find, in their order.
fn first_row(rest: &web_sys::Element, selectors: &[String]) -> Option<web_sys::Element> {
    selectors
        .iter()
        .find_map(|sel| rest.query_selector(sel).ok().flatten())
}

/// The height of the sticky column heads of the store table that holds `row`: they cover the
/// top of the box that scrolls it.
fn heads_over(row: &web_sys::Element) -> f64 {
    row.closest("table")
        .ok()
        .flatten()
        .and_then(|t| t.query_selector("thead").ok().flatten())
        .map_or(0.0, |h| h.get_bounding_client_rect().height())
}

/// The height of a store's `heading` where it sticks at the top of the box (two instances:
/// style.css), else 0.
fn pinned_heading(heading: Option<&web_sys::Element>) -> f64 {
    let sticky = |h: &&web_sys::Element| {
        web_sys::window()
            .and_then(|w| w.get_computed_style(h).ok().flatten())
            .and_then(|st| st.get_property_value("position").ok())
            .is_some_and(|p| p == "sticky")
    };
    heading
        .filter(sticky)
        .map_or(0.0, |h| h.get_bounding_client_rect().height())
}

/// Scrolls `scroller` the least that shows the store rows from `top` to `bottom` (`row`'s
/// table's): with the table's heading above them where all of it fits (scrolled to a row, the
/// box had left "Session store: app1's MemoryStore" above it, out of view: lesson 6 at
/// 1440x900), else under the sticky column heads, which hid the first of a row's lines (at
/// 1280x720 lesson 3's step 5 showed the new row's expiry but not the start of its id).
/// Not while the focus is in that box: the learner works there (the options' fields, Apply),
/// and a row brought into view would take the focused control out of it (after a restart by
/// Apply the focus is brought back into view: see `effects::reveal_focused_field_later`).
fn show_store_span(scroller: &web_sys::Element, row: &web_sys::Element, top: f64, bottom: f64) {
    if holds_focus(scroller) {
        return;
    }
    let b = scroller.get_bounding_client_rect();
    // the heads stick again (letting go moves nothing in the flow)
    let table = row.closest("table").ok().flatten();
    if let Some(t) = &table {
        let _ = t.remove_attribute("data-heads-free");
    }
    let wrap = row.closest(".table-wrap").ok().flatten();
    let heading = (wrap.as_ref())
        .and_then(|w| w.previous_element_sibling())
        .filter(|h| h.tag_name().eq_ignore_ascii_case("h3"));
    // the heading that sticks over the rows (two instances), and the column heads under it
    let pinned = pinned_heading(heading.as_ref());
    if let Some(h) = &heading {
        // where it lies in the flow: one that sticks is drawn where it stuck, right over its
        // table (the span from there "fitted" and nothing scrolled)
        let from = match &wrap {
            Some(w) if pinned > 0.0 => w.get_bounding_client_rect().top() - pinned,
            _ => h.get_bounding_client_rect().top(),
        };
        if bottom - from <= b.height() {
            if pinned > 0.0 {
                // at the box's top, over the heading stuck there (another store's, whose rows
                // have gone up: it read as the name of this one's)
                super::effects::scroll_to_top_of(scroller, &b, 0.0, from);
            } else {
                super::effects::scroll_span_into(scroller, &b, 0.0, from, bottom);
            }
            return;
        }
    }
    let heads = heads_over(row);
    let room = b.height() - pinned;
    if bottom - top > room - heads && bottom - top <= room {
        // the box holds the rows but not the heads over them too: the heads let go (they go
        // up with the rows above) and the rows show whole, their last line too (logout's hint
        // 2 reads "usrename":null at the end of a row of 80 px, in a box of 82 at 1280x720)
        if let Some(t) = &table {
            let _ = t.set_attribute("data-heads-free", "");
        }
        if pinned > 0.0 {
            // under a heading that sticks, the rows start at its foot and the heads go up
            // under it whole (the least scroll left half a line of them between the two)
            super::effects::scroll_to_top_of(scroller, &b, pinned, top);
        } else {
            super::effects::scroll_span_into(scroller, &b, 0.0, top, bottom);
        }
        return;
    }
    super::effects::scroll_span_into(scroller, &b, pinned + heads, top, bottom);
}

/// Once drawn, brings the session store's row whose data holds `needle` into the box that
/// scrolls the store, whole where it fits, else from its top: a hint that sends the learner
/// to a row (forge's bob, the last of six rows in a box that shows one at 1280x720). Only
/// the server pane's own boxes scroll: on a phone, where the page scrolls, the hint the
/// learner is reading stays where it is.
pub fn store_row_in_view(needle: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        super::effects::next_frame().await;
        if let Some(row) = store_row_where("td.data", |t| t.contains(needle)) {
            row_in_its_box(&row);
        }
    });
}

/// The row of a session store table in the server pane's lower box whose `cell` text passes
/// `pick`.
fn store_row_where(cell: &str, pick: impl Fn(&str) -> bool) -> Option<web_sys::Element> {
    let doc = web_sys::window().and_then(|w| w.document())?;
    let cells = doc
        .query_selector_all(&format!("#pane-server .server-rest table.store {cell}"))
        .ok()?;
    (0..cells.length())
        .filter_map(|i| cells.get(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .find(|c| c.text_content().is_some_and(|t| pick(&t)))
        .and_then(|c| c.parent_element())
}

/// Scrolls the server pane's box that holds `row` so it shows whole where it fits, else from
/// its top (only the pane's own boxes: on a phone the page scrolls, and nothing happens).
fn row_in_its_box(row: &web_sys::Element) {
    let Some(scroller) = super::effects::scroller_of(row).0 else {
        return;
    };
    if scroller
        .closest("#pane-server .server-rest")
        .ok()
        .flatten()
        .is_none()
    {
        return;
    }
    let r = row.get_bounding_client_rect();
    show_store_span(&scroller, row, r.top(), r.bottom());
}

//! Pieces the panel's forms share: load states, choice lists, and dates and times in the
//! recruiter's own zone.

use js_sys::Date;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::deadline;
use crate::i18n::{locale, msg, msgf};
use crate::message::{Choice, Failure, InterviewKind};

/// `<option>`s for a choice list, the selected one marked.
/// `placeholder`: the first line, standing for nothing chosen, for a choice the panel must
/// not make for the recruiter.
pub(super) fn choice_options(
    mut items: Vec<Choice>,
    selected: RwSignal<String>,
    placeholder: Option<String>,
) -> Vec<AnyView> {
    if let Some(label) = placeholder {
        items.insert(0, Choice { uuid: String::new(), label });
    }
    let mut options = Vec::with_capacity(items.len());
    for c in items {
        let uuid = c.uuid.clone();
        options.push(
            view! { <option value=c.uuid selected=move || selected.get() == uuid>{c.label}</option> }
                .into_any(),
        );
    }
    options
}

/// "Suggested: <job>" under a list of jobs, from the ATS job's title, while none is chosen; one
/// press picks it. Nothing is picked without that press.
pub(super) fn suggestion(
    ats_title: Option<String>,
    jobs: &[Choice],
    job: RwSignal<String>,
) -> Option<AnyView> {
    let c = Choice::suggested(&ats_title?, jobs)?.clone();
    let uuid = c.uuid;
    Some(
        view! {
            <p id="job-suggestion" class="muted" hidden=move || !job.with(String::is_empty)>{msg("suggested")}" "
                <button type="button" id="use-suggestion" class="link" on:click=move |_| job.set(uuid.clone())>{c.label}</button>
            </p>
        }
        .into_any(),
    )
}

pub(super) use super::lifecycle::Load;

/// `datetime-local` value for an instant, in the recruiter's own time zone.
pub(super) fn local_input_value(ms: i64) -> String {
    let d = Date::new(&JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A `datetime-local` value is local wall time; `Date` reads an offset-less ISO string so.
pub(super) fn parse_local_input(s: &str) -> Option<i64> {
    if s.trim().is_empty() {
        return None;
    }
    let t = Date::new(&JsValue::from_str(s.trim())).get_time();
    (!t.is_nan()).then_some(t as i64)
}

pub(super) fn time_zone() -> String {
    let opts =
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    js_sys::Reflect::get(&opts, &"timeZone".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// The interview type and its date: one-way with a deadline, or live at a start time. Each
/// keeps its own value, so switching back and forth loses nothing typed.
#[derive(Clone, Copy)]
pub(super) struct When {
    kind: RwSignal<InterviewKind>,
    deadline: RwSignal<String>,
    live: RwSignal<String>,
    error: RwSignal<Option<String>>,
}

impl When {
    pub(super) fn new() -> When {
        When {
            kind: RwSignal::new(InterviewKind::OneWay),
            deadline: RwSignal::new(local_input_value(deadline::default_deadline_ms(Date::now() as i64))),
            live: RwSignal::new(local_input_value(default_live_ms())),
            error: RwSignal::new(None),
        }
    }

    /// The chosen type and instant; `None` after showing why the date can't be used.
    pub(super) fn checked(self) -> Option<(InterviewKind, i64)> {
        let kind = self.kind.get_untracked();
        let text = match kind {
            InterviewKind::OneWay => self.deadline.get_untracked(),
            InterviewKind::Live => self.live.get_untracked(),
        };
        match deadline::check(kind, parse_local_input(&text), Date::now() as i64) {
            Ok(ms) => {
                self.error.set(None);
                Some((kind, ms))
            }
            Err(e) => {
                self.error.set(Some(e.message()));
                None
            }
        }
    }
}

/// `live`: whether the provider schedules live interviews; without them an invite is one-way.
#[component]
pub(super) fn WhenPicker(when: When, live: bool) -> impl IntoView {
    let choose = move |k: InterviewKind| {
        when.kind.set(k);
        when.error.set(None);
    };
    view! {
        <fieldset class="kind">
            <legend>{msg("kind")}</legend>
            <label class="inline">
                <input type="radio" name="kind" id="kind-one-way" value="one_way"
                    prop:checked=move || when.kind.get() == InterviewKind::OneWay
                    on:change=move |_| choose(InterviewKind::OneWay)/>
                {msg("one_way")}
            </label>
            {live.then(|| view! {
                <label class="inline">
                    <input type="radio" name="kind" id="kind-live" value="live"
                        prop:checked=move || when.kind.get() == InterviewKind::Live
                        on:change=move |_| choose(InterviewKind::Live)/>
                    {msg("live")}
                </label>
            })}
        </fieldset>
        // Both stay in the page, the other kind's hidden: a choice switched back finds its time.
        <div hidden=move || when.kind.get() != InterviewKind::OneWay>
            <WhenField id="deadline" label=msg("deadline") value=when.deadline error=when.error/>
        </div>
        <div hidden=move || when.kind.get() != InterviewKind::Live>
            <WhenField id="live-time" label=msg("live_time") value=when.live error=when.error/>
        </div>
        <p id="deadline-error" class="error" role="alert">{move || when.error.get()}</p>
    }
}

/// A date and time in the recruiter's zone: a one-way deadline or a live interview's start.
#[component]
fn WhenField(
    id: &'static str,
    label: String,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <label for=id>{label}" "<span class="muted">{msgf("in_zone", &[&tz_label()])}</span></label>
        <input id=id type="datetime-local" required
            min=local_input_value(Date::now() as i64)
            prop:value=move || value.get()
            on:input=move |ev| { value.set(event_target_value(&ev)); error.set(None); }
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby="deadline-error"/>
    }
}

/// A live interview defaults to tomorrow at 10:00, the recruiter's time.
pub(super) fn default_live_ms() -> i64 {
    let d = Date::new_0();
    d.set_date(d.get_date() + 1);
    d.set_hours(10);
    d.set_minutes(0);
    d.set_seconds(0);
    d.set_milliseconds(0);
    d.get_time() as i64
}

/// The recruiter's time zone as their language names it ("Central European Standard Time",
/// "Mitteleuropäische Normalzeit"); its IANA id where `Intl` has no name for it.
fn tz_label() -> String {
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"timeZoneName".into(), &"long".into());
    let lang = js_sys::Array::of1(&JsValue::from_str(&locale()));
    let parts = js_sys::Intl::DateTimeFormat::new(&lang, &opts).format_to_parts(&Date::new_0());
    parts
        .iter()
        .find(|p| {
            js_sys::Reflect::get(p, &"type".into()).ok().and_then(|t| t.as_string()).as_deref()
                == Some("timeZoneName")
        })
        .and_then(|p| js_sys::Reflect::get(&p, &"value".into()).ok()?.as_string())
        .unwrap_or_else(|| time_zone().replace('_', " "))
}

/// A failure where it happened: the sentence, the vendor's status code on a line of its own,
/// and Retry where trying again is the recruiter's next step. A problem with the saved key is
/// said once, in the panel's banner ([`KeyBanner`]), so its sections say nothing of it.
pub(super) fn failure_view(f: Failure, retry: Option<Callback<()>>) -> Option<AnyView> {
    if f.key_problem.is_some() {
        return None;
    }
    let (said, detail) = f.message.split_once('\n').unwrap_or((&f.message, ""));
    Some(said_view("error", "alert", said.to_string(), detail.to_string(), retry.map(|r| (msg("retry"), r))))
}

/// A sentence, a detail line (hidden when empty) and one button: failures, the key banner and
/// the setup note share this one view (each distinct view is code of its own in the wasm).
pub(super) fn said_view(
    class: &'static str,
    role: &'static str,
    said: String,
    detail: String,
    button: Option<(String, Callback<()>)>,
) -> AnyView {
    view! {
        <div class=class role=role>
            <p>{said}</p>
            <p class="detail">{detail}</p>
            {button.map(|(label, act)| view! { <button type="button" on:click=move |_| act.run(())>{label}</button> })}
        </div>
    }
    .into_any()
}

/// The way to the options, where keys are added and checked.
pub(super) fn to_options() -> Callback<()> {
    Callback::new(|_| crate::web::chrome::open_options_page())
}

/// The one place a problem with the provider's key is said in the panel, with the way to the
/// options.
#[component]
pub(super) fn KeyBanner(problem: Memo<Option<Failure>>) -> impl IntoView {
    move || {
        problem.get().map(|f| {
            said_view(
                "error banner",
                "alert",
                f.message,
                String::new(),
                Some((msg("check_keys"), to_options())),
            )
        })
    }
}

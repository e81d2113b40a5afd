//! A good guest on the recruiter's page (issue 14, points 2 and 5): the panel's labelled tab,
//! hidden or shown as the recruiter left it on each ATS site, fixed page headers kept out from
//! under it, and the panel reached from the page by keyboard alone. The release build in headless
//! Chromium against the sandbox, whose SmartRecruiters app has a fixed top bar.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::Element;
use support::*;

const SR_PROFILE: &str =
    "https://www.smartrecruiters.com/app/people/profile/29661a38-67c8-472b-b08a-5fe27220b17d";
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";

/// The panel's tab (in its host's closed shadow root) once the content script has mounted it.
fn panel_tab(env: &Env) -> Element {
    env.wait("the panel's tab", |b| {
        b.top();
        let host = b.find("interview-bridge-panel").ok()?;
        b.shadow_find_all(&host, "button").ok()?.into_iter().next()
    })
}

/// Where the panel and SmartRecruiters' top bar are: the panel's left edge and width, the right
/// edge of the bar's avatar and "New job", whether a press at the avatar's middle reaches it,
/// the page's width without its scrollbar, and `<html>`'s right margin.
fn sr_geometry(env: &Env) -> Value {
    env.browser.top();
    env.browser
        .exec(
            "const r = s => document.querySelector(s).getBoundingClientRect();
             const p = r('interview-bridge-panel'), a = r('.sr-avatar'), n = r('.sr-new-job');
             const hit = document.elementFromPoint(a.left + a.width / 2, a.top + a.height / 2);
             return { panel_left: p.left, panel_width: p.width, avatar_right: a.right, new_job_right: n.right,
                      avatar_reached: hit === document.querySelector('.sr-avatar'),
                      page_width: document.documentElement.clientWidth,
                      margin: getComputedStyle(document.documentElement).marginRight };",
            vec![],
        )
        .unwrap()
}

#[test]
fn a_fixed_header_stays_clear_of_the_panel_and_the_panel_stays_hidden_where_the_recruiter_hid_it() {
    let env = Env::start();
    env.open_panel(SR_PROFILE);
    // SmartRecruiters' fixed top bar ends at the panel's edge: its right-hand buttons are not
    // under the panel, and a press there reaches them.
    let g = env.wait("the top bar to end at the panel", |_| {
        let g = sr_geometry(&env);
        (g["avatar_right"].as_f64()? <= g["panel_left"].as_f64()?).then_some(g)
    });
    assert_eq!(g["panel_width"], 360.0, "{g}");
    assert!(g["new_job_right"].as_f64().unwrap() <= g["panel_left"].as_f64().unwrap(), "{g}");
    assert_eq!(g["avatar_reached"], true, "{g}");

    // The labelled tab hides the panel: the bar gets its whole width back, as the page drew it.
    let tab = panel_tab(&env);
    assert_eq!(env.browser.text(&tab).unwrap(), "▸ Interview Bridge");
    assert_eq!(
        env.browser.exec("return arguments[0].ariaLabel", vec![Driver::element_arg(&tab)]).unwrap(),
        "Interview Bridge"
    );
    assert_eq!(env.browser.prop(&tab, "ariaExpanded").unwrap(), "true");
    env.browser.click(&tab).unwrap();
    let g = env.wait("the panel to hide", |_| {
        let g = sr_geometry(&env);
        (g["panel_width"] == 0.0).then_some(g)
    });
    let page_width = g["page_width"].as_f64().unwrap();
    assert_eq!(g["avatar_right"].as_f64().unwrap(), page_width - 24.0, "the bar's own padding: {g}");
    assert_eq!(g["margin"], "0px", "{g}");
    assert_eq!(env.browser.prop(&tab, "ariaExpanded").unwrap(), "false");

    // Hidden on SmartRecruiters stays hidden there, page after page.
    env.browser.goto(SR_PROFILE);
    let tab = panel_tab(&env);
    assert_eq!(env.browser.prop(&tab, "ariaExpanded").unwrap(), "false", "hidden after a reload");
    assert_eq!(sr_geometry(&env)["panel_width"], 0.0);

    // Another ATS keeps its own state: Lever's panel is shown.
    env.open_panel(&candidate_url(GRACE));
    let tab = panel_tab(&env);
    assert_eq!(env.browser.prop(&tab, "ariaExpanded").unwrap(), "true", "shown on Lever");

    // Shown again on SmartRecruiters, it stays shown.
    env.browser.goto(SR_PROFILE);
    let tab = panel_tab(&env);
    env.browser.click(&tab).unwrap();
    env.wait("the panel to show", |_| (sr_geometry(&env)["panel_width"] == 360.0).then_some(()));
    env.browser.goto(SR_PROFILE);
    let tab = panel_tab(&env);
    assert_eq!(env.browser.prop(&tab, "ariaExpanded").unwrap(), "true", "shown after a reload");
    let g = sr_geometry(&env);
    assert!(g["avatar_right"].as_f64().unwrap() <= g["panel_left"].as_f64().unwrap(), "{g}");
}

/// The id (or tag) of what has the focus in the document the driver is in.
fn focused(env: &Env) -> String {
    let v =
        env.browser.exec("const a = document.activeElement; return a.id || a.tagName.toLowerCase();", vec![]);
    v.unwrap().as_str().unwrap_or_default().to_string()
}

/// Into the panel's frame, where the focus is once the page's skip control or the shortcut
/// sent it: the panel's title.
fn wait_panel_title_focused(env: &Env) {
    env.wait("the panel's title to have the focus", |b| {
        b.top();
        let host = b.find("interview-bridge-panel").ok()?;
        let iframe = b.shadow_find_all(&host, "iframe").ok()?.into_iter().next()?;
        b.frame(&iframe).ok()?;
        (focused(env) == "panel-title").then_some(())
    });
}

#[test]
fn the_keyboard_alone_reaches_send_from_the_top_of_the_page_and_the_shortcut_goes_there_and_back() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(ALAN));
    env.wait("the form's jobs", |b| b.find("#job option:nth-child(2)").ok());
    env.wait("no interviews yet", |b| b.find("#no-interviews").ok());

    // The page's first Tab stop is "Skip to Interview Bridge", shown while it has the focus.
    env.browser.top();
    assert_eq!(focused(&env), "body", "nothing focused yet");
    env.browser.press(&[TAB]).unwrap();
    assert_eq!(focused(&env), "interview-bridge-skip");
    let skip = env.browser.find("interview-bridge-skip").unwrap();
    let jump = env.browser.shadow_find_all(&skip, "button").unwrap().remove(0);
    assert_eq!(env.browser.text(&jump).unwrap(), "Skip to Interview Bridge");
    let shown = "const r = arguments[0].getBoundingClientRect();
        return getComputedStyle(arguments[0]).opacity === '1' && r.top >= 0 && r.height > 0;";
    assert_eq!(
        env.browser.exec(shown, vec![Driver::element_arg(&jump)]).unwrap(),
        true,
        "visible when focused"
    );

    // Enter: into the panel, at its title; then Tab by Tab to Send, choosing a job and a
    // question set with the arrow keys on the way.
    env.browser.press(&[ENTER]).unwrap();
    wait_panel_title_focused(&env);
    // The invite form's fields, one Tab each but the date's (Chromium stops at its month, day,
    // year, hour, minute and AM/PM).
    let mut tabs = 0;
    while focused(&env) != "send" {
        assert!(tabs < 18, "Send not reached in 18 Tabs (at {})", focused(&env));
        env.browser.press(&[TAB]).unwrap();
        tabs += 1;
        let at = focused(&env);
        let empty = env.browser.exec("return document.activeElement.value === '';", vec![]).unwrap();
        if (at == "job" || at == "question-set") && empty == true {
            env.browser.press(&[DOWN]).unwrap();
        }
    }
    env.browser.press(&[ENTER]).unwrap();
    env.wait_text_contains("#send-status", "Interview sent to Alan Turing");
    assert_eq!(env.interviews_for("alan.turing@example.com").len(), 1, "Spark Hire received it");
    println!("Send reached in {tabs} Tabs after the skip control");

    // The shortcut (the worker sends the page's content script TogglePanel, as here from an
    // extension page): from the panel back to the page, hiding it, then to the panel again.
    let toggle = || {
        let back = env.browser.window();
        let tab = env.browser.raw("POST", "/window/new", Some(serde_json::json!({"type": "tab"}))).unwrap();
        env.browser.switch_window(tab["handle"].as_str().unwrap());
        env.browser.goto(&ext_url("popup.html"));
        let sent = env
            .browser
            .exec_async(
                "const done = arguments[arguments.length - 1];
                 Promise.all([chrome.tabs.getCurrent(), chrome.tabs.query({})])
                   .then(([me, all]) => chrome.tabs.sendMessage(all.find(t => t.id !== me.id).id, { type: 'TogglePanel' }))
                   .then(() => done(true), e => done(String(e)));",
                vec![],
            )
            .unwrap();
        assert_eq!(sent, true, "TogglePanel reached the page: {sent}");
        env.browser.close_window();
        env.browser.switch_window(&back);
    };
    toggle();
    let tab = panel_tab(&env);
    env.wait("the panel to hide", |b| (b.prop(&tab, "ariaExpanded").ok()? == "false").then_some(()));
    env.browser.top();
    assert_eq!(focused(&env), "interview-bridge-panel", "the focus is on the panel's tab, to reopen it");
    toggle();
    wait_panel_title_focused(&env);
    env.browser.top();
    assert_eq!(env.browser.prop(&panel_tab(&env), "ariaExpanded").unwrap(), "true");
}

//! Accessibility (issue 14, point 5): axe-core, from npm (installed by `build.sh`, its path in
//! `AXE_JS`), injected into each extension document as the recruiter sees it, reports no
//! violation of WCAG 2.0/2.1/2.2 A and AA or of its best practices. The release build in headless
//! Chromium against the sandbox.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::*;

const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']";

/// axe's violations in the document the driver is in: rule, impact and where, one a line.
fn violations(env: &Env, what: &str) -> Vec<String> {
    let path = std::env::var("AXE_JS").expect("AXE_JS: axe.min.js, installed by build.sh");
    let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    env.browser.exec(&format!("{axe}\n;window.axe = axe;"), vec![]).expect("axe loads");
    let found = env
        .browser
        .exec_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                     + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));"
            ),
            vec![],
        )
        .expect("axe runs");
    // WCAG 1.4.11, which axe leaves to people: a field's border against what is behind it.
    let borders = env
        .browser
        .exec(
            "const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
                 v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                 return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
             const behind = el => { for (let e = el; e; e = e.parentElement) {
                 const c = getComputedStyle(e).backgroundColor, a = c.match(/[\\d.]+/g);
                 if (a.length < 4 || +a[3] > 0) return c; } return 'rgb(255, 255, 255)'; };
             const out = [];
             for (const el of document.querySelectorAll(
                 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea')) {
               if (!el.getClientRects().length) continue;
               const line = getComputedStyle(el).borderTopColor, back = behind(el.parentElement);
               const [hi, lo] = [lum(line), lum(back)].sort((x, y) => y - x);
               const ratio = (hi + 0.05) / (lo + 0.05);
               if (ratio < 3) out.push('field-border-contrast: ' + (el.id || el.tagName) + ' has a '
                 + line + ' border on ' + back + ', ' + ratio.toFixed(2) + ':1 (WCAG 1.4.11 asks 3:1)');
             }
             return out;",
            vec![],
        )
        .expect("borders measured");
    let found: Vec<Value> =
        found.as_array().into_iter().chain(borders.as_array()).flatten().cloned().collect();
    let out: Vec<String> = found.iter().filter_map(Value::as_str).map(|s| format!("{what}: {s}")).collect();
    out
}

const OORWIN_JOB: &str = "https://acme.oorwin.com/#/jobs/5001/pipeline_details/all";
const SPOTTABL_KEY: &str = "sp_demo_key_6Lm";

/// The Hellohire switch in the options, on.
fn hellohire_on(env: &Env) {
    env.browser.top();
    env.browser.goto(&ext_url("options.html"));
    let input = env.wait("the Hellohire switch enabled", |b| {
        let e = b.find("#hellohire-on").ok()?;
        (b.prop(&e, "disabled").ok()? == false).then_some(e)
    });
    env.browser.click(&input).unwrap();
    env.wait_text_contains("#hellohire-status", " on.");
}

#[test]
fn every_extension_page_has_no_axe_violation() {
    let env = Env::start();
    let mut all = Vec::new();

    env.open_panel(&candidate_url(GRACE));
    env.text_of("#candidate-name");
    all.extend(violations(&env, "panel, no key yet"));

    env.browser.top();
    env.browser.goto(&ext_url("popup.html"));
    env.text_of("h1");
    all.extend(violations(&env, "popup, no key"));
    env.save_key("spark_hire", "sh_wrong");
    all.extend(violations(&env, "popup, a rejected key"));
    env.save_key("spark_hire", SPARKHIRE_KEY);
    all.extend(violations(&env, "popup, a key saved"));

    env.open_panel(&candidate_url(GRACE));
    env.wait("Grace's interview", |b| b.find("li.interview").ok());
    all.extend(violations(&env, "panel, a candidate with an interview, the invite folded"));
    env.open_invite();
    env.wait("the account's jobs", |b| b.find(&format!("#job option[value='{JOB_CSM}']")).ok());
    all.extend(violations(&env, "panel, a candidate"));

    // A bulk run, finished, with one refused.
    env.open_panel(OORWIN_JOB);
    env.wait_text_contains("#send-all", "Send to 30 candidates");
    all.extend(violations(&env, "panel, a job's pipeline"));
    refuse_the_seventh(&env);
    env.select("#job", JOB_CSM);
    env.click("#send-all");
    env.wait_text_contains("#bulk-confirm p", "invites for");
    all.extend(violations(&env, "panel, a bulk run to confirm"));
    let wide = |b: &Driver| {
        let w = b.exec("const e = document.scrollingElement; return e.scrollWidth - e.clientWidth;", vec![]);
        w.ok().and_then(|w| w.as_i64()).unwrap_or(-1)
    };
    assert_eq!(wide(&env.browser), 0, "nothing in the panel overflows sideways (the people's emails wrap)");
    // One scroll area, the panel's own: no list of 30 people scrolling inside it.
    let inner = env.browser.exec(
        "return [...document.body.querySelectorAll('*')].filter(e => {
           const s = getComputedStyle(e);
           return /auto|scroll/.test(s.overflowY + s.overflowX) && (e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth);
         }).map(e => e.id || e.className || e.tagName);",
        vec![],
    );
    assert_eq!(inner.unwrap(), serde_json::json!([]), "nothing scrolls inside the panel");
    env.click("#send-all");
    // The run's progress takes the focus and comes to the top of the panel, so keyboard and screen-reader
    // users are where it is (scrolled there to within a pixel's fraction).
    env.wait("the focus on the run's progress", |b| {
        let there = b.exec(
            "const e = document.activeElement;
             const top = e ? e.getBoundingClientRect().top : -1;
             return !!e && e.id === 'bulk-run' && top > -1 && top < 40;",
            vec![],
        );
        (there.ok()? == true).then_some(())
    });
    // While it runs, the button says how far it is, and screen readers are spared each count.
    let sending = env.wait("the button to say how far the run is", |b| {
        let t = b.find("#send-all").ok().and_then(|e| b.text(&e).ok())?;
        t.starts_with("Sending ").then_some(t)
    });
    assert!(sending.ends_with(" of 30…"), "{sending}");
    let summary = env.browser.find("#bulk-summary").unwrap();
    assert_eq!(
        env.browser.exec("return arguments[0].ariaBusy", vec![Driver::element_arg(&summary)]).unwrap(),
        "true"
    );
    env.wait_up_to(120, "the bulk run to finish", |b| {
        let t = b.find("#bulk-summary").ok().and_then(|e| b.text(&e).ok())?;
        t.ends_with("Failed 1 · Waiting 0").then_some(())
    });
    // The run ends with a headline; its counts are said once, now.
    assert_eq!(
        env.text_of("#bulk-title"),
        "Done for Customer Success Manager: 29 sent, 0 already invited, 1 failed"
    );
    let summary = env.browser.find("#bulk-summary").unwrap();
    assert_eq!(
        env.browser.exec("return arguments[0].ariaBusy", vec![Driver::element_arg(&summary)]).unwrap(),
        "false"
    );
    assert_eq!(env.text_of("#send-all"), "Send to 30 candidates");
    all.extend(violations(&env, "panel, a finished bulk run"));
    let first = env.browser.find("#bulk-results li").unwrap();
    assert_eq!(
        env.browser.prop(&first, "dataset").unwrap()["state"],
        "failed",
        "the failure is listed first"
    );
    let sign = env
        .browser
        .exec("return getComputedStyle(arguments[0], '::before').content;", vec![Driver::element_arg(&first)])
        .unwrap();
    assert!(sign.as_str().is_some_and(|c| c.contains('⚠')), "marked by a sign, not colour alone: {sign}");
    assert_eq!(wide(&env.browser), 0, "the finished run doesn't overflow sideways");

    env.save_key("smartrecruiters", SMARTRECRUITERS_KEY);
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY)]);
    hellohire_on(&env);
    env.text_of("h1");
    all.extend(violations(&env, "options, with accounts"));

    env.browser.goto(&ext_url("spottabl.html"));
    env.wait("the stage table and Lever's users", |b| {
        (b.find_all("table.stage-map tbody tr").ok()?.len() > 1
            && b.find_all("#lever-user option").ok()?.len() > 1)
            .then_some(())
    });
    all.extend(violations(&env, "Spottabl × Lever"));

    env.open_panel("https://www.tryhellohire.com/interviews/csr-2026/room/r-101");
    env.wait_text_contains("#sr-status", "In SmartRecruiters as Ada Lovelace.");
    all.extend(violations(&env, "Hellohire panel"));

    // A second provider: Grace's Spark Hire interview said under her myInterview list.
    env.browser.top();
    support::myinterview::save_myinterview(&env, "mi_demo_secret_8Rt");
    env.open_panel(&candidate_url(GRACE));
    env.click("#tab-myinterview");
    env.wait_text_contains("#elsewhere", "Spark Hire · Senior Backend Engineer: Completed, ");
    all.extend(violations(&env, "panel, a candidate's interviews with the other providers"));

    assert!(all.is_empty(), "{} violations:\n{}", all.len(), all.join("\n"));
}

/// Where an element of the panel is in the recruiter's window: its bottom edge, in CSS pixels
/// from the top of the ATS page's viewport (the panel's frame is at the top of that viewport).
fn bottom_in_window(env: &Env, css: &str) -> f64 {
    let e = env.wait(&format!("{css} shown"), |b| {
        let e = b.find(css).ok()?;
        b.displayed(&e).ok()?.then_some(e)
    });
    let y = env.browser.exec(
        "const r = arguments[0].getBoundingClientRect(), f = window.frameElement;
         return r.bottom + (f ? f.getBoundingClientRect().top : 0);",
        vec![Driver::element_arg(&e)],
    );
    y.unwrap().as_f64().expect("a number")
}

#[test]
fn the_panel_leads_with_the_candidate_and_their_interviews() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    // The recruiter's window: a 1280×720 page area.
    env.viewport(1280, 720);

    // Grace has a Spark Hire interview: it comes first, and the form waits behind Invite.
    env.open_panel(&candidate_url(GRACE));
    assert_eq!(env.text_of("#panel-title"), "Interview Bridge");
    assert_eq!(env.text_of("#provider-name"), "Spark Hire");
    env.wait("Grace's interview", |b| b.find("li.interview").ok());
    let toggle = env.browser.find("#invite-toggle").unwrap();
    assert_eq!(env.browser.prop(&toggle, "ariaExpanded").unwrap(), "false");
    let send = env.browser.find("#send").unwrap();
    assert!(!env.browser.displayed(&send).unwrap(), "no form until the recruiter asks for it");
    let order = env.browser.exec(
        "const list = document.querySelector('li.interview'), toggle = document.getElementById('invite-toggle');
         return !!(list.compareDocumentPosition(toggle) & Node.DOCUMENT_POSITION_FOLLOWING);",
        vec![],
    );
    assert_eq!(order.unwrap(), true, "the interviews come before the invite");
    assert!(bottom_in_window(&env, "li.interview") <= 720.0, "her interview is in view");
    env.click("#invite-toggle");
    env.wait("the form, open", |b| b.displayed(&b.find("#send").ok()?).ok()?.then_some(()));
    assert_eq!(
        env.browser.prop(&env.browser.find("#invite-toggle").unwrap(), "ariaExpanded").unwrap(),
        "true"
    );

    // Alan has none: the form is open, and Send is in the window without scrolling.
    env.open_panel(&candidate_url(ALAN));
    assert_eq!(env.text_of("#no-interviews"), "None with Spark Hire yet.");
    env.wait("the account's jobs", |b| b.find(&format!("#job option[value='{JOB_CSM}']")).ok());
    let bottom = bottom_in_window(&env, "#send");
    assert!(bottom <= 720.0, "Send ends {bottom}px down a 720px window");
    // Folding it is remembered for him while the panel is open, and unfolding keeps what was typed.
    env.fill("#message", "See you soon");
    env.click("#invite-toggle");
    env.wait("the form folded", |b| (!b.displayed(&b.find("#send").ok()?).ok()?).then_some(()));
    env.click("#invite-toggle");
    let kept = env.wait("the form again", |b| {
        let e = b.find("#message").ok()?;
        b.displayed(&e).ok()?.then_some(e)
    });
    assert_eq!(env.browser.prop(&kept, "value").unwrap(), "See you soon");
}

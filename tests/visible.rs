//! A click counts only on a panel the recruiter can see (issue 10, point 1): a page that makes
//! the panel transparent, or lays something over it, gets nothing sent by a real click on it.
//! The release build in headless Chromium against the sandbox; what Spark Hire received is read
//! back from the sandbox.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;

/// What a hostile page does to the panel, in the page's own world.
fn in_page(env: &Env, script: &str) {
    env.browser.top();
    env.browser.exec(script, vec![]).unwrap();
    env.enter_panel();
}

#[test]
fn a_hidden_or_covered_panel_sends_nothing_and_says_why() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let hides = [
        // Transparent: the click lands on a panel the recruiter can't see.
        "const s = document.createElement('style'); s.id = 'trick'; \
         s.textContent = 'interview-bridge-panel { opacity: 0 !important; }'; document.head.append(s);",
        // Covered: something the page draws on top lets clicks through to the panel. (The
        // panel is last in the page at the top z-index: only something after it can.)
        "const d = document.createElement('div'); d.id = 'trick'; \
         d.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(255,255,255,0.01);pointer-events:none'; \
         document.documentElement.append(d);",
    ];
    let people = [
        (GRACE, "Grace Hopper", "grace.hopper@example.com"),
        (ALAN, "Alan Turing", "alan.turing@example.com"),
    ];
    for (hide, (id, name, email)) in hides.into_iter().zip(people) {
        env.open_panel(&candidate_url(id));
        env.open_invite();
        env.wait("the account's jobs", |b| {
            b.find("#job option[value='1f0b0002-5e1e-4c7a-9b2d-000000000002']").ok()
        });
        in_page(&env, hide);
        env.select("#job", JOB_CSM);
        env.select("#question-set", QS_CULTURE);
        let (before, had) = (env.requests("POST", "/v1.0/interviews"), env.interviews_for(email).len());
        env.click("#send");
        let said = env.wait_text_contains("#send-error", "hides or covers the Interview Bridge panel");
        assert!(said.contains("Nothing was sent"), "{said}");
        assert_eq!(env.requests("POST", "/v1.0/interviews"), before, "nothing reached Spark Hire");
        assert_eq!(env.interviews_for(email).len(), had);

        // The page stops: a click counts again once the panel is seen to be showing (the
        // browser reports visibility at most every 100 ms, so a click may still be refused).
        in_page(&env, "document.getElementById('trick').remove();");
        let text = |b: &support::webdriver::Driver, css: &str| b.find(css).ok().and_then(|e| b.text(&e).ok());
        env.wait_up_to(10, "the invite once the panel shows", |b| {
            if text(b, "#send-status").is_some_and(|t| t.contains(&format!("Interview sent to {name}"))) {
                return Some(());
            }
            if text(b, "#send-error").is_some_and(|t| t.contains("hides or covers")) {
                let _ = b.find("#send").map(|s| b.click(&s));
            }
            None
        });
        assert_eq!(
            env.interviews_for(email).len(),
            had + 1,
            "one invite, from the click on the visible panel"
        );
    }
}

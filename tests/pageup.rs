//! PageUp connections end to end: the five fields PageUp's API clients are given, checked by
//! getting a token from the connection's own data centre and environment before anything is
//! kept. Asserted against what the sandbox's PageUp token hosts received.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;

/// Fills the popup's PageUp card (replacing what it keeps) and saves; the connection's name,
/// or the refusal.
fn connect(env: &Env, fields: [&str; 5]) -> String {
    env.browser.top();
    env.browser.goto(&ext_url("popup.html"));
    let card = "#key-pageup-card";
    env.text_of(&format!("{card} h2"));
    // A kept connection is replaced.
    if env.browser.find(&format!("{card} .actions button")).is_ok() {
        env.click(&format!("{card} .actions button"));
    }
    let names = ["client_id", "client_secret", "data_centre", "instance_id", "environment"];
    for (name, value) in names.iter().zip(fields) {
        env.fill(&format!("{card} #key-pageup-{name}"), value);
    }
    env.click(&format!("{card} button[type=submit]"));
    env.wait("the PageUp result", |b| {
        if let Ok(e) = b.find(&format!("{card} .error")) {
            return b.text(&e).ok().filter(|t| !t.is_empty());
        }
        // Kept: the form closes on the connection's name.
        b.find(&format!("{card} form")).is_err().then_some(())?;
        let t = b.find(&format!("{card} .account-name")).ok().and_then(|e| b.text(&e).ok())?;
        (!t.is_empty()).then_some(t)
    })
}

/// Token requests the sandbox received, by host.
fn token_requests(env: &Env) -> Vec<String> {
    env.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == "/connect/token")
        .map(|r| r["host"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_pageup_connection_is_checked_by_getting_a_token_before_it_is_kept() {
    let env = Env::start();
    // A data centre PageUp doesn't name, or an environment that isn't one: refused here, and
    // the secret goes nowhere.
    let said = connect(&env, ["pu_acme_live", "pu_acme_live_secret_5Jk", "dc9", "100421", "LIVE"]);
    assert!(said.contains("dc2, dc3, dc4 or dc5"), "{said}");
    let said = connect(&env, ["pu_acme_live", "pu_acme_live_secret_5Jk", "dc4", "100421", "production"]);
    assert!(said.contains("LIVE or UAT"), "{said}");
    assert!(token_requests(&env).is_empty(), "nothing sent for fields that can't be right");

    // A wrong secret, and a client PageUp hasn't granted what the workflow needs.
    let said = connect(&env, ["pu_acme_live", "not_the_secret", "dc4", "100421", "LIVE"]);
    assert!(said.starts_with("Not saved: PageUp did not accept this key."), "{said}");
    let said = connect(&env, ["pu_acme_readonly", "pu_acme_readonly_secret_9Pd", "dc4", "100421", "LIVE"]);
    assert!(said.contains("hasn't granted this client"), "{said}");
    env.browser.goto(&ext_url("popup.html"));
    env.text_of("#key-pageup-card h2");
    assert!(env.browser.find("#key-pageup-card .account-name").is_err(), "a refused connection was kept");

    // UAT asks UAT's token host; LIVE asks LIVE's.
    assert_eq!(
        connect(&env, ["pu_acme_uat", "pu_acme_uat_secret_2Vb", "DC4", "100421", "uat"]),
        "PageUp 100421 (dc4, UAT)"
    );
    assert_eq!(token_requests(&env).last().map(String::as_str), Some("loginuat.dc4.pageuppeople.com"));
    assert_eq!(
        connect(&env, ["pu_acme_live", "pu_acme_live_secret_5Jk", "dc4", "100421", "LIVE"]),
        "PageUp 100421 (dc4, LIVE)"
    );
    assert_eq!(token_requests(&env).last().map(String::as_str), Some("login.dc4.pageuppeople.com"));
    // Kept for real: a fresh popup shows it.
    env.browser.goto(&ext_url("popup.html"));
    assert_eq!(env.text_of("#key-pageup-card .account-name"), "PageUp 100421 (dc4, LIVE)");
}

//! End to end: the release build in headless Chromium, with every vendor hostname resolved to
//! a fresh sandbox over TLS. Each test asserts what the recruiter sees, or what the vendor
//! received (read back from the sandbox's state endpoint).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;

#[test]
fn popup_checks_keys_before_storing_them() {
    let env = Env::start();
    // Said as what happened here (nothing was saved) and where the right key is copied from.
    let msg = env.save_key("spark_hire", "sh_wrong_key");
    assert_eq!(
        msg,
        "Not saved: Spark Hire did not accept this key. Copy it again from Spark Hire: Settings > Integrations > User API Key."
    );
    // The rejected key stays in the field for the recruiter to fix, and is not stored.
    let field = env.browser.find("#key-spark_hire-api_key").unwrap();
    assert_eq!(env.browser.prop(&field, "value").unwrap(), "sh_wrong_key");
    env.browser.goto(&ext_url("popup.html"));
    env.text_of("#key-spark_hire-card h2");
    assert!(env.browser.find("#key-spark_hire-card .account-name").is_err(), "a rejected key was stored");

    let name = env.save_key("spark_hire", SPARKHIRE_KEY);
    assert_eq!(name, "Ada Recruiter");
    assert!(env.text_of("#key-spark_hire-card .account").contains("ada@acme.example"));
    assert!(env.text_of("#key-spark_hire-card .account").contains("7Kq2"));
    // Stored for real: a fresh popup shows the account.
    env.browser.goto(&ext_url("popup.html"));
    assert_eq!(env.text_of("#key-spark_hire-card .account-name"), "Ada Recruiter");
    let checks =
        env.state()["requests"].as_array().unwrap().iter().filter(|r| r["path"] == "/v1.0/me").count();
    assert_eq!(checks, 2, "each key is checked with GET /me before it is stored");

    // Lever: a bad key is refused, a good one is accepted.
    let msg = env.save_key("lever", "nope");
    assert!(
        msg.starts_with("Not saved: Lever did not accept this key. Copy it again from Lever: Settings"),
        "{msg}"
    );
    assert_eq!(env.save_key("lever", LEVER_KEY), "Lever account");

    // Replace with a second valid key, then remove.
    env.click("#key-spark_hire-card .actions button");
    env.fill("#key-spark_hire-api_key", "sh_demo_ben_3Lm8");
    env.click("#key-spark_hire-card button[type=submit]");
    env.wait_text_contains("#key-spark_hire-card .account-name", "Ben Hiring");
    env.click("#key-spark_hire-card .actions button.danger");
    env.wait("the key form to come back", |b| b.find("#key-spark_hire-api_key").ok());
    env.browser.goto(&ext_url("popup.html"));
    env.wait("the key form after removal", |b| b.find("#key-spark_hire-api_key").ok());
    assert!(env.browser.find("#key-spark_hire-card .account-name").is_err());
    assert_eq!(env.text_of("#key-lever-card .account-name"), "Lever account");
}

fn send_form(env: &Env, job: &str, question_set: &str, message: &str) {
    env.open_invite();
    env.select("#job", job);
    env.select("#question-set", question_set);
    env.fill("#message", message);
    env.click("#send");
}

/// Types into a `datetime-local` field the way its picker does: a value, then an input event.
fn set_datetime(env: &Env, field: &support::webdriver::Element, value: &str) {
    env.browser
        .exec(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![Driver::element_arg(field), value.into()],
        )
        .unwrap();
}

#[test]
fn panel_sends_a_one_way_interview_that_lands_with_every_field() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(ALAN));
    assert_eq!(env.text_of("#candidate-name"), "Alan Turing");
    assert_eq!(env.text_of("#candidate-email"), "alan.turing@example.com");
    assert!(env.text_of(".source").contains("From this Lever page"));
    env.wait("no interviews yet", |b| b.find("#no-interviews").ok());

    let before =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    send_form(&env, JOB_CSM, QS_CULTURE, "Hi Alan, <b>looking forward</b> to it.");
    let status = env.wait_text_contains("#send-status", "Interview sent to Alan Turing");
    assert!(status.contains("Customer Success Manager"), "{status}");
    // The message box is emptied for the next candidate; the choices stay.
    let message = env.browser.find("#message").unwrap();
    assert_eq!(env.browser.prop(&message, "value").unwrap(), "");

    let interviews = env.interviews_for("alan.turing@example.com");
    assert_eq!(interviews.len(), 1, "{interviews:#?}");
    let got = &interviews[0]["received"];
    assert_eq!(got["type"], "one_way");
    assert_eq!(
        got["assigned_to"],
        serde_json::json!([{"name": "Alan Turing", "email": "alan.turing@example.com"}])
    );
    assert_eq!(got["job_post"]["uuid"], JOB_CSM);
    assert_eq!(got["interview_question_set"], QS_CULTURE);
    assert_eq!(got["email_message"], "Hi Alan, <b>looking forward</b> to it.");
    assert!(!got["timezone"].as_str().unwrap_or("").is_empty(), "{got}");
    // Default deadline: seven days from when the panel opened, to the minute.
    let at = interview_bridge::deadline::parse_iso8601(got["scheduled_at"].as_str().unwrap()).unwrap();
    let week = 7 * 86_400_000;
    assert!((at - (before + week)).abs() < 5 * 60_000, "deadline {} not a week out", got["scheduled_at"]);

    // Listed under the form, with a Watch link that opens the share link for anyone.
    let uuid = interviews[0]["uuid"].as_str().unwrap().to_string();
    let row = format!("li.interview[data-uuid='{uuid}']");
    assert!(env.text_of(&format!("{row} .job")).contains("Customer Success Manager"));
    assert_eq!(env.text_of(&format!("{row} .badge")), "Invited");
    let open = env.browser.find(&format!("{row} a.open-app")).unwrap();
    assert_eq!(
        env.browser.prop(&open, "href").unwrap(),
        format!("https://app.sparkhire.com/company/interviews/{uuid}/watch")
    );
    let panel_window = env.browser.window();
    env.click(&format!("{row} button.watch"));
    let tab = env.wait("the share link tab", |b| b.windows().into_iter().find(|w| *w != panel_window));
    env.browser.switch_window(&tab);
    assert_eq!(env.text_of("#share-candidate"), "Alan Turing");
    assert!(env.browser.url().starts_with("https://app.sparkhire.com/share/"));
    let links = env.state()["share_links"].as_array().unwrap().clone();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0]["interview_uuid"], uuid.as_str());
}

#[test]
fn lever_key_confirms_the_candidate_and_spa_navigation_keeps_one_panel() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.save_key("lever", LEVER_KEY);
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains(".source", "Confirmed with the Lever API");
    assert_eq!(env.text_of("#candidate-name"), "Grace Hopper");
    // Her earlier, completed interview is listed.
    assert_eq!(env.text_of("li.interview .badge"), "Completed");
    assert!(env.text_of("li.interview .when").starts_with("Completed"));
    assert_eq!(env.requests("GET", &format!("/v1/opportunities/{GRACE}")), 1);

    // Lever is a single-page app: following a link changes the route without a reload.
    env.browser.top();
    env.click(&format!("a.candidate-link[href='/candidates/{ALAN}']"));
    env.wait("the route change", |b| b.url().ends_with(ALAN).then_some(()));
    env.enter_panel();
    env.wait_text_contains("#candidate-name", "Alan Turing");
    env.wait("Alan's empty interview list", |b| b.find("#no-interviews").ok());
    assert_eq!(env.panel_count(), (1, 1), "exactly one panel after SPA navigation");

    env.browser.exec("history.back()", vec![]).unwrap();
    env.enter_panel();
    env.wait_text_contains("#candidate-name", "Grace Hopper");
    assert_eq!(env.panel_count(), (1, 1));

    // Leaving candidate pages removes the panel.
    env.browser.top();
    env.browser.goto("https://hire.lever.co/");
    env.wait("the panel to go", |b| {
        let n = b.exec("return document.querySelectorAll('interview-bridge-panel').length", vec![]).ok()?;
        (n == 0).then_some(())
    });
}

#[test]
fn strict_csp_page_still_gets_a_working_panel() {
    let env = Env::start();
    let url = format!("/candidates/{KATHERINE}?csp=strict");
    let page = sandbox::client::send(env.sandbox.port, "hire.lever.co", "GET", &url, &[], None).unwrap();
    assert_eq!(page.header("content-security-policy"), Some("script-src 'self'; frame-src 'none'"));

    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&format!("https://hire.lever.co{url}"));
    assert_eq!(env.text_of("#candidate-name"), "Katherine Johnson");
    send_form(&env, JOB_CSM, QS_CULTURE, "");
    env.wait_text_contains("#send-status", "Interview sent to Katherine Johnson");
    let sent = env.interviews_for("katherine.johnson@example.com");
    assert_eq!(sent.len(), 1);
    assert!(sent[0]["received"].get("email_message").is_none(), "an empty message is not sent");
}

#[test]
fn a_key_checked_through_a_long_rate_limit_is_saved() {
    let env = Env::start();
    // Spark Hire limits the key check for 45 s: longer than Firefox lets an idle event page
    // live with a reply pending (30 s), so the wait is not kept inside the message.
    env.fault(
        r#"{"host":"api.sparkhire.com","method":"GET","path":"/v1.0/me","status":429,"retry_after":45}"#,
    );
    env.browser.goto(&ext_url("popup.html"));
    let card = "#key-spark_hire-card";
    env.fill(&format!("{card} #key-spark_hire-api_key"), SPARKHIRE_KEY);
    env.click(&format!("{card} button[type=submit]"));
    // The worker answered at once and keeps nothing for it. In Firefox it is stopped while the
    // popup waits (30 s idle), and a reply kept inside the message would be lost there.
    let name = env.wait_up_to(90, "the key saved", |b| {
        let error = b.find(&format!("{card} .error")).ok().and_then(|e| b.text(&e).ok()).unwrap_or_default();
        assert!(error.is_empty(), "{error}");
        b.text(&b.find(&format!("{card} .account-name")).ok()?).ok().filter(|t| !t.is_empty())
    });
    assert!(name.contains("Ada"), "{name}");
    assert_eq!(env.requests("GET", "/v1.0/me"), 2, "asked again once, after the wait");
}

#[test]
fn rate_limit_and_server_error_end_in_exactly_one_interview() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(KATHERINE));
    env.text_of("#job");
    // First try: 429 (not processed). Second: processed, but the answer is lost in a 500.
    env.fault(r#"[{"host":"api.sparkhire.com","method":"POST","path":"/v1.0/interviews","status":429,"retry_after":2},
                 {"host":"api.sparkhire.com","method":"POST","path":"/v1.0/interviews","status":500,"mode":"after"}]"#);
    send_form(&env, JOB_CSM, QS_CULTURE, "Welcome!");
    let mut saw_waiting = false;
    env.wait("the send to finish", |b| {
        let t = b.find("#send-status").ok().and_then(|e| b.text(&e).ok()).unwrap_or_default();
        saw_waiting |= t.contains("asked us to slow down");
        t.contains("Interview sent to Katherine Johnson").then_some(())
    });
    assert!(saw_waiting, "the panel said it was waiting on the rate limit");
    assert_eq!(env.interviews_for("katherine.johnson@example.com").len(), 1);
    assert_eq!(
        env.requests("POST", "/v1.0/interviews"),
        2,
        "no third create after the 500 that had succeeded"
    );

    // Pressing Send again does not invite her twice.
    env.click("#send");
    env.wait_text_contains("#send-status", "already has a Spark Hire interview");
    assert_eq!(env.interviews_for("katherine.johnson@example.com").len(), 1);
}

#[test]
fn an_invite_past_the_first_page_of_a_busy_job_is_found_not_sent_twice() {
    // 130 newer interviews for the job push Katherine's, the oldest, to the second page of
    // Spark Hire's list.
    let mut seed = sandbox::Seed::demo();
    let template = |n: usize, email: String, when: &str| sandbox::SeedInterview {
        uuid: format!("0b5e0000-0000-4000-8000-{n:012}"),
        kind: "one_way".into(),
        status: "invited".into(),
        job_uuid: JOB_CSM.into(),
        question_set_uuid: Some(QS_CULTURE.into()),
        candidate_name: format!("Applicant {n}"),
        candidate_email: email,
        created_by: None,
        created_at: when.into(),
        updated_at: None,
        scheduled_at: Some("2099-01-01T12:00:00+00:00".into()),
        completed_at: None,
        email_message: None,
        share_link_uuid: None,
    };
    let mut katherine = template(0, "katherine.johnson@example.com".into(), "2026-01-05T10:00:00+00:00");
    katherine.candidate_name = "Katherine Johnson".into();
    seed.interviews.push(katherine);
    for n in 1..=130 {
        seed.interviews.push(template(n, format!("applicant.{n}@example.com"), "2026-06-01T10:00:00+00:00"));
    }
    let env = Env::start_seeded(seed);
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(KATHERINE));
    send_form(&env, JOB_CSM, QS_CULTURE, "");
    env.wait_text_contains(
        "#send-status",
        "Katherine Johnson already has a Spark Hire interview for Customer Success Manager",
    );
    assert_eq!(env.requests("POST", "/v1.0/interviews"), 0, "nothing created");
    assert_eq!(env.interviews_for("katherine.johnson@example.com").len(), 1);
}

#[test]
fn bad_input_and_vendor_failures_keep_what_was_typed() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(ALAN));
    env.text_of("#job");
    env.select("#job", JOB_BACKEND);
    env.fill("#message", "Please record by Friday.");
    // A past deadline is refused in the panel.
    let deadline = env.browser.find("#deadline").unwrap();
    set_datetime(&env, &deadline, "2020-01-01T09:00");
    env.click("#send");
    assert!(env.text_of("#deadline-error").contains("in the past"));
    assert_eq!(env.requests("POST", "/v1.0/interviews"), 0);

    // Spark Hire keeps failing: retries, then a clear error, and the form is intact.
    set_datetime(&env, &deadline, "2099-01-01T09:00");
    env.fault(
        r#"{"host":"api.sparkhire.com","method":"POST","path":"/v1.0/interviews","status":503,"count":4}"#,
    );
    env.click("#send");
    let error = env.text_of("#send-error");
    assert!(error.starts_with("Spark Hire had a problem on its side. Nothing you typed is lost"), "{error}");
    assert_eq!(env.text_of("#send-error .detail"), "Details: HTTP 503", "the code, beside the sentence");
    assert_eq!(env.requests("POST", "/v1.0/interviews"), 4, "first try and three retries");
    assert_eq!(
        env.browser.prop(&env.browser.find("#message").unwrap(), "value").unwrap(),
        "Please record by Friday."
    );
    assert_eq!(env.browser.prop(&deadline, "value").unwrap(), "2099-01-01T09:00");
    assert!(env.interviews_for("alan.turing@example.com").is_empty());

    // A key Spark Hire stops accepting: say so, point at the keys, keep the form.
    env.fault(r#"{"host":"api.sparkhire.com","method":"GET","path":"/v1.0/interviews","status":401}"#);
    env.click("#send");
    // Said once, in the panel's banner, with the way to the options (where "Add API key" goes too).
    let banner = env.wait_text_contains(".banner", "rejected the saved API key");
    assert!(banner.contains("Interview Bridge's options"), "{banner}");
    assert_eq!(env.text_of(".banner button"), "Check API keys");
    assert_eq!(env.text_of("#send-error"), "Nothing was sent: see the key problem at the top of the panel.");
    let said = env.browser.exec(
        "return [...document.querySelectorAll('.error')].filter(e => e.checkVisibility() && e.textContent.trim()).length;",
        vec![],
    );
    assert_eq!(said.unwrap(), 2, "one key-problem banner, no copies");
    assert_eq!(
        env.browser.prop(&env.browser.find("#message").unwrap(), "value").unwrap(),
        "Please record by Friday."
    );

    // Spark Hire is back but its answer is garbage: the interview was made, the panel can't
    // tell, so it says so; pressing Send again finds the interview instead of making a second.
    env.fault(
        r#"{"host":"api.sparkhire.com","method":"POST","path":"/v1.0/interviews","status":201,"mode":"after","body":"<html>Service Unavailable"}"#,
    );
    env.click("#send");
    assert!(env
        .wait_text_contains("#send-error", "answered with something unexpected")
        .contains("Try again"));
    env.click("#send");
    env.wait_text_contains(
        "#send-status",
        "Alan Turing already has a Spark Hire interview for Senior Backend Engineer",
    );
    let sent = env.interviews_for("alan.turing@example.com");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["received"]["email_message"], "Please record by Friday.");
    assert!(sent[0]["received"]["scheduled_at"].as_str().unwrap().starts_with("2099-01-01"));
}

#[test]
fn panel_without_a_key_says_what_to_do_and_does_not_cover_the_page() {
    let env = Env::start();
    env.open_panel(&candidate_url(GRACE));
    assert!(env.text_of(".setup").contains("Add your Spark Hire API key"));
    env.browser.top();
    let geometry = "const b = document.querySelector('.lever-advance').getBoundingClientRect();
        const p = document.querySelector('interview-bridge-panel').getBoundingClientRect();
        return [b.right, p.left, p.width, window.innerWidth];";
    let g = env.browser.exec(geometry, vec![]).unwrap();
    let (button_right, panel_left, panel_width, _) =
        (g[0].as_f64().unwrap(), g[1].as_f64().unwrap(), g[2].as_f64().unwrap(), g[3].as_f64().unwrap());
    assert!(
        button_right <= panel_left,
        "the page's Advance button ({button_right}) is under the panel ({panel_left})"
    );
    assert_eq!(panel_width, 360.0);
    // The panel's labelled tab (inside its closed shadow root, on its left edge) hides it.
    env.browser.click_at(panel_left as i64 - 13, 150).unwrap();
    env.wait("the panel to hide", |b| {
        let g = b.exec(geometry, vec![]).ok()?;
        (g[2].as_f64()? == 0.0).then_some(())
    });
}

#[test]
fn live_interview_is_scheduled_and_can_be_joined() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(ALAN));
    env.text_of("#job");
    env.click("#kind-live");
    // A live interview has a start time, not a deadline.
    env.wait("the interview time field", |b| b.find("#live-time").ok());
    assert!(!env.browser.displayed(&env.browser.find("#deadline").unwrap()).unwrap());
    let field = env.browser.find("#live-time").unwrap();
    set_datetime(&env, &field, "2099-03-04T15:30");
    send_form(&env, JOB_CSM, QS_CULTURE, "See you on video.");
    env.wait_text_contains("#send-status", "Live interview with Alan Turing");

    let sent = env.interviews_for("alan.turing@example.com");
    assert_eq!(sent.len(), 1);
    let got = &sent[0]["received"];
    assert_eq!(got["type"], "live");
    // Headless Chromium runs in UTC here, so local 15:30 is 15:30Z.
    assert_eq!(got["scheduled_at"], "2099-03-04T15:30:00+00:00");
    assert_eq!(got["email_message"], "See you on video.");

    let uuid = sent[0]["uuid"].as_str().unwrap().to_string();
    let row = format!("li.interview[data-uuid='{uuid}']");
    assert!(env.text_of(&format!("{row} .when")).starts_with("Live"));
    let join = env.wait("Join Interview", |b| b.find(&format!("{row} a.join")).ok());
    assert_eq!(
        env.browser.prop(&join, "href").unwrap(),
        format!("https://app.sparkhire.com/company/interviews/{uuid}/live")
    );
    let panel_window = env.browser.window();
    env.browser.click(&join).unwrap();
    let tab = env.wait("the live room tab", |b| b.windows().into_iter().find(|w| *w != panel_window));
    env.browser.switch_window(&tab);
    // Spark Hire asks the recruiter to sign in before the room.
    assert_eq!(env.text_of("h1"), "Log in to Spark Hire");

    // A past interview time is refused before anything is sent.
    env.browser.close_window();
    env.browser.switch_window(&panel_window);
    env.enter_panel();
    env.click("#kind-live");
    let field = env.wait("the interview time field", |b| b.find("#live-time").ok());
    set_datetime(&env, &field, "2001-03-04T15:30");
    env.click("#send");
    assert!(env.text_of("#deadline-error").contains("interview time is in the past"));
    assert_eq!(env.interviews_for("alan.turing@example.com").len(), 1);
}

#[test]
fn jobs_show_at_once_from_the_cache_and_refresh_from_the_account() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    // Saving the key fetches the account's jobs and question sets, before any page is open.
    env.wait("the catalog fetched after the key was saved", |_| {
        (env.requests("GET", "/v1.0/jobs") == 1 && env.requests("GET", "/v1.0/question_sets") == 1)
            .then_some(())
    });
    env.open_panel(&candidate_url(ALAN));
    // The account's jobs, not the "Choose a job…" line.
    let options = |b: &Driver| -> Vec<String> {
        b.find_all("#job option:not([value=''])")
            .unwrap_or_default()
            .iter()
            .filter_map(|o| b.text(o).ok())
            .collect()
    };
    env.wait("the account's three jobs", |b| (options(b).len() == 3).then_some(()));
    // Shown from the cache, then refreshed once behind it: seeing the page fetched nothing more
    // (the cache was there), and the panel asked once.
    env.wait("the panel's refresh", |_| {
        (env.requests("GET", "/v1.0/jobs") == 2 && env.requests("GET", "/v1.0/question_sets") == 2)
            .then_some(())
    });

    // Someone adds a job in Spark Hire; Refresh shows it.
    let auth = sandbox::client::basic_auth(SPARKHIRE_KEY);
    let (status, _) = sandbox::client::request(
        env.sandbox.port,
        "api.sparkhire.com",
        "POST",
        "/v1.0/jobs",
        &[("Authorization", auth.as_str()), ("Content-Type", "application/json")],
        Some(r#"{"title":"Data Analyst","location":"Remote","description":"Numbers."}"#),
    )
    .unwrap();
    assert_eq!(status, 201);
    env.click("#refresh");
    env.wait("the new job after Refresh", |b| options(b).contains(&"Data Analyst".to_string()).then_some(()));

    // The next panel shows the cached jobs at once, even while Spark Hire can't list them, and
    // says the refresh failed.
    env.fault(r#"{"host":"api.sparkhire.com","method":"GET","path":"/v1.0/jobs","status":500,"count":4}"#);
    env.open_panel(&candidate_url(GRACE));
    env.open_invite();
    env.wait("cached jobs", |b| (options(b).len() == 4).then_some(()));
    assert!(env
        .wait_text_contains("#catalog-note", "Couldn't refresh the jobs")
        .contains("had a problem on its side"));
    assert_eq!(options(&env.browser).len(), 4, "the cached jobs stay");
}

const JOB_FIELD_TECH: &str = "1f0b0003-5e1e-4c7a-9b2d-000000000003";

#[test]
fn every_ats_candidate_page_gets_a_panel_that_sends_one_way_and_live_invites() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let pages = [
        ("Top Echelon", "https://bigbiller.topechelon.com/people/40002", "Mary Davis", "mary.davis@topechelon.example.com"),
        ("Oorwin", "https://acme.oorwin.com/#/candidates/7002/overview", "Priya Menon", "priya.menon@oorwin.example.com"),
        (
            "SmartRecruiters",
            "https://www.smartrecruiters.com/app/people/profile/29661a38-67c8-472b-b08a-5fe27220b17d?csp=strict",
            "Emma Visser",
            "emma.visser@smartrecruiters.example.com",
        ),
        (
            "PageUp",
            "https://acme.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880002",
            "Amelia Stewart",
            "amelia.stewart@pageup.example.com",
        ),
    ];
    for (ats, url, name, email) in pages {
        env.open_panel(url);
        env.wait_text_contains("#candidate-name", name);
        assert_eq!(env.text_of("#candidate-email"), email, "{ats}");
        assert_eq!(env.text_of(".source"), format!("From this {ats} page"));
        send_form(&env, JOB_CSM, QS_CULTURE, &format!("Hello from {ats}"));
        env.wait_text_contains("#send-status", &format!("Interview sent to {name}"));

        env.click("#kind-live");
        let field = env.wait("the interview time field", |b| b.find("#live-time").ok());
        set_datetime(&env, &field, "2099-05-06T11:15");
        send_form(&env, JOB_FIELD_TECH, QS_CULTURE, "");
        env.wait_text_contains("#send-status", &format!("Live interview with {name}"));

        let mut sent: Vec<_> = env.interviews_for(email).iter().map(|i| i["received"].clone()).collect();
        sent.sort_by_key(|r| r["type"].as_str().unwrap_or("").to_string());
        assert_eq!(sent.len(), 2, "{ats}: {sent:#?}");
        assert_eq!(
            (sent[0]["type"].as_str(), sent[0]["job_post"]["uuid"].as_str()),
            (Some("live"), Some(JOB_FIELD_TECH))
        );
        assert_eq!(sent[0]["scheduled_at"], "2099-05-06T11:15:00+00:00");
        assert_eq!(
            (sent[1]["type"].as_str(), sent[1]["job_post"]["uuid"].as_str()),
            (Some("one_way"), Some(JOB_CSM))
        );
        assert_eq!(sent[1]["assigned_to"][0]["name"], name);
        assert_eq!(sent[1]["email_message"], format!("Hello from {ats}"));
        assert_eq!(env.panel_count(), (1, 1), "{ats}");
    }

    // Oorwin routes by the URL's hash: a new candidate, the same panel.
    env.open_panel("https://acme.oorwin.com/#/candidates/7002/overview");
    env.browser.top();
    env.browser.exec("location.hash = '#/candidates/7001/overview'", vec![]).unwrap();
    env.enter_panel();
    env.wait_text_contains("#candidate-name", "Aarav Sharma");
    assert_eq!(env.panel_count(), (1, 1));
}

#[test]
fn an_unlinked_ats_job_leaves_the_provider_job_for_the_recruiter_to_choose() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let value = |env: &Env, css: &str| env.browser.prop(&env.browser.find(css).unwrap(), "value").unwrap();
    let disabled =
        |env: &Env, css: &str| env.browser.prop(&env.browser.find(css).unwrap(), "disabled").unwrap();

    // A PageUp nurse: no Spark Hire job is chosen for her, so one press can't invite her to
    // the account's first job (an engineering one), and nothing suggests a job by title.
    env.open_panel(
        "https://acme.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880002",
    );
    env.wait_text_contains("#candidate-name", "Amelia Stewart");
    env.wait("the account's jobs", |b| {
        b.find("#job option[value='1f0b0001-5e1e-4c7a-9b2d-000000000001']").ok()
    });
    assert_eq!(value(&env, "#job"), "");
    assert_eq!(env.text_of("#job option:checked"), "Choose a job…");
    assert_eq!(disabled(&env, "#send"), true, "Send waits for a job");
    assert!(env.browser.find("#job-suggestion").is_err(), "no Spark Hire job is named like hers");
    send_form(&env, JOB_CSM, QS_CULTURE, "");
    env.wait_text_contains("#send-status", "Interview sent to Amelia Stewart");
    let sent = env.interviews_for("amelia.stewart@pageup.example.com");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["received"]["job_post"]["uuid"], JOB_CSM);

    // A Spark Hire job named like the candidate's Lever job is suggested, not chosen: one
    // press on the suggestion chooses it.
    let auth = sandbox::client::basic_auth(SPARKHIRE_KEY);
    let (status, body) = sandbox::client::request(
        env.sandbox.port,
        "api.sparkhire.com",
        "POST",
        "/v1.0/jobs",
        &[("Authorization", auth.as_str()), ("Content-Type", "application/json")],
        Some(r#"{"title":"Robotics Software Engineer","location":"Remote","description":"Robots."}"#),
    )
    .unwrap();
    assert_eq!(status, 201);
    let robotics =
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["uuid"].as_str().unwrap().to_string();
    env.open_panel(&candidate_url(ALAN));
    let suggested = env.wait_text_contains("#use-suggestion", "Robotics Software Engineer");
    assert_eq!(suggested, "Robotics Software Engineer");
    assert_eq!(value(&env, "#job"), "", "suggested only");
    assert_eq!(disabled(&env, "#send"), true);
    env.click("#use-suggestion");
    env.wait("the suggestion chosen", |b| {
        (b.prop(&b.find("#job").ok()?, "value").ok()? == robotics.as_str()).then_some(())
    });
    assert!(!env.browser.displayed(&env.browser.find("#job-suggestion").unwrap()).unwrap());
    env.select("#question-set", QS_CULTURE);
    env.click("#send");
    env.wait_text_contains("#send-status", "Interview sent to Alan Turing");
    assert_eq!(
        env.interviews_for("alan.turing@example.com")[0]["received"]["job_post"]["uuid"],
        robotics.as_str()
    );

    // A job page whose ATS job isn't linked: Send to all waits for a job too.
    env.open_panel("https://bigbiller.topechelon.com/network/jobs/b4f1c9e2-7a3d-4e58-9c61-2d8e5f0a7b13/info");
    env.wait_text_contains("#send-all", "Send to 30 candidates");
    env.wait("the account's jobs", |b| {
        b.find("#job option[value='1f0b0001-5e1e-4c7a-9b2d-000000000001']").ok()
    });
    assert_eq!(value(&env, "#job"), "");
    assert_eq!(disabled(&env, "#send-all"), true);
}

#[test]
fn an_ats_job_is_linked_or_made_into_a_provider_job_from_a_candidate_page() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let value = |env: &Env, css: &str| env.browser.prop(&env.browser.find(css).unwrap(), "value").unwrap();

    // Grace's Lever posting has no Spark Hire job yet: the panel says so and offers both.
    env.open_panel(&candidate_url(GRACE));
    env.open_invite();
    env.wait_text_contains(
        "#link-here-status",
        "The Lever job “Robotics Software Engineer” isn't linked to a Spark Hire job yet.",
    );
    env.select("#job", JOB_BACKEND);
    env.click("#link-ats-job");
    env.wait("the link made", |b| b.find("#link-here").is_err().then_some(()));
    env.wait_text_contains("#ats-job option:checked", "(Spark Hire: Senior Backend Engineer)");
    // Remembered: her next panel, and anyone's for that posting, starts on the linked job.
    env.open_panel(&candidate_url(GRACE));
    env.wait("the linked job chosen", |b| {
        (b.prop(&b.find("#job").ok()?, "value").ok()? == JOB_BACKEND).then_some(())
    });
    assert!(env.browser.find("#link-here").is_err());

    // Alan is in that posting and in Hardware Test Lead, which is made into a Spark Hire job.
    env.open_panel(&candidate_url(ALAN));
    env.wait("the linked job chosen", |b| {
        (b.prop(&b.find("#job").ok()?, "value").ok()? == JOB_BACKEND).then_some(())
    });
    env.select("#ats-job", "9b2e4c61-7d3a-4f8e-b5c2-1a6d8e0f3b47");
    assert_eq!(value(&env, "#job"), "", "an unlinked posting chooses no job");
    env.click("#create-ats-job");
    env.wait_text_contains("#ats-job option:checked", "(Spark Hire: Hardware Test Lead)");
    let created: Vec<serde_json::Value> = env.state()["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["title"] == "Hardware Test Lead")
        .cloned()
        .collect();
    assert_eq!(created.len(), 1, "created once in Spark Hire");
    // Chosen once the account's list, which now has it, is back.
    let uuid = created[0]["uuid"].as_str().unwrap();
    env.wait("the new job chosen", |_| (value(&env, "#job") == uuid).then_some(()));
}

/// Send to all as the recruiter does it: the first press shows who and for what, the second
/// confirms. Returns what the confirmation said; nothing was sent before it.
fn send_all_confirmed(env: &Env) -> String {
    let posts_before = env.requests("POST", "/v1.0/interviews");
    env.click("#send-all");
    let said = env.wait_text_contains("#bulk-confirm p", "invites for");
    assert_eq!(
        env.requests("POST", "/v1.0/interviews"),
        posts_before,
        "nothing is sent before the recruiter confirms"
    );
    env.click("#send-all");
    said
}

#[test]
fn bulk_invite_finishes_after_the_worker_is_stopped_and_never_invites_twice() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel("https://acme.oorwin.com/#/jobs/5001/pipeline_details/all");
    assert_eq!(env.text_of("#job-title"), "Java Developer");
    env.wait_text_contains("#send-all", "Send to 30 candidates");
    // Select all works both ways.
    env.click("#select-all");
    env.wait_text_contains("#send-all", "Send to 0 candidates");
    env.click("#select-all");
    env.wait_text_contains("#send-all", "Send to 30 candidates");

    // Spark Hire refuses one of them, whenever their invite comes (a bounced address).
    let refused = refuse_the_seventh(&env);
    env.select("#job", JOB_CSM);
    env.select("#question-set", QS_CULTURE);
    env.fill("#message", "Please record your answers this week.");
    let said = send_all_confirmed(&env);
    assert!(
        said.starts_with("Send Spark Hire invites for Customer Success Manager with Culture and motivation to 30 candidates listed on this page: ")
            && said.ends_with(" and 27 more?"),
        "{said}"
    );
    env.wait("a few invites out", |_| (emails_invited_for(&env, JOB_CSM).len() >= 4).then_some(()));
    // The recruiter leaves the page (no panel anywhere, so nothing asks the worker anything)
    // and the browser stops the worker mid-way.
    env.browser.goto("about:blank");
    env.stop_service_worker();
    let at_stop = emails_invited_for(&env, JOB_CSM).len();
    assert!(at_stop < 30, "stopped mid-way ({at_stop} of 30)");

    // The queue carries on by itself (the alarm wakes the worker) and finishes.
    env.wait_up_to(90, "the queue to finish with no panel open", |_| {
        (emails_invited_for(&env, JOB_CSM).len() == 29).then_some(())
    });
    env.open_panel("https://acme.oorwin.com/#/jobs/5001/pipeline_details/all");
    let summary = |b: &Driver| b.find("#bulk-summary").ok().and_then(|e| b.text(&e).ok()).unwrap_or_default();
    env.wait_up_to(30, "the finished queue in the panel", |b| {
        (summary(b) == "Sent 29 · Already invited 0 · Failed 1 · Waiting 0").then_some(())
    });
    let failed = env.text_of("#bulk-results li[data-state='failed']");
    assert!(failed.contains("Candidate email bounced before"), "{failed}");
    assert!(env.interviews_for(&refused).is_empty(), "{refused} was refused");
    // Spark Hire takes them now: Retry failed sends that one invite.
    sandbox::client::clear_faults(env.sandbox.port);
    env.click("#retry-failed");
    env.wait_up_to(60, "the retry", |b| {
        (summary(b) == "Sent 30 · Already invited 0 · Failed 0 · Waiting 0").then_some(())
    });
    let invited = emails_invited_for(&env, JOB_CSM);
    let mut unique = invited.clone();
    unique.dedup();
    assert_eq!((invited.len(), unique.len()), (30, 30), "every candidate once: {invited:?}");
    assert!(invited.iter().all(|e| e.ends_with("@oorwin.example.com")));
    let one = env.interviews_for(&invited[0]);
    assert_eq!(one[0]["received"]["email_message"], "Please record your answers this week.");
    assert_eq!(one[0]["received"]["interview_question_set"], QS_CULTURE);
    assert_eq!(env.browser.find_all("#bulk-results li[data-state='sent']").unwrap().len(), 30);

    // Run again for the same job: everyone is already invited, nobody twice.
    env.select("#job", JOB_CSM);
    send_all_confirmed(&env);
    env.wait_up_to(60, "the second run to finish", |b| {
        let t = b.find("#bulk-summary").ok().and_then(|e| b.text(&e).ok())?;
        (t == "Sent 0 · Already invited 30 · Failed 0 · Waiting 0").then_some(())
    });
    assert_eq!(emails_invited_for(&env, JOB_CSM).len(), 30);
    // The invites went over HTTP/2, as to the vendor's front end: the queue's concurrency is
    // only worth having on a multiplexed connection (BENCHMARKS.md, bulk at 1 s).
    let posts: Vec<serde_json::Value> = env.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["host"] == "api.sparkhire.com" && r["method"] == "POST" && r["path"] == "/v1.0/interviews"
        })
        .cloned()
        .collect();
    assert!(!posts.is_empty() && posts.iter().all(|r| r["http"] == "h2"), "{posts:?}");
}

/// Each ATS's job page gives the pipeline a bulk run sends to; the run itself is the same
/// worker path on every ATS, tested once in depth above.
#[test]
fn every_ats_job_page_lists_its_pipeline_for_a_bulk_invite() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let boards = [
        // Grace, Alan and Katherine (@example.com) and 27 more (@lever.example.com).
        (
            "https://hire.lever.co/jobs/postings/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "Robotics Software Engineer",
            "@lever.example.com",
            27,
        ),
        (
            "https://bigbiller.topechelon.com/network/jobs/b4f1c9e2-7a3d-4e58-9c61-2d8e5f0a7b13/info",
            "Senior Payroll Accountant",
            "@topechelon.example.com",
            30,
        ),
        (
            "https://acme.oorwin.com/#/jobs/5001/pipeline_details/all",
            "Java Developer",
            "@oorwin.example.com",
            30,
        ),
        (
            "https://www.smartrecruiters.com/app/jobs/details/5f9b1c2d3e4f5a6b7c8d9e0f",
            "Warehouse Supervisor",
            "@smartrecruiters.example.com",
            30,
        ),
        (
            "https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345",
            "Registered Nurse – ICU",
            "@pageup.example.com",
            30,
        ),
    ];
    for (url, title, domain, from_domain) in boards {
        env.open_panel(url);
        assert_eq!(env.text_of("#job-title"), title);
        env.wait_text_contains("#send-all", "Send to 30 candidates");
        let listed: Vec<String> = env
            .browser
            .find_all(".people-list li .muted")
            .unwrap()
            .iter()
            .map(|e| env.browser.text(e).unwrap())
            .collect();
        let mut unique = listed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((listed.len(), unique.len()), (30, 30), "{title}: {listed:?}");
        assert!(listed.iter().all(|e| e.contains('@')), "{title}: {listed:?}");
        assert_eq!(listed.iter().filter(|e| e.ends_with(domain)).count(), from_domain, "{title}: {listed:?}");
    }
}

#[test]
fn a_page_listed_pipeline_is_sent_only_to_the_people_the_recruiter_confirmed() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel("https://acme.oorwin.com/#/jobs/5001/pipeline_details/all");
    env.wait_text_contains("#send-all", "Send to 30 candidates");
    env.select("#job", JOB_FIELD_TECH);
    env.select("#question-set", QS_CULTURE);
    // Three people left out; their addresses as the panel lists them.
    let mut left_out = vec![];
    for k in 1..=3 {
        left_out.push(env.text_of(&format!(".people-list li:nth-child({k}) .muted")));
        env.click(&format!(".people-list li:nth-child({k}) input.pick"));
    }
    env.wait_text_contains("#send-all", "Send to 27 candidates");

    // Asked, then cancelled: nothing goes out, and the next press asks again.
    env.click("#send-all");
    assert!(env
        .wait_text_contains("#bulk-confirm", "to 27 candidates")
        .contains("Field Robotics Technician"));
    env.click("#cancel-send");
    env.wait("the question gone", |b| (!b.displayed(&b.find("#bulk-confirm").ok()?).ok()?).then_some(()));
    assert_eq!(env.text_of("#send-all"), "Send to 27 candidates");
    // A change after the question: the next press asks again, about what is chosen now, and
    // sends nothing.
    env.click("#send-all");
    env.wait_text_contains("#bulk-confirm", "Culture and motivation");
    env.select("#question-set", "95e70001-3c1d-4f2a-8e4b-000000000001");
    env.click("#send-all");
    env.wait_text_contains("#bulk-confirm", "with Engineering screen to 27 candidates");
    assert!(emails_invited_for(&env, JOB_FIELD_TECH).is_empty(), "asked, not sent");
    env.click("#send-all");
    env.wait_up_to(60, "the run to finish", |b| {
        let t = b.find("#bulk-summary").ok().and_then(|e| b.text(&e).ok())?;
        (t == "Sent 27 · Already invited 0 · Failed 0 · Waiting 0").then_some(())
    });
    let invited = emails_invited_for(&env, JOB_FIELD_TECH);
    assert_eq!(invited.len(), 27, "exactly the confirmed people");
    assert!(left_out.iter().all(|e| !invited.contains(e)), "{left_out:?} were left out");
}

#[test]
fn linked_jobs_are_created_or_tagged_and_preselected_for_their_candidates() {
    const TE_JOB_A: &str = "b4f1c9e2-7a3d-4e58-9c61-2d8e5f0a7b13";
    const TE_JOB_B: &str = "e27d5a90-3c4b-4f1e-8a2d-6b9c0e1f4a58";
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let job_value = |env: &Env| {
        let select = env.wait("the job list", |b| b.find("#job").ok());
        env.browser.prop(&select, "value").unwrap()
    };

    // Create New Job: from the ATS job's title, location and description.
    env.open_panel(&format!("https://bigbiller.topechelon.com/network/jobs/{TE_JOB_A}/info"));
    env.wait_text_contains("#link-status", "Not linked yet");
    env.click("#create-job");
    env.wait_text_contains("#link-status", "Linked to Senior Payroll Accountant.");
    let created = env.state()["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["title"] == "Senior Payroll Accountant")
        .cloned()
        .expect("the job was created in Spark Hire");
    assert_eq!(created["location"]["formatted_address"], "Chicago, IL");
    let new_uuid = created["uuid"].as_str().unwrap().to_string();
    // Chosen once the account's list, which now has it, is back.
    env.wait("the new job chosen", |_| (job_value(&env) == new_uuid.as_str()).then_some(()));
    // Remembered: a fresh visit shows the link.
    env.open_panel(&format!("https://bigbiller.topechelon.com/network/jobs/{TE_JOB_A}/info"));
    env.wait_text_contains("#link-status", "Linked to Senior Payroll Accountant.");

    // Tag Existing Job.
    env.open_panel(&format!("https://bigbiller.topechelon.com/network/jobs/{TE_JOB_B}/info"));
    env.wait_text_contains("#link-status", "Not linked yet");
    env.select("#job", JOB_CSM);
    env.click("#tag-job");
    env.wait_text_contains("#link-status", "Linked to Customer Success Manager.");

    // A candidate in both ATS jobs: the recruiter picks which one, and its link picks the job.
    env.open_panel("https://bigbiller.topechelon.com/people/40001");
    env.wait("both ATS jobs", |b| (b.find_all("#ats-job option").ok()?.len() == 2).then_some(()));
    env.wait("the linked job preselected", |_| (job_value(&env) == new_uuid.as_str()).then_some(()));
    env.select("#ats-job", TE_JOB_B);
    env.wait("the other link", |_| (job_value(&env) == JOB_CSM).then_some(()));
    env.select("#question-set", QS_CULTURE);
    env.click("#send");
    env.wait_text_contains("#send-status", "Interview sent to James Smith for Customer Success Manager");
    let sent = env.interviews_for("james.smith@topechelon.example.com");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["received"]["job_post"]["uuid"], JOB_CSM);
}

#[test]
fn completed_view_watches_and_copies_the_share_link() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(GRACE));
    env.wait("Grace's completed interview", |b| b.find("li.interview").ok());
    send_form(&env, JOB_CSM, QS_CULTURE, "");
    env.wait_text_contains("#send-status", "Interview sent to Grace Hopper");
    env.wait("both interviews", |b| (b.find_all("li.interview").ok()?.len() == 2).then_some(()));

    env.click("#show-completed");
    env.wait("only the completed one", |b| (b.find_all("li.interview").ok()?.len() == 1).then_some(()));
    assert_eq!(env.text_of("li.interview .badge"), "Completed");
    let panel_window = env.browser.window();
    env.click("li.interview button.watch");
    let tab = env.wait("the share link tab", |b| b.windows().into_iter().find(|w| *w != panel_window));
    env.browser.switch_window(&tab);
    assert_eq!(env.text_of("#share-candidate"), "Grace Hopper");
    let share_url = env.browser.url();
    env.browser.close_window();
    env.browser.switch_window(&panel_window);
    env.enter_panel();
    env.click("#show-completed");
    env.click("li.interview button.copy");
    let note = env.text_of("li.interview .notice");
    assert!(note == "Share link copied." || note == format!("Copy this link: {share_url}"), "{note}");
    env.click("#show-all");
    env.wait("both again", |b| (b.find_all("li.interview").ok()?.len() == 2).then_some(()));
}

#[test]
fn options_page_checks_and_keeps_settings() {
    let env = Env::start();
    env.browser.goto(&ext_url("options.html"));
    let rate = env.wait("the rate field", |b| b.find("#rate-spark_hire").ok());
    env.wait("the stored settings", |b| (b.prop(&rate, "value").ok()? == "400").then_some(()));
    // A switch flipped after the page loaded saves at once; the form's Save below must not
    // put back the value the form was loaded with.
    env.wait("the switch ready", |b| {
        (b.prop(&b.find("#hellohire-on").ok()?, "disabled").ok()? == false).then_some(())
    });
    env.click("#hellohire-on");
    env.wait_text_contains("#hellohire-status", "SmartRecruiters integration on.");
    env.fill("#rate-spark_hire", "0");
    env.click("#save-settings");
    assert!(env.text_of("#settings-error").contains("between 1 and 400"));
    env.fill("#rate-spark_hire", "120");
    env.click("#save-settings");
    env.wait_text_contains("#settings-status", "Settings saved.");
    env.browser.goto(&ext_url("options.html"));
    let rate = env.wait("the rate field", |b| b.find("#rate-spark_hire").ok());
    env.wait("the saved rate", |b| (b.prop(&rate, "value").ok()? == "120").then_some(()));
    env.wait("the switch still on", |b| {
        (b.prop(&b.find("#hellohire-on").ok()?, "checked").ok()? == true).then_some(())
    });
    // Keys are managed here too.
    assert!(env.text_of("#key-spark_hire-card h2").contains("Spark Hire"));
}

#[test]
fn an_ats_holds_several_accounts_each_checked_before_it_is_kept() {
    let env = Env::start();
    env.browser.goto(&ext_url("options.html"));
    env.wait("the Lever accounts", |b| b.find("#add-account-lever").ok());
    // An ATS account has a key and a status; invites aren't counted against it.
    let credits = env.browser.find("#account-credits-lever").unwrap();
    assert!(!env.browser.displayed(&credits).unwrap(), "no invite allowance for an ATS");
    let provider_credits = env.browser.find("#account-credits-spark_hire").unwrap();
    assert!(env.browser.displayed(&provider_credits).unwrap(), "a provider's account has one");
    env.fill("#account-name-lever", "EU team");
    env.fill("#account-api_key-lever", "nope");
    env.click("#add-account-button-lever");
    assert!(
        env.text_of("#accounts-error-lever").starts_with("Not saved: Lever did not accept this key."),
        "checked with Lever first"
    );
    assert!(env.browser.find_all("#accounts-lever tr.account-row").unwrap().is_empty());
    env.fill("#account-api_key-lever", LEVER_KEY);
    env.click("#add-account-button-lever");
    env.wait("one Lever account", |b| {
        (b.find_all("#accounts-lever tr.account-row").ok()?.len() == 1).then_some(())
    });
    env.fill("#account-name-lever", "US team");
    env.fill("#account-api_key-lever", LEVER_KEY);
    env.click("#add-account-button-lever");
    env.wait("two Lever accounts", |b| {
        (b.find_all("#accounts-lever tr.account-row").ok()?.len() == 2).then_some(())
    });
    assert_eq!(env.text_of("#accounts-lever tr.account-row:nth-child(2) .display-name"), "US team");
    assert!(env.browser.find_all("#accounts-spark_hire tr.account-row").unwrap().is_empty());
    // The popup's Lever card is the first of them.
    env.browser.goto(&ext_url("popup.html"));
    assert_eq!(env.text_of("#key-lever-card .account-name"), "Lever account");
}

#[test]
fn accounts_are_added_in_options_and_picked_per_ats_within_their_allowance() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.browser.goto(&ext_url("options.html"));
    env.wait("the popup's account listed", |b| (b.find_all("tr.account-row").ok()?.len() == 1).then_some(()));
    assert_eq!(env.text_of("#accounts-spark_hire tr.account-row .display-name"), "Ada Recruiter");
    assert_eq!(env.text_of("#accounts-spark_hire tr.account-row .left"), "No limit");

    // A rejected key is not added, and what was typed stays.
    env.fill("#account-name-spark_hire", "Agency desk");
    env.fill("#account-api_key-spark_hire", "sh_not_a_key");
    env.click("#add-account-button-spark_hire");
    assert!(env
        .text_of("#accounts-error-spark_hire")
        .starts_with("Not saved: Spark Hire did not accept this key."));
    assert_eq!(
        env.browser.prop(&env.browser.find("#account-name-spark_hire").unwrap(), "value").unwrap(),
        "Agency desk"
    );
    env.fill("#account-api_key-spark_hire", "sh_demo_ben_3Lm8");
    env.fill("#account-credits-spark_hire", "1");
    env.click("#add-account-button-spark_hire");
    env.wait("two accounts", |b| (b.find_all("tr.account-row").ok()?.len() == 2).then_some(()));
    assert_eq!(env.text_of("tr.account-row:nth-child(2) .left"), "1 of 1");
    // An inactive one is kept but not offered.
    env.fill("#account-name-spark_hire", "Old team");
    env.fill("#account-api_key-spark_hire", SPARKHIRE_KEY);
    env.select("#account-status-spark_hire", "inactive");
    env.click("#add-account-button-spark_hire");
    env.wait("three accounts", |b| (b.find_all("tr.account-row").ok()?.len() == 3).then_some(()));
    assert_eq!(env.text_of("tr.account-row:nth-child(3) .status"), "Inactive");

    env.open_panel(&candidate_url(ALAN));
    let options = env.wait("the account picker", |b| {
        let o = b.find_all("#account option").ok()?;
        (o.len() == 2).then_some(o)
    });
    let agency = options.iter().find(|o| env.browser.text(o).unwrap() == "Agency desk").unwrap();
    let agency_id = env.browser.prop(agency, "value").unwrap().as_str().unwrap().to_string();
    env.select("#account", &agency_id);
    env.wait_text_contains("#credits-left", "1 invite left");
    send_form(&env, JOB_CSM, QS_CULTURE, "");
    env.wait_text_contains("#send-status", "Interview sent to Alan Turing");
    let sent = env.interviews_for("alan.turing@example.com");
    assert_eq!(sent[0]["created_by"]["email"], "ben@acme.example", "sent with the chosen account's key");
    env.wait_text_contains("#credits-left", "0 invites left");
    // Past the allowance: refused with a clear message, nothing sent.
    send_form(&env, JOB_FIELD_TECH, QS_CULTURE, "");
    assert!(env.text_of("#send-error").contains("Agency desk account has no invites left (1 of 1 used)"));
    assert_eq!(env.interviews_for("alan.turing@example.com").len(), 1);

    // Remembered for Lever; another ATS keeps its own choice (the first account).
    env.open_panel(&candidate_url(GRACE));
    env.wait("Agency desk still chosen", |b| {
        (b.prop(&b.find("#account").ok()?, "value").ok()? == agency_id.as_str()).then_some(())
    });
    env.open_panel("https://bigbiller.topechelon.com/people/40002");
    env.wait("the first account on Top Echelon", |b| {
        let v = b.prop(&b.find("#account").ok()?, "value").ok()?;
        (v != agency_id.as_str() && v.as_str().is_some_and(|s| !s.is_empty())).then_some(())
    });
}

#[test]
fn smartrecruiters_key_is_checked_and_confirms_the_candidate() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let msg = env.save_key("smartrecruiters", "sr_wrong");
    assert!(msg.starts_with("Not saved: SmartRecruiters did not accept this key."), "{msg}");
    assert_eq!(env.save_key("smartrecruiters", SMARTRECRUITERS_KEY), "SmartRecruiters account");
    let profile = "https://www.smartrecruiters.com/app/people/profile/29661a38-67c8-472b-b08a-5fe27220b17d";
    env.open_panel(profile);
    env.wait_text_contains(".source", "Confirmed with the SmartRecruiters API");
    assert_eq!(env.text_of("#candidate-name"), "Emma Visser");
    assert_eq!(env.text_of("#candidate-email"), "emma.visser@smartrecruiters.example.com");
    let asked = env.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["host"] == "api.smartrecruiters.com"
                && r["path"] == "/candidates/29661a38-67c8-472b-b08a-5fe27220b17d"
        })
        .count();
    assert_eq!(asked, 1);
    // An application page's id is not a candidate id: the page's details stand.
    env.open_panel(
        "https://www.smartrecruiters.com/app/people/applications/3ee36927-c229-4378-b7a3-a0597211c38c",
    );
    env.wait_text_contains("#candidate-name", "Emma Visser");
    assert_eq!(env.text_of(".source"), "From this SmartRecruiters page");
}

#[test]
fn a_page_whose_extension_was_reloaded_says_so_and_a_page_reload_brings_the_panel_back() {
    let env = Env::start();
    if !support::firefox() {
        // Chromium reloads an unpacked extension only in developer mode (otherwise it stays
        // disabled), as for anyone who loads this build unpacked.
        env.browser.goto("chrome://extensions");
        let on = "const done = arguments[0]; \
            chrome.developerPrivate.updateProfileConfiguration({inDeveloperMode: true}).then(() => done(true))";
        env.browser.exec_async(on, vec![]).expect("developer mode");
    }
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains("#candidate-name", "Grace Hopper");
    // As the Reload button in chrome://extensions does, or an update: from the panel (an
    // extension page), after this script has returned, since the panel goes with it.
    env.browser.exec("setTimeout(() => chrome.runtime.reload(), 50)", vec![]).unwrap();
    if support::firefox() {
        // Firefox keeps the page's panel through a reload of the add-on, and the new event
        // page answers it: no note is needed, and there is no second panel.
        env.wait("the reloaded add-on to answer the panel", |b| {
            let ask = "const done = arguments[0];
                chrome.runtime.sendMessage('GetContext').then(r => done(!!(r && r.Context)), () => done(false));";
            (b.exec_async(ask, vec![]).ok()? == true).then_some(())
        });
        let panel_window = env.browser.window();
        env.click("li.interview button.watch");
        let tab = env.wait("the share link tab", |b| b.windows().into_iter().find(|w| *w != panel_window));
        env.browser.switch_window(&tab);
        assert_eq!(env.text_of("#share-candidate"), "Grace Hopper");
        env.browser.close_window();
        env.browser.switch_window(&panel_window);
        assert_eq!(env.panel_count(), (1, 1));
        return;
    }
    let note = env.wait("a note where the panel was", |b| {
        b.top();
        let host = b.find("interview-bridge-panel").ok()?;
        let p = b.shadow_find_all(&host, "p").ok()?.into_iter().next()?;
        b.text(&p).ok().filter(|t| !t.is_empty())
    });
    assert_eq!(note, "Interview Bridge was updated — reload this page");
    assert_eq!(env.panel_count(), (1, 0), "the note instead of the panel's frame");

    env.browser.raw("POST", "/refresh", Some(serde_json::json!({}))).unwrap();
    env.enter_panel();
    env.wait_text_contains("#candidate-name", "Grace Hopper");
    assert_eq!(env.text_of("li.interview .badge"), "Completed", "the new worker answers");
    assert_eq!(env.panel_count(), (1, 1));
}

#[test]
fn spa_navigation_off_a_candidate_page_removes_the_panel_and_coming_back_follows_the_page_again() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains("#candidate-name", "Grace Hopper");

    // The app routes to a page we don't act on with pushState alone: no event, and the DOM
    // still shows Grace. The panel goes all the same.
    env.browser.top();
    env.browser.exec("history.pushState(null, '', '/')", vec![]).unwrap();
    env.wait("the panel to go", |b| {
        let n = b.exec("return document.querySelectorAll('interview-bridge-panel').length", vec![]).ok()?;
        (n == 0).then_some(())
    });

    // Back on her page, the panel is back, and follows what the page shows again.
    env.browser.exec("history.back()", vec![]).unwrap();
    env.enter_panel();
    env.wait_text_contains("#candidate-name", "Grace Hopper");
    env.browser.top();
    env.browser
        .exec(
            "document.querySelector('#lever-profile .candidate-name').textContent = 'Grace B. Hopper'",
            vec![],
        )
        .unwrap();
    env.enter_panel();
    env.wait_text_contains("#candidate-name", "Grace B. Hopper");
    assert_eq!(env.panel_count(), (1, 1));
}

#[test]
fn two_tenants_of_one_ats_keep_their_own_links_and_bulk_runs() {
    // Two customers of one ATS with the same job ids: what is saved for one is not the other's.
    // Oorwin: both with a job 5001.
    const ACME: &str = "https://acme.oorwin.com/#/jobs/5001/overview";
    const GLOBEX: &str = "https://globex.oorwin.com/#/jobs/5001/overview";
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    let summary = |b: &Driver| b.find("#bulk-summary").ok().and_then(|e| b.text(&e).ok()).unwrap_or_default();
    let run = |url: &str, job: &str| {
        env.open_panel(url);
        env.wait_text_contains("#send-all", "Send to 30 candidates");
        env.select("#job", job);
        env.click("#tag-job");
        env.wait_text_contains("#link-status", "Linked to");
        env.select("#question-set", QS_CULTURE);
        send_all_confirmed(&env);
        env.wait_up_to(60, "the run to finish", |b| {
            let t = summary(b);
            t.ends_with("Waiting 0").then_some(t)
        })
    };
    assert_eq!(run(ACME, JOB_FIELD_TECH), "Sent 30 · Already invited 0 · Failed 0 · Waiting 0");
    // The same people for another Spark Hire job: each is invited once for it.
    assert_eq!(run(GLOBEX, JOB_CSM), "Sent 30 · Already invited 0 · Failed 0 · Waiting 0");
    env.open_panel(ACME);
    env.wait_text_contains("#link-status", "Linked to Field Robotics Technician.");
    env.wait("acme's own run", |b| {
        (summary(b) == "Sent 30 · Already invited 0 · Failed 0 · Waiting 0").then_some(())
    });
    assert_eq!(
        env.text_of("#bulk-title"),
        "Done for Field Robotics Technician: 30 sent, 0 already invited, 0 failed",
        "acme's batch, not globex's later one"
    );
    env.open_panel(GLOBEX);
    env.wait_text_contains("#link-status", "Linked to Customer Success Manager.");
    assert_eq!(
        env.text_of("#bulk-title"),
        "Done for Customer Success Manager: 30 sent, 0 already invited, 0 failed"
    );

    // Two PageUp customers in two data centres, both with a job 512345.
    const PU_ACME: &str =
        "https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345";
    const PU_GLOBEX: &str =
        "https://globex.dc3.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345";
    env.open_panel(PU_ACME);
    env.wait_text_contains("#link-status", "Not linked yet");
    env.select("#job", JOB_CSM);
    env.click("#tag-job");
    env.wait_text_contains("#link-status", "Linked to Customer Success Manager.");
    env.open_panel(PU_GLOBEX);
    env.wait_text_contains("#send-all", "Send to 30 candidates");
    env.wait_text_contains("#link-status", "Not linked yet");
}

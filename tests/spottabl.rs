//! Spottabl × Lever end to end (issue 13), as far as it goes: the Spottabl key checked before
//! it is kept, and "Import the latest N jobs" sending Lever's newest published postings to
//! Spottabl [model] as draft jobs, only what is new each time, a failed one said and imported
//! by the next run. Asserted against what the sandbox's Spottabl holds.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::*;

const SPOTTABL_KEY: &str = "sp_demo_key_6Lm";

fn jobs(env: &Env) -> Vec<Value> {
    env.state()["spottabl"]["jobs"].as_array().cloned().unwrap_or_default()
}

fn titles(env: &Env) -> Vec<String> {
    jobs(env).iter().map(|j| j["title"].as_str().unwrap_or_default().to_string()).collect()
}

/// Imports from the workflow's page; what the page said.
fn import(env: &Env, count: &str) -> String {
    env.browser.top();
    env.browser.goto(&ext_url("spottabl.html"));
    env.text_of("#spottabl-title");
    env.fill("#spottabl-count", count);
    let before =
        env.browser.find("#spottabl-status").ok().and_then(|e| env.browser.text(&e).ok()).unwrap_or_default();
    env.click("#spottabl-import-button");
    env.wait("the import's result", |b| {
        if let Some(t) =
            b.find("#spottabl-error").ok().and_then(|e| b.text(&e).ok()).filter(|t| !t.is_empty())
        {
            return Some(t);
        }
        let t = b.find("#spottabl-status").ok().and_then(|e| b.text(&e).ok())?;
        (!t.is_empty() && t != before && t != "Importing…").then_some(t)
    })
}

#[test]
fn the_latest_lever_jobs_become_spottabl_drafts_once_each() {
    let env = Env::start();
    let refused = env.add_account("spottabl", "Acme", &[("api_key", "sp_wrong")]);
    assert_eq!(refused, "Not saved: Spottabl did not accept this key.");
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.wait_text_contains("#accounts-spottabl", "Acme Robotics");
    // Without a Lever key there is nothing to import from.
    let said = import(&env, "2");
    assert!(said.contains("Add your Lever API key first"), "{said}");
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY)]);

    let said = import(&env, "2");
    assert!(
        said.contains(
            "Imported 2 new jobs as Spottabl drafts: Field Service Lead, Warehouse Automation Consultant."
        ),
        "{said}"
    );
    let made = jobs(&env);
    assert_eq!(made.len(), 2);
    let fsl = made.iter().find(|j| j["title"] == "Field Service Lead").unwrap();
    assert_eq!((fsl["status"].as_str(), fsl["source"].as_str()), (Some("draft"), Some("lever")));
    assert_eq!(
        (fsl["location"].as_str(), fsl["description"].as_str()),
        (Some("Denver, CO"), Some("Field Service Lead at Acme Robotics, Denver, CO."))
    );

    // Out of range: said, and nothing sent.
    let said = import(&env, "0");
    assert!(said.contains("Import between 1 and 100 jobs at a time."), "{said}");

    // Spottabl down for every try at the first posting: the run says so and goes on.
    env.fault(r#"{"host":"api.spottabl.com","method":"POST","path":"/v1/jobs","status":503,"count":4}"#);
    let said = import(&env, "3");
    assert!(
        said.contains(
            "Imported 1 new job as a Spottabl draft: Site Reliability Engineer; 1 already in Spottabl."
        ),
        "{said}"
    );
    assert!(said.contains("Not imported: Field Service Lead: Spottabl had a problem on its side."), "{said}");
    // Retry sits beside the run that left a posting out, and runs it again.
    env.click("#spottabl-import-retry");
    let said = env.wait_text_contains("#spottabl-status", "3 already in Spottabl");
    assert!(said.contains("No new jobs to import; 3 already in Spottabl."), "{said}");
    env.wait("Retry to go once nothing failed", |b| b.find("#spottabl-import-retry").err().map(|_| ()));
    let said = import(&env, "4");
    assert!(
        said.contains(
            "Imported 1 new job as a Spottabl draft: Embedded Firmware Engineer; 3 already in Spottabl."
        ),
        "{said}"
    );
    let mut all = titles(&env);
    all.sort();
    assert_eq!(
        all,
        [
            "Embedded Firmware Engineer",
            "Field Service Lead",
            "Site Reliability Engineer",
            "Warehouse Automation Consultant"
        ]
    );

    // The last run is kept: the page opened again shows it.
    env.browser.goto(&ext_url("spottabl.html"));
    env.wait_text_contains("#spottabl-status", "Last import");
    env.wait_text_contains("#spottabl-status", "Embedded Firmware Engineer; 3 already");
}

fn control(env: &Env, path: &str, body: &str) -> Value {
    let (status, said) = sandbox::client::request(
        env.sandbox.port,
        "api.spottabl.com",
        "POST",
        path,
        &[("Content-Type", "application/json")],
        Some(body),
    )
    .unwrap();
    assert!((200..300).contains(&status), "{path}: {said}");
    serde_json::from_str(&said).unwrap()
}

fn opportunities_with(env: &Env, email: &str) -> Vec<Value> {
    let all = env.state()["opportunities"].as_array().cloned().unwrap_or_default();
    all.into_iter().filter(|o| o["emails"].as_array().is_some_and(|e| e.iter().any(|x| x == email))).collect()
}

#[test]
fn partner_candidates_become_lever_opportunities_once_with_their_comments() {
    let env = Env::start();
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY), ("perform_as", "ada@acme.example")]);
    import(&env, "1");
    let job = jobs(&env).remove(0);
    assert_eq!(job["title"], "Field Service Lead");
    let job_id = job["id"].as_str().unwrap().to_string();
    control(&env, "/_sandbox/spottabl/activate", &format!(r#"{{"jobId":"{job_id}"}}"#));
    control(
        &env,
        "/_sandbox/spottabl/submissions",
        &format!(
            r#"{{"jobId":"{job_id}","candidate":{{"name":"Ann Lee","emails":["ann.lee@northwind.example"],"phones":["+1 555 0101"]}},
                "stageId":"stg_offer","comments":["Strong on field robotics."]}}"#
        ),
    );
    control(
        &env,
        "/_sandbox/spottabl/submissions",
        &format!(
            r#"{{"jobId":"{job_id}","candidate":{{"name":"Bo Chen","emails":["bo.chen@northwind.example"]}}}}"#
        ),
    );
    // Lever makes Ann's opportunity but its answer is lost: the next look finds her.
    env.fault(
        r#"{"host":"api.lever.co","method":"POST","path":"/v1/opportunities","status":503,"mode":"after"}"#,
    );
    env.alarm_now("spottabl");
    env.wait("both partner candidates in Lever", |_| {
        (opportunities_with(&env, "ann.lee@northwind.example").len() == 1
            && opportunities_with(&env, "bo.chen@northwind.example").len() == 1)
            .then_some(())
    });
    let ann = opportunities_with(&env, "ann.lee@northwind.example").remove(0);
    assert_eq!(ann["origin"], "agency");
    assert_eq!(ann["sources"], serde_json::json!(["Spottabl", "Northwind Talent"]));
    assert_eq!(ann["stage"], "offer", "Spottabl's Offer is Lever's Offer");
    let posting = job["sourceId"].as_str().unwrap();
    assert_eq!(ann["applications"].as_array().unwrap().len(), 1);
    let on_posting =
        env.state()["postings"].as_array().unwrap().iter().find(|p| p["id"] == posting).cloned().unwrap();
    assert!(on_posting["opportunity_ids"].as_array().unwrap().contains(&ann["id"]));
    let bo = opportunities_with(&env, "bo.chen@northwind.example").remove(0);
    assert_eq!(bo["stage"], "lead-new", "Submitted has no Lever stage of its name: Lever's first");
    env.wait("Ann's note", |_| {
        let notes = env.state()["lever"]["notes"].as_array().cloned().unwrap_or_default();
        notes.into_iter().find(|n| n["opportunityId"] == ann["id"])
    });

    // The next look (asked for on the page) brings nothing twice, and the page says what it did.
    let said = look_now(&env);
    assert!(said.contains("no new partner candidates."), "{said}");
    assert_eq!(opportunities_with(&env, "ann.lee@northwind.example").len(), 1);
    let notes = env.state()["lever"]["notes"].as_array().cloned().unwrap_or_default();
    let ann_notes: Vec<&Value> = notes.iter().filter(|n| n["opportunityId"] == ann["id"]).collect();
    assert_eq!(ann_notes.len(), 1, "{ann_notes:#?}");
    assert_eq!(ann_notes[0]["text"], "Northwind Talent (Spottabl): Strong on field robotics.");

    // Comments both ways, once each: the partner's later comment becomes a note; the
    // recruiter's note in Lever becomes a comment; neither comes back.
    let subs = env.state()["spottabl"]["submissions"].as_array().cloned().unwrap();
    let ann_sub = subs.iter().find(|s| s["candidate"]["name"] == "Ann Lee").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    control(
        &env,
        "/_sandbox/spottabl/comments",
        &format!(r#"{{"submissionId":"{ann_sub}","body":"She can start in May."}}"#),
    );
    let ann_id = ann["id"].as_str().unwrap();
    lever_send(
        &env,
        "POST",
        &format!("/v1/opportunities/{ann_id}/notes"),
        r#"{"value":"Call her Tuesday."}"#,
    );
    let said = look_now(&env);
    assert!(said.contains("1 partner comment as Lever notes"), "{said}");
    assert!(said.contains("1 Lever note as Spottabl comments"), "{said}");
    let said = look_now(&env);
    assert!(!said.contains("comment"), "nothing carried twice: {said}");
    let notes = env.state()["lever"]["notes"].as_array().cloned().unwrap_or_default();
    let texts: Vec<&str> =
        notes.iter().filter(|n| n["opportunityId"] == ann["id"]).filter_map(|n| n["text"].as_str()).collect();
    assert_eq!(
        texts,
        [
            "Northwind Talent (Spottabl): Strong on field robotics.",
            "Call her Tuesday.",
            "Northwind Talent (Spottabl): She can start in May."
        ]
    );
    let subs = env.state()["spottabl"]["submissions"].as_array().cloned().unwrap();
    let thread =
        subs.iter().find(|s| s["id"] == ann_sub.as_str()).unwrap()["comments"].as_array().cloned().unwrap();
    let bodies: Vec<(&str, &str)> =
        thread.iter().map(|c| (c["author"]["type"].as_str().unwrap(), c["body"].as_str().unwrap())).collect();
    assert_eq!(
        bodies,
        [
            ("partner", "Strong on field robotics."),
            ("partner", "She can start in May."),
            ("client", "Call her Tuesday.")
        ]
    );
}

/// The recruiter moves an opportunity in Lever (what Lever's app sends).
fn lever_write(env: &Env, path: &str, body: &str) {
    lever_send(env, "PUT", path, body);
}

fn lever_send(env: &Env, method: &str, path: &str, body: &str) {
    let auth = sandbox::client::basic_auth(LEVER_KEY);
    let (status, said) = sandbox::client::request(
        env.sandbox.port,
        "api.lever.co",
        method,
        &format!("{path}?perform_as={ADA}"),
        &[("Authorization", &auth), ("Content-Type", "application/json")],
        Some(body),
    )
    .unwrap();
    assert!((200..300).contains(&status), "{path}: {said}");
}

/// Ada Lovelace, the sandbox Lever account's first user.
const ADA: &str = "0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e01";

fn stage_updates(env: &Env) -> Vec<Value> {
    env.state()["spottabl"]["stage_updates"].as_array().cloned().unwrap_or_default()
}

#[test]
fn stages_and_hires_go_both_ways_once() {
    let env = Env::start();
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY), ("perform_as", "ada@acme.example")]);
    import(&env, "1");
    let job_id = jobs(&env)[0]["id"].as_str().unwrap().to_string();
    control(&env, "/_sandbox/spottabl/activate", &format!(r#"{{"jobId":"{job_id}"}}"#));
    let submit = |name: &str, email: &str| {
        let made = control(
            &env,
            "/_sandbox/spottabl/submissions",
            &format!(r#"{{"jobId":"{job_id}","candidate":{{"name":"{name}","emails":["{email}"]}}}}"#),
        );
        made["data"]["id"].as_str().unwrap().to_string()
    };
    let ann_sub = submit("Ann Lee", "ann.lee@northwind.example");
    let bo_sub = submit("Bo Chen", "bo.chen@northwind.example");
    env.alarm_now("spottabl");
    let opp = |email: &str| {
        env.wait("the partner candidate in Lever", |_| opportunities_with(&env, email).into_iter().next())
    };
    let (ann, bo) = (opp("ann.lee@northwind.example"), opp("bo.chen@northwind.example"));
    assert_eq!((ann["stage"].as_str(), bo["stage"].as_str()), (Some("lead-new"), Some("lead-new")));

    // Spottabl moves Ann to Offer, then hires her: Lever's Offer, then archived as hired.
    control(
        &env,
        "/_sandbox/spottabl/events",
        &format!(r#"{{"submissionId":"{ann_sub}","stageId":"stg_offer"}}"#),
    );
    env.alarm_now("spottabl");
    env.wait("Ann at Offer in Lever", |_| {
        (opportunities_with(&env, "ann.lee@northwind.example")[0]["stage"] == "offer").then_some(())
    });
    control(
        &env,
        "/_sandbox/spottabl/events",
        &format!(r#"{{"submissionId":"{ann_sub}","stageId":"stg_hired"}}"#),
    );
    env.alarm_now("spottabl");
    let hired = env.wait("Ann hired in Lever", |_| {
        let a = opportunities_with(&env, "ann.lee@northwind.example").remove(0);
        a["archived"].is_object().then_some(a)
    });
    assert_eq!(hired["archived"]["reason"], "7a3c1e00-0000-4000-8000-0000000000a1", "Lever's hired reason");
    assert!(
        stage_updates(&env).is_empty(),
        "what came from Spottabl is not sent back: {:?}",
        stage_updates(&env)
    );

    // The recruiter moves Bo to Offer in Lever: Spottabl's Offer, once.
    let bo_id = bo["id"].as_str().unwrap();
    lever_write(&env, &format!("/v1/opportunities/{bo_id}/stage"), r#"{"stage":"offer"}"#);
    env.alarm_now("spottabl");
    let sent = env.wait("Bo's move in Spottabl", |_| {
        let u = stage_updates(&env);
        (!u.is_empty()).then_some(u)
    });
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["applied"], true);
    assert_eq!(
        (sent[0]["submissionId"].as_str(), sent[0]["stageId"].as_str()),
        (Some(bo_sub.as_str()), Some("stg_offer"))
    );
    let subs = env.state()["spottabl"]["submissions"].as_array().cloned().unwrap();
    let bo_now = subs.iter().find(|s| s["id"] == bo_sub.as_str()).unwrap();
    assert_eq!(bo_now["stageId"], "stg_offer");

    // Another look, after the worker stopped: nothing is sent or moved again, and the options
    // page says what the looks did.
    env.stop_service_worker();
    let writes = env.state()["lever"]["writes"].as_array().map_or(0, Vec::len);
    let before = last_look(&env);
    env.alarm_now("spottabl");
    env.wait("the next look", |_| (last_look(&env) > before).then_some(()));
    // A look stopped before it kept what it sent sends it again, under the same key: Spottabl
    // applies it once.
    let all = stage_updates(&env);
    let applied: Vec<&Value> = all.iter().filter(|u| u["applied"] == true).collect();
    assert_eq!(applied.len(), 1, "{all:#?}");
    assert!(all.iter().all(|u| u["clientEventId"] == applied[0]["clientEventId"]), "{all:#?}");
    let now = env.state()["lever"]["writes"].as_array().cloned().unwrap_or_default();
    assert_eq!(now.len(), writes, "{:#?}", &now[writes.min(now.len())..]);
    env.browser.goto(&ext_url("spottabl.html"));
    let said = env.wait_text_contains("#spottabl-looked", "Last look");
    assert!(said.contains("no new partner candidates."), "{said}");
}

/// Presses "Look now" on the workflow's page; what the page then says of the look.
fn look_now(env: &Env) -> String {
    env.browser.top();
    env.browser.goto(&ext_url("spottabl.html"));
    let idle = "#spottabl-jobs[aria-busy='false']";
    env.wait("the page to read the last runs", |b| b.find(idle).ok());
    let before = stored_look(env);
    env.click("#spottabl-look");
    env.wait("the look to end", |b| (stored_look(env) > before).then_some(b.find(idle).ok()?));
    env.text_of("#spottabl-looked")
}

/// When the worker last finished a look (ms), read on the extension page open now.
fn stored_look(env: &Env) -> f64 {
    let v = env
        .browser
        .exec_async(
            "const done = arguments[arguments.length - 1];
             chrome.storage.local.get('spottabl_sync').then((r) => done(r.spottabl_sync?.at_ms ?? 0));",
            vec![],
        )
        .unwrap();
    v.as_f64().unwrap_or(0.0)
}

/// When the worker last finished a look (ms), from the record the workflow's page shows.
fn last_look(env: &Env) -> f64 {
    env.browser.top();
    env.browser.goto(&ext_url("popup.html"));
    stored_look(env)
}

/// The recruiter publishes a posting in Lever's app.
fn publish_in_lever(env: &Env, title: &str) {
    let body =
        format!(r#"{{"text":"{title}","location":"Austin, TX","description":"{title} at Acme Robotics."}}"#);
    let (status, said) = sandbox::client::request(
        env.sandbox.port,
        "api.lever.co",
        "POST",
        "/_sandbox/lever/postings",
        &[("Content-Type", "application/json")],
        Some(&body),
    )
    .unwrap();
    assert_eq!(status, 201, "{said}");
}

#[test]
fn the_saved_stage_mapping_and_auto_sync_are_what_the_looks_use() {
    let env = Env::start();
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY), ("perform_as", "ada@acme.example")]);
    env.browser.goto(&ext_url("spottabl.html"));
    let who = env.wait_text_contains("#spottabl-connection", "Lever user");
    assert!(who.contains("Spottabl: Acme (Acme Robotics)."), "{who}");
    assert!(who.contains("added by the Lever user ada@acme.example"), "{who}");

    // Until saved, only same-name stages are mapped, and the page says so.
    env.text_of("#stage-map-default");
    let row = |label: &str| {
        env.wait(&format!("the {label} row"), |b| {
            let rows = b.find_all("table.stage-map tbody tr").ok()?;
            let i = rows.iter().position(|r| b.text(r).is_ok_and(|t| t.starts_with(label)))?;
            Some(format!("#stage-map-{i}"))
        })
    };
    let value = |css: &str| env.browser.find(css).ok().and_then(|e| env.browser.prop(&e, "value").ok());
    let (screen, onsite, offer, hired) = (
        row("Phone screen"),
        row("On-site interview"),
        row("Offer"),
        row("Hired (Lever's hired archive reason)"),
    );
    assert_eq!(value(&offer), Some(serde_json::json!("stg_offer")));
    assert_eq!(value(&hired), Some(serde_json::json!("stg_hired")));
    assert_eq!(value(&screen), Some(serde_json::json!("")), "no Spottabl stage is called Phone screen");
    env.select(&screen, "stg_screened");
    env.select(&onsite, "stg_interview");
    env.click("#stage-map-save");
    env.wait_text_contains("#stage-map-status", "Saved.");
    env.browser.goto(&ext_url("spottabl.html"));
    let screen = row("Phone screen");
    env.wait("the saved mapping shown", |_| (value(&screen)? == "stg_screened").then_some(()));
    assert!(env.browser.find("#stage-map-default").is_err(), "saved: no longer the defaults");

    // Auto-sync on: a posting published afterwards becomes a Spottabl draft on the next look,
    // and none published before does.
    env.click("#spottabl-auto");
    env.wait("auto-sync on", |b| {
        let e = b.find("#spottabl-auto").ok()?;
        (b.prop(&e, "checked").ok()? == true).then_some(())
    });
    publish_in_lever(&env, "Robotics Technician");
    let said = look_now(&env);
    assert!(
        said.contains("Auto-sync: Imported 1 new job as a Spottabl draft: Robotics Technician."),
        "{said}"
    );
    assert_eq!(titles(&env), ["Robotics Technician"]);
    env.browser.goto(&ext_url("spottabl.html"));
    let e = env.wait("the switch", |b| b.find("#spottabl-auto").ok());
    env.wait("auto-sync still on", |b| (b.prop(&e, "checked").ok()? == true).then_some(()));

    // The mapping is used both ways: Spottabl's Screened is Lever's Phone screen, and a move to
    // On-site interview in Lever is Spottabl's Interview.
    let job = jobs(&env).remove(0);
    let job_id = job["id"].as_str().unwrap().to_string();
    control(&env, "/_sandbox/spottabl/activate", &format!(r#"{{"jobId":"{job_id}"}}"#));
    let made = control(
        &env,
        "/_sandbox/spottabl/submissions",
        &format!(
            r#"{{"jobId":"{job_id}","candidate":{{"name":"Cy Diaz","emails":["cy.diaz@bluepeak.example"]}},"stageId":"stg_screened","partnerId":"ptn_bluepeak"}}"#
        ),
    );
    let cy_sub = made["data"]["id"].as_str().unwrap().to_string();
    let said = look_now(&env);
    assert!(said.contains("1 new partner candidate in Lever: Cy Diaz"), "{said}");
    let cy = opportunities_with(&env, "cy.diaz@bluepeak.example").remove(0);
    assert_eq!(cy["stage"], "phone-screen");
    assert_eq!(cy["sources"], serde_json::json!(["Spottabl", "Blue Peak Search"]));
    lever_write(
        &env,
        &format!("/v1/opportunities/{}/stage", cy["id"].as_str().unwrap()),
        r#"{"stage":"on-site"}"#,
    );
    let said = look_now(&env);
    assert!(said.contains("1 stage change into Spottabl."), "{said}");
    let sent = stage_updates(&env);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        (sent[0]["submissionId"].as_str(), sent[0]["stageId"].as_str()),
        (Some(cy_sub.as_str()), Some("stg_interview"))
    );
}

/// A posting's page in Lever, as the sandbox lists it.
fn posting_url(env: &Env, title: &str) -> (String, String) {
    let all = env.state()["postings"].as_array().cloned().unwrap_or_default();
    let p = all.iter().find(|p| p["text"] == title).unwrap_or_else(|| panic!("no posting {title}"));
    (p["id"].as_str().unwrap().to_string(), p["url"].as_str().unwrap().to_string())
}

#[test]
fn the_panel_on_a_lever_posting_shows_and_imports_its_spottabl_job() {
    let env = Env::start();
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY), ("perform_as", "ada@acme.example")]);
    let (id, url) = posting_url(&env, "Field Service Lead");
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.open_panel(&url);
    env.wait_text_contains("#spottabl-job-state", "Not imported");
    let said = env.text_of(".spottabl-here .muted");
    assert!(said.contains("Job states are never changed on either side"), "{said}");
    assert!(said.contains("added in Lever as ada@acme.example"), "{said}");
    assert!(jobs(&env).is_empty());

    // Spottabl down for every try: said in the panel, nothing made, and Import now stays.
    env.fault(r#"{"host":"api.spottabl.com","method":"POST","path":"/v1/jobs","status":503,"count":4}"#);
    env.click("#spottabl-import-here");
    let said = env.wait_text_contains("#spottabl-here-error", "Spottabl");
    assert!(said.contains("Field Service Lead: Spottabl had a problem on its side"), "{said}");
    assert!(jobs(&env).is_empty());

    env.click("#spottabl-import-here");
    env.wait_text_contains("#spottabl-job-state", "Draft");
    let made = jobs(&env);
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(
        (made[0]["title"].as_str(), made[0]["sourceId"].as_str(), made[0]["status"].as_str()),
        (Some("Field Service Lead"), Some(id.as_str()), Some("draft"))
    );
    let job = made[0]["id"].as_str().unwrap().to_string();
    let open = env.browser.find("#spottabl-open-job").unwrap();
    assert_eq!(
        env.browser.prop(&open, "href").unwrap().as_str(),
        Some(format!("https://app.spottabl.com/jobs/{job}").as_str())
    );

    // Activated in Spottabl: the panel says so when the page is opened again, and never
    // changes it.
    control(&env, "/_sandbox/spottabl/activate", &format!(r#"{{"jobId":"{job}"}}"#));
    env.open_panel(&url);
    env.wait_text_contains("#spottabl-job-state", "Active");
    assert!(!env.browser.displayed(&env.browser.find("#spottabl-import-here").unwrap()).unwrap());

    // A posting that isn't published is not imported, and the panel says why.
    let (_, draft) = posting_url(&env, "Sales Engineer");
    env.open_panel(&draft);
    env.wait_text_contains("#spottabl-job-state", "Not imported");
    env.click("#spottabl-import-here");
    let said = env.wait_text_contains("#spottabl-here-error", "published");
    assert!(said.contains("This posting isn't published in Lever"), "{said}");
    assert_eq!(jobs(&env).len(), 1);
}

/// The Spottabl comments on a submission, as (author type, body).
fn thread_of(env: &Env, submission: &str) -> Vec<(String, String)> {
    let subs = env.state()["spottabl"]["submissions"].as_array().cloned().unwrap();
    let s = subs.iter().find(|s| s["id"] == submission).unwrap();
    s["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["author"]["type"].as_str().unwrap().into(), c["body"].as_str().unwrap().into()))
        .collect()
}

fn lever_notes_on(env: &Env, opportunity: &str) -> Vec<String> {
    let notes = env.state()["lever"]["notes"].as_array().cloned().unwrap_or_default();
    notes
        .iter()
        .filter(|n| n["opportunityId"] == opportunity)
        .filter_map(|n| n["text"].as_str().map(String::from))
        .collect()
}

#[test]
fn the_panel_on_a_partners_candidate_shows_the_thread_and_sends_each_reply_once() {
    let env = Env::start();
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY), ("perform_as", "ada@acme.example")]);
    import(&env, "1");
    let job_id = jobs(&env)[0]["id"].as_str().unwrap().to_string();
    control(&env, "/_sandbox/spottabl/activate", &format!(r#"{{"jobId":"{job_id}"}}"#));
    let made = control(
        &env,
        "/_sandbox/spottabl/submissions",
        &format!(
            r#"{{"jobId":"{job_id}","candidate":{{"name":"Ann Lee","emails":["ann.lee@northwind.example"]}},
                "comments":["<img src=x onerror=alert(1)> Strong on field robotics."]}}"#
        ),
    );
    let sub = made["data"]["id"].as_str().unwrap().to_string();
    env.alarm_now("spottabl");
    let ann = env.wait("Ann in Lever", |_| opportunities_with(&env, "ann.lee@northwind.example").pop());
    let ann_id = ann["id"].as_str().unwrap().to_string();
    let page = format!("https://hire.lever.co/candidates/{ann_id}");
    // The look that made her has kept its link once a look asked for now has ended.
    look_now(&env);

    env.open_panel(&page);
    env.wait_text_contains("#spottabl-thread-title", "Spottabl: from Northwind Talent");
    // The partner's words are shown as text, never as markup.
    let shown = env.wait_text_contains("#spottabl-thread", "Strong on field robotics.");
    assert!(shown.contains("<img src=x onerror=alert(1)>"), "{shown}");
    assert!(env.browser.find("#spottabl-thread img").is_err());

    // Spottabl down: the reply is a Lever note at once, said so, and the look sends it, once.
    env.fault(&format!(
        r#"{{"host":"api.spottabl.com","method":"POST","path":"/v1/submissions/{sub}/comments","status":503,"count":4}}"#
    ));
    env.fill("#spottabl-reply", "Can she start in May?");
    env.click("#spottabl-reply-send");
    let said = env.wait_text_contains("#spottabl-thread-said", "gets it with the next look");
    assert!(said.contains("Your reply is a note in Lever; Spottabl didn't take it yet"), "{said}");
    assert_eq!(env.browser.prop(&env.browser.find("#spottabl-reply").unwrap(), "value").unwrap(), "");
    assert!(lever_notes_on(&env, &ann_id).contains(&"Can she start in May?".to_string()));
    assert!(!thread_of(&env, &sub).iter().any(|(_, b)| b == "Can she start in May?"));
    look_now(&env);
    look_now(&env);
    let replies = |env: &Env, text: &str| thread_of(env, &sub).iter().filter(|(_, b)| b == text).count();
    assert_eq!(replies(&env, "Can she start in May?"), 1);

    // Spottabl up: the reply is in both at once, and shows in the thread; nothing echoes.
    env.open_panel(&page);
    env.wait_text_contains("#spottabl-thread", "Can she start in May?");
    env.fill("#spottabl-reply", "Thanks, we'll call her Tuesday.");
    env.click("#spottabl-reply-send");
    env.wait_text_contains("#spottabl-thread", "Thanks, we'll call her Tuesday.");
    assert_eq!(
        thread_of(&env, &sub).last().unwrap(),
        &("client".to_string(), "Thanks, we'll call her Tuesday.".to_string())
    );
    look_now(&env);
    assert_eq!(replies(&env, "Thanks, we'll call her Tuesday."), 1);
    let notes = lever_notes_on(&env, &ann_id);
    assert_eq!(notes.iter().filter(|n| *n == "Thanks, we'll call her Tuesday.").count(), 1, "{notes:?}");
    assert_eq!(notes.iter().filter(|n| *n == "Can she start in May?").count(), 1, "{notes:?}");
}

const BEN: &str = "0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e02";

fn shown(env: &Env, css: &str) -> bool {
    env.browser.find(css).ok().and_then(|e| env.browser.displayed(&e).ok()).unwrap_or(false)
}

/// The texts of the Lever user picker's options, once Lever's users are in it.
fn user_options(env: &Env) -> Vec<String> {
    env.wait("Lever's users in the picker", |b| {
        let o = b.find_all("#lever-user option").ok()?;
        (o.len() > 1).then(|| o.iter().map(|e| b.text(e).unwrap_or_default()).collect())
    })
}

#[test]
fn the_lever_user_partner_candidates_are_added_as_is_picked_from_levers_users() {
    let env = Env::start();
    env.add_account("spottabl", "Acme", &[("api_key", SPOTTABL_KEY)]);
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY)]);
    env.browser.goto(&ext_url("spottabl.html"));
    env.wait_text_contains("#spottabl-connection", "until you pick the Lever user to add them as");
    assert_eq!(
        user_options(&env),
        ["Choose a Lever user", "Ada Recruiter (ada@acme.example)", "Ben Hiring (ben@acme.example)"],
        "Lever's active users (Cleo is deactivated), none picked for the recruiter"
    );
    env.click("#lever-user-save");
    assert_eq!(env.text_of("#lever-user-error"), "Choose the Lever user first.");

    env.select("#lever-user", BEN);
    env.click("#lever-user-save");
    let said = env.wait_text_contains("#lever-user-status", "Saved");
    assert!(said.contains("added in Lever by Ben Hiring (ben@acme.example)."), "{said}");
    env.wait_text_contains("#spottabl-connection", "added by the Lever user Ben Hiring (ben@acme.example)");
    assert_eq!(
        env.browser.find("#lever-user-error").ok().and_then(|e| env.browser.text(&e).ok()),
        Some(String::new())
    );

    // Opened again, the page shows the one picked; the options page names them on the account.
    env.browser.goto(&ext_url("spottabl.html"));
    user_options(&env);
    let picked = env.wait("Ben picked", |b| {
        let v = b.find("#lever-user").ok().and_then(|e| b.prop(&e, "value").ok())?;
        (v == BEN).then_some(v)
    });
    assert_eq!(picked, BEN);
    env.browser.goto(&ext_url("options.html"));
    env.wait_text_contains("#accounts-lever", "notes written as Ben Hiring (ben@acme.example)");

    // A partner candidate is then made in Lever as Ben.
    import(&env, "1");
    let job_id = jobs(&env)[0]["id"].as_str().unwrap().to_string();
    control(&env, "/_sandbox/spottabl/activate", &format!(r#"{{"jobId":"{job_id}"}}"#));
    control(
        &env,
        "/_sandbox/spottabl/submissions",
        &format!(
            r#"{{"jobId":"{job_id}","candidate":{{"name":"Cy Park","emails":["cy.park@northwind.example"]}}}}"#
        ),
    );
    look_now(&env);
    assert_eq!(opportunities_with(&env, "cy.park@northwind.example").len(), 1);
    let writes = env.state()["lever"]["writes"].as_array().cloned().unwrap_or_default();
    let made: Vec<&Value> =
        writes.iter().filter(|w| w["method"] == "POST" && w["path"] == "/v1/opportunities").collect();
    assert_eq!(made.len(), 1, "{made:#?}");
    assert_eq!(made[0]["perform_as"], BEN);

    // When Lever can't list its users (a first try and three more), the page says so, the
    // account keeps its user, and the list can be asked for again.
    env.fault(r#"{"host":"api.lever.co","method":"GET","path":"/v1/users","status":503,"count":4}"#);
    env.browser.goto(&ext_url("spottabl.html"));
    env.wait_text_contains(
        "#lever-user-error",
        "Lever's users couldn't be read: Lever had a problem on its side",
    );
    env.wait_text_contains("#spottabl-connection", "added by the Lever user Ben Hiring (ben@acme.example)");
    assert!(!shown(&env, "#lever-user-form"), "no picker without Lever's list");
    env.click("#lever-user-retry");
    assert_eq!(user_options(&env).len(), 3);
    assert_eq!(
        env.browser.find("#lever-user-error").ok().and_then(|e| env.browser.text(&e).ok()),
        Some(String::new())
    );
    assert!(!shown(&env, "#lever-user-retry"));
    assert!(shown(&env, "#lever-user-form"));
}

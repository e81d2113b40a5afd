//! End-to-end tests over HTTPS against in-process sandboxes (one per test,
//! running in parallel, each with its own state).

use sandbox::client::{self, basic_auth, send};
use serde_json::{json, Value};

const ADA: &str = "sh_demo_ada_7Kq2";
const LEVER: &str = "lv_demo_9fQx";
const SH: &str = "api.sparkhire.com";
const JOB_BACKEND: &str = "1f0b0001-5e1e-4c7a-9b2d-000000000001";
const QS_ENGINEERING: &str = "95e70001-3c1d-4f2a-8e4b-000000000001";
const GRACE_INTERVIEW: &str = "1e7e0001-6a2b-4c3d-8e4f-000000000001";
const GRACE_OPP: &str = "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b";

fn start() -> sandbox::Handle {
    sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts")
}

fn sh(port: u16, method: &str, path: &str, body: Option<&str>) -> client::Response {
    let auth = basic_auth(ADA);
    send(port, SH, method, path, &[("Authorization", &auth)], body).expect("request")
}

fn interview_body(email: &str, deadline: &str) -> String {
    json!({
        "type": "one_way",
        "scheduled_at": deadline,
        "assigned_to": [{"name": "Alan Turing", "email": email}],
        "email_message": "Please record your answers.",
        "job_post": {"uuid": JOB_BACKEND},
        "interview_question_set": QS_ENGINEERING,
        "timezone": "Europe/London"
    })
    .to_string()
}

const FUTURE: &str = "2099-01-01T12:00:00+00:00";

#[test]
fn state_and_reset_round_trip() {
    let sb = start();
    let st = client::state(sb.port);
    for key in ["interviews", "share_links", "jobs", "question_sets", "opportunities", "requests", "config"] {
        assert!(!st[key].is_null(), "state lacks {key}");
    }
    assert_eq!(st["interviews"].as_array().unwrap().len(), 1);
    assert_eq!(st["jobs"].as_array().unwrap().len(), 3);
    assert_eq!(st["question_sets"].as_array().unwrap().len(), 3);
    assert_eq!(st["opportunities"].as_array().unwrap().len(), 30);
    assert_eq!(st["config"]["sparkhire_rate_per_minute"], 400);

    let r = sh(sb.port, "POST", "/v1.0/interviews", Some(&interview_body("alan.turing@example.com", FUTURE)));
    assert_eq!(r.status, 201, "{}", r.body);
    client::set_config(sb.port, r#"{"sparkhire_rate_per_minute": 5}"#);
    client::push_fault(
        sb.port,
        r#"{"host":"api.sparkhire.com","method":"GET","path":"/v1.0/jobs","status":500}"#,
    );
    let st = client::state(sb.port);
    assert_eq!(st["interviews"].as_array().unwrap().len(), 2);
    assert_eq!(st["requests"].as_array().unwrap().len(), 1);
    assert_eq!(
        st["requests"][0],
        json!({"host": SH, "method": "POST", "path": "/v1.0/interviews", "query": "", "status": 201, "http": "http/1.1"})
    );
    assert_eq!(st["config"]["sparkhire_rate_per_minute"], 5);
    assert_eq!(st["faults"].as_array().unwrap().len(), 1);

    client::reset(sb.port);
    let st = client::state(sb.port);
    assert_eq!(st["interviews"].as_array().unwrap().len(), 1);
    assert_eq!(st["requests"].as_array().unwrap().len(), 0);
    assert_eq!(st["faults"].as_array().unwrap().len(), 0);
    assert_eq!(st["config"]["sparkhire_rate_per_minute"], 400);
    assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).status, 200);
}

#[test]
fn instances_have_independent_state() {
    let a = start();
    let b = start();
    assert_ne!(a.port, b.port);
    let r = sh(a.port, "POST", "/v1.0/interviews", Some(&interview_body("x@example.com", FUTURE)));
    assert_eq!(r.status, 201);
    assert_eq!(client::state(a.port)["interviews"].as_array().unwrap().len(), 2);
    assert_eq!(client::state(b.port)["interviews"].as_array().unwrap().len(), 1);
    assert_eq!(a.snapshot()["interviews"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_or_missing_key_is_401() {
    let sb = start();
    let r = send(sb.port, SH, "GET", "/v1.0/jobs", &[], None).unwrap();
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), json!({"reason": "Invalid API key"}));
    assert_eq!(r.header("access-control-allow-origin"), None);
    let wrong = basic_auth("sh_nope");
    let r = send(sb.port, SH, "GET", "/v1.0/me", &[("Authorization", &wrong)], None).unwrap();
    assert_eq!(r.status, 401);
    let r = send(sb.port, "api.lever.co", "GET", "/v1/stages", &[("Authorization", &basic_auth(ADA))], None)
        .unwrap();
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["code"], "UnauthorizedError");
    // the second demo key works
    let ben = basic_auth("sh_demo_ben_3Lm8");
    let r = send(sb.port, SH, "GET", "/v1.0/me", &[("Authorization", &ben)], None).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["email"], "ben@acme.example");
    assert_eq!(r.json()["company"]["name"], "Acme Robotics");
}

#[test]
fn api_hosts_send_no_cors_headers_so_a_page_cannot_call_them() {
    let sb = start();
    for host in [SH, "api.lever.co", "api.smartrecruiters.com"] {
        let pre = send(
            sb.port,
            host,
            "OPTIONS",
            "/v1.0/interviews",
            &[("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")],
            None,
        )
        .unwrap();
        assert_eq!(pre.status, 405, "{host}");
        assert_eq!(pre.header("access-control-allow-origin"), None, "{host}");
        let r = send(sb.port, host, "GET", "/v1.0/me", &[("Origin", "https://evil.example")], None).unwrap();
        assert_eq!(r.header("access-control-allow-origin"), None, "{host}");
    }
}

#[test]
fn vendors_answer_after_a_jittered_latency_by_default() {
    // The extension's tests meet this profile; only these sandbox tests start without it.
    let sb = sandbox::start("127.0.0.1:0", None).unwrap();
    let config = sandbox::client::config(sb.port);
    assert_eq!((config["latency_ms"].as_u64(), config["latency_jitter_ms"].as_u64()), (Some(300), Some(100)));
    let mut took = vec![];
    for _ in 0..6 {
        let t = std::time::Instant::now();
        sh(sb.port, "GET", "/v1.0/me", None);
        took.push(t.elapsed().as_millis());
    }
    assert!(took.iter().all(|ms| (200..1_000).contains(ms)), "{took:?}");
    assert!(took.iter().any(|ms| *ms != took[0] && ms.abs_diff(took[0]) > 5), "jittered: {took:?}");
    // A page of the ATS is not across the internet.
    let t = std::time::Instant::now();
    send(sb.port, "hire.lever.co", "GET", "/", &[], None).unwrap();
    assert!(t.elapsed().as_millis() < 200);
}

#[test]
fn lists_jobs_question_sets_and_me() {
    let sb = start();
    let jobs = sh(sb.port, "GET", "/v1.0/jobs", None).json();
    let titles: Vec<&str> = jobs.as_array().unwrap().iter().map(|j| j["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Senior Backend Engineer", "Customer Success Manager", "Field Robotics Technician"]);
    assert_eq!(jobs[0]["location"]["formatted_address"], "Berlin, Germany");
    assert_eq!(jobs[0]["status"], "open");
    let sets = sh(sb.port, "GET", "/v1.0/question_sets", None).json();
    assert_eq!(sets[2]["name"], "Culture and motivation");
    assert_eq!(sets[2]["type"], "one_way");
    let me = sh(sb.port, "GET", "/v1.0/me", None).json();
    assert_eq!(me["name"], "Ada Recruiter");
    assert_eq!(me["email"], "ada@acme.example");

    let r = sh(
        sb.port,
        "POST",
        "/v1.0/jobs",
        Some(r#"{"title":"QA Lead","location":"Paris, France","description":"d"}"#),
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["location"]["formatted_address"], "Paris, France");
    assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).json().as_array().unwrap().len(), 4);
    let r = sh(
        sb.port,
        "POST",
        "/v1.0/jobs",
        Some(r#"{"title":"QA Lead","location":{"formatted_address":"Paris"}}"#),
    );
    assert_eq!((r.status, r.json()["reason"].as_str()), (422, Some("location must be a string")));
    let r = sh(sb.port, "POST", "/v1.0/jobs", Some(r#"{"title":"QA Lead","owner":"me"}"#));
    assert_eq!((r.status, r.json()["reason"].as_str()), (422, Some("Unknown field: owner")));
    assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).json().as_array().unwrap().len(), 4);
}

#[test]
fn create_interview_stores_received_body() {
    let sb = start();
    let body = interview_body("alan.turing@example.com", FUTURE);
    let r = sh(sb.port, "POST", "/v1.0/interviews", Some(&body));
    assert_eq!(r.status, 201, "{}", r.body);
    let created = r.json();
    assert_eq!(created["status"], "invited");
    assert_eq!(created["type"], "one_way");
    assert_eq!(created["assigned_to"]["email"], "alan.turing@example.com");
    assert_eq!(created["assigned_to"]["first_name"], "Alan");
    assert_eq!(created["job_post"]["title"], "Senior Backend Engineer");
    assert_eq!(created["created_by"]["email"], "ada@acme.example");
    assert_eq!(created["scheduled_at"], "2099-01-01T12:00:00+00:00");
    assert_eq!(created["completed_at"], Value::Null);
    assert_eq!(created["share_link"], Value::Null);
    let uuid = created["uuid"].as_str().unwrap().to_string();

    let st = client::state(sb.port);
    let stored = st["interviews"].as_array().unwrap().iter().find(|i| i["uuid"] == uuid.as_str()).unwrap();
    let sent: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stored["received"], sent);

    let got = sh(sb.port, "GET", &format!("/v1.0/interviews/{uuid}"), None);
    assert_eq!(got.status, 200);
    assert_eq!(got.json()["uuid"], uuid.as_str());
    assert_eq!(sh(sb.port, "GET", "/v1.0/interviews/nope", None).status, 404);

    // newest first, filters
    let list = sh(sb.port, "GET", "/v1.0/interviews", None).json();
    assert_eq!(list[0]["uuid"], uuid.as_str());
    assert_eq!(list[1]["uuid"], GRACE_INTERVIEW);
    let f = sh(sb.port, "GET", &format!("/v1.0/interviews?job%5Buuid%5D=1f0b0002-5e1e-4c7a-9b2d-000000000002,{JOB_BACKEND}&status[]=completed"), None).json();
    assert_eq!(f.as_array().unwrap().len(), 1);
    assert_eq!(f[0]["uuid"], GRACE_INTERVIEW);
    let none =
        sh(sb.port, "GET", "/v1.0/interviews?job[uuid]=1f0b0003-5e1e-4c7a-9b2d-000000000003", None).json();
    assert_eq!(none, json!([]));
    let live = sh(sb.port, "GET", "/v1.0/interviews?type[]=live", None).json();
    assert_eq!(live, json!([]));
}

#[test]
fn create_interview_one_per_candidate() {
    let sb = start();
    let body = json!({
        "type": "one_way", "scheduled_at": FUTURE,
        "assigned_to": [{"name": "A One", "email": "a@example.com"}, {"name": "B Two", "email": "b@example.com"}],
        "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING,
    });
    let r = sh(sb.port, "POST", "/v1.0/interviews", Some(&body.to_string()));
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["assigned_to"]["email"], "a@example.com");
    assert_eq!(client::state(sb.port)["interviews"].as_array().unwrap().len(), 3);
}

#[test]
fn create_interview_validation() {
    let sb = start();
    let cases = [
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": {"uuid": "unknown"}, "interview_question_set": QS_ENGINEERING}),
            "Job not found",
        ),
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": "unknown"}),
            "Question set not found",
        ),
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"name": "A", "email": "not-an-email"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING}),
            "Invalid email address: not-an-email",
        ),
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"name": "A"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING}),
            "Candidate email is required",
        ),
        (
            json!({"type": "one_way", "scheduled_at": "2001-01-01T00:00:00+00:00", "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING}),
            "Deadline must be in the future",
        ),
        (
            json!({"type": "video", "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING}),
            "Invalid interview type",
        ),
        // Strict [model] bodies: what a looser API would have taken is refused with a reason.
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING, "extra": {"kept": true}}),
            "Unknown field: extra",
        ),
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": JOB_BACKEND, "interview_question_set": QS_ENGINEERING}),
            "job_post must be an object {\"uuid\": ...}",
        ),
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"email": "a@example.com"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING}),
            "assigned_to must be an array of {\"name\", \"email\"} with a name",
        ),
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": {"name": "A", "email": "a@example.com"},
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING}),
            "assigned_to must be an array of {\"name\", \"email\"} with a name",
        ),
        (
            json!({"type": "one_way", "scheduled_at": "2099-01-01", "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": QS_ENGINEERING}),
            "scheduled_at must be an ISO 8601 date and time with an offset",
        ),
        (
            json!({"type": "one_way", "scheduled_at": FUTURE, "assigned_to": [{"name": "A", "email": "a@example.com"}],
                "job_post": {"uuid": JOB_BACKEND}, "interview_question_set": {"uuid": QS_ENGINEERING}}),
            "interview_question_set must be a string",
        ),
    ];
    for (body, reason) in cases {
        let r = sh(sb.port, "POST", "/v1.0/interviews", Some(&body.to_string()));
        assert_eq!(r.status, 422, "{body}: {}", r.body);
        assert_eq!(r.json()["reason"], reason);
    }
    assert_eq!(sh(sb.port, "POST", "/v1.0/interviews", Some("{not json")).status, 400);
    assert_eq!(client::state(sb.port)["interviews"].as_array().unwrap().len(), 1);
}

#[test]
fn fault_before_skips_processing() {
    let sb = start();
    client::push_fault(
        sb.port,
        r#"{"host":"api.sparkhire.com","method":"POST","path":"/v1.0/interviews","status":429,"mode":"before","retry_after":2,"count":1}"#,
    );
    let body = interview_body("alan.turing@example.com", FUTURE);
    let r = sh(sb.port, "POST", "/v1.0/interviews?x=1", Some(&body));
    assert_eq!(r.status, 429);
    assert_eq!(r.header("X-Rate-Limit-Try-Again-Seconds"), Some("2"));
    assert_eq!(r.json(), json!({"reason": "Too many requests"}));
    assert_eq!(client::state(sb.port)["interviews"].as_array().unwrap().len(), 1);
    // the queue is used up: the retry goes through
    let r = sh(sb.port, "POST", "/v1.0/interviews", Some(&body));
    assert_eq!(r.status, 201);
    let st = client::state(sb.port);
    assert_eq!(st["interviews"].as_array().unwrap().len(), 2);
    let statuses: Vec<u64> =
        st["requests"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [429, 201]);
}

#[test]
fn fault_after_processes_then_fails() {
    let sb = start();
    client::push_fault(
        sb.port,
        r#"{"host":"api.sparkhire.com","method":"POST","path":"/v1.0/interviews","status":500,"mode":"after"}"#,
    );
    let r = sh(sb.port, "POST", "/v1.0/interviews", Some(&interview_body("alan.turing@example.com", FUTURE)));
    assert_eq!(r.status, 500);
    assert!(r.json()["reason"].is_string());
    // created all the same
    assert_eq!(client::state(sb.port)["interviews"].as_array().unwrap().len(), 2);
}

#[test]
fn faults_queue_in_order_and_status_zero_closes() {
    let sb = start();
    client::push_fault(
        sb.port,
        r#"{"host":"api.sparkhire.com","method":"GET","path":"/v1.0/jobs","status":0,"mode":"before"}"#,
    );
    client::push_fault(
        sb.port,
        r#"{"host":"api.sparkhire.com","method":"GET","path":"/v1.0/jobs","status":503,"count":2}"#,
    );
    let auth = basic_auth(ADA);
    let first = send(sb.port, SH, "GET", "/v1.0/jobs", &[("Authorization", &auth)], None);
    assert!(first.is_err(), "status 0 must close without answer: {first:?}");
    assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).status, 503);
    assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).status, 503);
    assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).status, 200);

    // status 0 after: processed, then closed
    client::push_fault(
        sb.port,
        r#"{"host":"api.sparkhire.com","method":"POST","path":"/v1.0/interviews","status":0,"mode":"after"}"#,
    );
    let body = interview_body("alan.turing@example.com", FUTURE);
    assert!(send(sb.port, SH, "POST", "/v1.0/interviews", &[("Authorization", &auth)], Some(&body)).is_err());
    let st = client::state(sb.port);
    assert_eq!(st["interviews"].as_array().unwrap().len(), 2);
    let logged: Vec<u64> =
        st["requests"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(logged, [0, 503, 503, 200, 0]);
}

#[test]
fn rate_limit_returns_429_with_header() {
    let sb = start();
    client::set_config(sb.port, r#"{"sparkhire_rate_per_minute":3}"#);
    for _ in 0..3 {
        assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).status, 200);
    }
    let r = sh(sb.port, "POST", "/v1.0/interviews", Some(&interview_body("alan.turing@example.com", FUTURE)));
    assert_eq!(r.status, 429);
    assert_eq!(r.json(), json!({"reason": "Rate limit exceeded"}));
    let secs: u64 = r.header("X-Rate-Limit-Try-Again-Seconds").expect("retry header").parse().unwrap();
    assert!((1..=60).contains(&secs), "{secs}");
    // not processed
    assert_eq!(client::state(sb.port)["interviews"].as_array().unwrap().len(), 1);
    // the limit is per key
    let ben = basic_auth("sh_demo_ben_3Lm8");
    assert_eq!(send(sb.port, SH, "GET", "/v1.0/jobs", &[("Authorization", &ben)], None).unwrap().status, 200);
    // reset clears the window
    client::reset(sb.port);
    assert_eq!(sh(sb.port, "GET", "/v1.0/jobs", None).status, 200);
}

#[test]
fn share_link_is_idempotent() {
    let sb = start();
    let path = format!("/v1.0/interviews/{GRACE_INTERVIEW}/share_link");
    assert_eq!(sh(sb.port, "GET", &path, None).status, 404);
    let a = sh(sb.port, "POST", &path, None);
    assert!(a.status == 200 || a.status == 201, "{}", a.status);
    let a = a.json();
    let link_uuid = a["uuid"].as_str().unwrap().to_string();
    assert_eq!(a["url"], format!("https://app.sparkhire.com/share/{link_uuid}").as_str());
    assert_eq!(a["status"], "active");
    let b = sh(sb.port, "POST", &path, None);
    assert_eq!(b.status, 200);
    assert_eq!(b.json(), a);
    assert_eq!(sh(sb.port, "GET", &path, None).json(), a);
    let interview = sh(sb.port, "GET", &format!("/v1.0/interviews/{GRACE_INTERVIEW}"), None).json();
    assert_eq!(interview["share_link"], a);
    let st = client::state(sb.port);
    assert_eq!(st["share_links"].as_array().unwrap().len(), 1);
    assert_eq!(st["share_links"][0]["interview_uuid"], GRACE_INTERVIEW);
    assert_eq!(sh(sb.port, "POST", "/v1.0/interviews/nope/share_link", None).status, 404);

    // the public share page, no login
    let page = send(sb.port, "app.sparkhire.com", "GET", &format!("/share/{link_uuid}"), &[], None).unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<title>Shared interview – Spark Hire</title>"));
    assert!(page.body.contains("<h1 id=\"share-candidate\">Grace Hopper</h1>"));
    assert!(page.body.contains("Senior Backend Engineer"));
    assert!(page.body.contains("<video"));
    let missing = send(sb.port, "app.sparkhire.com", "GET", "/share/nope", &[], None).unwrap();
    assert_eq!(missing.status, 404);
    let watch = send(
        sb.port,
        "app.sparkhire.com",
        "GET",
        &format!("/company/interviews/{GRACE_INTERVIEW}/watch"),
        &[],
        None,
    )
    .unwrap();
    assert_eq!(watch.status, 200);
    assert!(watch.body.contains("<h1>Log in to Spark Hire</h1>"));
}

#[test]
fn lever_opportunity_json() {
    let sb = start();
    let auth = basic_auth(LEVER);
    let r = send(
        sb.port,
        "api.lever.co",
        "GET",
        &format!("/v1/opportunities/{GRACE_OPP}"),
        &[("Authorization", &auth)],
        None,
    )
    .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let d = &r.json()["data"];
    assert_eq!(d["id"], GRACE_OPP);
    assert_eq!(d["name"], "Grace Hopper");
    assert_eq!(d["emails"], json!(["grace.hopper@example.com"]));
    assert_eq!(d["stage"], "phone-screen");
    assert_eq!(d["tags"], json!([]));
    assert!(d["contact"].is_string());
    assert!(d["phones"][0]["type"].is_string() && d["phones"][0]["value"].is_string());
    assert_eq!(d["urls"]["show"], format!("https://hire.lever.co/candidates/{GRACE_OPP}").as_str());
    let missing =
        send(sb.port, "api.lever.co", "GET", "/v1/opportunities/nope", &[("Authorization", &auth)], None)
            .unwrap();
    assert_eq!(missing.status, 404);
    let stages =
        send(sb.port, "api.lever.co", "GET", "/v1/stages", &[("Authorization", &auth)], None).unwrap().json();
    assert_eq!(stages["hasNext"], false);
    let ids: Vec<&str> =
        stages["data"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["lead-new", "applicant-new", "phone-screen", "on-site", "offer"]);
    let by_email = send(
        sb.port,
        "api.lever.co",
        "GET",
        "/v1/opportunities?email=alan.turing%40example.com",
        &[("Authorization", &auth)],
        None,
    )
    .unwrap()
    .json();
    assert_eq!(by_email["data"].as_array().unwrap().len(), 1);
    assert_eq!(by_email["data"][0]["name"], "Alan Turing");
}

#[test]
fn lever_page_and_csp_header() {
    let sb = start();
    let r = send(sb.port, "hire.lever.co", "GET", &format!("/candidates/{GRACE_OPP}"), &[], None).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-security-policy"), None);
    let b = &r.body;
    assert!(b.contains("<header class=\"lever-topbar\">"));
    assert!(b.contains("<h2 class=\"candidate-name\">Grace Hopper</h2>"));
    assert!(b.contains(
        "<a class=\"candidate-email\" href=\"mailto:grace.hopper@example.com\">grace.hopper@example.com</a>"
    ));
    assert!(b.contains("<span class=\"candidate-stage\">Phone screen</span>"));
    assert!(b.contains("<a class=\"candidate-link\" href=\"/candidates/8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6\">Alan Turing</a>"));
    assert!(!b.contains(&format!("class=\"candidate-link\" href=\"/candidates/{GRACE_OPP}\"")));
    assert!(b.contains("<script src=\"/static/lever-app.js\""));
    assert!(b.contains("id=\"lever-data\""));
    assert!(!b.contains(" onclick=") && !b.contains(" style="));

    let strict =
        send(sb.port, "hire.lever.co", "GET", &format!("/candidates/{GRACE_OPP}?csp=strict"), &[], None)
            .unwrap();
    assert_eq!(strict.status, 200);
    assert_eq!(strict.header("content-security-policy"), Some("script-src 'self'; frame-src 'none'"));

    let js = send(sb.port, "hire.lever.co", "GET", "/static/lever-app.js", &[], None).unwrap();
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
    assert!(js.body.contains("pushState") && js.body.contains("popstate"));
    let css = send(sb.port, "hire.lever.co", "GET", "/static/lever-app.css", &[], None).unwrap();
    assert!(css.header("content-type").unwrap().starts_with("text/css"));

    let index = send(sb.port, "hire.lever.co", "GET", "/", &[], None).unwrap();
    assert_eq!(index.status, 200);
    assert!(index.body.contains("Katherine Johnson"));
    let missing = send(sb.port, "hire.lever.co", "GET", "/candidates/nope", &[], None).unwrap();
    assert_eq!(missing.status, 404);
}

#[test]
fn html_is_escaped() {
    let seed_json = include_str!("evil-seed.json");
    let seed: sandbox::Seed = serde_json::from_str(seed_json).unwrap();
    let sb = sandbox::start_fast("127.0.0.1:0", Some(seed)).unwrap();
    let page = send(sb.port, "hire.lever.co", "GET", "/candidates/evil-1", &[], None).unwrap();
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<img src=x"), "{}", page.body);
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.body.contains("</script><script>"));
    assert!(page.body.contains("\\u003c/script\\u003e"));
    let data_start = page.body.find("id=\"lever-data\">").unwrap();
    let data_end = page.body[data_start..].find("</script>").unwrap() + data_start;
    let embedded = &page.body[data_start + "id=\"lever-data\">".len()..data_end];
    let parsed: Value = serde_json::from_str(embedded).unwrap();
    assert_eq!(parsed[0]["name"], "<img src=x onerror=alert(1)>");

    let auth = basic_auth("sh_evil");
    let link = send(
        sb.port,
        SH,
        "POST",
        "/v1.0/interviews/11111111-1111-4111-8111-111111111111/share_link",
        &[("Authorization", &auth)],
        None,
    )
    .unwrap()
    .json();
    let share = send(
        sb.port,
        "app.sparkhire.com",
        "GET",
        &format!("/share/{}", link["uuid"].as_str().unwrap()),
        &[],
        None,
    )
    .unwrap();
    assert!(
        share.body.contains("<h1 id=\"share-candidate\">&lt;b&gt;Bob&lt;/b&gt; &amp; &quot;Co&quot;</h1>"),
        "{}",
        share.body
    );
    assert!(share.body.contains("Job &lt;script&gt;"));
}

#[test]
fn seed_from_custom_json_and_bad_seed_rejected() {
    let mut seed = sandbox::Seed::demo();
    seed.interviews[0].job_uuid = "missing".into();
    let err = sandbox::start_fast("127.0.0.1:0", Some(seed)).err().expect("bad seed refused");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn shutdown_stops_listening() {
    let sb = start();
    let port = sb.port;
    assert_eq!(client::state(port)["jobs"].as_array().unwrap().len(), 3);
    sb.shutdown();
    assert!(send(port, SH, "GET", "/_sandbox/state", &[], None).is_err());
}

#[test]
fn control_endpoints_answer_only_on_the_api_hosts() {
    let sb = start();
    for host in ["api.sparkhire.com", "api.lever.co", "api.eu.lever.co", "api.smartrecruiters.com"] {
        let r = send(sb.port, host, "GET", "/_sandbox/state", &[], None).unwrap();
        assert_eq!(r.status, 200, "{host}");
        assert!(r.json()["users"][0]["api_key"].is_string(), "{host}: the documented state");
        // Not readable from a page on another origin.
        assert_eq!(r.header("Access-Control-Allow-Origin"), None, "{host}");
    }
    let r =
        send(sb.port, "api.lever.co", "POST", "/_sandbox/faults", &[], Some("{\"status\":\"x\"}")).unwrap();
    assert_eq!(r.status, 400);

    // A page host, and anything not a vendor's API, is refused, for every control endpoint
    // and method, and nothing it asked for happens.
    let pages = [
        "hire.lever.co",
        "app.sparkhire.com",
        "acme.oorwin.com",
        "globex.oorwin.com",
        "bigbiller.topechelon.com",
        "www.smartrecruiters.com",
        "acme.dc4.pageuppeople.com",
        "www.tryhellohire.com",
        "localhost",
    ];
    for host in pages {
        for (method, path, body) in [
            ("POST", "/_sandbox/reset", None),
            ("GET", "/_sandbox/state", None),
            ("GET", "/_sandbox/config", None),
            ("OPTIONS", "/_sandbox/state", None),
            ("POST", "/_sandbox/config", Some("{\"latency_ms\":9}")),
            ("POST", "/_sandbox/faults", Some("{\"status\":500}")),
        ] {
            let r =
                send(sb.port, host, method, path, &[("Origin", &format!("https://{host}"))], body).unwrap();
            assert_eq!(r.status, 404, "{method} {path} on {host}");
            assert!(!r.body.contains("sh_demo_ada_7Kq2"), "{host}: {}", r.body);
            assert_eq!(r.header("Access-Control-Allow-Origin"), None, "{host}");
        }
    }
    let st = client::state(sb.port);
    assert_eq!(st["config"]["latency_ms"], 0, "a page host changed the config");
    assert_eq!(st["faults"], json!([]), "a page host queued a fault");
}

#[test]
fn interview_lists_come_a_page_at_a_time() {
    let sb = start();
    for n in 0..25 {
        let r = sh(
            sb.port,
            "POST",
            "/v1.0/interviews",
            Some(&interview_body(&format!("p{n}@example.com"), FUTURE)),
        );
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let count = |path: &str| {
        let r = sh(sb.port, "GET", path, None);
        assert_eq!(r.status, 200, "{}", r.body);
        serde_json::from_str::<Value>(&r.body).unwrap().as_array().unwrap().len()
    };
    // 26 in all (the seed's one and these): without a range, the first page only.
    assert_eq!(count("/v1.0/interviews"), 20);
    assert_eq!(count("/v1.0/interviews?range=21-40"), 6);
    assert_eq!(count("/v1.0/interviews?range=1-100"), 26);
    assert_eq!(count("/v1.0/interviews?range=11-12"), 2);
    assert_eq!(count("/v1.0/interviews?range=41-60"), 0);
}

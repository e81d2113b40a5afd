//! The modelled Spottabl API: key check, stages, jobs imported from Lever (409 on re-import),
//! activation, partner submissions with comments, events with cursors, stage changes and
//! comments from Lever made once however often they are sent.

use sandbox::client::{self, send, Response};
use serde_json::{json, Value};

const HOST: &str = "api.spottabl.com";
const KEY: &str = "sp_demo_key_6Lm";

fn start() -> sandbox::Handle {
    sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts")
}

fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Response {
    let auth = format!("Bearer {KEY}");
    let text = body.map(Value::to_string);
    send(port, HOST, method, path, &[("Authorization", &auth)], text.as_deref()).expect("request")
}

fn control(port: u16, what: &str, body: Value) -> Response {
    send(port, HOST, "POST", &format!("/_sandbox/spottabl/{what}"), &[], Some(&body.to_string())).unwrap()
}

fn import(port: u16, source_id: &str) -> Response {
    let job = json!({"source": "lever", "sourceId": source_id, "title": "Robotics Software Engineer",
                     "location": "Pittsburgh, PA", "description": "Motion planning."});
    call(port, "POST", "/v1/jobs", Some(&job))
}

/// An active job with one submission (two partner comments); returns (job id, submission id).
fn active_job_with_submission(port: u16) -> (String, String) {
    let job = import(port, "posting-1").json()["data"]["id"].as_str().unwrap().to_string();
    assert_eq!(control(port, "activate", json!({"jobId": job})).status, 200);
    let candidate = json!({"name": "Marie Curie", "emails": ["marie@example.com"], "phones": ["+33 1 00 00 00 00"], "links": []});
    let r = control(
        port,
        "submissions",
        json!({"jobId": job, "candidate": candidate, "comments": ["Strong", "Available in May"]}),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    (job, r.json()["data"]["id"].as_str().unwrap().to_string())
}

fn error_code(r: &Response) -> String {
    r.json()["error"]["code"].as_str().unwrap_or_default().to_string()
}

#[test]
fn the_key_is_checked_and_me_names_the_org() {
    let sb = start();
    let me = call(sb.port, "GET", "/v1/me", None);
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["data"]["orgName"], "Acme Robotics");
    assert_eq!(me.header("access-control-allow-origin"), None);
    for auth in ["Bearer nope", "sp_demo_key_6Lm", ""] {
        let r = send(sb.port, HOST, "GET", "/v1/me", &[("Authorization", auth)], None).unwrap();
        assert_eq!((r.status, error_code(&r)), (401, "unauthorized".into()), "{auth:?}");
        assert!(r.json()["error"]["message"].is_string());
    }
    let stages = call(sb.port, "GET", "/v1/stages", None).json()["data"].clone();
    let names: Vec<&str> = stages.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Sourced", "Screened", "Submitted", "Interview", "Offer", "Hired", "Rejected"]);
    assert_eq!(stages[5], json!({"id": "stg_hired", "name": "Hired", "position": 6, "kind": "hired"}));
    assert_eq!(call(sb.port, "GET", "/v1/nothing", None).status, 404);
}

#[test]
fn jobs_import_once_as_drafts_and_page_by_cursor() {
    let sb = start();
    let r = import(sb.port, "posting-1");
    assert_eq!(r.status, 201, "{}", r.body);
    let job = r.json()["data"].clone();
    assert_eq!((job["status"].as_str(), job["sourceId"].as_str()), (Some("draft"), Some("posting-1")));
    let again = import(sb.port, "posting-1");
    assert_eq!((again.status, error_code(&again)), (409, "job_exists".into()));
    assert_eq!(again.json()["error"]["existingId"], job["id"]);

    let bad = call(
        sb.port,
        "POST",
        "/v1/jobs",
        Some(&json!({"source": "greenhouse", "sourceId": "", "title": 3, "extra": 1})),
    );
    assert_eq!((bad.status, error_code(&bad)), (422, "validation_failed".into()));
    let fields: Vec<String> = bad.json()["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["extra", "source", "sourceId", "title"]);
    let garbage =
        send(sb.port, HOST, "POST", "/v1/jobs", &[("Authorization", &format!("Bearer {KEY}"))], Some("{"))
            .unwrap();
    assert_eq!((garbage.status, error_code(&garbage)), (400, "invalid_json".into()));

    for n in 2..=5 {
        assert_eq!(import(sb.port, &format!("posting-{n}")).status, 201);
    }
    let found = call(sb.port, "GET", "/v1/jobs?source=lever&sourceId=posting-3", None).json();
    assert_eq!(found["data"].as_array().unwrap().len(), 1);
    let mut seen = Vec::new();
    let mut path = "/v1/jobs?limit=2".to_string();
    loop {
        let page = call(sb.port, "GET", &path, None).json();
        seen.extend(
            page["data"].as_array().unwrap().iter().map(|j| j["sourceId"].as_str().unwrap().to_string()),
        );
        if page["hasMore"] == false {
            break;
        }
        path = format!("/v1/jobs?limit=2&after={}", page["nextCursor"].as_str().unwrap());
    }
    assert_eq!(seen, ["posting-1", "posting-2", "posting-3", "posting-4", "posting-5"]);
    let r = call(sb.port, "GET", "/v1/jobs?after=garbage", None);
    assert_eq!((r.status, error_code(&r)), (400, "invalid_cursor".into()));

    let id = job["id"].as_str().unwrap();
    let r = control(sb.port, "submissions", json!({"jobId": id, "candidate": {"name": "Too Early"}}));
    assert_eq!(r.status, 409, "partners only see active jobs");
    let active = control(sb.port, "activate", json!({"jobId": id})).json()["data"].clone();
    assert_eq!(active["status"], "active");
    assert_eq!(call(sb.port, "GET", &format!("/v1/jobs/{id}"), None).json()["data"]["status"], "active");
    assert_eq!(call(sb.port, "GET", "/v1/jobs/nope", None).status, 404);
    assert_eq!(client::state(sb.port)["spottabl"]["jobs"].as_array().unwrap().len(), 5);
}

#[test]
fn submissions_come_with_partner_and_comments_and_page_by_cursor() {
    let sb = start();
    let (job, sub) = active_job_with_submission(sb.port);
    let c2 = json!({"name": "Lise Meitner", "emails": ["lise@example.com"]});
    let r = control(
        sb.port,
        "submissions",
        json!({"jobId": job, "candidate": c2, "partnerId": "ptn_bluepeak", "stageId": "stg_screened"}),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let first = call(sb.port, "GET", &format!("/v1/jobs/{job}/submissions?limit=1"), None).json();
    assert_eq!(first["hasMore"], true);
    let s = &first["data"][0];
    assert_eq!(s["id"], sub.as_str());
    assert_eq!(s["partner"], json!({"id": "ptn_northwind", "name": "Northwind Talent"}));
    assert_eq!(s["candidate"]["emails"], json!(["marie@example.com"]));
    assert_eq!(s["stageId"], "stg_submitted");
    let comments = s["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["author"], json!({"type": "partner", "name": "Northwind Talent"}));
    let cursor = first["nextCursor"].as_str().unwrap();
    let second =
        call(sb.port, "GET", &format!("/v1/jobs/{job}/submissions?limit=1&after={cursor}"), None).json();
    assert_eq!(
        (second["hasMore"].clone(), second["data"][0]["partner"]["name"].clone()),
        (json!(false), json!("Blue Peak Search"))
    );
    let cursor = second["nextCursor"].as_str().unwrap();
    let empty = call(sb.port, "GET", &format!("/v1/jobs/{job}/submissions?after={cursor}"), None).json();
    assert_eq!(
        (empty["data"].clone(), empty["nextCursor"].as_str()),
        (json!([]), Some(cursor)),
        "a poller keeps its place"
    );
    let r = control(
        sb.port,
        "submissions",
        json!({"jobId": job, "candidate": {"name": "X", "email": "x@y.example"}}),
    );
    assert_eq!(r.status, 400, "control bodies are strict too");
}

#[test]
fn events_list_changes_made_in_spottabl_once_each() {
    let sb = start();
    let (_, sub) = active_job_with_submission(sb.port);
    let start = call(sb.port, "GET", "/v1/events", None).json();
    assert_eq!((start["data"].clone(), start["nextCursor"].clone()), (json!([]), Value::Null));
    let e = control(sb.port, "events", json!({"submissionId": sub, "stageId": "stg_interview"}));
    assert_eq!(e.status, 201);
    let hired = control(sb.port, "events", json!({"submissionId": sub, "stageId": "stg_hired"})).json()
        ["data"]
        .clone();
    assert_eq!(
        (hired["type"].as_str(), hired["fromStageId"].as_str()),
        (Some("hired"), Some("stg_interview"))
    );
    let page = call(sb.port, "GET", "/v1/events?limit=1", None).json();
    assert_eq!(page["data"][0]["type"], "stage_changed");
    assert_eq!(page["data"][0]["toStageId"], "stg_interview");
    let next =
        call(sb.port, "GET", &format!("/v1/events?after={}", page["nextCursor"].as_str().unwrap()), None)
            .json();
    assert_eq!(next["data"].as_array().unwrap().len(), 1);
    assert_eq!(next["data"][0]["id"], hired["id"]);
    assert_eq!(
        call(sb.port, "GET", &format!("/v1/submissions/{sub}"), None).json()["data"]["stageId"],
        "stg_hired"
    );
    assert_eq!(control(sb.port, "events", json!({"submissionId": sub, "stageId": "nope"})).status, 400);
}

#[test]
fn stage_changes_from_lever_apply_once_and_do_not_echo() {
    let sb = start();
    let (_, sub) = active_job_with_submission(sb.port);
    let path = format!("/v1/submissions/{sub}/stage");
    let change = json!({"stageId": "stg_offer", "source": "lever", "clientEventId": "lever-sc-1"});
    let r = call(sb.port, "POST", &path, Some(&change));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        (r.json()["data"]["stageId"].as_str(), r.json()["replayed"].clone()),
        (Some("stg_offer"), json!(false))
    );
    control(sb.port, "events", json!({"submissionId": sub, "stageId": "stg_interview"}));
    let again = call(sb.port, "POST", &path, Some(&change));
    assert_eq!((again.status, again.json()["replayed"].clone()), (200, json!(true)));
    assert_eq!(again.json()["data"]["stageId"], "stg_interview", "a repeat changes nothing");
    let events = call(sb.port, "GET", "/v1/events", None).json()["data"].as_array().unwrap().clone();
    assert_eq!(events.len(), 1, "only the change made in Spottabl");
    let bad = call(
        sb.port,
        "POST",
        &path,
        Some(&json!({"stageId": "nope", "source": "lever", "clientEventId": "k2"})),
    );
    assert_eq!((bad.status, error_code(&bad)), (422, "validation_failed".into()));
    let bad = call(sb.port, "POST", &path, Some(&json!({"stageId": "stg_offer", "source": "lever"})));
    assert_eq!(bad.status, 422, "clientEventId is required");
    assert_eq!(call(sb.port, "POST", "/v1/submissions/nope/stage", Some(&change)).status, 404);
    let st = client::state(sb.port);
    let applied: Vec<bool> = st["spottabl"]["stage_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["applied"].as_bool().unwrap())
        .collect();
    assert_eq!(applied, [true, false]);
}

#[test]
fn comments_from_lever_are_made_once() {
    let sb = start();
    let (_, sub) = active_job_with_submission(sb.port);
    let path = format!("/v1/submissions/{sub}/comments");
    let body = json!({"body": "Booked for Tuesday.", "clientCommentId": "lever-note-1"});
    let r = call(sb.port, "POST", &path, Some(&body));
    assert_eq!(r.status, 201, "{}", r.body);
    let c = r.json()["data"].clone();
    assert_eq!(c["author"], json!({"type": "client", "name": "Acme Robotics"}));
    let again = call(sb.port, "POST", &path, Some(&body));
    assert_eq!((again.status, again.json()["data"]["id"].clone()), (200, c["id"].clone()));
    assert_eq!(control(sb.port, "comments", json!({"submissionId": sub, "body": "Thanks!"})).status, 201);
    let list = call(sb.port, "GET", &format!("{path}?limit=3"), None).json();
    let bodies: Vec<&str> =
        list["data"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Strong", "Available in May", "Booked for Tuesday."]);
    assert_eq!(list["hasMore"], true);
    let rest =
        call(sb.port, "GET", &format!("{path}?after={}", list["nextCursor"].as_str().unwrap()), None).json();
    assert_eq!(rest["data"][0]["author"]["type"], "partner");
    let bad = call(sb.port, "POST", &path, Some(&json!({"body": "no key"})));
    assert_eq!((bad.status, error_code(&bad)), (422, "validation_failed".into()));
    let st = client::state(sb.port);
    assert_eq!(st["spottabl"]["submissions"][0]["comments"].as_array().unwrap().len(), 4);
}

#[test]
fn faults_and_control_stay_on_the_api_host() {
    let sb = start();
    client::push_fault(sb.port, r#"{"host": "api.spottabl.com", "status": 503}"#);
    let r = call(sb.port, "GET", "/v1/me", None);
    assert_eq!((r.status, error_code(&r)), (503, "unavailable".into()));
    assert_eq!(call(sb.port, "GET", "/v1/me", None).status, 200);
    let r = send(sb.port, HOST, "OPTIONS", "/v1/me", &[], None).unwrap();
    assert_eq!(r.status, 405);
    client::reset(sb.port);
    assert_eq!(client::state(sb.port)["spottabl"]["jobs"], json!([]));
}

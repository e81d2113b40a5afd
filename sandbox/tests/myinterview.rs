//! myInterview's modelled API on `api.myinterview.com`: envelopes, credentials, templates, jobs,
//! candidates, invitations through their whole life, review, refusals, faults and the state.

use sandbox::client::{self, send, Response};
use serde_json::{json, Value};

const MI: &str = "api.myinterview.com";
const CO: &str = "mi_demo_co";
const ACCESS: &str = "mi_demo_access_3Hn";
const SECRET: &str = "mi_demo_secret_8Rt";
const TPL_NURSE: &str = "6d1e0001-7a2b-4c3d-9e4f-000000000001";
const FUTURE: &str = "2099-01-01T12:00:00+00:00";

fn start() -> sandbox::Handle {
    sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts")
}

fn call_as(port: u16, creds: (&str, &str, &str), method: &str, path: &str, body: Option<&str>) -> Response {
    let headers = [("x-company-id", creds.0), ("x-access-key", creds.1), ("x-secret", creds.2)];
    send(port, MI, method, path, &headers, body).expect("request")
}

fn call(port: u16, method: &str, path: &str, body: Option<Value>) -> Response {
    call_as(port, (CO, ACCESS, SECRET), method, path, body.map(|b| b.to_string()).as_deref())
}

/// The documented success envelope, with the HTTP status in the body; returns `data`.
fn data(r: &Response, status: u16) -> Value {
    assert_eq!(r.status, status, "{}", r.body);
    let v = r.json();
    assert_eq!(v["statusCode"], status);
    assert_eq!(v["errorCode"], 0);
    assert!(v["statusReason"].is_string() && v["callId"].is_string() && v["time"].is_string(), "{v}");
    v["data"].clone()
}

/// The documented error envelope; returns `errorMessage`.
fn error(r: &Response, status: u16) -> Value {
    assert_eq!(r.status, status, "{}", r.body);
    let v = r.json();
    assert_eq!(v["statusCode"], status, "{v}");
    assert_eq!(v["errorCode"], u64::from(status) * 10);
    assert!(v["statusReason"].is_string() && v["time"].is_string() && v.get("data").is_none(), "{v}");
    v["errorMessage"].clone()
}

fn fields(list: &Value) -> Vec<String> {
    list.as_array().expect("a list").iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

fn template_questions(port: u16) -> Value {
    data(&call(port, "GET", &format!("/api/v1/templates/{TPL_NURSE}"), None), 200)["questions"].clone()
}

fn new_job(port: u16, title: &str) -> String {
    let body = json!({"title": title, "questions": template_questions(port), "templateId": TPL_NURSE});
    data(&call(port, "POST", "/api/v1/jobs", Some(body)), 201)["id"].as_str().unwrap().to_string()
}

fn new_candidate(port: u16, email: &str) -> String {
    let body = json!({"name": "Charlotte Kelly", "email": email});
    let r = call(port, "POST", "/api/v1/candidates", Some(body));
    let status = r.status;
    assert!(status == 200 || status == 201, "{}", r.body);
    data(&r, status)["id"].as_str().unwrap().to_string()
}

fn invite(port: u16, candidate: &str, job: &str, deadline: &str) -> Response {
    let body = json!({"candidateId": candidate, "jobId": job, "deadline": deadline, "timezone": "Australia/Melbourne", "sendEmail": false});
    call(port, "POST", "/api/v1/invitations", Some(body))
}

/// A job, a candidate and an invitation; returns the invitation id.
fn invited(port: u16) -> String {
    let job = new_job(port, "Registered Nurse – ICU");
    let c = new_candidate(port, "charlotte.kelly@pageup.example.com");
    data(&invite(port, &c, &job, FUTURE), 201)["id"].as_str().unwrap().to_string()
}

fn control(port: u16, step: &str, body: Value) -> Response {
    send(port, MI, "POST", &format!("/_sandbox/myinterview/{step}"), &[], Some(&body.to_string())).unwrap()
}

#[test]
fn credentials_are_checked_and_errors_use_the_envelope() {
    let sb = start();
    let d = data(&call(sb.port, "GET", "/api/v1/company", None), 200);
    assert_eq!(d, json!({"companyId": CO, "name": "Acme Health"}));
    for creds in [(CO, ACCESS, "wrong"), (CO, "wrong", SECRET), ("other_co", ACCESS, SECRET)] {
        let r = call_as(sb.port, creds, "GET", "/api/v1/templates", None);
        assert_eq!(error(&r, 401), "Invalid credentials");
    }
    let r = send(sb.port, MI, "GET", "/api/v1/templates", &[("x-company-id", CO)], None).unwrap();
    assert!(error(&r, 401).as_str().unwrap().starts_with("Missing credentials"));
    assert_eq!(error(&call(sb.port, "GET", "/api/v1/nothing", None), 404), "Not found");
    assert_eq!(error(&call(sb.port, "DELETE", "/api/v1/jobs", None), 405), "Method not allowed");
    // no CORS on an API host, and a preflight is not served
    let r = call(sb.port, "OPTIONS", "/api/v1/jobs", None);
    assert_eq!(r.status, 405);
    assert!(r.header("access-control-allow-origin").is_none());
    let r = send(
        sb.port,
        MI,
        "POST",
        "/api/v1/jobs",
        &[("x-company-id", CO), ("x-access-key", ACCESS), ("x-secret", SECRET)],
        Some("{nope"),
    )
    .unwrap();
    assert_eq!(error(&r, 400), "Invalid JSON");
}

#[test]
fn templates_list_in_the_widget_question_shape() {
    let sb = start();
    let d = data(&call(sb.port, "GET", "/api/v1/templates", None), 200);
    assert_eq!(
        (d["total"].as_u64(), d["page"].as_u64(), d["pageSize"].as_u64()),
        (Some(3), Some(1), Some(20))
    );
    let t = &d["items"][0];
    assert_eq!(t["id"], TPL_NURSE);
    assert_eq!(t["updatedAt"], "2026-09-14T10:00:00+00:00");
    let q = &t["questions"][0];
    let mut keys: Vec<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["answerType", "attempts", "description", "duration", "question", "thinkingTime", "videoQuestion"]
    );
    assert_eq!(q["answerType"], "video");
    assert_eq!(error(&call(sb.port, "GET", "/api/v1/templates/nope", None), 404), "Template not found");
    let d = data(&call(sb.port, "GET", "/api/v1/templates?page=2&pageSize=2", None), 200);
    assert_eq!((d["items"].as_array().unwrap().len(), d["totalPages"].as_u64()), (1, Some(2)));
    let e = error(&call(sb.port, "GET", "/api/v1/templates?pageSize=500", None), 422);
    assert_eq!(fields(&e), ["pageSize"]);
}

#[test]
fn jobs_are_created_read_listed_and_paged() {
    let sb = start();
    let ids: Vec<String> = (0..3).map(|n| new_job(sb.port, &format!("Job {n}"))).collect();
    let j = data(&call(sb.port, "GET", &format!("/api/v1/jobs/{}", ids[1]), None), 200);
    assert_eq!((j["title"].as_str(), j["templateId"].as_str()), (Some("Job 1"), Some(TPL_NURSE)));
    assert_eq!(j["questions"], template_questions(sb.port));
    let p2 = data(&call(sb.port, "GET", "/api/v1/jobs?page=2&pageSize=2", None), 200);
    assert_eq!(p2["items"].as_array().unwrap().len(), 1);
    assert_eq!((p2["total"].as_u64(), p2["items"][0]["id"].as_str()), (Some(3), Some(ids[2].as_str())));
    let t = data(&call(sb.port, "GET", "/api/v1/jobs?title=Job%200", None), 200);
    assert_eq!(t["items"][0]["id"], ids[0]);
    assert_eq!(t["total"], 1);
    assert_eq!(error(&call(sb.port, "GET", "/api/v1/jobs/nope", None), 404), "Job not found");
    let st = client::state(sb.port);
    assert_eq!(st["myinterview"]["jobs"].as_array().unwrap().len(), 3);
    assert_eq!(st["myinterview"]["jobs"][0]["received"]["templateId"], TPL_NURSE);
}

#[test]
fn job_bodies_are_strict() {
    let sb = start();
    let good_q = template_questions(sb.port)[0].clone();
    let mut bad_q = good_q.clone();
    bad_q["answerType"] = json!("text");
    bad_q["attempts"] = json!("two");
    bad_q["colour"] = json!("red");
    let body = json!({"title": 7, "questions": [good_q, bad_q], "owner": "me"});
    let e = error(&call(sb.port, "POST", "/api/v1/jobs", Some(body)), 422);
    let mut f = fields(&e);
    f.sort();
    assert_eq!(
        f,
        ["owner", "questions[1].answerType", "questions[1].attempts", "questions[1].colour", "title"]
    );
    let e = error(&call(sb.port, "POST", "/api/v1/jobs", Some(json!({"questions": []}))), 422);
    assert_eq!(fields(&e), ["title", "questions"]);
    let body = json!({"title": "X", "questions": [good_q], "templateId": "gone"});
    assert_eq!(error(&call(sb.port, "POST", "/api/v1/jobs", Some(body)), 404), "Template not found");
    assert_eq!(client::state(sb.port)["myinterview"]["jobs"], json!([]));
}

#[test]
fn candidates_are_one_per_email_and_found_by_email() {
    let sb = start();
    let r = call(
        sb.port,
        "POST",
        "/api/v1/candidates",
        Some(json!({"name": "Amelia Stewart", "email": "amelia@x.example"})),
    );
    let id = data(&r, 201)["id"].clone();
    let again = call(
        sb.port,
        "POST",
        "/api/v1/candidates",
        Some(json!({"name": "A. Stewart", "email": "AMELIA@x.example"})),
    );
    let d = data(&again, 200);
    assert_eq!((d["id"].clone(), d["name"].as_str()), (id.clone(), Some("Amelia Stewart")));
    let found = data(&call(sb.port, "GET", "/api/v1/candidates?email=Amelia%40X.example", None), 200);
    assert_eq!((found["total"].as_u64(), found["items"][0]["id"].clone()), (Some(1), id.clone()));
    let none = data(&call(sb.port, "GET", "/api/v1/candidates?email=nobody%40x.example", None), 200);
    assert_eq!(none["items"], json!([]));
    let one = data(&call(sb.port, "GET", &format!("/api/v1/candidates/{}", id.as_str().unwrap()), None), 200);
    assert_eq!(one["email"], "amelia@x.example");
    let e = error(
        &call(sb.port, "POST", "/api/v1/candidates", Some(json!({"name": " ", "email": "no-at"}))),
        422,
    );
    assert_eq!(fields(&e), ["name", "email"]);
    assert_eq!(error(&call(sb.port, "GET", "/api/v1/candidates/nope", None), 404), "Candidate not found");
    assert_eq!(client::state(sb.port)["myinterview"]["candidates"].as_array().unwrap().len(), 1);
}

#[test]
fn an_invitation_is_created_once_with_a_personal_link() {
    let sb = start();
    let job = new_job(sb.port, "ICU");
    let c = new_candidate(sb.port, "c@x.example");
    let inv = data(&invite(sb.port, &c, &job, "2099-01-01T23:00:00+11:00"), 201);
    assert_eq!(inv["status"], "Invited");
    assert_eq!(inv["deadline"], "2099-01-01T12:00:00+00:00");
    assert_eq!(inv["sendEmail"], false);
    assert_eq!(inv["timezone"], "Australia/Melbourne");
    let id = inv["id"].as_str().unwrap();
    assert_eq!(inv["interviewLink"], format!("https://candidate.myinterview.com/interview/{id}"));
    // the same candidate and job again: 409 naming the first
    let r = invite(sb.port, &c, &job, FUTURE);
    error(&r, 409);
    assert_eq!(r.json()["errorDetails"]["invitationId"], id);
    // refusals
    let e = error(&invite(sb.port, &c, &job, "2001-01-01T00:00:00Z"), 422);
    assert_eq!(fields(&e), ["deadline"]);
    let e = error(&invite(sb.port, &c, &job, "2099-01-01"), 422);
    assert_eq!(fields(&e), ["deadline"]);
    assert_eq!(error(&invite(sb.port, "nope", &job, FUTURE), 404), "Candidate not found");
    assert_eq!(error(&invite(sb.port, &c, "nope", FUTURE), 404), "Job not found");
    let body = json!({"candidateId": c, "jobId": job, "deadline": FUTURE, "sendEmail": "no", "cc": []});
    let e = error(&call(sb.port, "POST", "/api/v1/invitations", Some(body)), 422);
    assert_eq!(fields(&e), ["cc", "sendEmail"]);
    let e = error(&call(sb.port, "POST", "/api/v1/invitations", Some(json!({}))), 422);
    assert_eq!(fields(&e), ["candidateId", "candidate", "jobId", "deadline"]);
    let got = data(&call(sb.port, "GET", &format!("/api/v1/invitations/{id}"), None), 200);
    assert_eq!(got["id"], id);
    assert_eq!(error(&call(sb.port, "GET", "/api/v1/invitations/nope", None), 404), "Invitation not found");
    let st = client::state(sb.port)["myinterview"]["invitations"].clone();
    assert_eq!(st.as_array().unwrap().len(), 1);
    assert_eq!(
        (st[0]["sendEmail"].clone(), st[0]["received"]["sendEmail"].clone()),
        (json!(false), json!(false))
    );
}

fn invite_inline(port: u16, name: &str, email: &str, job: &str) -> Response {
    let body = json!({"candidate": {"name": name, "email": email}, "jobId": job, "deadline": FUTURE});
    call(port, "POST", "/api/v1/invitations", Some(body))
}

#[test]
fn an_inline_candidate_is_found_by_email_or_created_once() {
    let sb = start();
    let (a, b) = (new_job(sb.port, "A"), new_job(sb.port, "B"));
    let inv = data(&invite_inline(sb.port, "Noor Haddad", " Noor.Haddad@x.example ", &a), 201);
    let cid = inv["candidateId"].as_str().unwrap().to_string();
    assert_eq!(inv["candidate"], json!({"id": cid, "name": "Noor Haddad", "email": "Noor.Haddad@x.example"}));
    assert_eq!(inv["status"], "Invited");
    // the same email in another case, same job: 409 naming the first; no second candidate
    let r = invite_inline(sb.port, "N. Haddad", "noor.haddad@X.EXAMPLE", &a);
    assert_eq!(error(&r, 409), "The candidate is already invited to this job");
    assert_eq!(r.json()["errorDetails"], json!({"invitationId": inv["id"], "status": "Invited"}));
    // another job: the same candidate, unchanged
    let other = data(&invite_inline(sb.port, "Someone Else", "NOOR.HADDAD@x.example", &b), 201);
    assert_eq!(other["candidateId"], cid.as_str());
    assert_eq!(other["candidate"]["name"], "Noor Haddad");
    let d = data(&call(sb.port, "GET", "/api/v1/candidates", None), 200);
    assert_eq!(d["total"], 1);
    // POST /candidates agrees: the same candidate, 200
    assert_eq!(new_candidate(sb.port, "noor.haddad@x.example"), cid);
    // an existing candidate (by POST /candidates) is reused too
    let c = new_candidate(sb.port, "c@x.example");
    let inv = data(&invite_inline(sb.port, "C", "C@x.example", &a), 201);
    assert_eq!(inv["candidateId"], c.as_str());
    // an unknown job leaves no candidate behind
    assert_eq!(error(&invite_inline(sb.port, "Z", "z@x.example", "nope"), 404), "Job not found");
    assert_eq!(data(&call(sb.port, "GET", "/api/v1/candidates", None), 200)["total"], 2);
}

#[test]
fn an_invitation_names_one_candidate_strictly() {
    let sb = start();
    let job = new_job(sb.port, "A");
    let c = new_candidate(sb.port, "c@x.example");
    let post = |body: Value| call(sb.port, "POST", "/api/v1/invitations", Some(body));
    let e = error(
        &post(
            json!({"candidateId": c, "candidate": {"name": "C", "email": "c@x.example"}, "jobId": job, "deadline": FUTURE}),
        ),
        422,
    );
    assert_eq!(fields(&e), ["candidateId", "candidate"]);
    assert!(e[0]["message"].as_str().unwrap().contains("not both"), "{e}");
    let e = error(&post(json!({"jobId": job, "deadline": FUTURE})), 422);
    assert_eq!(fields(&e), ["candidateId", "candidate"]);
    // null counts as absent
    let e =
        error(&post(json!({"candidateId": null, "candidate": null, "jobId": job, "deadline": FUTURE})), 422);
    assert_eq!(fields(&e), ["candidateId", "candidate"]);
    let e =
        error(&post(json!({"candidate": {"name": "C", "email": 42}, "jobId": job, "deadline": FUTURE})), 422);
    assert_eq!(fields(&e), ["candidate.email"]);
    let e = error(
        &post(
            json!({"candidate": {"name": " ", "email": "c@x.example", "phone": "1"}, "jobId": job, "deadline": FUTURE}),
        ),
        422,
    );
    assert_eq!(fields(&e), ["candidate.phone", "candidate.name"]);
    let e =
        error(&post(json!({"candidate": {"email": "not an email"}, "jobId": job, "deadline": FUTURE})), 422);
    assert_eq!(fields(&e), ["candidate.name", "candidate.email"]);
    let e = error(&post(json!({"candidate": "c@x.example", "jobId": job, "deadline": FUTURE})), 422);
    assert_eq!(fields(&e), ["candidate"]);
    // nothing was created by any of these
    assert_eq!(data(&call(sb.port, "GET", "/api/v1/candidates", None), 200)["total"], 1);
    assert_eq!(data(&call(sb.port, "GET", "/api/v1/invitations", None), 200)["total"], 0);
}

#[test]
fn invitations_embed_their_candidate_and_filter_by_email() {
    let sb = start();
    let (a, b) = (new_job(sb.port, "A"), new_job(sb.port, "B"));
    let ann = data(&invite_inline(sb.port, "Ann Lee", "ann@x.example", &a), 201);
    data(&invite_inline(sb.port, "Ann Lee", "ann@x.example", &b), 201);
    let bob = data(&invite_inline(sb.port, "Bob Ray", "bob@x.example", &a), 201);
    let want = |inv: &Value, name: &str, email: &str| json!({"id": inv["candidateId"], "name": name, "email": email});
    let id = ann["id"].as_str().unwrap();
    let got = data(&call(sb.port, "GET", &format!("/api/v1/invitations/{id}"), None), 200);
    assert_eq!(got["candidate"], want(&ann, "Ann Lee", "ann@x.example"));
    let d = data(&call(sb.port, "GET", "/api/v1/invitations", None), 200);
    let names: Vec<&str> =
        d["items"].as_array().unwrap().iter().map(|i| i["candidate"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ann Lee", "Ann Lee", "Bob Ray"]);
    // email=, any case, with the other filters and paging
    let list = |q: &str| data(&call(sb.port, "GET", &format!("/api/v1/invitations?{q}"), None), 200);
    let d = list("email=ANN%40x.example");
    assert_eq!(d["total"], 2);
    assert!(d["items"].as_array().unwrap().iter().all(|i| i["candidate"]["email"] == "ann@x.example"));
    let d = list(&format!("email=ann@x.example&jobId={b}"));
    assert_eq!((d["total"].as_u64(), d["items"][0]["jobId"].as_str()), (Some(1), Some(b.as_str())));
    let d = list("email=ann@x.example&pageSize=1&page=2");
    assert_eq!((d["total"].as_u64(), d["items"].as_array().unwrap().len()), (Some(2), 1));
    let d = list(&format!("email=bob@x.example&candidateId={}", bob["candidateId"].as_str().unwrap()));
    assert_eq!(d["total"], 1);
    assert_eq!(
        list(&format!("email=bob@x.example&candidateId={}", ann["candidateId"].as_str().unwrap()))["total"],
        0
    );
    assert_eq!(list("email=nobody@x.example")["total"], 0);
    assert_eq!(list("email=bob@x.example&status=Cancelled")["total"], 0);
    // every answer that returns an invitation embeds it: extend, remind, cancel, control
    let bid = bob["id"].as_str().unwrap();
    let post =
        |p: &str, body: Option<Value>| call(sb.port, "POST", &format!("/api/v1/invitations/{bid}/{p}"), body);
    let bob_c = want(&bob, "Bob Ray", "bob@x.example");
    assert_eq!(
        data(&post("extend", Some(json!({"deadline": "2099-06-01T00:00:00Z"}))), 200)["candidate"],
        bob_c
    );
    assert_eq!(data(&post("remind", None), 200)["candidate"], bob_c);
    let r = control(sb.port, "complete", json!({"invitationId": bid}));
    assert_eq!((r.status, r.json()["candidate"].clone()), (200, bob_c.clone()));
    assert_eq!(data(&post("shortlist", None), 200)["candidate"], bob_c);
    assert_eq!(
        data(&call(sb.port, "POST", &format!("/api/v1/invitations/{id}/cancel"), None), 200)["candidate"]
            ["name"],
        "Ann Lee"
    );
    let st = client::state(sb.port)["myinterview"]["invitations"].clone();
    assert_eq!(st[2]["candidate"], bob_c);
}

#[test]
fn invitations_list_by_job_with_paging() {
    let sb = start();
    let (a, b) = (new_job(sb.port, "A"), new_job(sb.port, "B"));
    for n in 0..3 {
        let c = new_candidate(sb.port, &format!("c{n}@x.example"));
        data(&invite(sb.port, &c, &a, FUTURE), 201);
        if n == 0 {
            data(&invite(sb.port, &c, &b, FUTURE), 201);
        }
    }
    let d =
        data(&call(sb.port, "GET", &format!("/api/v1/invitations?jobId={a}&pageSize=2&page=2"), None), 200);
    assert_eq!((d["total"].as_u64(), d["items"].as_array().unwrap().len()), (Some(3), 1));
    let d = data(&call(sb.port, "GET", &format!("/api/v1/invitations?jobId={b}"), None), 200);
    assert_eq!(d["total"], 1);
    let d = data(&call(sb.port, "GET", "/api/v1/invitations?status=Invited", None), 200);
    assert_eq!(d["total"], 4);
}

#[test]
fn extend_remind_cancel_and_expiry_on_the_sandbox_clock() {
    let sb = start();
    let id = invited(sb.port);
    let path = |a: &str| format!("/api/v1/invitations/{id}/{a}");
    for _ in 0..2 {
        let d = data(&call(sb.port, "POST", &path("remind"), None), 200);
        assert!(d["reminders"]["lastSentAt"].is_string());
    }
    assert_eq!(client::state(sb.port)["myinterview"]["invitations"][0]["reminders"]["count"], 2);
    let e = error(
        &call(sb.port, "POST", &path("extend"), Some(json!({"deadline": "2098-01-01T00:00:00Z"}))),
        422,
    );
    assert_eq!(fields(&e), ["deadline"]);
    let e = error(&call(sb.port, "POST", &path("extend"), Some(json!({"until": FUTURE}))), 422);
    assert_eq!(fields(&e), ["until", "deadline"]);
    // jump past the deadline: Expired, no reminders; an extension reopens it
    let d =
        data(&call(sb.port, "POST", &path("extend"), Some(json!({"deadline": "2099-06-01T00:00:00Z"}))), 200);
    assert_eq!(d["deadline"], "2099-06-01T00:00:00+00:00");
    client::set_config(sb.port, r#"{"clock_offset_s": 3000000000}"#);
    let d = data(&call(sb.port, "GET", &format!("/api/v1/invitations/{id}"), None), 200);
    assert_eq!(d["status"], "Expired");
    error(&call(sb.port, "POST", &path("remind"), None), 409);
    let r = control(sb.port, "complete", json!({"invitationId": id}));
    assert_eq!(r.status, 409, "{}", r.body);
    let d =
        data(&call(sb.port, "POST", &path("extend"), Some(json!({"deadline": "2199-01-01T00:00:00Z"}))), 200);
    assert_eq!(d["status"], "Invited");
    let st = client::state(sb.port)["myinterview"]["invitations"][0].clone();
    assert_eq!(st["deadlines"].as_array().unwrap().len(), 3);
    // cancel, twice (idempotent); then nothing else
    let d = data(&call(sb.port, "POST", &path("cancel"), None), 200);
    assert_eq!(d["status"], "Cancelled");
    assert_eq!(data(&call(sb.port, "POST", &path("cancel"), Some(json!({}))), 200)["status"], "Cancelled");
    error(&call(sb.port, "POST", &path("remind"), None), 409);
    error(&call(sb.port, "POST", &path("extend"), Some(json!({"deadline": "2299-01-01T00:00:00Z"}))), 409);
    assert_eq!(
        fields(&error(&call(sb.port, "POST", &path("cancel"), Some(json!({"why": "x"}))), 422)),
        ["why"]
    );
}

#[test]
fn a_cancelled_invitation_may_be_sent_again() {
    let sb = start();
    let id = invited(sb.port);
    data(&call(sb.port, "POST", &format!("/api/v1/invitations/{id}/cancel"), None), 200);
    let inv = client::state(sb.port)["myinterview"]["invitations"][0].clone();
    let (c, j) = (inv["candidateId"].as_str().unwrap(), inv["jobId"].as_str().unwrap());
    data(&invite(sb.port, c, j, FUTURE), 201);
}

#[test]
fn completed_video_is_reviewed_summarised_and_shared() {
    let sb = start();
    let id = invited(sb.port);
    let path = |a: &str| format!("/api/v1/invitations/{id}/{a}");
    // not yet completed: no review, no share link; summary pending
    error(&call(sb.port, "POST", &path("shortlist"), None), 409);
    error(&call(sb.port, "POST", &path("share-link"), None), 409);
    assert_eq!(data(&call(sb.port, "GET", &path("summary"), None), 200)["status"], "Pending");
    let r = control(sb.port, "start", json!({"invitationId": id}));
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("Started")));
    assert_eq!(control(sb.port, "start", json!({"invitationId": id})).status, 409);
    assert_eq!(control(sb.port, "complete", json!({"invitationId": "nope"})).status, 404);
    assert_eq!(control(sb.port, "complete", json!({"invitationId": id, "score": 101})).status, 400);
    let r = control(sb.port, "complete", json!({"invitationId": id, "score": 82.5}));
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("Ready for Review")));
    assert!(r.json()["completedAt"].is_string());
    error(&call(sb.port, "POST", &path("cancel"), None), 409);
    let e = error(&call(sb.port, "POST", &path("shortlist"), Some(json!({"rating": 6, "note": ""}))), 422);
    assert_eq!(fields(&e), ["note", "rating"]);
    let d =
        data(&call(sb.port, "POST", &path("shortlist"), Some(json!({"rating": 5, "comment": "Great"}))), 200);
    assert_eq!((d["status"].as_str(), d["column"].as_str()), (Some("Shortlisted"), Some("Shortlisted")));
    let s = data(&call(sb.port, "GET", &path("summary"), None), 200);
    assert_eq!(
        (s["status"].as_str(), s["pass"].as_bool(), s["score"].as_f64()),
        (Some("Completed"), Some(true), Some(82.5))
    );
    let job = client::state(sb.port)["myinterview"]["invitations"][0]["jobId"].clone();
    assert_eq!(
        s["reviewUrl"],
        format!("https://app.myinterview.com/company/jobs/{}/candidates/{id}", job.as_str().unwrap())
    );
    // reject moves it; every grade is recorded
    let d = data(&call(sb.port, "POST", &path("reject"), None), 200);
    assert_eq!(d["column"], "Rejected");
    assert_eq!(data(&call(sb.port, "GET", &path("summary"), None), 200)["pass"], false);
    let r = call(sb.port, "POST", &path("share-link"), None);
    let url = data(&r, 201)["url"].clone();
    assert!(url.as_str().unwrap().starts_with("https://app.myinterview.com/share/"));
    assert_eq!(data(&call(sb.port, "POST", &path("share-link"), None), 200)["url"], url);
    let st = client::state(sb.port)["myinterview"]["invitations"][0].clone();
    let actions: Vec<&str> =
        st["reviews"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["shortlist", "reject"]);
    assert_eq!((st["reviews"][0]["rating"].as_i64(), st["score"].as_f64()), (Some(5), Some(82.5)));
    assert_eq!(st["shareLink"], url);
}

#[test]
fn faults_rate_limits_control_and_reset_on_the_myinterview_host() {
    let sb = start();
    client::push_fault(
        sb.port,
        r#"{"host":"api.myinterview.com","path":"/api/v1/templates","status":429,"retry_after":7}"#,
    );
    let r = call(sb.port, "GET", "/api/v1/templates", None);
    assert_eq!(error(&r, 429), "Too many requests");
    assert_eq!(r.header("retry-after"), Some("7"));
    data(&call(sb.port, "GET", "/api/v1/templates", None), 200);
    // the control endpoints answer here too
    let r = send(sb.port, MI, "GET", "/_sandbox/state", &[], None).unwrap();
    assert_eq!(r.json()["myinterview"]["companies"][0]["access_key"], ACCESS);
    invited(sb.port);
    let log = client::state(sb.port)["requests"].clone();
    assert!(log.as_array().unwrap().iter().any(|e| e["host"] == MI && e["path"] == "/api/v1/invitations"));
    client::reset(sb.port);
    let st = client::state(sb.port)["myinterview"].clone();
    assert_eq!(
        (st["invitations"].clone(), st["jobs"].clone(), st["candidates"].clone()),
        (json!([]), json!([]), json!([]))
    );
    assert!(sandbox::HOSTS.contains(&MI));
}

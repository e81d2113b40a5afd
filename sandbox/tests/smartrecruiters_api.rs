//! SmartRecruiters' candidate API as mutable state: search, create, patch,
//! tags, restricted candidates, auth, rate limit, faults and reset, and the
//! profile pages rendering the same store.

use sandbox::client::{self, send, Response};
use serde_json::{json, Value};

const API: &str = "api.smartrecruiters.com";
const APP: &str = "www.smartrecruiters.com";
const KEY: &str = "sr_demo_4Wd8";
const ADA: &str = "5a1e0001-0000-4000-8000-000000000101";
const KATE: &str = "5a1e0001-0000-4000-8000-000000000102";
const MARY: &str = "5a1e0001-0000-4000-8000-000000000104";
/// A generated demo candidate (Emma Visser).
const EMMA: &str = "29661a38-67c8-472b-b08a-5fe27220b17d";

/// A sandbox whose rate limit these tests never reach (except where they
/// set it themselves); a reset puts the default back.
fn start() -> sandbox::Handle {
    let sb = sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts");
    client::set_config(sb.port, r#"{"smartrecruiters_rate_per_second": 1000}"#);
    sb
}

fn reset(port: u16) {
    client::reset(port);
    client::set_config(port, r#"{"smartrecruiters_rate_per_second": 1000}"#);
}

fn call(port: u16, method: &str, path: &str, body: Option<&str>) -> Response {
    let mut headers = vec![("X-SmartToken", KEY)];
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    send(port, API, method, path, &headers, body).expect("request")
}

fn sr_candidates(port: u16) -> Vec<Value> {
    client::state(port)["ats"]["smartrecruiters"]["candidates"].as_array().unwrap().clone()
}

fn sr_candidate(port: u16, id: &str) -> Option<Value> {
    sr_candidates(port).into_iter().find(|c| c["id"] == id)
}

#[test]
fn seed_has_the_hellohire_people_with_tags_and_restricted() {
    let sb = start();
    let ada = sr_candidate(sb.port, ADA).unwrap();
    assert_eq!(ada["first_name"], "Ada");
    assert_eq!(ada["last_name"], "Lovelace");
    assert_eq!(ada["email"], "ada.lovelace@hellohire.example");
    assert_eq!(ada["tags"], json!(["python", "referral"]));
    assert_eq!(ada["restricted"], false);
    assert_eq!(ada["job_ids"], json!([]));
    let kate = sr_candidate(sb.port, KATE).unwrap();
    assert_eq!((kate["first_name"].as_str(), kate["tags"].clone()), (Some("Kate"), json!(["night shift"])));
    assert_eq!(sr_candidate(sb.port, MARY).unwrap()["restricted"], true);
    assert_eq!(sr_candidate(sb.port, EMMA).unwrap()["tags"], json!([]));
    assert!(!sr_candidates(sb.port).iter().any(|c| c["email"] == "dorothy.vaughan@hellohire.example"));
    // the existing ids and pipelines are untouched
    let st = client::state(sb.port);
    assert_eq!(st["ats"]["smartrecruiters"]["candidates"].as_array().unwrap().len(), 35);
    assert_eq!(st["ats"]["smartrecruiters"]["jobs"][0]["candidate_ids"].as_array().unwrap().len(), 30);
}

#[test]
fn search_by_email_and_name() {
    let sb = start();
    let r = call(sb.port, "GET", "/candidates?q=Ada.Lovelace%40HelloHire.example", None);
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["totalFound"], 1);
    assert_eq!(v["offset"], 0);
    assert_eq!(v["limit"], 10);
    assert_eq!(
        v["content"],
        json!([{"id": ADA, "firstName": "Ada", "lastName": "Lovelace", "email": "ada.lovelace@hellohire.example"}])
    );
    // missing
    let v = call(sb.port, "GET", "/candidates?q=dorothy.vaughan@hellohire.example", None).json();
    assert_eq!((v["totalFound"].clone(), v["content"].clone()), (json!(0), json!([])));
    // an email is matched whole, not as a substring
    let v = call(sb.port, "GET", "/candidates?q=lovelace@hellohire.example", None).json();
    assert_eq!(v["totalFound"], 0);
    // restricted candidates are found
    let v = call(sb.port, "GET", "/candidates?q=mary.jackson@hellohire.example", None).json();
    assert_eq!(v["totalFound"], 1);
    assert_eq!(v["content"][0]["id"], MARY);
    // name substring, any case
    let v = call(sb.port, "GET", "/candidates?q=KATE%20john", None).json();
    assert_eq!(v["content"][0]["id"], KATE);
    // everyone, paged
    let v = call(sb.port, "GET", "/candidates?limit=5&offset=30", None).json();
    assert_eq!(v["totalFound"], 35);
    assert_eq!(v["limit"], 5);
    assert_eq!(v["content"].as_array().unwrap().len(), 5);
    assert_eq!(v["content"][4]["id"], MARY);
    assert_eq!(call(sb.port, "GET", "/candidates?limit=x", None).status, 400);
}

#[test]
fn create_shows_in_state_search_api_and_profile_page() {
    let sb = start();
    let body = r#"{"firstName":"Dorothy","lastName":"Vaughan","email":"dorothy.vaughan@hellohire.example","web":{"x":1}}"#;
    let r = call(sb.port, "POST", "/candidates", Some(body));
    assert_eq!(r.status, 201, "{}", r.body);
    let c = r.json();
    let id = c["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4");
    assert_eq!(
        c,
        json!({"id": id, "firstName": "Dorothy", "lastName": "Vaughan",
               "email": "dorothy.vaughan@hellohire.example", "phoneNumber": null, "tags": []})
    );
    let snap = sr_candidate(sb.port, &id).expect("in the snapshot");
    assert_eq!(snap["first_name"], "Dorothy");
    assert_eq!(snap["email"], "dorothy.vaughan@hellohire.example");
    assert_eq!(snap["tags"], json!([]));
    assert_eq!(snap["restricted"], false);
    assert_eq!(snap["url"], format!("https://www.smartrecruiters.com/app/people/profile/{id}"));
    assert_eq!(call(sb.port, "GET", &format!("/candidates/{id}"), None).json(), c);
    let v = call(sb.port, "GET", "/candidates?q=dorothy.vaughan@hellohire.example", None).json();
    assert_eq!(v["content"][0]["id"], id.as_str());

    let page = send(sb.port, APP, "GET", &format!("/app/people/profile/{id}"), &[], None).unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1 class=\"sr-candidate-name\">Dorothy Vaughan</h1>"), "{}", page.body);
    assert!(page.body.contains("<ul class=\"sr-tags\" aria-label=\"Tags\"></ul>"));

    // a duplicate email is a second candidate, not refused
    let again = call(sb.port, "POST", "/candidates", Some(body));
    assert_eq!(again.status, 201);
    assert_ne!(again.json()["id"], id.as_str());
    let v = call(sb.port, "GET", "/candidates?q=dorothy.vaughan@hellohire.example", None).json();
    assert_eq!(v["totalFound"], 2);

    // the writes are in the request log
    let log = client::state(sb.port)["requests"].as_array().unwrap().clone();
    let posts = log
        .iter()
        .filter(|r| {
            r["host"] == API && r["method"] == "POST" && r["path"] == "/candidates" && r["status"] == 201
        })
        .count();
    assert_eq!(posts, 2);
    assert!(log.iter().any(|r| r["host"] == API
        && r["path"] == "/candidates"
        && r["query"] == "q=dorothy.vaughan@hellohire.example"));
}

#[test]
fn create_validation() {
    let sb = start();
    let r = call(sb.port, "POST", "/candidates", Some(r#"{"firstName":"Dorothy","lastName":"Vaughan"}"#));
    assert_eq!(r.status, 422);
    let v = r.json();
    assert!(v["message"].as_str().unwrap().contains("email"), "{v}");
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    assert!(v["errors"][0]["code"].is_string());
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("email"));
    let r = call(sb.port, "POST", "/candidates", Some(r#"{"firstName":" ","lastName":"V","email":"nope"}"#));
    assert_eq!(r.status, 422);
    let errors = r.json()["errors"].clone();
    assert_eq!(errors.as_array().unwrap().len(), 2);
    assert!(errors[0]["message"].as_str().unwrap().contains("firstName"));
    assert!(errors[1]["message"].as_str().unwrap().contains("email"));
    assert_eq!(call(sb.port, "POST", "/candidates", Some("{not json")).status, 400);
    assert_eq!(call(sb.port, "POST", "/candidates", Some("[]")).status, 400);
    assert_eq!(call(sb.port, "DELETE", "/candidates", None).status, 405);
    assert_eq!(sr_candidates(sb.port).len(), 35, "nothing created");
}

#[test]
fn patch_names_and_email() {
    let sb = start();
    let r =
        call(sb.port, "PATCH", &format!("/candidates/{KATE}"), Some(r#"{"firstName":"Katherine","foo":1}"#));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["firstName"], "Katherine");
    assert_eq!(r.json()["lastName"], "Johnson");
    assert_eq!(r.json()["tags"], json!(["night shift"]));
    assert_eq!(sr_candidate(sb.port, KATE).unwrap()["first_name"], "Katherine");
    let page = send(sb.port, APP, "GET", &format!("/app/people/profile/{KATE}"), &[], None).unwrap();
    assert!(page.body.contains("<h1 class=\"sr-candidate-name\">Katherine Johnson</h1>"));
    // blank values are refused, and nothing changes
    let r = call(sb.port, "PATCH", &format!("/candidates/{KATE}"), Some(r#"{"lastName":"X","email":""}"#));
    assert_eq!(r.status, 422);
    assert!(r.json()["errors"][0]["message"].as_str().unwrap().contains("email"));
    assert_eq!(sr_candidate(sb.port, KATE).unwrap()["last_name"], "Johnson");
    assert_eq!(call(sb.port, "PATCH", &format!("/candidates/{KATE}"), Some("nope")).status, 400);
    assert_eq!(call(sb.port, "DELETE", &format!("/candidates/{KATE}"), None).status, 405);
    let r = call(sb.port, "PATCH", "/candidates/00000000-0000-4000-8000-000000000000", Some("{}"));
    assert_eq!(r.status, 404);
    assert_eq!(r.json(), json!({"message": "Candidate not found"}));
}

#[test]
fn tags_get_append_and_replace() {
    let sb = start();
    let path = format!("/candidates/{ADA}/tags");
    let r = call(sb.port, "GET", &path, None);
    assert_eq!((r.status, r.json()), (200, json!({"tags": ["python", "referral"]})));
    // POST appends every tag, duplicates included
    let r = call(sb.port, "POST", &path, Some(r#"{"tags":["Hellohire: Yes","python"]}"#));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!({"tags": ["python", "referral", "Hellohire: Yes", "python"]}));
    let r = call(sb.port, "POST", &path, Some(r#"{"tags":["Hellohire: Yes"]}"#));
    assert_eq!(r.json()["tags"].as_array().unwrap().len(), 5);
    assert_eq!(sr_candidate(sb.port, ADA).unwrap()["tags"][4], "Hellohire: Yes");
    assert_eq!(call(sb.port, "GET", &format!("/candidates/{ADA}"), None).json()["tags"][2], "Hellohire: Yes");
    // the profile page shows them, escaped
    call(sb.port, "POST", &path, Some(r#"{"tags":["<b>&"]}"#));
    let page = send(sb.port, APP, "GET", &format!("/app/people/profile/{ADA}"), &[], None).unwrap();
    assert!(page.body.contains(
        "<ul class=\"sr-tags\" aria-label=\"Tags\"><li class=\"sr-tag\">python</li><li class=\"sr-tag\">referral</li><li class=\"sr-tag\">Hellohire: Yes</li>"
    ), "{}", page.body);
    assert!(page.body.contains("<li class=\"sr-tag\">&lt;b&gt;&amp;</li></ul>"));
    // PUT replaces (an empty list clears)
    let r = call(sb.port, "PUT", &path, Some(r#"{"tags":["Hellohire: Maybe"]}"#));
    assert_eq!((r.status, r.json()), (200, json!({"tags": ["Hellohire: Maybe"]})));
    assert_eq!(sr_candidate(sb.port, ADA).unwrap()["tags"], json!(["Hellohire: Maybe"]));
    let r = call(sb.port, "PUT", &path, Some(r#"{"tags":[]}"#));
    assert_eq!((r.status, r.json()), (200, json!({"tags": []})));
    // validation
    let long = "x".repeat(151);
    for bad in [
        r#"{"tags":[]}"#.to_string(),
        r#"{"tags":[""]}"#.into(),
        r#"{}"#.into(),
        format!(r#"{{"tags":["{long}"]}}"#),
    ] {
        let r = call(sb.port, "POST", &path, Some(&bad));
        assert_eq!(r.status, 422, "{bad}");
        assert!(r.json()["message"].is_string());
    }
    let ok = "y".repeat(150);
    assert_eq!(call(sb.port, "PUT", &path, Some(&format!(r#"{{"tags":["{ok}"]}}"#))).status, 200);
    assert_eq!(call(sb.port, "PUT", &path, Some(r#"{"tags":[7]}"#)).status, 422);
    assert_eq!(call(sb.port, "POST", &path, Some("{tags")).status, 400);
    assert_eq!(call(sb.port, "DELETE", &path, None).status, 405);
    assert_eq!(call(sb.port, "GET", "/candidates/nope/tags", None).status, 404);
    assert_eq!(call(sb.port, "GET", "/nothing", None).status, 404);
}

#[test]
fn restricted_is_forbidden_on_every_candidate_endpoint() {
    let sb = start();
    let want = json!({"message": "You do not have access to this candidate"});
    for (method, path, body) in [
        ("GET", format!("/candidates/{MARY}"), None),
        ("PATCH", format!("/candidates/{MARY}"), Some(r#"{"firstName":"M"}"#)),
        ("GET", format!("/candidates/{MARY}/tags"), None),
        ("POST", format!("/candidates/{MARY}/tags"), Some(r#"{"tags":["a"]}"#)),
        ("PUT", format!("/candidates/{MARY}/tags"), Some(r#"{"tags":["a"]}"#)),
    ] {
        let r = call(sb.port, method, &path, body);
        assert_eq!((r.status, r.json()), (403, want.clone()), "{method} {path}");
    }
    let mary = sr_candidate(sb.port, MARY).unwrap();
    assert_eq!((mary["first_name"].as_str(), mary["tags"].clone()), (Some("Mary"), json!([])));
    // the page still shows her
    let page = send(sb.port, APP, "GET", &format!("/app/people/profile/{MARY}"), &[], None).unwrap();
    assert_eq!(page.status, 200);
}

#[test]
fn bad_key_is_401_and_too_many_is_429() {
    let sb = start();
    for key in ["", "sr_wrong"] {
        let r = send(sb.port, API, "POST", "/candidates", &[("X-SmartToken", key)], Some("{}")).unwrap();
        assert_eq!((r.status, r.json()), (401, json!({"message": "Unauthorized"})), "{key:?}");
    }
    client::set_config(sb.port, r#"{"smartrecruiters_rate_per_second": 3}"#);
    let path = format!("/candidates/{ADA}/tags");
    let mut accepted = 0;
    let mut limited = None;
    for _ in 0..12 {
        let r = call(sb.port, "POST", &path, Some(r#"{"tags":["x"]}"#));
        assert_eq!(r.header("x-ratelimit-limit"), Some("3"));
        match r.status {
            200 => accepted += 1,
            429 => {
                limited = Some(r);
                break;
            }
            s => panic!("unexpected {s}"),
        }
    }
    let r = limited.expect("a 429 within 12 quick requests");
    assert!(accepted >= 3, "the first three of a window pass");
    assert_eq!(r.json(), json!({"message": "Too many requests"}));
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(r.header("x-ratelimit-remaining"), Some("0"));
    // the refused write was not processed
    let tags = sr_candidate(sb.port, ADA).unwrap()["tags"].as_array().unwrap().len();
    assert_eq!(tags, 2 + accepted);
}

#[test]
fn faults_apply_to_the_api() {
    let sb = start();
    let path = format!("/candidates/{ADA}/tags");
    // before: not processed
    client::push_fault(
        sb.port,
        &format!(r#"{{"host":"{API}","method":"POST","path":"{path}","status":503}}"#),
    );
    let r = call(sb.port, "POST", &path, Some(r#"{"tags":["x"]}"#));
    assert_eq!(r.status, 503);
    assert_eq!(r.json(), json!({"message": "Service unavailable"}));
    assert_eq!(sr_candidate(sb.port, ADA).unwrap()["tags"], json!(["python", "referral"]));
    // after: processed, then the fault answers
    client::push_fault(
        sb.port,
        &format!(r#"{{"host":"{API}","method":"POST","path":"{path}","status":500,"mode":"after"}}"#),
    );
    let r = call(sb.port, "POST", &path, Some(r#"{"tags":["x"]}"#));
    assert_eq!(r.status, 500);
    assert_eq!(sr_candidate(sb.port, ADA).unwrap()["tags"], json!(["python", "referral", "x"]));
    // 429 fault and a closed connection
    client::push_fault(
        sb.port,
        &format!(r#"{{"host":"{API}","path":"/candidates","status":429,"retry_after":3}}"#),
    );
    let r = call(sb.port, "GET", "/candidates?q=x", None);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("x-rate-limit-try-again-seconds"), Some("3"));
    client::push_fault(
        sb.port,
        &format!(r#"{{"host":"{API}","method":"POST","path":"/candidates","status":0,"mode":"after"}}"#),
    );
    let gone = send(
        sb.port,
        API,
        "POST",
        "/candidates",
        &[("X-SmartToken", KEY)],
        Some(r#"{"firstName":"Dorothy","lastName":"Vaughan","email":"dorothy.vaughan@hellohire.example"}"#),
    );
    assert!(gone.is_err());
    assert_eq!(sr_candidates(sb.port).len(), 36, "created before the connection closed");
    // every one is logged, with its status
    let log = client::state(sb.port)["requests"].as_array().unwrap().clone();
    let statuses: Vec<u64> =
        log.iter().filter(|r| r["host"] == API).map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, vec![503, 500, 429, 0]);
}

#[test]
fn reset_restores_the_seed() {
    let sb = start();
    let before = client::state(sb.port)["ats"]["smartrecruiters"].clone();
    call(sb.port, "POST", "/candidates", Some(r#"{"firstName":"A","lastName":"B","email":"a@b.example"}"#));
    call(sb.port, "PATCH", &format!("/candidates/{EMMA}"), Some(r#"{"lastName":"Jansen"}"#));
    call(sb.port, "PUT", &format!("/candidates/{ADA}/tags"), Some(r#"{"tags":["gone"]}"#));
    assert_ne!(client::state(sb.port)["ats"]["smartrecruiters"], before);
    reset(sb.port);
    assert_eq!(client::state(sb.port)["ats"]["smartrecruiters"], before);
    let page = send(sb.port, APP, "GET", &format!("/app/people/profile/{ADA}"), &[], None).unwrap();
    assert!(page.body.contains("<li class=\"sr-tag\">referral</li>"));
    // ids after a reset are the same as the first time
    let a = call(
        sb.port,
        "POST",
        "/candidates",
        Some(r#"{"firstName":"A","lastName":"B","email":"a@b.example"}"#),
    );
    reset(sb.port);
    let b = call(
        sb.port,
        "POST",
        "/candidates",
        Some(r#"{"firstName":"A","lastName":"B","email":"a@b.example"}"#),
    );
    assert_eq!(a.json()["id"], b.json()["id"]);
}

#[test]
fn search_finds_a_new_candidate_only_after_the_index_lag_but_the_id_at_once() {
    let sb = start();
    client::set_config(sb.port, r#"{"search_lag_ms": 600}"#);
    let made = call(
        sb.port,
        "POST",
        "/candidates",
        Some(r#"{"firstName":"Dorothy","lastName":"Vaughan","email":"dorothy.vaughan@hellohire.example"}"#),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.json()["id"].as_str().unwrap().to_string();
    let q = "/candidates?q=dorothy.vaughan%40hellohire.example";
    let first = std::time::Instant::now();
    assert_eq!(call(sb.port, "GET", q, None).json()["totalFound"], 0, "a search right after the write");
    assert_eq!(call(sb.port, "GET", &format!("/candidates/{id}"), None).status, 200);
    // Found once the index catches up, and not before the lag is over.
    let found_after = loop {
        if call(sb.port, "GET", q, None).json()["totalFound"] == 1 {
            break first.elapsed();
        }
        assert!(first.elapsed().as_secs() < 10, "never indexed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(found_after.as_millis() >= 500, "found after {found_after:?}");
    // The realistic profile lags; the fast one (these tests) doesn't, after a reset.
    reset(sb.port);
    assert_eq!(client::config(sb.port)["search_lag_ms"], 0);
}

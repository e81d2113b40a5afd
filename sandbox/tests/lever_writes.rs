//! What the Spottabl workflow uses of Lever's API: users, archive reasons, postings by state and
//! channel with paging, opportunities created / moved / archived / noted as `perform_as`, the
//! `updated_at_start` filter and the rate limit.

use sandbox::client::{self, basic_auth, send, Response};
use serde_json::{json, Value};

const KEY: &str = "lv_demo_9fQx";
const API: &str = "api.lever.co";
const ADA: &str = "0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e01";
const CLEO_DEACTIVATED: &str = "0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e03";
const HIRED: &str = "7a3c1e00-0000-4000-8000-0000000000a1";
const POSTING_A: &str = "5ac21346-8e0c-4494-8e7a-3eb92ff77902";
const POSTING_B: &str = "9b2e4c61-7d3a-4f8e-b5c2-1a6d8e0f3b47";
const GRACE: &str = "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b";
const GRACE_CONTACT: &str = "b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d01";

/// A sandbox whose rate limit these tests never reach, but the one that sets its own.
fn start() -> sandbox::Handle {
    let sb = sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts");
    client::set_config(sb.port, r#"{"lever_rate_per_second": 1000, "lever_rate_burst": 1000}"#);
    sb
}

fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Response {
    let text = body.map(Value::to_string);
    send(port, API, method, path, &[("Authorization", &basic_auth(KEY))], text.as_deref()).expect("request")
}

fn candidate(name: &str, email: &str) -> Value {
    json!({
        "name": name, "emails": [email], "phones": [{"type": "mobile", "value": "+1 555 0199"}],
        "links": ["https://linkedin.example/in/x"], "tags": ["Spottabl"], "sources": ["Spottabl", "Northwind Talent"],
        "origin": "agency", "stage": "phone-screen", "postings": [POSTING_A],
    })
}

fn create(port: u16, body: &Value) -> Response {
    call(port, "POST", &format!("/v1/opportunities?perform_as={ADA}"), Some(body))
}

fn refused(r: &Response, status: u16, needle: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    let v = r.json();
    assert_eq!(v["code"], if status == 404 { "ResourceNotFound" } else { "BadRequestError" });
    assert!(v["message"].as_str().unwrap().contains(needle), "{needle:?} not in {}", r.body);
}

#[test]
fn users_and_archive_reasons() {
    let sb = start();
    let users = call(sb.port, "GET", "/v1/users", None).json();
    assert_eq!(users["hasNext"], false);
    let users = users["data"].as_array().unwrap().clone();
    assert_eq!(users.len(), 3);
    assert_eq!(
        users[0],
        json!({"id": ADA, "name": "Ada Recruiter", "email": "ada@acme.example", "accessRole": "super admin", "deactivatedAt": null})
    );
    assert!(users[2]["deactivatedAt"].is_i64());
    let hired = call(sb.port, "GET", "/v1/archive_reasons?type=hired", None).json();
    assert_eq!(hired["data"], json!([{"id": HIRED, "text": "Hired", "type": "hired"}]));
    let other = call(sb.port, "GET", "/v1/archive_reasons?type=non-hired", None).json();
    assert_eq!(other["data"].as_array().unwrap().len(), 3);
    assert_eq!(call(sb.port, "GET", "/v1/archive_reasons", None).json()["data"].as_array().unwrap().len(), 4);
}

#[test]
fn published_postings_page_with_url_encoded_tokens_and_sort_by_created_at() {
    let sb = start();
    let mut path =
        "/v1/postings?state=published&distributionChannel=public&distributionChannel=internal&limit=3"
            .to_string();
    let mut all = Vec::new();
    let mut pages = 0;
    loop {
        let r = call(sb.port, "GET", &path, None).json();
        pages += 1;
        all.extend(r["data"].as_array().unwrap().iter().cloned());
        if r["hasNext"] == false {
            assert!(r.get("next").is_none());
            break;
        }
        let next = r["next"].as_str().unwrap();
        assert!(next.starts_with("%5B%22"), "next comes URL-encoded: {next}");
        // the token goes back as it came; encoding it again is refused
        let twice = call(sb.port, "GET", &format!("/v1/postings?offset={}", next.replace('%', "%25")), None);
        refused(&twice, 400, "offset");
        path = format!("/v1/postings?state=published&distributionChannel=public&distributionChannel=internal&limit=3&offset={next}");
    }
    assert_eq!((all.len(), pages), (10, 4));
    assert!(all.iter().all(|p| p["state"] == "published"));
    let internal_only = call(sb.port, "GET", "/v1/postings?distributionChannel=internal", None).json();
    let n = internal_only["data"].as_array().unwrap().len();
    assert_eq!(n, 6, "A, three published on both channels, the internal-only one and the internal posting");
    all.sort_by_key(|p| std::cmp::Reverse(p["createdAt"].as_i64().unwrap()));
    let latest: Vec<&str> = all[..3].iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(
        latest,
        ["Field Service Lead", "Warehouse Automation Consultant", "Site Reliability Engineer"]
    );
    let p = &all[0];
    assert!(
        p["categories"]["department"].is_null() && p["updatedAt"].is_i64() && p["urls"]["apply"].is_string()
    );
    let a = call(sb.port, "GET", &format!("/v1/postings/{POSTING_A}"), None).json();
    assert_eq!(a["data"]["distributionChannels"], json!(["public", "internal"]));
}

#[test]
fn a_created_opportunity_is_in_its_posting_and_shares_a_known_contact() {
    let sb = start();
    let r = create(sb.port, &candidate("Marie Curie", "marie@example.com"));
    assert_eq!(r.status, 201, "{}", r.body);
    let d = r.json()["data"].clone();
    let id = d["id"].as_str().unwrap().to_string();
    assert_eq!((d["origin"].clone(), d["stage"].clone()), (json!("agency"), json!("phone-screen")));
    assert_eq!(d["sources"], json!(["Spottabl", "Northwind Talent"]));
    assert_eq!(d["phones"], json!([{"type": "mobile", "value": "+1 555 0199"}]));
    assert_eq!(d["archived"], Value::Null);
    assert_eq!(d["createdAt"], d["updatedAt"]);
    let pipeline = call(
        sb.port,
        "GET",
        &format!("/v1/opportunities?posting_id={POSTING_A}&email=marie%40example.com"),
        None,
    );
    assert_eq!(pipeline.json()["data"][0]["id"], id.as_str());
    let page = send(sb.port, "hire.lever.co", "GET", &format!("/candidates/{id}"), &[], None).unwrap();
    assert!(page.status == 200 && page.body.contains("Marie Curie"));
    let posting_page =
        send(sb.port, "hire.lever.co", "GET", &format!("/jobs/postings/{POSTING_A}"), &[], None).unwrap();
    assert!(posting_page.body.contains(&id));

    let mut again = candidate("Grace Hopper", "Grace.Hopper@example.com");
    again["postings"] = json!([POSTING_B]);
    let g = create(sb.port, &again).json()["data"].clone();
    assert_ne!(g["id"], GRACE);
    assert_eq!(g["contact"], GRACE_CONTACT);

    let st = client::state(sb.port);
    let writes = st["lever"]["writes"].as_array().unwrap();
    assert_eq!(writes.len(), 2);
    assert_eq!(writes[0]["perform_as"], ADA);
    assert_eq!(writes[0]["body"]["name"], "Marie Curie");
    assert!(st["opportunities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["id"] == id.as_str() && o["origin"] == "agency"));
}

#[test]
fn creates_are_refused_as_lever_refuses() {
    let sb = start();
    let body = candidate("Refused", "refused@example.com");
    let r = call(sb.port, "POST", "/v1/opportunities", Some(&body));
    refused(&r, 400, "perform_as");
    let r = call(sb.port, "POST", &format!("/v1/opportunities?perform_as={CLEO_DEACTIVATED}"), Some(&body));
    refused(&r, 400, "deactivated");
    let r = call(sb.port, "POST", "/v1/opportunities?perform_as=nobody", Some(&body));
    refused(&r, 400, "perform_as");
    let with = |k: &str, v: Value| {
        let mut b = body.clone();
        b[k] = v;
        create(sb.port, &b)
    };
    refused(&with("headline", json!("x")), 400, "Unknown field: headline");
    refused(&with("postings", json!([POSTING_A, POSTING_B])), 400, "exactly one");
    refused(&with("postings", json!([])), 400, "exactly one");
    refused(&with("postings", json!(["nope"])), 400, "Posting nope");
    refused(&with("stage", json!("nope")), 400, "Stage nope");
    refused(&with("origin", json!("partner")), 400, "origin must be one of");
    refused(&with("emails", json!("a@b.example")), 400, "emails must be an array");
    refused(&with("phones", json!([{"value": "1", "kind": "x"}])), 400, "phones[0]");
    refused(&with("owner", json!("nobody")), 400, "User nobody");
    let mut no_name = body.clone();
    no_name.as_object_mut().unwrap().remove("name");
    refused(&create(sb.port, &no_name), 400, "name is required");
    let st = client::state(sb.port);
    assert!(st["lever"]["writes"].as_array().unwrap().is_empty());
}

#[test]
fn stage_archive_and_updated_at_start() {
    let sb = start();
    let id = create(sb.port, &candidate("Rosalind Franklin", "rosalind@example.com")).json()["data"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let since = |t: i64| {
        let r = call(
            sb.port,
            "GET",
            &format!("/v1/opportunities?posting_id={POSTING_A}&updated_at_start={t}"),
            None,
        );
        r.json()["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let created = call(sb.port, "GET", &format!("/v1/opportunities/{id}"), None).json()["data"]["updatedAt"]
        .as_i64()
        .unwrap();
    assert_eq!(since(created), vec![id.clone()], "seeded opportunities were updated long before");
    std::thread::sleep(std::time::Duration::from_millis(5));

    let path = format!("/v1/opportunities/{id}/stage?perform_as={ADA}");
    let r = call(sb.port, "PUT", &path, Some(&json!({"stage": "on-site"})));
    assert_eq!(r.status, 200, "{}", r.body);
    let d = r.json()["data"].clone();
    assert_eq!(d["stage"], "on-site");
    let moved = d["updatedAt"].as_i64().unwrap();
    assert!(moved > created);
    assert_eq!(d["stageChanges"].as_array().unwrap().last().unwrap()["toStageId"], "on-site");
    assert_eq!(since(moved + 1), Vec::<String>::new());
    refused(&call(sb.port, "PUT", &path, Some(&json!({"stage": "nope"}))), 400, "Stage nope");
    refused(&call(sb.port, "PUT", &path, Some(&json!({"stage": "offer", "x": 1}))), 400, "Unknown field: x");
    refused(
        &call(sb.port, "PUT", &format!("/v1/opportunities/{id}/stage"), Some(&json!({"stage": "offer"}))),
        400,
        "perform_as",
    );
    let r = call(
        sb.port,
        "PUT",
        &format!("/v1/opportunities/nope/stage?perform_as={ADA}"),
        Some(&json!({"stage": "offer"})),
    );
    refused(&r, 404, "Opportunity");

    let path = format!("/v1/opportunities/{id}/archived?perform_as={ADA}");
    refused(&call(sb.port, "PUT", &path, Some(&json!({"reason": "nope"}))), 400, "Archive reason nope");
    let d = call(sb.port, "PUT", &path, Some(&json!({"reason": HIRED}))).json()["data"].clone();
    assert_eq!(d["archived"]["reason"], HIRED);
    assert!(d["archived"]["archivedAt"].is_i64());
    assert_eq!(since(moved), vec![id.clone()]);
    let st = client::state(sb.port);
    let o = st["opportunities"].as_array().unwrap().iter().find(|o| o["id"] == id.as_str()).unwrap().clone();
    assert_eq!(o["stage"], "on-site");
    assert_eq!(o["archived"]["reason"], HIRED);
    assert_eq!(st["lever"]["writes"].as_array().unwrap().len(), 3);
}

#[test]
fn notes_and_their_threads() {
    let sb = start();
    let path = format!("/v1/opportunities/{GRACE}/notes?perform_as={ADA}");
    let r = call(
        sb.port,
        "POST",
        &path,
        Some(&json!({"value": "Partner: strong on compilers.", "secret": false})),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let note = r.json()["data"]["noteId"].as_str().unwrap().to_string();
    let reply = format!("{path}&note_id={note}");
    assert_eq!(
        call(sb.port, "POST", &reply, Some(&json!({"value": "Agreed.", "createdAt": 1_790_000_000_000_i64})))
            .json()["data"]["noteId"],
        note.as_str()
    );
    refused(&call(sb.port, "POST", &path, Some(&json!({"value": " "}))), 400, "value");
    refused(
        &call(sb.port, "POST", &path, Some(&json!({"value": "x", "body": "y"}))),
        400,
        "Unknown field: body",
    );
    refused(
        &call(sb.port, "POST", &format!("{path}&note_id=nope"), Some(&json!({"value": "x"}))),
        404,
        "Note",
    );
    let list = call(sb.port, "GET", &format!("/v1/opportunities/{GRACE}/notes"), None).json();
    assert_eq!(list["hasNext"], false);
    let n = &list["data"][0];
    assert_eq!(
        (n["id"].as_str(), n["user"].as_str(), n["deletedAt"].clone()),
        (Some(note.as_str()), Some(ADA), Value::Null)
    );
    let fields = n["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0]["type"], "note");
    assert_eq!(fields[1]["value"], "Agreed.");
    assert_eq!(fields[1]["createdAt"], 1_790_000_000_000_i64);
    let st = client::state(sb.port);
    assert_eq!(st["lever"]["notes"][0]["opportunityId"], GRACE);
}

#[test]
fn over_ten_a_second_is_429_without_retry_after() {
    let sb = sandbox::start_fast("127.0.0.1:0", None).unwrap();
    assert_eq!(client::config(sb.port).get("lever_rate_per_second"), None, "the documented 10/s, burst 20");
    // Each request here takes a TLS handshake, so a few tokens refill on the way: the burst of
    // 20 passes, and the bucket runs dry soon after.
    let mut ok = 0;
    let r = loop {
        let r = call(sb.port, "GET", "/v1/stages", None);
        if r.status != 200 || ok > 60 {
            break r;
        }
        ok += 1;
    };
    assert!(ok >= 20, "only {ok} before the first 429");
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["code"], "TooManyRequests");
    assert_eq!(r.header("retry-after"), None);
    std::thread::sleep(std::time::Duration::from_millis(250));
    assert_eq!(call(sb.port, "GET", "/v1/stages", None).status, 200, "the bucket refills at 10/s");
    client::set_config(sb.port, r#"{"lever_rate_per_second": 1, "lever_rate_burst": 1}"#);
    let other =
        send(sb.port, API, "GET", "/v1/stages", &[("Authorization", &basic_auth("nope"))], None).unwrap();
    assert_eq!(other.status, 401, "a bad key is refused before it is counted");
}

#[test]
fn tags_are_added_once_and_removed() {
    let sb = start();
    let add = |tags: Value| {
        call(sb.port, "POST", &format!("/v1/opportunities/{GRACE}/addTags"), Some(&json!({ "tags": tags })))
    };
    let r = add(json!(["myinterview - shortlisted"]));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["data"]["tags"], json!(["myinterview - shortlisted"]));
    assert_eq!(add(json!(["myinterview - shortlisted"])).json()["data"]["tags"].as_array().unwrap().len(), 1);
    let state = client::state(sb.port);
    assert_eq!(state["lever"]["tags"][GRACE], json!(["myinterview - shortlisted"]));
    assert_eq!(state["lever"]["writes"].as_array().unwrap().len(), 2);
    refused(&add(json!("one")), 400, "tags");
    refused(&add(json!([" "])), 400, "tags");
    let r = call(sb.port, "POST", "/v1/opportunities/nope/addTags", Some(&json!({"tags": ["a"]})));
    refused(&r, 404, "not found");
    let r = call(
        sb.port,
        "POST",
        &format!("/v1/opportunities/{GRACE}/removeTags"),
        Some(&json!({"tags": ["myinterview - shortlisted"]})),
    );
    assert_eq!(r.json()["data"]["tags"], json!([]));
}

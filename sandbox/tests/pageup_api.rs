//! PageUp's token service and API: client credentials, scopes, expiry on the sandbox clock, the
//! status change by code recorded per instance, the reads, prefixes, faults and the state.

use sandbox::client::{self, send, Response};
use serde_json::{json, Value};

const LOGIN4: &str = "login.dc4.pageuppeople.com";
const API4: &str = "api.dc4.pageuppeople.com";
const ACME: &str = "100421";
const GLOBEX: &str = "200317";
const ACME_ID: &str = "pu_acme_live";
const ACME_SECRET: &str = "pu_acme_live_secret_5Jk";
/// Charlotte Kelly's application to job A, on both tenants' pages.
const APP: &str = "880001";
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

fn start() -> sandbox::Handle {
    sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts")
}

fn token_request(port: u16, host: &str, form: &str) -> Response {
    send(port, host, "POST", "/connect/token", &[FORM], Some(form)).expect("request")
}

fn token_for(port: u16, host: &str, id: &str, secret: &str, scope: &str) -> String {
    let form = format!("grant_type=client_credentials&client_id={id}&client_secret={secret}&scope={scope}");
    let r = token_request(port, host, &form);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["access_token"].as_str().unwrap().to_string()
}

fn acme_token(port: u16) -> String {
    token_for(
        port,
        LOGIN4,
        ACME_ID,
        ACME_SECRET,
        "Public.Application.Write%20Public.Application.Read+Public.Applicant.Read",
    )
}

fn call(port: u16, host: &str, token: &str, method: &str, path: &str, body: Option<Value>) -> Response {
    let auth = format!("Bearer {token}");
    send(port, host, method, path, &[("Authorization", &auth)], body.map(|b| b.to_string()).as_deref())
        .unwrap()
}

fn change_path(instance: &str, app: &str) -> String {
    format!("/v3/{instance}/recruitment/applications/{app}/changeapplicationstatusbycode")
}

fn oauth_error(r: &Response) -> (u16, String) {
    (r.status, r.json()["error"].as_str().unwrap_or("").to_string())
}

#[test]
fn a_token_is_issued_for_client_credentials() {
    let sb = start();
    let form = format!("grant_type=client_credentials&client_id={ACME_ID}&client_secret={ACME_SECRET}&scope=Public.Application.Write+Public.Applicant.Read");
    let r = token_request(sb.port, LOGIN4, &form);
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!((v["expires_in"].as_u64(), v["token_type"].as_str()), (Some(300), Some("Bearer")));
    assert_eq!(v["scope"], "Public.Application.Write Public.Applicant.Read");
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let st = client::state(sb.port)["pageup"]["tokens"].clone();
    assert_eq!(st.as_array().unwrap().len(), 1);
    assert_eq!((st[0]["client_id"].as_str(), st[0]["instance_id"].as_str()), (Some(ACME_ID), Some(ACME)));
    assert_eq!(st[0]["access_token"], v["access_token"]);
    assert_eq!(st[0]["expired"], false);
    // no scope: everything granted
    let form = format!("grant_type=client_credentials&client_id={ACME_ID}&client_secret={ACME_SECRET}");
    let v = token_request(sb.port, LOGIN4, &form).json();
    assert!(v["scope"].as_str().unwrap().contains("Public.Job.Read"));
    // UAT has its own credentials at its own host
    let uat =
        token_for(sb.port, "loginuat.dc4.pageuppeople.com", "pu_acme_uat", "pu_acme_uat_secret_2Vb", "");
    let r = call(
        sb.port,
        "apiuat.dc4.pageuppeople.com",
        &uat,
        "GET",
        &format!("/v3/{ACME}/recruitment/applications/{APP}"),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // a UAT token is unknown on LIVE
    assert_eq!(
        call(sb.port, API4, &uat, "GET", &format!("/v3/{ACME}/recruitment/applications/{APP}"), None).status,
        401
    );
}

#[test]
fn the_token_service_refuses_bad_clients_grants_and_scopes() {
    let sb = start();
    let good = format!("client_id={ACME_ID}&client_secret={ACME_SECRET}");
    let cases = [
        (
            LOGIN4,
            format!("grant_type=client_credentials&client_id={ACME_ID}&client_secret=nope"),
            "invalid_client",
        ),
        (
            LOGIN4,
            "grant_type=client_credentials&client_id=nobody&client_secret=x".to_string(),
            "invalid_client",
        ),
        (LOGIN4, format!("grant_type=client_credentials&client_id={ACME_ID}"), "invalid_client"),
        // a dc4 client is unknown in dc3, and LIVE credentials at the UAT host
        ("login.dc3.pageuppeople.com", format!("grant_type=client_credentials&{good}"), "invalid_client"),
        ("loginuat.dc4.pageuppeople.com", format!("grant_type=client_credentials&{good}"), "invalid_client"),
        (LOGIN4, format!("grant_type=password&{good}"), "unsupported_grant_type"),
        (LOGIN4, good.clone(), "unsupported_grant_type"),
        (LOGIN4, format!("grant_type=client_credentials&{good}&scope=Public.Nothing"), "invalid_scope"),
    ];
    for (host, form, want) in cases {
        let r = token_request(sb.port, host, &form);
        assert_eq!(oauth_error(&r), (400, want.to_string()), "{host} {form}: {}", r.body);
        assert!(r.json()["error_description"].is_string());
    }
    // a scope the client was not granted
    let form = "grant_type=client_credentials&client_id=pu_acme_readonly&client_secret=pu_acme_readonly_secret_9Pd&scope=Public.Application.Read%20Public.Application.Write";
    let r = token_request(sb.port, LOGIN4, form);
    assert_eq!(oauth_error(&r), (400, "invalid_scope".into()));
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("Public.Application.Write is not granted"));
    // JSON is not the documented form
    let r = send(
        sb.port,
        LOGIN4,
        "POST",
        "/connect/token",
        &[],
        Some(&json!({"grant_type": "client_credentials"}).to_string()),
    )
    .unwrap();
    assert_eq!(oauth_error(&r), (400, "invalid_request".into()));
    assert_eq!(send(sb.port, LOGIN4, "GET", "/connect/token", &[], None).unwrap().status, 405);
    assert_eq!(client::state(sb.port)["pageup"]["tokens"], json!([]));
}

#[test]
fn a_status_change_by_code_is_recorded_per_instance() {
    let sb = start();
    let t = acme_token(sb.port);
    let r = call(
        sb.port,
        API4,
        &t,
        "POST",
        &change_path(ACME, APP),
        Some(json!({"applicationStatusCode": "VIS"})),
    );
    assert_eq!((r.status, r.json()), (200, json!({})));
    let body = json!({"applicationStatusCode": "RFR", "statusChangeReasonId": 12});
    assert_eq!(call(sb.port, API4, &t, "POST", &change_path(ACME, APP), Some(body)).status, 200);
    let st = client::state(sb.port)["pageup"].clone();
    let changes = st["status_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!((changes[0]["from"].as_str(), changes[0]["to"].as_str()), (Some("NEW"), Some("VIS")));
    assert_eq!(changes[1]["status_change_reason_id"], 12);
    assert_eq!(
        (changes[1]["instance_id"].as_str(), changes[1]["application_id"].as_str()),
        (Some(ACME), Some(APP))
    );
    assert_eq!(
        (changes[1]["client_id"].as_str(), changes[1]["applicant_id"].as_str()),
        (Some(ACME_ID), Some("310001"))
    );
    let apps = |i: usize| st["instances"][i]["applications"].as_array().unwrap().clone();
    assert_eq!(apps(0).iter().find(|a| a["id"] == APP).unwrap()["status_code"], "RFR");
    // the other tenant shows the same ids; its application is untouched
    assert_eq!(st["instances"][1]["instance_id"], GLOBEX);
    assert_eq!(apps(1).iter().find(|a| a["id"] == APP).unwrap()["status_code"], "APPLIED");
    // and reads back through the API
    let r = call(sb.port, API4, &t, "GET", &format!("/v3/{ACME}/recruitment/applications/{APP}"), None);
    assert_eq!(
        r.json(),
        json!({"applicationId": 880001, "applicantId": 310001, "jobId": 512345, "statusCode": "RFR", "statusName": "Ready for review"})
    );
}

#[test]
fn globex_uses_its_own_codes_in_its_own_data_centre() {
    let sb = start();
    let t = token_for(
        sb.port,
        "login.dc3.pageuppeople.com",
        "pu_globex_live",
        "pu_globex_live_secret_4Tz",
        "Public.Application.Write",
    );
    let api3 = "api.dc3.pageuppeople.com";
    let r = call(
        sb.port,
        api3,
        &t,
        "POST",
        &change_path(GLOBEX, APP),
        Some(json!({"applicationStatusCode": "VIS"})),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["message"], "Unknown application status code: VIS");
    let r = call(
        sb.port,
        api3,
        &t,
        "POST",
        &change_path(GLOBEX, APP),
        Some(json!({"applicationStatusCode": "VIDEO_SENT"})),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // a token for one instance does not reach another, nor another data centre
    assert_eq!(
        call(
            sb.port,
            api3,
            &t,
            "POST",
            &change_path(ACME, APP),
            Some(json!({"applicationStatusCode": "VIS"}))
        )
        .status,
        403
    );
    assert_eq!(
        call(
            sb.port,
            API4,
            &t,
            "POST",
            &change_path(GLOBEX, APP),
            Some(json!({"applicationStatusCode": "VIDEO_SENT"}))
        )
        .status,
        401
    );
    let st = client::state(sb.port)["pageup"].clone();
    assert_eq!(st["status_changes"].as_array().unwrap().len(), 1);
    let acme = st["instances"][0]["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == APP)
        .unwrap()
        .clone();
    assert_eq!(acme["status_code"], "NEW");
}

#[test]
fn status_change_bodies_and_ids_are_checked() {
    let sb = start();
    let t = acme_token(sb.port);
    let post = |path: &str, body: Value| call(sb.port, API4, &t, "POST", path, Some(body));
    for (body, want) in [
        (json!({"applicationStatusCode": "VIS", "note": "x"}), "Unknown field: note"),
        (json!({"applicationStatusCode": 3}), "applicationStatusCode is required and must be a string"),
        (json!({}), "applicationStatusCode is required and must be a string"),
        (
            json!({"applicationStatusCode": "VIS", "statusChangeReasonId": "12"}),
            "statusChangeReasonId must be an integer",
        ),
        (json!({"applicationStatusCode": "NOPE"}), "Unknown application status code: NOPE"),
        (json!(["VIS"]), "The body must be a JSON object"),
    ] {
        let r = post(&change_path(ACME, APP), body);
        assert_eq!((r.status, r.json()["message"].as_str()), (400, Some(want)));
    }
    let r = post(&change_path(ACME, "999999"), json!({"applicationStatusCode": "VIS"}));
    assert_eq!((r.status, r.json()["message"].as_str()), (404, Some("Application not found")));
    let r = call(sb.port, API4, &t, "GET", &change_path(ACME, APP), None);
    assert_eq!(r.status, 405);
    assert_eq!(post(&format!("/v3/{ACME}/recruitment/nothing"), json!({})).status, 404);
    assert_eq!(client::state(sb.port)["pageup"]["status_changes"], json!([]));
}

#[test]
fn tokens_expire_on_the_sandbox_clock_and_are_checked() {
    let sb = start();
    let path = format!("/v3/{ACME}/recruitment/applications/{APP}");
    let r = call(sb.port, API4, "made-up", "GET", &path, None);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").unwrap().contains("invalid_token"));
    let r = send(sb.port, API4, "GET", &path, &[], None).unwrap();
    assert_eq!((r.status, r.json()["message"].as_str()), (401, Some("Unauthorized")));
    let t = acme_token(sb.port);
    assert_eq!(call(sb.port, API4, &t, "GET", &path, None).status, 200);
    client::set_config(sb.port, r#"{"clock_offset_s": 301}"#);
    let r = call(sb.port, API4, &t, "GET", &path, None);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").unwrap().contains("expired"));
    assert_eq!(client::state(sb.port)["pageup"]["tokens"][0]["expired"], true);
    // a shorter lifetime, as a test may set it
    client::set_config(sb.port, r#"{"clock_offset_s": 0, "pageup_token_ttl_s": 5}"#);
    let form = format!("grant_type=client_credentials&client_id={ACME_ID}&client_secret={ACME_SECRET}");
    let v = token_request(sb.port, LOGIN4, &form).json();
    assert_eq!(v["expires_in"], 5);
    let t = v["access_token"].as_str().unwrap();
    assert_eq!(call(sb.port, API4, t, "GET", &path, None).status, 200);
    client::set_config(sb.port, r#"{"clock_offset_s": 6}"#);
    assert_eq!(call(sb.port, API4, t, "GET", &path, None).status, 401);
    client::reset(sb.port);
    assert_eq!(client::config(sb.port)["pageup_token_ttl_s"], 300);
    assert_eq!(client::state(sb.port)["pageup"]["tokens"], json!([]));
}

#[test]
fn scopes_not_granted_are_refused_at_the_api() {
    let sb = start();
    let t = token_for(
        sb.port,
        LOGIN4,
        "pu_acme_readonly",
        "pu_acme_readonly_secret_9Pd",
        "Public.Application.Read",
    );
    let r = call(
        sb.port,
        API4,
        &t,
        "POST",
        &change_path(ACME, APP),
        Some(json!({"applicationStatusCode": "VIS"})),
    );
    assert_eq!(r.status, 403);
    assert!(r.header("www-authenticate").unwrap().contains("insufficient_scope"));
    let r = call(sb.port, API4, &t, "GET", &format!("/v3/{ACME}/recruitment/applicants/310001"), None);
    assert_eq!(r.status, 403, "Applicant.Read was not asked for");
    assert_eq!(
        call(sb.port, API4, &t, "GET", &format!("/v3/{ACME}/recruitment/applicationstatuses"), None).json()
            ["items"][1],
        json!({"code": "VIS", "name": "Video interview sent"})
    );
}

#[test]
fn applicants_by_id_and_email() {
    let sb = start();
    let t = acme_token(sb.port);
    let r = call(sb.port, API4, &t, "GET", &format!("/v3/{ACME}/recruitment/applicants/310001"), None);
    let v = r.json();
    assert_eq!(
        (v["firstName"].as_str(), v["email"].as_str()),
        (Some("Charlotte"), Some("charlotte.kelly@pageup.example.com"))
    );
    assert_eq!(v["applicationIds"], json!([880001, 880033]));
    let r = call(
        sb.port,
        API4,
        &t,
        "GET",
        &format!("/v3/{ACME}/recruitment/applicants?email=Amelia.Stewart%40pageup.example.com"),
        None,
    );
    assert_eq!(
        (r.json()["totalCount"].as_u64(), r.json()["items"][0]["applicantId"].as_u64()),
        (Some(1), Some(310002))
    );
    assert_eq!(
        call(sb.port, API4, &t, "GET", &format!("/v3/{ACME}/recruitment/applicants"), None).status,
        400
    );
    assert_eq!(
        call(sb.port, API4, &t, "GET", &format!("/v3/{ACME}/recruitment/applicants/1"), None).status,
        404
    );
}

#[test]
fn the_applications_prefix_is_a_setting() {
    let sb = start();
    let t = acme_token(sb.port);
    let plain = format!("/v3/{ACME}/applications/{APP}/changeapplicationstatusbycode");
    let body = || Some(json!({"applicationStatusCode": "SHL"}));
    assert_eq!(call(sb.port, API4, &t, "POST", &plain, body()).status, 200, "both by default");
    client::set_config(sb.port, r#"{"pageup_applications_prefix": "recruitment"}"#);
    assert_eq!(call(sb.port, API4, &t, "POST", &plain, body()).status, 404);
    assert_eq!(call(sb.port, API4, &t, "POST", &change_path(ACME, APP), body()).status, 200);
    client::set_config(sb.port, r#"{"pageup_applications_prefix": "plain"}"#);
    assert_eq!(call(sb.port, API4, &t, "POST", &change_path(ACME, APP), body()).status, 404);
    let changes = client::state(sb.port)["pageup"]["status_changes"].clone();
    let paths: Vec<&str> = changes.as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(paths, [plain.as_str(), change_path(ACME, APP).as_str()]);
}

#[test]
fn faults_and_hosts() {
    let sb = start();
    for h in [LOGIN4, API4, "loginuat.dc2.pageuppeople.com", "apiuat.dc5.pageuppeople.com"] {
        assert!(sandbox::HOSTS.contains(&h), "{h}");
    }
    client::push_fault(sb.port, r#"{"host":"login.dc4.pageuppeople.com","status":503}"#);
    let form = format!("grant_type=client_credentials&client_id={ACME_ID}&client_secret={ACME_SECRET}");
    let r = token_request(sb.port, LOGIN4, &form);
    assert_eq!(oauth_error(&r), (503, "temporarily_unavailable".into()));
    let t = acme_token(sb.port);
    client::push_fault(sb.port, r#"{"host":"api.dc4.pageuppeople.com","status":429,"retry_after":3}"#);
    let r = call(
        sb.port,
        API4,
        &t,
        "POST",
        &change_path(ACME, APP),
        Some(json!({"applicationStatusCode": "VIS"})),
    );
    assert_eq!((r.status, r.header("retry-after")), (429, Some("3")));
    assert_eq!(
        client::state(sb.port)["pageup"]["status_changes"],
        json!([]),
        "a before-fault changes nothing"
    );
    // control endpoints answer on the API hosts; no CORS
    let r = send(sb.port, API4, "GET", "/_sandbox/state", &[], None).unwrap();
    assert_eq!(r.json()["pageup"]["instances"][0]["clients"][0]["token_host"], LOGIN4);
    assert!(r.header("access-control-allow-origin").is_none());
}

#[test]
fn seeds_are_checked() {
    let mut seed = sandbox::Seed::demo();
    seed.pageup.instances[0].dc = "dc9".into();
    let e = sandbox::start_fast("127.0.0.1:0", Some(seed)).err().expect("refused");
    assert!(e.to_string().contains("unknown data centre"), "{e}");
    let mut seed = sandbox::Seed::demo();
    seed.pageup.instances[1].clients[0].scopes.push("Public.Everything".into());
    assert!(sandbox::start_fast("127.0.0.1:0", Some(seed)).is_err());
    let mut seed = sandbox::Seed::demo();
    seed.myinterview.companies[0].templates[0].questions[0]["answerType"] = json!("text");
    let e = sandbox::start_fast("127.0.0.1:0", Some(seed)).err().expect("refused");
    assert!(e.to_string().contains("answerType"), "{e}");
    // a seed file from before these vendors gets the demo's
    let mut v = serde_json::to_value(sandbox::Seed::demo()).unwrap();
    v.as_object_mut().unwrap().retain(|k, _| k != "pageup" && k != "myinterview");
    let old: sandbox::Seed = serde_json::from_value(v).unwrap();
    assert_eq!((old.pageup.instances.len(), old.myinterview.companies.len()), (2, 1));
}

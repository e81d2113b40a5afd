//! Lever job postings: the pipeline page (route and markup are OUR MODEL),
//! the "Jobs" section of candidate pages, `GET /v1/postings/{id}` and the
//! `"postings"` part of `/_sandbox/state`.

use sandbox::client::{self, basic_auth, send};
use serde_json::{json, Value};

const LEVER: &str = "lv_demo_9fQx";
const HIRE: &str = "hire.lever.co";
const POSTING_A: &str = "5ac21346-8e0c-4494-8e7a-3eb92ff77902";
const POSTING_B: &str = "9b2e4c61-7d3a-4f8e-b5c2-1a6d8e0f3b47";
const GRACE: &str = "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b";
const ALAN: &str = "8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6";
const KATHERINE: &str = "c0ffee00-1234-4abc-9def-00000000beef";
/// Extra demo opportunity 0 (posting A only).
const OLIVIA: &str = "a0d93fbe-eb2b-47e8-9288-aaaffc9fdd3e";
/// Extra demo opportunities 25 and 26 (postings A and B).
const SAMUEL: &str = "eb287454-a525-4d93-b3c3-c96143503d71";
const NORA: &str = "6620251a-5206-4465-9c79-1edccf30e349";

fn start() -> sandbox::Handle {
    sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts")
}

fn get(port: u16, host: &str, path: &str) -> client::Response {
    send(port, host, "GET", path, &[], None).expect("request")
}

fn api(port: u16, path: &str) -> client::Response {
    send(port, "api.lever.co", "GET", path, &[("Authorization", &basic_auth(LEVER))], None).expect("request")
}

/// `data-opportunity-id`s of the posting page's rows, in order.
fn row_ids(body: &str) -> Vec<String> {
    let marker = "<tr class=\"posting-candidate\" data-opportunity-id=\"";
    body.match_indices(marker)
        .map(|(i, _)| {
            let rest = &body[i + marker.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// `data-posting-id`s of a candidate page's "Jobs" section, in order.
fn posting_ids(body: &str) -> Vec<String> {
    let start = body.find("<section class=\"candidate-postings\"><h3>Jobs</h3>").expect("Jobs section");
    let section = &body[start..start + body[start..].find("</section>").unwrap()];
    let marker = "<a class=\"candidate-posting\" data-posting-id=\"";
    section
        .match_indices(marker)
        .map(|(i, _)| {
            let rest = &section[i + marker.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn lever_data(body: &str) -> Value {
    let open = "id=\"lever-data\">";
    let start = body.find(open).unwrap() + open.len();
    let end = start + body[start..].find("</script>").unwrap();
    serde_json::from_str(&body[start..end]).unwrap()
}

#[test]
fn posting_a_page_lists_thirty_candidates_with_escaped_description() {
    let sb = start();
    let r = get(sb.port, HIRE, &format!("/jobs/postings/{POSTING_A}"));
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert_eq!(r.header("content-security-policy"), None);
    let b = &r.body;
    assert!(b.contains("<h1 class=\"posting-title\">Robotics Software Engineer</h1>"), "{b}");
    assert!(b.contains("<div class=\"posting-location\">Pittsburgh, PA</div>"));
    assert!(b.contains(
        "<div class=\"posting-description\">Write the motion-planning &amp; perception code that drives our \
warehouse robots. You will own the &lt;b&gt;real-time&lt;/b&gt; control loop, from simulation to field \
trials. Rust &amp; ROS 2 experience is a plus.</div>"
    ));
    assert!(!b.contains("<b>"));
    assert!(b.contains("<table class=\"posting-candidates\">"));
    let ids = row_ids(b);
    assert_eq!(ids.len(), 30);
    assert_eq!(&ids[..4], [GRACE, ALAN, KATHERINE, OLIVIA]);
    assert_eq!(&ids[28..], [SAMUEL, NORA]);
    assert!(b.contains(&format!(
        "<tr class=\"posting-candidate\" data-opportunity-id=\"{GRACE}\"><td class=\"posting-candidate-name\">\
<a href=\"/candidates/{GRACE}\">Grace Hopper</a></td><td class=\"posting-candidate-email\">\
grace.hopper@example.com</td></tr>"
    )));
    assert!(b.contains(&format!(
        "<td class=\"posting-candidate-name\"><a href=\"/candidates/{OLIVIA}\">Olivia Anderson</a></td>\
<td class=\"posting-candidate-email\">olivia.anderson@lever.example.com</td>"
    )));
    // same look as candidate pages: top bar, external script and stylesheet, nothing inline
    assert!(b.contains("<header class=\"lever-topbar\">"));
    assert!(b.contains("<button type=\"button\" class=\"lever-btn lever-advance\">Advance</button>"));
    assert!(b.contains("<script src=\"/static/lever-app.js\" defer></script>"));
    assert!(b.contains("<link rel=\"stylesheet\" href=\"/static/lever-app.css\">"));
    assert!(!b.contains(" onclick=") && !b.contains(" style="));
    assert_eq!(b.matches("<script").count(), 2, "only the app script and the JSON data block");
    // no #lever-profile, so lever-app.js leaves the page alone
    assert!(!b.contains("id=\"lever-profile\""));
    assert!(b.contains(&format!(
        "<main class=\"lever-posting\" id=\"lever-posting\" data-posting-id=\"{POSTING_A}\">"
    )));
}

#[test]
fn posting_b_page_lists_three_candidates() {
    let sb = start();
    let r = get(sb.port, HIRE, &format!("/jobs/postings/{POSTING_B}"));
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<h1 class=\"posting-title\">Hardware Test Lead</h1>"));
    assert!(r.body.contains("<div class=\"posting-location\">Austin, TX</div>"));
    assert!(r.body.contains("<div class=\"posting-description\">Plan the test rigs"));
    assert_eq!(row_ids(&r.body), [ALAN, SAMUEL, NORA]);
    assert!(r.body.contains(&format!("<a href=\"/candidates/{NORA}\">Nora Bennett</a>")));
    assert!(r.body.contains("<td class=\"posting-candidate-email\">samuel.zimmerman@lever.example.com</td>"));
}

#[test]
fn posting_page_on_other_hire_hosts_and_unknown_id() {
    let sb = start();
    for host in ["hire.eu.lever.co", "hire.sandbox.lever.co"] {
        let r = get(sb.port, host, &format!("/jobs/postings/{POSTING_B}"));
        assert_eq!(r.status, 200, "{host}");
        assert_eq!(row_ids(&r.body).len(), 3, "{host}");
    }
    for path in
        ["/jobs/postings/nope", "/jobs/postings/", "/jobs/postings", &format!("/jobs/postings/{GRACE}")]
    {
        let r = get(sb.port, HIRE, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.contains("<main class=\"lever-notfound\">"), "{path}");
    }
    let post = send(sb.port, HIRE, "POST", &format!("/jobs/postings/{POSTING_A}"), &[], None).unwrap();
    assert_eq!(post.status, 405);
}

#[test]
fn posting_page_csp_strict() {
    let sb = start();
    let r = get(sb.port, HIRE, &format!("/jobs/postings/{POSTING_A}?csp=strict"));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-security-policy"), Some("script-src 'self'; frame-src 'none'"));
    assert_eq!(row_ids(&r.body).len(), 30);
    let missing = get(sb.port, HIRE, "/jobs/postings/nope?csp=strict");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-security-policy"), Some("script-src 'self'; frame-src 'none'"));
}

#[test]
fn candidate_pages_list_their_postings() {
    let sb = start();
    let cases: [(&str, &[&str]); 5] = [
        (ALAN, &[POSTING_A, POSTING_B]),
        (GRACE, &[POSTING_A]),
        (KATHERINE, &[POSTING_A]),
        (OLIVIA, &[POSTING_A]),
        (NORA, &[POSTING_A, POSTING_B]),
    ];
    for (id, want) in cases {
        let r = get(sb.port, HIRE, &format!("/candidates/{id}"));
        assert_eq!(r.status, 200);
        assert_eq!(posting_ids(&r.body), want, "{id}");
    }
    let alan = get(sb.port, HIRE, &format!("/candidates/{ALAN}"));
    assert!(alan.body.contains(&format!(
        "<section class=\"candidate-postings\"><h3>Jobs</h3>\
<a class=\"candidate-posting\" data-posting-id=\"{POSTING_A}\" href=\"/jobs/postings/{POSTING_A}\">Robotics Software Engineer</a>\
<a class=\"candidate-posting\" data-posting-id=\"{POSTING_B}\" href=\"/jobs/postings/{POSTING_B}\">Hardware Test Lead</a>\
</section>"
    )));
    // the existing profile markup is still there
    assert!(alan.body.contains("<h2 class=\"candidate-name\">Alan Turing</h2>"));
    assert!(alan.body.contains("<span class=\"candidate-stage\">New applicant</span>"));
    assert!(alan
        .body
        .contains(&format!("<a class=\"candidate-link\" href=\"/candidates/{GRACE}\">Grace Hopper</a>")));
    assert_eq!(alan.body.matches("class=\"candidate-link\"").count(), 29);

    // every opportunity's postings are in #lever-data for the client-side re-render
    let data = lever_data(&alan.body);
    let people = data.as_array().unwrap();
    assert_eq!(people.len(), 30);
    let find = |id: &str| people.iter().find(|p| p["id"] == id).unwrap().clone();
    assert_eq!(
        find(ALAN)["postings"],
        json!([{"id": POSTING_A, "text": "Robotics Software Engineer"}, {"id": POSTING_B, "text": "Hardware Test Lead"}])
    );
    assert_eq!(find(GRACE)["postings"], json!([{"id": POSTING_A, "text": "Robotics Software Engineer"}]));
    assert_eq!(find(GRACE)["stage"], "Phone screen");
    assert_eq!(find(OLIVIA)["email"], "olivia.anderson@lever.example.com");

    let js = get(sb.port, HIRE, "/static/lever-app.js").body;
    assert!(js.contains("candidate-postings") && js.contains("candidate-posting"));
    assert!(js.contains("if (!dataEl || !main)"), "still bails out on pages without a profile");
}

#[test]
fn index_links_postings() {
    let sb = start();
    let r = get(sb.port, HIRE, "/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&format!(
        "<a class=\"posting-link\" href=\"/jobs/postings/{POSTING_A}\">Robotics Software Engineer</a>"
    )));
    assert!(r.body.contains(&format!(
        "<a class=\"posting-link\" href=\"/jobs/postings/{POSTING_B}\">Hardware Test Lead</a>"
    )));
    assert!(r.body.contains("Katherine Johnson") && r.body.contains("Nora Bennett"));
}

#[test]
fn api_serves_postings() {
    let sb = start();
    let r = api(sb.port, &format!("/v1/postings/{POSTING_A}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let d = &r.json()["data"];
    assert_eq!(d["id"], POSTING_A);
    assert_eq!(d["text"], "Robotics Software Engineer");
    assert_eq!(d["categories"]["location"], "Pittsburgh, PA");
    let desc = d["content"]["description"].as_str().unwrap();
    assert!(desc.contains("<b>real-time</b>") && desc.contains("motion-planning & perception"));
    let all = api(sb.port, "/v1/postings").json();
    assert_eq!(all["hasNext"], false);
    assert_eq!(all["data"].as_array().unwrap().len(), 14);
    assert_eq!(all["data"][1]["categories"]["location"], "Austin, TX");
    let missing = api(sb.port, "/v1/postings/nope");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["code"], "ResourceNotFound");
    let anon = get(sb.port, "api.lever.co", &format!("/v1/postings/{POSTING_A}"));
    assert_eq!(anon.status, 401);
}

#[test]
fn state_has_postings() {
    let sb = start();
    let st = client::state(sb.port);
    assert_eq!(st, {
        let mut s = sb.snapshot();
        // only the clock and the request log may differ
        s["now"] = st["now"].clone();
        s["requests"] = st["requests"].clone();
        s
    });
    let postings = st["postings"].as_array().unwrap();
    // A and B, then the twelve postings with empty pipelines that make "latest N" page
    assert_eq!(postings.len(), 14);
    let a = &postings[0];
    assert_eq!(a["id"], POSTING_A);
    assert_eq!(a["text"], "Robotics Software Engineer");
    assert_eq!(a["location"], "Pittsburgh, PA");
    assert!(a["description"].as_str().unwrap().contains("<b>real-time</b>"));
    assert_eq!(a["url"], format!("https://hire.lever.co/jobs/postings/{POSTING_A}").as_str());
    let a_ids: Vec<&str> =
        a["opportunity_ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(a_ids.len(), 30);
    let all: Vec<&str> =
        st["opportunities"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(a_ids, all, "posting A holds every demo opportunity, in seed order");
    assert_eq!(postings[1]["id"], POSTING_B);
    assert_eq!(postings[1]["opportunity_ids"], json!([ALAN, SAMUEL, NORA]));

    // the 27 new ones: UUID-shaped ids, first.last@lever.example.com, New applicant
    for o in &st["opportunities"].as_array().unwrap()[3..] {
        let id = o["id"].as_str().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
        let name = o["name"].as_str().unwrap().to_ascii_lowercase();
        let (first, last) = name.split_once(' ').unwrap();
        assert_eq!(o["emails"], json!([format!("{first}.{last}@lever.example.com")]));
        assert_eq!(o["stage"], "applicant-new");
        assert_eq!(o["stage_text"], "New applicant");
    }

    // reset keeps them (and the deterministic ids)
    client::reset(sb.port);
    assert_eq!(client::state(sb.port)["postings"], st["postings"]);
}

#[test]
fn old_three_opportunities_unchanged() {
    let sb = start();
    let want = [
        (
            GRACE,
            "Grace Hopper",
            "grace.hopper@example.com",
            "phone-screen",
            "Phone screen",
            "b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d01",
        ),
        (
            ALAN,
            "Alan Turing",
            "alan.turing@example.com",
            "applicant-new",
            "New applicant",
            "b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d02",
        ),
        (
            KATHERINE,
            "Katherine Johnson",
            "katherine.johnson@example.com",
            "on-site",
            "On-site interview",
            "b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d03",
        ),
    ];
    let st = client::state(sb.port);
    for (n, (id, name, email, stage, stage_text, contact)) in want.into_iter().enumerate() {
        let o = &st["opportunities"][n];
        assert_eq!(o["id"], id);
        assert_eq!(o["name"], name);
        assert_eq!(o["emails"], json!([email]));
        assert_eq!(o["stage"], stage);
        assert_eq!(o["stage_text"], stage_text);
        assert_eq!(o["contact"], contact);

        let d = api(sb.port, &format!("/v1/opportunities/{id}")).json()["data"].clone();
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "applications",
                "archived",
                "contact",
                "createdAt",
                "emails",
                "followers",
                "id",
                "links",
                "name",
                "origin",
                "owner",
                "phones",
                "sources",
                "stage",
                "stageChanges",
                "tags",
                "updatedAt",
                "urls"
            ]
        );
        assert_eq!(d["name"], name);
        assert_eq!(d["stage"], stage);
        assert_eq!(d["urls"]["show"], format!("https://hire.lever.co/candidates/{id}").as_str());

        let page = get(sb.port, HIRE, &format!("/candidates/{id}"));
        assert!(page.body.contains(&format!("<h2 class=\"candidate-name\">{name}</h2>")));
        assert!(page
            .body
            .contains(&format!("<a class=\"candidate-email\" href=\"mailto:{email}\">{email}</a>")));
        assert!(page.body.contains(&format!("<span class=\"candidate-stage\">{stage_text}</span>")));
    }
    assert_eq!(st["opportunities"][1]["phones"], json!([{"type": "home", "value": "+44 20 7946 0000"}]));
}

#[test]
fn seed_without_postings_loads_with_none() {
    let seed: sandbox::Seed = serde_json::from_str(include_str!("evil-seed.json")).unwrap();
    assert!(seed.lever.postings.is_empty());
    let sb = sandbox::start_fast("127.0.0.1:0", Some(seed)).unwrap();
    assert_eq!(client::state(sb.port)["postings"], json!([]));
    let page = get(sb.port, HIRE, "/candidates/evil-2");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<section class=\"candidate-postings\"><h3>Jobs</h3></section>"));
    assert_eq!(lever_data(&page.body)[1]["postings"], json!([]));
    assert_eq!(get(sb.port, HIRE, &format!("/jobs/postings/{POSTING_A}")).status, 404);
}

#[test]
fn posting_text_is_escaped_and_bad_postings_are_refused() {
    let mut seed: sandbox::Seed = serde_json::from_str(include_str!("evil-seed.json")).unwrap();
    seed.lever.postings.push(sandbox::Posting {
        id: "evil-posting".into(),
        text: "</script><script>alert(3)</script>".into(),
        location: "<i>Here</i>".into(),
        description: "a & b".into(),
        opportunity_ids: vec!["evil-1".into()],
    });
    let sb = sandbox::start_fast("127.0.0.1:0", Some(seed.clone())).unwrap();
    let page = get(sb.port, HIRE, "/jobs/postings/evil-posting");
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("<h1 class=\"posting-title\">&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;</h1>"));
    assert!(page.body.contains("<div class=\"posting-location\">&lt;i&gt;Here&lt;/i&gt;</div>"));
    assert!(page.body.contains("<div class=\"posting-description\">a &amp; b</div>"));
    assert!(page.body.contains("<a href=\"/candidates/evil-1\">&lt;img src=x onerror=alert(1)&gt;</a>"));
    assert!(!page.body.contains("<script>alert"));
    let cand = get(sb.port, HIRE, "/candidates/evil-1");
    assert!(cand.body.contains("&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;</a></section>"));
    assert_eq!(lever_data(&cand.body)[0]["postings"][0]["text"], "</script><script>alert(3)</script>");

    let mut unknown = seed.clone();
    unknown.lever.postings[0].opportunity_ids.push("nobody".into());
    let err = sandbox::start_fast("127.0.0.1:0", Some(unknown)).err().expect("unknown opportunity refused");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    let mut twice = seed.clone();
    twice.lever.postings.push(twice.lever.postings[0].clone());
    assert!(sandbox::start_fast("127.0.0.1:0", Some(twice)).is_err(), "duplicate posting id refused");
    let mut repeated = seed;
    repeated.lever.postings[0].opportunity_ids.push("evil-1".into());
    assert!(
        sandbox::start_fast("127.0.0.1:0", Some(repeated)).is_err(),
        "candidate twice in a pipeline refused"
    );
}

#[test]
fn a_posting_published_in_lever_is_listed_as_published_now() {
    let h = start();
    let body = r#"{"text":"Robotics Technician","location":"Austin, TX"}"#;
    let ct = [("Content-Type", "application/json")];
    let made = send(h.port, "api.lever.co", "POST", "/_sandbox/lever/postings", &ct, Some(body)).unwrap();
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.json()["data"]["id"].as_str().unwrap().to_string();
    let listed = api(h.port, "/v1/postings?state=published&distributionChannel=public").json();
    let p = listed["data"].as_array().unwrap().iter().find(|p| p["id"] == id.as_str()).cloned().unwrap();
    assert_eq!((p["text"].as_str(), p["state"].as_str()), (Some("Robotics Technician"), Some("published")));
    assert!(p["createdAt"].as_i64().unwrap() > 1_700_000_000_000, "now, in ms");
    let bad = send(h.port, "api.lever.co", "POST", "/_sandbox/lever/postings", &ct, Some(r#"{"title":"x"}"#))
        .unwrap();
    assert_eq!(bad.status, 400, "a misspelt field is refused: {}", bad.body);
    let elsewhere =
        send(h.port, "hire.lever.co", "POST", "/_sandbox/lever/postings", &ct, Some(body)).unwrap();
    assert_eq!(elsewhere.status, 404, "control endpoints answer on API hosts only");
}

//! The modelled Top Echelon, Oorwin, SmartRecruiters and PageUp pages and the
//! SmartRecruiters candidate API, over HTTPS against in-process sandboxes.

use sandbox::client::{self, send};
use serde_json::Value;

const TE: &str = "bigbiller.topechelon.com";
const OW: &str = "acme.oorwin.com";
const SR: &str = "www.smartrecruiters.com";
const SR_API: &str = "api.smartrecruiters.com";
const PU: &str = "acme.dc4.pageuppeople.com";
const SR_KEY: &str = "sr_demo_4Wd8";
const CSP: &str = "script-src 'self'; frame-src 'none'";

fn start() -> sandbox::Handle {
    sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts")
}

fn get(port: u16, host: &str, path: &str) -> client::Response {
    send(port, host, "GET", path, &[], None).expect("request")
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// One stylesheet, one external script, the empty favicon, and nothing inline.
fn assert_page_shape(body: &str, ats: &str) {
    assert!(body.contains("<link rel=\"icon\" href=\"data:,\">"), "{body}");
    assert_eq!(count(body, "<link rel=\"stylesheet\""), 1, "{body}");
    assert!(body.contains(&format!("<link rel=\"stylesheet\" href=\"/static/{ats}-app.css\">")));
    let scripts = count(body, "<script");
    let external = count(body, &format!("<script src=\"/static/{ats}-app.js\" defer></script>"));
    let data = count(body, "<script type=\"application/json\"");
    assert_eq!(external, 1, "{body}");
    assert_eq!(scripts, external + data, "only the app script and JSON data: {body}");
    assert!(!body.contains(" style="), "no inline styles");
    assert!(!body.contains("<style"), "no style elements");
    for handler in [" onclick=", " onload=", " onerror=", " onmouseover=", " onsubmit="] {
        assert!(!body.contains(handler), "no inline handlers: {handler}");
    }
}

fn assert_csp(port: u16, host: &str, path_without_query: &str, sep: char) {
    let plain = get(port, host, path_without_query);
    assert_eq!(plain.status, 200, "{host}{path_without_query}");
    assert_eq!(plain.header("content-security-policy"), None);
    let strict = get(port, host, &format!("{path_without_query}{sep}csp=strict"));
    assert_eq!(strict.status, 200);
    assert_eq!(strict.header("content-security-policy"), Some(CSP), "{host}");
}

fn assert_assets(port: u16, host: &str, ats: &str) {
    let js = get(port, host, &format!("/static/{ats}-app.js"));
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
    assert!(js.body.contains("use strict"));
    let css = get(port, host, &format!("/static/{ats}-app.css"));
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    // Only SmartRecruiters' top bar is pinned: the page the extension must fit a fixed header on.
    let fixed: Vec<&str> = css.body.lines().filter(|l| l.contains("position: fixed")).collect();
    if ats == "smartrecruiters" {
        assert_eq!(fixed.len(), 1, "{fixed:?}");
        assert!(fixed[0].starts_with(".sr-topbar {"), "{fixed:?}");
    } else {
        assert!(fixed.is_empty(), "{ats}: {fixed:?}");
    }
}

/// The demo's ids for one ATS, read from `/_sandbox/state`.
struct Demo {
    job_a: String,
    job_b: String,
    /// The candidate in both jobs.
    shared: Value,
    /// A candidate only in job A.
    ordinary: Value,
    ats: Value,
}

fn demo(port: u16, ats: &str) -> Demo {
    let a = client::state(port)["ats"][ats].clone();
    let job_a = a["jobs"][0]["id"].as_str().unwrap().to_string();
    let job_b = a["jobs"][1]["id"].as_str().unwrap().to_string();
    let cands = a["candidates"].as_array().unwrap();
    let shared = cands.iter().find(|c| c["job_ids"].as_array().unwrap().len() == 2).unwrap().clone();
    let ordinary = cands
        .iter()
        .find(|c| c["job_ids"].as_array().unwrap().len() == 1 && c["job_ids"][0] == job_a.as_str())
        .unwrap()
        .clone();
    Demo { job_a, job_b, shared, ordinary, ats: a }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn hosts_and_resolver_rules_include_the_new_ats() {
    for h in [TE, OW, SR, SR_API, PU] {
        assert!(sandbox::HOSTS.contains(&h), "{h}");
        assert!(sandbox::host_resolver_rules(4443).contains(&format!("MAP {h} 127.0.0.1:4443")));
    }
}

#[test]
fn state_has_the_ats_key() {
    let sb = start();
    let st = client::state(sb.port);
    let ats = st["ats"].as_object().expect("ats object");
    let keys: Vec<&str> = ats.keys().map(String::as_str).collect();
    for k in ["topechelon", "oorwin", "smartrecruiters", "pageup"] {
        assert!(keys.contains(&k), "{k}");
        let a = &ats[k];
        assert_eq!(a["jobs"].as_array().unwrap().len(), 2, "{k}");
        assert_eq!(a["jobs"][0]["candidate_ids"].as_array().unwrap().len(), 30, "{k}");
        assert_eq!(a["jobs"][1]["candidate_ids"].as_array().unwrap().len(), 3, "{k}");
        let in_both: Vec<&Value> = a["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["job_ids"].as_array().unwrap().len() == 2)
            .collect();
        assert_eq!(in_both.len(), 1, "{k}: one shared candidate");
        // the generated 32 (SmartRecruiters also has three Hellohire people)
        for c in a["candidates"].as_array().unwrap().iter().take(32) {
            let email = s(&c["email"]);
            assert!(email.ends_with(&format!("@{k}.example.com")), "{email}");
            assert!(email.is_ascii() && email == email.to_ascii_lowercase(), "{email}");
        }
    }
    assert_eq!(st["ats"]["topechelon"]["jobs"][0]["title"], "Senior Payroll Accountant");
    assert_eq!(st["ats"]["topechelon"]["jobs"][0]["location"], "Chicago, IL");
    assert_eq!(st["ats"]["oorwin"]["jobs"][0]["title"], "Java Developer");
    assert_eq!(st["ats"]["oorwin"]["jobs"][0]["location"], "Dallas, TX");
    assert_eq!(st["ats"]["smartrecruiters"]["jobs"][0]["title"], "Warehouse Supervisor");
    assert_eq!(st["ats"]["smartrecruiters"]["jobs"][0]["location"], "Rotterdam, Netherlands");
    assert_eq!(st["ats"]["smartrecruiters"]["jobs"][0]["id"], "5f9b1c2d3e4f5a6b7c8d9e0f");
    assert_eq!(st["ats"]["pageup"]["jobs"][0]["title"], "Registered Nurse – ICU");
    assert_eq!(st["ats"]["pageup"]["jobs"][0]["location"], "Melbourne, Australia");
    assert_eq!(st["ats"]["smartrecruiters"]["api_keys"][0], SR_KEY);
    assert_eq!(st["ats"]["topechelon"]["candidates"][0]["id"], "40001");
    assert_eq!(
        st["ats"]["topechelon"]["candidates"][0]["url"],
        "https://bigbiller.topechelon.com/people/40001"
    );
    // the snapshot in-process says the same
    assert_eq!(sb.snapshot()["ats"], st["ats"]);
    // page requests are logged like the others
    get(sb.port, TE, "/people/40001");
    let log = client::state(sb.port)["requests"].clone();
    assert_eq!(log[0]["host"], TE);
    assert_eq!(log[0]["path"], "/people/40001");
}

#[test]
fn topechelon_person_and_job_pages() {
    let sb = start();
    let d = demo(sb.port, "topechelon");
    let id = s(&d.shared["id"]);
    let page = get(sb.port, TE, &format!("/people/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    assert_page_shape(&page.body, "topechelon");
    let b = &page.body;
    assert!(b.contains(&format!("<h1 class=\"person-name\">{}</h1>", s(&d.shared["name"]))), "{b}");
    let email = s(&d.shared["email"]);
    assert!(b.contains(&format!("<a class=\"person-email\" href=\"mailto:{email}\">{email}</a>")));
    assert!(b.contains("<section class=\"person-jobs\"><h2>Jobs</h2><ul><li><a class=\"person-job\""));
    assert_eq!(count(b, "class=\"person-job\""), 2);
    for (job, title) in [(&d.job_a, "Senior Payroll Accountant"), (&d.job_b, s(&d.ats["jobs"][1]["title"]))] {
        assert!(b.contains(&format!(
            "<li><a class=\"person-job\" data-job-id=\"{job}\" href=\"/network/jobs/{job}/info\">{title}</a></li>"
        )));
    }
    assert!(b.contains("class=\"te-topbar-actions\""));

    let one = get(sb.port, TE, &format!("/people/{}", s(&d.ordinary["id"])));
    assert_eq!(count(&one.body, "class=\"person-job\""), 1);

    // demo data with an apostrophe is escaped
    let obrien = d.ats["candidates"].as_array().unwrap().iter().find(|c| s(&c["last_name"]) == "O'Brien");
    let obrien = obrien.expect("an O'Brien in the demo");
    let page = get(sb.port, TE, &format!("/people/{}", s(&obrien["id"])));
    assert!(page.body.contains("O&#39;Brien</h1>"));

    let job = get(sb.port, TE, &format!("/network/jobs/{}/info", d.job_a));
    assert_eq!(job.status, 200);
    assert_page_shape(&job.body, "topechelon");
    let b = &job.body;
    assert!(b.contains("<h1 class=\"job-title\">Senior Payroll Accountant</h1>"));
    assert!(b.contains("<div class=\"job-location\">Chicago, IL</div>"));
    assert!(b.contains("<div class=\"job-description\">"));
    assert!(b.contains("&lt;b&gt;") && b.contains("&amp;"), "description escaped");
    assert!(b.contains("<table class=\"job-candidates\">"));
    assert_eq!(count(b, "<tr class=\"job-candidate\""), 30);
    let email = s(&d.ordinary["email"]);
    let oid = s(&d.ordinary["id"]);
    assert!(b.contains(&format!(
        "<tr class=\"job-candidate\" data-person-id=\"{oid}\"><td class=\"candidate-name\"><a href=\"/people/{oid}\">{}</a></td><td class=\"candidate-email\">{email}</td></tr>",
        s(&d.ordinary["name"])
    )));
    let job_b = get(sb.port, TE, &format!("/network/jobs/{}/info", d.job_b));
    assert_eq!(count(&job_b.body, "<tr class=\"job-candidate\""), 3);

    let index = get(sb.port, TE, "/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains(&format!("href=\"/network/jobs/{}/info\"", d.job_a)));
    assert!(index.body.contains(&format!("href=\"/people/{id}\"")));
    assert_eq!(get(sb.port, TE, "/people/99999").status, 404);
    assert_eq!(get(sb.port, TE, "/network/jobs/nope/info").status, 404);
    assert_eq!(send(sb.port, TE, "POST", "/people/40001", &[], None).unwrap().status, 405);
    assert_csp(sb.port, TE, &format!("/people/{id}"), '?');
    assert_csp(sb.port, TE, &format!("/network/jobs/{}/info", d.job_a), '?');
    assert_assets(sb.port, TE, "topechelon");
}

fn oorwin_data(body: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"oorwin-data\">";
    let start = body.find(open).expect("data block") + open.len();
    let end = body[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&body[start..end]).expect("data is JSON")
}

#[test]
fn oorwin_shell_data_and_script() {
    let sb = start();
    let d = demo(sb.port, "oorwin");
    for path in ["/", "/app", "/anything/at/all"] {
        let r = get(sb.port, OW, path);
        assert_eq!(r.status, 200, "{path}");
        assert_page_shape(&r.body, "oorwin");
        assert!(r.body.contains("<main id=\"ow-root\""));
        assert!(r.body.contains("class=\"ow-topbar-actions\""));
    }
    let shell = get(sb.port, OW, "/");
    let data = oorwin_data(&shell.body);
    assert!(!shell.body.contains("<b>"), "`<` escaped in the data block");
    assert!(shell.body.contains("\\u003cb\\u003e"));
    let job_a = data["jobs"].as_array().unwrap().iter().find(|j| j["id"] == d.job_a.as_str()).unwrap();
    assert_eq!(job_a["title"], "Java Developer");
    assert_eq!(job_a["location"], "Dallas, TX");
    assert_eq!(job_a["candidate_ids"].as_array().unwrap().len(), 30);
    assert!(s(&job_a["description"]).contains("<b>"));
    let shared = data["candidates"].as_array().unwrap().iter().find(|c| c["id"] == d.shared["id"]).unwrap();
    assert_eq!(shared["name"], d.shared["name"]);
    assert_eq!(shared["email"], d.shared["email"]);
    assert_eq!(shared["job_ids"], serde_json::json!([d.job_a, d.job_b]));
    assert!(s(&d.shared["id"]).chars().all(|c| c.is_ascii_digit()));
    assert!(d.job_a.chars().all(|c| c.is_ascii_digit()));

    let js = get(sb.port, OW, "/static/oorwin-app.js").body;
    for needle in [
        "hashchange",
        "150",
        "ow-candidate-name",
        "ow-candidate-email",
        "ow-pipeline-job",
        "ow-pipeline-table",
        "ow-pipeline-row",
        "pipeline_details",
        "textContent",
    ] {
        assert!(js.contains(needle), "{needle}");
    }
    assert!(!js.contains("innerHTML"), "render with DOM APIs only");
    assert_csp(sb.port, OW, "/", '?');
    assert_assets(sb.port, OW, "oorwin");
    assert_eq!(get(sb.port, OW, "/static/nope.js").status, 404);
}

#[test]
fn smartrecruiters_profile_application_and_job_pages() {
    let sb = start();
    let d = demo(sb.port, "smartrecruiters");
    let cid = s(&d.shared["id"]);
    assert_eq!(cid.len(), 36);
    assert_eq!(d.job_a.len(), 24);
    let (name, email) = (s(&d.shared["name"]), s(&d.shared["email"]));
    let header = format!(
        "<sr-candidate-header data-candidate-id=\"{cid}\"><h1 class=\"sr-candidate-name\">{name}</h1><a class=\"sr-candidate-email\" href=\"mailto:{email}\">{email}</a></sr-candidate-header>"
    );
    let profile = get(sb.port, SR, &format!("/app/people/profile/{cid}"));
    assert_eq!(profile.status, 200);
    assert_page_shape(&profile.body, "smartrecruiters");
    assert!(profile.body.contains(&header), "{}", profile.body);
    assert!(profile.body.contains("<sr-candidate-jobs><a class=\"sr-job\""));
    assert_eq!(count(&profile.body, "<a class=\"sr-job\""), 2);
    for job in [&d.job_a, &d.job_b] {
        assert!(profile.body.contains(&format!(
            "<a class=\"sr-job\" data-job-id=\"{job}\" href=\"/app/jobs/details/{job}\">"
        )));
    }
    assert!(profile.body.contains("class=\"sr-topbar-actions\""));

    // each (candidate, job) has an application id; its page shows the same person
    let apps = d.shared["application_ids"].as_array().unwrap();
    assert_eq!(apps.len(), 2);
    for app in apps {
        let r = get(sb.port, SR, &format!("/app/people/applications/{}", s(app)));
        assert_eq!(r.status, 200);
        assert!(r.body.contains(&header));
        assert_eq!(count(&r.body, "<a class=\"sr-job\""), 2);
        assert!(r.body.contains(&format!("data-application-id=\"{}\"", s(app))));
    }
    let ordinary_app = s(&d.ordinary["application_ids"][0]);
    let r = get(sb.port, SR, &format!("/app/people/applications/{ordinary_app}"));
    assert!(r.body.contains(&format!("<h1 class=\"sr-candidate-name\">{}</h1>", s(&d.ordinary["name"]))));
    assert_eq!(count(&r.body, "<a class=\"sr-job\""), 1);
    // upper-case ids work too
    assert_eq!(get(sb.port, SR, &format!("/app/people/profile/{}", cid.to_uppercase())).status, 200);

    let job = get(sb.port, SR, &format!("/app/jobs/details/{}", d.job_a));
    assert_eq!(job.status, 200);
    assert_page_shape(&job.body, "smartrecruiters");
    let b = &job.body;
    assert!(b.contains("<h1 class=\"sr-job-title\">Warehouse Supervisor</h1>"));
    assert!(b.contains("<span class=\"sr-job-location\">Rotterdam, Netherlands</span>"));
    assert!(b.contains("<div class=\"sr-job-description\">"));
    assert!(b.contains("&lt;b&gt;") && b.contains("&amp;"));
    assert_eq!(count(b, "<tr class=\"sr-applicant\""), 30);
    let oid = s(&d.ordinary["id"]);
    assert!(b.contains(&format!(
        "<tr class=\"sr-applicant\" data-candidate-id=\"{oid}\"><td class=\"sr-applicant-name\"><a href=\"/app/people/profile/{oid}\">{}</a></td><td class=\"sr-applicant-email\">{}</td></tr>",
        s(&d.ordinary["name"]),
        s(&d.ordinary["email"])
    )));
    assert_eq!(
        count(
            &get(sb.port, SR, &format!("/app/jobs/details/{}", d.job_b)).body,
            "<tr class=\"sr-applicant\""
        ),
        3
    );

    assert_eq!(get(sb.port, SR, "/app/people/profile/00000000-0000-4000-8000-000000000000").status, 404);
    assert_eq!(get(sb.port, SR, "/app/people/applications/nope").status, 404);
    assert_eq!(get(sb.port, SR, "/app/jobs/details/000000000000000000000000").status, 404);
    assert_eq!(get(sb.port, SR, "/app").status, 200);
    assert_csp(sb.port, SR, &format!("/app/people/profile/{cid}"), '?');
    assert_csp(sb.port, SR, &format!("/app/jobs/details/{}", d.job_a), '?');
    assert_assets(sb.port, SR, "smartrecruiters");
}

#[test]
fn smartrecruiters_api_auth_404_and_rate_headers() {
    let sb = start();
    let d = demo(sb.port, "smartrecruiters");
    let cid = s(&d.shared["id"]);
    let path = format!("/candidates/{cid}");

    let none = send(sb.port, SR_API, "GET", &path, &[], None).unwrap();
    assert_eq!(none.status, 401);
    assert_eq!(none.json(), serde_json::json!({"message": "Unauthorized"}));
    assert_eq!(none.header("access-control-allow-origin"), None, "no CORS on an API host");
    assert_eq!(none.header("x-ratelimit-limit"), Some("10"));
    let bad = send(sb.port, SR_API, "GET", &path, &[("X-SmartToken", "sr_nope")], None).unwrap();
    assert_eq!(bad.status, 401);
    // Basic auth is not how SmartRecruiters authenticates
    let basic = client::basic_auth(SR_KEY);
    let r = send(sb.port, SR_API, "GET", &path, &[("Authorization", &basic)], None).unwrap();
    assert_eq!(r.status, 401);

    let ok = send(sb.port, SR_API, "GET", &path, &[("X-SmartToken", SR_KEY)], None).unwrap();
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(
        ok.json(),
        serde_json::json!({
            "id": cid,
            "firstName": d.shared["first_name"],
            "lastName": d.shared["last_name"],
            "email": d.shared["email"],
            "phoneNumber": null,
            "tags": [],
        })
    );
    assert_eq!(ok.header("x-ratelimit-limit"), Some("10"));
    assert_eq!(ok.header("x-ratelimit-remaining"), Some("9"));

    let missing = send(
        sb.port,
        SR_API,
        "GET",
        "/candidates/00000000-0000-4000-8000-000000000000",
        &[("X-SmartToken", SR_KEY)],
        None,
    )
    .unwrap();
    assert_eq!(missing.status, 404);
    assert!(missing.json()["message"].is_string());
    assert!(missing.header("x-ratelimit-remaining").is_some());

    // No CORS: the token header is for servers and extensions, not pages.
    let pre = send(
        sb.port,
        SR_API,
        "OPTIONS",
        &path,
        &[("Origin", "https://evil.example"), ("Access-Control-Request-Headers", "x-smarttoken")],
        None,
    )
    .unwrap();
    assert_eq!(pre.status, 405);
    assert_eq!(pre.header("access-control-allow-headers"), None);

    // 10 a second per key: keep asking until the window is spent
    let mut last_remaining = u64::MAX;
    let mut limited = None;
    for _ in 0..40 {
        let r = send(sb.port, SR_API, "GET", &path, &[("X-SmartToken", SR_KEY)], None).unwrap();
        let remaining: u64 = r.header("x-ratelimit-remaining").unwrap().parse().unwrap();
        assert_eq!(r.header("x-ratelimit-limit"), Some("10"));
        if r.status == 429 {
            limited = Some(r);
            break;
        }
        assert_eq!(r.status, 200);
        if remaining < last_remaining {
            last_remaining = remaining;
        }
    }
    let limited = limited.expect("a 429 within 40 quick requests");
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    assert!(limited.json()["message"].is_string());
    assert_eq!(last_remaining, 0, "the window counted down to 0 before the 429");
    // a new window after a second
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let r = send(sb.port, SR_API, "GET", &path, &[("X-SmartToken", SR_KEY)], None).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-ratelimit-remaining"), Some("9"));

    // the limit is configurable
    client::set_config(sb.port, r#"{"smartrecruiters_rate_per_second": 2}"#);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let r = send(sb.port, SR_API, "GET", &path, &[("X-SmartToken", SR_KEY)], None).unwrap();
    assert_eq!(r.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(r.header("x-ratelimit-remaining"), Some("1"));
}

#[test]
fn pageup_board_and_resume_pages() {
    let sb = start();
    let d = demo(sb.port, "pageup");
    let board = get(sb.port, PU, &format!("/ManageApplications/ApplicantProgressBoard?lJobId={}", d.job_a));
    assert_eq!(board.status, 200);
    assert_page_shape(&board.body, "pageup");
    let b = &board.body;
    assert!(b.contains("<h1 class=\"pu-job-title\">Registered Nurse – ICU</h1>"));
    assert!(b.contains("<span class=\"pu-job-location\">Melbourne, Australia</span>"));
    assert!(b.contains("<div class=\"pu-job-description\">"));
    assert!(b.contains("&lt;b&gt;") && b.contains("&amp;"));
    assert_eq!(count(b, "<a class=\"pu-card\""), 30);
    let app = s(&d.ordinary["application_ids"][0]);
    let applicant = s(&d.ordinary["id"]);
    // API-NOTES: a card links to the application with both ids; the name is an <h3>.
    assert!(b.contains(&format!(
        "<a class=\"pu-card\" href=\"/ApplicantProgressBoard/OpenResume?applicationId={app}&amp;applicantId={applicant}\"><h3>{}</h3><span class=\"pu-card-email\">{}</span></a>",
        s(&d.ordinary["name"]),
        s(&d.ordinary["email"])
    )), "{b}");
    // Columns are the tenant's statuses, headed "Status (n)": all new before anything moved.
    assert!(
        b.contains(
            "<h2 class=\"pu-column-title\">New application (30)</h2>\n<div class=\"overflow-y-auto\">"
        ),
        "{b}"
    );
    assert!(b.contains("<h2 class=\"pu-column-title\">Video interview sent (0)</h2>"));
    // A status changed through PageUp's API moves the card, on this tenant only.
    let token = send(
        sb.port,
        "login.dc4.pageuppeople.com",
        "POST",
        "/connect/token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some("grant_type=client_credentials&client_id=pu_acme_live&client_secret=pu_acme_live_secret_5Jk"),
    )
    .unwrap()
    .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let moved = send(
        sb.port,
        "api.dc4.pageuppeople.com",
        "POST",
        &format!("/v3/100421/recruitment/applications/{app}/changeapplicationstatusbycode"),
        &[("Authorization", &format!("Bearer {token}")), ("Content-Type", "application/json")],
        Some(r#"{"applicationStatusCode":"VIS"}"#),
    )
    .unwrap();
    assert_eq!(moved.status, 200, "{}", moved.body);
    let after =
        get(sb.port, PU, &format!("/ManageApplications/ApplicantProgressBoard?lJobId={}", d.job_a)).body;
    assert!(after.contains("<h2 class=\"pu-column-title\">Video interview sent (1)</h2>"), "{after}");
    let other_tenant = get(
        sb.port,
        "globex.dc3.pageuppeople.com",
        &format!("/ManageApplications/ApplicantProgressBoard?lJobId={}", d.job_a),
    )
    .body;
    assert!(other_tenant.contains("<h2 class=\"pu-column-title\">Applied (30)</h2>"), "{other_tenant}");
    assert!(b.contains("class=\"pu-topbar-actions\""));
    // parameter names in any case
    let lower = get(sb.port, PU, &format!("/ManageApplications/ApplicantProgressBoard?ljobid={}", d.job_b));
    assert_eq!(lower.status, 200);
    assert_eq!(count(&lower.body, "<a class=\"pu-card\""), 3);

    // the shared person: two applications, each page lists the other
    let apps: Vec<&str> = d.shared["application_ids"].as_array().unwrap().iter().map(s).collect();
    assert_eq!(apps.len(), 2);
    assert!(apps.iter().all(|a| a.chars().all(|c| c.is_ascii_digit())));
    let (name, email) = (s(&d.shared["name"]), s(&d.shared["email"]));
    for (this, other, job, other_job) in
        [(apps[0], apps[1], &d.job_a, &d.job_b), (apps[1], apps[0], &d.job_b, &d.job_a)]
    {
        let r = get(sb.port, PU, &format!("/ApplicantProgressBoard/OpenResume?applicationId={this}"));
        assert_eq!(r.status, 200);
        assert_page_shape(&r.body, "pageup");
        let b = &r.body;
        assert!(b.contains(&format!("<h1 class=\"pu-applicant-name\">{name}</h1>")));
        assert!(b.contains(&format!("<a class=\"pu-applicant-email\" href=\"mailto:{email}\">{email}</a>")));
        let title =
            s(&d.ats["jobs"].as_array().unwrap().iter().find(|j| j["id"] == job.as_str()).unwrap()["title"]);
        assert!(b.contains(&format!("<div class=\"pu-applicant-job\" data-job-id=\"{job}\">{title}</div>")));
        let other_title =
            s(&d.ats["jobs"].as_array().unwrap().iter().find(|j| j["id"] == other_job.as_str()).unwrap()
                ["title"]);
        assert!(b.contains(&format!(
            "<ul class=\"pu-other-applications\"><li><a href=\"/ApplicantProgressBoard/OpenResume?applicationId={other}&amp;applicantId={}\" data-job-id=\"{other_job}\">{other_title}</a></li></ul>",
            s(&d.shared["id"])
        )), "{b}");
    }
    let r = get(sb.port, PU, &format!("/applicantprogressboard/openresume?applicationid={app}"));
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&format!("<h1 class=\"pu-applicant-name\">{}</h1>", s(&d.ordinary["name"]))));
    assert!(r.body.contains("<ul class=\"pu-other-applications\"></ul>"));

    assert_eq!(get(sb.port, PU, "/ManageApplications/ApplicantProgressBoard?lJobId=1").status, 404);
    assert_eq!(get(sb.port, PU, "/ManageApplications/ApplicantProgressBoard").status, 404);
    assert_eq!(get(sb.port, PU, "/ApplicantProgressBoard/OpenResume?applicationId=1").status, 404);
    assert_eq!(get(sb.port, PU, "/").status, 200);
    assert_csp(sb.port, PU, &format!("/ManageApplications/ApplicantProgressBoard?lJobId={}", d.job_a), '&');
    assert_csp(sb.port, PU, &format!("/ApplicantProgressBoard/OpenResume?applicationId={app}"), '&');
    assert_assets(sb.port, PU, "pageup");
}

/// The demo with hostile names and titles in every ATS.
fn evil_seed() -> sandbox::Seed {
    let mut seed = sandbox::Seed::demo();
    for d in
        [&mut seed.ats.topechelon, &mut seed.ats.oorwin, &mut seed.ats.smartrecruiters, &mut seed.ats.pageup]
    {
        d.candidates[0].first_name = "<img src=x onerror=alert(1)>".into();
        d.candidates[0].last_name = "\"Quote\" & 'Apos'".into();
        d.jobs[1].title = "Job </script><script>alert(2)</script>".into();
    }
    seed
}

#[test]
fn ats_pages_escape_data() {
    let sb = sandbox::start_fast("127.0.0.1:0", Some(evil_seed())).unwrap();
    let d = |ats: &str| demo(sb.port, ats);
    let escaped_name = "&lt;img src=x onerror=alert(1)&gt; &quot;Quote&quot; &amp; &#39;Apos&#39;";
    let escaped_job = "Job &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;";
    let check = |body: &str, what: &str| {
        assert!(!body.contains("<img src=x"), "{what}: {body}");
        assert!(!body.contains("<script>alert"), "{what}");
        assert!(body.contains(escaped_name), "{what}: {body}");
    };

    let te = d("topechelon");
    let r = get(sb.port, TE, &format!("/people/{}", s(&te.shared["id"])));
    check(&r.body, "te person");
    assert!(r.body.contains(&format!("<h1 class=\"person-name\">{escaped_name}</h1>")));
    assert!(r.body.contains(escaped_job));
    check(&get(sb.port, TE, &format!("/network/jobs/{}/info", te.job_a)).body, "te job");

    let sr = d("smartrecruiters");
    let r = get(sb.port, SR, &format!("/app/people/profile/{}", s(&sr.shared["id"])));
    check(&r.body, "sr profile");
    assert!(r.body.contains(&format!("<h1 class=\"sr-candidate-name\">{escaped_name}</h1>")));
    assert!(r.body.contains(escaped_job));
    check(&get(sb.port, SR, &format!("/app/jobs/details/{}", sr.job_a)).body, "sr job");

    let pu = d("pageup");
    let app = s(&pu.shared["application_ids"][0]);
    let r = get(sb.port, PU, &format!("/ApplicantProgressBoard/OpenResume?applicationId={app}"));
    check(&r.body, "pu resume");
    assert!(r.body.contains(&format!("<h1 class=\"pu-applicant-name\">{escaped_name}</h1>")));
    assert!(r.body.contains(escaped_job));
    let board = get(sb.port, PU, &format!("/ManageApplications/ApplicantProgressBoard?lJobId={}", pu.job_a));
    check(&board.body, "pu board");

    let shell = get(sb.port, OW, "/");
    assert!(!shell.body.contains("<img src=x"));
    assert!(!shell.body.contains("</script><script>"));
    assert!(shell.body.contains("\\u003cimg src=x onerror=alert(1)\\u003e"));
    let data = oorwin_data(&shell.body);
    assert_eq!(data["candidates"][0]["name"], "<img src=x onerror=alert(1)> \"Quote\" & 'Apos'");
    assert_eq!(data["jobs"][1]["title"], "Job </script><script>alert(2)</script>");

    // the API returns the raw strings as JSON
    let api = send(
        sb.port,
        SR_API,
        "GET",
        &format!("/candidates/{}", s(&sr.shared["id"])),
        &[("X-SmartToken", SR_KEY)],
        None,
    )
    .unwrap();
    assert_eq!(api.json()["firstName"], "<img src=x onerror=alert(1)>");
}

#[test]
fn old_seed_files_load_and_get_the_demo_ats() {
    // no "ats" key at all
    let seed: sandbox::Seed = serde_json::from_str(include_str!("evil-seed.json")).unwrap();
    let sb = sandbox::start_fast("127.0.0.1:0", Some(seed)).unwrap();
    let st = client::state(sb.port);
    assert_eq!(st["ats"]["pageup"]["jobs"][0]["title"], "Registered Nurse – ICU");
    assert_eq!(get(sb.port, TE, "/people/40001").status, 200);

    // one ATS given, the others from the demo; application ids generated
    let mut v: Value = serde_json::from_str(include_str!("evil-seed.json")).unwrap();
    v["ats"] = serde_json::json!({
        "pageup": {
            "jobs": [{"id": "77", "title": "Porter", "location": "Perth, Australia"}],
            "candidates": [{"id": "1", "first_name": "Pat", "last_name": "Lee", "email": "pat.lee@pageup.example.com"}],
            "applications": [{"candidate_id": "1", "job_id": "77"}]
        },
        "smartrecruiters": {"api_keys": ["sr_other"]}
    });
    let seed: sandbox::Seed = serde_json::from_value(v).unwrap();
    let sb = sandbox::start_fast("127.0.0.1:0", Some(seed)).unwrap();
    let st = client::state(sb.port);
    assert_eq!(st["ats"]["pageup"]["jobs"].as_array().unwrap().len(), 1);
    let app = s(&st["ats"]["pageup"]["applications"][0]["id"]).to_string();
    assert_eq!(app, "1");
    let r = get(sb.port, PU, &format!("/ApplicantProgressBoard/OpenResume?applicationId={app}"));
    assert!(r.body.contains("<h1 class=\"pu-applicant-name\">Pat Lee</h1>"));
    assert_eq!(st["ats"]["oorwin"]["jobs"].as_array().unwrap().len(), 2);
    assert_eq!(st["ats"]["smartrecruiters"]["jobs"].as_array().unwrap().len(), 0);
    assert_eq!(st["ats"]["smartrecruiters"]["api_keys"][0], "sr_other");

    // a broken reference is refused at start
    let mut seed = sandbox::Seed::demo();
    seed.ats.oorwin.applications[0].candidate_id = "missing".into();
    let err = sandbox::start_fast("127.0.0.1:0", Some(seed)).err().expect("bad seed refused");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn reset_keeps_the_ats_data() {
    let sb = start();
    let before = client::state(sb.port)["ats"].clone();
    get(sb.port, PU, "/");
    client::reset(sb.port);
    assert_eq!(client::state(sb.port)["ats"], before);
}

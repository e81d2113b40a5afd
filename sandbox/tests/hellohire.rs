//! Hellohire's modelled pages on `www.tryhellohire.com`: the markup contract
//! the extension's adapter reads, group vs one-on-one rooms, CSP, assets.

use sandbox::client::{self, send};
use serde_json::Value;

const HH: &str = "www.tryhellohire.com";
const CSP: &str = "script-src 'self'; frame-src 'none'";

fn start() -> sandbox::Handle {
    sandbox::start_fast("127.0.0.1:0", None).expect("sandbox starts")
}

fn get(port: u16, path: &str) -> client::Response {
    send(port, HH, "GET", path, &[], None).expect("request")
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// One stylesheet, one external script, the empty favicon, nothing inline,
/// nothing external.
fn assert_page_shape(body: &str) {
    assert!(body.contains("<link rel=\"icon\" href=\"data:,\">"));
    assert_eq!(count(body, "<link rel=\"stylesheet\""), 1);
    assert!(body.contains("<link rel=\"stylesheet\" href=\"/static/hellohire-app.css\">"));
    assert_eq!(count(body, "<script"), 1);
    assert!(body.contains("<script src=\"/static/hellohire-app.js\" defer></script>"));
    assert!(!body.contains(" style=") && !body.contains("<style"));
    for handler in [" onclick=", " onload=", " onerror="] {
        assert!(!body.contains(handler));
    }
    assert!(!body.contains("http://") && !body.contains("https://"), "no external resources");
}

#[test]
fn host_is_served_and_mapped() {
    assert!(sandbox::HOSTS.contains(&HH));
    assert!(sandbox::host_resolver_rules(4443).contains(&format!("MAP {HH} 127.0.0.1:4443")));
}

#[test]
fn index_lists_the_interviews() {
    let sb = start();
    for path in ["/interviews", "/"] {
        let r = get(sb.port, path);
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert_page_shape(&r.body);
        assert!(r
            .body
            .contains("<a class=\"hh-interview-link\" href=\"/interviews/csr-2026/registrations\">CSR</a>"));
        assert!(r
            .body
            .contains("href=\"/interviews/warehouse-open-day/registrations\">Warehouse Open Day</a>"));
        assert!(r.body.contains("href=\"/interviews/warehouse-open-day/room\""));
    }
}

#[test]
fn registrations_page_contract() {
    let sb = start();
    let r = get(sb.port, "/interviews/csr-2026/registrations");
    assert_eq!(r.status, 200);
    assert_page_shape(&r.body);
    let b = &r.body;
    assert!(b.contains("<main class=\"hh-registrations\" data-interview-id=\"csr-2026\"><h1 class=\"hh-interview-name\">CSR</h1>"), "{b}");
    assert!(b.contains(
        "<table class=\"hh-registrants\"><tbody><tr class=\"hh-registrant\" data-registration-id=\"r-101\">"
    ));
    assert!(b.contains(
        "<tr class=\"hh-registrant\" data-registration-id=\"r-101\"><td class=\"hh-first-name\">Ada</td><td class=\"hh-last-name\">Lovelace</td><td><a class=\"hh-registrant-email\" href=\"mailto:ada.lovelace@hellohire.example\">ada.lovelace@hellohire.example</a></td><td><a class=\"hh-join\" href=\"/interviews/csr-2026/room/r-101\">Join room</a></td></tr>"
    ));
    assert_eq!(count(b, "<tr class=\"hh-registrant\""), 4);
    for (rid, first) in [("r-102", "Katherine"), ("r-103", "Dorothy"), ("r-104", "Mary")] {
        assert!(
            b.contains(&format!("data-registration-id=\"{rid}\"><td class=\"hh-first-name\">{first}</td>"))
        );
    }
    // a group interview lists its registrants too; they join the shared room
    let g = get(sb.port, "/interviews/warehouse-open-day/registrations");
    assert_eq!(g.status, 200);
    assert!(g.body.contains("<h1 class=\"hh-interview-name\">Warehouse Open Day</h1>"));
    assert_eq!(count(&g.body, "<tr class=\"hh-registrant\""), 2);
    assert_eq!(count(&g.body, "<a class=\"hh-join\" href=\"/interviews/warehouse-open-day/room\">"), 2);
}

#[test]
fn one_on_one_room_contract() {
    let sb = start();
    let r = get(sb.port, "/interviews/csr-2026/room/r-102");
    assert_eq!(r.status, 200);
    assert_page_shape(&r.body);
    let b = &r.body;
    assert!(b.contains(
        "<main class=\"hh-room\" data-room-type=\"one-on-one\" data-interview-id=\"csr-2026\"><header class=\"hh-room-header\"><h1 class=\"hh-interview-name\">CSR</h1>"
    ), "{b}");
    assert!(b.contains(
        "<aside class=\"hh-candidate\" data-registration-id=\"r-102\"><h2 class=\"hh-candidate-name\"><span class=\"hh-first-name\">Katherine</span> <span class=\"hh-last-name\">Johnson</span></h2><a class=\"hh-candidate-email\" href=\"mailto:katherine.johnson@hellohire.example\">katherine.johnson@hellohire.example</a><div class=\"hh-rating\" role=\"group\" aria-label=\"Rating\"><button type=\"button\">Yes</button><button type=\"button\">Maybe</button><button type=\"button\">No</button></div></aside></main>"
    ));
    assert_eq!(count(b, "class=\"hh-candidate\""), 1);
    assert_eq!(count(b, "class=\"hh-first-name\""), 1);
    assert!(!b.contains("hh-participant"));
    assert_eq!(get(sb.port, "/interviews/csr-2026/room/r-999").status, 404);
}

#[test]
fn group_room_contract_and_kind_mismatches() {
    let sb = start();
    let r = get(sb.port, "/interviews/warehouse-open-day/room");
    assert_eq!(r.status, 200);
    assert_page_shape(&r.body);
    let b = &r.body;
    assert!(b.contains(
        "<main class=\"hh-room\" data-room-type=\"group\" data-interview-id=\"warehouse-open-day\">"
    ));
    assert!(b.contains("<h1 class=\"hh-interview-name\">Warehouse Open Day</h1>"));
    assert!(b.contains(
        "<ul class=\"hh-participants\"><li class=\"hh-participant\"><span class=\"hh-first-name\">Grace</span> <span class=\"hh-last-name\">Hopper</span></li><li class=\"hh-participant\"><span class=\"hh-first-name\">Alan</span> <span class=\"hh-last-name\">Turing</span></li></ul>"
    ));
    assert!(!b.contains("hh-candidate"), "no candidate panel in a group room");
    assert!(!b.contains("hh-rating"));
    // a one-on-one room URL for a group interview, and the other way round
    for path in [
        "/interviews/warehouse-open-day/room/r-201",
        "/interviews/csr-2026/room",
        "/interviews/nope/registrations",
        "/interviews/nope/room",
        "/interviews/csr-2026",
        "/interviews/csr-2026/room/r-101/extra",
        "/elsewhere",
    ] {
        let r = get(sb.port, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.contains("Page not found"));
        assert_page_shape(&r.body);
        assert!(!r.body.contains("hh-room"));
    }
}

#[test]
fn get_only_csp_and_assets() {
    let sb = start();
    let r = send(sb.port, HH, "POST", "/interviews/csr-2026/registrations", &[], Some("{}")).unwrap();
    assert_eq!(r.status, 405);
    for path in [
        "/interviews",
        "/interviews/csr-2026/registrations",
        "/interviews/csr-2026/room/r-101",
        "/interviews/warehouse-open-day/room",
        "/interviews/csr-2026/room",
    ] {
        assert_eq!(get(sb.port, path).header("content-security-policy"), None, "{path}");
        let strict = get(sb.port, &format!("{path}?csp=strict"));
        assert_eq!(strict.header("content-security-policy"), Some(CSP), "{path}");
    }
    let js = get(sb.port, "/static/hellohire-app.js");
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
    assert!(js.body.contains("aria-pressed"));
    let css = get(sb.port, "/static/hellohire-app.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(!css.body.contains("url(") && !css.body.contains("@import"), "no external resources");
    assert!(!css.body.contains("position: fixed"));
    assert_eq!(get(sb.port, "/static/other.css").status, 404);
}

#[test]
fn state_seed_escaping_and_old_seeds() {
    let sb = start();
    let st = client::state(sb.port);
    let h = &st["hellohire"];
    assert_eq!(h["host"], HH);
    assert_eq!(h["interviews"][0]["id"], "csr-2026");
    assert_eq!(h["interviews"][0]["kind"], "one-on-one");
    assert_eq!(h["interviews"][0]["room_url"], Value::Null);
    assert_eq!(h["interviews"][0]["registrants"][2]["email"], "dorothy.vaughan@hellohire.example");
    assert_eq!(
        h["interviews"][0]["registrants"][0]["room_url"],
        "https://www.tryhellohire.com/interviews/csr-2026/room/r-101"
    );
    assert_eq!(h["interviews"][1]["kind"], "group");
    assert_eq!(
        h["interviews"][1]["room_url"],
        "https://www.tryhellohire.com/interviews/warehouse-open-day/room"
    );
    // page requests are logged
    get(sb.port, "/interviews/csr-2026/room/r-101");
    let log = client::state(sb.port)["requests"].clone();
    assert_eq!(log[0]["host"], HH);
    assert_eq!(log[0]["status"], 200);
    // reset keeps it
    client::reset(sb.port);
    assert_eq!(client::state(sb.port)["hellohire"], *h);

    // escaping, and a seed's own interviews
    let mut v: Value = serde_json::to_value(sandbox::Seed::demo()).unwrap();
    v["hellohire"] = serde_json::json!({"interviews": [
        {"id": "x&y", "name": "<b>Night & Day</b>", "kind": "one-on-one",
         "registrants": [{"id": "r\"1", "first_name": "<img src=x>", "last_name": "O'Hara", "email": "o'hara@x.example"}]},
        {"id": "g", "name": "G", "kind": "group", "registrants": [{"id": "1", "first_name": "<i>", "email": "i@x.example"}]}
    ]});
    let seed: sandbox::Seed = serde_json::from_value(v.clone()).unwrap();
    let sb = sandbox::start_fast("127.0.0.1:0", Some(seed)).unwrap();
    let r = get(sb.port, "/interviews/x%26y/registrations");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<h1 class=\"hh-interview-name\">&lt;b&gt;Night &amp; Day&lt;/b&gt;</h1>"));
    assert!(r.body.contains("data-interview-id=\"x&amp;y\""));
    assert!(r.body.contains(
        "<td class=\"hh-first-name\">&lt;img src=x&gt;</td><td class=\"hh-last-name\">O&#39;Hara</td>"
    ));
    let r = get(sb.port, "/interviews/x%26y/room/r%221");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("data-registration-id=\"r&quot;1\""));
    assert!(!r.body.contains("<img"));
    let r = get(sb.port, "/interviews/g/room");
    assert!(r
        .body
        .contains("<span class=\"hh-first-name\">&lt;i&gt;</span> <span class=\"hh-last-name\"></span>"));

    // a bad kind, or a duplicate id, is refused
    let mut bad = v.clone();
    bad["hellohire"]["interviews"][0]["kind"] = "panel".into();
    assert!(serde_json::from_value::<sandbox::Seed>(bad).is_err());
    let mut dup = v;
    dup["hellohire"]["interviews"][1]["id"] = "x&y".into();
    let seed: sandbox::Seed = serde_json::from_value(dup).unwrap();
    assert!(sandbox::start_fast("127.0.0.1:0", Some(seed)).is_err());

    // an old seed file (no "hellohire") gets the demo's
    let old: sandbox::Seed = serde_json::from_str(include_str!("evil-seed.json")).unwrap();
    let sb = sandbox::start_fast("127.0.0.1:0", Some(old)).unwrap();
    assert_eq!(get(sb.port, "/interviews/csr-2026/room/r-101").status, 200);
}

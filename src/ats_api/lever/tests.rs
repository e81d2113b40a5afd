//! Lever's API readers and request builders; compiled only under #[cfg(test)] (ats_api/lever.rs).

use super::*;

fn lever_conn() -> AtsConn {
    AtsConn {
        base: "https://api.lever.co/v1".into(),
        app: "https://hire.lever.co".into(),
        key: "lv".into(),
        perform_as: None,
    }
}

#[test]
fn users_are_read_a_page_at_a_time_without_the_deactivated() {
    let c = lever_conn();
    assert_eq!(Lever.users(&c, None).unwrap().url, "https://api.lever.co/v1/users?limit=100");
    let body = r#"{"data":[
        {"id":"u1","name":"Ana Ruiz","email":" ana@x.example ","accessRole":"admin","deactivatedAt":null},
        {"id":"u2","name":"Old Hand","email":"old@x.example","deactivatedAt":1700000000000},
        {"id":"u3","email":"no-name@x.example"},
        {"id":"u4","name":"No Email"}
    ],"hasNext":true,"next":"%5B2%5D"}"#;
    let (users, next) =
        Lever.read_users(&HttpReply { status: 200, retry_after: None, body: body.into() }).unwrap();
    let seen: Vec<(&str, &str, Option<&str>)> =
        users.iter().map(|u| (u.id.as_str(), u.first_name.as_str(), u.email.as_deref())).collect();
    assert_eq!(seen, [("u1", "Ana Ruiz", Some("ana@x.example")), ("u3", "", Some("no-name@x.example"))]);
    assert_eq!(next.as_deref(), Some("%5B2%5D"));
    let garbled = HttpReply { status: 200, retry_after: None, body: "<html>".into() };
    assert!(Lever.read_users(&garbled).is_err());
}

#[test]
fn a_pipeline_is_read_a_page_at_a_time_without_the_archived() {
    let c = lever_conn();
    let first = Lever.pipeline(&c, "p 1", None).unwrap();
    assert_eq!(first.url, "https://api.lever.co/v1/opportunities?posting_id=p%201&limit=100");
    let next = Lever.pipeline(&c, "p1", Some("%5B1700000000000%2C%22a%22%5D")).unwrap();
    assert!(next.url.ends_with("&offset=%5B1700000000000%2C%22a%22%5D"), "sent as it came: {}", next.url);
    let raw = Lever.pipeline(&c, "p1", Some("[1,\"a\"]")).unwrap();
    assert!(raw.url.ends_with("&offset=%5B1%2C%22a%22%5D"), "{}", raw.url);

    let body = r#"{"data":[
        {"id":"o1","name":"Ada","emails":["ada@x.example"],"archived":null},
        {"id":"o2","name":"Bo","emails":[],"archived":{"reason":"r","archivedAt":1}},
        {"id":"o3","name":"Cy","emails":["cy@x.example"],"archivedAt":1700000000000},
        {"id":"o4","name":"Di","emails":["di@x.example"],"archivedAt":null}
    ],"hasNext":true,"next":"%5B2%5D"}"#;
    let (people, next) =
        Lever.read_pipeline(&HttpReply { status: 200, retry_after: None, body: body.into() }).unwrap();
    let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["o1", "o4"]);
    assert_eq!(people[0].email.as_deref(), Some("ada@x.example"));
    assert_eq!(next.as_deref(), Some("%5B2%5D"));
    let last = r#"{"data":[],"hasNext":false,"next":"%5B3%5D"}"#;
    let (_, next) =
        Lever.read_pipeline(&HttpReply { status: 200, retry_after: None, body: last.into() }).unwrap();
    assert_eq!(next, None, "no next page when Lever says so");
    let garbled = HttpReply { status: 200, retry_after: None, body: "<html>".into() };
    assert!(matches!(Lever.read_pipeline(&garbled), Err(ApiError::Garbled { .. })));
}

#[test]
fn opportunity_request_and_reply() {
    let r = opportunity("https://api.lever.co/v1", "lv", "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b");
    assert_eq!(r.url, "https://api.lever.co/v1/opportunities/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b");
    assert_eq!(r.header("Authorization"), Some("Basic bHY6"));
    let body = r#"{"data":{"id":"o1","name":"Grace Hopper","emails":["grace@example.com"],"phones":[],"stage":"s1","tags":[],"urls":{"show":"x"}}}"#;
    let o = Lever.read_candidate(&HttpReply { status: 200, retry_after: None, body: body.into() }).unwrap();
    assert_eq!((o.first_name.as_str(), o.email.as_deref()), ("Grace Hopper", Some("grace@example.com")));
    let e = Lever.read_candidate(&HttpReply {
        status: 200,
        retry_after: None,
        body: r#"{"name":"no envelope"}"#.into(),
    });
    assert!(matches!(e, Err(ApiError::Garbled { .. })));
}

#[test]
fn the_api_follows_the_pages_region_unless_set() {
    let s = Settings::default();
    assert_eq!(api_base(&s, "api.eu.lever.co"), "https://api.eu.lever.co/v1");
    let mut p = crate::settings::SettingsPatch::default();
    p.set_host(VENDOR, "api", "https://lever.internal.example/v1/".into());
    let s = crate::registry::apply(&p, &s).unwrap();
    assert_eq!(api_base(&s, "api.eu.lever.co"), "https://lever.internal.example/v1/");
    let c = API.conn(&s, "k", Some("api.eu.lever.co"));
    assert_eq!(Lever.key_check(&c).url, "https://lever.internal.example/v1/stages");
}

#[test]
fn writes_as_the_interface_asks() {
    let mut c = API.conn(&Settings::default(), "lv", Some("api.eu.lever.co"));
    assert_eq!(c.base, "https://api.eu.lever.co/v1", "the page's region");
    let f = Lever.find_by_email(&c, " ada+x@y.example ");
    assert_eq!(f.url, "https://api.eu.lever.co/v1/opportunities?email=ada%2Bx%40y.example");
    let t = Lever.add_tags(&c, "o1", &["hellohire - csr - yes".into()]);
    assert_eq!(
        (t.method, t.url.as_str(), t.body.as_deref()),
        (
            Method::Post,
            "https://api.eu.lever.co/v1/opportunities/o1/addTags",
            Some(r#"{"tags":["hellohire - csr - yes"]}"#)
        )
    );
    assert_eq!(Lever.add_note(&c, "o1", "Shortlisted"), None, "no write without a Lever user to make it as");
    c.perform_as = Some("u 1".into());
    let n = Lever.add_note(&c, "o1", "Shortlisted").unwrap();
    assert_eq!(n.url, "https://api.eu.lever.co/v1/opportunities/o1/notes?perform_as=u%201");
    assert_eq!(n.body.as_deref(), Some(r#"{"value":"Shortlisted"}"#));
    let m = Lever.move_stage(&c, "o1", "offer").unwrap();
    assert_eq!((m.method, m.body.as_deref()), (Method::Put, Some(r#"{"stage":"offer"}"#)));
    let found = Lever
        .read_found(&HttpReply {
            status: 200,
            retry_after: None,
            body: r#"{"data":[{"id":"o1","name":"Grace Hopper","emails":["g@x.example"],"tags":["a"]}],"hasNext":false}"#.into(),
        })
        .unwrap();
    assert_eq!(
        (found[0].name(), found[0].email.as_deref(), found[0].tags.len()),
        ("Grace Hopper".into(), Some("g@x.example"), 1)
    );
    assert_eq!(Lever.profile_url(&c, "o1"), "https://hire.lever.co/candidates/o1");
    assert!(Lever.create(&c, &NewPerson { first_name: "A", last_name: "B", email: "a@b.c" }).is_none());
}

#[test]
fn key_check_reads_stages() {
    assert_eq!(stages("https://api.lever.co/v1", "k").url, "https://api.lever.co/v1/stages");
    let ok =
        |body: &str| Lever.key_accepted(&HttpReply { status: 200, retry_after: None, body: body.into() });
    assert_eq!(ok(r#"{"data":[{"id":"a","text":"New"}],"hasNext":false}"#), Ok(()));
    assert_eq!(ok(r#"{"data":{"id":"a"}}"#), Err(ApiError::Garbled { vendor: VENDOR }));
    assert_eq!(ok("[]"), Err(ApiError::Garbled { vendor: VENDOR }));
}

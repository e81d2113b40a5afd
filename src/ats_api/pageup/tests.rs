use super::*;

fn acme() -> Connection {
    Connection {
        client_id: "pu_acme_live".into(),
        client_secret: "s&cret =1".into(),
        data_centre: "dc4".into(),
        instance_id: "100421".into(),
        uat: false,
        token_host: None,
        prefix: Prefix::Recruitment,
    }
}

fn reply(status: u16, body: &str) -> HttpReply {
    HttpReply { status, retry_after: None, body: body.into() }
}

#[test]
fn the_token_is_asked_of_the_data_centre_form_encoded_with_space_separated_scopes() {
    let r = token_request(&acme(), SCOPES);
    assert_eq!(
        (r.method, r.url.as_str()),
        (Method::Post, "https://login.dc4.pageuppeople.com/connect/token")
    );
    assert_eq!(r.header("Content-Type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(
        r.body.as_deref(),
        Some("grant_type=client_credentials&client_id=pu_acme_live&client_secret=s%26cret%20%3D1&scope=Public.Application.Read%20Public.Application.Write")
    );
    let uat = Connection { uat: true, ..acme() };
    assert_eq!(token_request(&uat, SCOPES).url, "https://loginuat.dc4.pageuppeople.com/connect/token");
    assert_eq!(uat.api_base(), "https://apiuat.dc4.pageuppeople.com/v3/100421");
    let own = Connection { token_host: Some("https://login.acme.example/".into()), ..acme() };
    assert_eq!(token_request(&own, SCOPES).url, "https://login.acme.example/connect/token");
    assert!(
        acme().valid_data_centre()
            && !Connection { data_centre: "evil.example/x".into(), ..acme() }.valid_data_centre()
    );
}

#[test]
fn a_token_lasts_what_pageup_says_less_a_margin() {
    let t =
        read_token(&reply(200, r#"{"access_token":"abc","expires_in":300,"token_type":"Bearer"}"#), 1_000)
            .unwrap();
    assert_eq!(t, Token { access_token: "abc".into(), expires_at_ms: 301_000 });
    assert!(t.usable(1_000) && t.usable(270_999) && !t.usable(271_000));
    for garbled in [
        r#"{"access_token":"","expires_in":300,"token_type":"Bearer"}"#,
        r#"{"access_token":"a","expires_in":300,"token_type":"mac"}"#,
        "<html>",
    ] {
        assert_eq!(
            read_token(&reply(200, garbled), 0).unwrap_err(),
            ApiError::Garbled { vendor: VENDOR },
            "{garbled}"
        );
    }
}

#[test]
fn token_refusals_say_what_to_fix() {
    let bad = r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#;
    assert_eq!(read_token(&reply(400, bad), 0).unwrap_err(), ApiError::KeyRejected { vendor: VENDOR });
    let scope = r#"{"error":"invalid_scope","error_description":"Scope Public.Application.Write is not granted to this client"}"#;
    let ApiError::Refused { reason, .. } = read_token(&reply(400, scope), 0).unwrap_err() else { panic!() };
    assert!(reason.contains("PageUp administrator") && reason.contains("is not granted"), "{reason}");
    assert_eq!(
        read_token(&reply(503, "down"), 0).unwrap_err(),
        ApiError::Server { vendor: VENDOR, status: 503 }
    );
}

#[test]
fn a_status_change_names_the_code_under_the_chosen_prefix() {
    let t = Token { access_token: "abc".into(), expires_at_ms: 0 };
    let r = change_status(&acme(), &t, "880001", " VIS ");
    assert_eq!(r.url, "https://api.dc4.pageuppeople.com/v3/100421/recruitment/applications/880001/changeapplicationstatusbycode");
    assert_eq!(r.header("Authorization"), Some("Bearer abc"));
    assert_eq!(r.body.as_deref(), Some(r#"{"applicationStatusCode":"VIS"}"#));
    let plain = Connection { prefix: Prefix::Plain, ..acme() };
    assert!(change_status(&plain, &t, "88/1", "VIS")
        .url
        .ends_with("/v3/100421/applications/88%2F1/changeapplicationstatusbycode"));
    assert_eq!(read_changed(&reply(200, "{}")), Ok(()));
    let unknown = read_changed(&reply(400, r#"{"message":"Unknown application status code: XYZ"}"#));
    assert!(matches!(unknown, Err(ApiError::Refused { status: 400, reason, .. }) if reason.contains("XYZ")));
    assert!(token_refused(&reply(401, r#"{"message":"Unauthorized"}"#)));
}

#[test]
fn steps_only_move_forward_and_a_verdict_can_change() {
    use Step::*;
    assert!(Sent.moves_to(Review) && Review.moves_to(Shortlisted) && Sent.moves_to(Rejected));
    assert!(!Review.moves_to(Sent) && !Shortlisted.moves_to(Review), "a late look never undoes");
    assert!(Shortlisted.moves_to(Rejected) && Rejected.moves_to(Shortlisted), "a changed verdict");
    assert!(!Shortlisted.moves_to(Shortlisted));
    assert_eq!(Step::of_interview(true, None), Some(Review));
    assert_eq!(Step::of_interview(false, Some(true)), Some(Shortlisted));
    assert_eq!(Step::of_interview(false, Some(false)), Some(Rejected));
    assert_eq!(Step::of_interview(false, None), None);
    for s in Step::ALL {
        assert_eq!(Step::of(s.field()), Some(s));
        let f = CREDENTIALS.iter().find(|f| f.name == s.field()).unwrap();
        assert!(f.optional && !f.secret, "{}", f.name);
    }
    assert!(CREDENTIALS.iter().filter(|f| !f.optional).count() == 5, "five fields connect");
}

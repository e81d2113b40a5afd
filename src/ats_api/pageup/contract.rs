//! The PageUp requests against the sandbox's PageUp token service and API over real TLS: what
//! PageUp receives, read back from the sandbox's state.

use super::*;

fn send(port: u16, r: &HttpRequest) -> HttpReply {
    crate::http::to_sandbox(port, r)
}

fn client(id: &str, secret: &str, dc: &str, instance: &str) -> Connection {
    Connection {
        client_id: id.into(),
        client_secret: secret.into(),
        data_centre: dc.into(),
        instance_id: instance.into(),
        uat: false,
        token_host: None,
        prefix: Prefix::Recruitment,
    }
}

fn status_of(port: u16, instance: &str, application: &str) -> String {
    let state = sandbox::client::state(port);
    let apps = &state["pageup"]["instances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["instance_id"] == instance)
        .unwrap()["applications"];
    let found = apps.as_array().unwrap().iter().find(|a| a["id"] == application);
    found.unwrap_or_else(|| panic!("{application} in {apps}"))["status_code"].as_str().unwrap().to_string()
}

#[test]
fn a_token_moves_an_application_and_a_new_one_is_fetched_when_it_expires() {
    let sb = sandbox::start_fast("127.0.0.1:0", None).unwrap();
    let acme = client("pu_acme_live", "pu_acme_live_secret_5Jk", "dc4", "100421");
    let token = read_token(&send(sb.port, &token_request(&acme, SCOPES)), 0).unwrap();

    read_changed(&send(sb.port, &change_status(&acme, &token, "880001", "VIS"))).unwrap();
    assert_eq!(status_of(sb.port, "100421", "880001"), "VIS");
    let app = read_application(&send(sb.port, &application(&acme, &token, "880001"))).unwrap();
    assert_eq!((app.application_id, app.status_code.as_str()), (880001, "VIS"));
    // The other tenant's application with the same id is untouched.
    assert_ne!(status_of(sb.port, "200317", "880001"), "VIS");

    // A code the tenant doesn't have changes nothing and says why.
    let unknown = read_changed(&send(sb.port, &change_status(&acme, &token, "880001", "NOPE")));
    assert!(
        matches!(&unknown, Err(ApiError::Refused { reason, .. }) if reason.contains("NOPE")),
        "{unknown:?}"
    );
    assert_eq!(status_of(sb.port, "100421", "880001"), "VIS");

    // An hour later the token is refused; a new one carries the change.
    sandbox::client::set_config(sb.port, r#"{"clock_offset_s": 3600}"#);
    let stale = send(sb.port, &change_status(&acme, &token, "880001", "RFR"));
    assert!(token_refused(&stale), "{stale:?}");
    let fresh = read_token(&send(sb.port, &token_request(&acme, SCOPES)), 0).unwrap();
    read_changed(&send(sb.port, &change_status(&acme, &fresh, "880001", "RFR"))).unwrap();
    assert_eq!(status_of(sb.port, "100421", "880001"), "RFR");
    sb.shutdown();
}

#[test]
fn wrong_credentials_and_missing_scopes_are_refused_in_words() {
    let sb = sandbox::start_fast("127.0.0.1:0", None).unwrap();
    let wrong = client("pu_acme_live", "not-the-secret", "dc4", "100421");
    assert_eq!(
        read_token(&send(sb.port, &token_request(&wrong, SCOPES)), 0).unwrap_err(),
        ApiError::KeyRejected { vendor: VENDOR }
    );
    // Acme's client belongs to dc4: asked of dc3's token service it is unknown there.
    let elsewhere = client("pu_acme_live", "pu_acme_live_secret_5Jk", "dc3", "100421");
    assert_eq!(
        read_token(&send(sb.port, &token_request(&elsewhere, SCOPES)), 0).unwrap_err(),
        ApiError::KeyRejected { vendor: VENDOR }
    );
    let readonly = client("pu_acme_readonly", "pu_acme_readonly_secret_9Pd", "dc4", "100421");
    let refused = read_token(&send(sb.port, &token_request(&readonly, SCOPES)), 0);
    assert!(
        matches!(&refused, Err(ApiError::Refused { reason, .. }) if reason.contains("PageUp administrator")),
        "{refused:?}"
    );
    sb.shutdown();
}

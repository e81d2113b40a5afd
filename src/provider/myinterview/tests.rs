use super::*;
use crate::http::HttpReply;

const BASE: &str = "https://api.myinterview.com/api/v1";
const WHO: Creds = Creds { company_id: "co", access_key: "ak", secret: "s" };

fn reply(status: u16, body: &str) -> HttpReply {
    HttpReply { status, retry_after: None, body: body.into() }
}

#[test]
fn every_request_carries_the_three_credentials_from_one_place() {
    for r in [
        company(BASE, WHO),
        templates(BASE, WHO),
        jobs(BASE, WHO),
        invitations(BASE, WHO, Some("j 1"), 2),
        on_invitation(BASE, WHO, Method::Post, "i/1", "cancel", None),
    ] {
        assert_eq!(r.header("x-company-id"), Some("co"), "{}", r.url);
        assert_eq!(r.header("x-access-key"), Some("ak"));
        assert_eq!(r.header("x-secret"), Some("s"));
    }
    assert_eq!(
        invitations(BASE, WHO, Some("j 1"), 2).url,
        format!("{BASE}/invitations?page=3&pageSize=100&jobId=j%201")
    );
    // An id from a list can't reach another path.
    assert_eq!(
        on_invitation(BASE, WHO, Method::Post, "i/1", "cancel", None).url,
        format!("{BASE}/invitations/i%2F1/cancel")
    );
}

#[test]
fn an_invite_names_the_candidate_inline_and_never_sends_an_empty_id() {
    let body = NewInvitation {
        candidate: Candidate { id: String::new(), name: "Ada".into(), email: "ada@example.com".into() },
        job_id: "j-1".into(),
        deadline: "2030-01-01T00:00:00+00:00".into(),
        timezone: "Europe/London".into(),
        send_email: false,
    };
    let r = invite(BASE, WHO, &body);
    assert_eq!((r.method, r.url.as_str()), (Method::Post, "https://api.myinterview.com/api/v1/invitations"));
    let sent: serde_json::Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({"candidate": {"name": "Ada", "email": "ada@example.com"}, "jobId": "j-1",
            "deadline": "2030-01-01T00:00:00+00:00", "timezone": "Europe/London", "sendEmail": false})
    );
}

#[test]
fn data_is_read_from_the_success_envelope() {
    let ok = r#"{"statusCode":200,"errorCode":0,"statusReason":"OK","callId":"c","time":"t",
        "data":{"companyId":"co","name":"Acme"}}"#;
    let c: Company = parse(&reply(200, ok)).unwrap();
    assert_eq!((c.company_id.as_str(), c.name.as_str()), ("co", "Acme"));
    // A 2xx without data, or not an envelope, is not what the API documents.
    assert_eq!(
        parse::<Company>(&reply(200, r#"{"statusCode":200}"#)).unwrap_err(),
        ApiError::Garbled { vendor: VENDOR }
    );
    assert_eq!(parse::<Company>(&reply(200, "<html>")).unwrap_err(), ApiError::Garbled { vendor: VENDOR });
}

#[test]
fn refusals_are_read_from_the_error_envelope_and_its_status() {
    let list = r#"{"errorMessage":[{"field":"deadline","message":"must be in the future"},
        {"field":"jobId","message":"is required"}],"statusCode":422,"errorCode":4220,"statusReason":"x","time":"t"}"#;
    assert_eq!(
        parse::<Company>(&reply(422, list)).unwrap_err(),
        ApiError::Refused {
            vendor: VENDOR,
            status: 422,
            reason: "deadline: must be in the future; jobId: is required".into()
        }
    );
    let sentence = r#"{"errorMessage":"The candidate is already invited to this job","statusCode":409}"#;
    assert!(matches!(parse::<Company>(&reply(409, sentence)).unwrap_err(),
        ApiError::Refused { status: 409, reason, .. } if reason == "The candidate is already invited to this job"));
    // The body's statusCode counts even under an HTTP 200.
    let hidden = r#"{"errorMessage":"Invalid credentials","statusCode":401}"#;
    assert_eq!(parse::<Company>(&reply(200, hidden)).unwrap_err(), ApiError::KeyRejected { vendor: VENDOR });
    assert_eq!(
        parse::<Company>(&reply(404, r#"{"errorMessage":"Invitation not found","statusCode":404}"#))
            .unwrap_err(),
        ApiError::NotFound { vendor: VENDOR }
    );
    assert_eq!(
        parse::<Company>(&reply(503, "upstream down")).unwrap_err(),
        ApiError::Server { vendor: VENDOR, status: 503 }
    );
}

#[test]
fn a_job_from_a_template_asks_its_questions_as_listed() {
    let r = create_job_from_template(
        BASE,
        WHO,
        " Account Executive ",
        "t-1",
        r#"[{"question":"Why us?","answerType":"video"}]"#,
    );
    let sent: serde_json::Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(sent["title"], "Account Executive");
    assert_eq!(sent["templateId"], "t-1");
    assert_eq!(sent["questions"], serde_json::json!([{"question": "Why us?", "answerType": "video"}]));
}

use super::*;
use crate::http::Method::{Get, Post};
use crate::orchestrate::testing::{reply, ScriptedVendor};
use crate::store::writer::testing::block_on;

const SUBS: &str = r#"{"data":[
    {"id":"sub_1","jobId":"job_1","partner":{"id":"p","name":"Northwind Talent"},
     "candidate":{"name":"Ann Lee","emails":["ann@x.example"],"phones":["+1 555 0101"],"links":[]},
     "stageId":"stg_offer","comments":[{"id":"c1","author":{"type":"partner","name":"Northwind Talent"},"body":"Strong on ROS 2."},
                                       {"id":"c2","author":{"type":"client","name":"Acme"},"body":"Thanks"}]},
    {"id":"sub_2","jobId":"job_1","partner":{"id":"p","name":"Northwind Talent"},
     "candidate":{"name":"Bo Chen","emails":["bo@x.example"]},"stageId":"stg_submitted","comments":[]}
],"hasMore":false,"nextCursor":"cur_9"}"#;

const LEVER: [(&str, &str); 2] = [("lead-new", "New lead"), ("offer", "Offer")];

/// Lever's connection, with a user to write as, and Spottabl's.
pub fn conns() -> (AtsConn, SpConn) {
    let lv = AtsConn {
        base: "https://api.lever.co/v1".into(),
        app: String::new(),
        key: "lv".into(),
        perform_as: Some("u1".into()),
    };
    (lv, SpConn { base: "https://api.spottabl.com/v1".into(), key: "sp".into() })
}

/// Lever's stages and Spottabl's, as the sandbox's demo has them.
pub fn lists() -> (Vec<(String, String)>, Vec<SpStage>) {
    let lever = LEVER.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    let sp = [
        ("stg_submitted", "Submitted", "open"),
        ("stg_offer", "Offer", "open"),
        ("stg_hired", "Hired", "hired"),
    ];
    let sp = sp.iter().map(|(id, name, kind)| SpStage {
        id: id.to_string(),
        name: name.to_string(),
        kind: kind.to_string(),
    });
    (lever, sp.collect())
}

macro_rules! stages {
    ($l:ident) => {
        Stages { lever: &$l.0, spottabl: &$l.1, saved: None }
    };
}

#[test]
fn each_submission_becomes_one_opportunity_with_its_notes_once() {
    let (lv, sp) = conns();
    let t = ScriptedVendor::default()
        .on(Get, "/v1/jobs", vec![reply(200, r#"{"data":[{"id":"job_1","sourceId":"p1"}],"hasMore":false,"nextCursor":"cur_1"}"#)])
        .on(Get, "/v1/jobs/job_1/submissions", vec![reply(200, SUBS)])
        .on(Get, "/v1/opportunities", vec![
            // Ann: not on the posting; made; her create's answer lost, then found.
            reply(200, r#"{"data":[],"hasNext":false}"#),
            reply(200, r#"{"data":[{"id":"o-ann","name":"Ann Lee","emails":["ann@x.example"],"stage":"offer"}],"hasNext":false}"#),
            // Bo: on the posting already (another browser brought him).
            reply(200, r#"{"data":[{"id":"o-bo","name":"Bo Chen","emails":["bo@x.example"],"stage":"lead-new"}],"hasNext":false}"#),
        ])
        .on(Post, "/v1/opportunities", vec![reply(502, "{}")])
        .on(Get, "/v1/opportunities/o-ann/notes", vec![reply(200, r#"{"data":[],"hasNext":false}"#)])
        .on(Post, "/v1/opportunities/o-ann/notes", vec![reply(201, r#"{"data":{"noteId":"n1"}}"#)]);
    let l = lists();
    let mut done = Names::new();
    let mut memo = SpottablLinks::default();
    let got = block_on(bring(&t, &lv, &sp, &stages!(l), &mut done, &mut memo)).unwrap();
    // Ann's create landed though its answer didn't: found by the next look, not made again.
    assert_eq!(got, Brought { new: vec![], notes: 1, failed: vec![] });
    assert!(done.contains("sub_1") && done.contains("sub_2"));
    assert_eq!(
        memo.links
            .iter()
            .map(|l| (l.submission.as_str(), l.opportunity.as_str(), l.stage.as_str()))
            .collect::<Vec<_>>(),
        [("sub_1", "o-ann", "offer"), ("sub_2", "o-bo", "lead-new")],
        "each linked at the stage Lever has it at"
    );
    let sent = t.sent.borrow();
    assert_eq!(sent.iter().filter(|s| *s == "POST /v1/opportunities").count(), 1, "{sent:?}");
    let create = t.bodies.borrow().iter().find(|(k, _)| k == "POST /v1/opportunities").cloned().unwrap();
    assert!(create.1.contains(r#""stage":"offer""#), "Spottabl's Offer is Lever's Offer: {}", create.1);
    assert_eq!(sent.iter().filter(|s| *s == "POST /v1/opportunities/o-ann/notes").count(), 1);
    assert_eq!(got.summary(), "no new partner candidates; 1 partner comment as Lever notes.");
}

#[test]
fn the_pieces_read_as_the_model_says() {
    let (subs, next) = read_submissions(&reply(200, SUBS).unwrap(), "p1").unwrap();
    assert_eq!(next, None, "no more pages");
    assert_eq!(
        subs[0].notes,
        [("c1".to_string(), "Northwind Talent (Spottabl): Strong on ROS 2.".to_string())],
        "the partner's comments only"
    );
    assert_eq!((subs[0].posting.as_str(), subs[0].phones.len()), ("p1", 1));
    let made = agency::NewOpportunity::new("A", &[], &[], &[], "P", "p1", None);
    let lv = AtsConn {
        base: "https://api.lever.co/v1".into(),
        app: String::new(),
        key: "k".into(),
        perform_as: None,
    };
    assert!(agency::create(&lv, &made).is_none());
    let l = lists();
    let no_user = block_on(bring(
        &ScriptedVendor::default(),
        &lv,
        &SpConn { base: String::new(), key: String::new() },
        &stages!(l),
        &mut Names::new(),
        &mut SpottablLinks::default(),
    ));
    assert!(matches!(no_user, Err(ApiError::Refused { .. })));
    let b =
        Brought { new: vec!["Ann Lee".into(), "Bo Chen".into()], notes: 0, failed: vec!["Cy: down".into()] };
    assert_eq!(b.summary(), "2 new partner candidates in Lever: Ann Lee, Bo Chen. Not brought: Cy: down.");
}

#[test]
fn a_candidate_brought_before_links_were_kept_is_linked_not_made_again() {
    let (lv, sp) = conns();
    let t = ScriptedVendor::default()
        .on(Get, "/v1/jobs", vec![reply(200, r#"{"data":[{"id":"job_1","sourceId":"p1"}],"hasMore":false}"#)])
        .on(Get, "/v1/jobs/job_1/submissions", vec![reply(200, SUBS), reply(200, SUBS)])
        .on(
            Get,
            "/v1/opportunities",
            vec![
                reply(200, r#"{"data":[{"id":"o-ann","stage":"offer"}],"hasNext":false}"#),
                reply(200, r#"{"data":[{"id":"o-bo","stage":"lead-new"}],"hasNext":false}"#),
            ],
        )
        // Ann's partner comment is a note already (brought before links were kept).
        .on(Get, "/v1/opportunities/o-ann/notes", vec![reply(
            200,
            r#"{"data":[{"id":"n1","text":"Northwind Talent (Spottabl): Strong on ROS 2."}],"hasNext":false}"#,
        )]);
    // `spottabl_done` as the previous version left it, with no `spottabl_links`.
    let mut done: Names = crate::json::from_str(r#"["sub_1","sub_2"]"#).unwrap();
    let mut memo = SpottablLinks::default();
    let l = lists();
    let got = block_on(bring(&t, &lv, &sp, &stages!(l), &mut done, &mut memo)).unwrap();
    assert_eq!(got, Brought::default());
    assert_eq!(memo.links.len(), 2);
    assert_eq!((memo.links[0].opportunity.as_str(), memo.links[0].name.as_str()), ("o-ann", "Ann Lee"));
    // Linked once: the next run looks nothing up, and finds Ann's comment among her notes.
    let again = block_on(bring(&t, &lv, &sp, &stages!(l), &mut done, &mut memo)).unwrap();
    assert_eq!(again.notes, 0);
    assert_eq!(memo.links[0].comments, ["c1"]);
    // And the run after looks at nothing: the comment is carried.
    block_on(bring(&t, &lv, &sp, &stages!(l), &mut done, &mut memo)).unwrap();
    let sent = t.sent.borrow();
    assert_eq!(sent.iter().filter(|s| *s == "GET /v1/opportunities").count(), 2, "{sent:?}");
    assert_eq!(sent.iter().filter(|s| *s == "GET /v1/opportunities/o-ann/notes").count(), 1, "{sent:?}");
    assert!(!sent.iter().any(|s| s.starts_with("POST")), "{sent:?}");
}

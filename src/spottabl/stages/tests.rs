use super::*;
use crate::http::Method::{Get, Post, Put};
use crate::orchestrate::testing::{reply, ScriptedVendor};
use crate::spottabl::partners::tests::{conns, lists};
use crate::store::writer::testing::block_on;

fn link(sub: &str, name: &str, opp: &str, stage: &str) -> SpLink {
    SpLink {
        submission: sub.into(),
        name: name.into(),
        opportunity: opp.into(),
        posting: "p1".into(),
        stage: stage.into(),
        ..SpLink::default()
    }
}

fn saved() -> StageMap {
    let pairs = [("lead-new", "stg_submitted"), ("offer", "stg_offer"), (HIRED, "stg_hired")];
    StageMap { pairs: pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect() }
}

#[test]
fn stages_map_by_name_until_a_mapping_is_saved() {
    let l = lists();
    let by_name = Stages { lever: &l.0, spottabl: &l.1, saved: None };
    assert_eq!(by_name.to_lever("stg_offer"), Some("offer"));
    assert_eq!(by_name.to_lever("stg_hired"), Some(HIRED), "hired is Lever's archive reason");
    assert_eq!(by_name.to_lever("stg_submitted"), None, "Lever has no stage of that name");
    assert_eq!(by_name.to_spottabl("offer"), Some("stg_offer"));
    assert_eq!(by_name.to_spottabl(HIRED), Some("stg_hired"));
    assert_eq!(by_name.to_spottabl("lead-new"), None);
    let map = saved();
    let chosen = Stages { lever: &l.0, spottabl: &l.1, saved: Some(&map) };
    assert_eq!(chosen.to_lever("stg_submitted"), Some("lead-new"));
    assert_eq!(chosen.to_spottabl("lead-new"), Some("stg_submitted"));
    let none = StageMap::default();
    let cleared = Stages { lever: &l.0, spottabl: &l.1, saved: Some(&none) };
    assert_eq!(cleared.to_lever("stg_offer"), None, "a saved mapping leaves the rest unmapped");
}

const REASONS: &str = r#"{"data":[{"id":"r-hired","text":"Hired","type":"hired"}],"hasNext":false}"#;

#[test]
fn a_change_made_in_spottabl_moves_lever_once_and_never_comes_back() {
    let (lv, sp) = conns();
    let events = r#"{"data":[
        {"id":"e1","type":"stage_changed","submissionId":"sub_1","toStageId":"stg_offer"},
        {"id":"e2","type":"hired","submissionId":"sub_2","toStageId":"stg_hired"},
        {"id":"e3","type":"stage_changed","submissionId":"sub_9","toStageId":"stg_offer"}
    ],"hasMore":false,"nextCursor":"cur_3"}"#;
    let t = ScriptedVendor::default()
        .on(Get, "/v1/events", vec![reply(200, events)])
        .on(Get, "/v1/archive_reasons", vec![reply(200, REASONS)])
        .on(Get, "/v1/opportunities/o-ann", vec![reply(200, r#"{"data":{"id":"o-ann","stage":"lead-new"}}"#)])
        // Another browser archived Bo already: not archived again.
        .on(Get, "/v1/opportunities/o-bo", vec![reply(
            200,
            r#"{"data":{"id":"o-bo","stage":"offer","archived":{"reason":"r-hired","archivedAt":7}}}"#,
        )])
        .on(Put, "/v1/opportunities/o-ann/stage", vec![reply(200, r#"{"data":{"id":"o-ann","stage":"offer"}}"#)])
        .on(Get, "/v1/opportunities", vec![reply(
            200,
            r#"{"data":[{"id":"o-ann","stage":"offer","stageChanges":[{"toStageId":"offer","updatedAt":40}]},
                        {"id":"o-bo","stage":"offer","archived":{"reason":"r-hired","archivedAt":7}},
                        {"id":"o-cy","stage":"lead-new"}],"hasNext":false}"#,
        )])
        // Ann's one note was made from her partner's comment: not sent back.
        .on(Get, "/v1/opportunities/o-ann/notes", vec![reply(
            200,
            r#"{"data":[{"id":"n1","text":"Northwind Talent (Spottabl): Strong on ROS 2."}],"hasNext":false}"#,
        )])
        .on(Get, "/v1/opportunities/o-bo/notes", vec![reply(200, r#"{"data":[],"hasNext":false}"#)]);
    let mut memo = SpottablLinks {
        links: vec![link("sub_1", "Ann Lee", "o-ann", "lead-new"), link("sub_2", "Bo Chen", "o-bo", "offer")],
        events_after: Some("cur_0".into()),
        lever_since: 1_000_000,
    };
    let l = lists();
    let stages = Stages { lever: &l.0, spottabl: &l.1, saved: None };
    let moved =
        block_on(sync(&t, &lv, &sp, &stages, &mut memo, 2_000_000, &mut async |_: &SpottablLinks| {}))
            .unwrap();
    assert_eq!(moved, Moved { to_lever: 1, ..Moved::default() }, "Bo was hired in Lever already");
    assert_eq!(moved.summary(), "1 stage change into Lever.");
    assert_eq!((memo.links[0].stage.as_str(), memo.links[1].stage.as_str()), ("offer", HIRED));
    assert_eq!((memo.events_after.as_deref(), memo.lever_since), (Some("cur_3"), 2_000_000));
    let sent = t.sent.borrow();
    assert!(!sent.iter().any(|s| s.starts_with("POST")), "nothing echoes to Spottabl: {sent:?}");
    assert!(!sent.iter().any(|s| s.contains("archived")), "{sent:?}");
    let bodies = t.bodies.borrow();
    assert_eq!(bodies[0], ("PUT /v1/opportunities/o-ann/stage".into(), r#"{"stage":"offer"}"#.into()));
}

#[test]
fn a_change_made_in_lever_reaches_spottabl_with_one_key_per_change() {
    let (lv, sp) = conns();
    let empty = r#"{"data":[],"hasMore":false,"nextCursor":"cur_3"}"#;
    let lever = r#"{"data":[
        {"id":"o-ann","stage":"lead-new","stageChanges":[{"toStageId":"offer","updatedAt":40},{"toStageId":"lead-new","updatedAt":50}]},
        {"id":"o-bo","stage":"offer","archived":{"reason":"r-hired","archivedAt":60},"updatedAt":60},
        {"id":"o-di","stage":"offer","archived":{"reason":"r-gone","archivedAt":61}}
    ],"hasNext":false}"#;
    let t = ScriptedVendor::default()
        .on(Get, "/v1/events", vec![reply(200, empty), reply(200, empty)])
        .on(Get, "/v1/opportunities", vec![reply(200, lever), reply(200, lever)])
        .on(Get, "/v1/archive_reasons", vec![reply(200, REASONS), reply(200, REASONS)])
        .on(Post, "/v1/submissions/sub_1/stage", vec![reply(200, "{}")])
        // The recruiter added a note to Ann in Lever.
        .on(Get, "/v1/opportunities/o-ann/notes", vec![reply(
            200,
            r#"{"data":[{"id":"n1","text":"Northwind Talent (Spottabl): Strong."},{"id":"n9","text":"Call her Tuesday."}],"hasNext":false}"#,
        )])
        .on(Get, "/v1/opportunities/o-bo/notes", vec![reply(200, r#"{"data":[],"hasNext":false}"#)])
        .on(Get, "/v1/opportunities/o-di/notes", vec![reply(200, r#"{"data":[],"hasNext":false}"#)])
        .on(Post, "/v1/submissions/sub_1/comments", vec![reply(201, r#"{"data":{"id":"cmt_1"}}"#)])
        .on(
            Post,
            "/v1/submissions/sub_2/stage",
            vec![
                reply(422, r#"{"error":{"code":"validation_failed","message":"Unknown stage"}}"#),
                reply(200, "{}"),
            ],
        );
    let mut memo = SpottablLinks {
        links: vec![
            link("sub_1", "Ann Lee", "o-ann", "offer"),
            link("sub_2", "Bo Chen", "o-bo", "offer"),
            link("sub_4", "Di Park", "o-di", "offer"),
        ],
        events_after: Some("cur_3".into()),
        lever_since: 120_000,
    };
    let l = lists();
    let map = saved();
    let stages = Stages { lever: &l.0, spottabl: &l.1, saved: Some(&map) };
    let mut kept = Vec::new();
    let moved = block_on(sync(&t, &lv, &sp, &stages, &mut memo, 500_000, &mut async |m: &SpottablLinks| {
        kept.push(m.clone())
    }))
    .unwrap();
    assert_eq!((moved.to_spottabl, moved.comments), (1, 1));
    assert_eq!(moved.failed.len(), 1, "{moved:?}");
    assert!(
        moved.summary().starts_with(
            "1 stage change into Spottabl; 1 Lever note as Spottabl comments. Not moved: Bo Chen: "
        ),
        "{moved:?}"
    );
    let bodies: Vec<(String, String)> =
        t.bodies.borrow().iter().filter(|(k, _)| k.ends_with("/stage")).cloned().collect();
    let said = t.bodies.borrow().iter().find(|(k, _)| k.ends_with("/comments")).cloned().unwrap();
    assert_eq!(said.1, r#"{"body":"Call her Tuesday.","clientCommentId":"lever-note:n9"}"#);
    assert_eq!(
        bodies[0],
        (
            "POST /v1/submissions/sub_1/stage".into(),
            r#"{"stageId":"stg_submitted","source":"lever","clientEventId":"lever:o-ann:lead-new:50"}"#
                .into()
        )
    );
    assert_eq!(
        bodies[1].1,
        r#"{"stageId":"stg_hired","source":"lever","clientEventId":"lever:o-bo:archive:hired:60"}"#
    );
    assert_eq!(memo.links[0].stage, "lead-new");
    assert_eq!(kept[0].links[0].stage, "offer", "the event cursor kept first");
    assert_eq!(kept[1].links[0].notes, ["n9"], "the note kept as soon as it was sent");
    assert_eq!(kept[2].links[0].stage, "lead-new", "the stage kept as soon as it was sent");
    assert_eq!(memo.links[1].stage, "offer", "a refused change is tried again next time");
    assert_eq!(memo.links[2].stage, "offer", "archived for another reason: nothing for Spottabl");
    drop(bodies);
    // The next run: Ann's change is not sent again; Bo's is tried again, and goes.
    let again =
        block_on(sync(&t, &lv, &sp, &stages, &mut memo, 900_000, &mut async |_: &SpottablLinks| {})).unwrap();
    assert_eq!((again.to_spottabl, again.failed.len()), (1, 0));
    assert_eq!(memo.links[1].stage, HIRED);
    let sent = t.sent.borrow();
    assert_eq!(sent.iter().filter(|s| *s == "POST /v1/submissions/sub_1/stage").count(), 1, "{sent:?}");
    assert_eq!(sent.iter().filter(|s| *s == "POST /v1/submissions/sub_2/stage").count(), 2);
    assert_eq!(
        sent.iter().filter(|s| *s == "POST /v1/submissions/sub_1/comments").count(),
        1,
        "a note goes once"
    );
}

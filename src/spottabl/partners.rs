//! Partner submissions into Lever (seed 003: "qualified candidates appear in Lever under the
//! job at the mapped stage, with the recruiter's comments"). For each active Spottabl job made
//! from a Lever posting, each partner's candidate becomes one Lever opportunity on that posting
//! (`origin: agency`, sources Spottabl and the partner), made as the Lever user the Lever
//! account names, and the partner's comments its notes. A candidate is looked up on the
//! posting by email before one is made, and each note is looked for before it is written, so
//! retries, a stopped worker and two browsers make nothing twice.

use super::{request, SpConn, VENDOR};
use crate::ats_api::lever::{self, agency, Lever};
use crate::ats_api::{AtsConn, Candidates};
use crate::error::{check, ApiError};
use crate::http::{HttpReply, HttpRequest, Method};
use crate::names::Names;
use crate::node::Node;
use crate::orchestrate::{call, Transport};
use crate::retry::{self, Next};

/// A partner's candidate for a job.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Submission {
    pub id: String,
    /// The Lever posting of the job it was submitted to.
    pub posting: String,
    pub partner: String,
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
    pub stage_id: String,
    /// The partner's comments, as the notes they become.
    pub notes: Vec<String>,
}

fn garbled() -> ApiError {
    ApiError::Garbled { vendor: VENDOR }
}

/// A list page: its items and where the next starts (`nextCursor` while `hasMore`).
fn list(r: &HttpReply) -> Result<(Vec<Node>, Option<String>), ApiError> {
    check(VENDOR, r)?;
    let n = Node::parse(&r.body).filter(Node::is_object).ok_or_else(garbled)?;
    let more = n.get("hasMore").flag() == Some(true);
    Ok((n.get("data").items().ok_or_else(garbled)?, n.id("nextCursor").filter(|_| more)))
}

fn paged(path: String, after: Option<&str>) -> String {
    match after {
        Some(a) => format!("{path}&after={}", crate::http::encode_query_value(a)),
        None => path,
    }
}

/// `GET /jobs?source=lever&status=active`: the jobs partners work on.
pub fn active_jobs(c: &SpConn, after: Option<&str>) -> HttpRequest {
    request(c, Method::Get, &paged("jobs?source=lever&status=active&limit=100".into(), after), None)
}

/// A Spottabl job partners work on: its id, and the Lever posting it was made from.
pub type ActiveJob = (String, String);

/// The jobs on a page, and where the next starts.
pub fn read_jobs(r: &HttpReply) -> Result<(Vec<ActiveJob>, Option<String>), ApiError> {
    let (items, next) = list(r)?;
    let mut out = Vec::new();
    for j in items {
        out.push((j.id("id").ok_or_else(garbled)?, j.id("sourceId").ok_or_else(garbled)?));
    }
    Ok((out, next))
}

/// `GET /jobs/{id}/submissions`.
pub fn submissions(c: &SpConn, job: &str, after: Option<&str>) -> HttpRequest {
    let path = format!("jobs/{}/submissions?limit=100", crate::http::encode_query_value(job));
    request(c, Method::Get, &paged(path, after), None)
}

pub fn read_submissions(r: &HttpReply, posting: &str) -> Result<(Vec<Submission>, Option<String>), ApiError> {
    let (items, next) = list(r)?;
    let mut out = Vec::new();
    for s in items {
        let c = s.get("candidate");
        let partner = s.get("partner").str("name").unwrap_or_else(|| "a Spottabl partner".into());
        let mut notes = Vec::new();
        for m in s.get("comments").items().unwrap_or_default() {
            if m.get("author").str("type").as_deref() == Some("partner") {
                let who = m.get("author").str("name").unwrap_or_else(|| partner.clone());
                notes.push(format!("{who} (Spottabl): {}", m.str("body").unwrap_or_default()));
            }
        }
        out.push(Submission {
            id: s.id("id").ok_or_else(garbled)?,
            posting: posting.to_string(),
            partner,
            name: c.id("name").ok_or_else(garbled)?,
            emails: c.texts("emails"),
            phones: c.texts("phones"),
            links: c.texts("links"),
            stage_id: s.str("stageId").unwrap_or_default(),
            notes,
        });
    }
    Ok((out, next))
}

/// `GET /stages` → `{data: [{id, name, position, kind}]}`: (id, name) each.
pub fn stages(c: &SpConn) -> HttpRequest {
    request(c, Method::Get, "stages", None)
}

pub fn read_stages(r: &HttpReply) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for s in list(r)?.0 {
        out.push((s.id("id").ok_or_else(garbled)?, s.str("name").unwrap_or_default()));
    }
    Ok(out)
}

/// The Lever stage a Spottabl stage maps to: until stages are mapped in the options, the one
/// of the same name; none (Lever's first) otherwise.
pub fn mapped<'a>(
    stage: &str,
    spottabl: &[(String, String)],
    lever: &'a [(String, String)],
) -> Option<&'a str> {
    let name = &spottabl.iter().find(|(id, _)| id == stage)?.1;
    lever.iter().find(|(_, n)| n.trim().eq_ignore_ascii_case(name.trim())).map(|(id, _)| id.as_str())
}

/// What one run brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Brought {
    /// Names of the candidates made in Lever now.
    pub new: Vec<String>,
    /// Notes written.
    pub notes: u32,
    /// `<name>: <why>` of each one that couldn't be brought.
    pub failed: Vec<String>,
}

impl Brought {
    pub fn summary(&self) -> String {
        let mut out = match self.new.len() {
            0 => "no new partner candidates".to_string(),
            n => format!(
                "{n} new partner candidate{} in Lever: {}",
                if n == 1 { "" } else { "s" },
                self.new.join(", ")
            ),
        };
        if self.notes > 0 {
            out += &format!(
                "; {} partner comment{} as Lever notes",
                self.notes,
                if self.notes == 1 { "" } else { "s" }
            );
        }
        out.push('.');
        if !self.failed.is_empty() {
            out += &format!(" Not brought: {}.", self.failed.join("; "));
        }
        out
    }
}

/// Every submission to an active job not yet brought (`done`, their ids), into Lever. `done`
/// grows as each is brought, for the caller to keep.
pub async fn bring<T: Transport>(
    t: &T,
    lv: &AtsConn,
    sp: &SpConn,
    done: &mut Names,
) -> Result<Brought, ApiError> {
    if lv.perform_as.is_none() {
        return Err(ApiError::Refused {
            vendor: lever::VENDOR,
            status: 0,
            reason: "Lever makes candidates only as one of its users: name one on the Lever account in the options (“Lever user notes are written as”).".into(),
        });
    }
    let lever_stages = agency::read_stages(&call(t, lever::VENDOR, &Lever.key_check(lv)).await?)?;
    let sp_stages = read_stages(&call(t, VENDOR, &stages(sp)).await?)?;
    let mut out = Brought::default();
    let mut jobs = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let (page, next) = read_jobs(&call(t, VENDOR, &active_jobs(sp, after.as_deref())).await?)?;
        jobs.extend(page);
        match next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    for (job, posting) in jobs {
        let mut after: Option<String> = None;
        loop {
            let (page, next) = read_submissions(
                &call(t, VENDOR, &submissions(sp, &job, after.as_deref())).await?,
                &posting,
            )?;
            for s in page {
                if done.contains(&s.id) {
                    continue;
                }
                let stage = mapped(&s.stage_id, &sp_stages, &lever_stages);
                match one(t, lv, &s, stage).await {
                    Ok((made, notes)) => {
                        if made {
                            out.new.push(s.name.clone());
                        }
                        out.notes += notes;
                        done.insert(s.id);
                    }
                    Err(e @ (ApiError::KeyRejected { .. } | ApiError::Forbidden { .. })) => return Err(e),
                    Err(e) => out.failed.push(format!("{}: {}", s.name, e.background_message())),
                }
            }
            match next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
    }
    Ok(out)
}

/// One submission into Lever: its opportunity (found on the posting by email, else made) and
/// its notes. Whether it was made now, and how many notes were written.
async fn one<T: Transport>(
    t: &T,
    lv: &AtsConn,
    s: &Submission,
    stage: Option<&str>,
) -> Result<(bool, u32), ApiError> {
    let mut failures = 0;
    let mut made = false;
    let id = loop {
        if let Some(email) = s.emails.first() {
            let found = Lever
                .read_found(&call(t, lever::VENDOR, &agency::on_posting(lv, &s.posting, email)).await?)?;
            if let Some(p) = found.into_iter().next() {
                break p.id;
            }
        }
        let new = agency::NewOpportunity::new(
            &s.name, &s.emails, &s.phones, &s.links, &s.partner, &s.posting, stage,
        );
        let req = agency::create(lv, &new).ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
        // Sent once per look: a create whose answer was lost may have landed, and the next look
        // (by email) shows whether it did.
        let err = match t.send(lever::VENDOR, &req).await {
            Ok(r) if (200..300).contains(&r.status) => {
                made = true;
                break Lever.read_created(&r)?.id;
            }
            Ok(r) => match check(lever::VENDOR, &r) {
                Err(e) if e.is_transient() && !s.emails.is_empty() => e,
                Err(e) => return Err(e),
                Ok(()) => return Err(garbled()),
            },
            Err(e) if e.is_transient() && !s.emails.is_empty() => e,
            Err(e) => return Err(e),
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err),
            Next::RetryAfterMs(ms) => t.sleep(ms).await,
        }
    };
    if s.notes.is_empty() {
        return Ok((made, 0));
    }
    let list = Lever.notes(lv, &id).ok_or_else(garbled)?;
    let have = Lever.read_notes(&call(t, lever::VENDOR, &list).await?)?;
    let mut written = 0;
    for n in s.notes.iter().filter(|n| !have.iter().any(|h| h.trim() == n.trim())) {
        let req = Lever.add_note(lv, &id, n).ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
        // Once: a note whose answer was lost is looked for by the next run, not sent again now.
        check(lever::VENDOR, &t.send(lever::VENDOR, &req).await?)?;
        written += 1;
    }
    Ok((made, written))
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn each_submission_becomes_one_opportunity_with_its_notes_once() {
        let lv = AtsConn {
            base: "https://api.lever.co/v1".into(),
            app: String::new(),
            key: "lv".into(),
            perform_as: Some("u1".into()),
        };
        let sp = SpConn { base: "https://api.spottabl.com/v1".into(), key: "sp".into() };
        let t = ScriptedVendor::default()
            .on(Get, "/v1/stages", vec![
                reply(200, r#"{"data":[{"id":"lead-new","text":"New lead"},{"id":"offer","text":"Offer"}],"hasNext":false}"#),
                reply(200, r#"{"data":[{"id":"stg_submitted","name":"Submitted"},{"id":"stg_offer","name":"Offer"}],"hasMore":false}"#),
            ])
            .on(Get, "/v1/jobs", vec![reply(200, r#"{"data":[{"id":"job_1","sourceId":"p1"}],"hasMore":false,"nextCursor":"cur_1"}"#)])
            .on(Get, "/v1/jobs/job_1/submissions", vec![reply(200, SUBS)])
            .on(Get, "/v1/opportunities", vec![
                // Ann: not on the posting; made; her create's answer lost, then found.
                reply(200, r#"{"data":[],"hasNext":false}"#),
                reply(200, r#"{"data":[{"id":"o-ann","name":"Ann Lee","emails":["ann@x.example"]}],"hasNext":false}"#),
                // Bo: on the posting already (another browser brought him).
                reply(200, r#"{"data":[{"id":"o-bo","name":"Bo Chen","emails":["bo@x.example"]}],"hasNext":false}"#),
            ])
            .on(Post, "/v1/opportunities", vec![reply(502, "{}")])
            .on(Get, "/v1/opportunities/o-ann/notes", vec![reply(200, r#"{"data":[],"hasNext":false}"#)])
            .on(Post, "/v1/opportunities/o-ann/notes", vec![reply(201, r#"{"data":{"noteId":"n1"}}"#)]);
        let mut done = Names::new();
        let got = block_on(bring(&t, &lv, &sp, &mut done)).unwrap();
        // Ann's create landed though its answer didn't: found by the next look, not made again.
        assert_eq!(got, Brought { new: vec![], notes: 1, failed: vec![] });
        assert!(done.contains("sub_1") && done.contains("sub_2"));
        let sent = t.sent.borrow();
        assert_eq!(sent.iter().filter(|s| *s == "POST /v1/opportunities").count(), 1, "{sent:?}");
        assert_eq!(sent.iter().filter(|s| *s == "POST /v1/opportunities/o-ann/notes").count(), 1);
        assert_eq!(got.summary(), "no new partner candidates; 1 partner comment as Lever notes.");
    }

    #[test]
    fn the_pieces_read_as_the_model_says() {
        let (subs, next) = read_submissions(&reply(200, SUBS).unwrap(), "p1").unwrap();
        assert_eq!(next, None, "no more pages");
        assert_eq!(
            subs[0].notes,
            ["Northwind Talent (Spottabl): Strong on ROS 2."],
            "the partner's comments only"
        );
        assert_eq!((subs[0].posting.as_str(), subs[0].phones.len()), ("p1", 1));
        let sp = vec![
            ("stg_offer".to_string(), "Offer".to_string()),
            ("stg_x".to_string(), "Screened".to_string()),
        ];
        let lever = vec![("offer".to_string(), "Offer".to_string())];
        assert_eq!(mapped("stg_offer", &sp, &lever), Some("offer"));
        assert_eq!(mapped("stg_x", &sp, &lever), None, "unmapped: Lever's first stage");
        let made = agency::NewOpportunity::new("A", &[], &[], &[], "P", "p1", None);
        let lv = AtsConn {
            base: "https://api.lever.co/v1".into(),
            app: String::new(),
            key: "k".into(),
            perform_as: None,
        };
        assert!(agency::create(&lv, &made).is_none());
        let no_user = block_on(bring(
            &ScriptedVendor::default(),
            &lv,
            &SpConn { base: String::new(), key: String::new() },
            &mut Names::new(),
        ));
        assert!(matches!(no_user, Err(ApiError::Refused { .. })));
        let b = Brought {
            new: vec!["Ann Lee".into(), "Bo Chen".into()],
            notes: 0,
            failed: vec!["Cy: down".into()],
        };
        assert_eq!(
            b.summary(),
            "2 new partner candidates in Lever: Ann Lee, Bo Chen. Not brought: Cy: down."
        );
    }
}

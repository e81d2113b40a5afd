//! Four more applicant tracking systems: Top Echelon (Big Biller), Oorwin,
//! SmartRecruiters and PageUp. This module holds their seed data (jobs,
//! candidates, and the applications that put a candidate in a job's
//! pipeline), its checks, the `"ats"` part of `/_sandbox/state`, and the page
//! skeleton the four page modules share.
//!
//! [model] All page markup of these four apps is OUR MODEL: their real DOM is
//! not public. Only the URL shapes are meant to match the real apps.

mod demo;
pub mod oorwin;
pub mod pageup;
pub mod smartrecruiters;
pub mod topechelon;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::http::Response;
use crate::util::{html_escape, parse_query, uuid_v4};

/// Which of the four systems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ats {
    TopEchelon,
    Oorwin,
    SmartRecruiters,
    PageUp,
}

/// How an ATS names applications (a candidate in one job's pipeline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AppIds {
    /// Applications have no id of their own.
    None,
    /// UUIDs (SmartRecruiters).
    Uuid,
    /// Numbers (PageUp).
    Numeric,
}

impl Ats {
    pub const ALL: [Ats; 4] = [Ats::TopEchelon, Ats::Oorwin, Ats::SmartRecruiters, Ats::PageUp];

    /// The key in the seed and in `/_sandbox/state`'s `"ats"` object; also the
    /// asset prefix (`/static/<key>-app.js`).
    pub fn key(self) -> &'static str {
        match self {
            Ats::TopEchelon => "topechelon",
            Ats::Oorwin => "oorwin",
            Ats::SmartRecruiters => "smartrecruiters",
            Ats::PageUp => "pageup",
        }
    }

    /// The host serving the recruiter-facing pages.
    pub fn app_host(self) -> &'static str {
        match self {
            Ats::TopEchelon => "bigbiller.topechelon.com",
            Ats::Oorwin => "acme.oorwin.com",
            Ats::SmartRecruiters => "www.smartrecruiters.com",
            Ats::PageUp => "acme.dc4.pageuppeople.com",
        }
    }

    fn app_ids(self) -> AppIds {
        match self {
            Ats::TopEchelon | Ats::Oorwin => AppIds::None,
            Ats::SmartRecruiters => AppIds::Uuid,
            Ats::PageUp => AppIds::Numeric,
        }
    }

    /// The job page.
    pub fn job_url(self, job_id: &str) -> String {
        let host = self.app_host();
        match self {
            Ats::TopEchelon => format!("https://{host}/network/jobs/{job_id}/info"),
            Ats::Oorwin => format!("https://{host}/#/jobs/{job_id}/overview"),
            Ats::SmartRecruiters => format!("https://{host}/app/jobs/details/{job_id}"),
            Ats::PageUp => {
                format!("https://{host}/ManageApplications/ApplicantProgressBoard?lJobId={job_id}")
            }
        }
    }

    /// The candidate page; PageUp shows a person only through an application.
    pub fn candidate_url(self, candidate_id: &str) -> Option<String> {
        let host = self.app_host();
        match self {
            Ats::TopEchelon => Some(format!("https://{host}/people/{candidate_id}")),
            Ats::Oorwin => Some(format!("https://{host}/#/candidates/{candidate_id}/overview")),
            Ats::SmartRecruiters => Some(format!("https://{host}/app/people/profile/{candidate_id}")),
            Ats::PageUp => None,
        }
    }

    /// The page of one application, where the ATS has such pages.
    pub fn application_url(self, application_id: &str) -> Option<String> {
        let host = self.app_host();
        match self {
            Ats::SmartRecruiters => Some(format!("https://{host}/app/people/applications/{application_id}")),
            Ats::PageUp => Some(format!(
                "https://{host}/ApplicantProgressBoard/OpenResume?applicationId={application_id}"
            )),
            Ats::TopEchelon | Ats::Oorwin => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Seed types

/// The `"ats"` part of a seed. Each of the four keys may be left out; it then
/// takes the built-in demo's data for that system (so older seed files,
/// which have no `"ats"` at all, get the demo pages).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedAts {
    #[serde(default = "demo::topechelon")]
    pub topechelon: AtsData,
    #[serde(default = "demo::oorwin")]
    pub oorwin: AtsData,
    #[serde(default = "demo::smartrecruiters")]
    pub smartrecruiters: AtsData,
    #[serde(default = "demo::pageup")]
    pub pageup: AtsData,
}

impl Default for SeedAts {
    fn default() -> Self {
        SeedAts::demo()
    }
}

impl SeedAts {
    /// The built-in demo data of all four systems.
    pub fn demo() -> SeedAts {
        SeedAts {
            topechelon: demo::topechelon(),
            oorwin: demo::oorwin(),
            smartrecruiters: demo::smartrecruiters(),
            pageup: demo::pageup(),
        }
    }

    pub fn get(&self, ats: Ats) -> &AtsData {
        match ats {
            Ats::TopEchelon => &self.topechelon,
            Ats::Oorwin => &self.oorwin,
            Ats::SmartRecruiters => &self.smartrecruiters,
            Ats::PageUp => &self.pageup,
        }
    }

    pub fn get_mut(&mut self, ats: Ats) -> &mut AtsData {
        match ats {
            Ats::TopEchelon => &mut self.topechelon,
            Ats::Oorwin => &mut self.oorwin,
            Ats::SmartRecruiters => &mut self.smartrecruiters,
            Ats::PageUp => &mut self.pageup,
        }
    }

    /// Checks references and uniqueness and fills in missing application ids
    /// (a UUID for SmartRecruiters, the next number for PageUp).
    pub fn prepare(&mut self) -> Result<(), String> {
        for ats in Ats::ALL {
            self.get_mut(ats).prepare(ats)?;
        }
        Ok(())
    }
}

/// One system's jobs, candidates and applications.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct AtsData {
    #[serde(default)]
    pub jobs: Vec<AtsJob>,
    #[serde(default)]
    pub candidates: Vec<AtsCandidate>,
    /// A candidate in a job's pipeline; a job lists its candidates in this order.
    #[serde(default)]
    pub applications: Vec<AtsApplication>,
    /// API keys (`X-SmartToken`); only SmartRecruiters has an API here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub api_keys: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AtsJob {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub location: String,
    /// Plain text (shown escaped).
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AtsCandidate {
    pub id: String,
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    pub email: String,
    /// SmartRecruiters only: the candidate's tags (`/candidates/{id}/tags`).
    /// Left out means none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// SmartRecruiters only: the API key may not see this candidate (403 on
    /// every per-candidate endpoint; still found by search). [model]
    #[serde(default, skip_serializing_if = "is_false")]
    pub restricted: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl AtsCandidate {
    /// "First Last".
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim()).trim().to_string()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AtsApplication {
    /// SmartRecruiters: a UUID; PageUp: a number. Generated when left out.
    /// Top Echelon and Oorwin applications have no id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub candidate_id: String,
    pub job_id: String,
}

fn check_unique<'a>(ats: Ats, what: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(format!("seed: ats.{}: a {what} has an empty id", ats.key()));
        }
        if !seen.insert(id) {
            return Err(format!("seed: ats.{}: duplicate {what} id {id:?}", ats.key()));
        }
    }
    Ok(())
}

impl AtsData {
    fn prepare(&mut self, ats: Ats) -> Result<(), String> {
        let key = ats.key();
        check_unique(ats, "job", self.jobs.iter().map(|j| j.id.as_str()))?;
        check_unique(ats, "candidate", self.candidates.iter().map(|c| c.id.as_str()))?;
        let mut pairs = HashSet::new();
        for a in &self.applications {
            if self.candidate(&a.candidate_id).is_none() {
                return Err(format!(
                    "seed: ats.{key}: application names unknown candidate {:?}",
                    a.candidate_id
                ));
            }
            if self.job(&a.job_id).is_none() {
                return Err(format!("seed: ats.{key}: application names unknown job {:?}", a.job_id));
            }
            if !pairs.insert((a.candidate_id.as_str(), a.job_id.as_str())) {
                return Err(format!(
                    "seed: ats.{key}: candidate {:?} is in job {:?} twice",
                    a.candidate_id, a.job_id
                ));
            }
        }
        match ats.app_ids() {
            AppIds::None => {}
            AppIds::Uuid => {
                for a in &mut self.applications {
                    if a.id.is_empty() {
                        a.id = uuid_v4();
                    }
                }
            }
            AppIds::Numeric => {
                let mut next =
                    self.applications.iter().filter_map(|a| a.id.parse::<u64>().ok()).max().unwrap_or(0) + 1;
                for a in &mut self.applications {
                    if a.id.is_empty() {
                        a.id = next.to_string();
                        next += 1;
                    }
                }
            }
        }
        if ats.app_ids() != AppIds::None {
            check_unique(ats, "application", self.applications.iter().map(|a| a.id.as_str()))?;
        }
        Ok(())
    }

    pub fn job(&self, id: &str) -> Option<&AtsJob> {
        self.jobs.iter().find(|j| j.id == id)
    }

    pub fn candidate(&self, id: &str) -> Option<&AtsCandidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    pub fn application(&self, id: &str) -> Option<&AtsApplication> {
        if id.is_empty() {
            return None;
        }
        self.applications.iter().find(|a| a.id == id)
    }

    /// A job's pipeline, in application order.
    pub fn pipeline<'a>(
        &'a self,
        job_id: &'a str,
    ) -> impl Iterator<Item = (&'a AtsApplication, &'a AtsCandidate)> + 'a {
        self.applications
            .iter()
            .filter(move |a| a.job_id == job_id)
            .filter_map(|a| self.candidate(&a.candidate_id).map(|c| (a, c)))
    }

    /// Every job a candidate is in, in application order.
    pub fn applications_of<'a>(
        &'a self,
        candidate_id: &'a str,
    ) -> impl Iterator<Item = (&'a AtsApplication, &'a AtsJob)> + 'a {
        self.applications
            .iter()
            .filter(move |a| a.candidate_id == candidate_id)
            .filter_map(|a| self.job(&a.job_id).map(|j| (a, j)))
    }
}

// ---------------------------------------------------------------------------
// State

fn snapshot_one(ats: Ats, d: &AtsData) -> Value {
    let has_app_ids = ats.app_ids() != AppIds::None;
    let jobs: Vec<Value> = d
        .jobs
        .iter()
        .map(|j| {
            let mut v = json!({
                "id": j.id,
                "title": j.title,
                "location": j.location,
                "description": j.description,
                "url": ats.job_url(&j.id),
                "candidate_ids": d.pipeline(&j.id).map(|(_, c)| c.id.clone()).collect::<Vec<_>>(),
            });
            if has_app_ids {
                v["application_ids"] =
                    json!(d.pipeline(&j.id).map(|(a, _)| a.id.clone()).collect::<Vec<_>>());
            }
            v
        })
        .collect();
    let candidates: Vec<Value> = d
        .candidates
        .iter()
        .map(|c| {
            let mut v = json!({
                "id": c.id,
                "first_name": c.first_name,
                "last_name": c.last_name,
                "name": c.name(),
                "email": c.email,
                "url": ats.candidate_url(&c.id),
                "job_ids": d.applications_of(&c.id).map(|(_, j)| j.id.clone()).collect::<Vec<_>>(),
            });
            if has_app_ids {
                v["application_ids"] =
                    json!(d.applications_of(&c.id).map(|(a, _)| a.id.clone()).collect::<Vec<_>>());
            }
            v
        })
        .collect();
    let applications: Vec<Value> = d
        .applications
        .iter()
        .map(|a| {
            let mut v = json!({"candidate_id": a.candidate_id, "job_id": a.job_id});
            if has_app_ids {
                v["id"] = json!(a.id);
                v["url"] = json!(ats.application_url(&a.id));
            }
            v
        })
        .collect();
    let mut v = json!({
        "host": ats.app_host(),
        "jobs": jobs,
        "candidates": candidates,
        "applications": applications,
    });
    if ats == Ats::SmartRecruiters {
        // the mutable API state: current tags and the restricted flag
        for (cv, c) in v["candidates"].as_array_mut().into_iter().flatten().zip(&d.candidates) {
            cv["tags"] = json!(c.tags);
            cv["restricted"] = json!(c.restricted);
        }
        v["api_keys"] = json!(d.api_keys);
        v["api_host"] = json!("api.smartrecruiters.com");
    }
    v
}

/// The `"ats"` object of `/_sandbox/state`.
pub fn snapshot(a: &SeedAts) -> Value {
    let mut m = serde_json::Map::new();
    for ats in Ats::ALL {
        m.insert(ats.key().into(), snapshot_one(ats, a.get(ats)));
    }
    Value::Object(m)
}

// ---------------------------------------------------------------------------
// Pages

/// `csp=strict` in the query string (the key in any case).
pub fn wants_strict_csp(query: &str) -> bool {
    parse_query(query).iter().any(|(k, v)| k.eq_ignore_ascii_case("csp") && v == "strict")
}

/// Adds `Content-Security-Policy: script-src 'self'; frame-src 'none'` when
/// the query asks for it (as on `hire.lever.co`).
pub fn with_csp(mut resp: Response, query: &str) -> Response {
    if wants_strict_csp(query) {
        resp.set_header("Content-Security-Policy", "script-src 'self'; frame-src 'none'");
    }
    resp
}

/// `GET /static/<key>-app.js` and `/static/<key>-app.css`.
pub fn asset(path: &str, key: &str, js: &'static str, css: &'static str) -> Option<Response> {
    let name = path.strip_prefix("/static/")?;
    let (stem, ext) = name.rsplit_once('.')?;
    if stem != format!("{key}-app") {
        return None;
    }
    match ext {
        "js" => Some(Response::new(200, "text/javascript; charset=utf-8", js)),
        "css" => Some(Response::new(200, "text/css; charset=utf-8", css)),
        _ => None,
    }
}

/// A whole page: the `<head>` with the one stylesheet, the one script and the
/// empty favicon, then `body` (already HTML) inside `<body class>`.
pub fn page(key: &str, title: &str, body_class: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n\
<link rel=\"stylesheet\" href=\"/static/{key}-app.css\">\n\
<script src=\"/static/{key}-app.js\" defer></script>\n</head>\n\
<body class=\"{body_class}\">\n{body}\n</body>\n</html>\n",
        title = html_escape(title),
    )
}

/// 405 for anything but GET and HEAD on the page hosts.
pub fn only_get(method: &str) -> Option<Response> {
    if method == "GET" || method == "HEAD" {
        None
    } else {
        Some(Response::text(405, "Method not allowed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_two_jobs_thirty_and_three_with_one_shared() {
        let mut all = SeedAts::demo();
        all.prepare().unwrap();
        let mut names = HashSet::new();
        let mut emails = HashSet::new();
        for ats in Ats::ALL {
            let d = all.get(ats);
            assert_eq!(d.jobs.len(), 2, "{ats:?}");
            let a = d.pipeline(&d.jobs[0].id).count();
            let b: Vec<&str> = d.pipeline(&d.jobs[1].id).map(|(_, c)| c.id.as_str()).collect();
            assert_eq!(a, 30, "{ats:?}");
            assert_eq!(b.len(), 3, "{ats:?}");
            let shared: Vec<&&str> = b.iter().filter(|id| d.applications_of(id).count() == 2).collect();
            assert_eq!(shared.len(), 1, "{ats:?}");
            let extra = if ats == Ats::SmartRecruiters { demo::SR_HELLOHIRE.len() } else { 0 };
            assert_eq!(d.candidates.len(), 32 + extra);
            for c in &d.candidates[..32] {
                assert!(names.insert(c.name()), "{} repeats", c.name());
                assert!(emails.insert(c.email.clone()), "{} repeats", c.email);
                let domain = format!("@{}.example.com", ats.key());
                let local = c.email.strip_suffix(&domain).expect("ATS domain");
                let (f, l) = local.split_once('.').unwrap();
                assert!(!f.is_empty() && !l.is_empty());
                assert!(local.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '.'));
            }
            for j in &d.jobs {
                assert!(j.description.contains("<b>") && j.description.contains('&'));
            }
        }
        let sr = &all.smartrecruiters;
        assert_eq!(sr.jobs[0].id.len(), 24);
        assert!(sr.jobs.iter().all(|j| j.id.chars().all(|c| c.is_ascii_hexdigit())));
        assert!(sr.applications.iter().all(|a| a.id.len() == 36));
        assert!(all.pageup.applications.iter().all(|a| a.id.parse::<u64>().is_ok()));
        assert_eq!(sr.api_keys, vec!["sr_demo_4Wd8".to_string()]);
    }

    #[test]
    fn demo_is_deterministic() {
        let a = serde_json::to_string(&SeedAts::demo()).unwrap();
        let b = serde_json::to_string(&SeedAts::demo()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn bad_references_are_refused_and_ids_generated() {
        let mut a = SeedAts::demo();
        a.oorwin.applications[0].job_id = "nope".into();
        assert!(a.prepare().unwrap_err().contains("unknown job"));
        let mut a = SeedAts::demo();
        a.pageup.applications[0].id.clear();
        a.smartrecruiters.applications[0].id.clear();
        a.prepare().unwrap();
        assert!(!a.pageup.applications[0].id.is_empty());
        assert_eq!(a.smartrecruiters.applications[0].id.len(), 36);
        let mut a = SeedAts::demo();
        a.topechelon.candidates[1].id = a.topechelon.candidates[0].id.clone();
        assert!(a.prepare().unwrap_err().contains("duplicate candidate"));
    }
}

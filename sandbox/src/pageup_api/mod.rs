//! PageUp's token service (`login.<dc>` / `loginuat.<dc>`) and API (`api.<dc>` / `apiuat.<dc>`).
//!
//! Documented (API-NOTES: PageUp): client credentials (ClientId, ClientSecret, DataCenter,
//! InstanceId), the data centres, LIVE and UAT, `POST /connect/token` form-encoded with
//! space-separated scopes, `{access_token, expires_in, token_type}`, 300 s tokens, scopes granted
//! per client, `/v3/<instanceId>/recruitment/…` with a Bearer token, and
//! `changeapplicationstatusbycode`. Everything else is [model]: the error bodies, the instance
//! ids, the reads, and which applications prefix is real (so the sandbox can be told to accept
//! only one, `pageup_applications_prefix`).
//!
//! The applications are the ones the PageUp pages show (`ats.pageup` in the seed). Both tenants
//! show the same ids, as the pages do, and each instance keeps its own statuses.

mod api;
mod token;

pub use api::api;
pub use token::{token, DEFAULT_TTL_S};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::ats::AtsData;
use crate::util::format_iso;

/// Data centres [doc]: dc2 AU, dc3 UK/EMEA, dc4 US, dc5 SEA.
pub const DATA_CENTRES: [&str; 4] = ["dc2", "dc3", "dc4", "dc5"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Login,
    Api,
}

/// `login.dc4.pageuppeople.com` → (Login, "live", "dc4"); `apiuat.dc3…` → (Api, "uat", "dc3").
pub fn parse_host(host: &str) -> Option<(Service, &'static str, &'static str)> {
    let rest = host.strip_suffix(".pageuppeople.com")?;
    let (prefix, dc) = rest.split_once('.')?;
    let dc = DATA_CENTRES.into_iter().find(|d| *d == dc)?;
    match prefix {
        "login" => Some((Service::Login, "live", dc)),
        "loginuat" => Some((Service::Login, "uat", dc)),
        "api" => Some((Service::Api, "live", dc)),
        "apiuat" => Some((Service::Api, "uat", dc)),
        _ => None,
    }
}

fn host_of(service: Service, env: &str, dc: &str) -> String {
    let prefix = match (service, env) {
        (Service::Login, "uat") => "loginuat",
        (Service::Login, _) => "login",
        (Service::Api, "uat") => "apiuat",
        (Service::Api, _) => "api",
    };
    format!("{prefix}.{dc}.pageuppeople.com")
}

/// The seed's `"pageup"`: one instance (tenant) per PageUp customer, with its API clients and
/// status codes. Left out, the built-in demo's.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedPageUp {
    #[serde(default)]
    pub instances: Vec<PuInstance>,
}

impl Default for SeedPageUp {
    fn default() -> Self {
        SeedPageUp::demo()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PuInstance {
    /// The tenant id in API paths. [model] the demo's values.
    pub instance_id: String,
    pub name: String,
    /// The recruiter's app host, whose pages show these applications.
    pub tenant_host: String,
    pub dc: String,
    /// The customer's own status codes; every application starts at the first.
    pub status_codes: Vec<PuStatus>,
    pub clients: Vec<PuClient>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PuStatus {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PuClient {
    pub client_id: String,
    pub client_secret: String,
    /// `live` or `uat`: UAT credentials are another client [doc].
    pub env: String,
    pub scopes: Vec<String>,
}

pub const SCOPE_APP_READ: &str = "Public.Application.Read";
pub const SCOPE_APP_WRITE: &str = "Public.Application.Write";
pub const SCOPE_APPLICANT_READ: &str = "Public.Applicant.Read";
/// Scopes a client may be granted [doc: these exist; the list goes on].
pub const KNOWN_SCOPES: [&str; 6] = [
    SCOPE_APP_READ,
    SCOPE_APP_WRITE,
    SCOPE_APPLICANT_READ,
    "Public.Applicant.Write",
    "Public.Job.Read",
    "Public.Job.Write",
];

impl SeedPageUp {
    pub fn demo() -> SeedPageUp {
        let st = |c: &str, n: &str| PuStatus { code: c.into(), name: n.into() };
        let client = |id: &str, secret: &str, env: &str, scopes: &[&str]| PuClient {
            client_id: id.into(),
            client_secret: secret.into(),
            env: env.into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        };
        let all = [SCOPE_APP_READ, SCOPE_APP_WRITE, SCOPE_APPLICANT_READ, "Public.Job.Read"];
        SeedPageUp {
            instances: vec![
                PuInstance {
                    instance_id: "100421".into(),
                    name: "Acme Health".into(),
                    tenant_host: "acme.dc4.pageuppeople.com".into(),
                    dc: "dc4".into(),
                    status_codes: vec![
                        st("NEW", "New application"),
                        st("VIS", "Video interview sent"),
                        st("RFR", "Ready for review"),
                        st("SHL", "Shortlisted"),
                        st("REJ", "Rejected"),
                    ],
                    clients: vec![
                        client("pu_acme_live", "pu_acme_live_secret_5Jk", "live", &all),
                        client("pu_acme_uat", "pu_acme_uat_secret_2Vb", "uat", &all),
                        client(
                            "pu_acme_readonly",
                            "pu_acme_readonly_secret_9Pd",
                            "live",
                            &[SCOPE_APP_READ, SCOPE_APPLICANT_READ],
                        ),
                    ],
                },
                // Another customer's own codes: the recruiter maps them in the options.
                PuInstance {
                    instance_id: "200317".into(),
                    name: "Globex Care".into(),
                    tenant_host: "globex.dc3.pageuppeople.com".into(),
                    dc: "dc3".into(),
                    status_codes: vec![
                        st("APPLIED", "Applied"),
                        st("VIDEO_SENT", "One-way video sent"),
                        st("VIDEO_DONE", "Video ready for review"),
                        st("SHORTLIST", "Shortlist"),
                        st("DECLINE", "Unsuccessful"),
                    ],
                    clients: vec![client("pu_globex_live", "pu_globex_live_secret_4Tz", "live", &all)],
                },
            ],
        }
    }

    pub fn check(&self) -> Result<(), String> {
        let mut ids = std::collections::HashSet::new();
        let mut clients = std::collections::HashSet::new();
        for i in &self.instances {
            if i.instance_id.is_empty() || !ids.insert(i.instance_id.as_str()) {
                return Err(format!("seed: pageup: instance id {:?} empty or repeated", i.instance_id));
            }
            if !DATA_CENTRES.contains(&i.dc.as_str()) {
                return Err(format!(
                    "seed: pageup: instance {}: unknown data centre {:?}",
                    i.instance_id, i.dc
                ));
            }
            if i.status_codes.is_empty() {
                return Err(format!("seed: pageup: instance {}: no status codes", i.instance_id));
            }
            for c in &i.clients {
                if !clients.insert(c.client_id.as_str()) || !matches!(c.env.as_str(), "live" | "uat") {
                    return Err(format!(
                        "seed: pageup: client {:?} repeated or env not live/uat",
                        c.client_id
                    ));
                }
                if let Some(s) = c.scopes.iter().find(|s| !KNOWN_SCOPES.contains(&s.as_str())) {
                    return Err(format!("seed: pageup: client {}: unknown scope {s:?}", c.client_id));
                }
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
pub struct PuToken {
    pub access_token: String,
    pub client_id: String,
    pub instance_id: String,
    pub env: String,
    pub dc: String,
    pub scopes: Vec<String>,
    pub issued_at: i64,
    pub expires_at: i64,
}

#[derive(Clone, Debug, Default)]
pub struct PuData {
    pub instances: Vec<PuInstance>,
    /// (instance id, application id) → status code, once changed; else the first code.
    pub statuses: HashMap<(String, String), String>,
    pub tokens: Vec<PuToken>,
    /// Every status change received, in order.
    pub changes: Vec<Value>,
}

impl PuData {
    pub fn from_seed(seed: &SeedPageUp) -> Result<PuData, String> {
        seed.check()?;
        Ok(PuData { instances: seed.instances.clone(), ..PuData::default() })
    }

    pub fn instance(&self, id: &str) -> Option<&PuInstance> {
        self.instances.iter().find(|i| i.instance_id == id)
    }

    pub fn status_of(&self, inst: &PuInstance, application_id: &str) -> String {
        self.statuses
            .get(&(inst.instance_id.clone(), application_id.to_string()))
            .cloned()
            .unwrap_or_else(|| inst.status_codes[0].code.clone())
    }
}

pub fn status_name<'a>(inst: &'a PuInstance, code: &str) -> Option<&'a str> {
    inst.status_codes.iter().find(|s| s.code == code).map(|s| s.name.as_str())
}

/// The `"pageup"` object of `/_sandbox/state`.
pub fn snapshot(d: &PuData, apps: &AtsData, now: i64) -> Value {
    let instances: Vec<Value> = d
        .instances
        .iter()
        .map(|i| {
            let clients: Vec<Value> = i
                .clients
                .iter()
                .map(|c| {
                    json!({
                        "client_id": c.client_id, "client_secret": c.client_secret, "env": c.env,
                        "scopes": c.scopes, "token_host": host_of(Service::Login, &c.env, &i.dc),
                        "api_host": host_of(Service::Api, &c.env, &i.dc),
                    })
                })
                .collect();
            let applications: Vec<Value> = apps
                .applications
                .iter()
                .map(|a| {
                    json!({"id": a.id, "applicant_id": a.candidate_id, "job_id": a.job_id,
                           "status_code": d.status_of(i, &a.id)})
                })
                .collect();
            json!({
                "instance_id": i.instance_id, "name": i.name, "tenant_host": i.tenant_host, "dc": i.dc,
                "status_codes": i.status_codes, "clients": clients, "applications": applications,
            })
        })
        .collect();
    let tokens: Vec<Value> = d
        .tokens
        .iter()
        .map(|t| {
            json!({
                "access_token": t.access_token, "client_id": t.client_id, "instance_id": t.instance_id,
                "env": t.env, "dc": t.dc, "scopes": t.scopes, "issued_at": format_iso(t.issued_at),
                "expires_at": format_iso(t.expires_at), "expired": t.expires_at <= now,
            })
        })
        .collect();
    json!({"instances": instances, "status_changes": d.changes, "tokens": tokens, "now": format_iso(now)})
}

//! PageUp's API, sans-IO: a client-credentials token, the status change by code that makes
//! PageUp send its own configured email, and the reads the workflow needs (API-NOTES: PageUp).
//! The token request and answer, its 300 s life, the scopes, the `/v3/<instanceId>/recruitment/`
//! base and the status change are documented; the reads' paths and every error body are
//! **[model]**, as is whether applications sit under `recruitment/` (a setting: `Prefix`).
//!
//! A connection is an account on the options page (`CREDENTIALS`), checked by getting a token.
//! The status changes are not yet wired into the worker (issue 12); they are exercised by their
//! own tests and, against the sandbox, by `contract` below.

use crate::error::ApiError;
use crate::http::{encode_query_value, HttpReply, HttpRequest, Method};
use crate::i18n::msg;
use crate::node::Node;
use crate::vendor::CredentialField;
use crate::vendor::{About, Rules, Vendor};

mod step;
use step::status_field;
pub use step::Step;

pub const VENDOR: Vendor = Vendor(&About {
    id: "pageup",
    label: "PageUp",
    api_hosts: &["https://*.pageuppeople.com/*"],
    // The content script already runs on `*.pageuppeople.com` (PageUp's own pages), and Chrome
    // words that grant as it words this one: asking for it at install adds no warning, so no
    // update asks anyone again.
    granted_at_install: true,
    // The hosts follow each connection's data centre and environment (`Connection`), and its
    // token host can be set there: older PageUp documents used a per-customer login host.
    hosts: &[],
    rules: Rules { retry_after_s: 60, ..Rules::COMMON },
});

pub const CLIENT_ID: &str = "client_id";
pub const CLIENT_SECRET: &str = "client_secret";
pub const DATA_CENTRE: &str = "data_centre";
pub const INSTANCE_ID: &str = "instance_id";
pub const ENVIRONMENT: &str = "environment";

const WHERE: &str = crate::vendor::shown(crate::i18n::msg_key("h_pu_where"));

/// A PageUp connection's fields, with the names PageUp's own sample partner app gives them.
pub const CREDENTIALS: &[CredentialField] = &[
    CredentialField {
        name: CLIENT_ID,
        label: crate::i18n::msg_key("f_pu_id"),
        help: WHERE,
        secret: false,
        optional: false,
    },
    CredentialField {
        name: CLIENT_SECRET,
        label: crate::i18n::msg_key("f_pu_secret"),
        help: WHERE,
        secret: true,
        optional: false,
    },
    CredentialField {
        name: DATA_CENTRE,
        label: crate::i18n::msg_key("f_pu_dc"),
        help: crate::vendor::shown(crate::i18n::msg_key("h_pu_dc")),
        secret: false,
        optional: false,
    },
    CredentialField {
        name: INSTANCE_ID,
        label: crate::i18n::msg_key("f_pu_instance"),
        help: WHERE,
        secret: false,
        optional: false,
    },
    CredentialField {
        name: ENVIRONMENT,
        label: crate::i18n::msg_key("f_pu_env"),
        help: crate::vendor::shown(crate::i18n::msg_key("h_pu_env")),
        secret: false,
        optional: false,
    },
    status_field(Step::Sent),
    status_field(Step::Review),
    status_field(Step::Shortlisted),
    status_field(Step::Rejected),
];

/// What `POST /connect/token` is asked for: the status change, and reading an application.
pub const SCOPES: &str = "Public.Application.Read Public.Application.Write";

/// A tenant's API credentials, as PageUp's own sample partner app names them [doc].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub client_id: String,
    pub client_secret: String,
    /// `dc2` AU, `dc3` UK/EMEA, `dc4` US, `dc5` SEA.
    pub data_centre: String,
    /// The tenant id in API paths.
    pub instance_id: String,
    pub uat: bool,
    /// A token host set by the recruiter instead of `login[uat].<dc>`.
    pub token_host: Option<String>,
    pub prefix: Prefix,
}

/// [model] Where applications sit under `/v3/<instanceId>/`: API-NOTES leaves it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prefix {
    #[default]
    Recruitment,
    Plain,
}

impl Connection {
    /// A connection from its fields (`CREDENTIALS`), or what is wrong with them in words:
    /// nothing is sent to a data centre or environment PageUp doesn't name.
    pub fn of(field: impl Fn(&str) -> String) -> Result<Connection, String> {
        let c = Connection {
            client_id: field(CLIENT_ID),
            client_secret: field(CLIENT_SECRET),
            data_centre: field(DATA_CENTRE).to_ascii_lowercase(),
            instance_id: field(INSTANCE_ID),
            uat: match field(ENVIRONMENT).to_ascii_uppercase().as_str() {
                "LIVE" => false,
                "UAT" => true,
                _ => return Err(msg("pu_env_bad")),
            },
            token_host: None,
            prefix: Prefix::default(),
        };
        if !c.valid_data_centre() {
            return Err(msg("pu_dc_bad"));
        }
        if !c.instance_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(msg("pu_instance_bad"));
        }
        Ok(c)
    }

    /// How the options page names the connection.
    pub fn name(&self) -> String {
        format!(
            "PageUp {} ({}, {})",
            self.instance_id,
            self.data_centre,
            if self.uat { "UAT" } else { "LIVE" }
        )
    }

    pub fn token_url(&self) -> String {
        match &self.token_host {
            Some(h) => format!("{}/connect/token", h.trim_end_matches('/')),
            None => {
                format!("https://{}.{}.pageuppeople.com/connect/token", self.env("login"), self.data_centre)
            }
        }
    }

    pub fn api_base(&self) -> String {
        format!(
            "https://{}.{}.pageuppeople.com/v3/{}",
            self.env("api"),
            self.data_centre,
            encode_query_value(&self.instance_id)
        )
    }

    fn env(&self, host: &str) -> String {
        if self.uat {
            format!("{host}uat")
        } else {
            host.to_string()
        }
    }

    fn applications(&self) -> String {
        match self.prefix {
            Prefix::Recruitment => format!("{}/recruitment/applications", self.api_base()),
            Prefix::Plain => format!("{}/applications", self.api_base()),
        }
    }

    /// Whether the data centre is one PageUp names; anything else would send the secret to a
    /// host nobody chose.
    pub fn valid_data_centre(&self) -> bool {
        matches!(self.data_centre.as_str(), "dc2" | "dc3" | "dc4" | "dc5")
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={}", encode_query_value(v))).collect::<Vec<_>>().join("&")
}

/// `POST https://login.<dc>.pageuppeople.com/connect/token`, form-encoded client credentials
/// with the scopes space-separated [doc].
pub fn token_request(c: &Connection, scopes: &str) -> HttpRequest {
    let body = form(&[
        ("grant_type", "client_credentials"),
        ("client_id", c.client_id.trim()),
        ("client_secret", c.client_secret.trim()),
        ("scope", scopes),
    ]);
    HttpRequest {
        method: Method::Post,
        url: c.token_url(),
        headers: vec![
            ("Content-Type".into(), "application/x-www-form-urlencoded".into()),
            ("Accept".into(), "application/json".into()),
        ],
        body: Some(body),
    }
}

/// A bearer token and when to stop using it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub access_token: String,
    pub expires_at_ms: i64,
}

impl Token {
    /// Renewed a little before PageUp's clock says it ends, so a call in flight never carries a
    /// token that expires on the way.
    pub fn usable(&self, now_ms: i64) -> bool {
        now_ms + 30_000 < self.expires_at_ms
    }
}

/// The token answer `{access_token, expires_in, token_type}`, or OAuth2's error body
/// `{error, error_description}` [model: OAuth2], read field by field (`Node`).
pub fn read_token(r: &HttpReply, now_ms: i64) -> Result<Token, ApiError> {
    let body = crate::node::Node::parse(&r.body);
    let text = |k: &str| body.as_ref().and_then(|b| b.str(k)).unwrap_or_default();
    if (200..300).contains(&r.status) {
        let expires_in = body.as_ref().and_then(|b| b.get("expires_in").number()).unwrap_or(0.0) as i64;
        let access_token = text("access_token");
        if access_token.is_empty() || !text("token_type").eq_ignore_ascii_case("bearer") || expires_in <= 0 {
            return Err(ApiError::Garbled { vendor: VENDOR });
        }
        return Ok(Token { access_token, expires_at_ms: now_ms + expires_in * 1000 });
    }
    Err(match text("error").as_str() {
        "invalid_client" | "unauthorized_client" => ApiError::KeyRejected { vendor: VENDOR },
        "invalid_scope" => ApiError::Refused {
            vendor: VENDOR,
            status: r.status,
            reason: format!(
                "PageUp hasn't granted this client what Interview Bridge needs ({SCOPES}). Ask your \
                 PageUp administrator to grant it. PageUp said: {}",
                text("error_description")
            ),
        },
        _ => return crate::error::check(VENDOR, r).and(Err(ApiError::Garbled { vendor: VENDOR })),
    })
}

fn with_token(method: Method, url: String, token: &Token, body: Option<String>) -> HttpRequest {
    let mut headers = vec![
        ("Authorization".into(), format!("Bearer {}", token.access_token)),
        ("Accept".into(), "application/json".into()),
    ];
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    HttpRequest { method, url, headers, body }
}

/// Moves an application to one of the tenant's own status codes [catalog]: PageUp records it in
/// the history and sends whatever communication the status is set up with.
pub fn change_status(c: &Connection, token: &Token, application_id: &str, code: &str) -> HttpRequest {
    let url =
        format!("{}/{}/changeapplicationstatusbycode", c.applications(), encode_query_value(application_id));
    let body = crate::ats_api::one_field("applicationStatusCode", code.trim());
    with_token(Method::Post, url, token, Some(body))
}

/// The answer to a call made with a token: a 401 means the token is no good any more (expired
/// or revoked), which the caller answers by getting a new one once, not by asking the
/// recruiter for credentials.
pub fn token_refused(r: &HttpReply) -> bool {
    r.status == 401
}

/// A status change's answer: `200 {}` [catalog]; a refusal with PageUp's reason, `{message}`
/// [model].
pub fn read_changed(r: &HttpReply) -> Result<(), ApiError> {
    if (200..300).contains(&r.status) {
        return Ok(());
    }
    let message = Node::parse(&r.body).and_then(|b| b.str("message")).unwrap_or_default();
    match r.status {
        400 | 409 | 422 if !message.trim().is_empty() => Err(ApiError::Refused {
            vendor: VENDOR,
            status: r.status,
            reason: message.chars().take(300).collect(),
        }),
        _ => crate::error::check(VENDOR, r),
    }
}

/// [model] `GET …/applications/{id}`: `{applicationId, applicantId, jobId, statusCode}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Application {
    pub application_id: u64,
    pub applicant_id: u64,
    pub job_id: u64,
    pub status_code: String,
}

pub fn application(c: &Connection, token: &Token, application_id: &str) -> HttpRequest {
    with_token(
        Method::Get,
        format!("{}/{}", c.applications(), encode_query_value(application_id)),
        token,
        None,
    )
}

/// Read field by field (`Node`); an application without its id is not one.
pub fn read_application(r: &HttpReply) -> Result<Application, ApiError> {
    crate::error::check(VENDOR, r)?;
    let garbled = ApiError::Garbled { vendor: VENDOR };
    let b = Node::parse(&r.body).filter(Node::is_object).ok_or(garbled.clone())?;
    let id = |k: &str| b.get(k).number().filter(|n| *n >= 0.0 && n.fract() == 0.0).map(|n| n as u64);
    Ok(Application {
        application_id: id("applicationId").ok_or(garbled)?,
        applicant_id: id("applicantId").unwrap_or_default(),
        job_id: id("jobId").unwrap_or_default(),
        status_code: b.str("statusCode").unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod contract;

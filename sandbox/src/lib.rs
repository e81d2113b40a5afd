//! Interview Bridge sandbox: one local HTTPS server standing in for Spark Hire
//! and Lever, with modelled pages of Top Echelon, Oorwin, SmartRecruiters
//! (and its candidate API), PageUp and Hellohire's video-interview pages. It answers by the `Host` header, so a browser started with
//! `--host-resolver-rules` (see [`host_resolver_rules`]) and
//! `--ignore-certificate-errors` reaches it under the vendors' real names.
//!
//! ```no_run
//! let sb = sandbox::start("127.0.0.1:0", None).unwrap();
//! let (status, body) = sandbox::client::request(
//!     sb.port, "api.sparkhire.com", "GET", "/v1.0/jobs",
//!     &[("Authorization", &sandbox::client::basic_auth("sh_demo_ada_7Kq2"))], None,
//! ).unwrap();
//! assert_eq!(status, 200);
//! # let _ = body;
//! ```

mod ats;
pub mod client;
mod h2;
mod hellohire;
mod http;
mod lever;
mod myinterview;
mod pageup_api;
mod server;
mod sparkhire;
mod spottabl;
mod state;
mod tls;
mod util;

/// ISO 8601 as the sandbox writes and reads it, for tests comparing its dates.
pub use util::parse_iso;
mod validate;

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub use ats::{AtsApplication, AtsCandidate, AtsData, AtsJob, SeedAts};
pub use hellohire::{HellohireInterview, HellohireRegistrant, InterviewKind, SeedHellohire};
pub use lever::{ArchiveReason, Archived, LeverUser, OppMeta, PostingMeta, StageChange};
pub use myinterview::{MiCompany, MiTemplate, SeedMyInterview};
pub use pageup_api::{PuClient, PuInstance, PuStatus, SeedPageUp};
pub use spottabl::{SeedSpottabl, SpPartner, SpStage};
pub use state::{
    Opportunity, Phone, Posting, Profile, Seed, SeedCompany, SeedInterview, SeedJob, SeedLever,
    SeedQuestionSet, SeedUser, Stage,
};

/// Every vendor host the sandbox answers for (all share one certificate).
pub const HOSTS: &[&str] = &[
    "api.sparkhire.com",
    "app.sparkhire.com",
    "api.lever.co",
    "hire.lever.co",
    "api.eu.lever.co",
    "hire.eu.lever.co",
    "api.sandbox.lever.co",
    "hire.sandbox.lever.co",
    "bigbiller.topechelon.com",
    "acme.oorwin.com",
    // A second Oorwin customer: anyone can have a tenant, and each keeps its own job ids.
    "globex.oorwin.com",
    "www.smartrecruiters.com",
    "api.smartrecruiters.com",
    "acme.dc4.pageuppeople.com",
    // A second PageUp customer, in another data centre, with the same job and application ids.
    "globex.dc3.pageuppeople.com",
    "www.tryhellohire.com",
    // Another Hellohire subdomain: the extension's pattern matches it, and anyone may serve a
    // copy of the app's pages there listing whoever they like.
    "events.tryhellohire.com",
    // [model] myInterview's API host (the base URL is a setting on the extension's side).
    "api.myinterview.com",
    // [model] Spottabl's API host (Spottabl publishes no API; the host is a setting there too).
    "api.spottabl.com",
    // PageUp's token service and API, LIVE and UAT, in every data centre (dc2 AU, dc3 UK/EMEA,
    // dc4 US, dc5 SEA).
    "login.dc2.pageuppeople.com",
    "login.dc3.pageuppeople.com",
    "login.dc4.pageuppeople.com",
    "login.dc5.pageuppeople.com",
    "loginuat.dc2.pageuppeople.com",
    "loginuat.dc3.pageuppeople.com",
    "loginuat.dc4.pageuppeople.com",
    "loginuat.dc5.pageuppeople.com",
    "api.dc2.pageuppeople.com",
    "api.dc3.pageuppeople.com",
    "api.dc4.pageuppeople.com",
    "api.dc5.pageuppeople.com",
    "apiuat.dc2.pageuppeople.com",
    "apiuat.dc3.pageuppeople.com",
    "apiuat.dc4.pageuppeople.com",
    "apiuat.dc5.pageuppeople.com",
];

/// The value for Chromium's `--host-resolver-rules` mapping every host in
/// [`HOSTS`] to `127.0.0.1:port`.
pub fn host_resolver_rules(port: u16) -> String {
    HOSTS.iter().map(|h| format!("MAP {h} 127.0.0.1:{port}")).collect::<Vec<_>>().join(", ")
}

/// A running sandbox. Dropping the handle leaves the server running (until
/// the process ends); call [`Handle::shutdown`] to stop it.
pub struct Handle {
    /// The bound TCP port.
    pub port: u16,
    /// The bound address.
    pub addr: SocketAddr,
    app: Arc<server::App>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Handle {
    /// `https://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// What `GET /_sandbox/state` would answer, read in-process.
    pub fn snapshot(&self) -> serde_json::Value {
        self.app.lock().snapshot()
    }

    /// Blocks until the server stops (never, unless [`Handle::shutdown`] is
    /// called from elsewhere).
    pub fn join(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Stops accepting connections; open keep-alive connections close after
    /// their next response.
    pub fn shutdown(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip([127, 0, 0, 1].into());
        }
        let _ = TcpStream::connect(wake);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Binds `addr` (`127.0.0.1:0` picks a free port), starts the accept thread
/// and returns at once. Each call has its own state; `None` uses
/// [`Seed::demo`]. Fails if the seed is inconsistent (unknown job, stage...).
pub fn start(addr: &str, seed: Option<Seed>) -> io::Result<Handle> {
    start_as(addr, seed, Profile::Realistic)
}

/// [`start`] with no vendor latency: for the sandbox's own tests only. The extension's tests,
/// the demo and the bench meet the realistic vendors.
pub fn start_fast(addr: &str, seed: Option<Seed>) -> io::Result<Handle> {
    start_as(addr, seed, Profile::Fast)
}

fn start_as(addr: &str, seed: Option<Seed>, profile: Profile) -> io::Result<Handle> {
    let seed = seed.unwrap_or_else(Seed::demo);
    let mut state = state::State::new(seed).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    state.set_profile(profile);
    let tls = tls::server_config()?;
    let listener = TcpListener::bind(addr)?;
    let local = listener.local_addr()?;
    let app = Arc::new(server::App::new(state));
    let stop = Arc::new(AtomicBool::new(false));
    let thread = {
        let (app, stop) = (app.clone(), stop.clone());
        thread::Builder::new()
            .name(format!("sandbox-accept-{}", local.port()))
            .spawn(move || server::accept_loop(listener, tls, app, stop))?
    };
    Ok(Handle { port: local.port(), addr: local, app, stop, thread: Some(thread) })
}

//! Accept loop, per-connection keep-alive loop, and routing by `Host`.

use std::io::BufReader;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use rustls::{ServerConfig, ServerConnection, StreamOwned};
use serde_json::{json, Value};

use crate::ats::{oorwin, pageup, smartrecruiters, topechelon};
use crate::http::{self, ReadError, Request, Response};
use crate::pageup_api::{self, Service};
use crate::state::{Fault, FaultMode, State};
use crate::{h2, hellohire, lever, myinterview, sparkhire, spottabl, HOSTS};

const IDLE_TIMEOUT: Duration = Duration::from_secs(120);

pub struct App {
    state: Mutex<State>,
}

pub enum Outcome {
    Respond(Response),
    /// Close the connection without answering.
    Close,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Site {
    SparkApi,
    SparkApp,
    LeverApi,
    LeverApp,
    TopEchelon,
    Oorwin,
    SrApp,
    SrApi,
    PageUp,
    Hellohire,
    MiApi,
    PuLogin,
    PuApi,
    SpottablApi,
    Other,
}

impl Site {
    /// The vendors' API hosts: they serve JSON to the extension's worker, never a page.
    fn is_api(self) -> bool {
        matches!(
            self,
            Site::SparkApi
                | Site::LeverApi
                | Site::SrApi
                | Site::MiApi
                | Site::PuLogin
                | Site::PuApi
                | Site::SpottablApi
        )
    }

    fn of(host: &str) -> Site {
        match host {
            "api.sparkhire.com" => Site::SparkApi,
            "app.sparkhire.com" => Site::SparkApp,
            "api.lever.co" | "api.eu.lever.co" | "api.sandbox.lever.co" => Site::LeverApi,
            "hire.lever.co" | "hire.eu.lever.co" | "hire.sandbox.lever.co" => Site::LeverApp,
            "bigbiller.topechelon.com" => Site::TopEchelon,
            "acme.oorwin.com" | "globex.oorwin.com" => Site::Oorwin,
            "www.smartrecruiters.com" => Site::SrApp,
            "api.smartrecruiters.com" => Site::SrApi,
            "acme.dc4.pageuppeople.com" | "globex.dc3.pageuppeople.com" => Site::PageUp,
            hellohire::HOST | "events.tryhellohire.com" => Site::Hellohire,
            myinterview::HOST => Site::MiApi,
            spottabl::HOST => Site::SpottablApi,
            _ => match pageup_api::parse_host(host) {
                Some((Service::Login, ..)) => Site::PuLogin,
                Some((Service::Api, ..)) => Site::PuApi,
                None => Site::Other,
            },
        }
    }
}

fn fault_outcome(f: &Fault, site: Site, now: i64) -> Outcome {
    if f.status == 0 {
        return Outcome::Close;
    }
    let text = match f.status {
        429 => "Too many requests",
        400 => "Bad request",
        401 => "Invalid API key",
        403 => "Forbidden",
        404 => "Not found",
        500 => "Internal server error",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Sandbox fault",
    };
    let body = f.body.clone().unwrap_or_else(|| match site {
        // [model] Lever error body
        Site::LeverApi => json!({"code": "SandboxFault", "message": text}),
        // [model] SmartRecruiters error body
        Site::SrApi => json!({ "message": text }),
        // [model] myInterview's documented error envelope
        Site::MiApi => myinterview::error_body(f.status, json!(text), None, now),
        // [model] OAuth2's error body on the token service; PageUp's API as the sandbox models it
        Site::PuLogin => json!({"error": "temporarily_unavailable", "error_description": text}),
        Site::PuApi => json!({ "message": text }),
        // [model] as the sandbox models Spottabl's errors
        Site::SpottablApi => spottabl::fault_body(text),
        _ => json!({"reason": text}),
    });
    let mut r = match body {
        Value::String(s) => Response::text(f.status, &s),
        v => Response::json(f.status, &v),
    };
    if f.status == 429 {
        let secs = f.retry_after.unwrap_or(1).to_string();
        if matches!(site, Site::MiApi | Site::PuLogin | Site::PuApi) {
            // [model] their rate-limit headers are not public; the standard one
            r.set_header("Retry-After", secs.clone());
        }
        r.set_header("X-Rate-Limit-Try-Again-Seconds", secs);
    }
    Outcome::Respond(r)
}

fn other_host(req: &Request) -> Response {
    if req.path == "/" {
        let mut s = String::from("Interview Bridge sandbox. Hosts served (by Host header):\n");
        for h in HOSTS {
            s.push_str(h);
            s.push('\n');
        }
        s.push_str(
            "Control (on the API hosts only: api.sparkhire.com, api.lever.co, api.smartrecruiters.com, \
             api.myinterview.com, api.spottabl.com, PageUp's login and api hosts): \
             GET /_sandbox/state, POST /_sandbox/reset, /_sandbox/faults, /_sandbox/config\n",
        );
        Response::text(200, &s)
    } else {
        Response::text(404, "Unknown host or path")
    }
}

impl App {
    pub fn new(state: State) -> App {
        App { state: Mutex::new(state) }
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn handle(&self, req: &Request) -> Outcome {
        let host = req.host();
        let site = Site::of(&host);
        if req.path == "/_sandbox" || req.path.starts_with("/_sandbox/") {
            // Pages the browser shows (ATS, Hellohire, share pages) are attacker-written in the
            // hostile-page tests: the demo keys and state must not be one same-origin fetch
            // away. And no CORS here, so a page elsewhere cannot read them cross-origin either.
            if !site.is_api() {
                return Outcome::Respond(Response::text(404, "Not found"));
            }
            return Outcome::Respond(self.control(req));
        }
        let (outcome, latency) = {
            let mut st = self.lock();
            // Only the vendors' APIs are across the internet; the pages the browser shows are
            // the recruiter's, already loaded or cached.
            let latency = if site.is_api() { st.next_latency() } else { 0 };
            let fault = st.take_fault(&host, &req.method, &req.path, &req.body);
            let outcome = match &fault {
                Some(f) if f.mode == FaultMode::Before => fault_outcome(f, site, st.now()),
                _ => {
                    let resp = route(&mut st, site, req);
                    match &fault {
                        Some(f) => fault_outcome(f, site, st.now()),
                        None => Outcome::Respond(resp),
                    }
                }
            };
            let status = match &outcome {
                Outcome::Respond(r) => r.status,
                Outcome::Close => 0,
            };
            st.log_request(req, &host, status);
            (outcome, latency)
        };
        if latency > 0 {
            thread::sleep(Duration::from_millis(latency.min(60_000)));
        }
        // No CORS headers anywhere: the vendors' APIs answer servers and extensions with host
        // permissions, so a call made from a page or a content script fails as it would there.
        outcome
    }

    fn control(&self, req: &Request) -> Response {
        let bad = |msg: String| Response::json(400, &json!({ "error": msg }));
        let mut st = self.lock();
        match (req.method.as_str(), req.path.as_str()) {
            ("GET" | "HEAD", "/_sandbox/state") => Response::json(200, &st.snapshot()),
            ("POST", "/_sandbox/reset") => {
                st.reset();
                Response::empty(204)
            }
            ("GET" | "HEAD", "/_sandbox/faults") => {
                Response::json(200, &json!(st.faults.iter().collect::<Vec<_>>()))
            }
            ("POST", "/_sandbox/faults") => {
                // one fault object, or an array of them
                let parsed: Result<Vec<Fault>, _> = match serde_json::from_slice::<Value>(&req.body) {
                    Ok(Value::Array(a)) => a.into_iter().map(serde_json::from_value).collect(),
                    Ok(v) => serde_json::from_value(v).map(|f| vec![f]),
                    Err(e) => return bad(format!("invalid JSON: {e}")),
                };
                let faults = match parsed {
                    Ok(f) => f,
                    Err(e) => return bad(format!("invalid fault: {e}")),
                };
                for f in &faults {
                    if f.count == 0 {
                        return bad("count must be at least 1".into());
                    }
                    if f.status != 0 && !(100..=599).contains(&f.status) {
                        return bad("status must be 0 or 100..=599".into());
                    }
                }
                st.faults.extend(faults);
                Response::empty(204)
            }
            ("DELETE", "/_sandbox/faults") => {
                st.faults.clear();
                Response::empty(204)
            }
            ("GET" | "HEAD", "/_sandbox/config") => Response::json(200, &Value::Object(st.config.clone())),
            ("POST", "/_sandbox/config") => match serde_json::from_slice::<Value>(&req.body) {
                Ok(Value::Object(m)) => {
                    for (k, v) in m {
                        st.config.insert(k, v);
                    }
                    Response::empty(204)
                }
                _ => bad("config must be a JSON object".into()),
            },
            (_, p) if p.starts_with("/_sandbox/myinterview/") => myinterview::control(&mut st, req),
            (_, p) if p.starts_with("/_sandbox/spottabl/") => spottabl::control(&mut st, req),
            (_, p) if p.starts_with("/_sandbox/lever/") => crate::lever::control(&mut st, req),
            _ => Response::json(404, &json!({"error": "unknown sandbox endpoint"})),
        }
    }
}

fn route(st: &mut State, site: Site, req: &Request) -> Response {
    match site {
        // [model] A CORS preflight is not a method these APIs serve.
        _ if site.is_api() && req.method == "OPTIONS" => {
            Response::json(405, &json!({"message": "Method not allowed"}))
        }
        Site::SparkApi => sparkhire::api(st, req),
        Site::LeverApi => lever::api(st, req),
        Site::SparkApp => sparkhire::app(st, req),
        Site::LeverApp => lever::app(st, req),
        Site::TopEchelon => topechelon::app(st, req),
        Site::Oorwin => oorwin::app(st, req),
        Site::SrApp => smartrecruiters::app(st, req),
        Site::SrApi => smartrecruiters::api(st, req),
        Site::PageUp => pageup::app(st, req),
        Site::Hellohire => hellohire::app(st, req),
        Site::MiApi => myinterview::api(st, req),
        Site::SpottablApi => spottabl::api(st, req),
        Site::PuLogin | Site::PuApi => match pageup_api::parse_host(&req.host()) {
            Some((Service::Login, env, dc)) => pageup_api::token(st, req, env, dc),
            Some((Service::Api, env, dc)) => pageup_api::api(st, req, env, dc),
            None => other_host(req),
        },
        Site::Other => other_host(req),
    }
}

pub fn accept_loop(listener: TcpListener, tls: Arc<ServerConfig>, app: Arc<App>, stop: Arc<AtomicBool>) {
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(tcp) = conn else {
            thread::sleep(Duration::from_millis(10));
            continue;
        };
        let (tls, app, stop) = (tls.clone(), app.clone(), stop.clone());
        let _ = thread::Builder::new().name("sandbox-conn".into()).spawn(move || serve(tcp, tls, app, stop));
    }
}

fn serve(tcp: TcpStream, tls: Arc<ServerConfig>, app: Arc<App>, stop: Arc<AtomicBool>) {
    let _ = tcp.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = tcp.set_write_timeout(Some(IDLE_TIMEOUT));
    let _ = tcp.set_nodelay(true);
    let Ok(mut conn) = ServerConnection::new(tls) else {
        return;
    };
    let mut tcp = tcp;
    while conn.is_handshaking() {
        match conn.complete_io(&mut tcp) {
            Ok((0, 0)) | Err(_) => return,
            Ok(_) => {}
        }
    }
    if conn.alpn_protocol() == Some(b"h2") {
        return h2::serve(conn, tcp, app, stop);
    }
    let mut reader = BufReader::new(StreamOwned::new(conn, tcp));
    loop {
        let req = match http::read_request(&mut reader) {
            Ok(r) => r,
            Err(ReadError::Bad(status, msg)) => {
                let r = Response::text(status, msg);
                let _ = http::write_response(reader.get_mut(), &r, false, true);
                break;
            }
            Err(ReadError::Closed | ReadError::Io) => break,
        };
        let close = !req.keep_alive() || stop.load(Ordering::SeqCst);
        match app.handle(&req) {
            Outcome::Close => {
                let _ = reader.get_ref().sock.shutdown(Shutdown::Both);
                return;
            }
            Outcome::Respond(resp) => {
                let head = req.method == "HEAD";
                if http::write_response(reader.get_mut(), &resp, head, close).is_err() || close {
                    break;
                }
            }
        }
    }
    let stream = reader.get_mut();
    stream.conn.send_close_notify();
    let _ = stream.conn.complete_io(&mut stream.sock);
    let _ = stream.sock.shutdown(Shutdown::Both);
}

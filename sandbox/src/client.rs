//! A small blocking HTTPS client for tests. It connects to `127.0.0.1:port`
//! with SNI and `Host` set to the given host name and accepts any server
//! certificate (the sandbox's is self-signed). One request per connection.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine;
use rustls::pki_types::ServerName;
use rustls::{ClientConnection, StreamOwned};

use crate::tls;

/// Host used by the control helpers: control endpoints answer only on the vendors' API hosts.
pub const CONTROL_HOST: &str = "api.sparkhire.com";

/// A full response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// First header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// `Basic base64(key:)`, the header value for an API key with empty password.
pub fn basic_auth(key: &str) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{key}:")))
}

/// Sends one request; returns `(status, body)`.
pub fn request(
    port: u16,
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> io::Result<(u16, String)> {
    send(port, host, method, path, headers, body).map(|r| (r.status, r.body))
}

/// Sends one request; returns status, headers and body. An error when the
/// server closes the connection without answering.
pub fn send(
    port: u16,
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> io::Result<Response> {
    let tcp = TcpStream::connect(("127.0.0.1", port))?;
    tcp.set_read_timeout(Some(Duration::from_secs(30)))?;
    tcp.set_write_timeout(Some(Duration::from_secs(30)))?;
    let name =
        ServerName::try_from(host.to_string()).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let conn = ClientConnection::new(tls::client_config()?, name).map_err(io::Error::other)?;
    let mut stream = StreamOwned::new(conn, tcp);

    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\n");
    let has = |n: &str| headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        if !has("content-type") {
            head.push_str("Content-Type: application/json\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n", b.len()));
    } else if matches!(method, "POST" | "PUT" | "PATCH") {
        head.push_str("Content-Length: 0\r\n");
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut out = head.into_bytes();
    if let Some(b) = body {
        out.extend_from_slice(b.as_bytes());
    }
    stream.write_all(&out)?;
    stream.flush()?;

    let mut r = BufReader::new(stream);
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed without a response"));
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad status line"))?;
    let mut resp_headers = Vec::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            resp_headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let length = resp_headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let mut bytes = Vec::new();
    let bodyless = method == "HEAD" || status == 204 || status == 304 || status < 200;
    if !bodyless {
        match length {
            Some(n) => {
                bytes.resize(n, 0);
                r.read_exact(&mut bytes)?;
            }
            None => match r.read_to_end(&mut bytes) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {}
                Err(e) => return Err(e),
            },
        }
    }
    Ok(Response { status, headers: resp_headers, body: String::from_utf8_lossy(&bytes).into_owned() })
}

fn control(port: u16, method: &str, path: &str, body: Option<&str>) -> Response {
    let r = send(port, CONTROL_HOST, method, path, &[], body)
        .unwrap_or_else(|e| panic!("sandbox {method} {path}: {e}"));
    assert!(r.status < 300, "sandbox {method} {path}: HTTP {} {}", r.status, r.body);
    r
}

/// `GET /_sandbox/state`. Panics on failure (a test helper).
pub fn state(port: u16) -> serde_json::Value {
    let r = control(port, "GET", "/_sandbox/state", None);
    serde_json::from_str(&r.body).expect("sandbox state is JSON")
}

/// `POST /_sandbox/reset`. Panics on failure.
pub fn reset(port: u16) {
    control(port, "POST", "/_sandbox/reset", None);
}

/// `POST /_sandbox/faults` with a fault (or an array of faults). Panics on failure.
pub fn push_fault(port: u16, fault_json: &str) {
    control(port, "POST", "/_sandbox/faults", Some(fault_json));
}

/// `DELETE /_sandbox/faults`: no more faults. Panics on failure.
pub fn clear_faults(port: u16) {
    control(port, "DELETE", "/_sandbox/faults", None);
}

/// `GET /_sandbox/config`. Panics on failure.
pub fn config(port: u16) -> serde_json::Value {
    serde_json::from_str(&control(port, "GET", "/_sandbox/config", None).body).expect("config is JSON")
}

/// `POST /_sandbox/config`, merged into the config. Panics on failure.
pub fn set_config(port: u16, json: &str) {
    control(port, "POST", "/_sandbox/config", Some(json));
}

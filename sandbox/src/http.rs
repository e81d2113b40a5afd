//! Minimal HTTP/1.1: request parsing (Content-Length or chunked bodies,
//! `Expect: 100-continue`) and response writing. Enough for Chromium and curl.

use std::io::{self, BufRead, BufReader, Read, Write};

use serde_json::Value;

const MAX_LINE: u64 = 16 * 1024;
const MAX_HEADERS: usize = 100;
const MAX_BODY: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The raw path, without the query string.
    pub path: String,
    /// The raw query string, without `?` (empty when none).
    pub query: String,
    pub http10: bool,
    /// Came over HTTP/2.
    pub h2: bool,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The `Host` header, lower-cased, without port or trailing dot.
    pub fn host(&self) -> String {
        let raw = self.header("host").unwrap_or("").trim();
        let host = if let Some(rest) = raw.strip_prefix('[') {
            rest.split(']').next().unwrap_or("")
        } else {
            match raw.rsplit_once(':') {
                Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h,
                _ => raw,
            }
        };
        host.trim_end_matches('.').to_ascii_lowercase()
    }

    pub fn keep_alive(&self) -> bool {
        let conn = self.header("connection").unwrap_or("").to_ascii_lowercase();
        let has = |t: &str| conn.split(',').any(|x| x.trim() == t);
        if has("close") {
            false
        } else if self.http10 {
            has("keep-alive")
        } else {
            true
        }
    }
}

#[derive(Debug)]
pub enum ReadError {
    /// The peer closed (or the connection broke) before a request started.
    Closed,
    Io,
    /// Malformed request: answer with this status and close.
    Bad(u16, &'static str),
}

fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> Result<usize, ReadError> {
    buf.clear();
    let n = r.by_ref().take(MAX_LINE).read_until(b'\n', buf).map_err(|_| ReadError::Io)?;
    if n as u64 == MAX_LINE && !buf.ends_with(b"\n") {
        return Err(ReadError::Bad(431, "line too long"));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(n)
}

/// Reads one request. `Err(Closed)` on a clean end of the connection.
pub fn read_request<S: Read + Write>(r: &mut BufReader<S>) -> Result<Request, ReadError> {
    let mut line = Vec::new();
    let mut blank = 0;
    loop {
        match read_line(r, &mut line) {
            Ok(0) | Err(ReadError::Io) => return Err(ReadError::Closed),
            Ok(_) if line.is_empty() => {
                blank += 1;
                if blank > 4 {
                    return Err(ReadError::Bad(400, "empty request"));
                }
            }
            Ok(_) => break,
            Err(e) => return Err(e),
        }
    }
    let start = std::str::from_utf8(&line).map_err(|_| ReadError::Bad(400, "bad request line"))?;
    let mut parts = start.split(' ').filter(|p| !p.is_empty());
    let (method, target, version) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v), None) => (m.to_string(), t.to_string(), v),
        _ => return Err(ReadError::Bad(400, "bad request line")),
    };
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(ReadError::Bad(505, "HTTP version not supported")),
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    let mut headers = Vec::new();
    loop {
        if read_line(r, &mut line)? == 0 {
            return Err(ReadError::Io);
        }
        if line.is_empty() {
            break;
        }
        if headers.len() >= MAX_HEADERS {
            return Err(ReadError::Bad(431, "too many headers"));
        }
        let text = String::from_utf8_lossy(&line);
        let (k, v) = text.split_once(':').ok_or(ReadError::Bad(400, "bad header line"))?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let mut req = Request { method, path, query, http10, h2: false, headers, body: Vec::new() };
    let chunked = req.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let length = match req.header("content-length") {
        Some(v) => Some(v.parse::<usize>().map_err(|_| ReadError::Bad(400, "bad content-length"))?),
        None => None,
    };
    if length.is_some_and(|n| n > MAX_BODY) {
        return Err(ReadError::Bad(413, "body too large"));
    }
    let expects_continue = req.header("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
    if expects_continue && (chunked || length.unwrap_or(0) > 0) {
        let w = r.get_mut();
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").and_then(|_| w.flush()).map_err(|_| ReadError::Io)?;
    }
    if chunked {
        req.body = read_chunked(r)?;
    } else if let Some(n) = length {
        let mut body = vec![0; n];
        r.read_exact(&mut body).map_err(|_| ReadError::Io)?;
        req.body = body;
    }
    Ok(req)
}

fn read_chunked<R: BufRead>(r: &mut R) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    let mut line = Vec::new();
    loop {
        if read_line(r, &mut line)? == 0 {
            return Err(ReadError::Io);
        }
        let text = String::from_utf8_lossy(&line);
        let size_hex = text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| ReadError::Bad(400, "bad chunk size"))?;
        if size == 0 {
            // trailers
            loop {
                if read_line(r, &mut line)? == 0 || line.is_empty() {
                    return Ok(body);
                }
            }
        }
        if body.len() + size > MAX_BODY {
            return Err(ReadError::Bad(413, "body too large"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..]).map_err(|_| ReadError::Io)?;
        read_line(r, &mut line)?; // CRLF after the chunk
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Response { status, headers: vec![("Content-Type".into(), content_type.into())], body: body.into() }
    }

    pub fn json(status: u16, v: &Value) -> Self {
        Self::new(status, "application/json; charset=utf-8", v.to_string())
    }

    pub fn html(status: u16, page: String) -> Self {
        Self::new(status, "text/html; charset=utf-8", page)
    }

    pub fn text(status: u16, s: &str) -> Self {
        Self::new(status, "text/plain; charset=utf-8", s)
    }

    pub fn empty(status: u16) -> Self {
        Response { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn with_header(mut self, k: &str, v: impl Into<String>) -> Self {
        self.set_header(k, v);
        self
    }

    pub fn set_header(&mut self, k: &str, v: impl Into<String>) {
        let v = v.into();
        match self.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(k)) {
            Some(slot) => slot.1 = v,
            None => self.headers.push((k.to_string(), v)),
        }
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

/// Serialises `resp`; `head_only` leaves the body out (HEAD requests).
pub fn write_response<W: Write>(w: &mut W, resp: &Response, head_only: bool, close: bool) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + resp.body.len());
    out.extend_from_slice(format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status)).as_bytes());
    for (k, v) in &resp.headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    let bodyless = resp.status == 204 || resp.status == 304 || resp.status < 200;
    if !bodyless {
        out.extend_from_slice(format!("Content-Length: {}\r\n", resp.body.len()).as_bytes());
    }
    out.extend_from_slice(if close { b"Connection: close\r\n" } else { b"Connection: keep-alive\r\n" });
    out.extend_from_slice(b"Server: interview-bridge-sandbox\r\n\r\n");
    if !bodyless && !head_only {
        out.extend_from_slice(&resp.body);
    }
    w.write_all(&out)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// An in-memory duplex stream: reads from `input`, writes to `output`.
    struct Duplex {
        input: Cursor<Vec<u8>>,
        output: Vec<u8>,
    }
    impl Read for Duplex {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.input.read(buf)
        }
    }
    impl Write for Duplex {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.output.write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn reader(s: &str) -> BufReader<Duplex> {
        BufReader::new(Duplex { input: Cursor::new(s.as_bytes().to_vec()), output: Vec::new() })
    }

    #[test]
    fn parses_pipelined_requests() {
        let mut r = reader(
            "POST /v1.0/jobs?x=1 HTTP/1.1\r\nHost: api.sparkhire.com:8443\r\nContent-Length: 2\r\n\r\n{}\
             GET / HTTP/1.1\r\nHost: HIRE.LEVER.CO\r\nConnection: close\r\n\r\n",
        );
        let a = read_request(&mut r).unwrap();
        assert_eq!(a.method, "POST");
        assert_eq!(a.path, "/v1.0/jobs");
        assert_eq!(a.query, "x=1");
        assert_eq!(a.host(), "api.sparkhire.com");
        assert_eq!(a.body, b"{}");
        assert!(a.keep_alive());
        let b = read_request(&mut r).unwrap();
        assert_eq!(b.host(), "hire.lever.co");
        assert!(!b.keep_alive());
        assert!(matches!(read_request(&mut r), Err(ReadError::Closed)));
    }

    #[test]
    fn chunked_and_continue() {
        let mut r = reader(
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n",
        );
        let a = read_request(&mut r).unwrap();
        assert_eq!(a.body, b"abcde");
        assert!(r.get_ref().output.starts_with(b"HTTP/1.1 100 Continue"));
    }

    #[test]
    fn rejects_garbage() {
        let mut r = reader("NONSENSE\r\n\r\n");
        assert!(matches!(read_request(&mut r), Err(ReadError::Bad(400, _))));
    }
}

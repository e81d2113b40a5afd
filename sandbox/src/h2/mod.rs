//! HTTP/2 (RFC 9113) for the browser. The vendors' hosts sit behind front ends that speak it, so
//! Chromium sends every request to a host over one connection, many at once. Over HTTP/1.1 it
//! would queue behind six sockets per host, which caps a bulk run at six answers per round
//! trip: a limit of the sandbox, not of the vendor.
//!
//! Enough of the protocol for Chromium and curl: requests are answered in their own threads
//! (each may sleep for the modelled latency), frames go out under one lock that also holds the
//! TLS session and the HPACK encoder, and DATA respects the peer's flow-control windows.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;

use fluke_hpack::{Decoder, Encoder};
use rustls::ServerConnection;

use crate::http::{Request, Response};
use crate::server::{App, Outcome};

const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

const DATA: u8 = 0x0;
const HEADERS: u8 = 0x1;
const RST_STREAM: u8 = 0x3;
const SETTINGS: u8 = 0x4;
const PING: u8 = 0x6;
const GOAWAY: u8 = 0x7;
const WINDOW_UPDATE: u8 = 0x8;
const CONTINUATION: u8 = 0x9;

const END_STREAM: u8 = 0x1;
const ACK: u8 = 0x1;
const END_HEADERS: u8 = 0x4;
const PADDED: u8 = 0x8;
const PRIORITY: u8 = 0x20;

const NO_ERROR: u32 = 0x0;
const PROTOCOL_ERROR: u32 = 0x1;
const INTERNAL_ERROR: u32 = 0x2;
const FRAME_SIZE_ERROR: u32 = 0x6;
const COMPRESSION_ERROR: u32 = 0x9;

/// [model] A common front-end default (nginx, CloudFront and most load balancers allow 100 or
/// 128); what the vendors' hosts allow is not in API-NOTES.
pub const MAX_CONCURRENT_STREAMS: u32 = 100;
/// What we let the peer send before it must wait for a WINDOW_UPDATE: more than any body the
/// sandbox accepts, so request bodies never stall.
const RECEIVE_WINDOW: u32 = 16 << 20;
/// The frame size both sides start with; we never ask for bigger frames.
const MAX_FRAME: usize = 16_384;
const MAX_BODY: usize = 10 << 20;

/// The TLS session, a clone of the socket to write to, and the HPACK encoder, whose table must
/// see header blocks in the order they go out.
struct Wire {
    tls: ServerConnection,
    sock: TcpStream,
    encoder: Encoder<'static>,
}

/// Send-side flow control (RFC 9113 §6.9): what the peer lets us send, per stream and in all.
struct Flow {
    conn: i64,
    streams: HashMap<u32, i64>,
    initial: i64,
    max_frame: usize,
    closed: bool,
}

struct Shared {
    wire: Mutex<Wire>,
    flow: Mutex<Flow>,
    window_opened: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn put_frame(w: &mut Wire, kind: u8, flags: u8, stream: u32, payload: &[u8]) -> io::Result<()> {
    let mut buf = Vec::with_capacity(9 + payload.len());
    buf.extend_from_slice(&(payload.len() as u32).to_be_bytes()[1..]);
    buf.push(kind);
    buf.push(flags);
    buf.extend_from_slice(&(stream & 0x7fff_ffff).to_be_bytes());
    buf.extend_from_slice(payload);
    w.tls.writer().write_all(&buf)?;
    flush(w)
}

fn flush(w: &mut Wire) -> io::Result<()> {
    while w.tls.wants_write() {
        w.tls.write_tls(&mut w.sock)?;
    }
    Ok(())
}

impl Shared {
    fn frame(&self, kind: u8, flags: u8, stream: u32, payload: &[u8]) -> io::Result<()> {
        put_frame(&mut lock(&self.wire), kind, flags, stream, payload)
    }

    fn go_away(&self, last_stream: u32, code: u32) {
        let mut p = last_stream.to_be_bytes().to_vec();
        p.extend_from_slice(&code.to_be_bytes());
        let _ = self.frame(GOAWAY, 0, 0, &p);
    }

    fn forget(&self, stream: u32) {
        lock(&self.flow).streams.remove(&stream);
        self.window_opened.notify_all();
    }

    /// Waits until the peer's windows let us send part of the rest, and takes that much.
    fn reserve(&self, stream: u32, wanted: usize) -> Option<usize> {
        let mut f = lock(&self.flow);
        loop {
            if f.closed {
                return None;
            }
            let stream_window = *f.streams.get(&stream)?;
            let n = wanted.min(f.max_frame).min(f.conn.max(0) as usize).min(stream_window.max(0) as usize);
            if n > 0 {
                f.conn -= n as i64;
                if let Some(s) = f.streams.get_mut(&stream) {
                    *s -= n as i64;
                }
                return Some(n);
            }
            f = self.window_opened.wait(f).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Reads plaintext from the TLS session without holding the write lock while the socket waits.
struct Reader {
    sock: TcpStream,
    shared: Arc<Shared>,
    buf: Vec<u8>,
}

impl Reader {
    fn drain(&mut self, w: &mut Wire) -> io::Result<()> {
        let state = w.tls.process_new_packets().map_err(io::Error::other)?;
        let n = state.plaintext_bytes_to_read();
        if n > 0 {
            let start = self.buf.len();
            self.buf.resize(start + n, 0);
            w.tls.reader().read_exact(&mut self.buf[start..])?;
        }
        flush(w)
    }

    fn take(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut raw = vec![0u8; 16 * 1024];
        while self.buf.len() < n {
            let got = self.sock.read(&mut raw)?;
            if got == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let shared = self.shared.clone();
            let mut w = lock(&shared.wire);
            let mut rest = &raw[..got];
            while !rest.is_empty() {
                w.tls.read_tls(&mut rest)?;
                self.drain(&mut w)?;
            }
        }
        Ok(self.buf.drain(..n).collect())
    }
}

/// A request whose headers have arrived and whose body may still be coming.
struct Open {
    req: Request,
}

/// Serves one connection on which ALPN chose `h2`, until the peer closes it or the sandbox stops.
pub fn serve(tls: ServerConnection, sock: TcpStream, app: Arc<App>, stop: Arc<AtomicBool>) {
    let Ok(read_half) = sock.try_clone() else {
        return;
    };
    let shared = Arc::new(Shared {
        wire: Mutex::new(Wire { tls, sock, encoder: Encoder::new() }),
        flow: Mutex::new(Flow {
            conn: 65_535,
            streams: HashMap::new(),
            initial: 65_535,
            max_frame: MAX_FRAME,
            closed: false,
        }),
        window_opened: Condvar::new(),
    });
    let mut reader = Reader { sock: read_half, shared: shared.clone(), buf: Vec::new() };
    // The client's preface may have come with its last handshake message.
    let start = {
        let mut w = lock(&shared.wire);
        reader.drain(&mut w)
    };
    if start.is_ok() {
        let _ = converse(&mut reader, &shared, &app, &stop);
    }
    lock(&shared.flow).closed = true;
    shared.window_opened.notify_all();
    let mut w = lock(&shared.wire);
    w.tls.send_close_notify();
    let _ = flush(&mut w);
    let _ = w.sock.shutdown(Shutdown::Both);
}

fn converse(rd: &mut Reader, shared: &Arc<Shared>, app: &Arc<App>, stop: &AtomicBool) -> io::Result<()> {
    if rd.take(PREFACE.len())? != PREFACE {
        return Ok(());
    }
    let mut settings = Vec::new();
    for (id, value) in [(0x3u16, MAX_CONCURRENT_STREAMS), (0x4, RECEIVE_WINDOW)] {
        settings.extend_from_slice(&id.to_be_bytes());
        settings.extend_from_slice(&value.to_be_bytes());
    }
    shared.frame(SETTINGS, 0, 0, &settings)?;
    shared.frame(WINDOW_UPDATE, 0, 0, &(RECEIVE_WINDOW - 65_535).to_be_bytes())?;

    let mut decoder = Decoder::new();
    let mut open: HashMap<u32, Open> = HashMap::new();
    // A header block split over CONTINUATION frames: stream, block so far, END_STREAM.
    let mut continuing: Option<(u32, Vec<u8>, bool)> = None;
    let mut last_stream = 0;
    loop {
        if stop.load(Ordering::SeqCst) {
            shared.go_away(last_stream, NO_ERROR);
            return Ok(());
        }
        let head = rd.take(9)?;
        let len = u32::from_be_bytes([0, head[0], head[1], head[2]]) as usize;
        let (kind, flags) = (head[3], head[4]);
        let stream = u32::from_be_bytes([head[5], head[6], head[7], head[8]]) & 0x7fff_ffff;
        if len > MAX_FRAME {
            shared.go_away(last_stream, FRAME_SIZE_ERROR);
            return Ok(());
        }
        let payload = rd.take(len)?;
        if continuing.is_some() && kind != CONTINUATION {
            shared.go_away(last_stream, PROTOCOL_ERROR);
            return Ok(());
        }
        match kind {
            HEADERS | CONTINUATION => {
                let (block, end_stream) = if kind == HEADERS {
                    let Some(fragment) = header_fragment(&payload, flags) else {
                        shared.go_away(last_stream, PROTOCOL_ERROR);
                        return Ok(());
                    };
                    last_stream = last_stream.max(stream);
                    (fragment.to_vec(), flags & END_STREAM != 0)
                } else {
                    match continuing.take() {
                        Some((s, mut block, end)) if s == stream => {
                            block.extend_from_slice(&payload);
                            (block, end)
                        }
                        _ => {
                            shared.go_away(last_stream, PROTOCOL_ERROR);
                            return Ok(());
                        }
                    }
                };
                if flags & END_HEADERS == 0 {
                    continuing = Some((stream, block, end_stream));
                    continue;
                }
                let Ok(fields) = decoder.decode(&block) else {
                    shared.go_away(last_stream, COMPRESSION_ERROR);
                    return Ok(());
                };
                if open.contains_key(&stream) {
                    // Trailers: nothing the vendors read.
                    if end_stream {
                        if let Some(o) = open.remove(&stream) {
                            dispatch(shared, app, stream, o.req);
                        }
                    }
                    continue;
                }
                let req = request_of(fields);
                {
                    let mut f = lock(&shared.flow);
                    let initial = f.initial;
                    f.streams.insert(stream, initial);
                }
                if end_stream {
                    dispatch(shared, app, stream, req);
                } else {
                    open.insert(stream, Open { req });
                }
            }
            DATA => {
                let Some(data) = unpad(&payload, flags) else {
                    shared.go_away(last_stream, PROTOCOL_ERROR);
                    return Ok(());
                };
                if len > 0 {
                    // Give back what the frame used, so the connection window never runs dry.
                    shared.frame(WINDOW_UPDATE, 0, 0, &(len as u32).to_be_bytes())?;
                }
                let Some(o) = open.get_mut(&stream) else {
                    continue;
                };
                if o.req.body.len() + data.len() > MAX_BODY {
                    open.remove(&stream);
                    respond(shared, stream, Outcome::Respond(Response::text(413, "body too large")), false);
                    continue;
                }
                o.req.body.extend_from_slice(data);
                if flags & END_STREAM != 0 {
                    if let Some(o) = open.remove(&stream) {
                        dispatch(shared, app, stream, o.req);
                    }
                }
            }
            RST_STREAM => {
                open.remove(&stream);
                shared.forget(stream);
            }
            SETTINGS if flags & ACK == 0 => {
                if !len.is_multiple_of(6) {
                    shared.go_away(last_stream, FRAME_SIZE_ERROR);
                    return Ok(());
                }
                {
                    let mut f = lock(&shared.flow);
                    for s in payload.chunks(6) {
                        let value = u32::from_be_bytes([s[2], s[3], s[4], s[5]]);
                        match u16::from_be_bytes([s[0], s[1]]) {
                            0x4 => {
                                let delta = value as i64 - f.initial;
                                f.initial = value as i64;
                                for w in f.streams.values_mut() {
                                    *w += delta;
                                }
                            }
                            0x5 => f.max_frame = (value as usize).clamp(MAX_FRAME, 1 << 24),
                            _ => {}
                        }
                    }
                }
                shared.window_opened.notify_all();
                shared.frame(SETTINGS, ACK, 0, &[])?;
            }
            PING if flags & ACK == 0 && len == 8 => shared.frame(PING, ACK, 0, &payload)?,
            WINDOW_UPDATE if len == 4 => {
                let inc = (u32::from_be_bytes([payload[0], payload[1], payload[2], payload[3]]) & 0x7fff_ffff)
                    as i64;
                {
                    let mut f = lock(&shared.flow);
                    if stream == 0 {
                        f.conn += inc;
                    } else if let Some(w) = f.streams.get_mut(&stream) {
                        *w += inc;
                    }
                }
                shared.window_opened.notify_all();
            }
            // PRIORITY, GOAWAY (answers to streams already open still go out), PRIORITY_UPDATE,
            // and the unknown frame types browsers send to keep servers honest: nothing to do.
            _ => {}
        }
    }
}

/// The header block fragment of a HEADERS frame, without padding and priority.
fn header_fragment(payload: &[u8], flags: u8) -> Option<&[u8]> {
    let mut p = unpad(payload, flags)?;
    if flags & PRIORITY != 0 {
        p = p.get(5..)?;
    }
    Some(p)
}

fn unpad(payload: &[u8], flags: u8) -> Option<&[u8]> {
    if flags & PADDED == 0 {
        return Some(payload);
    }
    let (&pad, rest) = payload.split_first()?;
    rest.get(..rest.len().checked_sub(pad as usize)?)
}

fn request_of(fields: Vec<(Vec<u8>, Vec<u8>)>) -> Request {
    let mut req = Request {
        method: String::new(),
        path: String::new(),
        query: String::new(),
        http10: false,
        h2: true,
        headers: Vec::new(),
        body: Vec::new(),
    };
    let mut authority = None;
    for (k, v) in fields {
        let (k, v) = (String::from_utf8_lossy(&k).into_owned(), String::from_utf8_lossy(&v).into_owned());
        match k.as_str() {
            ":method" => req.method = v,
            ":path" => match v.split_once('?') {
                Some((p, q)) => (req.path, req.query) = (p.to_string(), q.to_string()),
                None => req.path = v,
            },
            ":authority" => authority = Some(v),
            ":scheme" => {}
            _ => req.headers.push((k, v)),
        }
    }
    if let Some(a) = authority {
        if req.header("host").is_none() {
            req.headers.push(("host".into(), a));
        }
    }
    req
}

fn dispatch(shared: &Arc<Shared>, app: &Arc<App>, stream: u32, req: Request) {
    let (shared, app) = (shared.clone(), app.clone());
    let spawned = thread::Builder::new().name("sandbox-h2-stream".into()).spawn(move || {
        let head = req.method == "HEAD";
        respond(&shared, stream, app.handle(&req), head);
    });
    if spawned.is_err() {
        eprintln!("sandbox: no thread for an HTTP/2 stream");
    }
}

fn respond(shared: &Shared, stream: u32, outcome: Outcome, head: bool) {
    let resp = match outcome {
        Outcome::Respond(r) => r,
        // A connection that drops mid-request: over HTTP/2 only this stream breaks, and the
        // browser reports it to fetch as a network error, as it would a closed socket.
        Outcome::Close => {
            let _ = shared.frame(RST_STREAM, 0, stream, &INTERNAL_ERROR.to_be_bytes());
            shared.forget(stream);
            return;
        }
    };
    let bodyless = resp.status == 204 || resp.status == 304 || resp.status < 200;
    let mut fields: Vec<(Vec<u8>, Vec<u8>)> =
        vec![(b":status".to_vec(), resp.status.to_string().into_bytes())];
    for (k, v) in &resp.headers {
        let k = k.to_ascii_lowercase();
        // Connection-specific fields are malformed in HTTP/2 (RFC 9113 §8.2.2).
        if matches!(
            k.as_str(),
            "connection" | "keep-alive" | "transfer-encoding" | "upgrade" | "proxy-connection"
        ) {
            continue;
        }
        fields.push((k.into_bytes(), v.clone().into_bytes()));
    }
    if !bodyless {
        fields.push((b"content-length".to_vec(), resp.body.len().to_string().into_bytes()));
    }
    fields.push((b"server".to_vec(), b"interview-bridge-sandbox".to_vec()));
    let body: &[u8] = if bodyless || head { &[] } else { &resp.body };
    let sent = (|| -> io::Result<()> {
        {
            let max_frame = lock(&shared.flow).max_frame;
            let mut w = lock(&shared.wire);
            let block = w.encoder.encode(fields.iter().map(|(k, v)| (&k[..], &v[..])));
            let chunks: Vec<&[u8]> = block.chunks(max_frame).collect();
            for (i, chunk) in chunks.iter().enumerate() {
                let last = i + 1 == chunks.len();
                let (kind, mut flags) = if i == 0 { (HEADERS, 0) } else { (CONTINUATION, 0) };
                if last {
                    flags |= END_HEADERS;
                }
                if i == 0 && body.is_empty() {
                    flags |= END_STREAM;
                }
                put_frame(&mut w, kind, flags, stream, chunk)?;
            }
        }
        let mut at = 0;
        while at < body.len() {
            let Some(n) = shared.reserve(stream, body.len() - at) else {
                return Ok(());
            };
            let end = if at + n == body.len() { END_STREAM } else { 0 };
            shared.frame(DATA, end, stream, &body[at..at + n])?;
            at += n;
        }
        Ok(())
    })();
    let _ = sent;
    shared.forget(stream);
}

#[cfg(test)]
mod tests;

//! A minimal DevTools protocol client over Chromium's WebSocket (the same endpoint chromedriver
//! uses), for what WebDriver can't do. The hostile-page tests run code in the content script's
//! world with it (chromedriver's `goog/cdp/execute` returns no events, so the world's context
//! id can't be learnt there). The benchmark uses it to be inside the panel's frame before its
//! document starts. The page's session auto-attaches to its out-of-process frames, paused before they
//! load; each gets a small observer script (a closure that defines nothing global) that, in the
//! panels' documents only, puts a `performance.mark` on the frame's own timeline when the panel
//! shows what it must. Then the frame runs. Nothing in the extension changes; the mark is read back over WebDriver.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

type Pending = Arc<Mutex<HashMap<u64, Sender<Value>>>>;

pub struct Cdp {
    writer: Arc<Mutex<TcpStream>>,
    ids: Arc<AtomicU64>,
    pending: Pending,
    /// Extension frames that got the observer script.
    pub injected: Arc<AtomicUsize>,
    /// Every `Runtime.executionContextCreated` so far, with the `sessionId` it came on.
    pub contexts: Arc<Mutex<Vec<Value>>>,
}

fn get_json(addr: &str, path: &str) -> Result<Value, String> {
    let mut s = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    // The DevTools server may keep the connection open: read the head, then exactly the body.
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..i]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if len.is_some_and(|n| raw.len() >= i + 4 + n) {
                return serde_json::from_slice(&raw[i + 4..i + 4 + len.unwrap_or(0)])
                    .map_err(|e| format!("{path}: {e}"));
            }
        }
        let n = s.read(&mut buf).map_err(|e| format!("{path}: {e}"))?;
        if n == 0 {
            let body = raw.windows(4).position(|w| w == b"\r\n\r\n").map_or(&raw[..0], |i| &raw[i + 4..]);
            return serde_json::from_slice(body).map_err(|e| format!("{path}: {e}"));
        }
        raw.extend_from_slice(&buf[..n]);
    }
}

fn write_frame(s: &mut TcpStream, text: &str, mask_seed: u64) -> std::io::Result<()> {
    let payload = text.as_bytes();
    let mut frame = vec![0x81u8];
    match payload.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n if n < 65536 => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    let mask = (mask_seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32;
    let mask = mask.to_be_bytes();
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    s.write_all(&frame)
}

/// Reads one whole message (joining fragments); `None` when the connection ends.
fn read_message(s: &mut TcpStream, writer: &Arc<Mutex<TcpStream>>) -> Option<String> {
    let mut message = Vec::new();
    loop {
        let mut head = [0u8; 2];
        s.read_exact(&mut head).ok()?;
        let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0F);
        let masked = head[1] & 0x80 != 0;
        let len = match head[1] & 0x7F {
            126 => {
                let mut b = [0u8; 2];
                s.read_exact(&mut b).ok()?;
                u16::from_be_bytes(b) as usize
            }
            127 => {
                let mut b = [0u8; 8];
                s.read_exact(&mut b).ok()?;
                u64::from_be_bytes(b) as usize
            }
            n => n as usize,
        };
        let mut mask = [0u8; 4];
        if masked {
            s.read_exact(&mut mask).ok()?;
        }
        let mut payload = vec![0u8; len];
        s.read_exact(&mut payload).ok()?;
        if masked {
            for (i, b) in payload.iter_mut().enumerate() {
                *b ^= mask[i % 4];
            }
        }
        match opcode {
            8 => return None,
            9 => {
                // Ping: answer with a pong carrying the same data.
                let mut w = writer.lock().ok()?;
                let mut frame = vec![0x8A, 0x80 | payload.len() as u8, 0, 0, 0, 0];
                frame.extend_from_slice(&payload);
                w.write_all(&frame).ok()?;
            }
            10 => {}
            _ => {
                message.extend_from_slice(&payload);
                if fin {
                    return Some(String::from_utf8_lossy(&message).into_owned());
                }
            }
        }
    }
}

impl Cdp {
    /// Connects to the browser endpoint at `addr` (`host:port`). `inject` is the script for
    /// extension frames (see the module docs).
    pub fn connect(addr: &str, inject: String) -> Result<Cdp, String> {
        let version = get_json(addr, "/json/version")?;
        let url = version["webSocketDebuggerUrl"].as_str().ok_or("no webSocketDebuggerUrl")?;
        let path =
            url.split_once("://").and_then(|(_, r)| r.find('/').map(|i| &r[i..])).ok_or("bad ws url")?;
        let mut s = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            s.read_exact(&mut byte).map_err(|e| format!("handshake: {e}"))?;
            head.push(byte[0]);
        }
        if !head.starts_with(b"HTTP/1.1 101") {
            return Err(format!("handshake: {}", String::from_utf8_lossy(&head)));
        }
        let writer = Arc::new(Mutex::new(s.try_clone().map_err(|e| e.to_string())?));
        let ids = Arc::new(AtomicU64::new(1));
        let pending: Pending = Arc::default();
        let injected = Arc::new(AtomicUsize::new(0));
        let contexts: Arc<Mutex<Vec<Value>>> = Arc::default();
        let cdp = Cdp {
            writer: writer.clone(),
            ids: ids.clone(),
            pending: pending.clone(),
            injected: injected.clone(),
            contexts: contexts.clone(),
        };
        std::thread::spawn(move || {
            let send = |method: &str, params: Value, session: &str| {
                let id = ids.fetch_add(1, Ordering::Relaxed);
                let msg =
                    json!({"id": id, "method": method, "params": params, "sessionId": session}).to_string();
                if let Ok(mut w) = writer.lock() {
                    let _ = write_frame(&mut w, &msg, id);
                }
            };
            while let Some(text) = read_message(&mut s, &writer) {
                let Ok(msg) = serde_json::from_str::<Value>(&text) else { continue };
                if std::env::var_os("BENCH_DEBUG").is_some() {
                    eprintln!("cdp: {}", &text[..text.len().min(300)]);
                }
                if let Some(id) = msg["id"].as_u64() {
                    if let Some(tx) = pending.lock().ok().and_then(|mut p| p.remove(&id)) {
                        let _ = tx.send(msg);
                    }
                } else if msg["method"] == "Runtime.executionContextCreated" {
                    if let Ok(mut all) = contexts.lock() {
                        all.push(msg);
                    }
                } else if msg["method"] == "Target.attachedToTarget" {
                    let p = &msg["params"];
                    let Some(session) = p["sessionId"].as_str() else { continue };
                    let info = &p["targetInfo"];
                    // Its URL is not known yet (the navigation has not committed): every
                    // frame gets the script, which acts only in the panels' documents.
                    if info["type"] == "iframe" {
                        send("Page.enable", json!({}), session);
                        send("Page.addScriptToEvaluateOnNewDocument", json!({"source": inject}), session);
                        injected.fetch_add(1, Ordering::Relaxed);
                    }
                    if p["waitingForDebugger"] == true {
                        send("Runtime.runIfWaitingForDebugger", json!({}), session);
                    }
                }
            }
        });
        Ok(cdp)
    }

    /// One command; `session` for a target's flat session, `None` for the browser.
    pub fn call(&self, method: &str, params: Value, session: Option<&str>) -> Result<Value, String> {
        let id = self.ids.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = channel();
        self.pending.lock().map_err(|e| e.to_string())?.insert(id, tx);
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        {
            let mut w = self.writer.lock().map_err(|e| e.to_string())?;
            write_frame(&mut w, &msg.to_string(), id).map_err(|e| format!("{method}: {e}"))?;
        }
        let reply = rx.recv_timeout(Duration::from_secs(30)).map_err(|_| format!("{method}: no answer"))?;
        if reply.get("error").is_some() {
            return Err(format!("{method}: {}", reply["error"]));
        }
        Ok(reply["result"].clone())
    }

    /// A flat session on the tab whose URL starts with `url`.
    pub fn attach_to_page(&self, url: &str) -> Result<String, String> {
        let targets = self.call("Target.getTargets", json!({}), None)?;
        let page = targets["targetInfos"]
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|t| t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with(url)))
            })
            .and_then(|t| t["targetId"].as_str().map(String::from))
            .ok_or_else(|| format!("no tab at {url}: {targets}"))?;
        let attached =
            self.call("Target.attachToTarget", json!({"targetId": page, "flatten": true}), None)?;
        attached["sessionId"].as_str().map(String::from).ok_or_else(|| "no session".into())
    }

    /// Attaches to the browser's (only) tab and has its frames attached, paused, as they start.
    pub fn watch_frames(&self) -> Result<(), String> {
        let targets = self.call("Target.getTargets", json!({}), None)?;
        let page = targets["targetInfos"]
            .as_array()
            .and_then(|a| a.iter().find(|t| t["type"] == "page"))
            .and_then(|t| t["targetId"].as_str().map(String::from))
            .ok_or("no page target")?;
        let attached =
            self.call("Target.attachToTarget", json!({"targetId": page, "flatten": true}), None)?;
        let session = attached["sessionId"].as_str().ok_or("no session")?.to_string();
        self.call(
            "Target.setAutoAttach",
            // Frames only: workers (the extension's included) are left alone.
            json!({"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true, "filter": [{"type": "iframe"}]}),
            Some(&session),
        )?;
        Ok(())
    }
}

impl Drop for Cdp {
    fn drop(&mut self) {
        if let Ok(w) = self.writer.lock() {
            let _ = w.shutdown(std::net::Shutdown::Both);
        }
    }
}

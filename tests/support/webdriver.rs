//! A small W3C WebDriver client over chromedriver's local HTTP: just what the tests, the demo
//! and the bench use, with no async runtime to build. The tests and the demo start one
//! chromedriver per browser ([`Driver::start`]); the bench runs one [`Chromedriver`] for many
//! sessions ([`Chromedriver::session`]), with `eager` page loads, asynchronous scripts and
//! DevTools commands.
// Each user calls a different part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const SHADOW: &str = "shadow-6066-11e4-a52e-4f735466cecf";

/// One chromedriver (or geckodriver) process; each [`Driver`] is a session (its own browser) on it.
pub struct Chromedriver {
    port: u16,
    process: Child,
}

pub struct Driver {
    port: u16,
    session: String,
    /// `host:port` of this Chromium's DevTools endpoint.
    pub debugger_address: String,
    /// The chromedriver this session started for itself ([`Driver::start`]). It is stopped
    /// when the driver is dropped, after `Drop` has deleted the session.
    own: Option<Chromedriver>,
}

#[derive(Clone, Debug)]
pub struct Element(pub String);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<(u16, Value)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    // chromedriver may keep the connection open: read the head, then exactly the body.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other("connection closed before the headers"));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let have = raw.len() - head_end;
        let done = match length {
            Some(n) => have >= n,
            None if chunked => raw.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let rest = String::from_utf8_lossy(&raw[head_end..]).to_string();
    let rest = if chunked { dechunk(&rest) } else { rest };
    Ok((status, serde_json::from_str(&rest).unwrap_or(Value::Null)))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((len, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// A WebDriver error, as chromedriver reported it.
#[derive(Debug)]
pub struct WdError(pub String);

impl Driver {
    /// Starts chromedriver and a headless (unless `headed`) Chromium with `args` added.
    pub fn start(args: &[String], headed: bool) -> Driver {
        let chromedriver = Chromedriver::start();
        let mut driver = Driver::new_session(&chromedriver, args, headed, json!({}))
            .unwrap_or_else(|e| panic!("new session: {}", e.0));
        driver.own = Some(chromedriver);
        driver
    }

    /// Starts geckodriver and a headless Firefox ESR with `prefs`, and installs the add-on at
    /// `dir` as a temporary one (as about:debugging's Load Temporary Add-on does).
    pub fn start_firefox(dir: &str, prefs: Value) -> Driver {
        let geckodriver = std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into());
        // Without the flag geckodriver refuses moz-extension:// pages and the chrome context.
        let own = Chromedriver::spawn(&geckodriver, &["--allow-system-access"]);
        let port = own.port;
        let binary = std::env::var("FIREFOX_BIN").unwrap_or_else(|_| "/usr/bin/firefox-esr".into());
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "firefox",
            "acceptInsecureCerts": true,
            "moz:firefoxOptions": {"binary": binary, "args": ["-headless", "-width", "1400", "-height", "900"], "prefs": prefs},
        }}});
        let (status, v) = http(port, "POST", "/session", Some(&caps)).expect("geckodriver answers");
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no Firefox session ({status}): {v}"))
            .to_string();
        let driver = Driver { port, session, debugger_address: String::new(), own: Some(own) };
        driver
            .cmd("POST", "/moz/addon/install", Some(json!({"path": dir, "temporary": true})))
            .unwrap_or_else(|e| panic!("installing {dir} in Firefox: {}", e.0));
        driver
    }

    /// A script in Firefox's privileged (chrome) context, then back to content.
    pub fn chrome_context(&self, script: &str) -> Result<Value, WdError> {
        self.cmd("POST", "/moz/context", Some(json!({"context": "chrome"})))?;
        let out = self.exec(script, vec![]);
        self.cmd("POST", "/moz/context", Some(json!({"context": "content"})))?;
        out
    }

    /// A session with `extra` merged into its capabilities.
    fn new_session(
        driver: &Chromedriver,
        args: &[String],
        headed: bool,
        extra: Value,
    ) -> Result<Driver, WdError> {
        let binary = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut all_args = vec![
            "--no-sandbox".to_string(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=1400,900".into(),
        ];
        if !headed {
            all_args.push("--headless=new".into());
        }
        all_args.extend(args.iter().cloned());
        let mut always = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {"binary": binary, "args": all_args}
        });
        if let (Some(always), Some(extra)) = (always.as_object_mut(), extra.as_object()) {
            always.extend(extra.clone());
        }
        let caps = json!({"capabilities": {"alwaysMatch": always}});
        let (status, v) =
            http(driver.port, "POST", "/session", Some(&caps)).map_err(|e| WdError(e.to_string()))?;
        let session = v["value"]["sessionId"]
            .as_str()
            .ok_or_else(|| WdError(format!("no session ({status}): {v}")))?
            .to_string();
        let debugger_address = v["value"]["capabilities"]["goog:chromeOptions"]["debuggerAddress"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        Ok(Driver { port: driver.port, session, debugger_address, own: None })
    }

    /// Ends the session: chromedriver closes Chromium cleanly (its profile is flushed).
    pub fn quit(self) {}

    pub fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, WdError> {
        self.cmd(method, path, body)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, WdError> {
        let path = format!("/session/{}{path}", self.session);
        let (status, v) =
            http(self.port, method, &path, body.as_ref()).map_err(|e| WdError(e.to_string()))?;
        if status == 200 {
            Ok(v["value"].clone())
        } else {
            Err(WdError(format!("{} {}", v["value"]["error"], v["value"]["message"])))
        }
    }

    pub fn goto(&self, url: &str) {
        self.try_goto(url).unwrap_or_else(|e| panic!("{e:?}"));
    }

    /// [`Driver::goto`], returning the error instead of panicking.
    pub fn try_goto(&self, url: &str) -> Result<(), WdError> {
        self.cmd("POST", "/url", Some(json!({"url": url})))
            .map(|_| ())
            .map_err(|e| WdError(format!("goto {url}: {}", e.0)))
    }

    pub fn url(&self) -> String {
        self.cmd("GET", "/url", None).map(|v| v.as_str().unwrap_or("").to_string()).unwrap_or_default()
    }

    pub fn find(&self, css: &str) -> Result<Element, WdError> {
        let v = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})))?;
        Ok(Element(v[ELEMENT].as_str().unwrap_or_default().to_string()))
    }

    pub fn find_all(&self, css: &str) -> Result<Vec<Element>, WdError> {
        let v = self.cmd("POST", "/elements", Some(json!({"using": "css selector", "value": css})))?;
        Ok(v.as_array()
            .map(|a| a.iter().map(|e| Element(e[ELEMENT].as_str().unwrap_or_default().to_string())).collect())
            .unwrap_or_default())
    }

    pub fn text(&self, e: &Element) -> Result<String, WdError> {
        Ok(self.cmd("GET", &format!("/element/{}/text", e.0), None)?.as_str().unwrap_or("").to_string())
    }

    pub fn prop(&self, e: &Element, name: &str) -> Result<Value, WdError> {
        self.cmd("GET", &format!("/element/{}/property/{name}", e.0), None)
    }

    /// Whether the element is rendered for the user (WebDriver's "element displayed").
    pub fn displayed(&self, e: &Element) -> Result<bool, WdError> {
        Ok(self.cmd("GET", &format!("/element/{}/displayed", e.0), None)? == json!(true))
    }

    pub fn click(&self, e: &Element) -> Result<(), WdError> {
        self.cmd("POST", &format!("/element/{}/click", e.0), Some(json!({}))).map(|_| ())
    }

    pub fn clear(&self, e: &Element) -> Result<(), WdError> {
        self.cmd("POST", &format!("/element/{}/clear", e.0), Some(json!({}))).map(|_| ())
    }

    pub fn type_text(&self, e: &Element, text: &str) -> Result<(), WdError> {
        self.cmd("POST", &format!("/element/{}/value", e.0), Some(json!({"text": text}))).map(|_| ())
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the current frame.
    pub fn exec(&self, script: &str, args: Vec<Value>) -> Result<Value, WdError> {
        self.cmd("POST", "/execute/sync", Some(json!({"script": script, "args": args})))
    }

    /// Runs `script` asynchronously: its last argument is the callback that ends it.
    pub fn exec_async(&self, script: &str, args: Vec<Value>) -> Result<Value, WdError> {
        self.cmd("POST", "/execute/async", Some(json!({"script": script, "args": args})))
    }

    /// A DevTools protocol command on the current tab.
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value, WdError> {
        self.cmd("POST", "/goog/cdp/execute", Some(json!({"cmd": cmd, "params": params})))
    }

    pub fn element_arg(e: &Element) -> Value {
        json!({ ELEMENT: e.0 })
    }

    /// Elements inside `host`'s shadow root. Chromedriver reaches closed roots too (through
    /// the DevTools protocol), which page scripts cannot.
    pub fn shadow_find_all(&self, host: &Element, css: &str) -> Result<Vec<Element>, WdError> {
        let root = self.cmd("GET", &format!("/element/{}/shadow", host.0), None)?;
        let id = root[SHADOW].as_str().unwrap_or_default().to_string();
        let v = self.cmd(
            "POST",
            &format!("/shadow/{id}/elements"),
            Some(json!({"using": "css selector", "value": css})),
        )?;
        Ok(v.as_array()
            .map(|a| a.iter().map(|e| Element(e[ELEMENT].as_str().unwrap_or_default().to_string())).collect())
            .unwrap_or_default())
    }

    /// Into an `<iframe>` element's document.
    pub fn frame(&self, iframe: &Element) -> Result<(), WdError> {
        self.cmd("POST", "/frame", Some(json!({"id": { ELEMENT: iframe.0 }}))).map(|_| ())
    }

    pub fn top(&self) {
        let _ = self.cmd("POST", "/frame", Some(json!({"id": null})));
    }

    pub fn windows(&self) -> Vec<String> {
        self.cmd("GET", "/window/handles", None)
            .ok()
            .and_then(|v| {
                v.as_array().map(|a| a.iter().filter_map(|h| h.as_str().map(String::from)).collect())
            })
            .unwrap_or_default()
    }

    pub fn window(&self) -> String {
        self.cmd("GET", "/window", None).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    }

    pub fn switch_window(&self, handle: &str) {
        self.cmd("POST", "/window", Some(json!({"handle": handle}))).expect("switch window");
    }

    pub fn close_window(&self) {
        let _ = self.cmd("DELETE", "/window", None);
    }

    /// A real mouse click at viewport coordinates (reaches into closed shadow roots).
    pub fn click_at(&self, x: i64, y: i64) -> Result<(), WdError> {
        let actions = json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
        "actions": [
            {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0}
        ]}]});
        self.cmd("POST", "/actions", Some(actions)).map(|_| ())
    }

    /// Real key presses, to whatever has the focus (in any frame): WebDriver key values such as
    /// `"\u{E004}"` (Tab) or `"\u{E007}"` (Enter), each pressed and released.
    pub fn press(&self, keys: &[&str]) -> Result<(), WdError> {
        let presses: Vec<Value> = keys
            .iter()
            .flat_map(|k| [json!({"type": "keyDown", "value": k}), json!({"type": "keyUp", "value": k})])
            .collect();
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": presses}]});
        self.cmd("POST", "/actions", Some(actions)).map(|_| ())
    }

    pub fn screenshot_png(&self) -> Vec<u8> {
        let v = self.cmd("GET", "/screenshot", None).expect("screenshot");
        decode_base64(v.as_str().unwrap_or_default())
    }

    /// The browser console since the last call (chromedriver's logging extension).
    pub fn console(&self) -> String {
        self.cmd("POST", "/se/log", Some(json!({"type": "browser"})))
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|e| format!("{} {}", e["level"].as_str().unwrap_or(""), e["message"].as_str().unwrap_or("")))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn source(&self) -> String {
        match self.cmd("GET", "/source", None) {
            Ok(v) => v.as_str().map(String::from).unwrap_or_default(),
            Err(e) => format!("(no source: {e:?})"),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Then `own`, if any, stops chromedriver.
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.session), None);
    }
}

impl Chromedriver {
    pub fn start() -> Chromedriver {
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        Chromedriver::spawn(&chromedriver, &[])
    }

    /// `driver` (chromedriver or geckodriver) on a free port, once it answers.
    fn spawn(driver: &str, args: &[&str]) -> Chromedriver {
        let port = free_port();
        let process = Command::new(driver)
            .arg(format!("--port={port}"))
            .args(args)
            // The browser takes its time zone from the environment: pinned, the times the tests
            // type and read are the same on a machine anywhere.
            .env("TZ", "UTC")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("can't start {driver}: {e} (run ./build.sh setup)"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while http(port, "GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "{driver} did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Chromedriver { port, process }
    }

    /// A headless Chromium with `args` added, as a new session on this chromedriver. Navigation
    /// returns at DOMContentLoaded (`eager`): the bench watches what happens after that itself.
    /// Scripts and page loads may take 60 s.
    pub fn session(&self, args: &[String]) -> Result<Driver, WdError> {
        let extra = json!({
            "pageLoadStrategy": "eager",
            "timeouts": {"script": 60000, "pageLoad": 60000},
        });
        Driver::new_session(self, args, false, extra)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

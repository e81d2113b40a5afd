//! Shared by the end-to-end tests and the demo: a sandbox, and Chromium with the real build.
#![allow(dead_code)]

pub mod cdp;
pub mod myinterview;
pub mod webdriver;

use std::time::{Duration, Instant};

use serde_json::Value;
pub use webdriver::Driver;

/// The id Chromium gives the unpacked build: derived from the `key` in manifest.json
/// (`python3 -c` in the README shows how). The stores assign their own.
pub const EXTENSION_ID: &str = "klidbkmflhjeecmnpokcgnclcedmbael";
pub const SPARKHIRE_KEY: &str = "sh_demo_ada_7Kq2";
pub const LEVER_KEY: &str = "lv_demo_9fQx";
/// The sandbox's myInterview company (`[model]`): company id, access key, secret.
pub const MYINTERVIEW: [(&str, &str); 3] =
    [("company_id", "mi_demo_co"), ("access_key", "mi_demo_access_3Hn"), ("secret", "mi_demo_secret_8Rt")];
pub const SMARTRECRUITERS_KEY: &str = "sr_demo_4Wd8";
pub const GRACE: &str = "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b";
pub const ALAN: &str = "8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6";
pub const KATHERINE: &str = "c0ffee00-1234-4abc-9def-00000000beef";
pub const JOB_BACKEND: &str = "1f0b0001-5e1e-4c7a-9b2d-000000000001";
pub const JOB_CSM: &str = "1f0b0002-5e1e-4c7a-9b2d-000000000002";
pub const QS_CULTURE: &str = "95e70003-3c1d-4f2a-8e4b-000000000003";

pub struct Env {
    pub sandbox: sandbox::Handle,
    pub browser: Driver,
}

/// The internal UUID Firefox gives the add-on, fixed by a pref (the id is `gecko.id`).
pub const FIREFOX_UUID: &str = "5b0c6a52-8f1e-4a7d-9c3b-1e2f3a4b5c6d";
const GECKO_ID: &str = "interview-bridge@interview-bridge.app";

/// `IB_BROWSER=firefox`: the same tests in headless Firefox ESR with `dist/firefox`.
pub fn firefox() -> bool {
    std::env::var("IB_BROWSER").is_ok_and(|b| b == "firefox")
}

pub fn extension_dir() -> String {
    let build = if firefox() { "firefox" } else { "chrome" };
    std::env::var("IB_EXTENSION_DIR")
        .ok()
        .filter(|_| !firefox())
        .unwrap_or_else(|| format!("{}/dist/{build}", env!("CARGO_MANIFEST_DIR")))
}

pub fn ext_url(page: &str) -> String {
    if firefox() {
        format!("moz-extension://{FIREFOX_UUID}/{page}")
    } else {
        format!("chrome-extension://{EXTENSION_ID}/{page}")
    }
}

pub fn candidate_url(id: &str) -> String {
    format!("https://hire.lever.co/candidates/{id}")
}

impl Env {
    pub fn start() -> Env {
        Env::start_with(false)
    }

    pub fn start_with(headed: bool) -> Env {
        Env::launch(None, headed)
    }

    /// A sandbox that starts from `seed` (pages the demo doesn't have).
    pub fn start_seeded(seed: sandbox::Seed) -> Env {
        Env::launch(Some(seed), false)
    }

    /// Chromium in another language (`--lang`, e.g. "de"): the extension's messages and dates follow it.
    pub fn start_in(lang: &str) -> Env {
        Env::launch_with(None, false, &[format!("--lang={lang}")])
    }

    fn launch(seed: Option<sandbox::Seed>, headed: bool) -> Env {
        Env::launch_with(seed, headed, &[])
    }

    fn launch_with(seed: Option<sandbox::Seed>, headed: bool, extra: &[String]) -> Env {
        let dir = extension_dir();
        assert!(
            std::path::Path::new(&dir).join("manifest.json").exists(),
            "no build at {dir}: run ./build.sh first"
        );
        let sandbox = sandbox::start("127.0.0.1:0", seed).expect("sandbox starts");
        if firefox() {
            let lang = extra.iter().find_map(|a| a.strip_prefix("--lang=")).unwrap_or("en-US");
            // Firefox's equivalents of the Chromium switches below: the vendors' hostnames to
            // the sandbox, and the add-on's pages at a known address.
            let prefs = serde_json::json!({
                "network.dns.localDomains": sandbox::HOSTS.join(","),
                "network.socket.forcePort": format!("443={}", sandbox.port),
                "extensions.webextensions.uuids": serde_json::json!({GECKO_ID: FIREFOX_UUID}).to_string(),
                "intl.locale.requested": lang,
                "intl.accept_languages": lang,
            });
            let browser = Driver::start_firefox(&dir, prefs);
            return Env { sandbox, browser };
        }
        let args = vec![
            format!("--load-extension={dir}"),
            format!("--disable-extensions-except={dir}"),
            format!("--host-resolver-rules={}", sandbox::host_resolver_rules(sandbox.port)),
            "--ignore-certificate-errors".into(),
        ];
        let args: Vec<String> = args.into_iter().chain(extra.iter().cloned()).collect();
        let browser = Driver::start(&args, headed);
        Env { sandbox, browser }
    }

    pub fn state(&self) -> Value {
        sandbox::client::state(self.sandbox.port)
    }

    pub fn fault(&self, json: &str) {
        sandbox::client::push_fault(self.sandbox.port, json);
    }

    /// Interviews the sandbox holds for an email address.
    pub fn interviews_for(&self, email: &str) -> Vec<Value> {
        self.state()["interviews"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|i| i["assigned_to"]["email"].as_str() == Some(email))
            .collect()
    }

    /// Stops the extension's service worker the way DevTools does, and checks it is gone.
    pub fn stop_service_worker(&self) {
        if firefox() {
            // Firefox's event page, stopped as about:debugging's Terminate Background Script does.
            let script = format!(
                "const {{ ExtensionParent }} = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
                 return ExtensionParent.DebugUtils.terminateBackgroundScript('{GECKO_ID}');"
            );
            self.browser
                .chrome_context(&script)
                .unwrap_or_else(|e| panic!("terminating the event page: {e:?}"));
            return;
        }
        let cdp = |cmd: &str| {
            self.browser
                .raw("POST", "/goog/cdp/execute", Some(serde_json::json!({"cmd": cmd, "params": {}})))
                .unwrap_or_else(|e| panic!("{cmd}: {e:?}"))
        };
        cdp("ServiceWorker.enable");
        self.wait("the worker to stop", |_| {
            // Asked again while it runs: a worker still starting (woken by a page's message a
            // moment before) is not stopped by the first ask, and would run on.
            cdp("ServiceWorker.stopAllWorkers");
            let targets = cdp("Target.getTargets");
            let running = targets["targetInfos"].as_array()?.iter().any(|t| {
                t["type"] == "service_worker" && t["url"].as_str().is_some_and(|u| u.contains(EXTENSION_ID))
            });
            (!running).then_some(())
        });
    }

    /// The page area the recruiter's window leaves, in CSS pixels: Chromium's emulation, or
    /// in Firefox a window sized so that its inner area is that (its own bars come on top).
    pub fn viewport(&self, width: i64, height: i64) {
        if !firefox() {
            let size = serde_json::json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false});
            self.browser.cdp("Emulation.setDeviceMetricsOverride", size).expect("the window's size");
            return;
        }
        self.browser.top();
        for _ in 0..3 {
            let inner = self.browser.exec("return [window.innerWidth, window.innerHeight]", vec![]).unwrap();
            let rect = self.browser.raw("GET", "/window/rect", None).unwrap();
            let (iw, ih) = (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap());
            if (iw, ih) == (width, height) {
                return;
            }
            let (ow, oh) = (rect["width"].as_i64().unwrap(), rect["height"].as_i64().unwrap());
            let size = serde_json::json!({"width": ow + width - iw, "height": oh + height - ih});
            self.browser.raw("POST", "/window/rect", Some(size)).expect("the window's size");
        }
        panic!("Firefox's window would not leave a {width}×{height} page area");
    }

    /// How many requests the sandbox logged with this method and path.
    pub fn requests(&self, method: &str, path: &str) -> usize {
        self.state()["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["method"] == method && r["path"] == path)
            .count()
    }

    /// How many interviews the sandbox holds.
    pub fn interviews_for_all(&self) -> usize {
        self.state()["interviews"].as_array().map(|a| a.len()).unwrap_or(0)
    }

    /// Polls `f` until it gives `Some`, or fails the test with what the user was looking at.
    pub fn wait<T>(&self, what: &str, f: impl FnMut(&Driver) -> Option<T>) -> T {
        self.wait_up_to(30, what, f)
    }

    pub fn wait_up_to<T>(&self, secs: u64, what: &str, mut f: impl FnMut(&Driver) -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(v) = f(&self.browser) {
                return v;
            }
            if Instant::now() > deadline {
                let mut src = self.browser.source();
                if src.starts_with("(no source") {
                    // The frame we were in is gone: say what the page holds now, to tell a panel
                    // taken down from a page replaced under us.
                    self.browser.top();
                    let hosts = self.browser.find_all("interview-bridge-panel").unwrap_or_default();
                    let frames: Vec<usize> = hosts
                        .iter()
                        .map(|h| self.browser.shadow_find_all(h, "iframe").map(|v| v.len()).unwrap_or(0))
                        .collect();
                    let top: String = self.browser.source().chars().take(3000).collect();
                    src = format!(
                        "{src}\nthe page {}: panels {}, their frames {frames:?}\n{top}",
                        self.browser.url(),
                        hosts.len()
                    );
                }
                let log = self.state()["requests"].clone();
                panic!(
                    "timed out waiting for {what}\n--- current frame ---\n{}\n--- console ---\n{}\n--- sandbox requests ---\n{log:#}",
                    &src[..src.len().min(6000)],
                    self.browser.console()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The visible text of the first element matching `css`, once it has some.
    pub fn text_of(&self, css: &str) -> String {
        self.wait(&format!("text in {css}"), |b| {
            let t = b.find(css).ok().and_then(|e| b.text(&e).ok())?;
            (!t.trim().is_empty()).then_some(t)
        })
    }

    pub fn wait_text_contains(&self, css: &str, needle: &str) -> String {
        self.wait(&format!("{css} to contain {needle:?}"), |b| {
            let t = b.find(css).ok().and_then(|e| b.text(&e).ok())?;
            t.contains(needle).then_some(t)
        })
    }

    pub fn click(&self, css: &str) {
        self.wait(&format!("{css} to be clickable"), |b| b.find(css).ok().and_then(|e| b.click(&e).ok()));
    }

    pub fn fill(&self, css: &str, text: &str) {
        let e = self.wait(&format!("{css} to be shown"), |b| {
            let e = b.find(css).ok()?;
            b.displayed(&e).ok()?.then_some(e)
        });
        self.browser.clear(&e).expect("clear");
        self.browser.type_text(&e, text).expect("type");
    }

    /// Selects the `<option>` with this value in the `<select>` matching `css`.
    pub fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value='{value}']"));
    }

    /// Saves a key through the popup, as a recruiter would; returns the popup's message.
    pub fn save_key(&self, vendor: &str, key: &str) -> String {
        self.save_credentials(vendor, &[("api_key", key)])
    }

    /// Saves a vendor's credentials in the popup as a recruiter types them, field by field;
    /// the account's name, or the refusal.
    pub fn save_credentials(&self, vendor: &str, values: &[(&str, &str)]) -> String {
        self.browser.top();
        self.browser.goto(&ext_url("popup.html"));
        let card = format!("#key-{vendor}-card");
        for (field, value) in values {
            self.fill(&format!("{card} #key-{vendor}-{field}"), value);
        }
        self.click(&format!("{card} button[type=submit]"));
        self.wait(&format!("{vendor} key result"), |b| {
            if let Ok(e) = b.find(&format!("{card} .error")) {
                return b.text(&e).ok().filter(|t| !t.is_empty());
            }
            let t = b.find(&format!("{card} .account-name")).ok().and_then(|e| b.text(&e).ok())?;
            (!t.is_empty()).then_some(t)
        })
    }

    /// Adds an account on the options page as a recruiter types it, field by field; what the
    /// page said (the refusal, or that it was added).
    pub fn add_account(&self, vendor: &str, name: &str, fields: &[(&str, &str)]) -> String {
        self.browser.top();
        self.browser.goto(&ext_url("options.html"));
        self.text_of(&format!("#accounts-title-{vendor}"));
        self.fill(&format!("#account-name-{vendor}"), name);
        for (field, value) in fields {
            self.fill(&format!("#account-{field}-{vendor}"), value);
        }
        self.click(&format!("#add-account-button-{vendor}"));
        self.wait(&format!("the {vendor} account's answer"), |b| {
            for css in [format!("#accounts-error-{vendor}"), format!("#accounts-status-{vendor}")] {
                if let Some(t) = b.find(&css).ok().and_then(|e| b.text(&e).ok()).filter(|t| !t.is_empty()) {
                    return Some(t);
                }
            }
            None
        })
    }

    /// Makes one of the worker's alarms due now, as time passing would: from an extension
    /// page, through the real `chrome.alarms`, with the worker stopped first.
    pub fn alarm_now(&self, name: &str) {
        self.stop_service_worker();
        self.browser.top();
        self.browser.goto(&ext_url("popup.html"));
        self.browser
            .exec_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     chrome.alarms.create('{name}', {{ when: Date.now() + 100 }}).then(() => done(true));"
                ),
                vec![],
            )
            .unwrap();
    }

    /// Opens a candidate page and steps into the panel once it shows the candidate.
    pub fn open_panel(&self, url: &str) {
        self.browser.top();
        self.browser.goto(url);
        // Firefox has returned from a navigation to another host while the last page still
        // showed: the test then entered that page's panel, which went away under it.
        let origin = |u: &str| u.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
        self.wait(&format!("the page at {}", origin(url)), |b| {
            b.top();
            let at = b.exec("return document.readyState === 'complete' && location.href", vec![]).ok()?;
            (origin(at.as_str()?) == origin(url)).then_some(())
        });
        self.enter_panel();
    }

    /// Steps into the panel's iframe (inside the closed shadow root) once it shows a candidate.
    pub fn enter_panel(&self) {
        self.enter_panel_showing("#candidate-name, #job-title");
    }

    /// Steps into the panel's iframe once it shows `css`.
    pub fn enter_panel_showing(&self, css: &str) {
        self.wait(&format!("the panel iframe showing {css}"), |b| {
            b.top();
            let host = b.find("interview-bridge-panel").ok()?;
            let iframe = b.shadow_find_all(&host, "iframe").ok()?.into_iter().next()?;
            b.frame(&iframe).ok()?;
            b.find(css).ok().map(|_| ())
        });
    }

    /// Opens the panel's invite form, folded behind Invite for a candidate with interviews.
    /// Waits for the interviews first: until they are read the form is folded, and then opens by
    /// itself for a candidate without any.
    pub fn open_invite(&self) {
        self.wait("the interviews read", |b| b.find("#no-interviews, li.interview, .interviews .error").ok());
        let toggle = self.wait("the Invite action", |b| b.find("#invite-toggle").ok());
        if self.browser.prop(&toggle, "ariaExpanded").unwrap() == "false" {
            self.browser.click(&toggle).unwrap();
        }
        self.wait("the invite form", |b| b.displayed(&b.find("#send").ok()?).ok()?.then_some(()));
    }

    /// Panel hosts on the page, and panel iframes inside them.
    pub fn panel_count(&self) -> (usize, usize) {
        self.browser.top();
        let hosts = self.browser.find_all("interview-bridge-panel").expect("find hosts");
        let frames = hosts
            .iter()
            .map(|h| self.browser.shadow_find_all(h, "iframe").map(|f| f.len()).unwrap_or(0))
            .sum();
        (hosts.len(), frames)
    }

    /// The tabs the worker keeps a page context for (`ctx:<tab>` in `chrome.storage.session`),
    /// read from an extension page in a second tab: the real storage, no hook in the extension.
    /// The worker drops a tab's context when that tab reports a page its last context is not
    /// about, so a context going away says the worker has answered the new page.
    pub fn tab_contexts(&self) -> Vec<String> {
        self.tab_context_values().as_object().unwrap().keys().cloned().collect()
    }

    /// The page contexts the worker keeps, by `ctx:<tab>` (as [`Env::tab_contexts`] reads them).
    pub fn tab_context_values(&self) -> Value {
        let back = self.browser.window();
        let tab = self
            .browser
            .raw("POST", "/window/new", Some(serde_json::json!({"type": "tab"})))
            .expect("new tab");
        self.browser.switch_window(tab["handle"].as_str().expect("tab handle"));
        self.browser.goto(&ext_url("popup.html"));
        let keys = self
            .browser
            .exec_async(
                "const done = arguments[arguments.length - 1];
                 chrome.storage.session.get(null).then(all =>
                   done(Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('ctx:')))));",
                vec![],
            )
            .expect("read chrome.storage.session");
        self.browser.close_window();
        self.browser.switch_window(&back);
        keys
    }
}

/// On a job page's panel listing people: Spark Hire refuses the seventh one's invite, whenever
/// it comes (a bounced address). Their email.
pub fn refuse_the_seventh(env: &Env) -> String {
    let refused = env.text_of(".people-list li:nth-child(7) .muted");
    env.fault(
        &serde_json::json!({
            "host": "api.sparkhire.com", "method": "POST", "path": "/v1.0/interviews", "status": 422,
            "count": 1000, "body_contains": format!("\"email\":\"{refused}\""),
            "body": {"reason": "Candidate email bounced before"},
        })
        .to_string(),
    );
    refused
}

/// Interviews the sandbox holds for a job, by candidate email.
pub fn emails_invited_for(env: &Env, job: &str) -> Vec<String> {
    let mut emails: Vec<String> = env.state()["interviews"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["job_post"]["uuid"] == job)
        .filter_map(|i| i["assigned_to"]["email"].as_str().map(String::from))
        .collect();
    emails.sort();
    emails
}

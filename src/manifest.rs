//! The manifest's host lists, from the tables they belong to: the page adapters say where the
//! content script runs (and so where the panel may be embedded), the vendor clients which API
//! hosts the worker may reach. `./build.sh` writes the built manifest with these lists
//! (`cargo run --bin manifest`); the tests keep `manifest.json` in the repository the same.

use serde_json::{json, Value};

use crate::{ats, hellohire, registry};

/// Every page the content script runs on: one entry per page adapter.
pub fn page_matches() -> Vec<&'static str> {
    [
        ats::lever::MATCHES,
        ats::topechelon::MATCHES,
        ats::oorwin::MATCHES,
        ats::smartrecruiters::MATCHES,
        ats::pageup::MATCHES,
        hellohire::MATCHES,
    ]
    .concat()
}

/// API hosts granted at install. A vendor added in a later release puts its hosts in
/// `optional_host_permissions` instead (requested when the recruiter saves its credentials):
/// a new required host would disable the extension on update until the user re-approves it.
pub fn api_hosts() -> Vec<&'static str> {
    registry::all()
        .into_iter()
        .filter(|v| v.granted_at_install)
        .flat_map(|v| v.api_hosts.iter().copied())
        .collect()
}

/// `https://*.oorwin.com/*` → `https://*.oorwin.com`, the form `frame-ancestors` takes.
fn origin(pattern: &str) -> &str {
    pattern.strip_suffix("/*").unwrap_or(pattern)
}

/// The manifest with its generated lists filled in; everything else is kept as written.
pub fn generate(mut manifest: Value) -> Result<Value, String> {
    let pages = page_matches();
    manifest["host_permissions"] = json!(api_hosts());
    let scripts = manifest["content_scripts"].get_mut(0).ok_or("no content_scripts entry")?;
    scripts["matches"] = json!(pages);
    let panel = manifest["web_accessible_resources"].get_mut(0).ok_or("no web_accessible_resources entry")?;
    panel["matches"] = json!(pages);
    let csp =
        manifest["content_security_policy"]["extension_pages"].as_str().ok_or("no extension_pages CSP")?;
    let ancestors = pages.iter().map(|p| origin(p)).collect::<Vec<_>>().join(" ");
    let directives: Vec<String> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .map(String::from)
        .chain([format!("frame-ancestors {ancestors}")])
        .collect();
    manifest["content_security_policy"]["extension_pages"] = json!(directives.join("; "));
    Ok(manifest)
}

/// The add-on's id on addons.mozilla.org: fixed, so a signed package's updates are the same
/// add-on and stored data carries over.
pub const GECKO_ID: &str = "interview-bridge@interview-bridge.app";

/// The oldest Firefox the Firefox build asks for: the ESR `./build.sh test` runs it in. (140,
/// the first that reads `data_collection_permissions`, could be admitted once tested there.)
pub const FIREFOX_MIN: &str = "153.0";

/// The Firefox build's manifest, from the same source as Chromium's (`generate`). Firefox has
/// no extension service workers: the same worker script runs as an event page
/// (`background.scripts`). It ignores Chromium's own keys with a warning, so they go; and it
/// asks every new add-on to say what it sends, and to whom, before install.
pub fn firefox(manifest: Value) -> Result<Value, String> {
    let mut m = generate(manifest)?;
    let o = m.as_object_mut().ok_or("the manifest is not an object")?;
    o.remove("key");
    o.remove("minimum_chrome_version");
    let worker = o["background"]["service_worker"].clone();
    o["background"] = json!({ "scripts": [worker], "type": "module" });
    for r in o["web_accessible_resources"].as_array_mut().into_iter().flatten() {
        r.as_object_mut().map(|r| r.remove("use_dynamic_url"));
    }
    // No IntersectionObserver v2: the page's content script looks for what hides the panel.
    if let Some(js) = o["content_scripts"][0]["js"].as_array_mut() {
        js.push(json!("look.js"));
    }
    o.insert(
        "browser_specific_settings".into(),
        json!({ "gecko": {
            "id": GECKO_ID,
            "strict_min_version": FIREFOX_MIN,
            "data_collection_permissions": {
                // What goes out, only to the vendors the recruiter connected: candidates' names
                // and emails read from ATS pages (personallyIdentifyingInfo), the job text on
                // those pages (websiteContent), the recruiter's own keys to their vendor
                // (authenticationInfo), and invite messages and Spottabl partner replies
                // (personalCommunications).
                "required": [
                    "personallyIdentifyingInfo",
                    "websiteContent",
                    "authenticationInfo",
                    "personalCommunications"
                ]
            }
        }}),
    );
    Ok(m)
}

/// Whether a match pattern (`https://*.host/*`) covers a URL, as the browser decides it.
pub fn covers(pattern: &str, url: &str) -> bool {
    let (Some(p), Some(u)) = (pattern.strip_prefix("https://"), url.strip_prefix("https://")) else {
        return false;
    };
    let (p_host, p_path) = p.split_once('/').unwrap_or((p, ""));
    let (u_host, u_path) =
        u.split_once(['/', '?', '#']).map_or((u, ""), |(h, _)| (h, u.get(h.len() + 1..).unwrap_or_default()));
    let host_ok = match p_host.strip_prefix("*.") {
        Some(base) => u_host == base || u_host.ends_with(&format!(".{base}")),
        None => u_host == p_host,
    };
    host_ok && (p_path == "*" || p_path == u_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = include_str!("../manifest.json");

    #[test]
    fn the_manifest_in_the_repository_is_what_the_tables_say() {
        let written: Value = serde_json::from_str(MANIFEST).unwrap();
        let generated = generate(written.clone()).unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&generated).unwrap(),
            serde_json::to_string_pretty(&written).unwrap(),
            "run `cargo run -q --bin manifest -- manifest.json > m && mv m manifest.json`"
        );
    }

    #[test]
    fn every_page_an_adapter_recognises_gets_the_content_script_and_the_panel() {
        let pages = [
            "https://hire.lever.co/candidates/8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6",
            "https://hire.eu.lever.co/candidates/8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6",
            "https://hire.sandbox.lever.co/jobs/postings/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "https://bigbiller.topechelon.com/people/40001",
            "https://acme.oorwin.com/#/candidates/7001/overview",
            "https://www.smartrecruiters.com/app/jobs/details/5f9b1c2d3e4f5a6b7c8d9e0f",
            "https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345",
        ];
        for url in pages {
            assert!(ats::page(url).is_some(), "{url} is an ATS page");
            assert!(page_matches().iter().any(|p| covers(p, url)), "{url} gets no content script");
        }
        let room = "https://www.tryhellohire.com/interviews/csr-2026/room/r-101";
        assert!(hellohire::page(room).is_some() && page_matches().iter().any(|p| covers(p, room)));
        // The page each rule frames may be framed there.
        let m = generate(serde_json::from_str(include_str!("../manifest.json")).unwrap()).unwrap();
        let framed = &m["web_accessible_resources"][0]["resources"];
        for panel in [ats::PANEL, hellohire::PANEL] {
            assert!(framed.as_array().unwrap().iter().any(|r| r == panel), "{panel} in {framed}");
        }
        // And nothing else: a look-alike host is not covered.
        for url in [
            "https://hire.lever.co.evil.example/candidates/x",
            "https://oorwin.com.evil.example/",
            "http://hire.lever.co/",
        ] {
            assert!(!page_matches().iter().any(|p| covers(p, url)), "{url}");
        }
    }

    #[test]
    fn firefox_gets_an_event_page_an_id_and_what_it_sends_and_nothing_only_chromium_reads() {
        let chrome = generate(serde_json::from_str(MANIFEST).unwrap()).unwrap();
        let m = firefox(serde_json::from_str(MANIFEST).unwrap()).unwrap();
        assert_eq!(m["background"], json!({ "scripts": ["worker.js"], "type": "module" }));
        let gecko = &m["browser_specific_settings"]["gecko"];
        assert_eq!(gecko["id"], GECKO_ID);
        assert_eq!(gecko["strict_min_version"], FIREFOX_MIN);
        let sent = gecko["data_collection_permissions"]["required"].as_array().unwrap();
        assert!(sent.iter().any(|s| s == "personallyIdentifyingInfo"), "{sent:?}");
        assert!(!sent.iter().any(|s| s == "none"));
        for only_chromium in ["key", "minimum_chrome_version"] {
            assert!(m.get(only_chromium).is_none(), "{only_chromium}");
        }
        assert!(m["web_accessible_resources"][0].get("use_dynamic_url").is_none());
        assert_eq!(m["content_scripts"][0]["js"], json!(["content.js", "look.js"]));
        assert_eq!(m["content_scripts"][0]["matches"], chrome["content_scripts"][0]["matches"]);
        // Everything else is the same: hosts, pages, permissions, CSP, commands.
        for same in ["host_permissions", "permissions", "content_security_policy", "commands"] {
            assert_eq!(m[same], chrome[same], "{same}");
        }
    }

    #[test]
    fn the_worker_may_reach_every_default_api_host() {
        let s = crate::settings::Settings::default();
        // PageUp's hosts follow each connection's data centre (`pageup::Connection`).
        for v in registry::all().into_iter().filter(|v| v.granted_at_install && v.host("api").is_some()) {
            let base = s.host(v, "api");
            assert!(api_hosts().iter().any(|p| covers(p, &base)), "{base}");
        }
        for region in ["https://api.eu.lever.co/v1", "https://api.sandbox.lever.co/v1"] {
            assert!(api_hosts().iter().any(|p| covers(p, region)), "{region}");
        }
    }
}

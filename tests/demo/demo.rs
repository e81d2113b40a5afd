//! `./build.sh demo`: the sandbox with demo data, and Chromium with the release build on a
//! demo Lever candidate page, keys saved through the popup like a recruiter would. With a
//! display the browser stays open until Ctrl-C; without one it leaves dist/demo.png and the
//! README's screenshots (tests/demo/screenshots: the panel on a candidate, a bulk run on a job's
//! pipeline, the options page), so they show the product as built.

#[path = "../support/mod.rs"]
mod support;

use std::path::Path;

use support::*;

fn main() {
    let headed = std::env::var_os("DISPLAY").is_some() && std::env::var_os("CI").is_none();
    let env = Env::start_with(headed);
    println!("sandbox: listening on https://127.0.0.1:{}", env.sandbox.port);
    println!("spark hire key: {SPARKHIRE_KEY}");
    println!("lever key: {LEVER_KEY}");
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.save_key("lever", LEVER_KEY);
    println!("myinterview [model]: {MYINTERVIEW:?}");
    env.save_credentials("myinterview", &MYINTERVIEW);
    let url = candidate_url(GRACE);
    env.open_panel(&url);
    env.wait_text_contains("#candidate-name", "Grace Hopper");
    env.wait("jobs in the panel", |b| b.find("#job option").ok());
    env.wait("the interview list", |b| b.find("li.interview").ok());
    env.wait("a tab per provider", |b| b.find("#tab-myinterview").ok());
    env.browser.top();
    if headed {
        println!("Chromium is showing {url} with the extension. Press Ctrl-C to stop.");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shot = |name: &str| {
        let png = env.browser.screenshot_png();
        let path = root.join("tests/demo/screenshots").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).expect("the screenshots' folder");
        std::fs::write(&path, &png).expect("write a screenshot");
        png
    };
    let path = root.join("dist/demo.png");
    std::fs::write(&path, shot("candidate.png")).expect("write the screenshot");
    println!("screenshot of {url} with the panel open: {}", path.display());

    // A bulk run on an Oorwin job's pipeline, to the end.
    env.open_panel("https://acme.oorwin.com/#/jobs/5001/pipeline_details/all");
    env.wait_text_contains("#send-all", "Send to 30 candidates");
    env.select("#job", JOB_CSM);
    env.click("#send-all");
    env.wait_text_contains("#bulk-confirm p", "invites for");
    env.click("#send-all");
    env.wait_up_to(180, "the bulk run to finish", |b| {
        let t = b.find("#bulk-summary").ok().and_then(|e| b.text(&e).ok())?;
        t.ends_with("Waiting 0").then_some(())
    });
    env.browser.top();
    shot("bulk-run.png");

    env.browser.goto(&ext_url("options.html"));
    env.wait("the accounts", |b| b.find("#accounts-spark_hire tbody tr").ok());
    shot("options.png");
    println!("README screenshots: {}", root.join("tests/demo/screenshots").display());
}

//! `./build.sh demo`: the sandbox with demo data, and Chromium with the release build on a
//! demo Lever candidate page, keys saved through the popup like a recruiter would. With a
//! display the browser stays open until Ctrl-C; without one it leaves dist/demo.png.

#[path = "../support/mod.rs"]
mod support;

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
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist/demo.png");
    std::fs::write(&path, env.browser.screenshot_png()).expect("write the screenshot");
    println!("screenshot of {url} with the panel open: {}", path.display());
}

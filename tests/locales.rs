//! Every language is complete (issue 14, point 6): each message of the English file is in every
//! other locale with the same placeholders, every message the code asks for exists, and none is
//! left over. The code's requests are read from its source: `msg("key")`, `msgf("key", …)`,
//! `msgn("key", …)` (which asks for `key_one` and `key_other`) in Rust, `getMessage('key')` and
//! `say('key')` in the JS shims, `data-title` in the HTML pages and `__MSG_key__` in the manifest.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

use interview_bridge::i18n::{parse, Messages};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn locale(lang: &str) -> Messages {
    let path = format!("{ROOT}/extension/_locales/{lang}/messages.json");
    parse(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn locales() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(format!("{ROOT}/extension/_locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The quoted first arguments of `call(` in `text`, where `call` is a whole name (`msg(`, not
/// `some_msg(`).
fn keys_after(text: &str, call: &str, out: &mut BTreeSet<String>) {
    let mut pieces = text.split(call);
    let mut before = pieces.next().unwrap_or_default();
    for piece in pieces {
        let whole = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
        before = piece;
        if !whole {
            continue;
        }
        let piece = piece.trim_start();
        let Some(quote) = piece.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        if let Some(end) = piece[1..].find(quote) {
            out.insert(piece[1..1 + end].to_lowercase());
        }
    }
}

fn files(dir: &Path, ext: &str, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(std::fs::read_to_string(&p).unwrap());
        }
    }
}

/// Every message key the code and the extension's files ask for.
fn used() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut rust = Vec::new();
    files(Path::new(&format!("{ROOT}/src")), "rs", &mut rust);
    for text in &rust {
        keys_after(text, "msg(", &mut keys);
        keys_after(text, "msgf(", &mut keys);
        keys_after(text, "msg_key(", &mut keys);
        let mut plural = BTreeSet::new();
        keys_after(text, "msgn(", &mut plural);
        for k in plural {
            keys.insert(format!("{k}_one"));
            keys.insert(format!("{k}_other"));
        }
    }
    let mut js = Vec::new();
    files(Path::new(&format!("{ROOT}/extension")), "js", &mut js);
    for text in &js {
        keys_after(text, "getMessage(", &mut keys);
        keys_after(text, "say(", &mut keys);
    }
    let mut html = Vec::new();
    files(Path::new(&format!("{ROOT}/extension")), "html", &mut html);
    for text in &html {
        keys_after(text, "data-title=", &mut keys);
    }
    let manifest = std::fs::read_to_string(format!("{ROOT}/manifest.json")).unwrap();
    for piece in manifest.split("__MSG_").skip(1) {
        keys.insert(piece.split("__").next().unwrap().to_lowercase());
    }
    // The `lang` message is asked for by name in i18n.rs and i18n.js.
    keys.insert("lang".into());
    keys
}

#[test]
fn every_locale_has_every_english_message_with_the_same_placeholders() {
    let en = locale("en");
    let langs = locales();
    assert!(langs.contains(&"de".to_string()), "German proves the messages can be translated: {langs:?}");
    for lang in langs.iter().filter(|l| *l != "en") {
        let other = locale(lang);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, not in English {extra:?}"
        );
        for (key, (text, names)) in &en {
            let (theirs, their_names) = &other[key];
            assert!(!theirs.trim().is_empty(), "{lang}.{key} is empty");
            let mut a = names.clone();
            let mut b = their_names.clone();
            a.sort();
            b.sort();
            assert_eq!(a, b, "{lang}.{key}: the placeholders of \"{text}\" and \"{theirs}\"");
            for n in names {
                assert!(
                    theirs.to_lowercase().contains(&format!("${n}$")),
                    "{lang}.{key}: \"{theirs}\" leaves out ${n}$"
                );
            }
        }
    }
}

#[test]
fn every_message_the_code_asks_for_exists_and_none_is_left_over() {
    let en = locale("en");
    let used = used();
    let missing: Vec<_> = used.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "asked for, but not in _locales/en/messages.json: {missing:?}");
    let unused: Vec<_> = en.keys().filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "in _locales/en/messages.json, asked for by nothing: {unused:?}");
}

#[test]
fn each_placeholder_of_the_english_file_is_in_its_message() {
    for (key, (text, names)) in locale("en") {
        for n in names {
            assert!(text.to_lowercase().contains(&format!("${n}$")), "{key}: \"{text}\" leaves out ${n}$");
        }
    }
}

mod support;

use support::*;

/// The panel in German (`--lang=de`): its words from `_locales/de`, the page's language, the
/// date of the last sync and the time zone's name from `Intl` in German, a plural by German rules.
#[test]
fn the_panel_speaks_german_in_a_german_browser() {
    let env = Env::start_in("de");
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(ALAN));
    assert_eq!(
        env.browser.exec("return [document.documentElement.lang, document.title];", vec![]).unwrap(),
        serde_json::json!(["de", "Interview-Bridge-Panel"])
    );
    assert_eq!(env.text_of("#invite-toggle"), "Zum Interview einladen");
    assert_eq!(env.text_of("label[for=job]"), "Stelle");
    assert_eq!(env.text_of("#send"), "Interview senden");
    assert_eq!(env.text_of(".source"), "Von dieser Lever-Seite");
    let zone = env.text_of("label[for=deadline] .muted");
    assert_eq!(zone, "(Koordinierte Weltzeit)", "headless Chromium runs in UTC here");
    let synced = env.text_of("#catalog-synced");
    assert!(synced.starts_with("Zuletzt abgeglichen: ") && synced.contains("2026"), "{synced}");
    env.wait("no interviews yet", |b| b.find("#no-interviews").ok());
    assert_eq!(env.text_of("#no-interviews"), "Noch keine mit Spark Hire.");
    // The shortcut's and the page's words come from the same files.
    env.browser.top();
    let skip = env.browser.find("interview-bridge-skip").unwrap();
    let jump = env.browser.shadow_find_all(&skip, "button").unwrap().remove(0);
    assert_eq!(
        env.browser.exec("return arguments[0].textContent", vec![Driver::element_arg(&jump)]).unwrap(),
        "Zu Interview Bridge springen"
    );
    // An interview's status, as the provider names it, in German.
    env.open_panel(&candidate_url(GRACE));
    env.wait("Grace's interviews", |b| b.find("li.interview .badge").ok());
    assert_eq!(env.text_of("li.interview .badge"), "Abgeschlossen");
    // The vendors' fields and addresses on the options page.
    env.browser.goto(&ext_url("options.html"));
    assert_eq!(env.text_of("label[for=account-api_key-spark_hire]"), "API-Schlüssel für Spark Hire");
    assert_eq!(
        env.text_of("label[for=account-perform_as-lever]"),
        "Lever-Benutzer, unter dessen Namen Notizen geschrieben werden (optional)"
    );
    assert!(env.text_of("#account-data_centre-pageup-help").contains("(Australien)"));
    assert_eq!(
        env.text_of("label[for=host-spark_hire-app]"),
        "Spark-Hire-App (für die Links „In Spark Hire öffnen“)"
    );
}

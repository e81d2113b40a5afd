//! The words the recruiter reads: each is a message in `extension/_locales/<lang>/messages.json`
//! (issue 14, point 6), read in the browser through `chrome.i18n` in the browser's language
//! (English, the default locale, where a message has no translation) and natively from the
//! English file, so the native tests read the sentences a recruiter would.
//!
//! A message's variable parts are its named placeholders (`$NAME$`, given in order), never
//! pieces glued around it, so a translation can put them where its grammar wants them. Counts
//! choose between `<key>_one` and `<key>_other` by the language's plural rules.

/// `key`, marked as a message's key where a table keeps it to be read later with [`msg`] or
/// [`msgf`] (a credential field's label), so the locales' test finds it.
pub const fn msg_key(key: &'static str) -> &'static str {
    key
}

/// The message `key`, with no placeholders.
pub fn msg(key: &str) -> String {
    imp::message(key, &[])
}

/// The message `key` with its placeholders filled, in the order the English file numbers them.
pub fn msgf(key: &str, args: &[&str]) -> String {
    imp::message(key, args)
}

/// The message `<key>_one` or `<key>_other` for `n`, by the plural rules of the language the
/// messages are in; `n` is its first placeholder, `args` the rest.
pub fn msgn(key: &str, n: u64, args: &[&str]) -> String {
    let count = n.to_string();
    let mut all = vec![count.as_str()];
    all.extend_from_slice(args);
    let form = if imp::is_one(n) { "_one" } else { "_other" };
    imp::message(&format!("{key}{form}"), &all)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
        fn get_message(name: &str, substitutions: js_sys::Array) -> String;
        #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getUILanguage)]
        fn ui_language() -> String;
    }

    /// The locale dates and times are written in: the browser's (with its region, "en-GB")
    /// where the messages are in its language, else the messages' own, so a sentence and the
    /// date in it are in one language.
    pub fn locale() -> String {
        let (lang, ui) = (message("lang", &[]), ui_language());
        if ui == lang || ui.starts_with(&format!("{lang}-")) {
            ui
        } else {
            lang
        }
    }

    pub fn message(key: &str, args: &[&str]) -> String {
        let subs = js_sys::Array::new();
        for a in args {
            subs.push(&JsValue::from_str(a));
        }
        get_message(key, subs)
    }

    /// A vendor's ISO 8601 time as the recruiter reads dates, as written where the browser
    /// can't read it. The browser's own parser reads every form vendors send (offsets, fractions).
    pub fn human_time(iso: &str) -> String {
        let ms = js_sys::Date::parse(iso);
        if ms.is_nan() {
            return iso.to_string();
        }
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&opts, &"timeStyle".into(), &"short".into());
        js_sys::Date::new(&JsValue::from_f64(ms)).to_locale_string(&locale(), &opts).into()
    }

    /// English and German have the same two forms; `Intl` knows every language's.
    pub fn is_one(n: u64) -> bool {
        let lang = js_sys::Array::of1(&JsValue::from_str(&message("lang", &[])));
        let rules = js_sys::Intl::PluralRules::new(&lang, &js_sys::Object::new());
        rules.select(n as f64) == "one"
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::collections::HashMap;
    use std::sync::OnceLock;

    /// `{key: (message, [placeholder names in the order of their $1, $2…])}` of one locale.
    pub type Messages = HashMap<String, (String, Vec<String>)>;

    static EN: OnceLock<Messages> = OnceLock::new();

    pub fn parse(json: &str) -> Result<Messages, String> {
        let all: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut out = Messages::new();
        for (key, m) in all {
            let text = m["message"].as_str().ok_or(format!("{key}: no message"))?.to_string();
            let mut names: Vec<(usize, String)> = Vec::new();
            for (name, p) in m["placeholders"].as_object().into_iter().flatten() {
                let content = p["content"].as_str().unwrap_or_default();
                let n = content.strip_prefix('$').and_then(|d| d.parse().ok());
                names.push((n.ok_or(format!("{key}.{name}: content is not $1…$9"))?, name.to_lowercase()));
            }
            names.sort();
            out.insert(key.to_lowercase(), (text, names.into_iter().map(|(_, n)| n).collect()));
        }
        Ok(out)
    }

    pub fn english() -> &'static Messages {
        EN.get_or_init(|| {
            parse(include_str!("../extension/_locales/en/messages.json")).expect("the English messages")
        })
    }

    /// As `chrome.i18n.getMessage`: "" for a key it doesn't have, each `$name$` replaced by
    /// its substitution and `$$` by `$`.
    pub fn message(key: &str, args: &[&str]) -> String {
        let Some((text, names)) = english().get(&key.to_lowercase()) else { return String::new() };
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(tail) = after.strip_prefix('$') {
                out.push('$');
                rest = tail;
            } else if let Some(end) = after.find('$') {
                let name = after[..end].to_lowercase();
                let i = names.iter().position(|n| *n == name);
                out.push_str(i.and_then(|i| args.get(i)).copied().unwrap_or_default());
                rest = &after[end + 1..];
            } else {
                out.push('$');
                rest = after;
            }
        }
        out.push_str(rest);
        out
    }

    pub fn is_one(n: u64) -> bool {
        n == 1
    }
}

#[cfg(target_arch = "wasm32")]
pub use imp::{human_time, locale};
#[cfg(not(target_arch = "wasm32"))]
pub use imp::{parse, Messages};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_by_name_in_the_english_files_order() {
        let m = parse(
            r#"{"sent": {"message": "Sent to $NAME$ for $Job$ ($$5).",
                "placeholders": {"job": {"content": "$2"}, "name": {"content": "$1"}}}}"#,
        )
        .unwrap();
        assert_eq!(m["sent"].1, ["name", "job"]);
    }

    #[test]
    fn the_english_file_is_read_natively() {
        assert_eq!(msg("lang"), "en");
        assert_eq!(imp::message("no_such_message", &[]), "");
        assert_eq!(msgn("bulk_send", 1, &[]), "Send to 1 candidate");
        assert_eq!(msgn("bulk_send", 30, &[]), "Send to 30 candidates");
    }
}

//! Text rules shared by the domain code.

/// Lower case by Unicode's rules, as Hellohire's own tags are (`"hellohire - …"` [doc]). In the
/// browser the browser's tables do it (`String.prototype.toLowerCase`): Rust's own would add
/// their tables to the worker. Natively, Rust's; both follow Unicode's default case mapping.
pub fn lower(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

/// Where `needle` first occurs in `hay`. A plain scan: `str::find` with a string pattern
/// brings core's two-way searcher (about 4 KB of wasm) into every bundle, for needles of a few
/// bytes.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let last = hay.len().checked_sub(needle.len())?;
    // A match of a whole `&str` starts on a character boundary.
    (0..=last).find(|&i| hay.as_bytes()[i..].starts_with(needle.as_bytes()))
}

/// `str::rsplit_once` for a string separator, without the two-way searcher.
pub fn rsplit_once<'a>(hay: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let last = hay.len().checked_sub(sep.len())?;
    let at = (0..=last).rev().find(|&i| hay.as_bytes()[i..].starts_with(sep.as_bytes()))?;
    Some((hay.get(..at)?, hay.get(at + sep.len()..)?))
}

/// A page or list may give an email without a name; a provider still needs one to address
/// the candidate by, and the mailbox is the name they gave the world.
pub fn name_or_mailbox(name: &str, email: &str) -> String {
    let name = name.trim();
    let mailbox = email.trim().split('@').next().unwrap_or_default();
    if name.is_empty() { mailbox } else { name }.into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_candidate_without_a_name_is_addressed_by_their_mailbox() {
        assert_eq!(super::name_or_mailbox("  ", " grace@example.com"), "grace");
        assert_eq!(super::name_or_mailbox(" Grace Hopper ", "grace@example.com"), "Grace Hopper");
    }

    #[test]
    fn find_and_rsplit_once_agree_with_std() {
        for (hay, needle) in [("a - b - c", " - "), ("abc", "abcd"), ("", "x"), ("é://x", "://"), ("xx", "")]
        {
            assert_eq!(super::find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            assert_eq!(super::rsplit_once(hay, needle), hay.rsplit_once(needle), "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn lower_follows_unicode() {
        assert_eq!(super::lower("CSR Café ÉTÉ"), "csr café été");
        assert_eq!(super::lower("ΟΔΟΣ"), "οδος");
    }
}

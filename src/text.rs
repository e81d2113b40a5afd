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

#[cfg(test)]
mod tests {
    #[test]
    fn lower_follows_unicode() {
        assert_eq!(super::lower("CSR Café ÉTÉ"), "csr café été");
        assert_eq!(super::lower("ΟΔΟΣ"), "οδος");
    }
}

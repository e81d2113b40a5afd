//! JSON text to and from typed values. In the browser the engine's own `JSON` does the text and
//! the codec every bundle already carries for messages the types (`decode` one way,
//! `serde-wasm-bindgen` the other), so
//! the worker holds a single deserialiser per type instead of two; natively, `serde_json`.

use serde::{de::DeserializeOwned, Serialize};

#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

// The parts that don't depend on the type are kept out of the generics, which are
// instantiated once per type the vendors answer with.
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    crate::decode::from_value(parse(text)?).map_err(decode_error_text)
}

#[cfg(target_arch = "wasm32")]
fn parse(text: &str) -> Result<wasm_bindgen::JsValue, String> {
    js_sys::JSON::parse(text).map_err(|_| "not JSON".to_string())
}

#[cfg(target_arch = "wasm32")]
fn error_text(e: serde_wasm_bindgen::Error) -> String {
    e.to_string()
}

#[cfg(target_arch = "wasm32")]
fn decode_error_text(e: crate::decode::Error) -> String {
    e.to_string()
}

#[cfg(target_arch = "wasm32")]
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    let v = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(error_text)?;
    js_sys::JSON::stringify(&v).map(String::from).map_err(|_| "not serialisable".to_string())
}

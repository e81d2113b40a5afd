//! `Wire<T>`: a message payload that crosses `chrome.runtime` as it is and is decoded only by
//! the code that reads it. Every page's bundle decodes `Reply` and encodes `Request`; with
//! plain payloads each bundle would carry the decoders and encoders of every payload any page
//! sends or receives (measured: 53 KB of the options page's 411 KB were decoders of replies
//! only the panel reads). In the browser a `Wire` holds the JS value; natively it is the value
//! itself, so the wire format is the same either way.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Failure;

#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wire<T>(T);

#[cfg(not(target_arch = "wasm32"))]
impl<T: Serialize> Wire<T> {
    pub fn new(value: T) -> Wire<T> {
        Wire(value)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: DeserializeOwned> Wire<T> {
    pub fn get(self) -> Result<T, Failure> {
        Ok(self.0)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T> Wire<T> {
    /// As `get`, with a reader of its own (`read::settings`, `read::accounts`); natively the
    /// value is at hand, and the readers are held to serde's encoding by their tests.
    pub fn read(self, _: fn(&crate::node::Node) -> Option<T>) -> Result<T, Failure> {
        Ok(self.0)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Serialize> Serialize for Wire<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Wire<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Wire<T>, D::Error> {
        T::deserialize(d).map(Wire)
    }
}

#[cfg(target_arch = "wasm32")]
pub struct Wire<T> {
    js: wasm_bindgen::JsValue,
    of: std::marker::PhantomData<fn() -> T>,
}

#[cfg(target_arch = "wasm32")]
impl<T: Serialize> Wire<T> {
    /// Encoded here, at the one place that makes it: the bundle that never makes a `T` never
    /// carries its encoder.
    pub fn new(value: T) -> Wire<T> {
        // Our own types always encode; the error text is not worth its code in every copy.
        let js = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible());
        Wire { js: js.unwrap_or(wasm_bindgen::JsValue::NULL), of: std::marker::PhantomData }
    }
}

#[cfg(target_arch = "wasm32")]
impl<T: DeserializeOwned> Wire<T> {
    pub fn get(self) -> Result<T, Failure> {
        crate::decode::from_value(self.js).map_err(|_| unknown())
    }
}

#[cfg(target_arch = "wasm32")]
impl<T> Wire<T> {
    /// Read field by field (`read::settings`, `read::accounts`): what the pages read most
    /// costs them far less so than through serde's derive.
    pub fn read(self, read: fn(&crate::node::Node) -> Option<T>) -> Result<T, Failure> {
        read(&crate::node::Node::of(self.js)).ok_or_else(unknown)
    }
}

#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn unknown() -> Failure {
    Failure::plain(crate::i18n::msg("unknown_message_reload"))
}

#[cfg(target_arch = "wasm32")]
impl<T> Wire<T> {
    fn text(&self) -> String {
        js_sys::JSON::stringify(&self.js).ok().and_then(|s| s.as_string()).unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
impl<T> Clone for Wire<T> {
    fn clone(&self) -> Self {
        Wire { js: self.js.clone(), of: std::marker::PhantomData }
    }
}

#[cfg(target_arch = "wasm32")]
impl<T> PartialEq for Wire<T> {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

#[cfg(target_arch = "wasm32")]
impl<T> Eq for Wire<T> {}

#[cfg(target_arch = "wasm32")]
impl<T> std::fmt::Debug for Wire<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(target_arch = "wasm32")]
impl<T> Serialize for Wire<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&self.js, s)
    }
}

#[cfg(target_arch = "wasm32")]
impl<'de, T> Deserialize<'de> for Wire<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Wire<T>, D::Error> {
        crate::decode::js_value(d).map(|js| Wire { js, of: std::marker::PhantomData })
    }
}

/// A payload read off a message the worker took apart field by field (`read`).
#[cfg(target_arch = "wasm32")]
impl<T> Wire<T> {
    pub fn from_node(n: crate::node::Node) -> Option<Wire<T>> {
        Some(Wire { js: n.into_js(), of: std::marker::PhantomData })
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: DeserializeOwned> Wire<T> {
    pub fn from_node(n: crate::node::Node) -> Option<Wire<T>> {
        n.decode().map(Wire)
    }
}

/// The payload as it came, for a reader that takes it apart field by field (`read`).
#[cfg(target_arch = "wasm32")]
impl<T> Wire<T> {
    pub fn node(self) -> crate::node::Node {
        crate::node::Node::of(self.js)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Serialize> Wire<T> {
    pub fn node(self) -> crate::node::Node {
        crate::node::Node::of(serde_json::to_value(&self.0).unwrap_or_default())
    }
}

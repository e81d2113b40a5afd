//! A parsed JSON reply read field by field. Where a vendor's reply is read for a few fields
//! once, this costs the worker a few calls per field; a serde derive costs it kilobytes per
//! shape. Registering myInterview measured +62 KB with serde shapes, +33 KB with leaner ones,
//! +14 KB read with this. In the browser the engine's `JSON.parse` does the text; natively,
//! `serde_json`.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsValue;

    #[derive(Clone, Debug)]
    pub struct Node(JsValue);

    impl Node {
        pub fn parse(text: &str) -> Option<Node> {
            js_sys::JSON::parse(text).ok().map(Node)
        }

        /// `key` of an object; nothing (`undefined`) for anything else.
        pub fn get(&self, key: &str) -> Node {
            if !self.0.is_object() {
                return Node(JsValue::UNDEFINED);
            }
            Node(js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
        }

        pub fn text(&self) -> Option<String> {
            self.0.as_string()
        }

        pub fn number(&self) -> Option<f64> {
            self.0.as_f64()
        }

        pub fn flag(&self) -> Option<bool> {
            self.0.as_bool()
        }

        /// The elements of an array; none for anything else.
        pub fn items(&self) -> Option<Vec<Node>> {
            js_sys::Array::is_array(&self.0).then(|| js_sys::Array::from(&self.0).iter().map(Node).collect())
        }

        pub fn is_object(&self) -> bool {
            self.0.is_object() && !js_sys::Array::is_array(&self.0)
        }

        /// Absent or `null`.
        pub fn is_nothing(&self) -> bool {
            self.0.is_null() || self.0.is_undefined()
        }

        /// The value as JSON text again, to pass on as it came.
        pub fn json(&self) -> Option<String> {
            js_sys::JSON::stringify(&self.0).ok().and_then(|s| s.as_string())
        }

        /// A value already parsed (a message), to read field by field.
        pub fn of(v: JsValue) -> Node {
            Node(v)
        }

        pub fn into_js(self) -> JsValue {
            self.0
        }

        /// The names of an object's own fields.
        pub fn keys(&self) -> Vec<String> {
            if !self.is_object() {
                return vec![];
            }
            js_sys::Object::keys(&js_sys::Object::from(self.0.clone()))
                .iter()
                .filter_map(|k| k.as_string())
                .collect()
        }

        /// Decodes the value as a `T`, as a `Wire` does.
        pub fn decode<T: serde::de::DeserializeOwned>(self) -> Option<T> {
            crate::decode::from_value(self.0).ok()
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use serde_json::Value;

    #[derive(Clone, Debug)]
    pub struct Node(Value);

    impl Node {
        pub fn parse(text: &str) -> Option<Node> {
            serde_json::from_str(text).ok().map(Node)
        }

        pub fn get(&self, key: &str) -> Node {
            Node(self.0.get(key).cloned().unwrap_or(Value::Null))
        }

        pub fn text(&self) -> Option<String> {
            self.0.as_str().map(String::from)
        }

        pub fn number(&self) -> Option<f64> {
            self.0.as_f64()
        }

        pub fn flag(&self) -> Option<bool> {
            self.0.as_bool()
        }

        pub fn items(&self) -> Option<Vec<Node>> {
            self.0.as_array().map(|a| a.iter().cloned().map(Node).collect())
        }

        pub fn is_object(&self) -> bool {
            self.0.is_object()
        }

        pub fn is_nothing(&self) -> bool {
            self.0.is_null()
        }

        pub fn json(&self) -> Option<String> {
            serde_json::to_string(&self.0).ok()
        }

        pub fn of(v: Value) -> Node {
            Node(v)
        }

        pub fn keys(&self) -> Vec<String> {
            self.0.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
        }

        pub fn decode<T: serde::de::DeserializeOwned>(self) -> Option<T> {
            serde_json::from_value(self.0).ok()
        }
    }
}

pub use imp::Node;

impl Node {
    /// A text field, or nothing when it is absent, null or not text.
    pub fn str(&self, key: &str) -> Option<String> {
        self.get(key).text()
    }

    /// The text elements of an array field; anything else in it is skipped.
    pub fn texts(&self, key: &str) -> Vec<String> {
        self.get(key).items().unwrap_or_default().iter().filter_map(Node::text).collect()
    }

    /// Each element read by `f`, or the first refusal. A plain loop: `collect` into a `Result`
    /// costs a copy of its adapter per reader (measured: 3 KB of the worker over six readers).
    pub fn each<T, E>(items: &[Node], f: impl Fn(&Node) -> Result<T, E>) -> Result<Vec<T>, E> {
        let mut out = Vec::with_capacity(items.len());
        for n in items {
            out.push(f(n)?);
        }
        Ok(out)
    }

    /// A text field that must be there and not blank.
    pub fn id(&self, key: &str) -> Option<String> {
        self.str(key).filter(|s| !s.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_kind_and_anything_else_is_nothing() {
        let n = Node::parse(r#"{"a":"x","b":2,"c":true,"d":[{"e":"f"}],"g":null,"h":" "}"#).unwrap();
        assert_eq!(
            (n.str("a"), n.get("b").number(), n.get("c").flag()),
            (Some("x".into()), Some(2.0), Some(true))
        );
        assert_eq!(n.get("d").items().unwrap()[0].str("e"), Some("f".into()));
        assert_eq!((n.str("b"), n.str("g"), n.str("zz"), n.id("h")), (None, None, None, None));
        assert!(n.is_object() && !n.get("d").is_object() && n.get("a").items().is_none());
        assert!(n.get("a").get("x").text().is_none());
        assert!(Node::parse("<html>").is_none());
        let t = Node::parse(r#"{"l":["a",1,"b"],"n":null}"#).unwrap();
        assert_eq!(t.texts("l"), ["a", "b"]);
        assert!(t.get("n").is_nothing() && t.get("zz").is_nothing() && !t.get("l").is_nothing());
    }
}

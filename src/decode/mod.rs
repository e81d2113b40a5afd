//! JSON-shaped JS values (what `chrome.runtime`, `chrome.storage` and `JSON.parse` give) into
//! typed values. It reads them as `serde-wasm-bindgen`'s deserialiser does and says the same
//! when they don't fit; it exists because that one's errors describe a wrong number with Rust's
//! float formatting, 19 KB in every bundle for a message nobody should ever see. Here the engine
//! finds a number's digits (`String(n)`) and we lay them out as Rust would. It reads no `BigInt`,
//! typed array or `Map`: JSON has none.

mod access;
mod error;

pub use error::Error;

use access::{Entries, Items};
use js_sys::{Array, Number, Object};
use serde::de::{self, DeserializeOwned, Expected, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(Deserializer(value))
}

/// The JS value as it is, for a field whose decoding is left to whoever reads it; only our
/// `Deserializer` can give one.
pub fn js_value<'de, D: de::Deserializer<'de>>(d: D) -> Result<JsValue, D::Error> {
    struct Kept;
    impl Visitor<'_> for Kept {
        type Value = JsValue;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JS value")
        }
        fn visit_unit<E>(self) -> Result<JsValue, E> {
            Ok(KEPT.with(|k| k.take()))
        }
    }
    d.deserialize_newtype_struct(KEEP, Kept)
}

const KEEP: &str = "interview_bridge::decode::KEEP";

thread_local! {
    static KEPT: std::cell::Cell<JsValue> = const { std::cell::Cell::new(JsValue::UNDEFINED) };
}

pub struct Deserializer(JsValue);

impl Deserializer {
    fn is_nullish(&self) -> bool {
        self.0.loose_eq(&JsValue::NULL)
    }

    #[cold]
    fn invalid_type_(&self, exp: &dyn Expected) -> Error {
        // What was found isn't named (`error`): no reader shows it.
        de::Error::invalid_type(Unexpected::Other(""), exp)
    }

    fn invalid_type<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
        Err(self.invalid_type_(&visitor))
    }

    fn safe_integer(&self) -> Option<i64> {
        Number::is_safe_integer(&self.0).then(|| self.0.unchecked_into_f64() as i64)
    }

    /// `[key, value]` pairs: an iterable's items, or a plain object's entries.
    fn pairs(&self) -> Result<Option<Array>, Error> {
        if let Some(items) = js_sys::try_iter(&self.0).map_err(Error)? {
            let pairs = Array::new();
            for item in items {
                pairs.push(&item.map_err(Error)?);
            }
            return Ok(Some(pairs));
        }
        Ok(self.0.is_object().then(|| Object::entries(self.0.unchecked_ref())))
    }
}

impl<'de> de::Deserializer<'de> for Deserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_nullish() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = self.0.as_f64() {
            match self.safe_integer() {
                Some(i) => visitor.visit_i64(i),
                None => visitor.visit_f64(n),
            }
        } else if let Some(s) = self.0.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(&self.0) {
            self.deserialize_seq(visitor)
        } else if self.0.is_object() && !js_sys::Symbol::iterator().js_in(&self.0) {
            self.deserialize_map(visitor)
        } else {
            self.invalid_type(visitor)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_nullish() {
            visitor.visit_unit()
        } else {
            self.invalid_type(visitor)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => self.invalid_type(visitor),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_f64() {
            Some(n) => visitor.visit_f64(n),
            None => self.invalid_type(visitor),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_string(s),
            None => self.invalid_type(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.safe_integer() {
            Some(i) => visitor.visit_i64(i),
            None => self.invalid_type(visitor),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.safe_integer() {
            Some(i) if i >= 0 => visitor.visit_u64(i as u64),
            _ => self.invalid_type(visitor),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == KEEP {
            KEPT.with(|k| k.set(self.0));
            return visitor.visit_unit();
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items = match self.0.dyn_ref::<Array>() {
            Some(items) => items.clone(),
            None => match js_sys::try_iter(&self.0).map_err(Error)? {
                Some(iter) => iter.collect::<Result<Array, JsValue>>().map_err(Error)?,
                None => return self.invalid_type(visitor),
            },
        };
        visitor.visit_seq(Items::new(items))
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_byte_buf(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if Array::is_array(&self.0) {
            self.deserialize_seq(visitor)
        } else {
            self.invalid_type(visitor)
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.pairs()? {
            Some(items) => visitor.visit_map(Entries::new(items)),
            None => self.invalid_type(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match Entries::of_struct(&self.0, fields)? {
            Some(entries) => visitor.visit_map(entries),
            None => self.invalid_type(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.0.is_string() {
            return visitor.visit_enum(self);
        }
        let Some(entries) = self.0.is_object().then(|| Object::entries(self.0.unchecked_ref())) else {
            return self.invalid_type(visitor);
        };
        if entries.length() != 1 {
            return Err(de::Error::invalid_length(entries.length() as usize, &"1"));
        }
        visitor.visit_enum(Deserializer(entries.get(0)))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.invalid_type(visitor)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.invalid_type(visitor)
    }
}

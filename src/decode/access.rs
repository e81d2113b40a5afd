//! How serde walks an array, an object and an externally tagged enum.

use js_sys::{Array, Reflect};
use serde::de::{self, Visitor};
use wasm_bindgen::{JsCast, JsValue};

use super::{Deserializer, Error};

fn pair(p: JsValue) -> (JsValue, JsValue) {
    let p = p.unchecked_into::<Array>();
    (p.get(0), p.get(1))
}

pub(super) struct Items {
    items: Array,
    next: u32,
}

// The parts that don't depend on the type are kept out of the generics, which are instantiated
// once per type a bundle reads.
impl Items {
    pub(super) fn new(items: Array) -> Items {
        Items { items, next: 0 }
    }

    #[inline(never)]
    fn next_item(&mut self) -> Option<JsValue> {
        (self.next < self.items.length()).then(|| {
            self.next += 1;
            self.items.get(self.next - 1)
        })
    }
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        match self.next_item() {
            Some(item) => seed.deserialize(Deserializer(item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.length() - self.next) as usize)
    }
}

/// A map's entries, or a struct's fields (those the object has).
pub(super) struct Entries {
    pairs: Items,
    value: JsValue,
}

impl Entries {
    pub(super) fn new(items: Array) -> Entries {
        Entries { pairs: Items::new(items), value: JsValue::UNDEFINED }
    }

    #[inline(never)]
    fn next_key(&mut self) -> Option<JsValue> {
        let (key, value) = pair(self.pairs.next_item()?);
        self.value = value;
        Some(key)
    }

    /// Only the named fields, and those the object has (a field set to `undefined` counts).
    #[inline(never)]
    pub(super) fn of_struct(
        value: &JsValue,
        fields: &'static [&'static str],
    ) -> Result<Option<Entries>, Error> {
        if !value.is_object() {
            return Ok(None);
        }
        let items = Array::new();
        for field in fields {
            let key = JsValue::from_str(field);
            let v = Reflect::get(value, &key).map_err(Error)?;
            if !v.is_undefined() || key.js_in(value) {
                items.push(&Array::of2(&key, &v));
            }
        }
        Ok(Some(Entries::new(items)))
    }
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.next_key() {
            Some(key) => seed.deserialize(Deserializer(key)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Deserializer(std::mem::take(&mut self.value)))
    }
}

impl<'de> de::EnumAccess<'de> for Deserializer {
    type Error = Error;
    type Variant = Deserializer;

    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Deserializer), Error> {
        let (tag, payload) = if self.0.is_string() { (self.0, JsValue::UNDEFINED) } else { pair(self.0) };
        Ok((seed.deserialize(Deserializer(tag))?, Deserializer(payload)))
    }
}

impl<'de> de::VariantAccess<'de> for Deserializer {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

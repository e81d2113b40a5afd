//! Decoding errors: a JS `Error`, worded as serde-wasm-bindgen's.

use serde::de::{self, Expected, Unexpected};
use wasm_bindgen::JsValue;

/// A JS `Error`, as `serde-wasm-bindgen` gives.
#[derive(Debug)]
pub struct Error(pub(super) JsValue);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&to_string(&self.0))
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = String)]
    fn to_string(value: &JsValue) -> String;
}

impl std::error::Error for Error {}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        e.0
    }
}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(wasm_bindgen::JsError::new(&msg.to_string()).into())
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error::custom(format_args!("invalid type: {}, expected {}", Shown(unexp), exp))
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error::custom(format_args!("invalid value: {}, expected {}", Shown(unexp), exp))
    }
}

/// `Unexpected`'s own text, a float's digits found by the engine: calling `Unexpected`'s `Display`
/// at all keeps Rust's float formatting in the bundle.
struct Shown<'a>(Unexpected<'a>);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        use Unexpected::*;
        match self.0 {
            Bool(b) => write!(f, "boolean `{b}`"),
            Unsigned(i) => write!(f, "integer `{i}`"),
            Signed(i) => write!(f, "integer `{i}`"),
            Float(n) => write!(f, "floating point `{}`", float_text(n)),
            Char(c) => write!(f, "character `{c}`"),
            // Quoted, not escaped: `str`'s `Debug` would bring its escaping tables.
            Str(s) => write!(f, "string \"{s}\""),
            Bytes(_) => f.write_str("byte array"),
            Unit => f.write_str("unit value"),
            Option => f.write_str("Option value"),
            NewtypeStruct => f.write_str("newtype struct"),
            Seq => f.write_str("sequence"),
            Map => f.write_str("map"),
            Enum => f.write_str("enum"),
            UnitVariant => f.write_str("unit variant"),
            NewtypeVariant => f.write_str("newtype variant"),
            TupleVariant => f.write_str("tuple variant"),
            StructVariant => f.write_str("struct variant"),
            Other(other) => f.write_str(other),
        }
    }
}

/// What Rust's `Display` and serde's `WithDecimalPoint` make of `n` (`1e21` → `1000…0.0`),
/// from the engine's shortest digits, which are the same digits.
fn float_text(n: f64) -> String {
    if n.is_infinite() {
        return if n > 0.0 { "inf" } else { "-inf" }.into();
    }
    let js = to_string(&JsValue::from_f64(n));
    let (sign, js) = match js.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None if n == 0.0 && n.is_sign_negative() => ("-", js.as_str()),
        None => ("", js.as_str()),
    };
    let mut text = match js.split_once('e') {
        Some((mantissa, exp)) => {
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let digits = format!("{int}{frac}");
            let point = int.len() as i32 + exp.parse::<i32>().unwrap_or(0);
            if point <= 0 {
                format!("0.{}{digits}", "0".repeat(-point as usize))
            } else if point as usize >= digits.len() {
                format!("{digits}{}", "0".repeat(point as usize - digits.len()))
            } else {
                format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
            }
        }
        None => js.to_string(),
    };
    if n.is_finite() && !text.contains('.') {
        text.push_str(".0");
    }
    format!("{sign}{text}")
}

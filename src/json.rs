//! JSON in the browser: parsed and written by the browser's own `JSON`, turned into and
//! from Rust values by serde-wasm-bindgen, so no JSON parser or writer rides in the wasm.

use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(text).ok()?)
}

/// A value the browser already parsed (a part of a parsed document).
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

/// `value` as JSON text: `None` as `null`, maps as objects, as the server expects.
pub fn to_string(value: &impl Serialize) -> Option<String> {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

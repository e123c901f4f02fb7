//! Taking over from the page the server wrote: the API answers it was written from (so
//! the first render needs no request) and the element the app mounts in. The swap from
//! the server's markup to the app's is `public/boot.js`'s, once the app has rendered.

use std::cell::OnceCell;

use portal_contract::first_view::{APP_ID, DATA_ID};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The parsed block: an object of answers by address (or `undefined`).
    static ANSWERS: OnceCell<JsValue> = const { OnceCell::new() };
}

fn handed_over() -> JsValue {
    leptos::prelude::document()
        .get_element_by_id(DATA_ID)
        .and_then(|block| block.text_content())
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// The server's answer for `path`, once: a later request for it asks the server.
pub fn take<T: DeserializeOwned>(path: &str) -> Option<T> {
    ANSWERS.with(|answers| {
        let answers = answers.get_or_init(handed_over);
        let answers = answers.dyn_ref::<js_sys::Object>()?;
        let key = JsValue::from_str(path);
        let answer = js_sys::Reflect::get(answers, &key).ok()?;
        js_sys::Reflect::delete_property(answers, &key).ok()?;
        crate::json::from_value(answer)
    })
}

/// The hidden element the app mounts in when the server wrote the page.
pub fn app_root() -> Option<web_sys::HtmlElement> {
    leptos::prelude::document()
        .get_element_by_id(APP_ID)?
        .dyn_into()
        .ok()
}

//! The API answers a page was written from, handed to the app with it: on the server as
//! the server read them ([`Answers`], in the rendering's context), in the browser parsed
//! from the page's JSON block (`written_page::DATA_ID`). They serve the first render only,
//! so that it is the server's — hydration asks for nothing again — and every later read
//! asks the server.

#[cfg(not(feature = "ssr"))]
pub use browser::answer;
#[cfg(feature = "hydrate")]
pub use browser::{app_root, forget};
#[cfg(feature = "ssr")]
pub use server::{Answers, answer};

#[cfg(not(feature = "ssr"))]
mod browser {
    use std::cell::RefCell;

    use portal_contract::Problem;
    use serde::de::DeserializeOwned;
    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        /// The parsed block (an object of answers by address) until the first render is
        /// done; `None` before it is read and after [`forget`].
        static ANSWERS: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    }

    #[cfg(feature = "hydrate")]
    fn handed_over() -> JsValue {
        use portal_contract::written_page::DATA_ID;
        leptos::prelude::document()
            .get_element_by_id(DATA_ID)
            .and_then(|block| block.text_content())
            .and_then(|json| js_sys::JSON::parse(&json).ok())
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// The answer for `path` the page came with, if any: what it read, or why it could
    /// not.
    pub fn answer<T: DeserializeOwned>(path: &str) -> Option<Result<T, Problem>> {
        ANSWERS.with_borrow(|answers| {
            let answers = answers.as_ref()?.dyn_ref::<js_sys::Object>()?;
            let answer = js_sys::Reflect::get(answers, &JsValue::from_str(path)).ok()?;
            if answer.is_undefined() {
                return None;
            }
            crate::json::from_value(answer)
        })
    }

    #[cfg(feature = "hydrate")]
    /// The element the server wrote the app in, with the answers it was written from
    /// read: the app hydrates it.
    pub fn app_root() -> Option<web_sys::HtmlElement> {
        let root = leptos::prelude::document()
            .get_element_by_id(portal_contract::written_page::APP_ID)?
            .dyn_into()
            .ok()?;
        ANSWERS.set(Some(handed_over()));
        Some(root)
    }

    #[cfg(feature = "hydrate")]
    /// The first render is done: later reads ask the server.
    pub fn forget() {
        ANSWERS.set(None);
    }
}

#[cfg(feature = "ssr")]
mod server {
    use std::{any::Any, collections::BTreeMap, sync::Arc};

    use leptos::prelude::with_context;
    use portal_contract::Problem;
    use serde::Serialize;
    use serde_json::value::RawValue;

    /// The answers a page is written from — each what the server read, or the problem
    /// that stopped it — as the app's components take them, and as JSON for the page's
    /// block.
    #[derive(Clone, Default)]
    pub struct Answers {
        values: BTreeMap<String, Arc<dyn Any + Send + Sync>>,
        json: BTreeMap<String, Box<RawValue>>,
    }

    impl Answers {
        /// These answers and `answer`, the one for `path`.
        pub fn with<T: Serialize + Clone + Send + Sync + 'static>(
            self,
            path: String,
            answer: T,
        ) -> Self {
            self.with_result(path, Ok::<T, Problem>(answer))
        }

        /// These answers and, for `path`, the `problem` that stopped its read.
        pub fn with_failure<T: Serialize + Clone + Send + Sync + 'static>(
            self,
            path: String,
            problem: Problem,
        ) -> Self {
            self.with_result(path, Err::<T, Problem>(problem))
        }

        fn with_result<T: Serialize + Clone + Send + Sync + 'static>(
            mut self,
            path: String,
            result: Result<T, Problem>,
        ) -> Self {
            let json = serde_json::value::to_raw_value(&result).expect("plain data serializes");
            self.json.insert(path.clone(), json);
            self.values.insert(path, Arc::new(result));
            self
        }

        /// Whether there is an answer for `path`.
        pub fn has(&self, path: &str) -> bool {
            self.values.contains_key(path)
        }

        /// The block's JSON, which cannot end its `<script>` early: `<` is written `\u003c`.
        pub fn script_safe_json(&self) -> String {
            serde_json::to_string(&self.json)
                .expect("plain data serializes")
                .replace('<', "\\u003c")
        }
    }

    /// The answer for `path` the page is written from, if the server read it.
    pub fn answer<T: Clone + 'static>(path: &str) -> Option<Result<T, Problem>> {
        // Read in place: the answers (their JSON with them) are not copied for each read.
        with_context(|answers: &Answers| {
            answers
                .values
                .get(path)?
                .downcast_ref::<Result<T, Problem>>()
                .cloned()
        })?
    }
}

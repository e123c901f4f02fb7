//! What a page knows of where it is shown: the site's address, the text size the reader
//! chose and the time. In the browser, from the browser; on the server, from the request
//! the page is written for ([`Request`], in the rendering's context) — the same values,
//! so that the app's first render in the browser is the server's.

use leptos::prelude::*;
use portal_contract::font_size::FontSize;
use time::OffsetDateTime;

/// `false` on the server and in the browser's first render, `true` once the app runs
/// the page: what only the browser can show (a timer, say) waits for it, so the first
/// render stays the server's.
pub fn in_browser() -> ReadSignal<bool> {
    let running = RwSignal::new(false);
    // Effects run in the browser only, after hydration.
    Effect::new(move |_| running.set(true));
    running.read_only()
}

#[cfg(feature = "ssr")]
pub use server::{Request, font_size, now, origin};

#[cfg(not(feature = "ssr"))]
pub use browser::{font_size, now, origin};

#[cfg(not(feature = "ssr"))]
mod browser {
    use super::*;
    use portal_contract::font_size::ATTRIBUTE;

    /// `scheme://host[:port]` of the site.
    pub fn origin() -> String {
        window().location().origin().unwrap_or_default()
    }

    /// The size articles' text is shown at: what `<html>` carries.
    pub fn font_size() -> FontSize {
        document()
            .document_element()
            .and_then(|root| root.get_attribute(ATTRIBUTE))
            .and_then(|value| FontSize::from_value(&value))
            .unwrap_or_default()
    }

    pub fn now() -> OffsetDateTime {
        let seconds = (js_sys::Date::now() / 1000.0) as i64;
        OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;

    /// The request a page is written for.
    #[derive(Debug, Clone, Default)]
    pub struct Request {
        /// The site's public address, `scheme://host[:port]`.
        pub origin: String,
        pub font_size: FontSize,
    }

    fn request() -> Request {
        use_context::<Request>().unwrap_or_default()
    }

    pub fn origin() -> String {
        request().origin
    }

    pub fn font_size() -> FontSize {
        request().font_size
    }

    pub fn now() -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

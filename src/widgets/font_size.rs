//! "Cỡ chữ" A− A A+: three buttons that size the article's text. `public/boot.js` does
//! the pressing (for the first view too, before the app runs); this renders them with
//! the size in force pressed.

use leptos::prelude::*;
use portal_contract::font_size::{FontSize, LABEL};

use crate::environment;

#[component]
pub fn FontSizeChoice() -> impl IntoView {
    let in_force = environment::font_size();
    let buttons = FontSize::ALL
        .into_iter()
        .map(|size| {
            view! {
                <button
                    type="button"
                    class="font-size__choice"
                    data-font-choice=size.value()
                    data-announce=size.announcement()
                    title=size.name()
                    aria-pressed=(size == in_force).to_string()
                >
                    {size.face()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="font-size" role="group" aria-label=LABEL>
            <span class="font-size__label" aria-hidden="true">{LABEL}</span>
            {buttons}
            <span class="font-size__status visually-hidden" role="status"></span>
        </div>
    }
}

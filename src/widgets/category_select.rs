//! A list filter's category field: "Chuyên mục", all categories first, then each one.

use leptos::prelude::*;
use portal_contract::Category;

/// The field named `name` (the address's key), with `selected` (a slug) chosen.
#[component]
pub fn CategorySelect(
    id: &'static str,
    name: &'static str,
    categories: Vec<Category>,
    selected: String,
) -> impl IntoView {
    let options = categories
        .into_iter()
        .map(|category| {
            let chosen = category.slug == selected;
            view! { <option value=category.slug selected=chosen>{category.title}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>"Chuyên mục"</label>
            <select id=id name=name>
                <option value="">"Tất cả chuyên mục"</option>
                {options}
            </select>
        </div>
    }
}

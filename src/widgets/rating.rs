//! The five-star rating under an article.
//!
//! Native radios in a fieldset: arrow keys only move the selection; a click on a star
//! (on its label, or on the radio itself, as a screen reader's browse mode sends it), or
//! Enter / Space on the selected one, casts the rating. Before the reader rates, the
//! stars show the average. While the request is in flight the stars are disabled; the
//! outcome is announced in a live region. An article closed to rating shows no block.

use leptos::{ev, html, prelude::*, task::spawn_local};
use portal_contract::{
    Cause, RatingSummary, StarFill, average_fill, own_rating_line, ranking_line, star_label,
    total_line, words,
};

use crate::{
    api::{self, ApiError},
    loading::refusal_message,
};

/// How star `point` is lit: the hovered star wins over the selected one, and with
/// neither the row shows the average.
pub fn star_fill(
    point: u8,
    hovered: Option<u8>,
    selected: Option<u8>,
    summary: &RatingSummary,
) -> StarFill {
    match hovered.or(selected) {
        Some(chosen) if point <= chosen => StarFill::Full,
        Some(_) => StarFill::Empty,
        None => average_fill(summary, point),
    }
}

fn is_arrow(key: &str) -> bool {
    key.starts_with("Arrow")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mine {
    NotYet,
    /// Rated by this very page: thanked, not told they rated already.
    JustRated(u8),
    /// Rated before, with the point when known (a 409 from another tab does not tell it).
    Rated(Option<u8>),
}

#[component]
pub fn Rating(
    article_id: i64,
    summary: RatingSummary,
    allow_rating: bool,
    my_rating: Option<u8>,
) -> impl IntoView {
    allow_rating.then(|| view! { <RatingBlock article_id summary my_rating/> })
}

#[component]
fn RatingBlock(article_id: i64, summary: RatingSummary, my_rating: Option<u8>) -> impl IntoView {
    let summary = RwSignal::new(summary);
    let mine = RwSignal::new(match my_rating {
        Some(point) => Mine::Rated(Some(point)),
        None => Mine::NotYet,
    });
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let announcement = RwSignal::new(String::new());
    let status_ref = NodeRef::<html::P>::new();

    let cast = move |point: u8| {
        if sending.get_untracked() || mine.get_untracked() != Mine::NotYet {
            return;
        }
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::rate(article_id, point).await {
                Ok(accepted) => {
                    summary.set(accepted.rating);
                    mine.set(Mine::JustRated(accepted.my_rating));
                    announcement.set(format!(
                        "Cảm ơn bạn đã đánh giá. {}",
                        total_line(&accepted.rating)
                    ));
                }
                Err(ApiError::Failed {
                    cause: Cause::AlreadyRated,
                    ..
                }) => {
                    mine.set(Mine::Rated(None));
                    announcement.set(words::ALREADY_RATED.into());
                }
                Err(failure) => error.set(Some(refusal_message(&failure, "đánh giá"))),
            }
            sending.set(false);
            if let Some(status) = status_ref.get_untracked() {
                let _ = status.focus();
            }
        });
    };

    let stars = move || match mine.get() {
        Mine::JustRated(point) => view! { <RatedStars point=Some(point) before=false/> }.into_any(),
        Mine::Rated(point) => view! { <RatedStars point before=true/> }.into_any(),
        Mine::NotYet => view! { <StarPicker cast sending summary/> }.into_any(),
    };

    view! {
        <section class="rating" aria-label=words::RATING_LABEL>
            {stars}
            <p class="rating__total">{move || total_line(&summary.get())}</p>
            {move || (mine.get() == Mine::NotYet).then(|| view! {
                <p class="rating__hint">"Click để đánh giá bài viết"</p>
                // Shown only where scripts do not run (see the style sheet).
                <p class="rating__hint needs-script">{words::RATING_NEEDS_SCRIPT}</p>
            })}
            {move || ranking_line(&summary.get()).map(|line| view! { <p class="rating__ranking">{line}</p> })}
            <p class="rating__status" role="status" tabindex="-1" node_ref=status_ref>
                {move || announcement.get()}
            </p>
            <p class="rating__error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The active stars: a radio group; hovering previews, clicking casts.
#[component]
fn StarPicker(
    cast: impl Fn(u8) + Copy + 'static,
    sending: RwSignal<bool>,
    summary: RwSignal<RatingSummary>,
) -> impl IntoView {
    let hovered = RwSignal::new(None::<u8>);
    let selected = RwSignal::new(None::<u8>);
    // Browsers click the radio an arrow key moves to: that click only moves.
    let moving = StoredValue::new(false);
    let keydown = move |ev: ev::KeyboardEvent, point: u8| match ev.key().as_str() {
        "Enter" | " " => {
            ev.prevent_default();
            cast(point);
        }
        key => moving.set_value(is_arrow(key)),
    };
    let click = move |point: u8| {
        if !moving.get_value() {
            cast(point);
        }
        moving.set_value(false);
    };
    let star = move |point: u8| {
        let id = format!("danh-gia-{point}");
        let fill = move || star_fill(point, hovered.get(), selected.get(), &summary.get());
        view! {
            <input
                type="radio"
                class="rating__input"
                name="danh-gia"
                id=id.clone()
                value=point
                on:change=move |_| selected.set(Some(point))
                on:keydown=move |ev| keydown(ev, point)
                on:keyup=move |_| moving.set_value(false)
                on:click=move |_| click(point)
            />
            <label
                for=id
                class="rating__star"
                class:rating__star--lit=move || fill() == StarFill::Full
                class:rating__star--half=move || fill() == StarFill::Half
                title=star_label(point)
                on:mouseenter=move |_| hovered.set(Some(point))
            >
                <span aria-hidden="true">"★"</span>
                <span class="visually-hidden">{star_label(point)}</span>
            </label>
        }
    };
    view! {
        <fieldset
            class="rating__stars"
            disabled=move || sending.get()
            aria-busy=move || sending.get().to_string()
            on:mouseleave=move |_| hovered.set(None)
        >
            <legend class="visually-hidden">{words::STARS_LEGEND}</legend>
            {(1..=5).map(star).collect_view()}
            <span class="rating__preview" aria-hidden="true">
                {move || hovered.get().map(star_label)}
            </span>
        </fieldset>
    }
}

/// The reader's own rating, shown instead of active stars once they rated; `before`:
/// they had rated on an earlier visit (or in another tab), which is said.
#[component]
fn RatedStars(point: Option<u8>, before: bool) -> impl IntoView {
    let own = point.map(|point| {
        let stars = (1..=5u8)
            .map(|n| {
                view! { <span class="rating__star" class:rating__star--lit=n <= point>"★"</span> }
            })
            .collect_view();
        view! {
            <p class="rating__mine">
                <span aria-hidden="true">{stars}</span>
                " "{own_rating_line(point)}
            </p>
        }
    });
    view! {
        {own}
        {before.then(|| view! { <p class="rating__done">{words::ALREADY_RATED}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(hovered: Option<u8>, selected: Option<u8>, summary: RatingSummary) -> Vec<StarFill> {
        (1..=5)
            .map(|point| star_fill(point, hovered, selected, &summary))
            .collect()
    }

    #[test]
    fn hovering_previews_over_the_selection_and_the_average() {
        use StarFill::{Empty as E, Full as F, Half as H};
        let average = RatingSummary::new(9, 2);
        assert_eq!(row(None, None, average), [F, F, F, F, H]);
        assert_eq!(row(None, Some(2), average), [F, F, E, E, E]);
        assert_eq!(row(Some(5), Some(2), average), [F, F, F, F, F]);
        assert_eq!(row(None, None, RatingSummary::new(0, 0)), [E, E, E, E, E]);
    }

    #[test]
    fn only_arrow_keys_move() {
        assert!(is_arrow("ArrowLeft") && is_arrow("ArrowDown"));
        assert!(!is_arrow("Tab") && !is_arrow("Enter"));
    }
}

//! The five-star rating under an article.
//!
//! Native radios in a fieldset: arrow keys only move the selection; a click on a star,
//! or Enter / Space on the selected one, casts the rating. While the request is in
//! flight the stars are disabled; the outcome is announced in a live region.

use leptos::{ev, html, prelude::*, task::spawn_local};
use portal_contract::{Cause, RatingSummary, STAR_LABELS, ranking_line, total_line, words};

use crate::{
    api::{self, ApiError},
    loading::refusal_message,
};

/// How many stars are lit: the hovered one wins over the selected one.
pub fn lit_stars(hovered: Option<u8>, selected: Option<u8>) -> u8 {
    hovered.or(selected).unwrap_or(0)
}

fn label(point: u8) -> &'static str {
    STAR_LABELS[usize::from(point.clamp(1, 5)) - 1]
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mine {
    NotYet,
    /// Rated, with the point when known (a 409 from another tab does not tell it).
    Rated(Option<u8>),
}

#[component]
pub fn Rating(
    article_id: i64,
    summary: RatingSummary,
    allow_rating: bool,
    my_rating: Option<u8>,
) -> impl IntoView {
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
                    mine.set(Mine::Rated(Some(accepted.my_rating)));
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
        Mine::Rated(point) => view! { <RatedStars point/> }.into_any(),
        Mine::NotYet if allow_rating => view! { <StarPicker cast sending/> }.into_any(),
        Mine::NotYet => ().into_any(),
    };

    view! {
        <section class="rating" aria-label=words::RATING_LABEL>
            {stars}
            <p class="rating__total">{move || total_line(&summary.get())}</p>
            {move || (allow_rating && mine.get() == Mine::NotYet)
                .then(|| view! { <p class="rating__hint">"Click để đánh giá bài viết"</p> })}
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
fn StarPicker(cast: impl Fn(u8) + Copy + 'static, sending: RwSignal<bool>) -> impl IntoView {
    let hovered = RwSignal::new(None::<u8>);
    let selected = RwSignal::new(None::<u8>);
    let keydown = move |ev: ev::KeyboardEvent, point: u8| {
        if matches!(ev.key().as_str(), "Enter" | " ") {
            ev.prevent_default();
            cast(point);
        }
    };
    let star = move |point: u8| {
        let id = format!("danh-gia-{point}");
        let lit = move || point <= lit_stars(hovered.get(), selected.get());
        view! {
            <input
                type="radio"
                class="rating__input"
                name="danh-gia"
                id=id.clone()
                value=point
                on:change=move |_| selected.set(Some(point))
                on:keydown=move |ev| keydown(ev, point)
            />
            <label
                for=id
                class="rating__star"
                class:rating__star--lit=lit
                title=label(point)
                on:mouseenter=move |_| hovered.set(Some(point))
                on:click=move |_| cast(point)
            >
                <span aria-hidden="true">"★"</span>
                <span class="visually-hidden">{label(point)}</span>
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
                {move || hovered.get().map(label)}
            </span>
        </fieldset>
    }
}

/// The reader's own rating, shown instead of active stars once they rated.
#[component]
fn RatedStars(point: Option<u8>) -> impl IntoView {
    let own = point.map(|point| {
        let stars = (1..=5u8)
            .map(|n| {
                view! { <span class="rating__star" class:rating__star--lit=n <= point>"★"</span> }
            })
            .collect_view();
        view! {
            <p class="rating__mine">
                <span aria-hidden="true">{stars}</span>
                {format!(" Đánh giá của bạn: {point} sao – {}", label(point))}
            </p>
        }
    });
    view! {
        {own}
        <p class="rating__done">{words::ALREADY_RATED}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hovering_previews_over_the_selection() {
        assert_eq!(lit_stars(None, None), 0);
        assert_eq!(lit_stars(None, Some(2)), 2);
        assert_eq!(lit_stars(Some(5), Some(2)), 5);
    }

    #[test]
    fn star_labels_follow_the_points() {
        assert_eq!(label(1), "Bài viết rất kém");
        assert_eq!(label(5), "Bài viết rất tốt");
    }
}

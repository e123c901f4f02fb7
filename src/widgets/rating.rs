//! The five-star rating under an article.
//!
//! Native radios in a fieldset: arrow keys only move the selection; a click on a star
//! (on its label, or on the radio itself, as a screen reader's browse mode sends it), or
//! Enter / Space on the selected one, casts the rating. Before the reader rates, the
//! stars show the average. While the request is in flight the stars are disabled; the
//! outcome is announced in a live region. An article closed to rating shows no block.
//!
//! The stars are a form too (`portal_contract::forms`): before the app runs, a click on a
//! star posts it (`public/boot.js`), and without JavaScript a "Gửi đánh giá" button does;
//! the page it comes back to shows the outcome as the app would have.

use leptos::{ev, html, prelude::*, task::spawn_local};
use portal_contract::{
    Cause, Problem, RatingSummary, StarFill, average_fill, forms, own_rating_line, ranking_line,
    star_label, total_line, words,
};

use crate::{
    api,
    loading::refusal_message,
    request::ApiError,
    widgets::posting::{ReturnHere, posted},
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

fn thanks(summary: &RatingSummary) -> String {
    format!("Cảm ơn bạn đã đánh giá. {}", total_line(summary))
}

/// Where the rating stands when the page opens: the reader's own rating, and what the
/// form posted just before came to (`posted`), said as the app says it.
fn opening(
    my_rating: Option<u8>,
    posted: Option<&Result<u8, Problem>>,
    summary: &RatingSummary,
) -> (Mine, String, Option<String>) {
    let mine = match my_rating {
        Some(point) => Mine::Rated(Some(point)),
        None => Mine::NotYet,
    };
    match posted {
        Some(outcome) => told(
            outcome
                .as_ref()
                .map(|point| (*point, summary))
                .map_err(|problem| ApiError::from(problem.clone())),
            mine,
        ),
        None => (mine, String::new(), None),
    }
}

/// What the block says of a rating's outcome — the API's answer to a star, or the form's
/// posted just before — given where the reader's rating stood (`mine`): where it stands
/// after, the announcement, the error.
fn told(
    outcome: Result<(u8, &RatingSummary), ApiError>,
    mine: Mine,
) -> (Mine, String, Option<String>) {
    match outcome {
        Ok((point, summary)) => (Mine::JustRated(point), thanks(summary), None),
        Err(ApiError::Failed {
            cause: Cause::AlreadyRated,
            ..
        }) => {
            let mine = match mine {
                Mine::NotYet => Mine::Rated(None),
                known => known,
            };
            (mine, words::ALREADY_RATED.into(), None)
        }
        Err(failure) => (
            mine,
            String::new(),
            Some(refusal_message(&failure, "đánh giá")),
        ),
    }
}

#[component]
fn RatingBlock(article_id: i64, summary: RatingSummary, my_rating: Option<u8>) -> impl IntoView {
    let posted = posted();
    let (mine, announcement, error) = opening(
        my_rating,
        posted
            .as_ref()
            .and_then(|posted| posted.rating_of(article_id)),
        &summary,
    );
    let summary = RwSignal::new(summary);
    let mine = RwSignal::new(mine);
    let sending = RwSignal::new(false);
    let error = RwSignal::new(error);
    let announcement = RwSignal::new(announcement);
    let status_ref = NodeRef::<html::P>::new();

    let cast = move |point: u8| {
        if sending.get_untracked() || mine.get_untracked() != Mine::NotYet {
            return;
        }
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            let outcome = api::rate(article_id, point).await;
            let (now, said, refused) = told(
                (outcome.as_ref())
                    .map(|accepted| (accepted.my_rating, &accepted.rating))
                    .map_err(Clone::clone),
                mine.get_untracked(),
            );
            if let Ok(accepted) = outcome {
                summary.set(accepted.rating);
            }
            mine.set(now);
            announcement.set(said);
            error.set(refused);
            sending.set(false);
            if let Some(status) = status_ref.get_untracked() {
                let _ = status.focus();
            }
        });
    };

    let stars = move || match mine.get() {
        Mine::JustRated(point) => view! { <RatedStars point=Some(point) before=false/> }.into_any(),
        Mine::Rated(point) => view! { <RatedStars point before=true/> }.into_any(),
        Mine::NotYet => view! { <StarPicker article_id cast sending summary/> }.into_any(),
    };

    view! {
        <section class="rating" id=forms::rating_anchor() aria-label=words::RATING_LABEL>
            {stars}
            <p class="rating__total">{move || total_line(&summary.get())}</p>
            {move || (mine.get() == Mine::NotYet).then(|| view! {
                <p class="rating__hint">"Click để đánh giá bài viết"</p>
            })}
            {move || ranking_line(&summary.get()).map(|line| view! { <p class="rating__ranking">{line}</p> })}
            <p class="rating__status" role="status" tabindex="-1" node_ref=status_ref>
                {move || announcement.get()}
            </p>
            <p class="rating__error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The active stars: a radio group; hovering previews, clicking casts. A form that posts
/// the chosen star where the app does not run.
#[component]
fn StarPicker(
    article_id: i64,
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
                name=forms::POINT_FIELD
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
    // Enter in the group submits the form: the app casts the selected star instead.
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(point) = selected.get_untracked() {
            cast(point);
        }
    };
    view! {
        <form method="post" action=forms::rating_action(article_id) on:submit=submit>
            <ReturnHere/>
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
            // Shown only where scripts do not run (see the style sheet).
            <button type="submit" class="button rating__send">{words::SEND_RATING}</button>
        </form>
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

    fn refusal(cause: Cause, title: &str) -> Problem {
        Problem {
            cause,
            title: title.into(),
            status: cause.status(),
            detail: None,
            request_id: None,
        }
    }

    #[test]
    fn the_rating_opens_on_what_the_form_posted_just_before() {
        let summary = RatingSummary::new(4, 1);
        assert_eq!(
            opening(None, None, &summary),
            (Mine::NotYet, String::new(), None)
        );
        let (mine, said, error) = opening(Some(4), Some(&Ok(4)), &summary);
        assert_eq!((mine, error), (Mine::JustRated(4), None));
        assert!(said.starts_with("Cảm ơn bạn đã đánh giá. "), "{said}");
        let already = refusal(Cause::AlreadyRated, words::ALREADY_RATED);
        assert_eq!(
            opening(Some(2), Some(&Err(already)), &summary),
            (Mine::Rated(Some(2)), words::ALREADY_RATED.to_owned(), None)
        );
        let flood = refusal(Cause::TooManyRequests, "Có quá nhiều lượt đánh giá");
        assert_eq!(
            opening(None, Some(&Err(flood)), &summary),
            (
                Mine::NotYet,
                String::new(),
                Some("Có quá nhiều lượt đánh giá".to_owned())
            )
        );
    }

    #[test]
    fn a_star_refused_as_rated_already_shows_the_reader_rated() {
        let already = ApiError::from(refusal(Cause::AlreadyRated, words::ALREADY_RATED));
        assert_eq!(
            told(Err(already), Mine::NotYet),
            (Mine::Rated(None), words::ALREADY_RATED.to_owned(), None)
        );
    }

    #[test]
    fn only_arrow_keys_move() {
        assert!(is_arrow("ArrowLeft") && is_arrow("ArrowDown"));
        assert!(!is_arrow("Tab") && !is_arrow("Enter"));
    }
}

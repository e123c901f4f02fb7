//! `/co-cau-to-chuc`: the centre's units, each after the unit it sits under, with their
//! contacts and people.

use leptos::prelude::*;
use portal_contract::{Unit, words};

use crate::{
    api,
    loading::{Loaded, retried},
    widgets::{
        breadcrumb::PageHeading,
        directory::{ContactLines, PersonCard},
    },
};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let organisation = retried(api::organisation);
    view! {
        <PageHeading title=words::ORGANISATION/>
        <Loaded data=organisation let:organisation>
            {
                if organisation.units.is_empty() {
                    view! { <p>{words::NO_ORGANISATION}</p> }.into_any()
                } else {
                    organisation.units.into_iter().map(|unit| view! { <UnitSection unit/> }).collect_view().into_any()
                }
            }
        </Loaded>
    }
}

/// A unit: its name as a heading one level below the unit it sits under's.
#[component]
fn UnitSection(unit: Unit) -> impl IntoView {
    let id = format!("don-vi-{}", unit.slug);
    let heading = match unit.depth {
        0 => view! { <h2 id=id.clone()>{unit.name}</h2> }.into_any(),
        1 => view! { <h3 id=id.clone()>{unit.name}</h3> }.into_any(),
        _ => view! { <h4 id=id.clone()>{unit.name}</h4> }.into_any(),
    };
    let people = (!unit.people.is_empty()).then(|| {
        let cards = unit
            .people
            .into_iter()
            .map(|person| view! { <PersonCard person/> })
            .collect_view();
        view! { <ul class="people">{cards}</ul> }
    });
    let class = if unit.depth > 0 {
        "unit unit--nested"
    } else {
        "unit"
    };
    view! {
        <section class=class aria-labelledby=id>
            {heading}
            <ContactLines address=unit.address phone=unit.phone fax=unit.fax email=unit.email/>
            {people}
        </section>
    }
}

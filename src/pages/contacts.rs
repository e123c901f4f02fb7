//! `/lien-he`: the centre's address, phones and e-mail, and the people to contact.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_contract::{Contacts, paths, words};

use crate::{
    api,
    loading::{Loaded, retried},
    widgets::{
        breadcrumb::PageHeading,
        directory::{ContactLines, PersonCard},
    },
};

#[component]
pub fn ContactsPage() -> impl IntoView {
    let contacts = retried(api::contacts);
    view! {
        <PageHeading title=words::CONTACTS/>
        <Loaded data=contacts let:contacts>
            <ContactsText contacts/>
        </Loaded>
    }
}

#[component]
fn ContactsText(contacts: Contacts) -> impl IntoView {
    let people = (!contacts.people.is_empty()).then(|| {
        let cards = contacts
            .people
            .into_iter()
            .map(|contact| view! { <PersonCard person=contact.person unit=contact.unit/> })
            .collect_view();
        view! {
            <section class="contacts__people" aria-labelledby="can-bo-lien-he">
                <h2 id="can-bo-lien-he">{words::CONTACT_PEOPLE}</h2>
                <ul class="people">{cards}</ul>
            </section>
        }
    });
    view! {
        <section class="contacts__agency" aria-labelledby="co-quan">
            <h2 id="co-quan">{contacts.agency}</h2>
            <ContactLines address=contacts.address phone=contacts.phone fax=contacts.fax email=contacts.email/>
        </section>
        {people}
        <p><A href=paths::ORGANISATION>{words::ORGANISATION}</A></p>
    }
}

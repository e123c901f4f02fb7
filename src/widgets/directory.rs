//! What the directory pages ("Cơ cấu tổ chức", "Liên hệ") are made of: a unit's or the
//! centre's contact lines, and a person's card. Phones and e-mail addresses are links.

use leptos::prelude::*;
use portal_contract::{Person, tel_href, words};

/// Address, phone, fax and e-mail, each on a line of its own when given.
#[component]
pub fn ContactLines(
    address: Option<String>,
    phone: Option<String>,
    fax: Option<String>,
    email: Option<String>,
) -> impl IntoView {
    view! {
        <ul class="contact-lines">
            {address.map(|address| view! { <li>{words::ADDRESS}{address}</li> })}
            {phone.map(|phone| view! { <li>{words::PHONE}<PhoneLink number=phone/></li> })}
            {fax.map(|fax| view! { <li>{words::FAX}{fax}</li> })}
            {email.map(|email| view! { <li>{words::EMAIL}<EmailLink email/></li> })}
        </ul>
    }
}

#[component]
fn PhoneLink(number: String) -> impl IntoView {
    let href = tel_href(&number);
    view! { <a href=href>{number}</a> }
}

#[component]
fn EmailLink(email: String) -> impl IntoView {
    let href = format!("mailto:{email}");
    view! { <a href=href>{email}</a> }
}

/// A person: their photo, name, position (and `unit`, where the page lists people of
/// several), phone and e-mail.
#[component]
pub fn PersonCard(person: Person, #[prop(optional)] unit: Option<String>) -> impl IntoView {
    let photo = person.photo.map(|photo| {
        // The name beside it says who it is.
        view! {
            <img class="person__photo" src=photo.url width=photo.width height=photo.height alt="" loading="lazy"/>
        }
    });
    view! {
        <li class="person">
            {photo}
            <div class="person__text">
                <p class="person__name">{person.name}</p>
                <p class="person__title">{person.title}</p>
                {unit.map(|unit| view! { <p class="person__unit">{unit}</p> })}
                {person.phone.map(|phone| view! { <p>{words::PHONE}<PhoneLink number=phone/></p> })}
                {person.email.map(|email| view! { <p>{words::EMAIL}<EmailLink email/></p> })}
            </div>
        </li>
    }
}

//! The centre's units and their people, read as the directory and "Liên hệ" show them.

use std::collections::HashMap;

use portal_contract::{ContactPerson, Person, Unit};
use sqlx::FromRow;

use super::{
    Db,
    engine::on,
    uploads::{THUMBNAIL_COLUMNS, ThumbnailRow},
};
use crate::rules::organisation::tree_order;

#[derive(FromRow)]
struct UnitRow {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    name: String,
    address: Option<String>,
    phone: Option<String>,
    fax: Option<String>,
    email: Option<String>,
}

#[derive(FromRow)]
struct PersonRow {
    unit_id: i64,
    name: String,
    title: String,
    phone: Option<String>,
    email: Option<String>,
    contact: bool,
    #[sqlx(flatten)]
    photo: ThumbnailRow,
}

/// The units in tree order with their people, and the people to contact among them.
pub struct Directory {
    pub units: Vec<Unit>,
    pub contacts: Vec<ContactPerson>,
}

pub async fn directory(db: &Db) -> Result<Directory, sqlx::Error> {
    let units: Vec<UnitRow> = on!(db, |c| sqlx::query_as(
        "SELECT id, parent_id, slug, name, address, phone, fax, email
         FROM units ORDER BY position, id"
    )
    .fetch_all(c)
    .await)?;
    let people: Vec<PersonRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT p.unit_id, p.name, p.title, p.phone, p.email, p.contact, {THUMBNAIL_COLUMNS}
         FROM people p LEFT JOIN uploads t ON t.id = p.photo_id
         ORDER BY p.position, p.id"
    ))
    .fetch_all(c)
    .await)?;
    let mut people_of: HashMap<i64, Vec<(bool, Person)>> = HashMap::new();
    for row in people {
        let person = Person {
            name: row.name,
            title: row.title,
            phone: row.phone,
            email: row.email,
            photo: row.photo.thumbnail(),
        };
        people_of
            .entry(row.unit_id)
            .or_default()
            .push((row.contact, person));
    }
    let mut directory = Directory {
        units: Vec::new(),
        contacts: Vec::new(),
    };
    for (depth, row) in tree_order(units, |u| u.id, |u| u.parent_id) {
        let people = people_of.remove(&row.id).unwrap_or_default();
        directory
            .contacts
            .extend(
                people
                    .iter()
                    .filter(|(contact, _)| *contact)
                    .map(|(_, person)| ContactPerson {
                        person: person.clone(),
                        unit: row.name.clone(),
                    }),
            );
        directory.units.push(Unit {
            slug: row.slug,
            name: row.name,
            depth,
            address: row.address,
            phone: row.phone,
            fax: row.fax,
            email: row.email,
            people: people.into_iter().map(|(_, person)| person).collect(),
        });
    }
    Ok(directory)
}

/// When the directory last changed (Unix seconds), `None` when the centre has no unit.
pub async fn last_change(db: &Db) -> Result<Option<i64>, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT MAX(updated_at) FROM (SELECT updated_at FROM units
                                      UNION ALL SELECT updated_at FROM people) AS changes"
    )
    .fetch_one(c)
    .await)
}

//! The centre's organisation ("Cơ cấu tổ chức": its units and their people, NukeViet's
//! "organs" module) and its contacts ("Liên hệ"), as readers read them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::Thumbnail;

/// One of the centre's units ("Ban Giám đốc", "Phòng Khuyến công" …) with its people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Unit {
    pub slug: String,
    pub name: String,
    /// 0 for a unit of the centre itself, 1 for one under such a unit, and so on.
    pub depth: u32,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub people: Vec<Person>,
}

/// Someone of a unit, as the directory lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Person {
    pub name: String,
    /// Their position: "Giám đốc", "Trưởng phòng" …
    pub title: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub photo: Option<Thumbnail>,
}

/// The centre's units, each after the unit it sits under, in their order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Organisation {
    pub units: Vec<Unit>,
}

/// Someone to contact, with their unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ContactPerson {
    #[serde(flatten)]
    pub person: Person,
    pub unit: String,
}

/// "Liên hệ": the centre's address, phones and e-mail, and the people to contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Contacts {
    pub agency: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub people: Vec<ContactPerson>,
}

/// The `tel:` link of a phone number as people write it (`0203 3820 000`,
/// `(+84) 203.3820.000`): its digits, with the `+` of an international one.
pub fn tel_href(number: &str) -> String {
    let international = number.trim_start().starts_with(['+', '(']) && number.contains('+');
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if international {
        format!("tel:+{digits}")
    } else {
        format!("tel:{digits}")
    }
}

#[cfg(test)]
mod tests {
    use super::tel_href;

    #[test]
    fn a_phone_links_by_its_digits() {
        assert_eq!(tel_href("0203 3820 000"), "tel:02033820000");
        assert_eq!(tel_href("(+84) 203.3820.000"), "tel:+842033820000");
        assert_eq!(tel_href("+84 912-345-678"), "tel:+84912345678");
    }
}

//! The `site` record of a content file: the agency's information for the footer.

use serde::Deserialize;

use super::rules::{check_filled, check_url};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteRecord {
    pub agency: String,
    pub governing_body: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub responsible: Option<String>,
    pub licence: Option<String>,
    pub public_services_url: Option<String>,
    /// True for example information (the demo content's), which the footer says.
    #[serde(default)]
    pub demo: bool,
}

impl SiteRecord {
    pub fn check(&self) -> Result<(), String> {
        check_filled("agency", &self.agency)?;
        check_filled("governing_body", &self.governing_body)?;
        for (field, number) in [("phone", &self.phone), ("fax", &self.fax)] {
            if let Some(number) = number {
                check_phone(field, number)?;
            }
        }
        if let Some(email) = &self.email {
            check_email(email)?;
        }
        match &self.public_services_url {
            Some(url) => check_url(url),
            None => Ok(()),
        }
    }
}

/// Digits with the usual separators: what a `tel:` link and a reader can both use.
fn check_phone(field: &str, number: &str) -> Result<(), String> {
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    let well_formed = number
        .bytes()
        .all(|b| b.is_ascii_digit() || b" +().-".contains(&b));
    if well_formed && (6..=15).contains(&digits) {
        Ok(())
    } else {
        Err(format!(
            "`{field}` `{number}` must be a phone number (digits, spaces, + ( ) . -)"
        ))
    }
}

/// One `@` between a local part and a domain with a dot, nothing that would break out of
/// a `mailto:` link.
fn check_email(email: &str) -> Result<(), String> {
    let plain = email
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"@.-_+".contains(&b));
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.contains('@'),
        None => false,
    };
    if plain && well_formed {
        Ok(())
    } else {
        Err(format!("`email` `{email}` is not an e-mail address"))
    }
}

#[cfg(test)]
mod tests {
    use super::{check_email, check_phone};

    #[test]
    fn phones_and_emails_are_checked_for_the_links_they_become() {
        assert!(check_phone("phone", "0203 3820 000").is_ok());
        assert!(check_phone("phone", "(+84) 203.3820.000").is_ok());
        assert!(check_phone("phone", "12").is_err(), "too short");
        assert!(check_phone("fax", "0203 abc").is_err());
        assert!(check_email("khuyencong@example.gov.vn").is_ok());
        assert!(check_email("khuyencong.example.gov.vn").is_err());
        assert!(check_email("a@b@c.vn").is_err());
        assert!(check_email("a@b.vn?subject=x").is_err());
    }
}

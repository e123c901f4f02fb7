//! The agency behind the portal, as every page's footer shows it (Decree 42/2022/NĐ-CP,
//! art. 4: name, address, phone, email, the person responsible, the licence).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{PORTAL_NAME, content::is_web_address, newsroom::DraftError, words};

/// The portal's `site` record: a content file's `site` line, which `portal-server import`
/// checks ([`Site::check`]) and keeps; the newsroom does not edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub agency: String,
    /// The body the agency answers to ("Cơ quan chủ quản").
    pub governing_body: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// The person responsible for the content, with their office.
    pub responsible: Option<String>,
    /// The licence of the portal, as issued ("Giấy phép số … do … cấp ngày …").
    pub licence: Option<String>,
    /// The public-services portal that "KQ DỊCH VỤ CÔNG TRỰC TUYẾN" links to.
    pub public_services_url: Option<String>,
    /// Filled by the demo content: the footer says the information is an example.
    #[serde(default)]
    pub demo: bool,
}

impl Site {
    /// The first thing wrong with the record, if any: the footer makes links of its phone,
    /// e-mail and address, so each must be one.
    pub fn check(&self) -> Result<(), DraftError> {
        let refuse = |field, message| Err(DraftError { field, message });
        for (field, text) in [
            ("agency", &self.agency),
            ("governing_body", &self.governing_body),
        ] {
            if text.trim().is_empty() {
                return refuse(field, "Trường này không được để trống");
            }
        }
        check_contacts([("phone", &self.phone), ("fax", &self.fax)], &self.email)?;
        if (self.public_services_url.as_deref()).is_some_and(|url| !is_web_address(url)) {
            return refuse(
                "public_services_url",
                "Địa chỉ phải là một địa chỉ http:// hoặc https:// đầy đủ",
            );
        }
        Ok(())
    }

    /// What a portal without a `site` record shows: its name and governing body.
    pub fn unset() -> Self {
        Self {
            agency: PORTAL_NAME.to_owned(),
            governing_body: words::PARENT_AGENCY.to_owned(),
            address: None,
            phone: None,
            fax: None,
            email: None,
            responsible: None,
            licence: None,
            public_services_url: None,
            demo: false,
        }
    }

    /// The footer's lines after the agency's name, each with its label, in order; the
    /// missing ones left out. Phone and fax share a line, as on NukeViet's footers.
    pub fn footer_lines(&self) -> Vec<FooterLine> {
        let labelled =
            |label, text: &Option<String>| text.clone().map(|text| FooterLine::text(label, text));
        let phones = match (&self.phone, &self.fax) {
            (Some(phone), Some(fax)) => Some(FooterLine::text(
                words::PHONE,
                format!("{phone} – {}{fax}", words::FAX),
            )),
            (Some(phone), None) => Some(FooterLine::text(words::PHONE, phone.clone())),
            (None, Some(fax)) => Some(FooterLine::text("", format!("{}{fax}", words::FAX))),
            (None, None) => None,
        };
        let email = self.email.as_ref().map(|email| FooterLine {
            label: words::EMAIL,
            text: email.clone(),
            href: Some(format!("mailto:{email}")),
        });
        [
            Some(FooterLine::text(
                words::GOVERNING_BODY,
                self.governing_body.clone(),
            )),
            labelled(words::ADDRESS, &self.address),
            phones,
            email,
            labelled(words::RESPONSIBLE, &self.responsible),
            labelled("", &self.licence),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// A line of the footer: "Địa chỉ: …"; the e-mail address links to itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterLine {
    pub label: &'static str,
    pub text: String,
    pub href: Option<String>,
}

impl FooterLine {
    fn text(label: &'static str, text: String) -> Self {
        Self {
            label,
            text,
            href: None,
        }
    }
}

/// Phone numbers (each with its field's name) and an e-mail address that make links.
pub(crate) fn check_contacts<const N: usize>(
    phones: [(&'static str, &Option<String>); N],
    email: &Option<String>,
) -> Result<(), DraftError> {
    let refuse = |field, message| Err(DraftError { field, message });
    for (field, number) in phones {
        if number.as_deref().is_some_and(|number| !is_phone(number)) {
            return refuse(
                field,
                "Số điện thoại chỉ gồm 6 đến 15 chữ số và dấu cách, + ( ) . -",
            );
        }
    }
    if email.as_deref().is_some_and(|email| !is_email(email)) {
        return refuse("email", "Địa chỉ e-mail không hợp lệ");
    }
    Ok(())
}

/// Digits with the usual separators: what a `tel:` link and a reader can both use.
pub fn is_phone(number: &str) -> bool {
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    let well_formed = number
        .bytes()
        .all(|b| b.is_ascii_digit() || b" +().-".contains(&b));
    well_formed && (6..=15).contains(&digits)
}

/// One `@` between a local part and a domain with a dot, nothing that would break out of
/// a `mailto:` link.
pub fn is_email(email: &str) -> bool {
    let plain = email
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"@.-_+".contains(&b));
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.contains('@'),
        None => false,
    };
    plain && well_formed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            address: Some("Số 1, đường A".into()),
            phone: Some("0203 3820 000".into()),
            fax: Some("0203 3820 001".into()),
            email: Some("khuyencong@example.gov.vn".into()),
            licence: Some("Giấy phép số 01/GP-TTĐT".into()),
            ..Site::unset()
        }
    }

    #[test]
    fn the_footer_reads_label_by_label_without_the_missing_lines() {
        let lines: Vec<String> = site()
            .footer_lines()
            .iter()
            .map(|line| format!("{}{}", line.label, line.text))
            .collect();
        assert_eq!(
            lines,
            [
                "Cơ quan chủ quản: Sở Công Thương",
                "Địa chỉ: Số 1, đường A",
                "Điện thoại: 0203 3820 000 – Fax: 0203 3820 001",
                "Email: khuyencong@example.gov.vn",
                "Giấy phép số 01/GP-TTĐT",
            ]
        );
    }

    #[test]
    fn the_email_links_and_a_lone_fax_keeps_its_label() {
        let only_fax = Site {
            phone: None,
            ..site()
        };
        let lines = only_fax.footer_lines();
        assert_eq!(lines[2].label, "");
        assert_eq!(lines[2].text, "Fax: 0203 3820 001");
        assert_eq!(
            lines[3].href.as_deref(),
            Some("mailto:khuyencong@example.gov.vn")
        );
        assert_eq!(Site::unset().footer_lines().len(), 1);
    }

    #[test]
    fn phones_and_emails_are_checked_for_the_links_they_become() {
        assert!(is_phone("0203 3820 000"));
        assert!(is_phone("(+84) 203.3820.000"));
        assert!(!is_phone("12"), "too short");
        assert!(!is_phone("0203 abc"));
        assert!(is_email("khuyencong@example.gov.vn"));
        assert!(!is_email("khuyencong.example.gov.vn"));
        assert!(!is_email("a@b@c.vn"));
        assert!(!is_email("a@b.vn?subject=x"));
    }

    #[test]
    fn a_site_is_refused_for_the_first_field_that_would_make_a_bad_link_or_an_empty_line() {
        assert_eq!(site().check(), Ok(()));
        let field = |site: Site| site.check().unwrap_err().field;
        let blank = Site {
            agency: " ".into(),
            ..site()
        };
        assert_eq!(field(blank), "agency");
        let fax = Site {
            fax: Some("0203 abc".into()),
            ..site()
        };
        assert_eq!(field(fax), "fax");
        let email = Site {
            email: Some("a@b.vn?x=1".into()),
            ..site()
        };
        assert_eq!(field(email), "email");
        let url = Some("javascript:alert(1)".into());
        assert_eq!(
            field(Site {
                public_services_url: url,
                ..site()
            }),
            "public_services_url"
        );
    }
}

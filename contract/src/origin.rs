/// Whether `text` is a web origin and nothing more: `http(s)://host[:port]`, no path, no
/// wildcard. Both sides rely on it: the server for its embed allow-list, embed pages for
/// the host origin they post their height to.
pub fn is_origin(text: &str) -> bool {
    let Some(authority) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(authority, |(host, _)| host);
    !host.is_empty()
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::is_origin;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert!(is_origin("https://moit.gov.vn"));
        assert!(is_origin("https://soct.example.gov.vn"));
        assert!(is_origin("http://localhost:8080"));
        assert!(is_origin("http://[::1]:3000"));
        assert!(!is_origin("https://moit.gov.vn/tin-tuc"));
        assert!(!is_origin("https://moit.gov.vn/"));
        assert!(!is_origin("moit.gov.vn"));
        assert!(!is_origin("https://*.gov.vn"));
        assert!(!is_origin("*"));
        assert!(!is_origin("javascript:alert(1)"));
        assert!(!is_origin("'self'"));
        assert!(!is_origin("https://"));
        assert!(!is_origin("https://:8080"));
        assert!(!is_origin("ftp://example.gov.vn"));
    }
}

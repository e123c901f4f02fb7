//! Who rates or votes: the signed-in user, or the anonymous reader of the visitor cookie.
//! (`http::extract` finds it in a request.)

/// The reader a rating or ballot belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reader {
    /// A signed-in user.
    User(i64),
    /// An anonymous reader, known by the visitor cookie.
    Visitor(String),
}

impl Reader {
    /// The key stored with a rating or ballot; the prefix keeps the kinds of reader apart.
    pub fn key(&self) -> String {
        match self {
            Self::User(id) => format!("u:{id}"),
            Self::Visitor(id) => format!("v:{id}"),
        }
    }

    pub fn is_anonymous(&self) -> bool {
        matches!(self, Self::Visitor(_))
    }
}

/// The network a valve or lock-out counts an address in: the address itself for IPv4,
/// its /64 for IPv6 (one household or office gets a whole /64, and may use any address
/// in it). IPv4 mapped into IPv6 counts as IPv4.
pub fn network_of(ip: std::net::IpAddr) -> String {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::network_of;

    #[test]
    fn ipv6_readers_count_by_their_64() {
        let a = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b = "2001:db8:1:2:ffff:ffff:ffff:ffff".parse().unwrap();
        let other = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(network_of(a), "2001:db8:1:2::/64");
        assert_eq!(network_of(a), network_of(b));
        assert_ne!(network_of(a), network_of(other));
        assert_eq!(network_of("203.0.113.7".parse().unwrap()), "203.0.113.7");
        assert_eq!(
            network_of("::ffff:203.0.113.7".parse().unwrap()),
            "203.0.113.7"
        );
    }
}

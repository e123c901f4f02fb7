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

/// The networks a client is counted in: `narrow`, what one household or office holds
/// (an IPv4 address, an IPv6 /64), and `wide`, what one subscriber may hold many of (an
/// IPv6 /48, or the IPv4 address again), so that a free /48 cannot act as 65,536 readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub narrow: String,
    pub wide: String,
}

/// How many times one network's allowance a whole IPv6 /48 may take together (the
/// valves' and the lock-outs' wider count; an IPv4 address is its own block).
pub const WIDE_FACTOR: u32 = 10;

impl Network {
    /// The narrow networks stored for this one's wider block, as an SQL `LIKE` pattern
    /// (`2001:db8:1:%` for every /64 of `2001:db8:1::/48`); `None` for IPv4, whose block
    /// is the address itself.
    pub fn wide_pattern(&self) -> Option<String> {
        let block = self.wide.strip_suffix("::/48")?;
        Some(format!("{block}:%"))
    }

    /// IPv4 mapped into IPv6 counts as IPv4.
    pub fn of(ip: std::net::IpAddr) -> Self {
        use std::net::IpAddr;
        match ip.to_canonical() {
            IpAddr::V4(v4) => Self {
                narrow: v4.to_string(),
                wide: v4.to_string(),
            },
            IpAddr::V6(v6) => {
                let s = v6.segments();
                Self {
                    narrow: format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]),
                    wide: format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]),
                }
            }
        }
    }
}

/// A reader a view or a visit may count for, with the network they came from: a new
/// anonymous reader counts only while their network has not brought too many new
/// readers within the hour (`store::readers`).
#[derive(Debug, Clone)]
pub struct CountedReader {
    pub reader: Reader,
    pub network: Network,
}

#[cfg(test)]
mod tests {
    use super::Network;

    fn network(ip: &str) -> Network {
        Network::of(ip.parse().unwrap())
    }

    #[test]
    fn ipv6_readers_count_by_their_64_within_their_48() {
        let a = network("2001:db8:1:2:aaaa::1");
        assert_eq!(a.narrow, "2001:db8:1:2::/64");
        assert_eq!(a.wide, "2001:db8:1::/48");
        assert_eq!(a, network("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        let neighbour = network("2001:db8:1:3::1");
        assert_ne!(a.narrow, neighbour.narrow);
        assert_eq!(a.wide, neighbour.wide);
        assert_ne!(a.wide, network("2001:db8:2:2::1").wide);
        assert_eq!(a.wide_pattern().as_deref(), Some("2001:db8:1:%"));
        // The pattern's colon keeps 2001:db8:10::/48 out of 2001:db8:1::/48.
        assert!(
            !network("2001:db8:10:2::1")
                .narrow
                .starts_with("2001:db8:1:")
        );
        assert_eq!(network("203.0.113.7").wide_pattern(), None);
    }

    #[test]
    fn ipv4_readers_count_by_their_address_mapped_or_not() {
        let v4 = network("203.0.113.7");
        assert_eq!(
            (v4.narrow.as_str(), v4.wide.as_str()),
            ("203.0.113.7", "203.0.113.7")
        );
        assert_eq!(network("::ffff:203.0.113.7"), v4);
    }
}

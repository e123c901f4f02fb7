//! Server settings: each a command-line flag with an environment variable behind it.

use std::{net::IpAddr, path::PathBuf};

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// The database: an SQLite file (created if missing), or a PostgreSQL server's
    /// `postgres://user:password@host/name` address (the database must exist). Migrated
    /// on start, and filled with demo content if new.
    #[arg(long, env = "PORTAL_DATABASE", default_value = "data/portal.db")]
    pub database: crate::db::Location,
}

impl DatabaseArgs {
    /// Where the search index is kept when `--search-index-dir` does not say.
    pub fn default_search_index_dir(&self) -> PathBuf {
        match &self.database {
            crate::db::Location::Sqlite(file) => file.with_extension("search"),
            crate::db::Location::Postgres(_) => PathBuf::from("data/search-index"),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, env = "PORTAL_ADDR", default_value = "127.0.0.1")]
    pub addr: IpAddr,
    /// The port to listen on (0 picks a free one).
    #[arg(long, env = "PORTAL_PORT", default_value_t = 3000)]
    pub port: u16,
    /// The folder of the built SPA (index.html and its assets).
    #[arg(long, env = "PORTAL_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,
    /// The folder of this server's search index, made from the database when missing
    /// (each server keeps its own). By default beside an SQLite database
    /// (`portal.db` → `portal.search`), and `data/search-index` on PostgreSQL.
    #[arg(long, env = "PORTAL_SEARCH_INDEX_DIR")]
    pub search_index_dir: Option<PathBuf>,
    /// How many anonymous readers may rate one article from one IP address per hour
    /// (an office behind one NAT shares an address, so keep it generous).
    #[arg(long, env = "PORTAL_RATINGS_PER_IP_PER_HOUR", default_value_t = 50)]
    pub ratings_per_ip_per_hour: u32,
    /// How many anonymous ratings, of any articles, one IP address may give per hour.
    #[arg(
        long,
        env = "PORTAL_RATINGS_PER_IP_PER_HOUR_ALL_ARTICLES",
        default_value_t = 500
    )]
    pub ratings_per_ip_per_hour_all_articles: u32,
    /// How many anonymous ballots, in any polls, one IP address may cast per hour (an
    /// office behind one NAT shares an address, so keep it generous).
    #[arg(long, env = "PORTAL_BALLOTS_PER_IP_PER_HOUR", default_value_t = 50)]
    pub ballots_per_ip_per_hour: u32,
    /// How many new anonymous readers one network (an IPv4 address, an IPv6 /64) may
    /// bring an hour whose views and visits count (readers it brought before still count).
    #[arg(
        long,
        env = "PORTAL_NEW_READERS_PER_NETWORK_PER_HOUR",
        default_value_t = 100
    )]
    pub new_readers_per_network_per_hour: u32,
    /// The same for all the /64s of one IPv6 /48 together.
    #[arg(
        long,
        env = "PORTAL_NEW_READERS_PER_IPV6_48_PER_HOUR",
        default_value_t = 1000
    )]
    pub new_readers_per_ipv6_48_per_hour: u32,
    /// A signed-in session ends after this many seconds without activity (NukeViet's 30
    /// minutes); the idle notice shows in its last 60 seconds.
    #[arg(long, env = "PORTAL_IDLE_TIMEOUT_S", default_value_t = 1800, value_parser = clap::value_parser!(u64).range(61..))]
    pub idle_timeout_s: u64,
    /// A signed-in session ends this many hours after sign-in, however active (OWASP
    /// ASVS 3.3.2); the idle notice says so in its last minute.
    #[arg(long, env = "PORTAL_SESSION_MAX_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u64).range(1..=720))]
    pub session_max_hours: u64,
    /// The portal is served over https (behind a TLS proxy): session cookies get the
    /// `__Host-` prefix and the Secure attribute.
    #[arg(long, env = "PORTAL_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Origins whose pages may show the embed pages (/nhung/…) in a frame, comma
    /// separated, e.g. `https://soct.example.gov.vn,https://moit.gov.vn`; our own origin
    /// always may.
    #[arg(long, env = "PORTAL_EMBED_ORIGINS", value_delimiter = ',', value_parser = parse_origin)]
    pub embed_origins: Vec<String>,
    /// An API request that takes longer than this many seconds is answered 408.
    #[arg(long, env = "PORTAL_REQUEST_TIMEOUT_S", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout_s: u64,
    /// Requests served at once by the API, the written pages, the feeds and the files
    /// together; beyond it the server answers 503 at once instead of queueing without end.
    #[arg(long, env = "PORTAL_MAX_CONCURRENT_REQUESTS", default_value_t = 1024)]
    pub max_concurrent_requests: usize,
    /// Reverse proxies (addresses or CIDR blocks, comma separated) whose
    /// `X-Forwarded-For` is believed: the client is the right-most address not in the
    /// list. Without it the TCP peer is the client.
    #[arg(long, env = "PORTAL_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_network)]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The portal's public address, e.g. `https://khuyencong.example.gov.vn`: the
    /// absolute links of the RSS feeds and the sitemap start with it (without it, with
    /// the address each request was sent to).
    #[arg(long, env = "PORTAL_PUBLIC_URL", value_parser = parse_origin)]
    pub public_url: Option<String>,
    /// On PostgreSQL, the connections this server keeps at most (PostgreSQL's
    /// `max_connections` must cover this times the servers, plus room for maintenance);
    /// requests beyond them wait for one. SQLite ignores it.
    #[arg(long, env = "PORTAL_POSTGRES_CONNECTIONS", default_value_t = crate::db::POSTGRES_CONNECTIONS, value_parser = clap::value_parser!(u32).range(2..=1000))]
    pub postgres_connections: u32,
    /// How many days the audit log of staff actions keeps an entry.
    #[arg(long, env = "PORTAL_AUDIT_KEEP_DAYS", default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub audit_keep_days: u32,
    /// Staff (editors and admins) must sign in in two steps: an account without it may
    /// only set it up until it has.
    #[arg(long, env = "PORTAL_REQUIRE_TWO_STEP")]
    pub require_two_step: bool,
    /// Addresses (or CIDR blocks, comma separated) that may read `/metrics`; everyone
    /// else is answered 404. A request forwarded by a proxy counts as its client's.
    #[arg(long, env = "PORTAL_METRICS_FROM", value_delimiter = ',', value_parser = parse_network, default_value = "127.0.0.0/8,::1")]
    pub metrics_from: Vec<ipnet::IpNet>,
    /// On SIGTERM the server stops accepting and finishes the requests in flight, for at
    /// most this many seconds.
    #[arg(long, env = "PORTAL_SHUTDOWN_TIMEOUT_S", default_value_t = 30)]
    pub shutdown_timeout_s: u64,
    #[command(flatten)]
    pub backups: BackupArgs,
    #[command(flatten)]
    pub files: FilesArgs,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

/// The backups the server takes itself.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// Take a backup into this folder every `--backup-every-hours` (a first one at start
    /// when the folder has none that recent). Without it the server takes none.
    #[arg(long, env = "PORTAL_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Hours between scheduled backups (fractions allowed).
    #[arg(long, env = "PORTAL_BACKUP_EVERY_HOURS", default_value_t = 24.0, value_parser = parse_hours)]
    pub backup_every_hours: f64,
    /// How many scheduled backups are kept; older ones are removed.
    #[arg(long, env = "PORTAL_BACKUP_KEEP", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub backup_keep: u32,
}

impl BackupArgs {
    /// The schedule, if backups are asked for.
    pub fn schedule(&self) -> Option<crate::operations::backup::schedule::Schedule> {
        Some(crate::operations::backup::schedule::Schedule {
            dir: self.backup_dir.clone()?,
            every: std::time::Duration::from_secs_f64(self.backup_every_hours * 3600.0),
            keep: self.backup_keep as usize,
        })
    }
}

/// A positive number of hours, at most ten years.
fn parse_hours(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(hours) if hours > 0.0 && hours <= 87_600.0 => Ok(hours),
        _ => Err(format!(
            "`{text}` must be a number of hours above 0, such as 24 or 0.5"
        )),
    }
}

/// How the server's log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// For people reading a terminal or the journal.
    Text,
    /// One JSON object a line, for a log collector.
    Json,
}

/// Where uploaded (and imported) files are kept, and how large one may be.
#[derive(Debug, Clone, Args)]
pub struct FilesArgs {
    /// The folder of the files staff upload (pictures, attachments).
    #[arg(long, env = "PORTAL_UPLOADS_DIR", default_value = "data/uploads")]
    pub uploads_dir: PathBuf,
    /// The largest file staff may upload, in MB (a larger one is refused with 413).
    #[arg(long, env = "PORTAL_MAX_UPLOAD_MB", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_upload_mb: u64,
}

impl FilesArgs {
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb * 1024 * 1024
    }
}

/// A CIDR block, or one address (a /32 or /128).
pub fn parse_network(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("`{text}` must be an address or a CIDR block such as 10.0.0.0/8"))
}

/// An origin: `scheme://host[:port]`, nothing more (a trailing slash is dropped).
pub fn parse_origin(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    if portal_contract::is_origin(text) {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "`{text}` must be an origin such as https://partner.example.gov.vn (scheme, host, optional port)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_network, parse_origin};

    #[test]
    fn trusted_proxies_are_blocks_or_addresses() {
        assert_eq!(
            parse_network("10.0.0.0/8").unwrap().to_string(),
            "10.0.0.0/8"
        );
        assert_eq!(
            parse_network(" 127.0.0.1 ").unwrap().to_string(),
            "127.0.0.1/32"
        );
        assert!(parse_network("proxy.example").is_err());
    }

    #[test]
    fn allow_list_entries_are_origins_and_lose_a_trailing_slash() {
        assert_eq!(
            parse_origin(" https://moit.gov.vn/ ").as_deref(),
            Ok("https://moit.gov.vn")
        );
        assert!(parse_origin("https://moit.gov.vn/tin-tuc").is_err());
        assert!(parse_origin("https://*.gov.vn").is_err());
    }

    #[test]
    fn backup_periods_are_positive_hours() {
        assert_eq!(super::parse_hours("0.5"), Ok(0.5));
        assert!(super::parse_hours("0").is_err());
        assert!(super::parse_hours("-3").is_err());
        assert!(super::parse_hours("NaN").is_err());
        assert!(super::parse_hours("daily").is_err());
    }
}

//! `GET /metrics` in Prometheus' text format (through the `metrics` facade and its
//! Prometheus exporter): requests by route and status with their latency, requests in
//! flight and shed, votes, sign-ins and uploads by outcome, and, read when scraped, the
//! database pools, the open sessions, the sizes of the database and the uploads folder,
//! and the last scheduled backup. Served only to `--metrics-from`.

use std::{
    net::{IpAddr, SocketAddr},
    path::Path,
    sync::OnceLock,
    time::Instant,
};

use axum::{
    extract::{ConnectInfo, MatchedPath, Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use portal_contract::Cause;

use crate::{AppState, http::extract::ClientAddr, store};

const REQUESTS: &str = "portal_http_requests_total";
const REQUEST_SECONDS: &str = "portal_http_request_duration_seconds";
const IN_FLIGHT: &str = "portal_http_requests_in_flight";
const SHED: &str = "portal_http_requests_shed_total";

/// The process's recorder, installed on first use (before any request is served).
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full(REQUEST_SECONDS.to_owned()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 15.0,
                ],
            )
            .expect("the buckets are not empty")
            .install_recorder()
            .expect("no other metrics recorder is installed")
    })
}

/// Route layer: keeps the route a request matched on its response, for [`track`] (which
/// runs outside the routers and so never sees it on the request).
pub async fn remember_route(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(route);
    }
    response
}

/// Middleware around everything: counts and times each request by route and status, and
/// the votes, sign-ins and uploads among them by outcome.
pub async fn track(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let started = Instant::now();
    let _in_flight = InFlight::enter();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or("unrouted", MatchedPath::as_str)
        .to_owned();
    let status = response.status();
    counter!(REQUESTS, "method" => method.to_string(), "route" => route.clone(), "status" => status.as_str().to_owned())
        .increment(1);
    histogram!(REQUEST_SECONDS, "route" => route.clone()).record(started.elapsed().as_secs_f64());
    if let Some(action) = action(&method, &route) {
        let outcome = outcome(status, response.extensions().get::<Cause>());
        counter!(action, "outcome" => outcome).increment(1);
    }
    response
}

/// One request in flight while held (a request whose client went away is dropped, and
/// leaves too).
struct InFlight;

impl InFlight {
    fn enter() -> Self {
        gauge!(IN_FLIGHT).increment(1.0);
        Self
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        gauge!(IN_FLIGHT).decrement(1.0);
    }
}

/// A request the server shed (answered 503 at once for being too busy).
pub fn shed() {
    counter!(SHED).increment(1);
}

/// The counter of the citizens' and staff's actions a route is, if it is one.
fn action(method: &Method, route: &str) -> Option<&'static str> {
    if method != Method::POST {
        return None;
    }
    match route {
        "/api/polls/{id}/votes" => Some("portal_ballots_total"),
        "/api/articles/{id}/ratings" => Some("portal_ratings_total"),
        "/api/session" => Some("portal_sign_ins_total"),
        "/api/newsroom/uploads" => Some("portal_uploads_total"),
        _ => None,
    }
}

/// An action's outcome: `accepted`, or the problem's cause (`already-voted`, …).
fn outcome(status: StatusCode, cause: Option<&Cause>) -> String {
    if status.is_success() {
        return "accepted".to_owned();
    }
    cause
        .and_then(|cause| serde_json::to_value(cause).ok())
        .and_then(|value| Some(value.as_str()?.trim_start_matches("/problems/").to_owned()))
        .unwrap_or_else(|| status.as_str().to_owned())
}

/// `GET /metrics`, for the addresses of `--metrics-from` only (anyone else: 404).
pub async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
) -> Response {
    let forwarded = headers.contains_key("x-forwarded-for") || headers.contains_key("forwarded");
    if !may_read(&state.settings, peer.ip(), client, forwarded) {
        return StatusCode::NOT_FOUND.into_response();
    }
    read_gauges(&state).await;
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        recorder().render(),
    )
        .into_response()
}

/// Whether `client` may read the metrics: it is in `--metrics-from`, and a forwarded
/// request came through a trusted proxy (a proxy on this machine that is not in
/// `--trusted-proxies` would otherwise make every client look local).
fn may_read(settings: &crate::Settings, peer: IpAddr, client: IpAddr, forwarded: bool) -> bool {
    let trusted = |ip: IpAddr| settings.trusted_proxies.iter().any(|net| net.contains(&ip));
    let allowed = settings
        .metrics_from
        .iter()
        .any(|net| net.contains(&client));
    allowed && (!forwarded || trusted(peer.to_canonical()))
}

/// The gauges read when scraped.
async fn read_gauges(state: &AppState) {
    for (pool, db) in [("read", &state.db), ("write", &state.writer)] {
        let (size, idle) = match db {
            store::Db::Sqlite(p) => (p.size(), p.num_idle()),
            store::Db::Postgres(p) => (p.size(), p.num_idle()),
        };
        gauge!("portal_db_connections", "pool" => pool, "state" => "idle").set(idle as f64);
        gauge!("portal_db_connections", "pool" => pool, "state" => "in_use")
            .set(f64::from(size) - idle as f64);
    }
    let now_ms = time::OffsetDateTime::now_utc().unix_timestamp() * 1000;
    if let Ok(sessions) = store::health::open_sessions(&state.db, now_ms).await {
        gauge!("portal_sessions_open").set(sessions as f64);
    }
    if let Ok(bytes) = store::health::database_bytes(&state.db).await {
        gauge!("portal_database_bytes").set(bytes as f64);
    }
    let uploads = state.settings.uploads_dir.clone();
    if let Ok(bytes) = tokio::task::spawn_blocking(move || folder_bytes(&uploads)).await {
        gauge!("portal_uploads_bytes").set(bytes as f64);
    }
    if let Some(backups) = &state.backups {
        let outcomes = backups.outcomes();
        let seconds = |at: time::OffsetDateTime| at.unix_timestamp() as f64;
        if let Some(at) = outcomes.last_success {
            gauge!("portal_backup_last_success_timestamp_seconds").set(seconds(at));
        }
        gauge!("portal_backup_last_failed").set(f64::from(u8::from(outcomes.failure().is_some())));
    }
}

/// The bytes of the files in `dir` (not below it: the uploads folder is flat).
fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(|entry| entry.ok()?.metadata().ok())
            .filter(std::fs::Metadata::is_file)
            .map(|metadata| metadata.len())
            .sum()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(metrics_from: &[&str], trusted: &[&str]) -> crate::Settings {
        crate::Settings {
            metrics_from: metrics_from.iter().map(|n| n.parse().unwrap()).collect(),
            trusted_proxies: trusted.iter().map(|n| n.parse().unwrap()).collect(),
            ..crate::Settings::default()
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn only_the_listed_addresses_read_the_metrics() {
        let local = settings(&["127.0.0.0/8", "::1/128"], &[]);
        assert!(may_read(&local, ip("127.0.0.1"), ip("127.0.0.1"), false));
        assert!(!may_read(
            &local,
            ip("203.0.113.9"),
            ip("203.0.113.9"),
            false
        ));
    }

    #[test]
    fn a_request_forwarded_by_an_unknown_proxy_is_not_local() {
        let local = settings(&["127.0.0.0/8"], &[]);
        assert!(!may_read(&local, ip("127.0.0.1"), ip("127.0.0.1"), true));
        let behind_proxy = settings(&["10.0.0.0/8"], &["127.0.0.1/32"]);
        assert!(may_read(
            &behind_proxy,
            ip("127.0.0.1"),
            ip("10.1.2.3"),
            true
        ));
        assert!(!may_read(
            &behind_proxy,
            ip("127.0.0.1"),
            ip("203.0.113.9"),
            true
        ));
    }

    #[test]
    fn outcomes_name_the_cause() {
        assert_eq!(outcome(StatusCode::CREATED, None), "accepted");
        assert_eq!(
            outcome(StatusCode::CONFLICT, Some(&Cause::AlreadyVoted)),
            "already-voted"
        );
        assert_eq!(outcome(StatusCode::BAD_GATEWAY, None), "502");
    }

    #[test]
    fn votes_sign_ins_and_uploads_are_actions() {
        assert_eq!(
            action(&Method::POST, "/api/polls/{id}/votes"),
            Some("portal_ballots_total")
        );
        assert_eq!(action(&Method::GET, "/api/session"), None);
        assert_eq!(action(&Method::POST, "/api/articles/{id}/views"), None);
    }
}

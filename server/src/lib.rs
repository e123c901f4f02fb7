//! The portal's server: the JSON API under `/api`, every citizens' page written with the
//! app's components, and the built apps' files.
//!
//! `http/` is the request plumbing every route shares; `answers/` what the API and the
//! written pages both answer (the citizens' reads and votes); `api/` one module of
//! handlers per resource; `web/` writes every citizens' page with the app's components
//! (`portal::render`), takes the rating's and the polls' forms, writes the feeds, the
//! sitemap and robots.txt, serves the uploaded files and redirects NukeViet's old
//! addresses; `store/` every SQL statement; `content/` reads import files; `uploads/` the
//! upload pipeline (its rules and its disk); `auth` and `sanitize` are rules; `search`
//! folds text for the index; `nukeviet/` moves a NukeViet site; `operations/` backups,
//! health, metrics and a clean stop; `db` and `config` the infrastructure; `maintenance`
//! the sweep that keeps per-reader tables bounded.

mod answers;
pub mod api;
pub mod config;
pub mod content;
pub mod db;
mod http;
pub mod maintenance;
pub mod nukeviet;
pub mod operations;
pub mod rules;
pub mod search;
pub mod store;
mod uploads;
mod web;

use std::{future::Future, net::SocketAddr, path::Path, sync::Arc};

use anyhow::Context;
use axum::Router;
use tokio::{net::TcpListener, sync::Semaphore};
use tower_http::{
    compression::CompressionLayer,
    trace::{DefaultOnResponse, TraceLayer},
};

use http::{built_app, headers};
use rules::auth::{PasswordChecker, ReaderSeal};
use store::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Reads.
    pub db: Db,
    /// Writes: one connection, so writers queue here rather than in SQLite.
    pub writer: Db,
    pub settings: Settings,
    /// Password checks running now: hashing is slow on purpose, and must never take the
    /// workers that serve readers. One per core but one, so a core is always left for
    /// them (the bench: reads' p99 beside a flood of sign-ins 32 ms with two checks at
    /// once on two cores, 26 ms with one).
    pub password_checks: Arc<Semaphore>,
    /// The places for requests served at once (`--max-concurrent-requests`), shared by
    /// every shielded route: one more is answered 503 at once.
    pub request_slots: Arc<Semaphore>,
    /// Runs those checks in memory kept for reuse.
    pub password_checker: Arc<PasswordChecker>,
    /// Seals the reader ids this server issues.
    pub reader_seal: Arc<ReaderSeal>,
    /// The feeds and the sitemap as last built.
    documents: Arc<web::Documents>,
    /// This server's search index, kept in step with the database while it is open.
    pub search: Arc<search::SearchIndex>,
    /// The portal frame's reads that every page shares, while nothing has changed.
    pub frame: Arc<web::SharedFrame>,
    /// How the scheduled backups have gone, when the server takes them.
    pub backups: Option<Arc<operations::backup::schedule::Status>>,
}

impl AppState {
    /// The state for `settings`, with the secrets kept in the database (made on first
    /// start).
    pub async fn open(db: Db, writer: Db, settings: Settings) -> anyhow::Result<Self> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let reader_key = store::secrets::reader_key(&writer).await?;
        let search = search::SearchIndex::open(&settings.search_index_dir, &db)
            .await
            .with_context(|| {
                let dir = settings.search_index_dir.display();
                format!("the search index in {dir} could not be opened")
            })?;
        tokio::spawn(search::follow(Arc::downgrade(&search), db.clone()));
        operations::metrics::recorder();
        Ok(Self {
            db,
            writer,
            password_checks: Arc::new(Semaphore::new(cores.saturating_sub(1).max(1))),
            request_slots: Arc::new(Semaphore::new(settings.max_concurrent_requests)),
            settings,
            password_checker: Arc::default(),
            reader_seal: Arc::new(ReaderSeal::new(&reader_key)),
            search,
            documents: Arc::default(),
            frame: Arc::default(),
            backups: None,
        })
    }

    /// The state of a server that takes scheduled backups, whose outcomes go in `status`.
    pub fn with_backups(self, status: Option<Arc<operations::backup::schedule::Status>>) -> Self {
        Self {
            backups: status,
            ..self
        }
    }
}

/// Settings that handlers need, from flags (see `config`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// How many anonymous readers may rate one article from one IP address per hour.
    pub ratings_per_ip_per_hour: u32,
    /// How many anonymous ratings of any articles one IP address may give per hour.
    pub ratings_per_ip_per_hour_all_articles: u32,
    /// How many anonymous ballots one IP address may cast per hour (all polls).
    pub ballots_per_ip_per_hour: u32,
    /// How many new anonymous readers one network (and one IPv6 /48) may bring an hour
    /// whose views and visits count.
    pub new_readers: store::readers::NewReaderCaps,
    /// A session expires after this long without a keepalive…
    pub idle_timeout_s: u64,
    /// …and ends this long after sign-in, whatever the keepalives.
    pub session_max_hours: u64,
    /// Served over https: session cookies are `__Host-` prefixed and Secure.
    pub secure_cookies: bool,
    /// Origins (besides our own) whose pages may frame the embed pages.
    pub embed_origins: Vec<String>,
    /// An API request that takes longer is answered 408.
    pub request_timeout_s: u64,
    /// API requests served at once; more are answered 503 at once.
    pub max_concurrent_requests: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The portal's public address (origin), for the absolute links of feeds and the
    /// sitemap; without it, the address each request was sent to.
    pub public_url: Option<String>,
    /// Where uploaded files are kept.
    pub uploads_dir: std::path::PathBuf,
    /// Where this server keeps its search index.
    pub search_index_dir: std::path::PathBuf,
    /// The largest upload, in bytes.
    pub max_upload_bytes: u64,
    /// Staff must sign in in two steps.
    pub require_two_step: bool,
    /// Who may read `/metrics`.
    pub metrics_from: Vec<ipnet::IpNet>,
}

impl Settings {
    /// Whether `user` must sign in in two steps (staff, when the portal asks it of them).
    pub fn requires_two_step(&self, user: &portal_contract::SessionUser) -> bool {
        self.require_two_step && user.role.is_some()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            ratings_per_ip_per_hour: 50,
            ratings_per_ip_per_hour_all_articles: 500,
            ballots_per_ip_per_hour: 50,
            new_readers: store::readers::NewReaderCaps {
                per_network: 100,
                per_wide_network: 1000,
            },
            idle_timeout_s: 30 * 60,
            session_max_hours: 12,
            secure_cookies: false,
            embed_origins: Vec::new(),
            request_timeout_s: 15,
            max_concurrent_requests: 1024,
            trusted_proxies: Vec::new(),
            public_url: None,
            uploads_dir: "data/uploads".into(),
            search_index_dir: "data/search-index".into(),
            max_upload_bytes: 20 * 1024 * 1024,
            require_two_step: false,
            metrics_from: ["127.0.0.0/8", "::1/128"]
                .map(|net| net.parse().expect("a CIDR block"))
                .into(),
        }
    }
}

/// The whole application: API, SPA, the operator's endpoints and the layers around them.
pub fn app(state: AppState, static_dir: &Path) -> Router {
    let policy = headers::Policy::new(&state.settings.embed_origins, state.settings.secure_cookies);
    let pages = web::Pages::new(state.clone(), static_dir);
    let not_found = web::not_found_page(&state, pages.clone());
    api::router(state.clone())
        .merge(web::router(state.clone(), pages))
        .merge(operations_router(state.clone()))
        .route_layer(axum::middleware::from_fn(
            operations::metrics::remember_route,
        ))
        .merge(built_app::router(static_dir, state.clone(), not_found))
        .layer(axum::middleware::from_fn_with_state(
            state.frame.clone(),
            web::note_changes,
        ))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(axum::middleware::from_fn(operations::metrics::track))
        .layer(axum::middleware::from_fn(http::request_id::scope))
        .layer(axum::middleware::from_fn_with_state(
            policy,
            headers::security_headers,
        ))
}

/// Health, readiness and metrics: outside the API's shield, so a monitor sees the truth
/// when the API sheds load.
fn operations_router(state: AppState) -> Router {
    use axum::routing::get;
    use operations::{health, metrics};
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        .with_state(state)
}

/// A request's log span: its method, path and id.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get(http::request_id::HEADER)
        .and_then(|id| id.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!("request", method = %request.method(), path = request.uri().path(), id)
}

/// Serves `app` on `listener` until `shutdown` completes; then stops taking connections
/// and finishes the requests sent (see [`operations::shutdown`]), for at most `grace`.
pub async fn run(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    grace: std::time::Duration,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let (stop, stop_asked) = tokio::sync::watch::channel(false);
    let (listener, stopping) = operations::shutdown::Closing::new(listener, stop_asked);
    let ending = Arc::new(tokio::sync::Notify::new());
    let ended = ending.clone();
    let serving = axum::serve(
        // `tap_io` gives a custom listener the peer address as `ConnectInfo`.
        listener.tap_io(|_| {}),
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("stopping: no new connections, finishing the requests sent");
        let _ = stop.send(true);
        stopping.connections_may_end().await;
        ended.notify_one();
    });
    let overdue = async {
        ending.notified().await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        served = serving => served,
        () = overdue => {
            tracing::warn!(seconds = grace.as_secs(), "requests still in flight after the shutdown timeout were cut");
            Ok(())
        }
    }
}

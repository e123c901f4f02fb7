//! A real server on a free loopback port, with a fresh database and a tiny built SPA. The
//! database is an SQLite file, or, when the test run names a PostgreSQL server in
//! `PORTAL_TEST_POSTGRES` (as `cargo xtask test` does for its second run of this suite),
//! a new database on that server.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::Arc,
    time::Duration,
};

use portal_server::{
    AppState, Settings, app,
    db::{self, Location},
    run,
    store::Db,
};
use reqwest::{Client, Response};
use tempfile::TempDir;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

pub const HASHED_ASSET: &str = "portal-0123456789abcdef_bg.wasm";

/// Every route of the API, as the router is built. A new route must be added here and, by
/// being registered through the OpenAPI router, appears in the document too.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/articles"),
    ("get", "/api/articles/{id}"),
    ("post", "/api/articles/{id}/views"),
    ("get", "/api/categories"),
    ("get", "/api/pages"),
    ("get", "/api/pages/{slug}"),
    ("get", "/api/organisation"),
    ("get", "/api/contacts"),
    ("get", "/api/openapi.json"),
    ("post", "/api/articles/{id}/ratings"),
    ("get", "/api/polls"),
    ("get", "/api/polls/{id}"),
    ("post", "/api/polls/{id}/votes"),
    ("get", "/api/sidebar"),
    ("post", "/api/visits"),
    ("get", "/api/site"),
    ("get", "/api/weblinks/{id}/visit"),
    ("post", "/api/session"),
    ("get", "/api/session"),
    ("delete", "/api/session"),
    ("post", "/api/session/keepalive"),
    ("post", "/api/session/two-step"),
    ("post", "/api/session/two-step/setup"),
    ("post", "/api/session/two-step/off"),
    ("post", "/api/session/two-step/recovery-codes"),
    ("get", "/api/reader"),
    ("get", "/api/search"),
    ("get", "/api/newsroom/articles"),
    ("post", "/api/newsroom/articles"),
    ("get", "/api/newsroom/articles/{id}"),
    ("put", "/api/newsroom/articles/{id}"),
    ("delete", "/api/newsroom/articles/{id}"),
    ("post", "/api/newsroom/articles/{id}/restore"),
    ("get", "/api/newsroom/articles/{id}/revisions"),
    ("get", "/api/newsroom/polls"),
    ("post", "/api/newsroom/polls"),
    ("get", "/api/newsroom/polls/{id}"),
    ("put", "/api/newsroom/polls/{id}"),
    ("post", "/api/newsroom/polls/{id}/close"),
    ("get", "/api/newsroom/weblinks"),
    ("post", "/api/newsroom/weblinks"),
    ("put", "/api/newsroom/weblinks/{id}"),
    ("put", "/api/newsroom/weblinks/order"),
    ("get", "/api/newsroom/blocks"),
    ("put", "/api/newsroom/blocks"),
    ("get", "/api/newsroom/public-services"),
    ("put", "/api/newsroom/public-services"),
    ("get", "/api/newsroom/users"),
    ("post", "/api/newsroom/users"),
    ("patch", "/api/newsroom/users/{id}"),
    ("delete", "/api/newsroom/users/{id}/two-step"),
    ("post", "/api/newsroom/uploads"),
    ("get", "/api/newsroom/articles/{id}/autosave"),
    ("put", "/api/newsroom/articles/{id}/autosave"),
    ("get", "/api/newsroom/audit"),
];

/// A server process, killed when dropped.
pub struct Node {
    pub base: String,
    process: Child,
}

impl Node {
    /// Starts the server binary on `database`, and waits until it answers.
    pub async fn start(
        database: &Location,
        uploads: &Path,
        static_dir: &Path,
        args: &[&str],
    ) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Each server its own index, as on separate machines.
        let search_index = uploads.with_file_name(format!("search-index-{port}"));
        let process = Self::command(database, uploads, static_dir, args)
            .arg("--search-index-dir")
            .arg(search_index)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let node = Self {
            base: format!("http://127.0.0.1:{port}"),
            process,
        };
        for _ in 0..200 {
            if reqwest::get(node.url("/api/site")).await.is_ok() {
                return node;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server on port {port} did not start");
    }

    /// The server binary's command line on `database`, not started.
    pub fn command(
        database: &Location,
        uploads: &Path,
        static_dir: &Path,
        args: &[&str],
    ) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_portal-server"));
        command
            // Warnings and errors only: every request is logged at `info`.
            .env("RUST_LOG", "warn")
            .arg("--database")
            .arg(location_arg(database))
            .arg("--uploads-dir")
            .arg(uploads)
            .arg("--static-dir")
            .arg(static_dir)
            .args(args);
        command
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The most memory the process has held so far (its peak resident set), in MiB.
    pub fn peak_memory_mib(&self) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.process.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kib / 1024
    }

    /// Sends SIGTERM, as systemd stops a service, and waits for the process to end.
    pub async fn terminate(&mut self) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.process.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        for _ in 0..600 {
            if let Some(status) = self.process.try_wait().unwrap() {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not stop within 30 s of SIGTERM");
    }

    /// Kills the process at once, as a crash or a pulled plug would.
    pub fn kill(&mut self) {
        self.process.kill().unwrap();
        self.process.wait().unwrap();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A new database, a built SPA and an uploads folder, for server processes to start on.
pub struct ProcessSite {
    pub database: TestDatabase,
    static_dir: PathBuf,
    uploads: PathBuf,
    _dir: TempDir,
}

impl ProcessSite {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self {
            database: fresh_database(dir.path()).await,
            static_dir: write_static_files(dir.path()),
            uploads: dir.path().join("uploads"),
            _dir: dir,
        }
    }

    /// A server process here with `args`, once it answers.
    pub async fn start(&self, args: &[&str]) -> Node {
        Node::start(&self.database, &self.uploads, &self.static_dir, args).await
    }

    /// The server's command line here with `args`, not started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Node::command(&self.database, &self.uploads, &self.static_dir, args);
        command
            .arg("--search-index-dir")
            .arg(self.uploads.with_file_name("search-index"));
        command
    }
}

pub struct TestServer {
    pub base: String,
    pub client: Client,
    public_url: bool,
    pub pool: Db,
    pub location: TestDatabase,
    seal: std::sync::Arc<portal_server::rules::auth::ReaderSeal>,
    search: std::sync::Arc<portal_server::search::SearchIndex>,
    dir: TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

/// A built SPA's index.html as the bundler writes it, in brief.
pub const SHELL: &str = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
    <meta name=\"description\" content=\"Cổng thông tin\">\n<title>SPA</title>\n\
    <script type=\"module\" src=\"/boot.js\"></script></head>\n<body>\n\
    <noscript><p>Cần JavaScript.</p></noscript>\n</body>\n</html>";

pub fn write_static_files(dir: &Path) -> PathBuf {
    let static_dir = dir.join("dist");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(static_dir.join("index.html"), SHELL).unwrap();
    std::fs::write(static_dir.join(HASHED_ASSET), b"\0asm").unwrap();
    static_dir
}

impl TestServer {
    /// A server with the demo content.
    pub async fn start() -> Self {
        Self::with_settings(Settings::default()).await
    }

    /// A server with the demo content and the given abuse settings.
    pub async fn with_settings(settings: Settings) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database = fresh_database(dir.path()).await;
        Self::seeded(dir, database, settings).await
    }

    /// A server on `database`, given the demo content if it has none.
    pub async fn on(database: TestDatabase) -> Self {
        Self::seeded(tempfile::tempdir().unwrap(), database, Settings::default()).await
    }

    async fn seeded(dir: TempDir, database: TestDatabase, settings: Settings) -> Self {
        let server = Self::launch_on(dir, database, settings).await;
        db::seed_if_empty(&server.pool, db::Reach::Loopback)
            .await
            .unwrap();
        server.search_caught_up().await;
        server
    }

    /// Brings the server's search index in step with its database now, as it does by
    /// itself within a fraction of a second (`search::FOLLOW_EVERY`).
    pub async fn search_caught_up(&self) {
        self.search.catch_up(&self.pool).await.unwrap();
    }

    /// Stops this server and starts a new one on the same database.
    pub async fn restart(mut self) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let dir = std::mem::replace(&mut self.dir, dir);
        let location = self.location.clone();
        self.pool.close().await;
        self.stop().await;
        Self::launch_on(dir, location, Settings::default()).await
    }

    async fn launch_on(dir: TempDir, location: TestDatabase, settings: Settings) -> Self {
        // A failing test shows what the server logged (its 500s' causes among it).
        let _ = tracing_subscriber::fmt()
            .with_env_filter("portal_server=warn")
            .with_test_writer()
            .try_init();
        let settings = Settings {
            uploads_dir: dir.path().join("uploads"),
            search_index_dir: dir.path().join("search"),
            ..settings
        };
        let public_url = settings.public_url.is_some();
        let (pool, writer) = db::open_for_serving(&location, db::POSTGRES_CONNECTIONS)
            .await
            .unwrap();
        let static_dir = write_static_files(dir.path());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let state = AppState::open(pool.clone(), writer, settings)
            .await
            .unwrap();
        let seal = state.reader_seal.clone();
        let search = state.search.clone();
        let app = app(state, &static_dir);
        let stopped = async {
            let _ = stopped.await;
        };
        let task = tokio::spawn(run(listener, app, stopped, Duration::from_secs(10)));
        Self {
            base,
            public_url,
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            pool,
            location,
            seal,
            search,
            dir,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Whether the server was given its public address (`--public-url`).
    pub fn base_is_public(&self) -> bool {
        self.public_url
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// The `kc_visitor` cookie this server issued to the reader `visitor` (an id).
    pub fn visitor_cookie(&self, visitor: &str) -> String {
        format!("kc_visitor={}", self.seal.seal(visitor))
    }

    /// GET as the reader `visitor`, with the cookie the server issued them.
    pub async fn get_as(&self, visitor: &str, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .header("cookie", self.visitor_cookie(visitor))
            .send()
            .await
            .unwrap()
    }

    /// A POST as the reader `visitor` (add the body).
    pub fn post_as(&self, visitor: &str, path: &str) -> reqwest::RequestBuilder {
        self.client
            .post(self.url(path))
            .header("cookie", self.visitor_cookie(visitor))
    }

    /// Signs `username` in; the session cookie ("kc_session=…").
    pub async fn session_of(&self, username: &str, password: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/session"))
            .json(&serde_json::json!({ "username": username, "password": password }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{username} signs in");
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        cookie.split(';').next().unwrap().to_owned()
    }

    /// A request with the session `cookie`, declared JSON as the API asks of state changes.
    pub fn as_signed_in(&self, method: &str, path: &str, cookie: &str) -> reqwest::RequestBuilder {
        self.client
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                self.url(path),
            )
            .header("cookie", cookie)
            .header("content-type", "application/json")
    }

    /// The demo account's session: an editor's.
    pub async fn editor_session(&self) -> String {
        let (username, _, password) = portal_server::db::DEMO_USER;
        self.session_of(username, password).await
    }

    /// The id of the article with `slug`.
    pub async fn article_id(&self, slug: &str) -> i64 {
        let list: portal_contract::ArticleList = self
            .get("/api/articles?per_page=50")
            .await
            .json()
            .await
            .unwrap();
        list.items.into_iter().find(|a| a.slug == slug).unwrap().id
    }

    /// The id of the poll with `slug`.
    pub async fn poll_id(&self, slug: &str) -> i64 {
        let polls: Vec<portal_contract::Poll> = self.get("/api/polls").await.json().await.unwrap();
        polls.into_iter().find(|p| p.slug == slug).unwrap().id
    }

    /// Stops the server gracefully, waiting for it to finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

/// Runs `sql` (a statement without parameters) on the server's database, as a test's
/// setup; how many rows it changed.
pub async fn execute(db: &Db, sql: &str) -> u64 {
    match db {
        Db::Sqlite(pool) => sqlx::query(sql)
            .execute(pool)
            .await
            .unwrap()
            .rows_affected(),
        Db::Postgres(pool) => sqlx::query(sql)
            .execute(pool)
            .await
            .unwrap()
            .rows_affected(),
    }
}

/// The values of the first row of `sql` (a query without parameters whose columns are
/// all of type `T`).
async fn first_row<T>(db: &Db, sql: &str) -> Vec<T>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    use sqlx::Row;
    fn read<R: Row, T>(row: R) -> Vec<T>
    where
        T: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        usize: sqlx::ColumnIndex<R>,
    {
        (0..row.len()).map(|i| row.get(i)).collect()
    }
    match db {
        Db::Sqlite(pool) => read(sqlx::query(sql).fetch_one(pool).await.unwrap()),
        Db::Postgres(pool) => read(sqlx::query(sql).fetch_one(pool).await.unwrap()),
    }
}

/// The integers of the first row of `sql` (`BIGINT` on PostgreSQL).
pub async fn integers(db: &Db, sql: &str) -> Vec<i64> {
    first_row(db, sql).await
}

/// The texts (or NULLs) of the first row of `sql`.
pub async fn texts(db: &Db, sql: &str) -> Vec<Option<String>> {
    first_row(db, sql).await
}

/// `database` as `--database` takes it.
/// `portal-server import FILE` into `database`, filing the files it names into `uploads`
/// when given.
pub fn import_content(
    database: &Location,
    file: &Path,
    uploads: Option<&Path>,
) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal-server"));
    command
        .arg("import")
        .arg(file)
        .arg("--database")
        .arg(location_arg(database));
    if let Some(uploads) = uploads {
        command.arg("--uploads-dir").arg(uploads);
    }
    command.output().unwrap()
}

pub fn location_arg(database: &Location) -> String {
    match database {
        Location::Sqlite(path) => path.display().to_string(),
        Location::Postgres(url) => url.clone(),
    }
}

/// The names of the files the server keeps: in the uploads folder `uploads`, and on
/// PostgreSQL in the database too (where the folder should hold nothing once a file is
/// filed).
pub async fn stored_files(db: &Db, uploads: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(uploads).map_or(Vec::new(), |entries| {
        entries
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect()
    });
    if let Db::Postgres(pool) = db {
        let stored: Vec<String> = sqlx::query_scalar("SELECT DISTINCT name FROM file_chunks")
            .fetch_all(pool)
            .await
            .unwrap();
        names.extend(stored);
    }
    names
}

/// The PostgreSQL server this test run uses, if any (`postgres://…/postgres`).
pub fn postgres_server() -> Option<String> {
    std::env::var("PORTAL_TEST_POSTGRES").ok()
}

/// A database made for a test: an SQLite file in the test's folder, or a new database on
/// the test run's PostgreSQL server, dropped when its last holder is (a run makes hundreds,
/// and PostgreSQL keeps each until it is dropped). Derefs to its [`Location`].
#[derive(Clone)]
pub struct TestDatabase(Arc<Location>);

impl std::ops::Deref for TestDatabase {
    type Target = Location;

    fn deref(&self) -> &Location {
        &self.0
    }
}

impl TestDatabase {
    /// An SQLite file in `dir`, whichever engine the run tests.
    pub fn sqlite_in(dir: &Path) -> Self {
        Self(Arc::new(Location::Sqlite(dir.join("portal.db"))))
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let (Location::Postgres(url), 1) = (&*self.0, Arc::strong_count(&self.0)) {
            drop_postgres_database(url);
        }
    }
}

/// A new, empty database: an SQLite file in `dir`, or a new database on the test run's
/// PostgreSQL server.
pub async fn fresh_database(dir: &Path) -> TestDatabase {
    let Some(server) = postgres_server() else {
        return TestDatabase::sqlite_in(dir);
    };
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    on_maintenance_database(&server, &format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let mut url = url::Url::parse(&server).unwrap();
    url.set_path(&name);
    TestDatabase(Arc::new(Location::Postgres(url.to_string())))
}

/// Runs `statement` on the run's PostgreSQL server `server` (its maintenance database).
async fn on_maintenance_database(server: &str, statement: &str) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(server).await?;
    sqlx::query(statement).execute(&mut admin).await?;
    admin.close().await
}

/// Drops the database at `url`, ending its connections, from a thread of its own: a drop
/// cannot wait on the test's runtime, and may run while a failed test unwinds (so a
/// failure to drop is left to the cluster's removal at the end of the run, not a panic).
fn drop_postgres_database(url: &str) {
    let (Ok(url), Some(server)) = (url::Url::parse(url), postgres_server()) else {
        return;
    };
    let statement = format!("DROP DATABASE {} WITH (FORCE)", &url.path()[1..]);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(runtime) = runtime {
                let _ = runtime.block_on(on_maintenance_database(&server, &statement));
            }
        });
    });
}

/// The JSON body of a problem response, after checking its status and media type.
pub async fn problem(response: Response, status: u16) -> serde_json::Value {
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    body
}

/// The visitor id a response issued in its Set-Cookie header (without its seal), if any.
pub fn issued_visitor(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("kc_visitor="))
        .map(|v| v.split(['.', ';']).next().unwrap().to_owned())
}

/// Sends the requests all at once; their answers, in order.
pub async fn concurrent(
    requests: impl IntoIterator<Item = reqwest::RequestBuilder>,
) -> Vec<Response> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|request| tokio::spawn(request.send()))
        .collect();
    let mut answers = Vec::with_capacity(tasks.len());
    for task in tasks {
        answers.push(task.await.unwrap().unwrap());
    }
    answers
}

/// Sends the requests all at once; their statuses, in order.
pub async fn concurrent_statuses(
    requests: impl IntoIterator<Item = reqwest::RequestBuilder>,
) -> Vec<u16> {
    let answers = concurrent(requests).await;
    answers.iter().map(|a| a.status().as_u16()).collect()
}

/// Of racing requests by one reader, exactly one was accepted (201), the rest refused as
/// repeats (409).
pub fn assert_exactly_one_accepted(statuses: &[u16]) {
    let accepted = statuses.iter().filter(|s| **s == 201).count();
    let repeats = statuses.iter().filter(|s| **s == 409).count();
    assert_eq!((accepted, repeats), (1, statuses.len() - 1), "{statuses:?}");
}

/// The run's MariaDB server (`mysql://user:password@host:port`), when the test run names
/// one in `PORTAL_TEST_MARIADB` (as `cargo xtask test` does).
pub fn mariadb_server() -> Option<String> {
    std::env::var("PORTAL_TEST_MARIADB").ok()
}

/// A new database on the run's MariaDB server, filled by `sql` (statements separated by
/// `;` at line ends), dropped when this is.
pub struct MariadbDatabase {
    pub url: String,
    server: String,
    name: String,
}

impl MariadbDatabase {
    pub async fn create(server: &str, sql: &str) -> Self {
        use sqlx::{Connection, Executor};
        let name = format!("nv_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::MySqlConnection::connect(server).await.unwrap();
        admin
            .execute(format!("CREATE DATABASE {name} CHARACTER SET utf8mb4").as_str())
            .await
            .unwrap();
        admin.close().await.unwrap();
        let url = format!("{server}/{name}");
        let mut site = sqlx::MySqlConnection::connect(&url).await.unwrap();
        site.execute(sqlx::raw_sql(sql)).await.unwrap();
        site.close().await.unwrap();
        Self {
            url,
            server: server.to_owned(),
            name,
        }
    }

    /// Runs `sql` on this database.
    pub async fn execute(&self, sql: &str) {
        use sqlx::{Connection, Executor};
        let mut site = sqlx::MySqlConnection::connect(&self.url).await.unwrap();
        site.execute(sqlx::raw_sql(sql)).await.unwrap();
        site.close().await.unwrap();
    }
}

impl Drop for MariadbDatabase {
    fn drop(&mut self) {
        let (server, statement) = (self.server.clone(), format!("DROP DATABASE {}", self.name));
        std::thread::scope(|scope| {
            scope.spawn(|| {
                use sqlx::{Connection, Executor};
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    let _ = runtime.block_on(async {
                        let mut admin = sqlx::MySqlConnection::connect(&server).await?;
                        admin.execute(statement.as_str()).await?;
                        admin.close().await
                    });
                }
            });
        });
    }
}

/// Without a terminal a long command's progress is plain lines (`noun: done of total`);
/// the last tells the whole.
pub fn assert_progress_ended(stderr: &str, noun: &str) {
    let last = stderr
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix(&format!("{noun}: ")))
        .unwrap_or_else(|| panic!("no progress of {noun} in {stderr}"));
    let (done, total) = last.split_once(" of ").unwrap();
    assert_eq!(done, total, "{stderr}");
}

//! The release server as the browser suite and the bench run it: on a free loopback port,
//! with a database of their own, stopped when dropped.

use std::{
    ffi::OsStr,
    io::{Read, Write},
    net::{Ipv4Addr, TcpListener, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command},
    thread,
    time::{Duration, Instant},
};

use anyhow::{Context, bail};

use crate::process::{root, run, server_binary};

/// A free port on loopback, as the kernel hands them out.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// A server process that is stopped when dropped.
pub struct Server {
    child: Child,
    port: u16,
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits until the server answers on `port`, for as long as it runs: one that builds
    /// the search index of a large archive first takes minutes.
    fn wait_until_serving(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30 * 60);
        while Instant::now() < deadline {
            if answers(self.port) {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the server stopped ({status}) before it answered on port {}",
                    self.port
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "the server did not answer on port {} within 30 minutes",
            self.port
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Imports a content file into `database` with the release server binary.
pub fn import(database: &Path, file: &str) -> anyhow::Result<()> {
    let mut import = Command::new(server_binary());
    import
        .current_dir(root())
        .args(["import", file, "--database"])
        .arg(database);
    run(import)
}

/// Copies the SQLite portal `database` (its uploads beside it) into the PostgreSQL
/// database at `url` with `copy-to`.
pub fn copy_to(database: &Path, url: &str) -> anyhow::Result<()> {
    let mut copy = Command::new(server_binary());
    copy.current_dir(root())
        .args(["copy-to", url, "--database"])
        .arg(database)
        .arg("--uploads-dir")
        .arg(database.with_file_name("uploads"));
    run(copy)
}

/// Starts the release server on `port` with `database` (and its uploads beside it) and
/// the SPA in `site`.
pub fn start_server(
    database: &Path,
    port: u16,
    site: &Path,
    extra: &[&str],
) -> anyhow::Result<Server> {
    let uploads = database.with_file_name("uploads");
    start_server_on(database.as_os_str(), &uploads, port, site, extra)
}

/// Starts the release server on `port` with `database` (a file or a `postgres://`
/// address) and its uploads folder (its search index beside it), and waits until it
/// answers.
pub fn start_server_on(
    database: &OsStr,
    uploads: &Path,
    port: u16,
    site: &Path,
    extra: &[&str],
) -> anyhow::Result<Server> {
    // Every request is logged: the log goes to a file, not among the suite's lines.
    let log_path = root()
        .join("target")
        .join(format!("portal-server-{port}.log"));
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))?;
    let child = Command::new(server_binary())
        .current_dir(root())
        .stderr(log)
        .arg("--database")
        .arg(database)
        .arg("--uploads-dir")
        .arg(uploads)
        .arg("--search-index-dir")
        .arg(search_index_beside(uploads))
        .args(["--port", &port.to_string()])
        .arg("--static-dir")
        .arg(site)
        .args(extra)
        .spawn()
        .context("cannot start the server")?;
    let mut server = Server { child, port };
    server
        .wait_until_serving()
        .with_context(|| format!("its log: {}", log_path.display()))?;
    Ok(server)
}

/// The search index of the server whose uploads are in `uploads`: its own, beside them.
pub fn search_index_beside(uploads: &Path) -> PathBuf {
    let mut name = uploads.file_name().unwrap_or_default().to_owned();
    name.push("-search-index");
    uploads.with_file_name(name)
}

/// Waits until the server answers an HTTP request (not just accepts a connection).
pub fn wait_until_up(port: u16) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if answers(port) {
            return Ok(());
        }
        thread::sleep(Duration::from_millis(100));
    }
    bail!("the server did not answer on port {port} within 30 s")
}

fn answers(port: u16) -> bool {
    http_get(port, "/api/categories").is_some()
}

/// The body of a successful plain HTTP/1.1 GET on loopback, or `None`.
pub fn http_get(port: u16, path: &str) -> Option<String> {
    get_answer(port, path).map(|(_, body)| body)
}

/// The reader cookie (`kc_visitor=…`) the server issues to a new reader.
pub fn issued_reader_cookie(port: u16) -> Option<String> {
    let (head, _) = get_answer(port, "/api/reader")?;
    head.lines()
        .find_map(|line| line.strip_prefix("set-cookie: kc_visitor="))
        .and_then(|value| value.split(';').next())
        .map(|value| format!("kc_visitor={value}"))
}

/// The head and body of a successful plain HTTP/1.1 GET on loopback, or `None`.
fn get_answer(port: u16, path: &str) -> Option<(String, String)> {
    let (status, head, body) = exchange(port, "GET", path, None)?;
    (status == 200).then_some((head, body))
}

/// The status, head and body of a plain HTTP/1.1 request on loopback (a JSON body sent
/// from the server's own origin), or `None` when nothing answers.
pub fn exchange(
    port: u16,
    method: &str,
    path: &str,
    json: Option<&str>,
) -> Option<(u16, String, String)> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).ok()?;
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    if let Some(json) = json {
        request += &format!(
            "Origin: http://localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
            json.len()
        );
    } else {
        request += "\r\n";
    }
    stream.write_all(request.as_bytes()).ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    let (head, body) = reply.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, head.to_owned(), body.to_owned()))
}

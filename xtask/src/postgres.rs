//! A PostgreSQL server of the test run's own, for the server suite's second engine and the
//! bench: Debian's packages (installed when missing), a new cluster in a temporary folder
//! on a free loopback port, stopped and removed when dropped.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, bail};

use crate::{
    process::run,
    server::free_port,
    toolchain::{self, is_root},
};

/// The role the tests and the bench connect as (no password: the cluster trusts loopback
/// and nothing else reaches it).
const ROLE: &str = "portal";

/// Settings for a cluster whose data is thrown away after a test run: nothing synced to
/// disk, and a small write-ahead log (a run makes and drops hundreds of databases, and the
/// default lets the log grow to a gigabyte, more than some CI disks have to spare).
pub const THROWAWAY: &[&str] = &[
    "fsync=off",
    "full_page_writes=off",
    "wal_level=minimal",
    "max_wal_senders=0",
    "min_wal_size=32MB",
    "max_wal_size=64MB",
];

pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl Postgres {
    /// Installs PostgreSQL if missing, then makes and starts a new cluster with `settings`
    /// (`name=value`) beside PostgreSQL's defaults.
    pub fn start(settings: &[&str]) -> anyhow::Result<Self> {
        toolchain::ensure_postgres()?;
        let bin = server_binaries()?;
        let port = free_port()?;
        // As root the cluster belongs to `postgres`, who must reach the folder: /tmp, not
        // a TMPDIR that may be root's own.
        let temp = if is_root() {
            PathBuf::from("/tmp")
        } else {
            std::env::temp_dir()
        };
        let dir = temp.join(format!("portal-pg-{}-{port}", std::process::id()));
        fs::create_dir_all(&dir)?;
        let cluster = Self { dir, bin, port };
        cluster.hand_to_service_user()?;
        let data = cluster.dir.join("data");
        run(cluster.as_service_user("initdb", |initdb| {
            initdb
                .args(["--auth=trust", "--encoding=UTF8", "--no-locale", "-U", ROLE])
                .arg("-D")
                .arg(&data);
        }))?;
        let mut options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300",
            cluster.dir.display()
        );
        for setting in settings {
            options.push_str(" -c ");
            options.push_str(setting);
        }
        let log = cluster.dir.join("server.log");
        run(cluster.as_service_user("pg_ctl", |pg_ctl| {
            pg_ctl
                .args(["start", "-w", "-o", &options, "-l"])
                .arg(&log)
                .arg("-D")
                .arg(&data);
        }))
        .with_context(|| format!("PostgreSQL did not start: see {}", log.display()))?;
        Ok(cluster)
    }

    /// The address of its maintenance database (`postgres`), to create others from.
    pub fn url(&self) -> String {
        self.database_url("postgres")
    }

    /// The address of database `name` on this server.
    pub fn database_url(&self, name: &str) -> String {
        format!("postgres://{ROLE}@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates database `name`; its address.
    pub fn create_database(&self, name: &str) -> anyhow::Result<String> {
        let mut psql = Command::new("psql");
        psql.args(["-q", "-v", "ON_ERROR_STOP=1", &self.url(), "-c"])
            .arg(format!("CREATE DATABASE {name}"));
        run(psql)?;
        Ok(self.database_url(name))
    }

    /// PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's
    /// `postgres` user.
    fn hand_to_service_user(&self) -> anyhow::Result<()> {
        if is_root() {
            run({
                let mut chown = Command::new("chown");
                chown.arg("postgres:postgres").arg(&self.dir);
                chown
            })?;
        }
        Ok(())
    }

    fn as_service_user(&self, program: &str, args: impl FnOnce(&mut Command)) -> Command {
        let program = self.bin.join(program);
        let mut command = if is_root() {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(program);
            runuser
        } else {
            Command::new(program)
        };
        command.current_dir(&self.dir);
        args(&mut command);
        command
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self
            .as_service_user("pg_ctl", |pg_ctl| {
                pg_ctl.args(["stop", "-m", "fast", "-D"]).arg(&data);
            })
            .status();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The folder of the newest installed PostgreSQL's server programs (initdb, pg_ctl).
fn server_binaries() -> anyhow::Result<PathBuf> {
    let installed = fs::read_dir("/usr/lib/postgresql")
        .context("PostgreSQL is not installed (no /usr/lib/postgresql)")?;
    let newest = installed
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| Path::new(bin).join("initdb").exists())
        .max();
    match newest {
        Some((_, bin)) => Ok(bin),
        None => bail!("no PostgreSQL server programs under /usr/lib/postgresql"),
    }
}

use std::{
    io::IsTerminal,
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use anyhow::Context;
use clap::{Parser, Subcommand};
use portal_contract::newsroom::Role;
use portal_server::{
    AppState, Settings, app,
    config::{DatabaseArgs, FilesArgs, LogFormat, ServeArgs},
    content, db, maintenance, nukeviet,
    operations::backup::{
        self,
        schedule::{self, Status},
    },
    run, store,
};
use tokio::{net::TcpListener, signal};
use tracing_subscriber::EnvFilter;

mod progress;

/// The portal's server: JSON API and SPA.
#[derive(Parser)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
    /// How log lines are written: `text` for people, `json` for a log collector.
    #[arg(long, global = true, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the SPA (the default).
    Serve(ServeArgs),
    /// Import a content file (JSON Lines); all or nothing, upserting by slug.
    /// An article's `image` and `attachments` name files by path (relative to the content
    /// file's folder), which are filed as staff uploads are.
    Import {
        file: PathBuf,
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        files: FilesArgs,
    },
    /// Add a user (or set an existing user's name and password); the password is read
    /// from the first line of standard input.
    AddUser {
        username: String,
        /// The name shown in the header.
        #[arg(long)]
        display_name: String,
        /// `editor` (writes and publishes), `admin` (also manages users) or `none` (a
        /// citizen's account, no newsroom).
        #[arg(long, default_value = "editor", value_parser = parse_role)]
        role: RoleArg,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Move a NukeViet 4 site onto the portal: its news categories and articles (with their
    /// pictures and attachments), polls and linked websites, read from its MySQL or
    /// MariaDB database (never written to) and its uploads/ folder. Run it again to bring
    /// what changed there since; what staff changed here since is left alone.
    ImportNukeviet {
        /// The NukeViet database: `mysql://user:password@host:3306/name`.
        source: String,
        /// The NukeViet site's `uploads/` folder.
        #[arg(long)]
        uploads_from: PathBuf,
        /// The prefix of NukeViet's tables (`nv4` in `nv4_vi_news_rows`).
        #[arg(long, default_value = "nv4")]
        prefix: String,
        /// The language of the site's content (`vi` in `nv4_vi_news_rows`).
        #[arg(long, default_value = "vi")]
        lang: String,
        /// Report what would move, and write nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        files: FilesArgs,
    },
    /// Back up the portal while it serves: a consistent copy of the database (SQLite's
    /// `VACUUM INTO`; PostgreSQL's `pg_dump` of one snapshot) and the uploaded files it
    /// names, with a manifest of checksums and row counts, in a new dated folder in DIR.
    Backup {
        /// The folder to put the backup in; with `--verify`, the backup to check.
        dir: PathBuf,
        /// Check the backup DIR whole (checksums, the database's integrity and its rows),
        /// restoring nothing.
        #[arg(long)]
        verify: bool,
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        files: FilesArgs,
    },
    /// Restore the backup DIR into a new database (`--database`, which must have no rows)
    /// and its uploaded files into `--uploads-dir`, after checking it whole. An SQLite
    /// backup restores into SQLite or PostgreSQL, a PostgreSQL one into PostgreSQL.
    Restore {
        dir: PathBuf,
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        files: FilesArgs,
    },
    /// Copy this SQLite portal, with its uploaded files, into a new PostgreSQL database
    /// (to move to several servers): all or nothing. Stop the servers on the SQLite file
    /// first, or what they record after the copy began stays behind.
    CopyTo {
        /// The PostgreSQL database to fill: `postgres://user:password@host/name`; it
        /// must exist and have no rows (a server started on it fills it with the demo).
        to: db::Location,
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        files: FilesArgs,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // A copy reads each table in one long query while it writes: the driver would call
    // each of them a slow statement.
    let default_filter = match cli.command {
        Some(Command::CopyTo { .. }) => "info,sqlx::query=error",
        _ => "info",
    };
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    // Logs go to standard error: standard output is the commands' answers.
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().with_current_span(true).init(),
    }
    match cli.command {
        Some(Command::Import { file, db, files }) => import(&file, &db, &files).await,
        Some(Command::AddUser {
            username,
            display_name,
            role,
            db,
        }) => add_user(&username, &display_name, role.0, &db).await,
        Some(Command::CopyTo { to, db, files }) => copy_to(&db, &files, &to).await,
        Some(Command::Backup {
            dir, verify: true, ..
        }) => verify_backup(&dir).await,
        Some(Command::Backup { dir, db, files, .. }) => backup(&dir, &db, &files).await,
        Some(Command::Restore { dir, db, files }) => restore(&dir, &db, &files).await,
        Some(Command::ImportNukeviet {
            source,
            uploads_from,
            prefix,
            lang,
            dry_run,
            db,
            files,
        }) => {
            let site = nukeviet::Site::open(&source, &prefix, &lang).await?;
            let moved = import_nukeviet(&site, &uploads_from, dry_run, &db, &files).await;
            site.close().await;
            moved
        }
        Some(Command::Serve(args)) => serve(args).await,
        None => serve(cli.serve).await,
    }
}

async fn import(file: &PathBuf, args: &DatabaseArgs, files: &FilesArgs) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let pool = db::open(&args.database).await?;
    let source = content::FileSource {
        base: file.parent().unwrap_or(std::path::Path::new(".")),
        uploads_dir: &files.uploads_dir,
        limit: files.max_upload_bytes(),
    };
    let mut progress = progress::Bar::new("records");
    let report = content::import_with_files(&pool, &text, &source, &mut progress).await;
    progress.finish();
    let report = report.with_context(|| format!("{} was not imported", file.display()))?;
    println!("imported {report} from {}", file.display());
    Ok(())
}

/// A role on the command line (`none` for no role).
#[derive(Clone, Copy)]
struct RoleArg(Option<Role>);

fn parse_role(text: &str) -> Result<RoleArg, String> {
    match text {
        "none" => Ok(RoleArg(None)),
        _ => Role::parse(text)
            .map(|role| RoleArg(Some(role)))
            .ok_or_else(|| format!("`{text}` is not editor, admin or none")),
    }
}

async fn add_user(
    username: &str,
    display_name: &str,
    role: Option<Role>,
    args: &DatabaseArgs,
) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    anyhow::ensure!(
        password.chars().count() >= 8,
        "the password must have at least 8 characters"
    );
    anyhow::ensure!(!username.trim().is_empty(), "the username is empty");
    let pool = db::open(&args.database).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    store::users::upsert_user(
        &pool,
        username.trim(),
        display_name.trim(),
        password,
        now,
        role,
    )
    .await?;
    println!("user {username} saved");
    Ok(())
}

async fn import_nukeviet(
    site: &nukeviet::Site,
    uploads_from: &std::path::Path,
    dry_run: bool,
    args: &DatabaseArgs,
    files: &FilesArgs,
) -> anyhow::Result<()> {
    // Every input is checked before the portal's database is opened (or created).
    nukeviet::check_uploads(uploads_from)?;
    let pool = db::open(&args.database).await?;
    let target = nukeviet::Target {
        db: &pool,
        uploads_from,
        uploads_dir: &files.uploads_dir,
        limit: files.max_upload_bytes(),
        dry_run,
    };
    let mut progress = progress::Bar::new("articles");
    let report = nukeviet::run(site, &target, &mut progress).await;
    progress.finish();
    let report = report
        .context("the move stopped; what it had moved stays, and a run again goes on from there")?;
    println!("{report}");
    pool.close().await;
    Ok(())
}

async fn copy_to(from: &DatabaseArgs, files: &FilesArgs, to: &db::Location) -> anyhow::Result<()> {
    const DIRECTION: &str =
        "the copy goes from an SQLite file (--database) to a postgres:// address";
    let (db::Location::Sqlite(path), db::Location::Postgres(_)) = (&from.database, to) else {
        anyhow::bail!(DIRECTION);
    };
    anyhow::ensure!(
        path.is_file(),
        "there is no SQLite database at {}",
        path.display()
    );
    let (store::Db::Sqlite(source), store::Db::Postgres(target)) =
        (db::open(&from.database).await?, db::open(to).await?)
    else {
        anyhow::bail!(DIRECTION);
    };
    let mut progress = progress::Bar::new("rows and files");
    let copied =
        store::copy::sqlite_to_postgres(&source, &files.uploads_dir, &target, &mut progress).await;
    progress.finish();
    let copied = copied
        .with_context(|| format!("the copy into {to} failed; its tables are as they were"))?;
    println!("copied {copied}\nfrom {} to {to}", path.display());
    Ok(())
}

async fn backup(into: &Path, args: &DatabaseArgs, files: &FilesArgs) -> anyhow::Result<()> {
    if let db::Location::Sqlite(path) = &args.database {
        anyhow::ensure!(
            path.is_file(),
            "there is no SQLite database at {}",
            path.display()
        );
    }
    // As it is: a newer binary's backup must not migrate the database a server runs on.
    let pool = db::open_as_is(&args.database).await?;
    let source = backup::Source {
        db: &pool,
        location: &args.database,
        uploads: &files.uploads_dir,
    };
    let mut progress = progress::Bar::new("files");
    let taken = backup::take(&source, into, &mut progress).await;
    progress.finish();
    pool.close().await;
    let taken = taken.context("no backup was taken")?;
    println!(
        "backup taken: {}\n{}",
        taken.dir.display(),
        summary(&taken.manifest)
    );
    Ok(())
}

async fn verify_backup(dir: &Path) -> anyhow::Result<()> {
    let manifest = backup::verify(dir).await?;
    println!(
        "the backup {} is whole\n{}",
        dir.display(),
        summary(&manifest)
    );
    Ok(())
}

fn summary(manifest: &backup::manifest::Manifest) -> String {
    let rows: i64 = manifest.rows.values().sum();
    let bytes: u64 = manifest.files.iter().map(|f| f.bytes).sum::<u64>() + manifest.database.bytes;
    format!(
        "taken at {} from {} (schema {}): {rows} rows in {} tables, {} files, {:.1} MB",
        manifest.taken_at,
        manifest.engine,
        manifest.schema_version,
        manifest.rows.len(),
        manifest.files.len(),
        bytes as f64 / 1_000_000.0
    )
}

async fn restore(dir: &Path, args: &DatabaseArgs, files: &FilesArgs) -> anyhow::Result<()> {
    // Into PostgreSQL an SQLite backup is copied row by row (a PostgreSQL one restores
    // through pg_restore, which tells nothing as it goes).
    let mut progress = progress::Bar::new(match args.database {
        db::Location::Sqlite(_) => "files",
        db::Location::Postgres(_) => "rows and files",
    });
    let restored = backup::restore(dir, &args.database, &files.uploads_dir, &mut progress).await;
    progress.finish();
    let restored = restored.with_context(|| format!("{} was not restored", dir.display()))?;
    println!(
        "restored {} into {}: {} rows and {} files",
        dir.display(),
        args.database,
        restored.rows,
        restored.files
    );
    Ok(())
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let (pool, writer) = db::open_for_serving(&args.db.database, args.postgres_connections).await?;
    let reach = db::Reach::of(
        args.addr,
        args.secure_cookies,
        &args.trusted_proxies,
        args.public_url.as_deref(),
    );
    db::seed_if_empty(&writer, reach).await?;
    if reach == db::Reach::Network {
        db::refuse_public_demo_account(&writer).await?;
    }
    if !args.static_dir.join("index.html").is_file() {
        tracing::warn!(dir = %args.static_dir.display(), "no built SPA there: only /api is served");
    }
    let uploads_dir = args.files.uploads_dir.clone();
    let listener = TcpListener::bind((args.addr, args.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", args.addr, args.port))?;
    tracing::info!("serving on http://{}", listener.local_addr()?);
    let state = AppState::open(
        pool.clone(),
        writer.clone(),
        Settings {
            ratings_per_ip_per_hour: args.ratings_per_ip_per_hour,
            ratings_per_ip_per_hour_all_articles: args.ratings_per_ip_per_hour_all_articles,
            ballots_per_ip_per_hour: args.ballots_per_ip_per_hour,
            new_readers: store::readers::NewReaderCaps {
                per_network: args.new_readers_per_network_per_hour,
                per_wide_network: args.new_readers_per_ipv6_48_per_hour,
            },
            idle_timeout_s: args.idle_timeout_s,
            session_max_hours: args.session_max_hours,
            secure_cookies: args.secure_cookies,
            embed_origins: args.embed_origins,
            request_timeout_s: args.request_timeout_s,
            max_concurrent_requests: args.max_concurrent_requests,
            trusted_proxies: args.trusted_proxies,
            public_url: args.public_url,
            max_upload_bytes: args.files.max_upload_bytes(),
            uploads_dir: uploads_dir.clone(),
            search_index_dir: args
                .search_index_dir
                .clone()
                .unwrap_or_else(|| args.db.default_search_index_dir()),
            require_two_step: args.require_two_step,
            metrics_from: args.metrics_from,
        },
    )
    .await?;
    let schedule = args.backups.schedule();
    let backups = schedule.as_ref().map(|_| Arc::new(Status::default()));
    let state = state.with_backups(backups.clone());
    let app = app(state, &args.static_dir);
    let kept = maintenance::Kept {
        uploads: uploads_dir,
        audit_days: args.audit_keep_days,
    };
    let sweeper = tokio::spawn(maintenance::run(writer.clone(), kept));
    let backup_task = schedule.zip(backups).map(|(schedule, status)| {
        tokio::spawn(schedule::run(
            pool.clone(),
            args.db.database.clone(),
            args.files.uploads_dir.clone(),
            schedule,
            status,
        ))
    });
    let grace = Duration::from_secs(args.shutdown_timeout_s);
    run(listener, app, shutdown_signal(), grace).await?;
    sweeper.abort();
    if let Some(task) = backup_task {
        task.abort();
    }
    pool.close().await;
    writer.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        signal::ctrl_c().await.expect("a Ctrl-C handler installs");
    };
    #[cfg(unix)]
    let terminate = async {
        signal::unix::signal(signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler installs")
            .recv()
            .await;
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

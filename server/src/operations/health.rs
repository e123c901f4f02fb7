//! `GET /healthz` (the process answers) and `GET /readyz` (it can serve: the database
//! answers, every migration this version has is applied, the last scheduled backup did
//! not fail), for load balancers and monitors. Outside the API's load shedding, never
//! cached, and cheap: one small query.

use std::time::Duration;

use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::{AppState, db, store};

/// How long the database may take to answer before the server is not ready.
const DATABASE_WAIT: Duration = Duration::from_secs(2);

pub async fn healthz() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], "ok\n").into_response()
}

/// The readiness answer: each check `ok` or what is wrong.
#[derive(Debug, Serialize)]
pub struct Readiness {
    pub ready: bool,
    pub database: String,
    pub migrations: String,
    pub backup: String,
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    let readiness = readiness(&state).await;
    let status = if readiness.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(readiness),
    )
        .into_response()
}

async fn readiness(state: &AppState) -> Readiness {
    let version =
        tokio::time::timeout(DATABASE_WAIT, store::health::schema_version(&state.db)).await;
    let (database, migrations) = match version {
        Err(_) => ("does not answer".to_owned(), "unknown".to_owned()),
        Ok(Err(error)) => {
            tracing::warn!(%error, "the readiness check's query failed");
            ("fails".to_owned(), "unknown".to_owned())
        }
        Ok(Ok(version)) => (
            "ok".to_owned(),
            migrations(version, db::newest_migration(&state.db)),
        ),
    };
    let backup = match &state.backups {
        None => "not scheduled",
        Some(status) if status.outcomes().failure().is_some() => BACKUP_FAILED,
        Some(_) => "ok",
    };
    Readiness {
        ready: database == "ok" && migrations == "ok" && backup != BACKUP_FAILED,
        database,
        migrations,
        backup: backup.to_owned(),
    }
}

/// The backup check when the last scheduled backup failed (why is in the log, not in an
/// answer anyone may read).
const BACKUP_FAILED: &str = "the last scheduled backup failed (see the log)";

/// Whether the database has every migration this server knows.
fn migrations(applied: i64, known: i64) -> String {
    if applied >= known {
        "ok".to_owned()
    } else {
        format!("the database is at {applied}, this server needs {known}")
    }
}

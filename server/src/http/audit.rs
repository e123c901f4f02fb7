//! The audit trail of staff actions: every state change of the newsroom's API and of
//! two-step sign-in that succeeded, and signing out, kept with who, what, when and from
//! which network (the sign-in handler keeps sign-ins, failures and the use of recovery
//! codes). Best effort: a failed write is logged loudly but never undoes the action.

use axum::{
    extract::{FromRequestParts, MatchedPath, Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};

use super::{extract::ClientNetwork, session::Session};
use crate::{AppState, store::audit};

/// Middleware: keeps the action of a request whose route is one (see [`action_of`]) once
/// it succeeded.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>();
    let Some(action) = route.and_then(|route| action_of(request.method(), route.as_str())) else {
        return next.run(request).await;
    };
    let session = request.extensions().get::<Session>().cloned();
    let (mut parts, body) = request.into_parts();
    let Ok(ClientNetwork(network)) = ClientNetwork::from_request_parts(&mut parts, &state).await;
    let subject = parts.uri.path().to_owned();
    let response = next.run(Request::from_parts(parts, body)).await;
    if let (true, Some(session)) = (response.status().is_success(), session) {
        let entry = audit::Action {
            user_id: Some(session.user.id),
            username: &session.user.username,
            action,
            subject: Some(&subject),
            network: &network.narrow,
            at: time::OffsetDateTime::now_utc().unix_timestamp(),
        };
        keep(&state, &entry).await;
    }
    response
}

/// Adds `entry` to the log; a failure is logged, not passed on.
pub async fn keep(state: &AppState, entry: &audit::Action<'_>) {
    if let Err(error) = audit::add(&state.writer, entry).await {
        tracing::error!(%error, action = entry.action, "an action was not added to the audit log");
    }
}

/// The kind of action a request of `method` to `route` is, if the log keeps it (reads
/// and autosaves are not kept).
pub fn action_of(method: &Method, route: &str) -> Option<&'static str> {
    let action = match (method.as_str(), route) {
        ("DELETE", "/api/session") => "sign-out",
        ("POST", "/api/newsroom/articles") => "article-create",
        ("PUT", "/api/newsroom/articles/{id}") => "article-save",
        ("DELETE", "/api/newsroom/articles/{id}") => "article-bin",
        ("POST", "/api/newsroom/articles/{id}/restore") => "article-restore",
        ("POST", "/api/newsroom/uploads") => "upload",
        ("POST", "/api/newsroom/polls") => "poll-create",
        ("PUT", "/api/newsroom/polls/{id}") => "poll-save",
        ("POST", "/api/newsroom/polls/{id}/close") => "poll-close",
        ("POST", "/api/newsroom/weblinks") => "weblink-add",
        ("PUT", "/api/newsroom/weblinks/{id}") => "weblink-change",
        ("PUT", "/api/newsroom/weblinks/order") => "weblink-order",
        ("PUT", "/api/newsroom/blocks") => "blocks-set",
        ("PUT", "/api/newsroom/public-services") => "public-services-set",
        ("POST", "/api/newsroom/users") => "user-add",
        ("PATCH", "/api/newsroom/users/{id}") => "user-change",
        ("DELETE", "/api/newsroom/users/{id}/two-step") => "two-step-reset",
        ("POST", "/api/session/two-step") => "two-step-on",
        ("POST", "/api/session/two-step/off") => "two-step-off",
        ("POST", "/api/session/two-step/recovery-codes") => "recovery-codes-renewed",
        _ => return None,
    };
    Some(action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kept_action_has_the_newsroom_s_words() {
        let routes = [
            ("DELETE", "/api/session"),
            ("PUT", "/api/newsroom/articles/{id}"),
            ("PATCH", "/api/newsroom/users/{id}"),
            ("POST", "/api/session/two-step"),
            ("POST", "/api/session/two-step/off"),
            ("POST", "/api/session/two-step/recovery-codes"),
            ("DELETE", "/api/newsroom/users/{id}/two-step"),
        ];
        for (method, route) in routes {
            let action = action_of(&method.parse().unwrap(), route).unwrap();
            assert_ne!(portal_contract::audit::action_label(action), action);
        }
        let autosave = "/api/newsroom/articles/{id}/autosave";
        assert_eq!(action_of(&Method::PUT, autosave), None);
        assert_eq!(action_of(&Method::GET, "/api/newsroom/articles/{id}"), None);
    }
}

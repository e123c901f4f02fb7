//! Two-step sign-in over HTTP: setting it up, signing in with an app's code or a recovery
//! code (each good once), the lock-out of wrong codes, the portal requiring it of staff,
//! an admin's reset, and the trail each leaves.

use crate::{
    common::{TestServer, problem},
    newsroom::{admin, newsroom},
};
use portal_contract::{
    RecoveryCodes, SessionInfo, TwoStepSetup, audit::AuditPage, newsroom::StaffMember,
};
use portal_server::{Settings, db::DEMO_USER, store::two_step};
use reqwest::Response;
use serde_json::{Value, json};
use totp_rs::{Algorithm, Secret, TOTP};

/// The code an authenticator app shows for `secret`, `steps` steps of 30 s from now.
fn app_code(secret: &str, steps: i64) -> String {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes, None, String::new()).unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    totp.generate((now + steps * 30).unsigned_abs())
}

async fn send(server: &TestServer, path: &str, cookie: &str, body: &Value) -> Response {
    server
        .as_signed_in("POST", path, cookie)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn sign_in(server: &TestServer, code: Option<&str>) -> Response {
    let (username, _, password) = DEMO_USER;
    let mut body = json!({ "username": username, "password": password });
    if let Some(code) = code {
        body["code"] = json!(code);
    }
    server
        .client
        .post(server.url("/api/session"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn sets_session(response: &Response) -> bool {
    response.headers().get_all("set-cookie").iter().any(|v| {
        v.to_str().unwrap().starts_with("kc_session=")
            && !v.to_str().unwrap().starts_with("kc_session=;")
    })
}

async fn session_info(server: &TestServer, cookie: &str) -> SessionInfo {
    let response = server
        .as_signed_in("GET", "/api/session", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Sets up two-step sign-in for the session `cookie`: the secret and the recovery codes.
async fn set_up(server: &TestServer, cookie: &str) -> (String, Vec<String>) {
    let offered = send(server, "/api/session/two-step/setup", cookie, &json!({})).await;
    assert_eq!(offered.status(), 200);
    let setup: TwoStepSetup = offered.json().await.unwrap();
    assert!(setup.qr_svg.starts_with("<svg"));
    assert!(setup.uri.contains(&setup.secret));
    let (_, _, password) = DEMO_USER;
    let proof = json!({ "password": password, "code": app_code(&setup.secret, 0) });
    let enabled = send(server, "/api/session/two-step", cookie, &proof).await;
    assert_eq!(enabled.status(), 200);
    let codes: RecoveryCodes = enabled.json().await.unwrap();
    (setup.secret, codes.codes)
}

/// Fails unless the audit log holds an entry of each of `expected` actions.
async fn assert_audited(server: &TestServer, expected: &[&str]) {
    let cookie = admin(server).await;
    let page: AuditPage = server
        .as_signed_in("GET", "/api/newsroom/audit?per_page=50", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let actions: Vec<String> = page.items.into_iter().map(|entry| entry.action).collect();
    for action in expected {
        assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
    }
}

#[tokio::test]
async fn a_confirmed_secret_makes_the_password_alone_no_session() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let elsewhere = server.editor_session().await;
    let offered = send(&server, "/api/session/two-step/setup", &cookie, &json!({})).await;
    let setup: TwoStepSetup = offered.json().await.unwrap();
    let (_, _, password) = DEMO_USER;

    let wrong_password = json!({ "password": "sai", "code": app_code(&setup.secret, 0) });
    let refused = send(&server, "/api/session/two-step", &cookie, &wrong_password).await;
    assert_eq!(
        problem(refused, 401).await["type"],
        "/problems/wrong-credentials"
    );
    let wrong_code = json!({ "password": password, "code": app_code(&setup.secret, 5) });
    let refused = send(&server, "/api/session/two-step", &cookie, &wrong_code).await;
    assert_eq!(problem(refused, 401).await["type"], "/problems/wrong-code");
    assert!(!session_info(&server, &cookie).await.two_step.enabled);

    let proof = json!({ "password": password, "code": app_code(&setup.secret, 0) });
    let enabled = send(&server, "/api/session/two-step", &cookie, &proof).await;
    let codes: RecoveryCodes = enabled.json().await.unwrap();
    assert_eq!(codes.codes.len(), 10);
    assert!(session_info(&server, &cookie).await.two_step.enabled);
    let ended = server
        .as_signed_in("GET", "/api/session", &elsewhere)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 401, "the other sessions end");
    let again = send(&server, "/api/session/two-step/setup", &cookie, &json!({})).await;
    assert_eq!(
        problem(again, 409).await["type"],
        "/problems/two-step-enabled"
    );

    let password_only = sign_in(&server, None).await;
    assert!(!sets_session(&password_only));
    assert_eq!(
        problem(password_only, 401).await["type"],
        "/problems/code-needed"
    );
    let used = sign_in(&server, Some(&app_code(&setup.secret, 0))).await;
    assert!(!sets_session(&used));
    assert_eq!(
        problem(used, 401).await["type"],
        "/problems/wrong-code",
        "the code that confirmed is used"
    );
    let next = sign_in(&server, Some(&app_code(&setup.secret, 1))).await;
    assert_eq!(next.status(), 200);
    assert!(sets_session(&next));
    let info: SessionInfo = next.json().await.unwrap();
    assert!(info.two_step.enabled);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (_, codes) = set_up(&server, &cookie).await;
    let typed_loosely = codes[3].to_uppercase().replace('-', " ");
    assert_eq!(sign_in(&server, Some(&typed_loosely)).await.status(), 200);
    let reused = sign_in(&server, Some(&codes[3])).await;
    assert_eq!(problem(reused, 401).await["type"], "/problems/wrong-code");
    assert_eq!(sign_in(&server, Some(&codes[4])).await.status(), 200);

    assert_audited(
        &server,
        &["two-step-on", "recovery-code-used", "two-step-failed"],
    )
    .await;
}

#[tokio::test]
async fn racing_uses_of_one_code_succeed_once() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (_, codes) = set_up(&server, &cookie).await;
    let id = session_info(&server, &cookie).await.user.id;
    let step = time::OffsetDateTime::now_utc()
        .unix_timestamp()
        .unsigned_abs()
        / 30
        + 1;
    let steps = (0..16).map(|_| {
        let writer = server.pool.clone();
        tokio::spawn(async move { two_step::use_step(&writer, id, step).await.unwrap() })
    });
    let hash = portal_server::rules::auth::two_step::recovery_code_hash(&codes[0]);
    let recoveries = (0..16).map(|_| {
        let (writer, hash) = (server.pool.clone(), hash.clone());
        tokio::spawn(async move {
            two_step::use_recovery_code(&writer, id, &hash)
                .await
                .unwrap()
        })
    });
    let (steps, recoveries): (Vec<_>, Vec<_>) = (steps.collect(), recoveries.collect());
    for (kind, tasks) in [("step", steps), ("recovery code", recoveries)] {
        let mut accepted = 0;
        for task in tasks {
            accepted += usize::from(task.await.unwrap());
        }
        assert_eq!(accepted, 1, "one {kind} use of sixteen");
    }
}

#[tokio::test]
async fn wrong_codes_lock_out_as_wrong_passwords_do() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (secret, _) = set_up(&server, &cookie).await;
    for guess in 0..5 {
        let wrong = sign_in(&server, Some(&format!("00000{guess}"))).await;
        assert_eq!(wrong.status(), 401, "guess {guess}");
    }
    let right = sign_in(&server, Some(&app_code(&secret, 1))).await;
    assert_eq!(
        problem(right, 429).await["type"],
        "/problems/too-many-requests"
    );
}

#[tokio::test]
async fn the_portal_may_require_it_of_staff() {
    let server = TestServer::with_settings(Settings {
        require_two_step: true,
        ..Settings::default()
    })
    .await;
    let cookie = server.editor_session().await;
    let info = session_info(&server, &cookie).await;
    assert!(info.two_step.required && !info.two_step.enabled);
    let confined = server
        .as_signed_in("GET", "/api/newsroom/articles", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(confined, 403).await["type"],
        "/problems/two-step-required"
    );

    let (secret, _) = set_up(&server, &cookie).await;
    let articles = server
        .as_signed_in("GET", "/api/newsroom/articles", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(articles.status(), 200);
    let (_, _, password) = DEMO_USER;
    let proof = json!({ "password": password, "code": app_code(&secret, 1) });
    let off = send(&server, "/api/session/two-step/off", &cookie, &proof).await;
    assert_eq!(
        problem(off, 403).await["type"],
        "/problems/two-step-required"
    );
}

#[tokio::test]
async fn new_recovery_codes_and_turning_it_off_ask_for_proof() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (secret, old_codes) = set_up(&server, &cookie).await;
    let (_, _, password) = DEMO_USER;

    let unproven = json!({ "password": password, "code": "123456" });
    let refused = send(
        &server,
        "/api/session/two-step/recovery-codes",
        &cookie,
        &unproven,
    )
    .await;
    assert_eq!(problem(refused, 401).await["type"], "/problems/wrong-code");
    let proof = json!({ "password": password, "code": app_code(&secret, 1) });
    let renewed = send(
        &server,
        "/api/session/two-step/recovery-codes",
        &cookie,
        &proof,
    )
    .await;
    let new_codes: RecoveryCodes = renewed.json().await.unwrap();
    let old = sign_in(&server, Some(&old_codes[0])).await;
    assert_eq!(problem(old, 401).await["type"], "/problems/wrong-code");

    let wrong_password = json!({ "password": "sai", "code": new_codes.codes[0] });
    let refused = send(
        &server,
        "/api/session/two-step/off",
        &cookie,
        &wrong_password,
    )
    .await;
    assert_eq!(
        problem(refused, 401).await["type"],
        "/problems/wrong-credentials"
    );
    let proof = json!({ "password": password, "code": new_codes.codes[0] });
    let off = send(&server, "/api/session/two-step/off", &cookie, &proof).await;
    assert_eq!(off.status(), 204);
    assert_eq!(sign_in(&server, None).await.status(), 200);
    assert_audited(&server, &["recovery-codes-renewed", "two-step-off"]).await;
}

#[tokio::test]
async fn an_admin_resets_a_lost_phone() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let id = session_info(&server, &cookie).await.user.id;
    set_up(&server, &cookie).await;
    let admin_cookie = admin(&server).await;
    let users: Vec<StaffMember> = server
        .as_signed_in("GET", "/api/newsroom/users", &admin_cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(users.iter().find(|u| u.id == id).unwrap().two_step);

    let path = format!("/api/newsroom/users/{id}/two-step");
    let reset = server
        .as_signed_in("DELETE", &path, &admin_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    let member: StaffMember = reset.json().await.unwrap();
    assert!(!member.two_step);
    let ended = server
        .as_signed_in("GET", "/api/session", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 401, "the user's sessions end");
    let admin_info = session_info(&server, &admin_cookie).await;
    assert!(
        admin_info.user.role.is_some(),
        "the admin's own session stays"
    );
    assert_eq!(sign_in(&server, None).await.status(), 200);
    let missing = server
        .as_signed_in(
            "DELETE",
            "/api/newsroom/users/999999/two-step",
            &admin_cookie,
        )
        .send()
        .await
        .unwrap();
    problem(missing, 404).await;
    assert_audited(&server, &["two-step-reset"]).await;
}

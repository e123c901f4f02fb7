//! Extractors whose rejections are the project's problems.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::{
    Json,
    extract::{
        ConnectInfo, FromRef, FromRequest, FromRequestParts, Path, Request,
        rejection::JsonRejection,
    },
    http::{StatusCode, request::Parts},
};
use ipnet::IpNet;
use utoipa::IntoParams;

use portal_contract::{Cause, newsroom::Role};

use super::{error::ApiError, session::Session, visitor::Visitor};
use crate::{
    AppState,
    rules::reader::{CountedReader, Network, Reader},
};

/// The numeric `{id}` of a route's path; a path whose id is not a number is a 400.
#[derive(IntoParams)]
#[into_params(names("id"), parameter_in = Path)]
pub struct IdPath(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<i64>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
        Ok(Self(id))
    }
}

/// The signed-in user when there is one, else the anonymous visitor.
impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(session) = parts.extensions.get::<Session>() {
            return Ok(Self::User(session.user.id));
        }
        let visitor = parts
            .extensions
            .get::<Visitor>()
            .expect("the visitor middleware runs before every API handler");
        Ok(Self::Visitor(visitor.id.clone()))
    }
}

/// The reader of a state change: a signed-in user, or an anonymous reader whose id the
/// server issued on an earlier answer. One minted by this very request is refused (428):
/// ids nobody was given cannot stuff a ballot box, and the SPA simply sends again.
pub struct ActingReader(pub Reader);

impl<S: Send + Sync> FromRequestParts<S> for ActingReader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(reader) = Reader::from_request_parts(parts, state).await;
        let minted = parts.extensions.get::<Visitor>().is_none_or(|v| v.is_new);
        if reader.is_anonymous() && minted {
            return Err(ApiError::new(
                Cause::NewReader,
                "Trình duyệt vừa nhận mã người đọc, vui lòng gửi lại",
            )
            .with_detail("send the request again with the kc_visitor cookie of this answer"));
        }
        Ok(Self(reader))
    }
}

/// The reader a read counts a view or a visit for, if any: a signed-in user, or an
/// anonymous reader whose cookie the server issued on an earlier answer (as a browser
/// has after the page's load), with the network they come from. A reader minted by this
/// very request is never counted, whatever headers it sends.
pub struct Viewer(pub Option<CountedReader>);

impl<S: Send + Sync> FromRequestParts<S> for Viewer
where
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(ActingReader(reader)) = ActingReader::from_request_parts(parts, state).await else {
            return Ok(Self(None));
        };
        let state = AppState::from_ref(state);
        let Ok(ClientNetwork(network)) = ClientNetwork::from_request_parts(parts, &state).await;
        Ok(Self(Some(CountedReader { reader, network })))
    }
}

/// The request's live session; without one the answer is 401 (`SignedOut`).
pub struct SignedIn(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Session>()
            .cloned()
            .map(Self)
            .ok_or_else(signed_out)
    }
}

/// A signed-in member of staff (an editor or an admin): 401 without a session, 403 for a
/// user without a role, or one who has yet to set up the two-step sign-in asked of them.
pub struct Staff(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        with_role(parts, state, |_| true).await.map(Self)
    }
}

/// A signed-in admin: 401 without a session, 403 for anyone else.
pub struct Admin(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        with_role(parts, state, |role| role == Role::Admin)
            .await
            .map(Self)
    }
}

async fn with_role<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    allowed: impl Fn(Role) -> bool,
) -> Result<Session, ApiError> {
    let SignedIn(session) = SignedIn::from_request_parts(parts, state).await?;
    if !session.user.role.is_some_and(allowed) {
        return Err(ApiError::new(
            Cause::Forbidden,
            "Tài khoản của bạn không có quyền thực hiện việc này",
        ));
    }
    if session.two_step.must_set_up() {
        return Err(ApiError::new(
            Cause::TwoStepRequired,
            "Vui lòng bật xác thực hai bước cho tài khoản của bạn trước khi quản trị nội dung",
        ));
    }
    Ok(session)
}

pub fn signed_out() -> ApiError {
    ApiError::new(
        Cause::SignedOut,
        "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn",
    )
}

/// A request body type with the title its refusal carries ("Đánh giá không hợp lệ", …).
pub trait Titled {
    const INVALID_TITLE: &'static str;
}

/// A JSON body; one that does not parse or has the wrong shape is a 422 with `T`'s title.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: Titled,
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(body)) => Ok(Self(body)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::new(Cause::TooLarge, "Dữ liệu gửi lên quá lớn")
                    .with_detail(rejection.body_text()))
            }
            Err(rejection) => Err(ApiError::invalid(T::INVALID_TITLE, rejection.body_text())),
        }
    }
}

/// The address of the client a request comes from: the TCP peer, or, when the peer is
/// one of `--trusted-proxies`, the right-most `X-Forwarded-For` address that is not a
/// trusted proxy.
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED), |info| info.0.ip());
        let trusted = &state.settings.trusted_proxies;
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|address| address.trim().parse::<IpAddr>().ok());
        Ok(Self(client_ip(peer, forwarded, trusted)))
    }
}

/// The networks (see [`Network`]) of the client a request comes from ([`ClientAddr`]).
pub struct ClientNetwork(pub Network);

impl FromRequestParts<AppState> for ClientNetwork {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ClientAddr(address) = ClientAddr::from_request_parts(parts, state).await?;
        Ok(Self(Network::of(address)))
    }
}

/// The client behind `peer`: `peer` itself unless it is trusted; else, walking the
/// forwarded addresses from the right, the first that is not trusted (an address that
/// does not parse ends the walk: nothing left of it can be believed).
fn client_ip(
    peer: IpAddr,
    forwarded: impl DoubleEndedIterator<Item = Option<IpAddr>>,
    trusted: &[IpNet],
) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    // A server listening on `::` sees IPv4 peers as `::ffff:a.b.c.d`.
    let mut client = peer.to_canonical();
    if !is_trusted(&client) {
        return client;
    }
    for address in forwarded.rev() {
        let Some(address) = address else { break };
        client = address.to_canonical();
        if !is_trusted(&client) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn client(peer: &str, header: &str, trusted: &[&str]) -> IpAddr {
        let trusted: Vec<IpNet> = trusted.iter().map(|t| t.parse().unwrap()).collect();
        let forwarded = header.split(',').map(|a| a.trim().parse::<IpAddr>().ok());
        client_ip(ip(peer), forwarded, &trusted)
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        assert_eq!(client("203.0.113.9", "1.2.3.4", &[]), ip("203.0.113.9"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
        let proxies = ["10.0.0.0/8"];
        assert_eq!(
            client("10.0.0.2", "198.51.100.7", &proxies),
            ip("198.51.100.7")
        );
        // A client cannot choose its address by sending its own X-Forwarded-For.
        assert_eq!(
            client("10.0.0.2", "1.1.1.1, 198.51.100.7, 10.0.0.3", &proxies),
            ip("198.51.100.7")
        );
        assert_eq!(client("10.0.0.2", "junk", &proxies), ip("10.0.0.2"));
    }

    #[test]
    fn ipv4_mapped_into_ipv6_is_the_ipv4_address() {
        let proxies = ["10.0.0.0/8"];
        assert_eq!(
            client("::ffff:10.0.0.2", "198.51.100.7", &proxies),
            ip("198.51.100.7")
        );
        assert_eq!(
            client(
                "::ffff:10.0.0.2",
                "::ffff:198.51.100.7, ::ffff:10.0.0.3",
                &proxies
            ),
            ip("198.51.100.7")
        );
        assert_eq!(client("::ffff:203.0.113.9", "", &[]), ip("203.0.113.9"));
    }

    #[test]
    fn a_peer_outside_the_list_is_believed_over_its_header() {
        assert_eq!(
            client("198.51.100.7", "1.1.1.1", &["10.0.0.0/8"]),
            ip("198.51.100.7")
        );
    }
}

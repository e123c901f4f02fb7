//! The idle notice for signed-in readers: the browser shell around [`timer::IdleTimer`],
//! and [`SessionNotices`], which every signed-in page (the portal's and the newsroom's)
//! carries.
//!
//! The shell feeds the machine the reader's activity, the wall clock, the server's
//! answers and the other tabs' news, and carries out its commands (keepalive, check,
//! sign-out, focus, announcements). It never counts ticks: it wakes when the machine
//! says, and the machine reads the clock.

mod channel;
pub mod timer;

use gloo_timers::callback::Timeout;
use leptos::{html, prelude::*, task::spawn_local};
use leptos_router::hooks::use_location;
use portal_contract::{Cause, SessionInfo};
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, closure::Closure};

use crate::{
    api, environment,
    request::ApiError,
    routes::sign_in_returning_to,
    session::{Auth, SessionEnd},
};
use channel::Channel;
use timer::{Command, ENDING_TEXT, IdleTimer, IdleView, Message, ServerSession, countdown_text};

fn millis(at: time::OffsetDateTime) -> f64 {
    (at.unix_timestamp_nanos() / 1_000_000) as f64
}

fn server_session(info: &SessionInfo) -> ServerSession {
    ServerSession {
        expires_at_ms: millis(info.expires_at),
        ends_at_ms: millis(info.ends_at),
        server_now_ms: millis(info.now),
        warning_ms: info.warning_s as f64 * 1000.0,
    }
}

/// Everything the shell keeps; `Copy`, so every callback can hold it.
#[derive(Clone, Copy)]
struct Shell {
    auth: Auth,
    timer: StoredValue<IdleTimer>,
    view: RwSignal<IdleView>,
    announcement: RwSignal<String>,
    stay_link: NodeRef<html::Button>,
    focus_before: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    wakeup: StoredValue<Option<Timeout>, LocalStorage>,
    channel: StoredValue<Option<Channel>, LocalStorage>,
}

impl Shell {
    fn dispatch(self, event: impl FnOnce(&mut IdleTimer, f64) -> Vec<Command>) {
        let now = js_sys::Date::now();
        let Some(commands) = self.timer.try_update_value(|timer| event(timer, now)) else {
            return; // the notice is gone (signed out): late answers change nothing
        };
        for command in commands {
            self.run(command);
        }
        let Some((view, wakeup, signed_out)) = self
            .timer
            .try_with_value(|t| (t.view(now), t.next_wakeup(now), t.is_signed_out()))
        else {
            return;
        };
        self.view.set(view);
        self.schedule(wakeup.map(|at| at - now));
        if signed_out {
            self.auth.signed_out(match view {
                IdleView::SignedOutForIdling => Some(SessionEnd::Idle),
                IdleView::SignedOutAtEnd => Some(SessionEnd::Lifetime),
                _ => None,
            });
        }
    }

    fn schedule(self, delay_ms: Option<f64>) {
        let timeout = delay_ms.map(|delay| {
            let delay = delay.clamp(0.0, f64::from(i32::MAX)) as u32;
            Timeout::new(delay, move || self.dispatch(|t, now| t.on_tick(now)))
        });
        // Replacing the old timeout cancels it.
        self.wakeup.set_value(timeout);
    }

    fn post(self, message: Message) {
        self.channel.with_value(|channel| {
            if let Some(channel) = channel {
                channel.post(message);
            }
        });
    }

    fn run(self, command: Command) {
        match command {
            Command::SendKeepalive => spawn_local(async move {
                match api::keepalive().await {
                    Ok(info) => {
                        let session = server_session(&info);
                        self.post(Message::Extended(session));
                        self.dispatch(move |t, now| t.on_session(now, session));
                    }
                    Err(ApiError::Failed {
                        cause: Cause::SignedOut,
                        ..
                    }) => {
                        self.dispatch(|t, _| t.on_signed_out(true, true));
                    }
                    Err(_) => {
                        self.timer.try_update_value(IdleTimer::on_keepalive_failed);
                    }
                }
            }),
            Command::CheckSession => spawn_local(async move {
                match api::session().await {
                    Ok(info) => {
                        let session = server_session(&info);
                        self.dispatch(move |t, now| t.on_session(now, session));
                    }
                    // Expired on the server, or the server cannot be reached to say otherwise.
                    Err(_) => self.dispatch(|t, _| t.on_signed_out(true, true)),
                }
            }),
            Command::SignOut => spawn_local(async move {
                let _ = api::sign_out().await;
                self.dispatch(|t, _| t.on_signed_out(true, true));
            }),
            Command::Broadcast(message) => self.post(message),
            Command::ShowNotice => {
                // The link takes focus as it is mounted (see `IdleNotice`).
                let active = document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                self.focus_before.set_value(active);
            }
            Command::HideNotice => {
                // The countdown's last words must not stay in the page for a screen reader.
                self.announcement.set(String::new());
                if let Some(Some(element)) = self.focus_before.try_get_value()
                    && element.is_connected()
                {
                    let _ = element.focus();
                }
            }
            Command::Announce(text) => self.announcement.set(text),
        }
    }

    fn stay(self) {
        self.dispatch(|t, now| t.on_stay(now));
    }

    fn activity(self) {
        self.dispatch(|t, now| t.on_activity(now));
    }
}

/// Listens on `target` for `events` until the component goes away.
fn listen(
    target: &web_sys::EventTarget,
    events: &[&str],
    handler: impl Fn(web_sys::Event) + 'static,
) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    for event in events {
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    let events: Vec<String> = events.iter().map(|e| (*e).to_owned()).collect();
    let registration = SendWrapper::new((target.clone(), closure));
    on_cleanup(move || {
        let (target, closure) = &*registration;
        for event in &events {
            let _ =
                target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
    });
}

fn listen_for_activity(shell: Shell) {
    let window: web_sys::EventTarget = window().into();
    let passive = [
        "pointerdown",
        "pointermove",
        "wheel",
        "scroll",
        "touchstart",
        "focus",
    ];
    listen(&window, &passive, move |_| shell.activity());
    listen(&window, &["keydown"], move |event| {
        let escape = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|key| key.key() == "Escape");
        if escape {
            shell.stay();
        } else {
            shell.activity();
        }
    });
    let doc: web_sys::EventTarget = document().into();
    listen(&doc, &["visibilitychange"], move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            shell.dispatch(|t, now| {
                let mut commands = t.on_tick(now);
                commands.extend(t.on_activity(now));
                commands
            });
        }
    });
}

/// What an app with work in progress (the newsroom's editor) adds to the idle notice: a
/// line saying where the work stands, and a call when the notice appears, so that the
/// work can be saved at once. A type parameter rather than a value, so that the
/// portal's bundle, which has no such work ([`NoWork`]), carries none of its code.
pub trait Work: Copy + Send + Sync + 'static {
    /// False for [`NoWork`]: the notice then has no code for the work at all.
    const PRESENT: bool = true;
    /// The line the notice shows about the work (read reactively), if any.
    fn status(self) -> Option<String>;
    /// The notice has appeared.
    fn noticed(self);
    /// The timer and its notice for `info` (see [`NoWork`]'s).
    fn notice(self, info: SessionInfo) -> impl Future<Output = AnyView> + Send + 'static {
        async move { view! { <IdleNotice info work=self/> }.into_any() }
    }
}

/// The idle timer while signed in (with what the app has in progress, `work`); after it
/// signed the reader out, the notice saying so.
#[component]
pub fn SessionNotices<W: Work>(work: W) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let location = use_location();
    let signed_in_as = Memo::new(move |_| auth.session.with(|s| s.as_ref().map(|s| s.user.id)));
    // The timer is the browser's alone: the server writes the page without it, and the
    // browser starts it once the page is its own.
    let in_browser = environment::in_browser();
    let timer = move || {
        signed_in_as
            .get()
            .filter(|_| in_browser.get())
            .and_then(|_| auth.session.get_untracked())
            .map(|info| Suspend::new(work.notice(info)))
    };
    let signed_out = move || {
        auth.ended.get().map(|ended| {
            let href = sign_in_returning_to(&location.pathname.get(), &location.search.get());
            let why = match ended {
                SessionEnd::Idle => "Bạn đã được đăng xuất do không sử dụng Site. ",
                SessionEnd::Lifetime => "Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại. ",
            };
            view! {
                <div class="idle-notice idle-notice--signed-out" role="region" aria-label="Đã đăng xuất">
                    <p>{why} <a href=href>"Đăng nhập lại"</a></p>
                </div>
            }
        })
    };
    view! { {timer} {signed_out} }
}

/// The portal's pages: nothing in progress.
#[derive(Clone, Copy)]
pub struct NoWork;

impl Work for NoWork {
    const PRESENT: bool = false;
    fn status(self) -> Option<String> {
        None
    }
    fn noticed(self) {}
    fn notice(self, info: SessionInfo) -> impl Future<Output = AnyView> + Send + 'static {
        portal_notice(info)
    }
}

/// The portal's timer: a chunk of the citizens' wasm of its own (`#[lazy]`, see
/// `pages::lazy`), which a guest's pages never load.
#[cfg_attr(feature = "hydrate", leptos::lazy)]
async fn portal_notice(info: SessionInfo) -> AnyView {
    view! { <IdleNotice info work=NoWork/> }.into_any()
}

/// The timer and its notice, for as long as the reader is signed in.
#[component]
pub fn IdleNotice<W: Work>(info: SessionInfo, work: W) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let shell = Shell {
        auth,
        timer: StoredValue::new(IdleTimer::new(js_sys::Date::now(), server_session(&info))),
        view: RwSignal::new(IdleView::Hidden),
        announcement: RwSignal::new(String::new()),
        stay_link: NodeRef::new(),
        focus_before: StoredValue::new_local(None),
        wakeup: StoredValue::new_local(None),
        channel: StoredValue::new_local(None),
    };
    shell.channel.set_value(Channel::open(move |message| {
        shell.dispatch(move |t, now| t.on_message(now, message));
    }));
    listen_for_activity(shell);
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some() {
            shell.activity();
        }
        path
    });
    on_cleanup(move || {
        // Signed out from the header: tell the other tabs (the timer's own sign-outs
        // have told them already).
        if shell.timer.try_with_value(|t| !t.is_signed_out()) == Some(true) {
            shell.post(Message::SignedOut { idle: false });
        }
        shell.wakeup.set_value(None);
    });
    // Each time the notice appears its link is a new element: focus moves to it.
    Effect::new(move |_| {
        if let Some(link) = shell.stay_link.get() {
            let _ = link.focus();
        }
    });
    shell.dispatch(|t, now| t.on_tick(now));

    // Which notice shows (`Some(true)` the ending one), rebuilt only when that changes:
    // the countdown alone changes each second.
    let showing = Memo::new(move |_| match shell.view.get() {
        IdleView::Notice { .. } => Some(false),
        IdleView::Ending { .. } => Some(true),
        _ => None,
    });
    let seconds = move || match shell.view.get() {
        IdleView::Notice { seconds } | IdleView::Ending { seconds } => seconds,
        _ => 0,
    };
    let countdown = move || view! { <span class="idle-notice__countdown">{move || countdown_text(seconds())}</span> };
    if W::PRESENT {
        Effect::new(move |_| {
            if showing.get().is_some() {
                work.noticed();
            }
        });
    }
    let work_status = move || {
        let status = W::PRESENT.then(|| work.status())??;
        Some(view! { <p class="idle-notice__work">{status}</p> })
    };
    let notice = move || {
        showing.get().map(|ending| {
            let words = if ending {
                view! { <p>{ENDING_TEXT} " " {countdown}</p> }.into_any()
            } else {
                view! {
                    <p>
                        "Bạn đã không sử dụng Site, "
                        <button type="button" class="idle-notice__stay" node_ref=shell.stay_link on:click=move |_| shell.stay()>
                            "Bấm vào đây để duy trì trạng thái đăng nhập"
                        </button>
                        ". "
                        {countdown}
                    </p>
                }
                .into_any()
            };
            view! {
                <div class="idle-notice" role="region" aria-label="Sắp hết phiên đăng nhập">{words}{work_status}</div>
            }
        })
    };
    view! {
        {notice}
        <p class="visually-hidden" role="status">{move || shell.announcement.get()}</p>
    }
}

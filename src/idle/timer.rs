//! The idle timer as a pure state machine: events in, commands and a view out.
//!
//! Every time is in milliseconds on the client's clock (`Date.now()`), passed in, so the
//! machine can be tested without a browser. The session deadline is kept as a wall-clock
//! instant, never as a count of ticks: a throttled background tab or a laptop that slept
//! computes the right remaining time when it wakes. The server's view of the session
//! (its `expires_at` and `now`) sets the deadline, which corrects any clock offset.
//! When the deadline is the session's absolute end (`ends_at`), no keepalive can move
//! it: the notice then says the session is ending, and offers nothing to click.

use serde::{Deserialize, Serialize};

/// At most one keepalive a minute is sent for ordinary activity.
pub const KEEPALIVE_THROTTLE_MS: f64 = 60_000.0;
/// Screen readers hear the countdown when the notice appears and at these seconds left.
const ANNOUNCE_AT_S: [u64; 2] = [40, 20];

/// What the server said of the session (milliseconds on the server's clock).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ServerSession {
    pub expires_at_ms: f64,
    /// The absolute end: `expires_at_ms` never passes it.
    pub ends_at_ms: f64,
    pub server_now_ms: f64,
    pub warning_ms: f64,
}

/// What tabs of the portal tell each other.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// The session now lasts until this (a keepalive in another tab).
    Extended(ServerSession),
    /// Signed out; `idle` when for want of activity.
    SignedOut { idle: bool },
}

/// What the browser shell must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SendKeepalive,
    /// Ask the server whether the session was extended elsewhere.
    CheckSession,
    SignOut,
    Broadcast(Message),
    /// Show the notice: move focus to its link.
    ShowNotice,
    /// The notice went away: give focus back, and empty the status line it spoke in.
    HideNotice,
    Announce(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Active,
    Warning,
    /// The deadline passed; waiting for the server's word.
    Checking,
    SignedOut {
        idle: bool,
    },
}

/// What the reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleView {
    Hidden,
    /// The countdown, in whole seconds left (1 to 60).
    Notice {
        seconds: u64,
    },
    /// The countdown to the session's absolute end, which nothing can postpone.
    Ending {
        seconds: u64,
    },
    SignedOutForIdling,
    /// Signed out at the session's absolute end.
    SignedOutAtEnd,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdleTimer {
    phase: Phase,
    /// When the session ends, on the client's clock.
    deadline: f64,
    /// The latest expiry the server told (server clock): a later one means someone
    /// extended the session.
    expires_at: f64,
    warning: f64,
    /// The deadline is the session's absolute end: keepalives cannot move it.
    at_end: bool,
    last_keepalive: f64,
    activity_pending: bool,
    announced: usize,
}

/// The notice's words when the session reaches its absolute end.
pub const ENDING_TEXT: &str =
    "Phiên đăng nhập đã đến thời hạn tối đa, vui lòng lưu công việc và đăng nhập lại.";

/// The notice's words for `seconds` left, as NukeViet's.
pub fn countdown_text(seconds: u64) -> String {
    format!("Thời gian chờ: {seconds} giây")
}

impl IdleTimer {
    pub fn new(now: f64, session: ServerSession) -> Self {
        let mut timer = Self {
            phase: Phase::Active,
            deadline: 0.0,
            expires_at: f64::NEG_INFINITY,
            warning: session.warning_ms,
            at_end: false,
            last_keepalive: f64::NEG_INFINITY,
            activity_pending: false,
            announced: 0,
        };
        timer.adopt(now, session);
        timer
    }

    fn adopt(&mut self, now: f64, session: ServerSession) {
        self.expires_at = session.expires_at_ms;
        self.deadline = now + (session.expires_at_ms - session.server_now_ms);
        self.warning = session.warning_ms;
        self.at_end = session.expires_at_ms >= session.ends_at_ms;
    }

    fn remaining(&self, now: f64) -> f64 {
        self.deadline - now
    }

    /// Time passed (a timer fired, or the tab became visible again).
    pub fn on_tick(&mut self, now: f64) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.phase == Phase::Active && self.activity_pending {
            commands.extend(self.keepalive_if_due(now));
        }
        match self.phase {
            Phase::Active | Phase::Warning if self.remaining(now) <= 0.0 => {
                if self.phase == Phase::Warning {
                    commands.push(Command::HideNotice);
                }
                self.phase = Phase::Checking;
                commands.push(Command::CheckSession);
            }
            Phase::Active if self.remaining(now) <= self.warning => {
                self.phase = Phase::Warning;
                self.announced = 0;
                commands.push(Command::ShowNotice);
                let countdown = countdown_text(self.seconds_left(now));
                commands.push(Command::Announce(if self.at_end {
                    format!("{ENDING_TEXT} {countdown}.")
                } else {
                    format!(
                        "Bạn đã không sử dụng Site. {countdown}. Bấm vào đây để duy trì trạng thái đăng nhập."
                    )
                }));
                self.skip_passed_announcements(now);
            }
            Phase::Warning => {
                let seconds = self.seconds_left(now);
                while let Some(&at) = ANNOUNCE_AT_S.get(self.announced) {
                    if seconds > at {
                        break;
                    }
                    self.announced += 1;
                    commands.push(Command::Announce(countdown_text(seconds)));
                }
            }
            _ => {}
        }
        commands
    }

    fn skip_passed_announcements(&mut self, now: f64) {
        let seconds = self.seconds_left(now);
        self.announced = ANNOUNCE_AT_S.iter().filter(|at| seconds <= **at).count();
    }

    fn keepalive_if_due(&mut self, now: f64) -> Option<Command> {
        if self.at_end {
            // Nothing can extend the session any more.
            self.activity_pending = false;
            return None;
        }
        if now - self.last_keepalive >= KEEPALIVE_THROTTLE_MS {
            self.last_keepalive = now;
            self.activity_pending = false;
            Some(Command::SendKeepalive)
        } else {
            self.activity_pending = true;
            None
        }
    }

    /// The reader did something. Ignored while the notice shows: only its link, Esc or a
    /// button press on it keeps the session.
    pub fn on_activity(&mut self, now: f64) -> Vec<Command> {
        match self.phase {
            Phase::Active => self.keepalive_if_due(now).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The reader asked to stay signed in.
    pub fn on_stay(&mut self, now: f64) -> Vec<Command> {
        match self.phase {
            Phase::Warning if !self.at_end => {
                self.last_keepalive = now;
                vec![Command::SendKeepalive]
            }
            _ => Vec::new(),
        }
    }

    /// A keepalive did not get through; try again with the next activity.
    pub fn on_keepalive_failed(&mut self) {
        self.last_keepalive = f64::NEG_INFINITY;
        self.activity_pending = true;
    }

    /// The server told the session's expiry (a keepalive's answer, a check's answer, or
    /// another tab's news).
    pub fn on_session(&mut self, now: f64, session: ServerSession) -> Vec<Command> {
        let extended = session.expires_at_ms > self.expires_at;
        match self.phase {
            Phase::SignedOut { .. } => Vec::new(),
            Phase::Checking if !extended => vec![Command::SignOut],
            _ if session.expires_at_ms < self.expires_at => Vec::new(),
            phase => {
                self.adopt(now, session);
                let showing = phase == Phase::Warning;
                self.phase = Phase::Active;
                let mut commands = if showing {
                    vec![Command::HideNotice]
                } else {
                    Vec::new()
                };
                commands.extend(self.on_tick(now));
                commands
            }
        }
    }

    /// The session ended: here (`local`), or in another tab.
    pub fn on_signed_out(&mut self, idle: bool, local: bool) -> Vec<Command> {
        let was_showing = self.phase == Phase::Warning;
        self.phase = Phase::SignedOut { idle };
        let mut commands = Vec::new();
        if was_showing {
            commands.push(Command::HideNotice);
        }
        if local {
            commands.push(Command::Broadcast(Message::SignedOut { idle }));
        }
        if idle {
            commands.push(Command::Announce(
                if self.at_end {
                    "Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại."
                } else {
                    "Bạn đã được đăng xuất do không sử dụng Site."
                }
                .into(),
            ));
        }
        commands
    }

    /// News from another tab.
    pub fn on_message(&mut self, now: f64, message: Message) -> Vec<Command> {
        match message {
            Message::Extended(session) => self.on_session(now, session),
            Message::SignedOut { idle } => self.on_signed_out(idle, false),
        }
    }

    fn seconds_left(&self, now: f64) -> u64 {
        let seconds = (self.remaining(now) / 1000.0).ceil();
        (seconds.max(0.0) as u64).min((self.warning / 1000.0).ceil() as u64)
    }

    pub fn is_signed_out(&self) -> bool {
        matches!(self.phase, Phase::SignedOut { .. })
    }

    pub fn view(&self, now: f64) -> IdleView {
        match self.phase {
            Phase::Warning if self.remaining(now) > 0.0 => {
                let seconds = self.seconds_left(now);
                if self.at_end {
                    IdleView::Ending { seconds }
                } else {
                    IdleView::Notice { seconds }
                }
            }
            Phase::SignedOut { idle: true } if self.at_end => IdleView::SignedOutAtEnd,
            Phase::SignedOut { idle: true } => IdleView::SignedOutForIdling,
            _ => IdleView::Hidden,
        }
    }

    /// When the shell should call [`on_tick`](Self::on_tick) next.
    pub fn next_wakeup(&self, now: f64) -> Option<f64> {
        match self.phase {
            Phase::Active => {
                let warn_at = self.deadline - self.warning;
                let keepalive_at = if self.activity_pending {
                    self.last_keepalive + KEEPALIVE_THROTTLE_MS
                } else {
                    f64::INFINITY
                };
                Some(warn_at.min(keepalive_at).max(now))
            }
            Phase::Warning => {
                let into_second = self.remaining(now).rem_euclid(1000.0);
                let step = if into_second == 0.0 {
                    1000.0
                } else {
                    into_second
                };
                Some((now + step).min(self.deadline))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: f64 = 60_000.0;
    const TIMEOUT: f64 = 30.0 * MINUTE;

    /// A session that, at client time `now`, has `remaining` ms left; the server's clock
    /// runs `offset` ms ahead of the client's.
    fn session(now: f64, remaining: f64, offset: f64) -> ServerSession {
        ServerSession {
            expires_at_ms: now + offset + remaining,
            ends_at_ms: now + offset + 12.0 * 60.0 * MINUTE,
            server_now_ms: now + offset,
            warning_ms: MINUTE,
        }
    }

    /// A session whose expiry is its absolute end, `remaining` ms from `now`.
    fn ending(now: f64, remaining: f64) -> ServerSession {
        ServerSession {
            ends_at_ms: now + remaining,
            ..session(now, remaining, 0.0)
        }
    }

    fn started() -> IdleTimer {
        IdleTimer::new(0.0, session(0.0, TIMEOUT, 0.0))
    }

    #[test]
    fn the_notice_appears_exactly_sixty_seconds_before_the_deadline() {
        let mut timer = started();
        assert_eq!(timer.next_wakeup(0.0), Some(TIMEOUT - MINUTE));
        assert!(timer.on_tick(TIMEOUT - MINUTE - 1.0).is_empty());
        assert_eq!(timer.view(TIMEOUT - MINUTE - 1.0), IdleView::Hidden);
        let commands = timer.on_tick(TIMEOUT - MINUTE);
        assert_eq!(commands[0], Command::ShowNotice);
        assert!(
            matches!(&commands[1], Command::Announce(text) if text.contains("Thời gian chờ: 60 giây"))
        );
        assert_eq!(
            timer.view(TIMEOUT - MINUTE),
            IdleView::Notice { seconds: 60 }
        );
    }

    #[test]
    fn the_countdown_follows_the_wall_clock_and_speaks_at_40_and_20() {
        let mut timer = started();
        timer.on_tick(TIMEOUT - MINUTE);
        let mut spoken = Vec::new();
        for second in 1..60 {
            let now = TIMEOUT - MINUTE + f64::from(second) * 1000.0;
            assert_eq!(timer.next_wakeup(now - 1000.0), Some(now));
            for command in timer.on_tick(now) {
                if let Command::Announce(text) = command {
                    spoken.push(text);
                }
            }
            assert_eq!(
                timer.view(now),
                IdleView::Notice {
                    seconds: 60 - second as u64
                }
            );
        }
        assert_eq!(spoken, ["Thời gian chờ: 40 giây", "Thời gian chờ: 20 giây"]);
    }

    #[test]
    fn activity_resets_through_a_throttled_keepalive() {
        let mut timer = started();
        assert_eq!(timer.on_activity(1000.0), [Command::SendKeepalive]);
        assert!(timer.on_activity(2000.0).is_empty(), "throttled");
        assert!(timer.on_activity(30_000.0).is_empty());
        // The pending activity is sent once the minute is over.
        assert_eq!(timer.next_wakeup(30_000.0), Some(61_000.0));
        assert_eq!(timer.on_tick(61_000.0), [Command::SendKeepalive]);
        assert!(timer.on_tick(62_000.0).is_empty());
    }

    #[test]
    fn a_keepalive_answer_moves_the_deadline() {
        let mut timer = started();
        timer.on_activity(20.0 * MINUTE);
        timer.on_session(20.0 * MINUTE, session(20.0 * MINUTE, TIMEOUT, 0.0));
        assert!(timer.on_tick(TIMEOUT - MINUTE).is_empty(), "postponed");
        assert_eq!(timer.next_wakeup(TIMEOUT), Some(50.0 * MINUTE - MINUTE));
    }

    #[test]
    fn mouse_movement_does_not_dismiss_the_notice_but_staying_does() {
        let mut timer = started();
        timer.on_tick(TIMEOUT - MINUTE);
        assert!(timer.on_activity(TIMEOUT - 50_000.0).is_empty());
        assert_eq!(
            timer.view(TIMEOUT - 50_000.0),
            IdleView::Notice { seconds: 50 }
        );
        assert_eq!(timer.on_stay(TIMEOUT - 50_000.0), [Command::SendKeepalive]);
        // Hidden only once the server confirms.
        assert_eq!(
            timer.view(TIMEOUT - 49_000.0),
            IdleView::Notice { seconds: 49 }
        );
        let now = TIMEOUT - 49_000.0;
        let commands = timer.on_session(now, session(now, TIMEOUT, 0.0));
        assert_eq!(commands, [Command::HideNotice]);
        assert_eq!(timer.view(now), IdleView::Hidden);
    }

    #[test]
    fn at_zero_it_asks_the_server_then_signs_out() {
        let mut timer = started();
        timer.on_tick(TIMEOUT - MINUTE);
        assert_eq!(
            timer.on_tick(TIMEOUT),
            [Command::HideNotice, Command::CheckSession]
        );
        assert_eq!(timer.view(TIMEOUT), IdleView::Hidden, "no stale countdown");
        // The server knows no later expiry: nobody extended it.
        let unchanged = session(0.0, TIMEOUT, 0.0);
        assert_eq!(timer.on_session(TIMEOUT, unchanged), [Command::SignOut]);
        let commands = timer.on_signed_out(true, true);
        assert!(commands.contains(&Command::Broadcast(Message::SignedOut { idle: true })));
        assert_eq!(timer.view(TIMEOUT), IdleView::SignedOutForIdling);
        assert_eq!(timer.next_wakeup(TIMEOUT), None);
    }

    #[test]
    fn at_zero_a_session_extended_elsewhere_goes_on() {
        let mut timer = started();
        timer.on_tick(TIMEOUT);
        let extended = session(TIMEOUT, 10.0 * MINUTE, 0.0);
        assert!(timer.on_session(TIMEOUT, extended).is_empty());
        assert_eq!(timer.view(TIMEOUT), IdleView::Hidden);
        assert!(!timer.is_signed_out());
        assert_eq!(timer.next_wakeup(TIMEOUT), Some(TIMEOUT + 9.0 * MINUTE));
    }

    #[test]
    fn waking_from_sleep_past_the_deadline_checks_at_once() {
        let mut timer = started();
        // The laptop slept through the warning: no countdown, straight to the check.
        assert_eq!(
            timer.on_tick(TIMEOUT + 5.0 * MINUTE),
            [Command::CheckSession]
        );
        assert_eq!(timer.view(TIMEOUT + 5.0 * MINUTE), IdleView::Hidden);
    }

    #[test]
    fn waking_inside_the_warning_shows_the_true_seconds_left() {
        let mut timer = started();
        let now = TIMEOUT - 25_000.0;
        let commands = timer.on_tick(now);
        assert_eq!(commands[0], Command::ShowNotice);
        assert_eq!(timer.view(now), IdleView::Notice { seconds: 25 });
        // 40 is past; only 20 is still to be announced.
        let spoken: Vec<_> = timer
            .on_tick(TIMEOUT - 20_000.0)
            .into_iter()
            .filter(|c| matches!(c, Command::Announce(_)))
            .collect();
        assert_eq!(spoken, [Command::Announce("Thời gian chờ: 20 giây".into())]);
    }

    #[test]
    fn the_servers_clock_offset_is_corrected() {
        // The server runs 7 hours ahead (a wrong client clock): only the remaining time counts.
        let timer = IdleTimer::new(0.0, session(0.0, TIMEOUT, 7.0 * 3_600_000.0));
        assert_eq!(timer.next_wakeup(0.0), Some(TIMEOUT - MINUTE));
    }

    #[test]
    fn other_tabs_news_extends_and_signs_out_together() {
        let mut timer = started();
        timer.on_tick(TIMEOUT - MINUTE);
        let now = TIMEOUT - 30_000.0;
        let news = Message::Extended(session(now, TIMEOUT, 0.0));
        assert_eq!(timer.on_message(now, news), [Command::HideNotice]);
        assert_eq!(timer.view(now), IdleView::Hidden);
        // Stale news (an older expiry) changes nothing.
        assert!(
            timer
                .on_message(now, Message::Extended(session(0.0, TIMEOUT, 0.0)))
                .is_empty()
        );
        let commands = timer.on_message(now, Message::SignedOut { idle: false });
        assert!(
            !commands.iter().any(|c| matches!(c, Command::Broadcast(_))),
            "no echo"
        );
        assert!(timer.is_signed_out());
        assert_eq!(
            timer.view(now),
            IdleView::Hidden,
            "a manual sign-out shows no idle notice"
        );
    }

    #[test]
    fn a_failed_keepalive_is_retried_with_the_next_activity() {
        let mut timer = started();
        assert_eq!(timer.on_activity(1000.0), [Command::SendKeepalive]);
        timer.on_keepalive_failed();
        assert_eq!(timer.on_activity(2000.0), [Command::SendKeepalive]);
    }

    #[test]
    fn at_the_absolute_end_the_notice_says_so_and_offers_no_way_to_stay() {
        let mut timer = IdleTimer::new(0.0, ending(0.0, 5.0 * MINUTE));
        let warn_at = 4.0 * MINUTE;
        let commands = timer.on_tick(warn_at);
        assert_eq!(commands[0], Command::ShowNotice);
        assert!(
            matches!(&commands[1], Command::Announce(text) if text.starts_with(ENDING_TEXT)),
            "{commands:?}"
        );
        assert_eq!(timer.view(warn_at), IdleView::Ending { seconds: 60 });
        assert!(
            timer.on_stay(warn_at + 1000.0).is_empty(),
            "nothing to extend"
        );
        assert_eq!(
            timer.on_tick(5.0 * MINUTE),
            [Command::HideNotice, Command::CheckSession]
        );
        let same = ending(0.0, 5.0 * MINUTE);
        assert_eq!(timer.on_session(5.0 * MINUTE, same), [Command::SignOut]);
        timer.on_signed_out(true, true);
        assert_eq!(timer.view(5.0 * MINUTE), IdleView::SignedOutAtEnd);
    }

    #[test]
    fn activity_sends_no_keepalive_once_the_expiry_is_the_end() {
        let mut timer = IdleTimer::new(0.0, ending(0.0, 20.0 * MINUTE));
        assert!(timer.on_activity(MINUTE).is_empty());
        assert_eq!(timer.next_wakeup(MINUTE), Some(19.0 * MINUTE));
    }

    #[test]
    fn a_keepalive_that_reaches_the_end_turns_the_notice_into_the_ending_one() {
        let mut timer = started();
        let warn_at = TIMEOUT - MINUTE;
        timer.on_tick(warn_at);
        timer.on_stay(warn_at);
        // The server could only extend to the absolute end, ten minutes on.
        let capped = ending(warn_at, 10.0 * MINUTE);
        timer.on_session(warn_at, capped);
        assert_eq!(timer.view(warn_at), IdleView::Hidden);
        timer.on_tick(warn_at + 9.0 * MINUTE);
        assert_eq!(
            timer.view(warn_at + 9.0 * MINUTE),
            IdleView::Ending { seconds: 60 }
        );
    }
}

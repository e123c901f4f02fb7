//! A clean stop (SIGTERM, as systemd stops a service): stop taking connections, serve the
//! requests already sent, then exit. A listener that simply closed would reset the
//! connections the kernel had queued, and a connection accepted a moment before the stop
//! would be closed as idle before its request was read: both are requests a client sent
//! and never had answered. So on the signal the listener takes every queued connection,
//! then closes (new clients are refused, which they can tell apart from a cut request),
//! and the connections are told to finish only once the newest has had
//! [`FIRST_REQUEST_WAIT`] to send its request.

use std::{
    collections::VecDeque,
    io,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::serve::Listener;
use tokio::{
    net::{TcpListener, TcpStream},
    sync::{Notify, watch},
};

/// How long a connection accepted just before the stop has to send its request.
pub const FIRST_REQUEST_WAIT: Duration = Duration::from_secs(1);

/// A listener that closes on a stop, as above.
pub struct Closing {
    listener: Option<TcpListener>,
    queued: VecDeque<(TcpStream, SocketAddr)>,
    stop: watch::Receiver<bool>,
    stopping: Arc<Stopping>,
}

/// How far the stop has gone, for the task that ends the connections.
#[derive(Default)]
pub struct Stopping {
    closed: Notify,
    last_accepted: Mutex<Option<Instant>>,
}

impl Stopping {
    /// Waits until the listener is closed and the newest connection has had its time.
    pub async fn connections_may_end(&self) {
        self.closed.notified().await;
        let last = *self.last_accepted.lock().expect("never poisoned");
        if let Some(last) = last {
            tokio::time::sleep_until((last + FIRST_REQUEST_WAIT).into()).await;
        }
    }

    fn accepted(&self) {
        *self.last_accepted.lock().expect("never poisoned") = Some(Instant::now());
    }
}

impl Closing {
    pub fn new(listener: TcpListener, stop: watch::Receiver<bool>) -> (Self, Arc<Stopping>) {
        let stopping = Arc::new(Stopping::default());
        let closing = Self {
            listener: Some(listener),
            queued: VecDeque::new(),
            stop,
            stopping: stopping.clone(),
        };
        (closing, stopping)
    }

    /// Takes the connections the kernel has queued, then closes the socket. New
    /// handshakes are shut out first: one completing between the last take and the close
    /// would be reset with its request unread, and a thread preempted right there (a busy
    /// machine) leaves that moment open for milliseconds.
    fn take_queued_and_close(&mut self) {
        let Some(listener) = self.listener.take() else {
            return;
        };
        match listener.into_std() {
            Ok(listener) => {
                if let Err(error) = refuse_new_handshakes(&listener) {
                    tracing::warn!(%error, "cannot shut the listener to new connections first");
                }
                self.take_queued(&listener);
            }
            Err(error) => tracing::warn!(%error, "cannot take the queued connections"),
        }
        self.stopping.closed.notify_one();
    }

    /// Takes every connection the kernel has queued on `listener`.
    fn take_queued(&mut self, listener: &std::net::TcpListener) {
        loop {
            match listener.accept() {
                Ok((stream, address)) => match stream
                    .set_nonblocking(true)
                    .and_then(|()| TcpStream::from_std(stream))
                {
                    Ok(stream) => self.queued.push_back((stream, address)),
                    Err(error) => tracing::warn!(%error, "a queued connection was lost"),
                },
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => break,
                Err(error) => {
                    tracing::warn!(%error, "cannot take the queued connections");
                    break;
                }
            }
        }
    }
}

/// Has the kernel drop whatever reaches the listening socket from now on (a socket filter
/// that keeps nothing): a client's SYN goes unanswered, so it tries again and is refused
/// once the socket is closed — a refusal it tells from a cut request — and no handshake
/// completes into the queue. Connections already queued are sockets of their own, which
/// the filter does not touch. Linux only; elsewhere the listener just closes.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn refuse_new_handshakes(listener: &std::net::TcpListener) -> io::Result<()> {
    /// `BPF_RET | BPF_K` with 0: keep no byte of any packet.
    const DROP_ALL: socket2::SockFilter = socket2::SockFilter::new(0x06, 0, 0, 0);
    socket2::SockRef::from(listener).attach_filter(&[DROP_ALL])
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn refuse_new_handshakes(_: &std::net::TcpListener) -> io::Result<()> {
    Ok(())
}

impl Listener for Closing {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        loop {
            if *self.stop.borrow() {
                self.take_queued_and_close();
            }
            if let Some(queued) = self.queued.pop_front() {
                self.stopping.accepted();
                return queued;
            }
            let Some(listener) = &self.listener else {
                return std::future::pending().await;
            };
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(connection) => {
                        self.stopping.accepted();
                        return connection;
                    }
                    // As axum's own listener: a full table of descriptors, say, passes.
                    Err(error) => {
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                },
                _ = self.stop.changed() => {}
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener
            .as_ref()
            .ok_or_else(|| io::Error::other("the listener is closed"))?
            .local_addr()
    }
}

//! Tabs of the portal talk over a BroadcastChannel, or through localStorage's `storage`
//! event where BroadcastChannel is missing. Either way a tab does not hear itself.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{BroadcastChannel, MessageEvent, StorageEvent};

use super::timer::Message;

const NAME: &str = "khuyencong-phien";

enum Transport {
    Broadcast(BroadcastChannel),
    Storage,
}

pub struct Channel {
    transport: Transport,
    _listener: Closure<dyn FnMut(web_sys::Event)>,
}

fn decode(text: Option<String>) -> Option<Message> {
    crate::json::parse::<(Message, f64)>(&text?).map(|(message, _)| message)
}

impl Channel {
    pub fn open(on_message: impl Fn(Message) + 'static) -> Option<Self> {
        match BroadcastChannel::new(NAME) {
            Ok(channel) => {
                let listener =
                    Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                        let text = event
                            .dyn_ref::<MessageEvent>()
                            .and_then(|e| e.data().as_string());
                        if let Some(message) = decode(text) {
                            on_message(message);
                        }
                    });
                channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
                Some(Self {
                    transport: Transport::Broadcast(channel),
                    _listener: listener,
                })
            }
            Err(_) => {
                let listener =
                    Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                        let Some(event) = event.dyn_ref::<StorageEvent>() else {
                            return;
                        };
                        if event.key().as_deref() == Some(NAME)
                            && let Some(message) = decode(event.new_value())
                        {
                            on_message(message);
                        }
                    });
                web_sys::window()?
                    .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref())
                    .ok()?;
                Some(Self {
                    transport: Transport::Storage,
                    _listener: listener,
                })
            }
        }
    }

    pub fn post(&self, message: Message) {
        // The timestamp makes every storage write a change, so repeats are heard too.
        let Some(text) = crate::json::to_string(&(message, js_sys::Date::now())) else {
            return;
        };
        match &self.transport {
            Transport::Broadcast(channel) => {
                let _ = channel.post_message(&text.into());
            }
            Transport::Storage => {
                if let Some(storage) =
                    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
                {
                    let _ = storage.set_item(NAME, &text);
                }
            }
        }
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        match &self.transport {
            Transport::Broadcast(channel) => channel.close(),
            Transport::Storage => {
                if let Some(window) = web_sys::window() {
                    let _ = window.remove_event_listener_with_callback(
                        "storage",
                        self._listener.as_ref().unchecked_ref(),
                    );
                }
            }
        }
    }
}

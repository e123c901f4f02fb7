//! The newsroom bundle: the staff's app, kept out of the citizens' wasm.

fn main() {
    portal::newsroom();
}

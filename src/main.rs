//! The citizens' portal bundle (see the library for its parts).

fn main() {
    portal::portal();
}

//! The `alloc` names every module uses. The crate is `no_std` (see `lib.rs`), so `String` and `Vec`
//! are not in the default prelude; each module imports this one instead of repeating the list.

pub use alloc::borrow::ToOwned;
pub use alloc::string::String;
pub use alloc::vec;
pub use alloc::vec::Vec;

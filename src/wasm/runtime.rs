//! What the `.wasm` needs when built without `std` (the npm package: `--no-default-features`): an allocator
//! and a panic handler.
//!
//! Why: std's panic machinery (message formatting, hooks) and dlmalloc cost about a fifth of the `.wasm`.
//! Nothing on a path reachable from JS panics (see the lints in `lib.rs`), so the handler only traps.

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

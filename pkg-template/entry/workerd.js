// Cloudflare Workers (workerd, wrangler, Miniflare): the .wasm import is a compiled WebAssembly.Module, so the
// package initialises synchronously at import, with no manual init step. Instantiating is allowed in global
// scope (no I/O, timers or randomness happen here).
import module from './telnyx_verify_wasm_bg.wasm';
import { initSync } from './telnyx_verify_wasm.js';

initSync({ module });

export * from './telnyx_verify_wasm.js';
export { default } from './telnyx_verify_wasm.js';

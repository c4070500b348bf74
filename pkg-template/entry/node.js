// Node ≥ 18, Deno and Bun (ESM): the .wasm is read from beside this file and initialised at import.
// `init()`/`initSync()` stay exported and return at once when called again.
import { readFileSync } from 'node:fs';
import { initSync } from './telnyx_verify_wasm.js';

initSync({ module: readFileSync(new URL('./telnyx_verify_wasm_bg.wasm', import.meta.url)) });

export * from './telnyx_verify_wasm.js';
export { default } from './telnyx_verify_wasm.js';

// Browsers through a bundler (esbuild, Vite, webpack): fetches the .wasm next to the bundle with top-level await,
// so importing is enough. A plain <script type="module"> page uses the default entry and calls `init()` itself.
import init from './telnyx_verify_wasm.js';

await init({ module_or_path: new URL('./telnyx_verify_wasm_bg.wasm', import.meta.url) });

export * from './telnyx_verify_wasm.js';
export { default } from './telnyx_verify_wasm.js';

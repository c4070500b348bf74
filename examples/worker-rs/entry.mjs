// The Worker's JS entry: loads the wasm-bindgen output of the Rust crate (`--target web`) and hands requests to
// its `#[event(fetch)]` handler. (workers-rs's `worker-build` writes an equivalent shim; it downloads tools, so
// the example builds with wasm-bindgen alone.)
import * as worker from './build/worker.js';
import wasm from './build/worker_bg.wasm';

worker.initSync({ module: wasm });

export default {
  fetch: (request, env, ctx) => worker.fetch(request, env, ctx),
};

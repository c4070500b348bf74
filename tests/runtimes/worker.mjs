// A Worker (workerd via Miniflare): imports the package as a Worker would (the "workerd" export condition, the
// .wasm as a compiled module), runs the conformance check per request, answers the results as JSON.
import * as lib from 'telnyx-verify-wasm';
import { conform } from './conformance.mjs';

export default {
  async fetch(request, env) {
    return Response.json(await conform(lib, { sandboxUrl: env.SANDBOX_URL }));
  },
};

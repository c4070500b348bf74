// A page bundled by esbuild for browsers (the "browser" export condition: it fetches the .wasm beside the
// bundle with top-level await): runs the conformance check and shows the results.
import * as lib from 'telnyx-verify-wasm';
import { conform } from './conformance.mjs';

const sandboxUrl = new URL(location.href).searchParams.get('sandbox');
const results = await conform(lib, { sandboxUrl });
document.body.dataset.results = JSON.stringify(results);

// Node with require(): the package's CommonJS entry, the same conformance check.
const lib = require('telnyx-verify-wasm');

import('./conformance.mjs')
  .then(({ conform }) => conform(lib, { sandboxUrl: process.env.SANDBOX_URL }))
  .then((results) => console.log(JSON.stringify({ ...results, required: typeof lib.VerifyClient === 'function' })));

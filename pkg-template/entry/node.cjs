// Node ≥ 18 with `require()`: glue.cjs is the ESM glue bundled to CommonJS at build time (esbuild), and the
// .wasm is the same file the ESM entries load. (ESM and CJS in one process are two separate instances.)
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const glue = require('./glue.cjs');

glue.initSync({ module: readFileSync(join(__dirname, 'telnyx_verify_wasm_bg.wasm')) });

module.exports = glue;

// telnyx-verify-wasm as Node loads it (the client-only entry).
import * as lib from '../../pkg/client/node.js';
import { makeWith } from './ours-core.mjs';

export const make = makeWith(lib);

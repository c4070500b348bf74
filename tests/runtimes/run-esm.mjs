// Node (ESM), Deno and Bun: import the installed package by name, run the conformance check, print JSON.
import * as lib from 'telnyx-verify-wasm';
import { conform } from './conformance.mjs';

const sandboxUrl = globalThis.process?.env?.SANDBOX_URL ?? globalThis.Deno?.env.get('SANDBOX_URL');
console.log(JSON.stringify(await conform(lib, { sandboxUrl })));

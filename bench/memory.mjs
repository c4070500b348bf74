// Memory of one long-lived client (run with --expose-gc): JS heap and wasm memory after 1,000 and 100,000 calls
// (50,000 start + check pairs) through a fetch that answers canned responses in-process.
import { make } from './impls/ours.mjs';
import { initSync } from '../pkg/client/node.js';

const verification = JSON.stringify({
  data: {
    id: '12ade33a-21c0-473b-b055-b3c836e1c292',
    status: 'pending',
    type: 'sms',
    phone_number: '+13035551234',
    verify_profile_id: '12ade33a-21c0-473b-b055-b3c836e1c292',
  },
});
const accepted = JSON.stringify({ data: { phone_number: '+13035551234', response_code: 'accepted' } });
// Called with a Request by our client (a URL string by the others).
const fetch = async (input) =>
  new Response(String(input.url ?? input).endsWith('/actions/verify') ? accepted : verification, {
    headers: { 'content-type': 'application/json' },
  });
const pair = make('https://api.telnyx.com/v2', fetch);
const wasmMemory = initSync().memory; // already initialised: returns the instance's exports

async function calls(n) {
  for (let i = 0; i < n / 2; i++) await pair('12345');
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  globalThis.gc();
  return { heap: process.memoryUsage().heapUsed, wasm: wasmMemory.buffer.byteLength };
}

const after1k = await calls(1000);
const after100k = await calls(99_000);
console.log(JSON.stringify({ after1k, after100k }));

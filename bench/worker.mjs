// The workerd side of the benchmark (Miniflare): start + check pairs with telnyx-verify-wasm or raw fetch, either
// against the loopback server (per-call time) or against an in-isolate fetch that answers at once (CPU: no I/O).
import * as lib from '../pkg/client/workerd.js';
import { makeWith } from './impls/ours-core.mjs';
import { make as raw } from './impls/fetch.mjs';

const ours = makeWith(lib);

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
const local = async (input) =>
  new Response(String(input.url ?? input).endsWith('/actions/verify') ? accepted : verification);

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n'));
    const impl = url.searchParams.get('impl') === 'ours' ? ours : raw;
    const pair = url.searchParams.get('api')
      ? impl(url.searchParams.get('api'))
      : impl('https://api.telnyx.com/v2', local);
    for (let i = 0; i < n; i++) await pair('12345');
    return new Response('ok');
  },
};

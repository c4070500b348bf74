// Smoke test of the built package (pkg/, the optimised .wasm as shipped: talc, wasm-opt -Os) in Node:
// the client-only entry loads with initSync, validates, calls a fetch, and maps answers and failures; the main
// entry runs a whole flow against its in-process sandbox. The full behaviour is tested on the debug build by
// the wasm tests; this proves the release artifacts run the same.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { initSync, VerifyClient, isVerifyError } from '../pkg/client/telnyx_verify_wasm.js';
import * as full from '../pkg/telnyx_verify_wasm.js';
import { injectedFailure } from './support/injected.mjs';

injectedFailure('pkg-smoke');

initSync({ module: readFileSync(new URL('../pkg/client/telnyx_verify_wasm_bg.wasm', import.meta.url)) });
full.initSync({ module: readFileSync(new URL('../pkg/telnyx_verify_wasm_bg.wasm', import.meta.url)) });

const KEY = 'KEY_smoke_SECRET';
const ID = '12ade33a-21c0-473b-b055-b3c836e1c292';
const seen = [];
const answer = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
// A custom fetch receives one Request, and no `this`.
async function fakeFetch(request) {
  assert.equal(this, undefined);
  const url = request.url;
  const body = request.method === 'GET' ? undefined : await request.text();
  seen.push({ url, body, headers: Object.fromEntries(request.headers) });
  if (url.endsWith('/verify_profiles'))
    return answer(200, { data: { id: ID, name: JSON.parse(body).name, daily_spend_limit: 12.5 } });
  if (url.includes('/actions/verify'))
    return answer(200, { data: { phone_number: '+13035551234', response_code: 'rejected' } });
  if (url.includes('/limited'))
    return answer(
      429,
      { errors: [{ code: 10011, title: 'Too many requests' }] },
      { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' },
    );
  throw new TypeError(`fetch failed for ${request.headers.get('authorization')}`);
}

const client = new VerifyClient({ apiKey: KEY, fetch: fakeFetch, baseUrl: 'https://api.example/v2' });
const profile = await client.createProfile({ name: 'Smoke', daily_spend_limit: 12.5, sms: { code_length: 6 } });
assert.equal(profile.id, ID);
assert.equal(seen[0].body, '{"name":"Smoke","daily_spend_limit":12.5,"sms":{"code_length":6}}');
assert.equal(seen[0].headers.authorization, `Bearer ${KEY}`);
assert.equal(seen[0].headers['content-type'], 'application/json');

const result = await client.verifyCode({ phone_number: '+13035551234', code: '00000', verify_profile_id: ID });
assert.equal(result.response_code, 'rejected');
assert.equal(seen[1].url, 'https://api.example/v2/verifications/by_phone_number/+13035551234/actions/verify');

const invalid = await client
  .startVerification({ type: 'sms', phoneNumber: '+13035551234', verify_profile_id: ID })
  .catch((e) => e);
assert.ok(isVerifyError(invalid));
assert.equal(invalid.code, 'validation_failed');
assert.deepEqual(
  invalid.errors.map((e) => e.source.pointer),
  ['/phone_number', '/phoneNumber'],
);
assert.equal(seen.length, 2, 'nothing sent for invalid input');

const limited = await new VerifyClient({ apiKey: KEY, fetch: fakeFetch, baseUrl: 'https://api.example/limited' })
  .getProfile(ID)
  .catch((e) => e);
assert.deepEqual(
  [limited.code, limited.status, limited.retryAfter, limited.errors[0].code],
  ['rate_limited', 429, 0, '10011'],
);

const network = await new VerifyClient({ apiKey: KEY, fetch: fakeFetch, baseUrl: 'https://api.example/down' })
  .getProfile(ID)
  .catch((e) => e);
assert.equal(network.code, 'network_error');
assert.ok(!network.message.includes(KEY) && network.message.includes('***'), network.message);

// Many calls on one instance: the allocator and the JS object table hold up.
for (let i = 0; i < 2000; i++)
  await client.verifyCode({ phone_number: '+13035551234', code: String(i), verify_profile_id: ID });
assert.throws(
  () => new VerifyClient({ apikey: KEY }),
  (e) => e.field === '/apikey' && !e.message.includes(KEY),
);
// The main entry: the in-process sandbox as the client's fetch, with an injected clock.
let now = Date.UTC(2026, 10, 22);
const sandbox = full.createSandbox({ now: () => now });
const telnyx = new full.VerifyClient({ apiKey: 'sandbox', fetch: sandbox.fetch });
const acme = await telnyx.createProfile({ name: 'Acme', sms: { app_name: 'Acme', code_length: 6 } });
const started = await telnyx.startVerification({
  type: 'sms',
  phone_number: '+13035551234',
  verify_profile_id: acme.id,
});
const [message] = sandbox.outbox('+13035551234');
assert.equal(message.text, `Your Acme verification code is: ${message.code}.`);
assert.equal(message.created_at, '2026-11-22T00:00:00.000000');
assert.equal(
  (await telnyx.verifyCode({ phone_number: '+13035551234', code: '000000', verify_profile_id: acme.id })).response_code,
  'rejected',
);
now += 300_000;
assert.equal(
  (await telnyx.verifyCode({ phone_number: '+13035551234', code: message.code, verify_profile_id: acme.id }))
    .response_code,
  'rejected',
);
assert.equal((await telnyx.getVerification(started.id)).status, 'expired');
console.log('package smoke test: OK');

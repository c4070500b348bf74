// The edge Worker in Miniflare (real workerd) with its Durable Object bindings: the full flow, the cooldown and
// the daily cap, the cooldown still holding after Miniflare restarts on the same persistence directory (the
// state is not in the isolate), CORS for allowed and other origins, bad JSON, validation errors, and the API key
// absent from every response; webhooks (verified, forged, stale, replayed, kept across a restart; the sandbox's own).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { bundleWorker, workerOptions } from '../../../tests/support/workerd.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const repo = join(here, '..', '..');
const ORIGIN = 'http://127.0.0.1:8080';
const KEY = 'KEY_edge_SECRET_do_not_leak';
let work, bundle, upstream;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tvw-edge-'));
  bundle = bundleWorker(join(here, 'src', 'index.js'), join(work, 'dist'));
  const { startSandboxServer } = await import(join(repo, 'pkg', 'sandbox-server.mjs'));
  upstream = await startSandboxServer({ port: 0, log: null });
});

after(async () => {
  await upstream?.close();
  rmSync(work, { recursive: true, force: true });
});

function worker(bindings = {}, persist = join(work, `state-${Math.random()}`)) {
  return new Miniflare(workerOptions(bundle, {
    durableObjects: { LIMITER: 'RateLimiter', SANDBOX: 'SandboxObject', DELIVERIES: 'DeliveryLog' },
    durableObjectsPersist: persist,
    bindings: { ALLOWED_ORIGIN: ORIGIN, COOLDOWN_SECONDS: '30', DAILY_CAP: '10', ...bindings },
  }));
}

async function post(mf, path, body, headers = {}) {
  const response = await mf.dispatchFetch(`http://edge.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${path}: HTTP ${response.status} answered non-JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

async function outbox(mf, phone) {
  const response = await mf.dispatchFetch(`http://edge.test/_sandbox/outbox?phone_number=${encodeURIComponent(phone)}`, { headers: { origin: ORIGIN } });
  const text = await response.text();
  assert.equal(response.status, 200, text.slice(0, 300));
  return JSON.parse(text);
}

test('the full flow through the Worker, in sandbox mode', async () => {
  const mf = worker();
  try {
    const profile = await post(mf, '/profiles', { name: 'Edge', sms: { app_name: 'Edge', code_length: 6 } });
    assert.equal(profile.status, 200);
    assert.equal(profile.headers.get('access-control-allow-origin'), ORIGIN);
    const phone = '+13035550101';
    const started = await post(mf, '/verifications', { type: 'sms', phone_number: phone, verify_profile_id: profile.body.id });
    assert.equal(started.status, 200, started.text);
    assert.equal(started.body.status, 'pending');
    const [message] = await outbox(mf, phone);
    assert.match(message.code, /^\d{6}$/);
    const wrong = await post(mf, '/verifications/check', { phone_number: phone, code: '0', verify_profile_id: profile.body.id });
    assert.equal(wrong.body.response_code, 'rejected');
    const right = await post(mf, '/verifications/check', { phone_number: phone, code: message.code, verify_profile_id: profile.body.id });
    assert.equal(right.body.response_code, 'accepted');
  } finally {
    await mf.dispose();
  }
});

test('cooldown per number, and it survives a restart on the same persistence directory', async () => {
  const persist = join(work, 'persisted');
  let mf = worker({}, persist);
  const phone = '+13035550102';
  try {
    const profile = await post(mf, '/profiles', { name: 'Cooldown' });
    const first = await post(mf, '/verifications', { type: 'sms', phone_number: phone, verify_profile_id: profile.body.id });
    assert.equal(first.status, 200);
    const second = await post(mf, '/verifications', { type: 'call', phone_number: phone, verify_profile_id: profile.body.id });
    assert.equal(second.status, 429);
    assert.equal(second.body.code, 'rate_limited');
    const retryAfter = Number(second.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    const other = await post(mf, '/verifications', { type: 'sms', phone_number: '+13035550103', verify_profile_id: profile.body.id });
    assert.equal(other.status, 200, 'another number is not limited');
    await mf.dispose();
    // A new runtime: nothing of the old isolate is left, only the Durable Object's storage.
    mf = worker({}, persist);
    const profileAgain = await post(mf, '/profiles', { name: 'After restart' });
    const third = await post(mf, '/verifications', { type: 'sms', phone_number: phone, verify_profile_id: profileAgain.body.id });
    assert.equal(third.status, 429, 'the cooldown held across the restart');
  } finally {
    await mf.dispose();
  }
});

test('daily cap per number, configurable', async () => {
  const mf = worker({ COOLDOWN_SECONDS: '0', DAILY_CAP: '2' });
  try {
    const profile = await post(mf, '/profiles', { name: 'Cap' });
    const start = () => post(mf, '/verifications', { type: 'sms', phone_number: '+13035550104', verify_profile_id: profile.body.id });
    assert.equal((await start()).status, 200);
    assert.equal((await start()).status, 200);
    const capped = await start();
    assert.equal(capped.status, 429);
    const retryAfter = Number(capped.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 86_400, `until the next UTC day: ${retryAfter}`);
  } finally {
    await mf.dispose();
  }
});

test('invalid input costs no slot; bad JSON and validation errors are 400 with the package error', async () => {
  const mf = worker({ DAILY_CAP: '1' });
  try {
    const profile = await post(mf, '/profiles', { name: 'Invalid' });
    const invalid = await post(mf, '/verifications', { type: 'sms', phone_number: '+13035550105', verify_profile_id: 'not-a-uuid' });
    assert.equal(invalid.status, 400);
    assert.deepEqual([invalid.body.code, invalid.body.field], ['validation_failed', '/verify_profile_id']);
    const valid = await post(mf, '/verifications', { type: 'sms', phone_number: '+13035550105', verify_profile_id: profile.body.id });
    assert.equal(valid.status, 200, 'the invalid attempt did not use the only slot');
    const phone = await post(mf, '/verifications', { type: 'sms', phone_number: '555', verify_profile_id: profile.body.id });
    assert.deepEqual([phone.status, phone.body.field], [400, '/phone_number']);
    const unknown = await post(mf, '/verifications/check', { phone_number: '+13035550105', code: '1', verify_profile_id: '12ade33a-21c0-473b-b055-b3c836e1c292' });
    assert.deepEqual([unknown.status, unknown.body.code, unknown.body.errors[0].code], [404, 'not_found', '10005']);
    const bad = await post(mf, '/profiles', '{"name":');
    assert.deepEqual([bad.status, bad.body.code], [400, 'bad_json']);
    const nothing = await mf.dispatchFetch('http://edge.test/verify_profiles', { method: 'POST', headers: { origin: ORIGIN } });
    assert.equal(nothing.status, 404, 'only the three routes: no proxy to the rest of the API');
  } finally {
    await mf.dispose();
  }
});

test('CORS for the configured origin only', async () => {
  const mf = worker();
  try {
    const preflight = await mf.dispatchFetch('http://edge.test/verifications', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers'), /content-type/);
    const evil = await mf.dispatchFetch('http://edge.test/verifications', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const evilPost = await post(mf, '/profiles', { name: 'x' }, { origin: 'https://evil.example' });
    assert.equal(evilPost.status, 403);
  } finally {
    await mf.dispose();
  }
});

test('with a key: the key is used upstream and absent from every response', async () => {
  const mf = worker({ TELNYX_API_KEY: KEY, TELNYX_BASE_URL: `${upstream.url}/v2` });
  try {
    const responses = [];
    const profile = await post(mf, '/profiles', { name: 'Keyed' });
    responses.push(profile);
    assert.equal(profile.status, 200, profile.text);
    responses.push(await post(mf, '/verifications', { type: 'sms', phone_number: '+13035550106', verify_profile_id: profile.body.id }));
    responses.push(await post(mf, '/verifications/check', { phone_number: '+13035550106', code: '1', verify_profile_id: profile.body.id }));
    responses.push(await post(mf, '/verifications', { type: 'sms', phone_number: '+13035550106', verify_profile_id: profile.body.id }));
    responses.push(await post(mf, '/verifications', { type: 'sms', phone_number: 'bad', verify_profile_id: profile.body.id }));
    responses.push(await post(mf, '/profiles', '{'));
    const outboxClosed = await mf.dispatchFetch('http://edge.test/_sandbox/outbox', { headers: { origin: ORIGIN } });
    assert.equal(outboxClosed.status, 404, 'no sandbox outbox when a real key is set');
    for (const response of responses) {
      assert.ok(!response.text.includes(KEY) && !response.text.includes('KEY_edge'), response.text);
      for (const [, value] of response.headers) assert.ok(!value.includes(KEY));
    }
    assert.deepEqual(responses.map((r) => r.status), [200, 200, 200, 429, 400, 400]);
  } finally {
    await mf.dispose();
  }
});

// ---- Webhooks ------------------------------------------------------------------------------------------------


function telnyxKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64') };
}

/** A delivery as Telnyx sends it, signed by Node's crypto.sign. */
function delivery(keys, { eventId = crypto.randomUUID(), verificationId, type = 'verify.delivered', status = 'delivered', timestamp = Math.floor(Date.now() / 1000) } = {}) {
  const body = JSON.stringify({
    data: { event_type: type, id: eventId, occurred_at: new Date().toISOString(), record_type: 'event', payload: { id: verificationId, type: 'sms', delivery_status: status, phone_number: '+13035551234' } },
    meta: { attempt: 1 },
  });
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`), keys.privateKey).toString('base64');
  return { body, headers: { 'content-type': 'application/json', 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': String(timestamp) } };
}

async function status(mf, id) {
  const response = await mf.dispatchFetch(`http://edge.test/verifications/${id}`);
  return response.json();
}

test('webhooks: verified, forged, stale and replayed deliveries; the status the page reads; kept across a restart', async () => {
  const keys = telnyxKeys();
  const persist = join(work, `hooks-${Math.random()}`);
  const bindings = { TELNYX_API_KEY: KEY, TELNYX_PUBLIC_KEY: keys.publicKey, TELNYX_BASE_URL: `${upstream.url}/v2` };
  let mf = worker(bindings, persist);
  const id = crypto.randomUUID();
  try {
    const sent = delivery(keys, { verificationId: id, type: 'verify.sent', status: 'sent' });
    const first = await post(mf, '/webhooks/telnyx', sent.body, sent.headers);
    assert.deepEqual([first.status, first.body.duplicate], [200, false]);
    assert.equal((await status(mf, id)).delivery_status, 'sent');
    const forged = delivery(telnyxKeys(), { verificationId: id, type: 'verify.failed', status: 'delivery_failed' });
    assert.equal((await post(mf, '/webhooks/telnyx', forged.body, forged.headers)).status, 401, 'another key');
    const stale = delivery(keys, { verificationId: id, type: 'verify.failed', status: 'delivery_failed', timestamp: Math.floor(Date.now() / 1000) - 600 });
    assert.equal((await post(mf, '/webhooks/telnyx', stale.body, stale.headers)).status, 401, 'outside 300 s');
    const tampered = { ...sent, body: sent.body.replace('"sent"', '"delivered"') };
    assert.equal((await post(mf, '/webhooks/telnyx', tampered.body, tampered.headers)).status, 401);
    assert.equal((await post(mf, '/webhooks/telnyx', '{}', { 'content-type': 'application/json' })).status, 401, 'unsigned');
    assert.equal((await status(mf, id)).delivery_status, 'sent', 'nothing that failed verification changed the status');
    const delivered = delivery(keys, { verificationId: id });
    assert.equal((await post(mf, '/webhooks/telnyx', delivered.body, delivered.headers)).status, 200);
    const replay = await post(mf, '/webhooks/telnyx', sent.body, sent.headers);
    assert.deepEqual([replay.status, replay.body.duplicate], [200, true], 'a replay is acknowledged and ignored');
    const now = await status(mf, id);
    assert.equal(now.delivery_status, 'delivered');
    assert.equal(now.events.length, 2);
    assert.equal(now.events[1].body, delivered.body, 'the raw signed event, for the page');
    await mf.dispose();
    mf = worker(bindings, persist);
    assert.equal((await status(mf, id)).delivery_status, 'delivered', 'after a restart on the same persistence');
    const again = await post(mf, '/webhooks/telnyx', delivered.body, delivered.headers);
    assert.equal(again.body.duplicate, true, 'replay protection survives the restart too');
  } finally {
    await mf.dispose();
  }
});

test('webhooks in sandbox mode: the sandbox signs, the Worker verifies, the page reads delivered', async () => {
  const mf = worker();
  try {
    const profile = await post(mf, '/profiles', { name: 'Hooks' });
    assert.match(profile.body.webhook_url, /\/webhooks\/telnyx$/);
    const started = await post(mf, '/verifications', { type: 'sms', phone_number: '+13035551234', verify_profile_id: profile.body.id });
    const seen = await status(mf, started.body.id);
    assert.deepEqual([seen.delivery_status, seen.events.map((e) => e.event_type)], ['delivered', ['verify.sent', 'verify.delivered']]);
    const failed = await post(mf, '/verifications', { type: 'sms', phone_number: '+13035550100', verify_profile_id: profile.body.id });
    assert.equal((await status(mf, failed.body.id)).delivery_status, 'delivery_failed');
  } finally {
    await mf.dispose();
  }
});

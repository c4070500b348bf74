// Webhook verification and emission with the built package in Node (the runtime matrix runs a shorter check in
// workerd, Deno, Bun and Chromium; native tests hold the RFC 8032 vectors). Events are signed here by Node's
// crypto.sign with generated keys: an implementation independent of ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import * as lib from '../pkg/node.js';
import * as hooksOnly from '../pkg/webhooks/node.js';
import { startSandboxServer } from '../pkg/sandbox-server.mjs';
import { injectedFailure } from './support/injected.mjs';

injectedFailure('webhooks');

const NOW = 1_795_348_800;
const at = (secs = NOW) => ({ now: () => secs * 1000 });

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64') };
}

const event = (type = 'verify.sent') =>
  JSON.stringify({
    data: {
      event_type: type,
      id: 'e1',
      occurred_at: '2026-11-22T12:00:00Z',
      record_type: 'event',
      new_field: 1,
      payload: {
        id: 'v1',
        type: 'sms',
        status: 'pending',
        delivery_status: 'sent',
        phone_number: '+13035551234',
        profile_id: 'p1',
      },
    },
    meta: { attempt: 1 },
  });

function signed(keys, body = event(), timestamp = String(NOW)) {
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`), keys.privateKey).toString('base64');
  return {
    body,
    headers: { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp },
    signature,
    timestamp,
  };
}

function code(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(lib.isVerifyError(error), `untyped: ${error}`);
    return error.code;
  }
  return 'verified';
}

test('a delivery signed by an independent Ed25519 verifies, in every header and body form', () => {
  const keys = keyPair();
  const d = signed(keys);
  for (const verify of [lib.verifyWebhook, hooksOnly.verifyWebhook]) {
    const result = verify(d.body, d.headers, keys.publicKey, at());
    assert.equal(result.event_type, 'verify.sent');
    assert.equal(result.payload.delivery_status, 'sent');
    assert.equal(result.new_field, 1, 'fields Telnyx adds later reach the caller');
  }
  const upper = { 'Telnyx-Signature-Ed25519': d.signature, 'TELNYX-TIMESTAMP': d.timestamp };
  assert.equal(
    code(() => lib.verifyWebhook(Buffer.from(d.body), upper, keys.publicKey, at())),
    'verified',
    'bytes, header case',
  );
  assert.equal(
    code(() => lib.verifyWebhook(new TextEncoder().encode(d.body), new Headers(d.headers), keys.publicKey, at())),
    'verified',
  );
  const incoming = { 'telnyx-signature-ed25519': [d.signature], 'telnyx-timestamp': d.timestamp, host: 'x' };
  assert.equal(
    code(() => lib.verifyWebhook(d.body, incoming, keys.publicKey, at(NOW + 299))),
    'verified',
    'IncomingHttpHeaders, inside the window',
  );
  const later = signed(keys, event('verify.queued'));
  assert.equal(
    lib.verifyWebhook(later.body, later.headers, keys.publicKey, at()).event_type,
    'verify.queued',
    'an event type Telnyx adds later is kept',
  );
});

test('every forgery and malformation fails closed with its code, and no message holds the body or the key', () => {
  const keys = keyPair();
  const other = keyPair();
  const d = signed(keys);
  const b64 = (bytes) => Buffer.alloc(bytes, 7).toString('base64');
  const cases = [
    [
      'tampered body',
      () => lib.verifyWebhook(d.body.replace('sent', 'dlvd'), d.headers, keys.publicKey, at()),
      'webhook_signature_invalid',
    ],
    [
      'tampered timestamp',
      () => lib.verifyWebhook(d.body, { ...d.headers, 'telnyx-timestamp': String(NOW + 1) }, keys.publicKey, at()),
      'webhook_signature_invalid',
    ],
    ['other key', () => lib.verifyWebhook(d.body, d.headers, other.publicKey, at()), 'webhook_signature_invalid'],
    [
      'stale',
      () => lib.verifyWebhook(d.body, d.headers, keys.publicKey, at(NOW + 301)),
      'webhook_timestamp_out_of_range',
    ],
    [
      'future',
      () => lib.verifyWebhook(d.body, d.headers, keys.publicKey, at(NOW - 301)),
      'webhook_timestamp_out_of_range',
    ],
    [
      'tolerance option',
      () => lib.verifyWebhook(d.body, d.headers, keys.publicKey, { ...at(NOW + 20), toleranceSecs: 10 }),
      'webhook_timestamp_out_of_range',
    ],
    [
      'no signature',
      () => lib.verifyWebhook(d.body, { 'telnyx-timestamp': d.timestamp }, keys.publicKey, at()),
      'webhook_signature_missing',
    ],
    [
      'no timestamp',
      () => lib.verifyWebhook(d.body, { 'telnyx-signature-ed25519': d.signature }, keys.publicKey, at()),
      'webhook_signature_missing',
    ],
    [
      'duplicated signature',
      () =>
        lib.verifyWebhook(
          d.body,
          { ...d.headers, 'telnyx-signature-ed25519': [d.signature, d.signature] },
          keys.publicKey,
          at(),
        ),
      'webhook_signature_invalid',
    ],
    [
      'duplicated in Headers',
      () => {
        const h = new Headers(d.headers);
        h.append('telnyx-signature-ed25519', d.signature);
        return lib.verifyWebhook(d.body, h, keys.publicKey, at());
      },
      'webhook_signature_invalid',
    ],
    [
      'timestamp not a number',
      () => lib.verifyWebhook(d.body, { ...d.headers, 'telnyx-timestamp': '17e8' }, keys.publicKey, at()),
      'webhook_timestamp_invalid',
    ],
    [
      'non-base64 signature',
      () => lib.verifyWebhook(d.body, { ...d.headers, 'telnyx-signature-ed25519': '***' }, keys.publicKey, at()),
      'webhook_signature_invalid',
    ],
    [
      '63-byte signature',
      () => lib.verifyWebhook(d.body, { ...d.headers, 'telnyx-signature-ed25519': b64(63) }, keys.publicKey, at()),
      'webhook_signature_invalid',
    ],
    [
      '65-byte signature',
      () => lib.verifyWebhook(d.body, { ...d.headers, 'telnyx-signature-ed25519': b64(65) }, keys.publicKey, at()),
      'webhook_signature_invalid',
    ],
    ['31-byte key', () => lib.verifyWebhook(d.body, d.headers, b64(31), at()), 'webhook_key_invalid'],
    ['33-byte key', () => lib.verifyWebhook(d.body, d.headers, b64(33), at()), 'webhook_key_invalid'],
    ['non-base64 key', () => lib.verifyWebhook(d.body, d.headers, 'not a key!', at()), 'webhook_key_invalid'],
    ['key of another type', () => lib.verifyWebhook(d.body, d.headers, 42, at()), 'webhook_key_invalid'],
    [
      'signed but not an event',
      () => {
        const s = signed(keys, '{"hello":1}');
        return lib.verifyWebhook(s.body, s.headers, keys.publicKey, at());
      },
      'webhook_payload_invalid',
    ],
    [
      'signed but not JSON',
      () => {
        const s = signed(keys, 'hello');
        return lib.verifyWebhook(s.body, s.headers, keys.publicKey, at());
      },
      'webhook_payload_invalid',
    ],
    [
      'body of another type',
      () => lib.verifyWebhook({ parsed: true }, d.headers, keys.publicKey, at()),
      'validation_failed',
    ],
    [
      'headers that throw',
      () =>
        lib.verifyWebhook(
          d.body,
          new Proxy(
            {},
            {
              ownKeys() {
                throw new Error('x');
              },
            },
          ),
          keys.publicKey,
          at(),
        ),
      'validation_failed',
    ],
  ];
  for (const [label, call, expected] of cases) {
    let error;
    try {
      call();
    } catch (e) {
      error = e;
    }
    assert.ok(error, `${label}: returned an event`);
    assert.ok(lib.isVerifyError(error), `${label}: untyped ${error}`);
    assert.equal(error.code, expected, label);
    assert.ok(
      !error.message.includes(keys.publicKey) && !error.message.includes('delivery_status'),
      `${label}: ${error.message}`,
    );
  }
});

test('the sandbox emits signed verify.sent then verify.delivered (or verify.failed) for every type', async () => {
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ headers: { Authorization: 'Bearer t' }, fetch: sandbox.fetch });
  const profile = await client.createProfile({
    name: 'Hooks',
    webhook_url: 'https://example.com/hooks',
    sms: { app_name: 'Hooks' },
    call: {},
    flashcall: {},
    whatsapp: {},
  });
  const types = ['sms', 'call', 'flashcall', 'whatsapp'];
  for (const type of types)
    await client.startVerification({ type, phone_number: '+13035551234', verify_profile_id: profile.id });
  await client.startVerification({ type: 'sms', phone_number: '+13035550142', verify_profile_id: profile.id });
  const events = sandbox
    .webhooks()
    .reverse()
    .map((d) => lib.verifyWebhook(d.body, d.headers, sandbox.webhookPublicKey));
  assert.deepEqual(
    events.map((e) => `${e.payload.type}:${e.event_type}`),
    [...types.flatMap((t) => [`${t}:verify.sent`, `${t}:verify.delivered`]), 'sms:verify.sent', 'sms:verify.failed'],
  );
  assert.ok(events.every((e) => e.payload.profile_id === profile.id && e.record_type === 'event'));
  assert.equal(events.at(-1).payload.delivery_status, 'delivery_failed');
  const other = lib.createSandbox();
  assert.notEqual(other.webhookPublicKey, sandbox.webhookPublicKey, 'each sandbox has its own key');
  assert.throws(
    () => lib.verifyWebhook(sandbox.webhooks()[0].body, sandbox.webhooks()[0].headers, other.webhookPublicKey),
    (e) => e.code === 'webhook_signature_invalid',
  );
});

test('the sandbox server POSTs its webhooks, retrying at the failover URL after a non-2xx', async () => {
  const received = [];
  const receiver = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ path: req.url, body, headers: req.headers });
    res.writeHead(req.url === '/down' ? 503 : 200).end();
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${receiver.address().port}`;
  const server = await startSandboxServer({ port: 0, log: null });
  try {
    const base = `${server.url}/s/hooks`;
    const client = new lib.VerifyClient({ baseUrl: `${base}/v2`, headers: { Authorization: 'Bearer t' } });
    const key = (await (await fetch(`${base}/_sandbox/webhook-public-key`)).json()).public_key;
    const profile = await client.createProfile({
      name: 'Failover',
      webhook_url: `${hook}/down`,
      webhook_failover_url: `${hook}/backup`,
    });
    await client.startVerification({ type: 'sms', phone_number: '+13035551234', verify_profile_id: profile.id });
    for (let i = 0; i < 100 && received.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(
      received.map((r) => r.path),
      ['/down', '/backup', '/down', '/backup'],
    );
    const kinds = received
      .filter((r) => r.path === '/backup')
      .map((r) => lib.verifyWebhook(r.body, r.headers, key).event_type);
    assert.deepEqual(
      kinds,
      ['verify.sent', 'verify.delivered'],
      'what was POSTed verifies with the key the server publishes',
    );
    const log = await (await fetch(`${base}/_sandbox/webhooks`)).json();
    assert.deepEqual(
      log.map((d) => [d.status, d.delivered_to]),
      [
        [200, `${hook}/backup`],
        [200, `${hook}/backup`],
      ],
    );
  } finally {
    await server.close();
    receiver.close();
  }
});

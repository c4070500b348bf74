// The edge Worker in Miniflare (real workerd) with its Durable Objects, as a deployer runs it: the flow in
// MODE=sandbox; every abuse limit reached (429, the limit named, the right Retry-After) and lifted when the
// objects' test clock passes; IP and prefix rotation slowed; checks by verification id, with their attempts; the
// pinned profile; the admin route; countries refused before any request reaches the API (counted at a loopback
// API); narrow bodies; fail-closed configuration; upstream errors as our own codes; Turnstile against a loopback
// stand-in; sandbox state and counters across restarts; logs without numbers, codes or keys; webhooks. What breaks
// in production and not in one isolate (several isolates and clocks, concurrency, storage) is production.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackTelnyx } from './support/api.mjs';
import { bundles, deployment } from './support/deployment.mjs';
import { injectedFailure } from '../../../tests/support/injected.mjs';

injectedFailure('edge');

const ORIGIN = 'http://127.0.0.1:8080';
const KEY = 'KEY_edge_SECRET_do_not_leak';
const LIMITER_KEY = 'limiter-key-for-tests-0123456789abcdef';
const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const HOUR_MS = 3_600_000;
let work, bundled, api, siteverify;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tvw-edge-'));
  bundled = bundles(join(work, 'dist'));
  api = await loopbackTelnyx({ failDetail: `The API key ${KEY} is not valid for account acct_42.` });
  siteverify = await turnstileStandIn();
});

after(async () => {
  await api?.close();
  await siteverify?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Turnstile's siteverify, on loopback: `good-token` with the right secret passes, anything else fails. */
async function turnstileStandIn() {
  const stand = { calls: [] };
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    stand.calls.push(Object.fromEntries(form));
    const success = form.get('secret') === 'ts-secret' && form.get('response') === 'good-token';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success, 'error-codes': success ? [] : ['invalid-input-response'] }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(stand, {
    url: `http://127.0.0.1:${server.address().port}/siteverify`,
    close: () => new Promise((done) => server.close(done)),
  });
}

/** The Worker with `bindings` (a deployer's vars and secrets; MODE=sandbox unless they say live), its Durable
 * Objects persisted in `persist`. */
function worker(bindings = {}, persist = join(work, `state-${Math.random()}`), logs = null) {
  const merged = Object.entries({ ALLOWED_ORIGIN: ORIGIN, MODE: 'sandbox', ...bindings }).filter(
    ([, value]) => value !== undefined,
  );
  const deployed = deployment({ bundled, bindings: Object.fromEntries(merged), persist, logs });
  return Object.assign(deployed, { dispatchFetch: (url, init) => deployed.mf.dispatchFetch(url, init) });
}

/** The same deployment, restarted on the same storage, its objects' clock `ms` ahead of the real one. */
async function later(mf, bindings, ms) {
  await mf.dispose();
  const restarted = worker(bindings, mf.persist);
  await restarted.setClock(ms);
  return restarted;
}

const live = (extra = {}) => ({
  MODE: 'live',
  TELNYX_API_KEY: KEY,
  TELNYX_BASE_URL: `${api.url}/v2`,
  LIMITER_KEY,
  ...extra,
});

async function send(mf, method, path, body, headers = {}) {
  const response = await mf.dispatchFetch(`http://edge.test${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), origin: ORIGIN, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new Error(`${path}: HTTP ${response.status} answered non-JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

const post = (mf, path, body, headers) => send(mf, 'POST', path, body, headers);
const start = (mf, phone, headers = {}, type = 'sms') =>
  post(mf, '/verifications', { phone_number: phone, type }, headers);
const checkCode = (mf, verificationId, code, headers) =>
  post(mf, '/verifications/check', { verification_id: verificationId, code }, headers);
const wrongFor = (code) => (code === '000000' ? '111111' : '000000');
/** The keys the limiters and the verification records store, in all. */
const keyCount = async (mf) => {
  const stored = await mf.storedKeys();
  return [stored.LIMITER.keys, stored.VERIFICATIONS.keys];
};
const ip = (address) => ({ 'cf-connecting-ip': address });

async function outbox(mf, phone) {
  const answer = await send(mf, 'GET', `/_sandbox/outbox?phone_number=${encodeURIComponent(phone)}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

function assertLimited(answer, limit, maxSeconds, minSeconds = 1, message = '') {
  assert.equal(answer.status, 429, `${message} ${answer.text}`);
  assert.deepEqual([answer.body.code, answer.body.limit], ['rate_limited', limit]);
  const retryAfter = Number(answer.headers.get('retry-after'));
  assert.equal(retryAfter, answer.body.retry_after);
  assert.ok(
    retryAfter >= minSeconds && retryAfter <= maxSeconds,
    `${limit}: Retry-After ${retryAfter} not in ${minSeconds}..${maxSeconds}`,
  );
  return retryAfter;
}

// ---- The flow, with no configuration ------------------------------------------------------------------------

test('MODE=sandbox: its own pinned profile, start, outbox, a wrong and a right code by verification id', async () => {
  const mf = worker();
  try {
    const config = await send(mf, 'GET', '/config');
    assert.equal(config.status, 200);
    assert.equal(config.headers.get('access-control-allow-origin'), ORIGIN);
    assert.deepEqual(
      [config.body.mode, config.body.types, config.body.countries, config.body.turnstile_site_key],
      ['sandbox', ['sms'], ['US', 'CA'], null],
    );
    assert.match(config.body.verify_profile_id, /^[0-9a-f-]{36}$/);
    assert.equal(
      (await send(mf, 'GET', '/config')).body.verify_profile_id,
      config.body.verify_profile_id,
      'created once',
    );
    const phone = '+13035550111';
    const started = await start(mf, phone);
    assert.equal(started.status, 200, started.text);
    assert.deepEqual([started.body.status, started.body.verify_profile_id], ['pending', config.body.verify_profile_id]);
    const [message] = await outbox(mf, phone);
    assert.match(message.code, /^\d{6}$/);
    const wrong = await checkCode(mf, started.body.id, wrongFor(message.code));
    assert.deepEqual(wrong.body, { verification_id: started.body.id, response_code: 'rejected' });
    const right = await checkCode(mf, started.body.id, message.code);
    assert.equal(right.body.response_code, 'accepted');
    const again = await checkCode(mf, started.body.id, message.code);
    assert.deepEqual([again.status, again.body.code], [404, 'verification_not_found'], 'a verified code is spent');
    const byNumber = await post(mf, '/verifications/check', { phone_number: phone, code: message.code });
    assert.deepEqual(
      [byNumber.status, byNumber.body.code, byNumber.body.field],
      [400, 'unexpected_field', '/phone_number'],
      'no check by number',
    );
    const noNumber = await send(mf, 'GET', '/_sandbox/outbox');
    assert.deepEqual(
      [noNumber.status, noNumber.body.field],
      [400, '/phone_number'],
      'the outbox shows one number, never all',
    );
    assert.equal((await post(mf, '/profiles', { name: 'x' })).status, 404, 'no public profile creation');
    assert.equal((await post(mf, '/admin/profiles', { name: 'x' })).status, 404, 'no admin route without ADMIN_TOKEN');
  } finally {
    await mf.dispose();
  }
});

// ---- Limits ---------------------------------------------------------------------------------------------

test("per number: the cooldown, then the hourly and daily caps; each lifts when the objects' clock passes", async () => {
  const phone = '+13035550121';
  let mf = worker();
  try {
    assert.equal((await start(mf, phone)).status, 200);
    assertLimited(await start(mf, phone, {}, 'sms'), 'number_cooldown', 60, 55);
    assert.equal((await start(mf, '+13035550122')).status, 200, 'another number is not limited');
    await mf.setClock(61_000);
    assert.equal((await start(mf, phone)).status, 200, 'the cooldown lifted after 60 s');
  } finally {
    await mf.dispose();
  }
  const caps = {
    COOLDOWN_SECONDS: '0',
    NUMBER_HOURLY_CAP: '2',
    DAILY_CAP: '3',
    IP_HOURLY_CAP: '100',
    IP_DAILY_CAP: '100',
  };
  mf = worker(caps);
  try {
    assert.equal((await start(mf, phone)).status, 200);
    assert.equal((await start(mf, phone)).status, 200);
    assertLimited(await start(mf, phone), 'number_hourly', 3600, 3590);
    await mf.setClock(HOUR_MS + 1000);
    assert.equal((await start(mf, phone)).status, 200, 'a new hour');
    const daily = assertLimited(await start(mf, phone), 'number_daily', 86_400);
    assert.ok(daily > 86_400 - 3700, `the first of three slots frees 24 h after it was taken: ${daily}`);
    await mf.setClock(24 * HOUR_MS + 1000);
    assert.equal((await start(mf, phone)).status, 200, 'a new day');
  } finally {
    await mf.dispose();
  }
});

test('per IP: rotating numbers from one address is slowed; another address is not; IPv6 per /64, written any way', async () => {
  const mf = worker({ IP_HOURLY_CAP: '3', PREFIX_HOURLY_CAP: '100' });
  try {
    for (let n = 0; n < 3; n++)
      assert.equal((await start(mf, `+1303555${2000 + n * 100}`, ip('198.51.100.7'))).status, 200);
    assertLimited(await start(mf, '+13035552900', ip('198.51.100.7')), 'ip_hourly', 3600, 3590);
    assertLimited(
      await start(mf, '+13035552901', ip('::ffff:198.51.100.7')),
      'ip_hourly',
      3600,
      3590,
      'IPv4-mapped is the IPv4 address',
    );
    assert.equal((await start(mf, '+13035552900', ip('198.51.100.8'))).status, 200, 'another client');
    // One /64, written three ways: compressed, with the zero group spelled out, and in capitals.
    const same64 = ['2001:db8:1::5', '2001:db8:1:0:5::', '2001:DB8:0001:0000:ffff::9'];
    for (let n = 0; n < 3; n++) assert.equal((await start(mf, `+1720555${3000 + n * 100}`, ip(same64[n]))).status, 200);
    assertLimited(await start(mf, '+17205553900', ip('2001:db8:1:0:abcd::1')), 'ip_hourly', 3600);
    assert.equal(
      (await start(mf, '+17205553901', ip('2001:db8:1:1::1'))).status,
      200,
      'the next /64 is another client',
    );
    assert.equal((await start(mf, '+17205553902', ip('::1'))).status, 200, '::1 is not every IPv4-mapped address');
  } finally {
    await mf.dispose();
  }
});

test('per prefix: rotating numbers and addresses within one number range is slowed (the pumping signature)', async () => {
  const mf = worker({ PREFIX_HOURLY_CAP: '3' });
  try {
    for (let n = 0; n < 3; n++)
      assert.equal((await start(mf, `+1303555040${n}`, ip(`203.0.113.${n + 1}`))).status, 200);
    assertLimited(await start(mf, '+13035550409', ip('203.0.113.50')), 'prefix_hourly', 3600, 3590);
    assert.equal((await start(mf, '+13035560409', ip('203.0.113.51'))).status, 200, 'another prefix (+1303556)');
  } finally {
    await mf.dispose();
  }
});

test('per deployment: the global daily budget holds against any rotation, across its shards, and frees a day later', async () => {
  const caps = { GLOBAL_DAILY_CAP: '5', DEPLOYMENT_SHARDS: '4' };
  const mf = worker(caps);
  try {
    for (let n = 0; n < 5; n++)
      assert.equal((await start(mf, `+1${202 + n}5550500`, ip(`192.0.2.${n + 1}`))).status, 200);
    assertLimited(await start(mf, '+16175550500', ip('192.0.2.99')), 'global_daily', 86_400, 86_000);
    await mf.setClock(24 * HOUR_MS + 1000);
    assert.equal((await start(mf, '+16175550500', ip('192.0.2.99'))).status, 200);
  } finally {
    await mf.dispose();
  }
});

test('a refused start takes no slot anywhere and leaves nothing stored: the other counters are given back', async () => {
  const mf = worker({ COOLDOWN_SECONDS: '0', NUMBER_HOURLY_CAP: '1', IP_HOURLY_CAP: '2' });
  try {
    assert.equal((await start(mf, '+13035550601', ip('198.51.100.20'))).status, 200);
    const stored = await keyCount(mf);
    for (let i = 0; i < 5; i++)
      assertLimited(await start(mf, '+13035550601', ip('198.51.100.20')), 'number_hourly', 3600);
    assert.deepEqual(await keyCount(mf), stored, 'five refusals wrote nothing');
    assert.equal(
      (await start(mf, '+13035550602', ip('198.51.100.20'))).status,
      200,
      'the IP still had its second slot',
    );
    const [fresh] = [await start(mf, '+13035550603', ip('198.51.100.20'))];
    assertLimited(fresh, 'ip_hourly', 3600);
    const after = await keyCount(mf);
    await start(mf, '+13035550604', ip('198.51.100.20'));
    assert.deepEqual(
      await keyCount(mf),
      after,
      "a refusal by the second stage gives the number's slot back, deleting it",
    );
  } finally {
    await mf.dispose();
  }
});

test('a verification allows CHECK_ATTEMPTS codes, then is dead: 429, the right code too; a new start is checked afresh', async () => {
  const caps = { CHECK_ATTEMPTS: '3' };
  const phone = '+13035550701';
  const mf = worker(caps);
  try {
    const first = await start(mf, phone);
    const [{ code }] = await outbox(mf, phone);
    for (let i = 0; i < 3; i++)
      assert.equal((await checkCode(mf, first.body.id, wrongFor(code))).body.response_code, 'rejected');
    assertLimited(await checkCode(mf, first.body.id, wrongFor(code)), 'verification_attempts', 60);
    assertLimited(await checkCode(mf, first.body.id, code), 'verification_attempts', 60);
    await mf.setClock(61_000);
    const second = await start(mf, phone);
    assert.equal(second.status, 200, second.text);
    const [{ code: fresh }] = await outbox(mf, phone);
    assert.equal((await checkCode(mf, second.body.id, fresh)).body.response_code, 'accepted');
    assert.equal((await checkCode(mf, first.body.id, code)).status, 429, 'the dead one stays dead');
  } finally {
    await mf.dispose();
  }
});

test('concurrent guesses are counted too: no more checks reach the API than the verification allows', async () => {
  const mf = worker(live({ VERIFY_PROFILE_ID: await api.profile(), CHECK_ATTEMPTS: '3' }));
  try {
    const started = await start(mf, '+13035550702');
    assert.equal(started.status, 200, started.text);
    const before = api.count;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => checkCode(mf, started.body.id, String(100000 + i))),
    );
    assert.equal(answers.filter((a) => a.status === 200).length, 3, answers.map((a) => a.status).join(' '));
    assert.equal(answers.filter((a) => a.status === 429).length, 7);
    assert.equal(api.count - before, 3, 'exactly three checks reached the API');
  } finally {
    await mf.dispose();
  }
});

// ---- What a start may ask for ---------------------------------------------------------------------------

test('countries outside ALLOWED_COUNTRIES are refused before any request reaches the API', async () => {
  const mf = worker(live({ VERIFY_PROFILE_ID: await api.profile() }));
  try {
    const before = api.count;
    for (const phone of ['+447700900123', '+18765550123', '+2348012345678', '+99912345']) {
      const refused = await start(mf, phone);
      assert.deepEqual(
        [refused.status, refused.body.code, refused.body.field],
        [403, 'destination_not_allowed', '/phone_number'],
        phone,
      );
    }
    assert.equal(api.count, before, 'not one request reached the API');
  } finally {
    await mf.dispose();
  }
  const everywhere = worker({ ALLOWED_COUNTRIES: 'GB,JM' });
  try {
    assert.equal((await start(everywhere, '+447700900123')).status, 200);
    assert.equal((await start(everywhere, '+18765550123')).status, 200);
    assert.equal((await start(everywhere, '+13035550123')).status, 403, 'US is no longer on the list');
  } finally {
    await everywhere.dispose();
  }
});

test('narrow bodies: extra fields, a custom code, another profile, a channel not allowed, an oversized body', async () => {
  const mf = worker({ ALLOWED_TYPES: 'sms,call' });
  try {
    const phone = '+13035550801';
    const cases = [
      [{ phone_number: phone, type: 'sms', custom_code: '123456' }, 400, 'unexpected_field', '/custom_code'],
      [{ phone_number: phone, type: 'sms', timeout_secs: 86400 }, 400, 'unexpected_field', '/timeout_secs'],
      [
        { phone_number: phone, type: 'sms', verify_profile_id: '12ade33a-21c0-473b-b055-b3c836e1c292' },
        400,
        'profile_not_allowed',
        '/verify_profile_id',
      ],
      [{ phone_number: phone, type: 'whatsapp' }, 400, 'validation_failed', '/type'],
      [{ phone_number: '555', type: 'sms' }, 400, 'validation_failed', '/phone_number'],
      [[phone], 400, 'bad_json', undefined],
    ];
    for (const [body, status, code, field] of cases) {
      const answer = await post(mf, '/verifications', body);
      assert.deepEqual(
        [answer.status, answer.body.code, answer.body.field],
        [status, code, field],
        JSON.stringify(body),
      );
    }
    const huge = await post(mf, '/verifications', { phone_number: phone, type: 'sms', padding: 'x'.repeat(5000) });
    assert.deepEqual([huge.status, huge.body.code], [413, 'payload_too_large']);
    const chunked = await mf.dispatchFetch('http://edge.test/verifications', {
      method: 'POST',
      headers: { origin: ORIGIN },
      duplex: 'half',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 64; i++) controller.enqueue(new Uint8Array(1024).fill(32));
          controller.close();
        },
      }),
    });
    assert.equal(chunked.status, 413, 'a stream without Content-Length is cut at the limit');
    const { body: config } = await send(mf, 'GET', '/config');
    assert.equal(
      (
        await post(mf, '/verifications', {
          phone_number: phone,
          type: 'call',
          verify_profile_id: config.verify_profile_id,
        })
      ).status,
      200,
      'the pinned id itself is accepted',
    );
    assert.equal(
      (await post(mf, '/verifications', { phone_number: '+13035550802', type: 'sms' })).status,
      200,
      'none of the refusals used a slot',
    );
  } finally {
    await mf.dispose();
  }
});

test('a request without Origin gets no CORS headers and is limited like any other; other origins are refused', async () => {
  const mf = worker();
  try {
    const phone = '+13035550901';
    const noOrigin = (body) =>
      mf.dispatchFetch('http://edge.test/verifications', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = await noOrigin({ phone_number: phone, type: 'sms' });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('access-control-allow-origin'), null);
    const second = await noOrigin({ phone_number: phone, type: 'sms' });
    assert.equal(second.status, 429, 'curl meets the cooldown too');
    const page = await post(mf, '/verifications', { phone_number: phone, type: 'sms' });
    assert.equal(page.status, 429, 'and so does the page');
    assert.equal(page.headers.get('access-control-allow-origin'), ORIGIN, 'a refusal the page can read');
    const preflight = await mf.dispatchFetch('http://edge.test/verifications', {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers'), /cf-turnstile-response/);
    const evil = await post(
      mf,
      '/verifications',
      { phone_number: '+13035550902', type: 'sms' },
      { origin: 'https://evil.example' },
    );
    assert.deepEqual([evil.status, evil.headers.get('access-control-allow-origin')], [403, null]);
  } finally {
    await mf.dispose();
  }
});

// ---- Configuration -------------------------------------------------------------------------------------

test('a variable that does not parse fails closed: every route answers 500 naming it, nothing is sent', async () => {
  const cases = [
    [{ COOLDOWN_SECONDS: 'abc' }, 'COOLDOWN_SECONDS'],
    [{ DAILY_CAP: '-1' }, 'DAILY_CAP'],
    [{ IP_HOURLY_CAP: '1e3' }, 'IP_HOURLY_CAP'],
    [{ GLOBAL_DAILY_CAP: '' }, 'GLOBAL_DAILY_CAP'],
    [{ ALLOWED_COUNTRIES: 'us' }, 'ALLOWED_COUNTRIES'],
    [{ ALLOWED_TYPES: 'sms,psd2' }, 'ALLOWED_TYPES'],
    [{ ALLOWED_ORIGIN: 'example.com' }, 'ALLOWED_ORIGIN'],
    [live({ LIMITER_KEY: undefined }), 'LIMITER_KEY'],
    [live({ LIMITER_KEY: 'short' }), 'LIMITER_KEY'],
    [{ ADMIN_TOKEN: 'hunter2' }, 'ADMIN_TOKEN'],
    [{ TURNSTILE_SECRET: 'ts-secret' }, 'TURNSTILE_SITE_KEY'],
    [{ VERIFY_PROFILE_ID: 'my-profile' }, 'VERIFY_PROFILE_ID'],
    [{ MODE: 'production' }, 'MODE'],
    [{ MODE: undefined }, 'TELNYX_API_KEY'],
    [live({ TELNYX_API_KEY: undefined }), 'TELNYX_API_KEY'],
    [live({ TELNYX_API_KEY: '   ' }), 'TELNYX_API_KEY'],
    [{ MODE: 'sandbox', TELNYX_API_KEY: KEY }, 'TELNYX_API_KEY'],
    [{ DEPLOYMENT_SHARDS: '0' }, 'DEPLOYMENT_SHARDS'],
    [{ CHECK_ATTEMPTS: 'five' }, 'CHECK_ATTEMPTS'],
  ];
  for (const [bindings, variable] of cases) {
    // An `undefined` removes the variable, MODE included (then wrangler.toml's default, live, applies).
    const mf = worker(bindings);
    try {
      const before = api.count;
      for (const answer of [await start(mf, '+13035551001'), await send(mf, 'GET', '/config')]) {
        assert.equal(answer.status, 500, `${variable}: ${answer.text}`);
        assert.equal(answer.body.code, 'configuration_error');
        assert.ok(answer.body.message.includes(variable), answer.body.message);
        for (const value of Object.values(bindings))
          if (value?.length > 3 && value !== 'sandbox' && value !== 'live')
            assert.ok(!answer.text.includes(value), 'the value is not echoed');
      }
      assert.equal(api.count, before);
    } finally {
      await mf.dispose();
    }
  }
});

test('with a key and no VERIFY_PROFILE_ID, starts answer 503 until one is configured; the admin route makes one', async () => {
  const mf = worker(live({ ADMIN_TOKEN }));
  try {
    const unconfigured = await start(mf, '+13035551101');
    assert.deepEqual([unconfigured.status, unconfigured.body.code], [503, 'not_configured']);
    assert.equal((await post(mf, '/admin/profiles', { name: 'Shop' })).status, 401, 'no token');
    assert.equal(
      (await post(mf, '/admin/profiles', { name: 'Shop' }, { authorization: `Bearer ${ADMIN_TOKEN}x` })).status,
      401,
      'wrong token',
    );
    const created = await post(
      mf,
      '/admin/profiles',
      { name: 'Shop', sms: { app_name: 'Shop', whitelisted_destinations: ['US'] } },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    assert.equal(created.status, 200, created.text);
    assert.match(created.body.id, /^[0-9a-f-]{36}$/);
    const outboxClosed = await send(mf, 'GET', '/_sandbox/outbox?phone_number=%2B13035551101');
    assert.equal(outboxClosed.status, 404, 'no sandbox outbox in live mode');
    assert.equal((await send(mf, 'GET', '/config')).body.mode, 'live');
    const pinned = await later(mf, live({ ADMIN_TOKEN, VERIFY_PROFILE_ID: created.body.id }), 0);
    try {
      const started = await start(pinned, '+13035551101');
      assert.deepEqual([started.status, started.body.verify_profile_id], [200, created.body.id]);
    } finally {
      await pinned.dispose();
    }
  } finally {
    await mf.dispose().catch(() => {});
  }
});

test('upstream errors reach callers as our own codes: 401/403 and other 4xx details never leave; an invalid number keeps its field', async () => {
  const logs = [];
  const mf = worker(live({ VERIFY_PROFILE_ID: await api.profile() }), undefined, logs);
  const phone = '+13035551201';
  try {
    for (const status of [401, 403]) {
      api.failWith = status;
      const answer = await start(mf, phone);
      assert.deepEqual([answer.status, answer.body.code], [502, 'upstream_error']);
      assert.ok(!answer.text.includes('acct_42') && !answer.text.includes(KEY), answer.text);
    }
    // Another 4xx with account details: the caller sees upstream_error only.
    api.failWith = 422;
    api.failBody = {
      errors: [
        {
          code: '10015',
          title: 'Invalid parameter',
          detail: 'Number is not on the allow list of account acct_42.',
          source: { pointer: '/whitelisted_destinations' },
        },
      ],
    };
    const other = await start(mf, phone);
    assert.deepEqual(
      [other.status, other.body.code, other.body.field, other.body.errors],
      [502, 'upstream_error', undefined, undefined],
    );
    assert.ok(!other.text.includes('acct_42') && !other.text.includes('allow list'), other.text);
    // An invalid number is the caller's to fix: our code, our message, the field.
    api.failWith = 400;
    api.failBody = { errors: [{ code: '10002', title: 'Invalid phone number', detail: 'acct_42 cannot reach it.' }] };
    const invalid = await start(mf, phone);
    assert.deepEqual(
      [invalid.status, invalid.body.code, invalid.body.field],
      [400, 'invalid_phone_number', '/phone_number'],
    );
    assert.ok(!invalid.text.includes('acct_42'), invalid.text);
    api.failWith = null;
    api.failBody = null;
    const started = await start(mf, phone);
    assert.equal(started.status, 200, 'the cooldown slot of each refused attempt was given back (4xx: nothing sent)');
  } finally {
    api.failWith = null;
    api.failBody = null;
    await mf.dispose();
  }
  assert.ok(
    logs.some((line) => line.includes('10009')) && logs.some((line) => line.includes('10015')),
    'the details are in the log',
  );
  for (const line of logs) assert.ok(!line.includes(KEY), line);
});

test('a slot comes back only when no attempt can have sent: a 5xx then a 4xx keeps it', async () => {
  const mf = worker(live({ VERIFY_PROFILE_ID: await api.profile() }));
  const phone = '+13035551202';
  try {
    // The first attempt answers 503 with x-should-retry (retried; it may have sent a message); the retry 400.
    api.failSequence = [503, 400];
    const failed = await start(mf, phone);
    assert.equal(failed.status, 502, failed.text);
    assert.deepEqual(api.failSequence, [], 'both attempts reached the API');
    assertLimited(await start(mf, phone), 'number_cooldown', 60, 55, 'the slot was kept');
  } finally {
    api.failSequence = [];
    await mf.dispose();
  }
});

// ---- Turnstile ----------------------------------------------------------------------------------------------

test('Turnstile: required, refused and accepted against a loopback siteverify', async () => {
  const mf = worker({
    TURNSTILE_SECRET: 'ts-secret',
    TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
    TURNSTILE_SITEVERIFY_URL: siteverify.url,
  });
  try {
    assert.equal((await send(mf, 'GET', '/config')).body.turnstile_site_key, '1x00000000000000000000AA');
    const missing = await start(mf, '+13035551301');
    assert.deepEqual([missing.status, missing.body.code], [403, 'turnstile_required']);
    const bad = await start(mf, '+13035551301', { 'cf-turnstile-response': 'forged', ...ip('198.51.100.30') });
    assert.deepEqual([bad.status, bad.body.code], [403, 'turnstile_failed']);
    assert.equal(siteverify.calls.at(-1).remoteip, '198.51.100.30');
    const good = await start(mf, '+13035551301', { 'cf-turnstile-response': 'good-token' });
    assert.equal(good.status, 200, good.text);
    assert.equal(siteverify.calls.length, 2, 'a missing token is refused without asking siteverify');
  } finally {
    await mf.dispose();
  }
  const unreachable = worker({
    TURNSTILE_SECRET: 'ts-secret',
    TURNSTILE_SITE_KEY: 'k',
    TURNSTILE_SITEVERIFY_URL: 'http://127.0.0.1:9/siteverify',
  });
  try {
    const answer = await start(unreachable, '+13035551302', { 'cf-turnstile-response': 'good-token' });
    assert.deepEqual([answer.status, answer.body.code], [403, 'turnstile_failed'], 'siteverify down: fail closed');
  } finally {
    await unreachable.dispose();
  }
});

// ---- Persistence and logs ----------------------------------------------------------------------------------

test('sandbox state, counters and verification records survive a restart on the same persistence directory', async () => {
  const caps = { CHECK_ATTEMPTS: '3' };
  let mf = worker(caps);
  const [a, b] = ['+13035551401', '+13035551402'];
  try {
    const { body: config } = await send(mf, 'GET', '/config');
    const startedA = (await start(mf, a)).body;
    const startedB = (await start(mf, b)).body;
    const [{ code }] = await outbox(mf, a);
    const [{ code: codeB }] = await outbox(mf, b);
    assert.equal((await checkCode(mf, startedB.id, wrongFor(codeB))).body.response_code, 'rejected');
    mf = await later(mf, caps, 0);
    assert.equal(
      (await send(mf, 'GET', '/config')).body.verify_profile_id,
      config.verify_profile_id,
      'the same profile',
    );
    assert.equal((await outbox(mf, a))[0].code, code, 'the same outbox');
    assertLimited(await start(mf, a), 'number_cooldown', 60);
    assert.equal((await checkCode(mf, startedB.id, wrongFor(codeB))).body.response_code, 'rejected');
    mf = await later(mf, caps, 1000);
    assert.equal((await checkCode(mf, startedB.id, wrongFor(codeB))).body.response_code, 'rejected');
    assertLimited(
      await checkCode(mf, startedB.id, codeB),
      'verification_attempts',
      60,
      1,
      'three attempts spent across two restarts',
    );
    assert.equal(
      (await checkCode(mf, startedA.id, code)).body.response_code,
      'accepted',
      'started before both restarts',
    );
  } finally {
    await mf.dispose();
  }
});

test('one JSON log line per request: route, outcome, limit, latency; numbers masked; no code, key or body', async () => {
  const logs = [];
  const mf = worker({}, undefined, logs);
  const phone = '+13035551501';
  let code;
  try {
    const started = await start(mf, phone);
    await start(mf, phone);
    [{ code }] = await outbox(mf, phone);
    await checkCode(mf, started.body.id, code);
  } finally {
    await mf.dispose();
  }
  const lines = logs
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((line) => line.msg === 'request');
  assert.deepEqual(
    lines.map((l) => [l.route, l.status]),
    [
      ['POST /verifications', 200],
      ['POST /verifications', 429],
      ['GET /_sandbox/outbox', 200],
      ['POST /verifications/check', 200],
    ],
  );
  assert.equal(lines[1].limit, 'number_cooldown');
  assert.equal(lines[3].code, 'accepted');
  for (const line of lines) assert.equal(typeof line.latency_ms, 'number');
  for (const line of lines.slice(0, 2)) assert.equal(line.phone, '+1303555****');
  const all = logs.join('\n');
  assert.ok(!all.includes(phone), 'no full number');
  assert.ok(!all.includes(`"${code}"`) && !all.includes(`:${code}`), 'no code');
});

// ---- Webhooks ------------------------------------------------------------------------------------------------

function telnyxKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64') };
}

/** A delivery as Telnyx sends it, signed by Node's crypto.sign. */
function delivery(
  keys,
  {
    eventId = crypto.randomUUID(),
    verificationId,
    type = 'verify.delivered',
    status = 'delivered',
    timestamp = Math.floor(Date.now() / 1000),
  } = {},
) {
  const body = JSON.stringify({
    data: {
      event_type: type,
      id: eventId,
      occurred_at: new Date().toISOString(),
      record_type: 'event',
      payload: { id: verificationId, type: 'sms', delivery_status: status, phone_number: '+13035551234' },
    },
    meta: { attempt: 1 },
  });
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`), keys.privateKey).toString('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'telnyx-signature-ed25519': signature,
      'telnyx-timestamp': String(timestamp),
    },
  };
}

async function status(mf, id) {
  const response = await mf.dispatchFetch(`http://edge.test/verifications/${id}`);
  return response.json();
}

test('webhooks: verified, forged, stale and replayed deliveries; the status the page reads; kept across a restart', async () => {
  const keys = telnyxKeys();
  const bindings = live({ TELNYX_PUBLIC_KEY: keys.publicKey });
  let mf = worker(bindings);
  const id = crypto.randomUUID();
  try {
    const sent = delivery(keys, { verificationId: id, type: 'verify.sent', status: 'sent' });
    const first = await post(mf, '/webhooks/telnyx', sent.body, sent.headers);
    assert.deepEqual([first.status, first.body.duplicate], [200, false]);
    assert.equal((await status(mf, id)).delivery_status, 'sent');
    const forged = delivery(telnyxKeys(), { verificationId: id, type: 'verify.failed', status: 'delivery_failed' });
    assert.equal((await post(mf, '/webhooks/telnyx', forged.body, forged.headers)).status, 401, 'another key');
    const stale = delivery(keys, {
      verificationId: id,
      type: 'verify.failed',
      status: 'delivery_failed',
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    assert.equal((await post(mf, '/webhooks/telnyx', stale.body, stale.headers)).status, 401, 'outside 300 s');
    const tampered = { ...sent, body: sent.body.replace('"sent"', '"delivered"') };
    assert.equal((await post(mf, '/webhooks/telnyx', tampered.body, tampered.headers)).status, 401);
    assert.equal(
      (await post(mf, '/webhooks/telnyx', '{}', { 'content-type': 'application/json' })).status,
      401,
      'unsigned',
    );
    assert.equal((await status(mf, id)).delivery_status, 'sent', 'nothing that failed verification changed the status');
    const delivered = delivery(keys, { verificationId: id });
    assert.equal((await post(mf, '/webhooks/telnyx', delivered.body, delivered.headers)).status, 200);
    const replay = await post(mf, '/webhooks/telnyx', sent.body, sent.headers);
    assert.deepEqual([replay.status, replay.body.duplicate], [200, true], 'a replay is acknowledged and ignored');
    const now = await status(mf, id);
    assert.equal(now.delivery_status, 'delivered');
    assert.equal(now.events.length, 2);
    assert.deepEqual(
      Object.keys(now.events[1]).sort(),
      ['delivery_status', 'event_type', 'occurred_at'],
      'types, statuses and times only',
    );
    assert.ok(!JSON.stringify(now).includes('+1303555'), 'no phone number, no raw body');
    mf = await later(mf, bindings, 0);
    assert.equal((await status(mf, id)).delivery_status, 'delivered', 'after a restart on the same persistence');
    const again = await post(mf, '/webhooks/telnyx', delivered.body, delivered.headers);
    assert.equal(again.body.duplicate, true, 'replay protection survives the restart too');
  } finally {
    await mf.dispose();
  }
  const unkeyed = worker(live());
  try {
    const sent = delivery(keys, { verificationId: id });
    const answer = await post(unkeyed, '/webhooks/telnyx', sent.body, sent.headers);
    assert.deepEqual(
      [answer.status, answer.body.code],
      [503, 'not_configured'],
      'no TELNYX_PUBLIC_KEY: nothing is accepted',
    );
  } finally {
    await unkeyed.dispose();
  }
});

test('webhooks in sandbox mode: the sandbox signs, the Worker verifies, the page reads delivered', async () => {
  const mf = worker();
  try {
    const started = await start(mf, '+13035551234');
    const seen = await status(mf, started.body.id);
    assert.deepEqual(
      [seen.delivery_status, seen.events.map((e) => e.event_type)],
      ['delivered', ['verify.sent', 'verify.delivered']],
    );
    assert.equal(seen.state, 'pending');
    assert.ok(!JSON.stringify(seen).includes('+13035551234'), 'no phone number');
    const failed = await start(mf, '+13035550100');
    assert.equal((await status(mf, failed.body.id)).delivery_status, 'delivery_failed');
    const unknown = await mf.dispatchFetch(`http://edge.test/verifications/${crypto.randomUUID()}`);
    assert.equal(unknown.status, 404, 'an id this deployment never saw');
  } finally {
    await mf.dispose();
  }
});

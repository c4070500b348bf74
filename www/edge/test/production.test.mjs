// The edge Worker under the conditions that break a defence in production and not in one local isolate: several
// Worker isolates with clocks a minute apart sharing one set of Durable Objects, concurrent requests through all
// of them, an attacker who knows only a phone number, storage after an attack, and load. What reaches Telnyx is
// counted at a loopback API in front of the package's sandbox server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { liveFixture } from './support/deployment.mjs';
import { injectedFailure } from '../../../tests/support/injected.mjs';

injectedFailure('edge');

const LIMITER_KEY = 'limiter-key-for-tests-0123456789abcdef';
const MINUTE = 60_000;
let fixture, api, profileId;

before(async () => {
  fixture = await liveFixture('production');
  ({ api, profileId } = fixture);
});

after(() => fixture?.close());

/** A live deployment against the counting API, with two more isolates a minute ahead and a minute behind. */
function live(extra = {}, shifts = [MINUTE, -MINUTE], logs = null) {
  const bindings = {
    MODE: 'live',
    TELNYX_API_KEY: 'KEY_production_SECRET',
    TELNYX_BASE_URL: `${api.url}/v2`,
    LIMITER_KEY,
    VERIFY_PROFILE_ID: profileId,
    ...extra,
  };
  return fixture.deploy({ bindings, shifts, logs });
}

async function call(deployed, path, body, { isolate = 0, ip } = {}) {
  const response = await deployed.fetch(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(ip ? { 'cf-connecting-ip': ip } : {}) },
      body: JSON.stringify(body),
    },
    isolate,
  );
  return { status: response.status, body: await response.json() };
}

const start = (deployed, phone, options) =>
  call(deployed, '/verifications', { phone_number: phone, type: 'sms' }, options);
const check = (deployed, id, code, options) =>
  call(deployed, '/verifications/check', { verification_id: id, code }, options);

const codeOf = (phone) => api.codeOf(phone);

const counted = (answers) =>
  answers.reduce(
    (counts, a) => ({
      ...counts,
      [a.status === 429 ? a.body.limit : a.status]: (counts[a.status === 429 ? a.body.limit : a.status] ?? 0) + 1,
    }),
    {},
  );

// ---- Several isolates, several clocks, one set of objects -------------------------------------------------

test('three isolates with clocks a minute apart, concurrent: the cooldown sends once, a cap sends exactly the cap, a verification takes exactly its attempts', async () => {
  const deployed = live({
    NUMBER_HOURLY_CAP: '3',
    CHECK_ATTEMPTS: '4',
    IP_HOURLY_CAP: '1000',
    IP_DAILY_CAP: '1000',
    PREFIX_HOURLY_CAP: '1000',
  });
  try {
    // The cooldown: twelve starts for one number at once, alternating isolates.
    let before = api.starts;
    let answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => start(deployed, '+13035552001', { isolate: i % 3 })),
    );
    assert.deepEqual(counted(answers), { 200: 1, number_cooldown: 11 });
    assert.equal(api.starts - before, 1, 'one message sent');

    // Alternating in order, a minute apart each way: the object's clock decides, not the caller's.
    await deployed.setClock(2 * MINUTE);
    for (let i = 0; i < 6; i++) answers.push(await start(deployed, '+13035552001', { isolate: [2, 1, 0][i % 3] }));
    await deployed.setClock(4 * MINUTE);
    answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => start(deployed, '+13035552001', { isolate: i % 3 })),
    );
    assert.equal(api.starts - before, 3, 'one send per cooldown, three in all');
    await deployed.setClock(6 * MINUTE);
    answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => start(deployed, '+13035552001', { isolate: i % 3 })),
    );
    assert.deepEqual(counted(answers), { number_hourly: 6 }, 'the hourly cap of 3, exactly');
    assert.equal(api.starts - before, 3);

    // Checks: ten wrong codes at once through the three isolates, then the right one.
    const started = await start(deployed, '+13035552002', { isolate: 1 });
    const code = await codeOf('+13035552002');
    before = api.checks;
    const wrong = code === '000000' ? '111111' : '000000';
    answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => check(deployed, started.body.id, wrong, { isolate: i % 3 })),
    );
    assert.deepEqual(counted(answers), { 200: 4, verification_attempts: 6 });
    assert.equal(api.checks - before, 4, 'exactly the attempts reached the API');
    assert.equal(
      (await check(deployed, started.body.id, code, { isolate: 2 })).status,
      429,
      'then the verification is dead',
    );
  } finally {
    await deployed.dispose();
  }
});

test('three isolates, a sharded deployment budget: exactly GLOBAL_DAILY_CAP sends across any rotation, concurrent', async () => {
  const deployed = live({
    GLOBAL_DAILY_CAP: '7',
    DEPLOYMENT_SHARDS: '4',
    IP_HOURLY_CAP: '1000',
    IP_DAILY_CAP: '1000',
    PREFIX_HOURLY_CAP: '1000',
  });
  try {
    const before = api.starts;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        start(deployed, `+1303555${3000 + i}`, { isolate: i % 3, ip: `192.0.2.${i}` }),
      ),
    );
    assert.deepEqual(counted(answers), { 200: 7, global_daily: 13 });
    assert.equal(api.starts - before, 7);
  } finally {
    await deployed.dispose();
  }
});

// ---- The check route against a stranger --------------------------------------------------------------------

test("a stranger who knows only the number cannot spend the owner's attempts; unknown ids send nothing; IP and deployment check limits", async () => {
  const deployed = live({
    CHECK_IP_HOURLY_FAILURES: '5',
    CHECK_GLOBAL_HOURLY_FAILURES: '3',
    DEPLOYMENT_SHARDS: '2',
    IP_HOURLY_CAP: '1000',
    PREFIX_HOURLY_CAP: '1000',
  });
  try {
    const victim = '+13035552101';
    const owner = await start(deployed, victim, { ip: '198.51.100.1' });
    const code = await codeOf(victim);
    const before = api.checks;
    // The stranger: checks by number are refused, guesses at ids are answered here, and meet the IP limit.
    assert.equal(
      (await call(deployed, '/verifications/check', { phone_number: victim, code: '123456' }, { ip: '203.0.113.66' }))
        .status,
      400,
    );
    const guesses = [];
    for (let i = 0; i < 8; i++)
      guesses.push(await check(deployed, crypto.randomUUID(), '123456', { ip: '203.0.113.66', isolate: i % 3 }));
    assert.deepEqual(counted(guesses), { 404: 5, check_ip_hourly: 3 });
    assert.equal(api.checks, before, 'no unknown id reached the API');
    // The owner's right code still works.
    assert.equal((await check(deployed, owner.body.id, code, { ip: '198.51.100.1' })).body.response_code, 'accepted');

    // The deployment's budget of wrong codes (on real verifications), across addresses.
    const wrongs = [];
    for (let i = 0; i < 5; i++) {
      const phone = `+1303555220${i}`;
      const started = await start(deployed, phone, { ip: `198.51.100.${10 + i}` });
      const right = await codeOf(phone);
      wrongs.push(
        await check(deployed, started.body.id, right === '000000' ? '111111' : '000000', {
          ip: `198.51.100.${10 + i}`,
        }),
      );
    }
    assert.deepEqual(counted(wrongs), { 200: 3, check_global_hourly: 2 });
  } finally {
    await deployed.dispose();
  }
});

// ---- Storage ------------------------------------------------------------------------------------------------

/** Runs `count` calls of `make(i)`, `concurrency` at a time; returns the answers and each one's latency. */
async function pool(count, concurrency, make) {
  const answers = new Array(count);
  const latencies = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const begun = performance.now();
        answers[i] = await make(i);
        latencies[i] = performance.now() - begun;
      }
    }),
  );
  return { answers, latencies };
}

test('storage is bounded: after 1,000 refused starts and 1,000 unknown checks, and the windows passing, only what a live verification needs remains', async () => {
  const deployed = live({ IP_HOURLY_CAP: '5' }, []);
  const fresh = live({}, []);
  try {
    await start(deployed, '+13035552301', { ip: '198.51.100.7' });
    const afterOne = await deployed.storedKeys();
    // Refused by the number's cooldown, and by the address's cap for other numbers: neither writes.
    const refusedByNumber = await pool(500, 20, () => start(deployed, '+13035552301', { ip: '198.51.100.7' }));
    for (let i = 0; i < 4; i++) await start(deployed, `+1303555240${i}`, { ip: '198.51.100.7' });
    const afterCap = await deployed.storedKeys();
    const refusedByAddress = await pool(500, 20, (i) =>
      start(deployed, `+1720555${String(i).padStart(4, '0')}`, { ip: '198.51.100.7' }),
    );
    // Concurrent refusals from one address hold its slots for an instant, so some meet its cap first: refused all.
    const byNumber = counted(refusedByNumber.answers);
    assert.equal((byNumber.number_cooldown ?? 0) + (byNumber.ip_hourly ?? 0), 500, JSON.stringify(byNumber));
    assert.deepEqual(counted(refusedByAddress.answers), { ip_hourly: 500 });
    assert.equal((await deployed.storedKeys()).LIMITER.keys, afterCap.LIMITER.keys, '1,000 refusals wrote no key');
    assert.ok(afterCap.LIMITER.keys > afterOne.LIMITER.keys);
    // Unknown ids from 1,000 addresses: each address's counter takes a key, until its window passes.
    const unknown = await pool(1000, 20, (i) =>
      check(deployed, crypto.randomUUID(), '123456', { ip: `10.${i >> 8}.${i & 255}.1` }),
    );
    assert.deepEqual(counted(unknown.answers), { 404: 1000 });
    assert.ok((await deployed.storedKeys()).LIMITER.keys >= afterCap.LIMITER.keys + 1000);

    // A day and an hour later, every alarm has run: nothing of the attack is left.
    await deployed.setClock(25 * 60 * MINUTE);
    await deployed.runAlarms();
    assert.deepEqual(
      await deployed
        .storedKeys()
        .then(({ LIMITER, VERIFICATIONS, STATS }) => [LIMITER.keys, VERIFICATIONS.keys, STATS.keys]),
      [0, 0, 0],
      'no key left',
    );
    // And a new verification stores exactly what one does on a deployment that never saw the attack.
    await start(deployed, '+13035552302', { ip: '198.51.100.8' });
    await start(fresh, '+13035552302', { ip: '198.51.100.8' });
    const [now, baseline] = [await deployed.storedKeys(), await fresh.storedKeys()];
    assert.deepEqual([now.LIMITER.keys, now.VERIFICATIONS.keys], [baseline.LIMITER.keys, baseline.VERIFICATIONS.keys]);
  } finally {
    await deployed.dispose();
    await fresh.dispose();
  }
});

// ---- Load -------------------------------------------------------------------------------------------------

test('load: 2,000 starts over 500 numbers, 100 in flight: exactly the allowed number sent, none lost', async () => {
  const logs = [];
  const deployed = live(
    { GLOBAL_DAILY_CAP: '400', IP_HOURLY_CAP: '10000', IP_DAILY_CAP: '10000', PREFIX_HOURLY_CAP: '10000' },
    [],
    logs,
  );
  try {
    const before = api.starts;
    const started = performance.now();
    const { answers, latencies } = await pool(2000, 100, (i) =>
      start(deployed, `+1303556${String(i % 500).padStart(4, '0')}`, { ip: `10.1.${(i >> 8) & 255}.${i & 255}` }),
    );
    const seconds = (performance.now() - started) / 1000;
    const counts = counted(answers);
    const failures = logs.filter((line) => line.includes('"status":5')).map((line) => JSON.parse(line).detail);
    assert.deepEqual(
      [...new Set(failures)],
      [],
      `no request failed (the API saw: ${[...new Set(api.errors)].join('; ')})`,
    );
    // Each number may be sent once (the cooldown), and the deployment 400 in all: 400 exactly, wherever they fell.
    assert.equal(counts[200], 400, JSON.stringify(counts));
    assert.equal(api.starts - before, 400, 'what the API received');
    assert.equal((counts.number_cooldown ?? 0) + (counts.global_daily ?? 0), 1600, JSON.stringify(counts));
    const sorted = [...latencies].sort((a, b) => a - b);
    const p = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
    console.log(
      `load: 2,000 starts in ${seconds.toFixed(1)} s (${(2000 / seconds).toFixed(0)}/s), 100 in flight: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms; ${JSON.stringify(counts)}`,
    );
  } finally {
    await deployed.dispose();
  }
});

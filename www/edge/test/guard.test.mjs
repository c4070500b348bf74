// The fraud guard (conversion breaker) against a replayed attack trace in Miniflare with a test clock: legitimate
// traffic in three countries converting at 70 % with resends, a pumping run on one prefix, and a slow run spread
// over twenty prefixes of one country. With the guard off and on, the messages sent are counted at a loopback API
// and printed. Then: the owner's unblock and allow, a block's expiry, a country with a long good record and one bad
// hour, and the admin page in headless Chromium (sign in, the charts with the trace's numbers, unblock a prefix,
// a wrong token refused, no number anywhere), whose screenshot docs/edge.md shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveFixture } from './support/deployment.mjs';
import { injectedFailure } from '../../../tests/support/injected.mjs';
import { launchChromium } from '../../../tests/support/chromium.mjs';

injectedFailure('edge');

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const MINUTE = 60_000;
const ADMIN_TOKEN = 'admin-token-for-guard-tests-0123456789';
const SEED = Number(process.env.TRACE_SEED ?? 20261203);
const GUARD = {
  GUARD_MIN_STARTS: '20',
  GUARD_MIN_CONVERSION: '20',
  GUARD_WINDOW_SECONDS: '3600',
  GUARD_BLOCK_SECONDS: '3600',
  GUARD_GRACE_SECONDS: '300',
};
let fixture, api, profileId;

before(async () => {
  fixture = await liveFixture('guard');
  ({ api, profileId } = fixture);
});

after(() => fixture?.close());

function live(extra = {}, options = {}) {
  const bindings = {
    MODE: 'live',
    TELNYX_API_KEY: 'KEY_guard_SECRET',
    TELNYX_BASE_URL: `${api.url}/v2`,
    LIMITER_KEY: 'limiter-key-for-guard-tests-0123456789',
    VERIFY_PROFILE_ID: profileId,
    ADMIN_TOKEN,
    ALLOWED_COUNTRIES: 'US,CA,GB,LT',
    DEPLOYMENT_SHARDS: '4',
    IP_HOURLY_CAP: '10000',
    IP_DAILY_CAP: '10000',
    PREFIX_HOURLY_CAP: '10000',
    GLOBAL_DAILY_CAP: '40000',
    ...GUARD,
    ...extra,
  };
  return fixture.deploy({ bindings, ...options });
}

async function call(deployed, method, path, body, headers = {}) {
  const response = await deployed.fetch(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
const start = (deployed, phone) =>
  call(
    deployed,
    'POST',
    '/verifications',
    { phone_number: phone, type: 'sms' },
    { 'cf-connecting-ip': `10.0.${phone.slice(-4, -2)}.${phone.slice(-2)}` },
  );
const check = (deployed, id, code) => call(deployed, 'POST', '/verifications/check', { verification_id: id, code });
const admin = (deployed, method, path, body, token = ADMIN_TOKEN) =>
  call(deployed, method, path, body, { authorization: `Bearer ${token}` });

/** mulberry32: the trace is the same for a seed. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEGIT_PREFIXES = [
  '+1303555',
  '+1720555',
  '+1415555',
  '+1212555',
  '+1617555',
  '+1512555',
  '+1416555',
  '+1604555',
  '+1514555',
  '+4477009',
  '+4477008',
  '+4477007',
];
const PUMP_PREFIX = '+1303999';
const SPREAD_PREFIXES = Array.from({ length: 20 }, (_, i) => `+37061${String(i).padStart(2, '0')}`);

/**
 * The trace, two simulated hours in minutes: each minute two legitimate starts (70 % enter the right code one to
 * three minutes later; a third of the others resend after two minutes), and from minute 20 one start a minute on
 * the pumped prefix and one on the spread run's next prefix, none ever converting. A country's verdict is renewed
 * by the first start after it is a minute old; the cells' alarms run every five minutes. Returns what was sent and
 * refused, by kind.
 */
async function replay(deployed) {
  const next = random(SEED);
  const digits = (n) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const due = new Map(); // minute → actions
  const later = (minute, action) => due.set(minute, [...(due.get(minute) ?? []), action]);
  const outcome = {
    sent: { legit: 0, pump: 0, spread: 0 },
    refused: { legit: [], pump: 0, spread: 0 },
    pumpSentBeforeBlock: null,
    spreadBlockedAt: null,
  };
  const attempt = async (kind, phone, resend = true) => {
    const answer = await start(deployed, phone);
    if (answer.status === 200) {
      outcome.sent[kind]++;
      if (kind !== 'legit') return;
      if (next() < 0.7)
        later(minute + 1 + Math.floor(next() * 3), async () =>
          check(deployed, answer.body.id, await api.codeOf(phone)),
        );
      else if (resend && next() < 0.34) later(minute + 2, () => attempt('legit', phone, false));
      return;
    }
    assert.equal(answer.status, 403, `${kind} ${phone}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.code, 'destination_blocked');
    if (kind === 'legit') outcome.refused.legit.push(`${phone.slice(0, 8)} (${answer.body.scope})`);
    else outcome.refused[kind]++;
    if (kind === 'pump' && outcome.pumpSentBeforeBlock === null) outcome.pumpSentBeforeBlock = outcome.sent.pump;
    if (kind === 'spread' && outcome.spreadBlockedAt === null)
      outcome.spreadBlockedAt = { minute, scope: answer.body.scope, sent: outcome.sent.spread };
  };
  let minute = 0;
  for (; minute < Number(process.env.TRACE_MINUTES ?? 120); minute++) {
    if (process.env.TRACE_DEBUG) console.error(`minute ${minute}`, JSON.stringify(outcome.sent));
    await deployed.setClock(minute * MINUTE);
    for (const action of due.get(minute) ?? []) await action();
    for (let i = 0; i < 2; i++)
      await attempt('legit', `${LEGIT_PREFIXES[Math.floor(next() * LEGIT_PREFIXES.length)]}${digits(4)}`);
    if (minute >= 20) {
      await attempt('pump', `${PUMP_PREFIX}${digits(4)}`);
      await attempt('spread', `${SPREAD_PREFIXES[minute % SPREAD_PREFIXES.length]}${digits(4)}`);
    }
    if (minute % 5 === 4) await deployed.runAlarms('GUARD_CELLS');
    // Mid-trace, while the blocks hold (a block lasts an hour; then the prefix or country is judged afresh).
    if (minute === 64) outcome.midway = (await admin(deployed, 'GET', '/admin/stats')).body;
  }
  return outcome;
}

test(
  `a replayed attack trace (seed ${SEED}): the guard blocks the pumped prefix and the spread country, and no legitimate prefix`,
  { timeout: 600_000 },
  async () => {
    const off = live({ GUARD: 'off' });
    let withoutGuard;
    try {
      withoutGuard = await replay(off);
    } finally {
      await off.dispose();
    }
    const on = live();
    let withGuard, stats;
    try {
      withGuard = await replay(on);
      stats = (await admin(on, 'GET', '/admin/stats')).body;
    } finally {
      await on.dispose();
    }
    const total = (o) => o.sent.legit + o.sent.pump + o.sent.spread;
    console.log(
      `trace: messages sent with the guard off ${total(withoutGuard)} (legitimate ${withoutGuard.sent.legit}, pumped ${withoutGuard.sent.pump}, spread ${withoutGuard.sent.spread}); on ${total(withGuard)} (legitimate ${withGuard.sent.legit}, pumped ${withGuard.sent.pump}, spread ${withGuard.sent.spread}); legitimate starts blocked ${withGuard.refused.legit.length}; the pumped prefix blocked after ${withGuard.pumpSentBeforeBlock} sends; the spread run blocked at minute ${withGuard.spreadBlockedAt?.minute} (${withGuard.spreadBlockedAt?.scope}) after ${withGuard.spreadBlockedAt?.sent} sends`,
    );
    assert.deepEqual(
      withGuard.refused.legit,
      [],
      `no legitimate start was blocked: ${withGuard.refused.legit.join(', ')}`,
    );
    assert.equal(withGuard.sent.legit, withoutGuard.sent.legit, 'every legitimate message still went out');
    assert.deepEqual(
      [withoutGuard.refused.pump, withoutGuard.refused.spread],
      [0, 0],
      'with the guard off, nothing is blocked',
    );
    // The pumped prefix: judged once GUARD_MIN_STARTS starts passed their grace; what it sends meanwhile is the margin.
    const margin = 300 / 60 + 1; // GUARD_GRACE_SECONDS of the trace's one start a minute, and the start that tips it
    assert.ok(
      withGuard.pumpSentBeforeBlock !== null && withGuard.pumpSentBeforeBlock <= 20 + margin,
      `pumped sends before the block: ${withGuard.pumpSentBeforeBlock}`,
    );
    assert.equal(
      withGuard.spreadBlockedAt?.scope,
      'country',
      'the spread run, under every prefix minimum, is blocked at country level',
    );
    assert.ok(
      withGuard.sent.spread < withoutGuard.sent.spread / 2,
      `spread sends: ${withGuard.sent.spread} of ${withoutGuard.sent.spread}`,
    );
    assert.deepEqual(
      withGuard.midway.blocks.map((b) => `${b.scope}:${b.key}`).sort(),
      ['country:LT', `prefix:${PUMP_PREFIX}`],
      'the blocks, midway',
    );
    assert.deepEqual(withoutGuard.midway.blocks, [], 'none with the guard off');
    const us = stats.countries.find((c) => c.country === 'US');
    assert.ok(us.conversion > 0.2 && !us.blocked_until, `US converts at ${us.conversion} with the pump inside it`);
    const hours = stats.hours.reduce(
      (a, h) => ({
        starts: a.starts + h.starts,
        converted: a.converted + h.converted,
        blocked: a.blocked + h.blocked.prefix + h.blocked.country,
      }),
      { starts: 0, converted: 0, blocked: 0 },
    );
    assert.equal(hours.starts, total(withGuard), 'the stats count every start sent');
    assert.equal(hours.blocked, withGuard.refused.pump + withGuard.refused.spread, 'and every start the guard blocked');
    assert.ok(!JSON.stringify(stats).match(/\+\d{9,}/), 'no full number in the stats');
  },
);

test('the owner unblocks and allows by the admin call; a block expires', async () => {
  const deployed = live({ GUARD_MIN_STARTS: '3', GUARD_GRACE_SECONDS: '60', GUARD_BLOCK_SECONDS: '600' });
  try {
    for (let i = 0; i < 3; i++) assert.equal((await start(deployed, `+1303888000${i}`)).status, 200);
    await deployed.setClock(2 * MINUTE);
    const blocked = await start(deployed, '+13038880009');
    assert.deepEqual([blocked.status, blocked.body.code, blocked.body.scope], [403, 'destination_blocked', 'prefix']);
    assert.ok(blocked.body.retry_after > 590 && blocked.body.retry_after <= 600);
    assert.equal(
      (await start(deployed, '+14165550001')).status,
      200,
      'another country is not blocked (the US now is, by its only prefix)',
    );
    assert.equal(
      (
        await admin(
          deployed,
          'POST',
          '/admin/guard',
          { action: 'unblock', scope: 'prefix', key: '+1303888' },
          'wrong-token-0123456789-0123456789-xx',
        )
      ).status,
      401,
    );
    assert.equal(
      (await admin(deployed, 'POST', '/admin/guard', { action: 'unblock', scope: 'prefix', key: '+13038880009' }))
        .status,
      400,
      'a number is not a prefix',
    );
    assert.equal(
      (await admin(deployed, 'POST', '/admin/guard', { action: 'unblock', scope: 'prefix', key: '+1303888' })).status,
      200,
    );
    // Unblocked, but still converting at 0 %: the next start is judged again and blocked again.
    assert.equal((await start(deployed, '+13038880010')).status, 403);
    assert.equal(
      (await admin(deployed, 'POST', '/admin/guard', { action: 'allow', scope: 'prefix', key: '+1303888' })).status,
      200,
    );
    assert.equal((await start(deployed, '+13038880011')).status, 200, 'allowed: the breaker stays off it');
    await admin(deployed, 'POST', '/admin/guard', { action: 'disallow', scope: 'prefix', key: '+1303888' });
    assert.equal((await start(deployed, '+13038880012')).status, 403, 'disallowed: judged again');
    // The block expires GUARD_BLOCK_SECONDS later; by then the window has moved past the unconverted starts.
    await deployed.setClock(2 * MINUTE + 601_000 + 3_600_000);
    assert.equal((await start(deployed, '+13038880013')).status, 200, 'expired');
  } finally {
    await deployed.dispose();
  }
});

/** `n` starts to `prefix` of which `converting` are checked with the right code, at the current clock. */
async function traffic(deployed, prefix, n, converting, base) {
  for (let i = 0; i < n; i++) {
    const phone = `${prefix}${String(base + i).padStart(4, '0')}`;
    const answer = await start(deployed, phone);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    if (i < converting)
      assert.equal((await check(deployed, answer.body.id, await api.codeOf(phone))).body.response_code, 'accepted');
  }
}

test('with the default PREFIX_HOURLY_CAP a pumped prefix is still judged by itself: its minimum follows what the cap lets through', async () => {
  const deployed = live({ PREFIX_HOURLY_CAP: '10' }); // the default: 10 starts an hour, fewer than GUARD_MIN_STARTS
  try {
    const statuses = [];
    for (let minute = 0; minute < 20; minute++) {
      await deployed.setClock(minute * MINUTE);
      const answer = await start(deployed, `+17208880${String(minute).padStart(3, '0')}`);
      statuses.push(answer.status === 403 ? `403:${answer.body.scope}` : String(answer.status));
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill('200'), statuses.join(' '));
    // 80 % of the 10 the cap lets through in the hour's window: judged once 8 starts passed their grace.
    assert.equal((await admin(deployed, 'GET', '/admin/stats')).body.guard.prefix_min_starts, 8);
    assert.ok(statuses.includes('403:prefix'), statuses.join(' '));
    assert.ok(!statuses.includes('403:country'), 'the country, under its own minimum, is not blocked');
  } finally {
    await deployed.dispose();
  }
});

test('a country with a long record of good conversion is not blocked by one bad hour unless the drop is large', async () => {
  // Twelve hours of 70 % in GB (prefixes of 2 starts each, too few to judge alone), then one hour at 17.8 %: below
  // the 20 % threshold, but not below a quarter of its record (about 17.5 %). The same hour blocks CA, which has no
  // record. Then an hour at 0 % in GB: a large drop, blocked.
  const deployed = live({ GUARD_MIN_STARTS: '10', DEPLOYMENT_SHARDS: '2', GLOBAL_DAILY_CAP: '20000' });
  try {
    for (let hour = 0; hour < 12; hour++) {
      await deployed.setClock(hour * 60 * MINUTE);
      for (let p = 0; p < 10; p++)
        await traffic(deployed, `+4477${String(hour * 10 + p).padStart(3, '0')}`, 2, p < 7 ? 2 : 0, 0);
    }
    await deployed.setClock(12 * 60 * MINUTE);
    for (let p = 0; p < 45; p++) await traffic(deployed, `+4478${String(p).padStart(3, '0')}`, 1, p < 8 ? 1 : 0, 0);
    for (let p = 0; p < 45; p++) await traffic(deployed, `+1604${String(100 + p)}`, 1, p < 8 ? 1 : 0, 0);
    await deployed.setClock(12 * 60 * MINUTE + 10 * MINUTE);
    await deployed.runAlarms('GUARD_CELLS');
    assert.equal((await start(deployed, '+447729990001')).status, 200, 'GB: a bad hour against a long good record');
    const ca = await start(deployed, '+16049990001');
    assert.deepEqual([ca.status, ca.body.scope], [403, 'country'], 'CA: the same hour, no record');
    await deployed.setClock(14 * 60 * MINUTE);
    for (let p = 0; p < 20; p++) await traffic(deployed, `+4479${String(p).padStart(3, '0')}`, 1, 0, 0);
    await deployed.setClock(14 * 60 * MINUTE + 10 * MINUTE);
    await deployed.runAlarms('GUARD_CELLS');
    const gb = await start(deployed, '+447749990001');
    assert.deepEqual([gb.status, gb.body.scope], [403, 'country'], 'GB: 0 % is a large drop');
  } finally {
    await deployed.dispose();
  }
});

test("the guard's and the counts' storage down: starts still go out, their right codes are accepted, the log says why", async () => {
  const logs = [];
  const deployed = live({}, { logs });
  try {
    await deployed.unavailable(['GUARD_CELLS', 'STATS']);
    const phone = '+13035550142';
    const started = await start(deployed, phone);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const checked = await check(deployed, started.body.id, await api.codeOf(phone));
    assert.deepEqual([checked.status, checked.body.response_code], [200, 'accepted']);
    const details = logs
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === 'request')
      .map((line) => line.detail ?? '');
    assert.ok(
      details.some((d) => /^(guard|stats) failed: (GUARD_CELLS|STATS) is unavailable/.test(d)),
      details.join(' | '),
    );
    // Restored: the guard and the counts work again, for starts made from here.
    await deployed.unavailable([]);
    assert.equal((await start(deployed, '+13035550143')).status, 200);
    assert.equal((await admin(deployed, 'GET', '/admin/stats')).body.hours.at(-1).starts, 1);
  } finally {
    await deployed.dispose();
  }
});

test(
  "the admin page in headless Chromium: a wrong token refused; sign in; the charts carry the stats' numbers; unblock a prefix; no number anywhere",
  { timeout: 240_000 },
  async () => {
    const deployed = live({ GUARD_MIN_STARTS: '3', GUARD_GRACE_SECONDS: '60' }, { port: 0 });
    const url = await deployed.url;
    // All of it within one clock hour, so the stats' last hour holds every start: a minute into the next hour
    // (a run that crossed an hour split its starts between two bars).
    const hourStart = 60 * MINUTE - (Date.now() % (60 * MINUTE)) + MINUTE;
    await deployed.setClock(hourStart);
    const browser = await launchChromium();
    try {
      // Some traffic: two prefixes converting, one blocked (three starts, none converted, past their grace).
      for (const [prefix, converting] of [
        ['+1303555', 3],
        ['+1416555', 2],
        ['+1720999', 0],
      ])
        await traffic(deployed, prefix, 3, converting, 100);
      await deployed.setClock(hourStart + 2 * MINUTE);
      assert.equal((await start(deployed, '+17209990999')).status, 403);
      const { body: stats } = await admin(deployed, 'GET', '/admin/stats');
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${url}/admin`);
      await page.fill('#token', 'not-the-admin-token-0123456789-0123456789');
      await page.click('#sign-in-form button');
      await page.waitForFunction(() => document.querySelector('#sign-in-error').textContent.length > 0);
      assert.match(await page.textContent('#sign-in-error'), /refused/);
      assert.equal(await page.isVisible('#dashboard'), false);
      await page.fill('#token', ADMIN_TOKEN);
      await page.click('#sign-in-form button');
      await page.waitForSelector('body[data-loaded]');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('admin-token')), ADMIN_TOKEN);
      // The hourly chart: 24 hours of 5 series, and this hour's bars are the stats' numbers.
      assert.equal(await page.locator('#hourly rect[data-series]').count(), 24 * 5);
      const hour = stats.hours.at(-1);
      const bar = async (series) =>
        Number(await page.getAttribute(`#hourly rect[data-series=${series}][data-hour="${hour.hour}"]`, 'data-value'));
      assert.deepEqual(
        [await bar('starts'), await bar('converted'), await bar('blocked')],
        [hour.starts, hour.converted, hour.blocked.prefix + hour.blocked.country],
      );
      assert.deepEqual([hour.starts, hour.converted, hour.blocked.prefix], [9, 5, 1]);
      assert.equal(await page.textContent('[data-tile=starts] b'), '9');
      const us = stats.countries.find((c) => c.country === 'US');
      assert.equal(
        Number(await page.getAttribute('#countries rect[data-country=US]', 'data-conversion')),
        us.conversion,
      );
      assert.match(await page.textContent('#prefixes'), /\+1720999/);
      await page.screenshot({ path: join(repo, 'test-artifacts', 'admin-page.png'), fullPage: true });
      // Unblock the prefix from its button: the block is gone, and the next start is judged afresh.
      await page.click('#blocks button[data-action=unblock][data-key="+1720999"]');
      await page.waitForFunction(() => !document.querySelector('#blocks button[data-action=unblock]'));
      assert.deepEqual((await admin(deployed, 'GET', '/admin/stats')).body.blocks, []);
      // No number anywhere: the page, the stats (prefixes only), as text.
      const everything = `${await page.content()} ${JSON.stringify(stats)}`;
      assert.equal(everything.match(/\+\d{9,}/g), null, 'no full phone number');
      assert.deepEqual(errors, []);
      assert.equal((await call(deployed, 'GET', '/admin/stats')).status, 401, 'no token, no stats');
    } finally {
      await browser.close();
      await deployed.dispose();
    }
  },
);

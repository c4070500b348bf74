// The JS boundary's proven defects (issue 9), each reproduced against the built package in Node, and a
// property-based fuzz of every export with fast-check: arbitrary JS values, Proxies, revoked Proxies, throwing
// getters, sparse and huge arrays, cycles, BigInts and symbols. Every call must end in a value or a typed
// rejection (never a synchronous throw from a method, never a trap), and the same instance must then complete
// a whole flow. Every call settles: whatever a caller's `fetch` resolves or rejects with (fakes and Proxies of a
// Response, throwing getters, thenables) ends in an answer or a typed error, never an uncaught exception.
// FUZZ_RUNS sets the number of runs (default 10,000); each run draws a fresh seed, printed, and FUZZ_SEED
// replays one. The long run: `FUZZ_RUNS=1000000 node --test tests/faults/boundary.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as lib from '../../pkg/node.js';
import { injectedFailure } from '../support/injected.mjs';

injectedFailure('boundary');

const KEY = 'KEY_boundary_SECRET_77ab';
const ID = '12ade33a-21c0-473b-b055-b3c836e1c292';
const PHONE = '+13035551234';
const json = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const verification = { data: { id: ID, phone_number: PHONE, status: 'pending', type: 'sms' } };

/** `promise`, or a failure if it has not settled within `ms` (a call that never settles is a defect). */
async function settled(promise, ms = 5000, what = 'the call') {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Uncaught exceptions seen while `fn` runs (a JS exception thrown through wasm escapes as one). */
async function uncaughtDuring(fn) {
  const seen = [];
  const record = (error) => seen.push(error);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  try {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  }
  return seen;
}

/** Runs `fn` and returns its rejection (or fails if it resolved or threw synchronously). */
async function rejection(fn) {
  let promise;
  try {
    promise = fn();
  } catch (error) {
    assert.fail(`threw synchronously instead of rejecting: ${error}`);
  }
  const outcome = await settled(
    promise.then(
      (value) => ({ value }),
      (error) => ({ error }),
    ),
  );
  assert.ok(outcome.error, `resolved: ${JSON.stringify(outcome.value)}`);
  assert.ok(lib.isVerifyError(outcome.error), `untyped: ${outcome.error}`);
  return outcome.error;
}

async function flowWorks(client, sandbox) {
  const profile = await client.createProfile({ name: 'Still alive' });
  await client.startVerification({ type: 'sms', phone_number: PHONE, verify_profile_id: profile.id });
  const [message] = sandbox.outbox(PHONE);
  const result = await client.verifyCode({ phone_number: PHONE, code: message.code, verify_profile_id: profile.id });
  assert.equal(result.response_code, 'accepted');
}

test('a huge sparse array is validation_failed, before any allocation, and the instance lives on', async () => {
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ apiKey: KEY, fetch: sandbox.fetch });
  const error = await rejection(() =>
    client.createProfile({ name: 'x', sms: { whitelisted_destinations: new Array(2 ** 27) } }),
  );
  assert.equal(error.code, 'validation_failed');
  assert.equal(error.field, '/sms/whitelisted_destinations');
  await flowWorks(client, sandbox);
});

test('a throwing element getter, 1,000 times, and a revoked Proxy: typed rejections, never a dead instance', async () => {
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ apiKey: KEY, fetch: sandbox.fetch });
  for (let i = 0; i < 1000; i++) {
    const list = ['US'];
    Object.defineProperty(list, 0, {
      get() {
        throw new Error(KEY);
      },
    });
    const error = await rejection(() => client.createProfile({ name: 'x', sms: { whitelisted_destinations: list } }));
    assert.equal(error.field, '/sms/whitelisted_destinations/0');
    assert.ok(!error.message.includes(KEY));
  }
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  for (const call of [
    () => client.createProfile(proxy),
    () => client.getProfile(proxy),
    () => client.listProfiles({ page: proxy }),
    () => client.verifyCode({ phone_number: PHONE, code: '1', verify_profile_id: ID }, proxy),
  ]) {
    assert.equal((await rejection(call)).code, 'validation_failed');
  }
  assert.throws(
    () => new lib.VerifyClient(proxy),
    (e) => lib.isVerifyError(e) && e.code === 'validation_failed',
  );
  await flowWorks(client, sandbox);
});

test('the API key wins over a caller Authorization, alone; Content-Type likewise', async () => {
  let seen;
  const fetch = (request) => {
    seen = request.headers;
    return json(200, verification);
  };
  const client = new lib.VerifyClient({
    apiKey: KEY,
    fetch,
    headers: { authorization: 'Bearer other', 'content-type': 'text/plain', 'X-Extra': 'yes' },
  });
  await client.startVerification({ type: 'sms', phone_number: PHONE, verify_profile_id: ID });
  assert.equal(seen.get('authorization'), `Bearer ${KEY}`);
  assert.equal(seen.get('content-type'), 'application/json');
  assert.equal(seen.get('x-extra'), 'yes');
});

test('a key or header value fetch cannot send is validation_failed in the constructor, not a retried network error', () => {
  for (const options of [
    { apiKey: 'caf\u00e9' },
    { apiKey: '\u2615' },
    { apiKey: KEY, headers: { 'X-A': '\u00e9' } },
    { apiKey: KEY, headers: { 'X-A': '\u2615' } },
  ]) {
    assert.throws(
      () => new lib.VerifyClient(options),
      (e) => lib.isVerifyError(e) && e.code === 'validation_failed' && /apiKey|headers/.test(e.field),
    );
  }
});

test('a signal that is not an AbortSignal rejects typed and leaves no timer behind', async () => {
  let calls = 0;
  const client = new lib.VerifyClient({ apiKey: KEY, fetch: () => (calls++, json(200, verification)) });
  const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const error = await rejection(() => client.getVerification(ID, { signal: { aborted: false } }));
  assert.equal(error.field, '/signal');
  assert.equal(calls, 0);
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, before);
});

test('concurrent next() calls on a page iterator are queued: two items, not an early done', async () => {
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ apiKey: KEY, fetch: sandbox.fetch });
  for (const name of ['a', 'b', 'c']) await client.createProfile({ name });
  const it = client.iterateProfiles({ page: { size: 1 } });
  const [first, second] = await Promise.all([it.next(), it.next()]);
  assert.deepEqual([first.done, second.done], [false, false]);
  assert.deepEqual([first.value.name, second.value.name], ['a', 'b']);
  const rest = [];
  for await (const profile of it) rest.push(profile.name);
  assert.deepEqual(rest, ['c']);
});

test('x-should-retry counts only "true" and "false"; anything else is as if absent', async () => {
  for (const [header, attempts] of [
    ['1', 3],
    ['TRUE', 3],
    ['false', 1],
    ['true', 3],
  ]) {
    let calls = 0;
    const fetch = () => (calls++, json(503, { errors: [] }, { 'x-should-retry': header, 'retry-after-ms': '1' }));
    await rejection(() => new lib.VerifyClient({ apiKey: KEY, fetch, maxRetries: 2 }).getVerification(ID));
    assert.equal(calls, attempts, `x-should-retry: ${header}`);
  }
});

test('a response body over maxResponseBytes is a decode_error', async () => {
  const big = JSON.stringify({ data: { id: ID, padding: 'x'.repeat(2048) } });
  const client = new lib.VerifyClient({ apiKey: KEY, fetch: () => new Response(big), maxResponseBytes: 1024 });
  assert.equal((await rejection(() => client.getVerification(ID))).code, 'decode_error');
  const fine = new lib.VerifyClient({ apiKey: KEY, fetch: () => new Response(big) });
  assert.equal((await fine.getVerification(ID)).id, ID);
});

test("gloo-net's panics are out of reach: a string rejection, a plain object, a body already read, a throwing fetch", async () => {
  const cases = [
    [() => Promise.reject('plain string'), 'network_error'],
    [() => Promise.reject(undefined), 'network_error'],
    [
      () => {
        throw Symbol('sync');
      },
      'network_error',
    ],
    [() => ({ status: 200, text: async () => '{}' }), 'decode_error'],
    [
      async () => {
        const r = json(200, verification);
        await r.text();
        return r;
      },
      'decode_error',
    ],
    [() => 42, 'decode_error'],
  ];
  const sandbox = lib.createSandbox();
  for (const [fetch, code] of cases) {
    const client = new lib.VerifyClient({ apiKey: KEY, fetch, maxRetries: 0 });
    for (let i = 0; i < 50; i++) assert.equal((await rejection(() => client.getVerification(ID))).code, code);
  }
  await flowWorks(new lib.VerifyClient({ apiKey: KEY, fetch: sandbox.fetch }), sandbox);
});

// What a caller's fetch may resolve to, beyond a Response: each must become an answer or a typed error.
const ANSWERS = {
  'Object.create(Response.prototype)': () => Object.create(Response.prototype),
  'a Proxy of a Response whose get trap throws': () =>
    new Proxy(json(200, verification), {
      get() {
        throw new Error(KEY);
      },
    }),
  'a Proxy whose getPrototypeOf trap throws': () =>
    new Proxy(
      {},
      {
        getPrototypeOf() {
          throw 'no prototype';
        },
      },
    ),
  'a Response whose headers getter throws': () =>
    Object.defineProperty(json(200, verification), 'headers', {
      get() {
        throw new TypeError('headers');
      },
    }),
  'a Response whose status getter throws': () =>
    Object.defineProperty(json(200, verification), 'status', {
      get() {
        throw 7;
      },
    }),
  'a Response whose status is a string': () =>
    Object.defineProperty(json(200, verification), 'status', { value: '200' }),
  'a Response whose bodyUsed getter throws': () =>
    Object.defineProperty(json(200, verification), 'bodyUsed', {
      get() {
        throw null;
      },
    }),
  'a Response whose headers are a plain object': () =>
    Object.defineProperty(json(200, verification), 'headers', { value: { get: () => '1' } }),
  'a Response whose text() throws': () =>
    Object.defineProperty(json(200, verification), 'text', {
      value() {
        throw new Error(KEY);
      },
    }),
  'a Response whose text() returns a number': () =>
    Object.defineProperty(json(200, verification), 'text', { value: () => 42 }),
  'a Response whose text() returns a thenable that throws': () =>
    Object.defineProperty(json(200, verification), 'text', {
      value: () => ({
        get then() {
          throw 'then';
        },
      }),
    }),
  'a thenable whose then getter throws': () => ({
    get then() {
      throw new Error('then');
    },
  }),
  'a promise whose constructor getter throws': () =>
    Object.defineProperty(Promise.resolve(json(200, verification)), 'constructor', {
      get() {
        throw new Error('constructor');
      },
    }),
  'a promise whose then getter throws': () =>
    Object.defineProperty(Promise.resolve(json(200, verification)), 'then', {
      get() {
        throw new Error('then');
      },
    }),
  'a Response whose text() returns a promise with a throwing constructor': () =>
    Object.defineProperty(json(200, verification), 'text', {
      value: () =>
        Object.defineProperty(Promise.resolve('{}'), 'constructor', {
          get() {
            throw 1;
          },
        }),
    }),
  'a thenable that throws in then': () => ({
    then() {
      throw Symbol('then');
    },
  }),
};

test("every value a caller's fetch resolves to settles as a typed error, and nothing escapes as an uncaught exception", async () => {
  const uncaught = await uncaughtDuring(async () => {
    for (const [name, make] of Object.entries(ANSWERS)) {
      const client = new lib.VerifyClient({ apiKey: KEY, fetch: () => make(), maxRetries: 0, timeoutMs: 1000 });
      const error = await rejection(() => client.getVerification(ID));
      assert.ok(['decode_error', 'network_error'].includes(error.code), `${name}: ${error.code}`);
      assert.ok(!error.message.includes(KEY), name);
    }
  });
  assert.deepEqual(uncaught.map(String), []);
});

test('a thenable that resolves to a Response, and a Proxy of one, are answers; a thenable that never settles is a timeout', async () => {
  const thenable = {
    then(resolve) {
      resolve(json(200, verification));
    },
  };
  const answered = new lib.VerifyClient({ apiKey: KEY, fetch: () => thenable, maxRetries: 0 });
  assert.equal((await settled(answered.getVerification(ID))).id, ID);
  // The platform's getters read a Proxy's target through its (absent) traps: a real answer.
  const proxied = new lib.VerifyClient({
    apiKey: KEY,
    fetch: () => new Proxy(json(200, verification), {}),
    maxRetries: 0,
  });
  assert.equal((await settled(proxied.getVerification(ID))).id, ID);
  // A 503 whose headers are a Proxy of Headers: the status is read, headers that cannot be read count as absent.
  const proxiedHeaders = () =>
    Object.defineProperty(json(503, verification), 'headers', {
      value: new Proxy(new Headers({ 'x-should-retry': 'false' }), {}),
    });
  const unavailable = new lib.VerifyClient({ apiKey: KEY, fetch: proxiedHeaders, maxRetries: 1, maxRetryDelayMs: 1 });
  assert.equal((await rejection(() => unavailable.getVerification(ID))).code, 'server_error');
  const never = new lib.VerifyClient({ apiKey: KEY, fetch: () => ({ then() {} }), maxRetries: 0, timeoutMs: 50 });
  assert.equal((await rejection(() => never.getVerification(ID))).code, 'timeout');
  const neverBody = new lib.VerifyClient({
    apiKey: KEY,
    fetch: () => Object.defineProperty(json(200, verification), 'text', { value: () => new Promise(() => {}) }),
    maxRetries: 0,
    timeoutMs: 50,
  });
  assert.equal((await rejection(() => neverBody.getVerification(ID))).code, 'timeout');
  // A global fetch replaced by one that ignores its signal (a test tool, a polyfill): the timeout still ends it.
  const platform = globalThis.fetch;
  globalThis.fetch = () => new Promise(() => {});
  try {
    const global = new lib.VerifyClient({ apiKey: KEY, maxRetries: 0, timeoutMs: 50 });
    assert.equal((await rejection(() => global.getVerification(ID))).code, 'timeout');
  } finally {
    globalThis.fetch = platform;
  }
});

// ---- Property-based fuzz of every export ----------------------------------------------------------------------

// Hostile values are made inside the property, from tokens: fast-check itself inspects what it generates and
// cannot hold a revoked Proxy.
const MAKERS = {
  '@cyclic': () => {
    const o = { name: 'x' };
    o.self = o;
    return o;
  },
  '@throwing-getter': () =>
    Object.defineProperty({}, 'name', {
      enumerable: true,
      get() {
        throw new Error(KEY);
      },
    }),
  '@throwing-element': () => {
    const a = ['US'];
    Object.defineProperty(a, 0, {
      get() {
        throw 'not an error';
      },
    });
    return a;
  },
  '@revoked': () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  '@trap': () =>
    new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
        get() {
          throw 'not an error';
        },
        has() {
          throw 1;
        },
      },
    ),
  '@sparse': () => {
    const a = [];
    a.length = 2 ** 30;
    return a;
  },
  '@symbol': () => Symbol('s'),
  '@function': () => () => 1,
  ...Object.fromEntries(Object.entries(ANSWERS).map(([name, make]) => [`@answer: ${name}`, make])),
  '@response': () => json(200, verification),
  '@error-response': () =>
    json(
      422,
      { errors: [{ code: '10015', title: 'Invalid parameter', source: { pointer: '/x' } }] },
      { 'retry-after': 'soon' },
    ),
};

function materialize(value, depth = 0) {
  // Own members only: `'__proto__' in MAKERS` is true (inherited), and the fuzzer does draw that string.
  if (typeof value === 'string' && Object.hasOwn(MAKERS, value)) return MAKERS[value]();
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => materialize(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  for (const key of Object.keys(value)) value[key] = materialize(value[key], depth + 1);
  return value;
}

function hostile() {
  const special = fc.constantFrom(undefined, null, NaN, Infinity, -0, 10n, ...Object.keys(MAKERS));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.anything({
        withBigInt: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withSparseArray: true,
        withNullPrototype: true,
      }),
      special,
      tie('object'),
    ),
    object: fc.dictionary(
      fc.constantFrom(
        'name',
        'type',
        'phone_number',
        'verify_profile_id',
        'code',
        'sms',
        'page',
        'signal',
        'apiKey',
        'fetch',
        'headers',
        'timeoutMs',
        '__proto__',
        'text',
        'status',
        'whitelisted_destinations',
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  }));
  return value;
}

const METHODS = [
  'createProfile',
  'getProfile',
  'updateProfile',
  'deleteProfile',
  'listProfiles',
  'listTemplates',
  'createTemplate',
  'updateTemplate',
  'startVerification',
  'getVerification',
  'listVerifications',
  'verifyCode',
  'verifyCodeById',
  'createVerifiedNumber',
  'listVerifiedNumbers',
  'getVerifiedNumber',
  'deleteVerifiedNumber',
  'submitVerifiedNumberCode',
  'iterateProfiles',
  'iterateVerifiedNumbers',
];

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

test(
  `fuzz: ${FUZZ_RUNS} runs of arbitrary values into every export and out of a caller's fetch; 0 traps, 0 untyped throws, every call settles`,
  { timeout: 3_600_000 },
  async () => {
    console.log(
      `fuzz seed ${FUZZ_SEED}: replay with FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} node --test tests/faults/boundary.test.mjs`,
    );
    const sandbox = lib.createSandbox();
    const client = new lib.VerifyClient({ apiKey: KEY, fetch: sandbox.fetch, maxRetries: 0 });
    let typed = 0;
    const started = Date.now();
    const uncaught = await uncaughtDuring(() =>
      fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            ...METHODS,
            'constructor',
            'createSandbox',
            'isVerifyError',
            'outbox',
            'fetchResolves',
            'fetchRejects',
          ),
          fc.array(hostile(), { maxLength: 3 }),
          async (target, recipe) => {
            let args;
            try {
              args = materialize(structuredClone(recipe));
            } catch (error) {
              assert.fail(`the fuzzer's own materialize threw: ${error}`);
            }
            let outcome;
            try {
              if (target === 'constructor') outcome = new lib.VerifyClient(...args);
              else if (target === 'createSandbox') outcome = lib.createSandbox(...args);
              else if (target === 'isVerifyError') assert.equal(typeof lib.isVerifyError(...args), 'boolean');
              else if (target === 'outbox') outcome = sandbox.outbox(...args);
              else if (target === 'fetchResolves' || target === 'fetchRejects') {
                // What a caller's fetch gives back: any value, resolved or rejected.
                const fetch = target === 'fetchResolves' ? () => args[0] : () => Promise.reject(args[0]);
                outcome = await settled(
                  new lib.VerifyClient({ apiKey: KEY, fetch, maxRetries: 0, timeoutMs: 200 }).getVerification(ID),
                  5000,
                  target,
                );
              } else if (target.startsWith('iterate'))
                outcome = await settled(client[target](...args).next(), 5000, target);
              else outcome = await settled(client[target](...args), 5000, target);
            } catch (error) {
              assert.ok(lib.isVerifyError(error), `${target}: untyped ${String(error)}`);
              assert.ok(!String(error.message).includes(KEY));
              typed++;
            }
            return true; // the property is the absence of an untyped throw (asserted above), of a hang and of a trap
          },
        ),
        { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
      ),
    );
    assert.deepEqual(uncaught.map(String), [], 'uncaught exceptions during the fuzz');
    assert.ok(typed > 0, 'some inputs were rejected');
    console.log(
      `fuzz: seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s, ${typed} typed rejections; the instance then completes a flow`,
    );
    await flowWorks(client, sandbox);
  },
);

test('createSandbox refuses a random source that does not give 32-bit integers (Math.random would zero every code)', () => {
  for (const random of [Math.random, () => -1, () => 2 ** 32, () => 'x']) {
    assert.throws(
      () => lib.createSandbox({ random }),
      (e) => lib.isVerifyError(e) && e.field === '/random',
    );
  }
  assert.throws(
    () => lib.createSandbox({ now: 5 }),
    (e) => lib.isVerifyError(e) && e.field === '/now',
  );
  const sandbox = lib.createSandbox({ random: () => 7 });
  assert.ok(sandbox.webhookPublicKey.length > 0);
});

test('exportState / createSandbox({ state }): the same codes, key and outbox; a state that does not read whole is refused', async () => {
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ headers: { Authorization: 'Bearer t' }, fetch: sandbox.fetch });
  const profile = await client.createProfile({ name: 'Kept', webhook_url: 'https://example.test/hooks' });
  await client.startVerification({ type: 'sms', phone_number: PHONE, verify_profile_id: profile.id });
  const restored = lib.createSandbox({ state: sandbox.exportState() });
  assert.equal(restored.webhookPublicKey, sandbox.webhookPublicKey);
  assert.deepEqual(restored.outbox(), sandbox.outbox());
  assert.deepEqual(restored.webhooks(), sandbox.webhooks());
  const again = new lib.VerifyClient({ headers: { Authorization: 'Bearer t' }, fetch: restored.fetch });
  const [message] = restored.outbox(PHONE);
  assert.equal(
    (await again.verifyCode({ phone_number: PHONE, code: message.code, verify_profile_id: profile.id })).response_code,
    'accepted',
  );
  for (const state of [
    '',
    '{',
    '[]',
    '{"version":1}',
    sandbox.exportState().replace('"version":1', '"version":9'),
    42,
    {},
  ]) {
    assert.throws(
      () => lib.createSandbox({ state }),
      (e) => lib.isVerifyError(e) && e.code === 'validation_failed' && e.field === '/state',
      String(state).slice(0, 40),
    );
  }
});

test("an imported state is judged by the API's rules: an overlong code_length, a bad id or code is refused, never a trap", async () => {
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ headers: { Authorization: 'Bearer t' }, fetch: sandbox.fetch });
  const profile = await client.createProfile({ name: 'Kept', sms: { code_length: 6 } });
  await client.startVerification({ type: 'sms', phone_number: PHONE, verify_profile_id: profile.id });
  const good = JSON.parse(sandbox.exportState());
  const edits = {
    'sms.code_length 4000000000': (s) => {
      s.profiles[0].sms.code_length = 4_000_000_000;
    },
    'sms.code_length 11': (s) => {
      s.profiles[0].sms.code_length = 11;
    },
    'a profile id that is not a UUID': (s) => {
      s.profiles[0].id = '../x';
    },
    'a profile without a name': (s) => {
      delete s.profiles[0].name;
    },
    'a code of 100,000 digits': (s) => {
      s.verifications[0].code = '1'.repeat(100_000);
    },
    'a code with letters': (s) => {
      s.verifications[0].code = '12a45';
    },
    'a phone number that is not E.164': (s) => {
      s.verifications[0].phone_number = 'x';
    },
    'a verification of an unknown type': (s) => {
      s.verifications[0].kind = 'email';
    },
    'a message code of 100 digits': (s) => {
      s.messages[0].code = '1'.repeat(100);
    },
    'a timeout of 1e308 s': (s) => {
      s.verifications[0].timeout_secs = 1e308;
    },
    'a creation time past what a date holds': (s) => {
      s.verifications[0].created_ms = 1e308;
    },
    'a negative time': (s) => {
      s.verifications[0].updated_ms = -1;
    },
    'a status the sandbox never writes': (s) => {
      s.verifications[0].status = 'banana';
    },
    'attempts of 2^32 - 1': (s) => {
      s.verifications[0].attempts = 4294967295;
    },
    'a profile twice': (s) => {
      s.profiles.push(s.profiles[0]);
    },
    'a message of 5 MB': (s) => {
      s.messages[0].text = 'x'.repeat(5_000_000);
    },
    'a message on an unknown channel': (s) => {
      s.messages[0].channel = 'pigeon';
    },
    'a webhook to a URL that is not http(s)': (s) => {
      s.webhooks.push({
        id: 'w',
        url: 'file:///etc/passwd',
        failover_url: null,
        headers: [],
        body: '{}',
        status: null,
        delivered_to: null,
      });
    },
  };
  for (const [name, edit] of Object.entries(edits)) {
    const state = structuredClone(good);
    edit(state);
    const error = (() => {
      try {
        lib.createSandbox({ state: JSON.stringify(state) });
      } catch (e) {
        return e;
      }
    })();
    assert.ok(lib.isVerifyError(error), `${name}: accepted`);
    assert.equal(error.code, 'validation_failed', name);
    assert.equal(error.field, '/state', name);
  }
  // The unedited state still imports, and its code still checks.
  const restored = lib.createSandbox({ state: JSON.stringify(good) });
  const again = new lib.VerifyClient({ headers: { Authorization: 'Bearer t' }, fetch: restored.fetch });
  const [message] = restored.outbox(PHONE);
  assert.equal(message.code.length, 6);
  assert.equal(
    (await again.verifyCode({ phone_number: PHONE, code: message.code, verify_profile_id: profile.id })).response_code,
    'accepted',
  );
});

test("stored bytes are bounded: at the edge Worker's limits, a sandbox filled past them exports under 1 MB", async () => {
  const limits = { profiles: 20, templates: 20, verifications: 200, messages: 100, verified_numbers: 20 };
  const sandbox = lib.createSandbox({ limits });
  const client = new lib.VerifyClient({ headers: { Authorization: 'Bearer t' }, fetch: sandbox.fetch });
  const long = 'x'.repeat(3000); // as large as a 4 KiB admin request body allows
  let profile;
  for (let i = 0; i < 30; i++)
    profile = await client.createProfile({
      name: `${long}${i}`,
      webhook_url: 'https://example.test/hooks',
      sms: { app_name: 'Bounded' },
    });
  for (let i = 0; i < 300; i++)
    await client.startVerification({
      type: 'sms',
      phone_number: `+1303555${String(i).padStart(4, '0')}`,
      verify_profile_id: profile.id,
    });
  const bytes = new TextEncoder().encode(sandbox.exportState()).length;
  assert.ok(bytes < 1_000_000, `${bytes} bytes`);
  assert.ok(bytes > 100_000, `the fill reached the limits (${bytes} bytes)`);
});

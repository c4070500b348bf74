// Hostile input and leaks, with the built package in Node:
// - every exported function and method fed malformed JS values (null, undefined, numbers, arrays, deeply nested
//   objects, 1 MB strings, a `__proto__` key, symbols, BigInt, functions) rejects with a typed error, and the
//   same instance then completes a normal flow (a panic would have trapped it);
// - a recognisable API key appears in no error message, stack, JSON.stringify(error), console output or sandbox
//   server log, on every error path;
// - 100,000 calls against a loopback server: JS heap and wasm memory growth after the first 1,000 stay < 1 MiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as lib from '../../pkg/node.js';
import { injectedFailure } from '../support/injected.mjs';

injectedFailure('hostile');

const KEY = 'KEY_hostile_SECRET_4f9a';
const ID = '12ade33a-21c0-473b-b055-b3c836e1c292';
const PHONE = '+13035551234';

let deep = {};
for (let i = 0; i < 10_000; i++) deep = { nested: deep };
const MALFORMED = {
  null: null,
  undefined,
  number: 42,
  NaN: Number.NaN,
  array: [1, 'two', { three: 3 }],
  'deeply nested object': deep,
  '1 MB string': 'x'.repeat(1024 * 1024),
  '__proto__ key': JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}'),
  symbol: Symbol('s'),
  bigint: 10n,
  function: () => 1,
  'object with a throwing getter': Object.defineProperty({}, 'name', {
    enumerable: true,
    get() {
      throw new Error(KEY);
    },
  }),
};

// Every method with valid arguments; each position is then replaced by each malformed value.
const METHODS = {
  createProfile: [{ name: 'ok' }, {}],
  getProfile: [ID, {}],
  updateProfile: [ID, { name: 'ok' }, {}],
  deleteProfile: [ID, {}],
  listProfiles: [{}, {}],
  listTemplates: [{}],
  createTemplate: [{ text: '{{code}}' }, {}],
  updateTemplate: [ID, { text: '{{code}}' }, {}],
  startVerification: [{ type: 'sms', phone_number: PHONE, verify_profile_id: ID }, {}],
  getVerification: [ID, {}],
  listVerifications: [PHONE, {}],
  verifyCode: [{ phone_number: PHONE, code: '1', verify_profile_id: ID }, {}],
  verifyCodeById: [ID, { code: '1' }, {}],
  createVerifiedNumber: [{ phone_number: PHONE, verification_method: 'sms' }, {}],
  listVerifiedNumbers: [{}, {}],
  getVerifiedNumber: [PHONE, {}],
  deleteVerifiedNumber: [PHONE, {}],
  submitVerifiedNumberCode: [PHONE, { verification_code: '1' }, {}],
};
// Where `undefined`/`null` mean "not given" (queries and options), a call may succeed or fail on the sandbox.
const OPTIONAL_LAST = (method, position, args) =>
  position === args.length - 1 || (['listProfiles', 'listVerifiedNumbers'].includes(method) && position === 0);

async function normalFlow(client, sandbox) {
  const profile = await client.createProfile({ name: 'Still alive' });
  await client.startVerification({ type: 'sms', phone_number: PHONE, verify_profile_id: profile.id });
  const [message] = sandbox.outbox(PHONE);
  const result = await client.verifyCode({ phone_number: PHONE, code: message.code, verify_profile_id: profile.id });
  assert.equal(result.response_code, 'accepted');
}

test('malformed values in every argument of every method: typed errors, and the instance survives', async () => {
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ apiKey: KEY, fetch: sandbox.fetch, maxRetries: 0 });
  let checked = 0;
  for (const [method, args] of Object.entries(METHODS)) {
    for (let position = 0; position < args.length; position++) {
      for (const [label, value] of Object.entries(MALFORMED)) {
        const call = [...args];
        call[position] = value;
        let outcome;
        try {
          outcome = { value: await client[method](...call) };
        } catch (error) {
          outcome = { error };
        }
        checked++;
        if (outcome.error === undefined) {
          assert.ok(
            OPTIONAL_LAST(method, position, args) && (value === undefined || value === null),
            `${method}(arg ${position} = ${label}) resolved`,
          );
          continue;
        }
        assert.ok(lib.isVerifyError(outcome.error), `${method}(arg ${position} = ${label}): untyped ${outcome.error}`);
        assert.ok(!String(outcome.error.message).includes(KEY), `${method}: key in the message`);
      }
    }
  }
  // Iterators, the constructor, createSandbox and the sandbox's own functions.
  for (const value of Object.values(MALFORMED)) {
    if (value !== undefined && value !== null) {
      await assert.rejects(client.iterateProfiles(value).next(), (e) => lib.isVerifyError(e));
      assert.throws(
        () => new lib.VerifyClient(value),
        (e) => lib.isVerifyError(e),
      );
      assert.throws(
        () => lib.createSandbox(value),
        (e) => lib.isVerifyError(e),
      );
    }
    assert.equal(typeof lib.isVerifyError(value), 'boolean');
    const answer = await sandbox
      .fetch(typeof value === 'symbol' ? 'x' : value, {
        method: 'POST',
        body: typeof value === 'string' ? value : '{',
        headers: { authorization: 'Bearer x' },
      })
      .catch((e) => e);
    assert.ok(answer instanceof Response || answer instanceof Error);
    try {
      assert.ok(Array.isArray(sandbox.outbox(value)), 'outbox of a string, null or undefined');
      assert.ok(value === undefined || value === null || typeof value === 'string');
    } catch (error) {
      assert.ok(lib.isVerifyError(error), `outbox(${String(typeof value)}): ${error}`);
    }
    checked += 5;
  }
  console.log(`malformed calls checked: ${checked}`);
  await normalFlow(client, sandbox);
});

test('the API key appears in no error, stack, JSON, console line or sandbox log', async () => {
  const printed = [];
  const original = {
    log: console.log,
    warn: console.warn,
    error: console.error,
    info: console.info,
    debug: console.debug,
  };
  for (const level of Object.keys(original)) console[level] = (...args) => printed.push(args.map(String).join(' '));
  const { startSandboxServer } = await import('../../pkg/sandbox-server.mjs');
  const logLines = [];
  const server = await startSandboxServer({ port: 0, log: (line) => logLines.push(line) });
  const errors = [];
  const capture = async (promise) =>
    errors.push(
      await promise.then(
        () => null,
        (e) => e,
      ),
    );
  try {
    const echoing = async (request) => {
      throw new Error(`cannot reach ${request.url} with ${request.headers.get('authorization')}`);
    };
    const notJson = async () => new Response(`<html>${KEY}</html>`);
    const slow = (request) =>
      new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    const clients = [
      new lib.VerifyClient({ apiKey: KEY, baseUrl: `${server.url}/v2`, maxRetries: 0 }),
      new lib.VerifyClient({ apiKey: KEY, fetch: echoing, maxRetries: 0 }),
      new lib.VerifyClient({ apiKey: KEY, fetch: notJson, maxRetries: 0 }),
      new lib.VerifyClient({ apiKey: KEY, fetch: slow, timeoutMs: 50, maxRetries: 0 }),
      new lib.VerifyClient({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9/v2', maxRetries: 1 }),
    ];
    for (const client of clients) {
      await capture(client.getProfile(ID)); // 404 / network / decode / timeout / refused
      await capture(client.startVerification({ type: 'sms', phone_number: 'bad', verify_profile_id: ID }));
      await capture(
        client.verifyCode({ phone_number: PHONE, code: '1', verify_profile_id: ID }, { signal: AbortSignal.abort() }),
      );
      await capture(client.createProfile({ name: KEY.slice(0, 4) }, { timeoutMs: -1 }));
    }
    for (const options of [
      { apikey: KEY },
      { apiKey: `${KEY} with space` },
      { apiKey: KEY, headers: { 'X-Bad': '\u0000' } },
      { apiKey: KEY, fetch: KEY },
    ]) {
      try {
        new lib.VerifyClient(options);
      } catch (error) {
        errors.push(error);
      }
    }
  } finally {
    Object.assign(console, original);
    await server.close();
  }
  const codes = new Set(errors.filter(Boolean).map((e) => e.code));
  for (const code of ['not_found', 'network_error', 'decode_error', 'timeout', 'aborted', 'validation_failed'])
    assert.ok(codes.has(code), `covered ${code}: ${[...codes]}`);
  for (const error of errors.filter(Boolean)) {
    for (const text of [error.message, error.stack, JSON.stringify(error), String(error)]) {
      assert.ok(!String(text).includes(KEY), `${error.code}: ${text}`);
    }
  }
  assert.ok(logLines.length > 0 && logLines.every((line) => !line.includes(KEY)), logLines.join('\n'));
  assert.ok(
    printed.every((line) => !line.includes(KEY)),
    printed.join('\n'),
  );
  console.log(
    `error paths checked: ${errors.filter(Boolean).length} (${[...codes].join(', ')}); sandbox log lines: ${logLines.length}`,
  );
});

test(
  '100,000 calls against a loopback server: memory growth after the first 1,000 stays under 1 MiB',
  { timeout: 180_000 },
  async () => {
    const child = fork(fileURLToPath(new URL('./memory-probe.mjs', import.meta.url)), {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const report = await new Promise((resolve, reject) => {
      child.on('message', resolve);
      child.on('exit', (code) => code && reject(new Error(`probe exited ${code}`)));
    });
    console.log(
      `memory after 1,000 calls: heap ${report.after1k.heap} B, wasm ${report.after1k.wasm} B; after 100,000: heap ${report.after100k.heap} B, wasm ${report.after100k.wasm} B; ${report.seconds} s`,
    );
    const growth = report.after100k.heap - report.after1k.heap + report.after100k.wasm - report.after1k.wasm;
    assert.ok(growth < 1024 * 1024, `grew ${growth} bytes`);
  },
);

// The Rust Worker example (examples/worker-rs: workers-rs + the crate's Rust API), built by `./build.sh`, run in
// workerd (Miniflare) against the sandbox server on loopback: start a verification, read the code from the
// sandbox's outbox, check a wrong code and the right one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandboxServer } from '../pkg/sandbox-server.mjs';
import { bundleWorker, workerOptions } from './support/workerd.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { injectedFailure } from './support/injected.mjs';

injectedFailure('worker-rs');

const repo = fileURLToPath(new URL('..', import.meta.url));
const PHONE = '+13035551234';

test('a Rust Worker starts and checks a verification through the Rust API, in workerd', async () => {
  const { Miniflare } = await import(
    join(repo, 'tests', 'runtimes', 'node_modules', 'miniflare', 'dist', 'src', 'index.js')
  );
  const server = await startSandboxServer({ port: 0, log: () => {} });
  const base = `${server.url}/s/rust-worker`;
  const profile = await (
    await fetch(`${base}/v2/verify_profiles`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Rust Worker', sms: { app_name: 'RustWorker' } }),
    })
  ).json();
  const bundle = bundleWorker(
    join(repo, 'examples', 'worker-rs', 'entry.mjs'),
    mkdtempSync(join(tmpdir(), 'worker-rs-')),
  );
  const mf = new Miniflare(
    workerOptions(bundle, {
      bindings: { TELNYX_API_KEY: 'sandbox-key', VERIFY_PROFILE_ID: profile.data.id, TELNYX_BASE_URL: `${base}/v2` },
    }),
  );
  try {
    const post = async (path, body) => {
      const response = await mf.dispatchFetch(`http://worker${path}`, { method: 'POST', body: JSON.stringify(body) });
      return { status: response.status, body: await response.text() };
    };
    const started = await post('/verifications', { phone_number: PHONE });
    assert.equal(started.status, 200, started.body);
    assert.equal(JSON.parse(started.body).status, 'pending');
    const [message] = await (await fetch(`${base}/_sandbox/outbox?phone_number=${encodeURIComponent(PHONE)}`)).json();
    assert.match(message.text, /RustWorker/);
    assert.deepEqual(JSON.parse((await post('/verifications/check', { phone_number: PHONE, code: '0000000' })).body), {
      verified: false,
    });
    assert.deepEqual(
      JSON.parse((await post('/verifications/check', { phone_number: PHONE, code: message.code })).body),
      { verified: true },
    );
    const invalid = await post('/verifications', { phone_number: '12345' });
    assert.equal(invalid.status, 400, 'validation_failed before any request');
    assert.match(invalid.body, /validation_failed/);
  } finally {
    await mf.dispose();
    await server.close();
  }
});

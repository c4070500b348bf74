// The demo page in real headless Chromium (Debian's, driven by playwright-core): create a profile, send an SMS
// code, read it from the simulated phone, enter it (accepted); a wrong code (rejected); an invalid phone number
// (the error at that field); backend mode against the edge Worker (www/edge, in Miniflare). Screenshots go to
// test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './support/chromium.mjs';
import { serveDemo } from '../scripts/serve-demo.mjs';
import { bundleWorker, workerOptions } from './support/workerd.mjs';
import { injectedFailure } from './support/injected.mjs';

injectedFailure('demo');

const artifacts = new URL('../test-artifacts/', import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });
let demo, backend, browser;

before(async () => {
  demo = await serveDemo({ port: 0 });
  backend = await startEdge(demo.url.slice(0, -1));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await demo?.close();
  await backend?.close();
});

/** The edge Worker (www/edge) in Miniflare on a loopback port, allowing the demo page's origin. */
async function startEdge(origin) {
  const edge = new URL('../www/edge/', import.meta.url).pathname;
  const bundle = bundleWorker(join(edge, 'src/index.js'), join(artifacts, 'edge-dist'));
  const { Miniflare } = await import(join(edge, 'node_modules/miniflare/dist/src/index.js'));
  const mf = new Miniflare(
    workerOptions(bundle, {
      durableObjects: {
        LIMITER: 'RateLimiter',
        SANDBOX: 'SandboxObject',
        VERIFICATIONS: 'VerificationLog',
        GUARD_CELLS: 'GuardCell',
        STATS: 'StatsShard',
      },
      bindings: { ALLOWED_ORIGIN: origin, MODE: 'sandbox' },
      host: '127.0.0.1',
      port: 0,
      // The Worker's JSON log lines are tested in www/edge; here they would only fill the output.
      handleRuntimeStdio: (stdout, stderr) => {
        stdout.resume();
        stderr.resume();
      },
    }),
  );
  const url = await mf.ready;
  return { url: url.origin, close: () => mf.dispose() };
}

async function openPage(viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(demo.url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  return { page, errors };
}

test('the whole flow in the in-page sandbox: accepted, then rejected', async () => {
  const { page, errors } = await openPage();
  await page.getByLabel('Profile name').fill('Demo Shop');
  await page.getByLabel('App name in messages').fill('Demo Shop');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.waitForSelector('#profile-result.ok');
  assert.match(await page.textContent('#profile-result'), /Profile created: [0-9a-f-]{36}/);
  assert.match(await page.textContent('#profile-wire'), /"url": "https:\/\/api\.telnyx\.com\/v2\/verify_profiles"/);

  await page.getByLabel('Phone number').fill('+13035551234');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.waitForSelector('#messages .message');
  // The sandbox's signed webhooks, verified in the page, show the delivery on the phone.
  await page.waitForSelector('#messages .message [data-delivery=delivered]');
  assert.match(await page.textContent('#start-wire'), /"event_type": "verify.delivered"/);
  const code = await page.getAttribute('#messages .message .code', 'data-code');
  assert.match(code, /^\d{6}$/, 'code length 6 from the form');
  assert.equal(await page.textContent('#messages .message .text'), `Your Demo Shop verification code is: ${code}.`);
  await page.screenshot({ path: join(artifacts, 'demo-code-received.png'), fullPage: true });

  await page.getByLabel('Code the user entered').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Check code' }).click();
  await page.waitForSelector('#check-result[data-response-code=rejected]');

  await page.getByRole('button', { name: `Use code ${code.split('').join(' ')}` }).click();
  assert.equal(await page.inputValue('#code'), code);
  await page.getByRole('button', { name: 'Check code' }).click();
  await page.waitForSelector('#check-result[data-response-code=accepted]');
  assert.match(await page.textContent('#check-wire'), /"response_code": "accepted"/);
  await page.screenshot({ path: join(artifacts, 'demo-accepted.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('an invalid phone number is shown at its field, and nothing is sent', async () => {
  const { page } = await openPage();
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.waitForSelector('#profile-result.ok');
  await page.getByLabel('Phone number').fill('303-555-1234');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.waitForSelector('#err-phone:not(:empty)');
  assert.match(await page.textContent('#err-phone'), /E\.164/);
  assert.equal(await page.getAttribute('#phone', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'phone', 'focus moves to the field');
  assert.match(await page.textContent('#start-wire'), /no request was sent/);
  await page.screenshot({ path: join(artifacts, 'demo-invalid-phone.png'), fullPage: true });
  // An invalid profile field too: the app name pattern.
  await page.getByLabel('App name in messages').fill('Bad_Name!');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.waitForSelector('#err-app-name:not(:empty)');
  assert.match(await page.textContent('#err-app-name'), /\^\[A-Za-z0-9 -\]\{1,30\}\$/);
});

test('psd2 names amount and payee; flash call shows the calling number', async () => {
  const { page } = await openPage();
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.waitForSelector('#profile-result.ok');
  await page.getByLabel('Send the code by').selectOption('psd2');
  await page.getByLabel('Payee').fill('Corner Bakery');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.waitForSelector('#messages .message');
  assert.match(await page.textContent('#messages .message .text'), /99\.99 EUR to Corner Bakery/);
  await page.getByLabel('Send the code by').selectOption('flashcall');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#messages .message').length === 2);
  const from = await page.textContent('#messages .message .meta span');
  const code = await page.getAttribute('#messages .message .code', 'data-code');
  assert.ok(from.endsWith(code), `${from} ends with ${code}`);
});

test('backend mode talks to the edge Worker, which holds the key', async () => {
  const { page, errors } = await openPage();
  await page.getByLabel('Backend URL').check();
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Backend base URL').fill(backend.url);
  await page.getByLabel('Backend base URL').dispatchEvent('change');
  await page.waitForLoadState('networkidle');
  // Switching mode first tried the default URL, which may not be this test's server: judge from here on.
  errors.length = 0;
  // No step 1 here: the Worker pins its profile (its own sandbox profile, as no VERIFY_PROFILE_ID is set).
  await page.waitForFunction(() =>
    /sandbox mode\) uses its configured profile [0-9a-f-]{36}/.test(
      document.querySelector('#profile-pinned').textContent,
    ),
  );
  assert.equal(await page.isVisible('#profile-form button[type=submit]'), false);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.waitForSelector('#start-result:not(:empty)');
  assert.match(
    await page.getAttribute('#start-result', 'class'),
    /ok/,
    `${await page.textContent('#start-result')} ${errors.join(' ')}`,
  );
  const wire = JSON.parse(await page.textContent('#start-wire'));
  assert.equal(wire.request.url, `${backend.url}/verifications`);
  assert.deepEqual(
    Object.keys(wire.request.body).sort(),
    ['phone_number', 'type'],
    'the page sends only what the Worker accepts',
  );
  await page.waitForSelector('#messages .message');
  // Delivered: the Worker verified the sandbox's signed webhooks at /webhooks/telnyx, and the page read it.
  await page.waitForSelector('#messages .message [data-delivery=delivered]');
  const code = await page.getAttribute('#messages .message .code', 'data-code');
  await page.getByLabel('Code the user entered').fill(code);
  await page.getByRole('button', { name: 'Check code' }).click();
  await page.waitForSelector('#check-result[data-response-code=accepted]');
  const check = JSON.parse(await page.textContent('#check-wire'));
  assert.deepEqual(
    Object.keys(check.request.body).sort(),
    ['code', 'verification_id'],
    'checked by the id the start answered',
  );
  assert.equal(check.request.body.verification_id, wire.response.body.id);
  assert.deepEqual(errors, []);
});

test('readable on a phone-sized window, and keyboard reachable', async () => {
  const { page } = await openPage({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll (${width}px)`);
  await page.screenshot({ path: join(artifacts, 'demo-phone-size.png'), fullPage: true });
  // Tab reaches the first step's controls in order.
  const order = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(
        () => document.activeElement.id || document.activeElement.name || document.activeElement.tagName,
      ),
    );
  }
  assert.ok(
    order.includes('profile-name') && order.indexOf('profile-name') < order.indexOf('app-name'),
    order.join(' → '),
  );
});

test('the page server answers a malformed URL with 400 and keeps serving', async () => {
  const { request } = await import('node:http');
  const raw = (path) =>
    new Promise((resolve, reject) => {
      const req = request(`${demo.url}`, { path }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
  assert.equal(await raw('/%'), 400);
  assert.equal(await raw('/%E0%A4%A'), 400);
  assert.equal(await raw('/'), 200, 'still serving');
  assert.equal(await raw('/../Cargo.toml'), 404);
});

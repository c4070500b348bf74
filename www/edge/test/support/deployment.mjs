// A deployment of the edge Worker in Miniflare (real workerd), as the tests run it: the test entry
// (objects-entry.js) hosts the Worker and its Durable Objects with a clock the test sets, persisted in `persist`;
// each of `shifts` adds another Worker isolate (isolate-entry.js) with its own clock shifted by that many ms, bound
// to the same objects. Requests go to the first isolate unless another is named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { bundleWorker, workerOptions } from '../../../../tests/support/workerd.mjs';
import { loopbackTelnyx } from './api.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const DURABLE_OBJECTS = {
  LIMITER: 'RateLimiter',
  SANDBOX: 'SandboxObject',
  VERIFICATIONS: 'VerificationLog',
  GUARD_CELLS: 'GuardCell',
  STATS: 'StatsShard',
};

/** The two test entries, bundled once into `dir`. */
export function bundles(dir) {
  return {
    objects: bundleWorker(join(here, 'objects-entry.js'), join(dir, 'objects')),
    isolate: bundleWorker(join(here, 'isolate-entry.js'), join(dir, 'isolate')),
  };
}

/** A live-mode test file's setup: the entries bundled in a fresh work directory, Telnyx on loopback with a profile
 * to pin, `deploy(options)` for a deployment with its own state, and `close()` for the file's `after`. */
export async function liveFixture(name) {
  const work = mkdtempSync(join(tmpdir(), `tvw-${name}-`));
  const bundled = bundles(join(work, 'dist'));
  const api = await loopbackTelnyx();
  const profileId = await api.profile();
  return {
    api,
    profileId,
    deploy: (options) => deployment({ bundled, persist: join(work, `state-${Math.random()}`), ...options }),
    close: async () => {
      await api.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export function deployment({ bundled, bindings = {}, shifts = [], persist, logs = null, port }) {
  const remote = Object.fromEntries(
    Object.entries(DURABLE_OBJECTS).map(([name, className]) => [name, { className, scriptName: 'objects' }]),
  );
  const mf = new Miniflare({
    workers: [
      { name: 'objects', ...workerOptions(bundled.objects, { durableObjects: DURABLE_OBJECTS, bindings }) },
      ...shifts.map((shift, i) => ({
        name: `isolate-${i + 1}`,
        ...workerOptions(bundled.isolate, {
          durableObjects: remote,
          bindings: { ...bindings, CLOCK_SHIFT_MS: String(shift) },
        }),
      })),
    ],
    durableObjectsPersist: persist,
    // With a port, the objects' isolate also serves HTTP on 127.0.0.1 (for a browser); `url` resolves to it.
    ...(port === undefined ? {} : { host: '127.0.0.1', port }),
    // The Worker's log lines: kept when a test reads them, else dropped (they would fill the test output).
    handleRuntimeStdio: (stdout, stderr) => {
      stdout.on('data', (chunk) => logs?.push(...String(chunk).split('\n').filter(Boolean)));
      stderr.resume();
    },
  });
  const isolates = [];
  const isolate = async (n) => (isolates[n] ??= n === 0 ? mf : await mf.getWorker(`isolate-${n}`));
  const test = async (path) =>
    (
      await mf.dispatchFetch(`http://edge.test${path}`, { method: path.startsWith('/__test/keys') ? 'GET' : 'POST' })
    ).json();
  return {
    mf,
    persist,
    url: port === undefined ? undefined : mf.ready.then((url) => url.origin),
    /** `fetch` through isolate `n` (0: the objects' own). */
    async fetch(path, init = {}, n = 0) {
      const target = await isolate(n);
      return n === 0
        ? target.dispatchFetch(`http://edge.test${path}`, init)
        : target.fetch(`http://edge.test${path}`, init);
    },
    /** The objects' clock, `ms` after the real one. */
    setClock: (ms) => test(`/__test/clock?offset_ms=${ms}`),
    /** The objects' clock, stopped at `ms`. */
    freezeClock: (ms) => test(`/__test/clock?at_ms=${ms}`),
    /** A RateLimiter object by name, called over RPC from the test. */
    limiter: async (name) => {
      const namespace = await mf.getDurableObjectNamespace('LIMITER', 'objects');
      return namespace.get(namespace.idFromName(name));
    },
    /** Every object's alarm, run now (as if its time had come; each decides by the clock whether it has). */
    runAlarms: (binding) => test(`/__test/alarms${binding ? `?binding=${binding}` : ''}`),
    /** Makes every call on these bindings' objects fail (an empty list restores them). */
    unavailable: (bindings) => test(`/__test/unavailable?bindings=${bindings.join(',')}`),
    /** `{ LIMITER: { objects, keys }, VERIFICATIONS: …, GUARD_CELLS: …, STATS: … }` for the objects of this run. */
    storedKeys: () => test('/__test/keys'),
    dispose: () => mf.dispose(),
  };
}

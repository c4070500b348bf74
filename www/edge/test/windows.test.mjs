// The counter against a plain reference model of sliding windows: every entry ever granted and not given back,
// unpruned and untruncated, and at each step a take is allowed when every rule counts fewer than its max in its
// window. Random interleavings of take and release, with the clock moving forwards, standing still, or stepping
// back (a clock is not monotonic), must agree on every step: the pure functions (windows.js) over many runs, then
// the RateLimiter object itself in workerd, its storage and alarms included, called over RPC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { effectiveNow, largestMax, longestMs, pruned, refusal } from '../src/windows.js';
import { bundles, deployment } from './support/deployment.mjs';
import { injectedFailure } from '../../../tests/support/injected.mjs';

injectedFailure('edge');

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const T0 = 1_800_000_000_000;

/** The reference: every entry ever granted and not given back, and a time that never runs backwards. */
class Model {
  entries = [];
  now = 0;

  /** The object reads its clock on every call (take, release, alarm), and its time never runs backwards after. */
  observe(clockNow) {
    this.now = Math.max(this.now, clockNow);
  }

  /** Whether the object's alarm is due: it is set to when the newest entry leaves the longest window. */
  alarmDue(clockNow, longestMs) {
    return this.entries.length > 0 && clockNow >= Math.max(...this.entries.map((e) => e.t)) + longestMs;
  }

  take(rules, clockNow) {
    this.observe(clockNow);
    for (const { limit, max, windowSecs } of rules) {
      const counted = this.entries.filter((e) => e.t > this.now - windowSecs * 1000).sort((a, b) => a.t - b.t);
      if (counted.length >= max) {
        const freeing = counted[counted.length - max];
        return {
          ok: false,
          limit,
          retryAfter: Math.max(1, Math.ceil((freeing.t + windowSecs * 1000 - this.now) / 1000)),
        };
      }
    }
    return { ok: true };
  }

  grant(token) {
    this.entries.push({ t: this.now, token });
  }

  release(token) {
    this.entries = this.entries.filter((e) => e.token !== token);
  }
}

const RULES = [
  { limit: 'cooldown', max: 1, windowSecs: 2 },
  { limit: 'short', max: 3, windowSecs: 10 },
  { limit: 'long', max: 5, windowSecs: 60 },
];

/** A step: take, release the n-th slot granted so far, or move the clock by ms (negative: a step back). */
const step = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ op: 'take' }) },
  { weight: 1, arbitrary: fc.nat(40).map((n) => ({ op: 'release', n })) },
  { weight: 3, arbitrary: fc.integer({ min: -3000, max: 20_000 }).map((ms) => ({ op: 'clock', ms })) },
);
const rules = fc.constantFrom(RULES, RULES.slice(1), [RULES[2]], [{ limit: 'one', max: 1, windowSecs: 5 }]);

test(`windows.js agrees with the reference model on every step (seed ${SEED})`, () => {
  fc.assert(
    fc.property(rules, fc.array(step, { maxLength: 60 }), (rules, steps) => {
      const model = new Model();
      let stored = [];
      let seen = 0;
      let clock = T0;
      const granted = [];
      for (const s of steps) {
        if (s.op === 'clock') clock += s.ms;
        if (s.op === 'release' && granted.length) {
          const token = granted[s.n % granted.length];
          model.release(token);
          stored = stored.filter((e) => e.token !== token);
        }
        if (s.op !== 'take') continue;
        const expected = model.take(rules, clock);
        const now = effectiveNow(seen, stored, clock);
        seen = now;
        const log = pruned(stored, longestMs(rules), largestMax(rules), now);
        const actual = refusal(rules, log, now) ?? { ok: true };
        assert.deepEqual(actual, expected);
        if (actual.ok) {
          const token = `t${granted.length}`;
          granted.push(token);
          model.grant(token);
          stored = [...log, { t: now, token }];
        } else {
          stored = log;
        }
      }
    }),
    { numRuns: 20_000, seed: SEED },
  );
});

let work, deployed;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'tvw-windows-'));
  deployed = deployment({
    bundled: bundles(join(work, 'dist')),
    bindings: { MODE: 'sandbox' },
    persist: join(work, 'state'),
  });
});

after(async () => {
  await deployed?.dispose();
  rmSync(work, { recursive: true, force: true });
});

test(`the RateLimiter object agrees with the reference model on every step, storage and alarms included (seed ${SEED})`, async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(rules, fc.array(step, { maxLength: 25 }), async (rules, steps) => {
      const limiter = await deployed.limiter(`model-${run++}`);
      const model = new Model();
      let clock = T0;
      await deployed.freezeClock(clock);
      const granted = [];
      for (const s of steps) {
        if (s.op === 'clock') {
          clock += s.ms;
          await deployed.freezeClock(clock);
          // The object's alarm may run at any time; it must not change what the model allows. When it runs, the
          // object has seen the clock: an entry it let go stays gone if the clock then steps back.
          const due = model.alarmDue(clock, longestMs(rules));
          await deployed.runAlarms();
          if (due) model.observe(clock);
        }
        if (s.op === 'release' && granted.length) {
          const token = granted[s.n % granted.length];
          model.observe(clock);
          model.release(token);
          await limiter.release(token);
        }
        if (s.op !== 'take') continue;
        const expected = model.take(rules, clock);
        const answer = await limiter.take(rules);
        const { token, ...actual } = answer;
        assert.deepEqual(actual, expected);
        if (answer.ok) {
          granted.push(token);
          model.grant(token);
        }
      }
    }),
    { numRuns: 60, seed: SEED },
  );
});

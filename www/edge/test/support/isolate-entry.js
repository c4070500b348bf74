// Test-only entry of a second or third Worker isolate (never deployed): the Worker as in src/index.js, with its
// own clock shifted by CLOCK_SHIFT_MS, bound to another script's Durable Objects. Isolates in production do not
// share a clock, and Date.now() in Workers only moves on I/O; the objects must not care.
import worker from '../../src/index.js';

let shifted = false;

export default {
  async fetch(request, env, ctx) {
    if (!shifted) {
      const real = Date.now;
      const shift = Number(env.CLOCK_SHIFT_MS);
      Date.now = () => real() + shift;
      shifted = true;
    }
    return worker.fetch(request, env, ctx);
  },
};

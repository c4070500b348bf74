// Test-only entry of the Worker (never deployed): the Worker and its Durable Objects as in src/index.js, plus the
// one seam production has no way to reach: a clock the test sets (`POST /__test/clock?offset_ms=…` runs it ahead
// of the real one, `?at_ms=…` stops it at a time; either replaces `clock.now`), the objects' alarms that are due
// by that clock run on demand (`POST /__test/alarms`), the keys every object of this run still stores
// (`GET /__test/keys`), and bindings whose every call fails (`POST /__test/unavailable?bindings=GUARD_CELLS,STATS`;
// empty restores them), as storage that is down would.
import worker, { GuardCell as Cell, SandboxObject, StatsShard as Stats } from '../../src/index.js';
import { clock } from '../../src/clock.js';
import { RateLimiter as Limiter } from '../../src/limiter.js';
import { VerificationLog as Log } from '../../src/verifications.js';

let offset = 0;
let frozenAt;
clock.now = () => frozenAt ?? Date.now() + offset;

/** The ids of the objects started in this run, by binding. */
const started = { LIMITER: new Set(), VERIFICATIONS: new Set(), GUARD_CELLS: new Set(), STATS: new Set() };

const inspected = (Base, binding) =>
  class extends Base {
    constructor(ctx, env) {
      super(ctx, env);
      started[binding].add(ctx.id.toString());
    }

    async storedKeys() {
      return [...(await this.ctx.storage.list()).keys()];
    }

    /** The object's alarm, if one is set and due by the test clock (as the runtime would run it by then). */
    async runAlarm() {
      const at = await this.ctx.storage.getAlarm();
      if (at !== null && at <= clock.now()) return this.alarm();
    }
  };

export const RateLimiter = inspected(Limiter, 'LIMITER');
export const VerificationLog = inspected(Log, 'VERIFICATIONS');
export const GuardCell = inspected(Cell, 'GUARD_CELLS');
export const StatsShard = inspected(Stats, 'STATS');
export { SandboxObject };

/** Bindings the Worker sees as down: every call on one of their objects rejects. */
let unavailable = [];
const down = (binding) => ({
  idFromName: (name) => name,
  get: () => new Proxy({}, { get: () => () => Promise.reject(new Error(`${binding} is unavailable (test)`)) }),
});

const stubs = (env, binding) => [...started[binding]].map((id) => env[binding].get(env[binding].idFromString(id)));

export default {
  async fetch(request, env, ctx) {
    const { pathname, searchParams } = new URL(request.url);
    if (pathname === '/__test/clock') {
      frozenAt = searchParams.has('at_ms') ? Number(searchParams.get('at_ms')) : undefined;
      offset = Number(searchParams.get('offset_ms') ?? 0);
      return Response.json({ now: clock.now() });
    }
    if (pathname === '/__test/alarms') {
      const bindings = searchParams.has('binding') ? [searchParams.get('binding')] : Object.keys(started);
      await Promise.all(bindings.flatMap((binding) => stubs(env, binding).map((stub) => stub.runAlarm())));
      return Response.json({ ran: true });
    }
    if (pathname === '/__test/keys') {
      const keys = {};
      for (const binding of Object.keys(started)) {
        const stored = await Promise.all(stubs(env, binding).map((stub) => stub.storedKeys()));
        keys[binding] = { objects: started[binding].size, keys: stored.flat().length };
      }
      return Response.json(keys);
    }
    if (pathname === '/__test/unavailable') {
      unavailable = (searchParams.get('bindings') ?? '').split(',').filter(Boolean);
      return Response.json({ unavailable });
    }
    if (unavailable.length === 0) return worker.fetch(request, env, ctx);
    return worker.fetch(request, { ...env, ...Object.fromEntries(unavailable.map((b) => [b, down(b)])) }, ctx);
  },
};

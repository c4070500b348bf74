// One Durable Object per phone number: the cooldown and the daily cap of new verifications. Its storage is
// transactional and the object is single-threaded, so concurrent requests through any isolate see one count.
import { DurableObject } from 'cloudflare:workers';

const DAY_MS = 86_400_000;

export class RateLimiter extends DurableObject {
  /** Takes a slot, or says why not and for how many seconds. */
  async reserve({ cooldownSecs, dailyCap }, now) {
    const storage = this.ctx.storage;
    const last = (await storage.get('last')) ?? 0;
    const day = Math.floor(now / DAY_MS);
    const count = (await storage.get('day')) === day ? (await storage.get('count')) ?? 0 : 0;
    const cooldownLeft = Math.ceil((last + cooldownSecs * 1000 - now) / 1000);
    if (cooldownLeft > 0) return { ok: false, retryAfter: cooldownLeft, reason: `One verification per number every ${cooldownSecs} s.` };
    if (count >= dailyCap) {
      return { ok: false, retryAfter: Math.ceil(((day + 1) * DAY_MS - now) / 1000), reason: `At most ${dailyCap} verifications per number per day.` };
    }
    const token = `${now}-${count + 1}`;
    await storage.put({ last: now, day, count: count + 1, previousLast: last, token });
    return { ok: true, token };
  }

  /** Gives back the slot `token` took, when nothing was sent (invalid input, a failure before the request left). */
  async release(token) {
    const storage = this.ctx.storage;
    if ((await storage.get('token')) !== token) return;
    await storage.put({ last: (await storage.get('previousLast')) ?? 0, count: Math.max(0, ((await storage.get('count')) ?? 1) - 1), token: null });
  }
}

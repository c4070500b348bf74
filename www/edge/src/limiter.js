// The abuse limits' counters: one Durable Object per key (a number, a number prefix, a client IP, the whole
// deployment, a number's failed checks), named by an HMAC of the key so no number is stored in clear. Each keeps a
// log of the times its slots were taken and counts them in sliding windows, one rule per window: "at most 5 in
// 3600 s" holds over every hour, not per clock hour, so a burst at a window's edge cannot double it. The object is
// single-threaded and its storage transactional: concurrent requests through any isolate see one count.
import { DurableObject } from 'cloudflare:workers';

/**
 * `rules`: `[{ limit: 'number_cooldown', max: 1, windowSecs: 60 }, …]`, as the Worker builds them. The answer to a
 * refusal names the rule and when a slot frees (`retryAfter`, whole seconds, at least 1).
 */
export class RateLimiter extends DurableObject {
  /** Takes a slot if every rule has room; `{ ok: true, token }`, or `{ ok: false, limit, retryAfter }`. */
  async take(rules, now) {
    const log = await this.#log(rules, now);
    const refusal = refuse(rules, log, now);
    if (refusal) return refusal;
    const token = crypto.randomUUID();
    log.push({ t: now, token });
    await this.ctx.storage.put('log', log.slice(-maxOf(rules)));
    return { ok: true, token };
  }

  /** Gives back the slot `token` took (nothing can have been sent); a token already gone changes nothing. */
  async release(token) {
    const log = (await this.ctx.storage.get('log')) ?? [];
    const kept = log.filter((entry) => entry.token !== token);
    if (kept.length !== log.length) await this.ctx.storage.put('log', kept);
  }

  /** Forgets every slot taken (a right code ends a number's run of wrong ones). */
  async reset() {
    await this.ctx.storage.delete('log');
  }

  /** The log within the longest window, oldest first. */
  async #log(rules, now) {
    const longest = Math.max(...rules.map((rule) => rule.windowSecs)) * 1000;
    return ((await this.ctx.storage.get('log')) ?? []).filter((entry) => entry.t > now - longest && entry.t <= now);
  }
}

function maxOf(rules) {
  return Math.max(...rules.map((rule) => rule.max));
}

/** The first rule with no room, and when its oldest counted slot leaves the window. */
function refuse(rules, log, now) {
  for (const { limit, max, windowSecs } of rules) {
    const inWindow = log.filter((entry) => entry.t > now - windowSecs * 1000);
    if (inWindow.length >= max) {
      // Room again when all but max - 1 of the slots in the window have left it.
      const freeing = inWindow[inWindow.length - max];
      return { ok: false, limit, retryAfter: Math.max(1, Math.ceil((freeing.t + windowSecs * 1000 - now) / 1000)) };
    }
  }
  return undefined;
}

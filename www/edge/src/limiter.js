// The abuse limits' counters: one Durable Object per key (a number, a prefix, a client address, a shard of the
// deployment's budget), named by an HMAC of the key so no number is stored in clear. Each keeps the log of the
// times its slots were taken (windows.js) and decides by its own clock (clock.js). The object is single-threaded
// and its storage transactional: concurrent requests through any isolate see one count.
//
// Storage is bounded: the log holds at most the largest `max` of its rules, a slot given back is deleted, an empty
// log deletes the object's storage, and an alarm deletes it once its newest entry has left the longest window.
import { DurableObject } from 'cloudflare:workers';
import { clock } from './clock.js';
import { effectiveNow, largestMax, longestMs, pruned, refusal } from './windows.js';

export class RateLimiter extends DurableObject {
  /** The latest time this object decided by; stored with the log when it writes, so a refusal writes nothing. */
  #seen = 0;

  /** Takes a slot if every rule has room: `{ ok: true, token }`, or `{ ok: false, limit, retryAfter }`. */
  async take(rules) {
    const stored = await this.#read();
    const now = this.#now(stored);
    const windowMs = Math.max(longestMs(rules), stored.windowMs);
    const log = pruned(stored.log, windowMs, largestMax(rules), now);
    const refused = refusal(rules, log, now);
    if (refused) {
      // A refusal writes nothing; it only lets go of what has expired.
      if (log.length !== stored.log.length) await this.#write(log, windowMs);
      return refused;
    }
    const token = crypto.randomUUID();
    log.push({ t: now, token });
    await this.#write(log, windowMs);
    return { ok: true, token };
  }

  /** Gives back the slot `token` took (nothing can have been sent); a token already gone changes nothing. */
  async release(token) {
    const stored = await this.#read();
    this.#now(stored);
    const log = stored.log.filter((entry) => entry.token !== token);
    if (log.length !== stored.log.length) await this.#write(log, stored.windowMs);
  }

  /** Runs when the newest entry has left the longest window (by this object's clock): deletes what expired. */
  async alarm() {
    const stored = await this.#read();
    const now = this.#now(stored);
    await this.#write(
      stored.log.filter((entry) => entry.t > now - stored.windowMs),
      stored.windowMs,
    );
  }

  #now(stored) {
    this.#seen = effectiveNow(Math.max(this.#seen, stored.seen ?? 0), stored.log, clock.now());
    return this.#seen;
  }

  /** @returns {Promise<{ log: { t: number, token: string }[], windowMs: number, seen: number }>} */
  async #read() {
    return (await this.ctx.storage.get('counter')) ?? { log: [], windowMs: 0, seen: 0 };
  }

  async #write(log, windowMs) {
    if (log.length === 0) {
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      return;
    }
    await this.ctx.storage.put('counter', { log, windowMs, seen: this.#seen });
    await this.ctx.storage.setAlarm(log[log.length - 1].t + windowMs);
  }
}

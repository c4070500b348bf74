// The conversion breaker's state, in Durable Objects: one per country and shard (`guard:US:3`), the shard picked by
// the prefix, so all of a prefix's starts meet in one object and no object is on every start's path. A cell keeps,
// for its prefixes, the log of starts in the window (time, verification id, converted, failed), the blocks and the
// owner's allows, and for its country an hourly history (starts, conversions; a week) and the country's verdict,
// which the Worker aggregates over every shard at most once a minute per cell (guardian.js). The prefix (as the
// owner configured its length) is stored in clear; a number never. Storage is bounded (guard-cell-state.js): the
// window, the week, and caps on prefixes and entries.
import { DurableObject } from 'cloudflare:workers';
import { clock } from './clock.js';
import { converting, hourOf, tally } from './guard.js';
import { bump, emptyCell, logStart, prunedEmpty, refusal } from './guard-cell-state.js';

const COUNTRY_VERDICT_MS = 60_000;

export class GuardCell extends DurableObject {
  /** Whether a start to `prefix` may be sent: `{ ok: true }`, `{ ok: true, stale: true }` (judge the country
   * first) or `{ ok: false, scope, retryAfter }`. `guard` is the Worker's settings. */
  async admit(prefix, guard) {
    const cell = await this.#read(guard);
    const now = clock.now();
    const blocked = (key) => cell.blocks[key]?.until > now && !cell.allows[key];
    for (const key of [`prefix:${prefix}`]) if (blocked(key)) return refusal('prefix', cell.blocks[key].until, now);
    const own = tally(cell.prefixes[prefix] ?? [], now, guard);
    if (!cell.allows[`prefix:${prefix}`] && !converting(own, guard, null, guard.prefixMinStarts)) {
      cell.blocks[`prefix:${prefix}`] = {
        until: now + guard.blockMs,
        since: now,
        judged: own.judged,
        converted: own.converted,
      };
      await this.#write(cell, now);
      return refusal('prefix', now + guard.blockMs, now);
    }
    // Too few judged starts of its own: the prefix is judged by its country, whose verdict this cell keeps. A
    // verdict older than a minute is `stale`: the Worker aggregates the country's shards (judgeCountry) and asks again.
    if ((cell.countryJudgedAt ?? -Infinity) <= now - COUNTRY_VERDICT_MS) return { ok: true, stale: true };
    if (own.judged < guard.prefixMinStarts && blocked('country') && !cell.allows[`prefix:${prefix}`])
      return refusal('country', cell.blocks.country.until, now);
    return { ok: true };
  }

  /** The country's verdict from every shard's summary (summed by the Worker), kept here for `admit`. */
  async judgeCountry(current, record, guard) {
    const cell = await this.#read(guard);
    const now = clock.now();
    cell.countryJudgedAt = now;
    if (!cell.allows.country && !converting(current, guard, record) && !(cell.blocks.country?.until > now)) {
      cell.blocks.country = { until: now + guard.blockMs, since: now, ...current };
    }
    await this.#write(cell, now);
  }

  /** A start was sent to `prefix`: logged for the breaker and the country's history. */
  async started(prefix, id, guard) {
    const cell = await this.#read(guard);
    const now = clock.now();
    logStart(cell, prefix, { t: now, id, c: 0, f: 0 });
    bump(cell.history, hourOf(now), 0);
    await this.#write(cell, now);
  }

  /** A start's outcome: `converted` (a right code) or `failed` (verify.failed). */
  async outcome(prefix, id, kind) {
    const cell = await this.#read();
    const start = (cell.prefixes[prefix] ?? []).find((s) => s.id === id);
    // A right code wins over a failed delivery: carriers report "failed" for messages that did arrive.
    if (!start || start.c || (kind === 'failed' && start.f)) return;
    start[kind === 'converted' ? 'c' : 'f'] = 1;
    if (kind === 'converted') bump(cell.history, hourOf(start.t), 1);
    await this.#write(cell, clock.now());
  }

  /** This cell's part of its country: the window's tally, and the history before the window. */
  async summary(guard) {
    const cell = await this.#read();
    const now = clock.now();
    const current = { judged: 0, converted: 0 };
    const prefixes = [];
    for (const [prefix, log] of Object.entries(cell.prefixes)) {
      const own = tally(log, now, guard);
      current.judged += own.judged;
      current.converted += own.converted;
      const block = cell.blocks[`prefix:${prefix}`];
      prefixes.push({
        prefix,
        ...own,
        starts: log.filter((s) => s.t > now - guard.windowMs).length,
        blocked_until: block?.until > now ? block.until : null,
        allowed: Boolean(cell.allows[`prefix:${prefix}`]),
      });
    }
    const windowStart = hourOf(now - guard.windowMs);
    const record = { judged: 0, converted: 0 };
    for (const [hour, [starts, converted]] of Object.entries(cell.history)) {
      if (Number(hour) >= windowStart) continue;
      record.judged += starts;
      record.converted += converted;
    }
    const country = cell.blocks.country?.until > now ? cell.blocks.country : null;
    return {
      current,
      record,
      prefixes,
      country_blocked_until: country?.until ?? null,
      country_allowed: Boolean(cell.allows.country),
    };
  }

  /** The owner's call: `unblock` lifts a block; `allow` also keeps the breaker off it; `disallow` undoes that. */
  async ownerAction(action, key) {
    const cell = await this.#read();
    if (action === 'unblock' || action === 'allow') delete cell.blocks[key];
    if (action === 'allow') cell.allows[key] = true;
    if (action === 'disallow') delete cell.allows[key];
    await this.#write(cell, clock.now());
  }

  /** Drops what expired (hourly while anything is kept); an empty cell deletes its storage. */
  async alarm() {
    await this.#write(await this.#read(), clock.now());
  }

  /** The cell; `guard` (the Worker's settings) is kept for the alarm's pruning. */
  async #read(guard = undefined) {
    /** @type {import('./guard-cell-state.js').Cell} */
    const cell = (await this.ctx.storage.get('cell')) ?? emptyCell();
    if (guard) cell.guard = guard;
    return cell;
  }

  /** @param {import('./guard-cell-state.js').Cell} cell @param {number} now */
  async #write(cell, now) {
    if (prunedEmpty(cell, now)) return this.ctx.storage.deleteAll();
    await this.ctx.storage.put('cell', cell);
    // Hourly while anything is kept (never pushed back by more activity).
    const target = now + 3_600_000;
    const pending = await this.ctx.storage.getAlarm();
    if (pending === null || pending > target) await this.ctx.storage.setAlarm(target);
  }
}

/** The cell of a country's shard. */
export const cellName = (country, shard) => `guard:${country}:${shard}`;

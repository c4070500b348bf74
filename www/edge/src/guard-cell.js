// The conversion breaker's state, in Durable Objects: one per country and shard (`guard:US:3`), the shard picked by
// the prefix, so all of a prefix's starts meet in one object and no object is on every start's path. A cell keeps,
// for its prefixes, the log of starts in the window (time, verification id, converted, failed), the blocks and the
// owner's allows, and for its country an hourly history (starts, conversions; a week) and the country's verdict,
// which the Worker aggregates over every shard at most once a minute per cell (guardian.js). The prefix (as the owner configured its length) is stored in
// clear; a number never. Storage is bounded: the window, the week, and caps on prefixes and entries.
import { DurableObject } from 'cloudflare:workers';
import { clock } from './clock.js';
import { converting, hourOf, tally } from './guard.js';

const MAX_PREFIXES = 500;
const MAX_STARTS_PER_PREFIX = 1000;
const HISTORY_HOURS = 168;
const COUNTRY_VERDICT_MS = 60_000;

/** A start to a prefix: its time, verification id, and whether it converted (`c`) or failed (`f`), as 0 or 1.
 * @typedef {{ t: number, id: string, c: number, f: number }} Start */
/** @typedef {{ until: number, since: number, judged: number, converted: number }} Block */
/**
 * @typedef {object} Cell
 * @property {Record<string, Start[]>} prefixes the window's starts, per prefix
 * @property {Record<string, Block>} blocks `prefix:<prefix>` or `country`
 * @property {Record<string, boolean>} allows the owner's allows, by the same keys
 * @property {Record<string, [number, number]>} history per hour: starts, conversions
 * @property {number} [countryJudgedAt] when the country's verdict was last taken
 * @property {any} [guard] the Worker's guard settings, for the alarm's pruning
 */

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
    const log = (cell.prefixes[prefix] ??= []);
    log.push({ t: now, id, c: 0, f: 0 });
    if (log.length > MAX_STARTS_PER_PREFIX) log.splice(0, log.length - MAX_STARTS_PER_PREFIX);
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
    /** @type {Cell} */
    const cell = (await this.ctx.storage.get('cell')) ?? { prefixes: {}, blocks: {}, allows: {}, history: {} };
    if (guard) cell.guard = guard;
    return cell;
  }

  /** @param {Cell} cell @param {number} now */
  async #write(cell, now) {
    const windowMs = cell.guard?.windowMs ?? 86_400_000;
    for (const [prefix, log] of Object.entries(cell.prefixes)) {
      const kept = log.filter((s) => s.t > now - windowMs);
      if (kept.length === 0) delete cell.prefixes[prefix];
      else cell.prefixes[prefix] = kept;
    }
    const prefixes = Object.keys(cell.prefixes);
    if (prefixes.length > MAX_PREFIXES)
      for (const prefix of prefixes.slice(0, prefixes.length - MAX_PREFIXES)) delete cell.prefixes[prefix];
    for (const [key, block] of Object.entries(cell.blocks)) if (block.until <= now) delete cell.blocks[key];
    for (const hour of Object.keys(cell.history))
      if (Number(hour) < hourOf(now) - HISTORY_HOURS) delete cell.history[hour];
    const empty =
      !Object.keys(cell.prefixes).length &&
      !Object.keys(cell.blocks).length &&
      !Object.keys(cell.allows).length &&
      !Object.keys(cell.history).length;
    if (empty) return this.ctx.storage.deleteAll();
    await this.ctx.storage.put('cell', cell);
    // Hourly while anything is kept (never pushed back by more activity).
    const target = now + 3_600_000;
    const pending = await this.ctx.storage.getAlarm();
    if (pending === null || pending > target) await this.ctx.storage.setAlarm(target);
  }
}

/** The cell of a country's shard. */
export const cellName = (country, shard) => `guard:${country}:${shard}`;

function refusal(scope, until, now) {
  return { ok: false, scope, retryAfter: Math.max(1, Math.ceil((until - now) / 1000)) };
}

function bump(history, hour, index) {
  const entry = (history[hour] ??= [0, 0]);
  entry[index]++;
}

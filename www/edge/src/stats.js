// What the admin page shows, counted per hour in sharded Durable Objects (`stats:0` … `stats:N-1`, a request
// picks one at random), so no object is on every request's path; the admin route sums the shards. A bucket holds
// counts by name (`starts`, `delivered`, `converted`, `failed`, `blocked_prefix`, `refused:number_cooldown`,
// `country:US:starts`…); buckets older than 25 hours are deleted. No number, no prefix: countries only.
import { DurableObject } from 'cloudflare:workers';
import { clock } from './clock.js';
import { hourOf } from './guard.js';

const KEEP_HOURS = 25;

export class StatsShard extends DurableObject {
  /** Adds `counts` (`{ name: n }`) to the current hour. */
  async add(counts) {
    const hour = hourOf(clock.now());
    const key = `hour:${hour}`;
    const bucket = (await this.ctx.storage.get(key)) ?? {};
    for (const [name, n] of Object.entries(counts)) bucket[name] = (bucket[name] ?? 0) + n;
    await this.ctx.storage.put(key, bucket);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm((hour + 1) * 3_600_000);
  }

  /** The buckets of the last `hours` hours, by hour. */
  async buckets(hours) {
    const now = hourOf(clock.now());
    const stored = await this.ctx.storage.list({ prefix: 'hour:' });
    const out = {};
    for (const [key, bucket] of stored) {
      const hour = Number(key.slice(5));
      if (hour > now - hours) out[hour] = bucket;
    }
    return out;
  }

  /** Deletes the buckets that left the last 25 hours; the object's storage goes with the last one. */
  async alarm() {
    const now = hourOf(clock.now());
    const stored = await this.ctx.storage.list({ prefix: 'hour:' });
    const old = [...stored.keys()].filter((key) => Number(key.slice(5)) <= now - KEEP_HOURS);
    if (old.length === stored.size) return this.ctx.storage.deleteAll();
    await this.ctx.storage.delete(old);
    await this.ctx.storage.setAlarm((now + 1) * 3_600_000);
  }
}

/** Counts `counts` in a random shard; never fails the request that counts. */
export async function count(env, config, counts) {
  try {
    const shard = Math.floor(Math.random() * config.limits.shards);
    await env.STATS.get(env.STATS.idFromName(`stats:${shard}`)).add(counts);
  } catch (error) {
    console.log(JSON.stringify({ msg: 'stats not counted', error: String(error?.name ?? error) }));
  }
}

/** The last 24 hours, summed over every shard: `[{ hour, counts }]`, oldest first. */
export async function lastDay(env, config) {
  const shards = await Promise.all(
    Array.from({ length: config.limits.shards }, (_, i) =>
      env.STATS.get(env.STATS.idFromName(`stats:${i}`)).buckets(24),
    ),
  );
  const now = hourOf(clock.now());
  return Array.from({ length: 24 }, (_, k) => {
    const hour = now - 23 + k;
    const counts = {};
    for (const shard of shards)
      for (const [name, n] of Object.entries(shard[hour] ?? {})) counts[name] = (counts[name] ?? 0) + n;
    return { hour: new Date(hour * 3_600_000).toISOString(), counts };
  });
}

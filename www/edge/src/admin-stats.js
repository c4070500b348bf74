// The numbers of GET /admin/stats (and of the admin page, which draws them): the stats shards' last 24 hours, and
// the fraud guard's cells of every country seen (conversion by country, the worst prefixes, the active blocks).
import { clock } from './clock.js';
import { rate } from './guard.js';
import { summaries } from './guardian.js';
import { lastDay } from './stats.js';

const WORST_PREFIXES = 10;
const iso = (ms) => (ms ? new Date(ms).toISOString() : null);

export async function statsOf(env, config) {
  const day = await lastDay(env, config);
  const hours = day.map(({ hour, counts }) => ({
    hour,
    starts: counts.starts ?? 0,
    delivered: counts.delivered ?? 0,
    converted: counts.converted ?? 0,
    failed: counts.failed ?? 0,
    refused: Object.fromEntries(
      Object.entries(counts)
        .filter(([name]) => name.startsWith('refused:') && !name.startsWith('refused:guard_'))
        .map(([name, n]) => [name.slice(8), n]),
    ),
    blocked: { prefix: counts['refused:guard_prefix'] ?? 0, country: counts['refused:guard_country'] ?? 0 },
  }));
  const seen = new Set(
    day.flatMap(({ counts }) =>
      Object.keys(counts)
        .filter((name) => name.startsWith('country:'))
        .map((name) => name.split(':')[1]),
    ),
  );
  if (config.countries !== '*') for (const country of config.countries) seen.add(country);
  const guard = config.guard
    ? await guardStats(env, config, [...seen].sort())
    : { countries: [], prefixes: [], blocks: [] };
  return {
    generated_at: new Date(clock.now()).toISOString(),
    guard: config.guard
      ? {
          enabled: true,
          window_seconds: config.guard.windowMs / 1000,
          min_starts: config.guard.minStarts,
          prefix_min_starts: config.guard.prefixMinStarts,
          min_conversion: config.guard.minConversion,
          block_seconds: config.guard.blockMs / 1000,
          grace_seconds: config.guard.graceMs / 1000,
        }
      : { enabled: false },
    prefix_digits: config.limits.prefixDigits,
    hours,
    ...guard,
  };
}

async function guardStats(env, config, countries) {
  const now = clock.now();
  const out = { countries: [], prefixes: [], blocks: [] };
  const retryAfter = (until) => Math.max(1, Math.ceil((until - now) / 1000));
  for (const country of countries) {
    const cells = await summaries(env, config, country);
    const total = cells.reduce(
      (a, c) => ({ judged: a.judged + c.current.judged, converted: a.converted + c.current.converted }),
      { judged: 0, converted: 0 },
    );
    const blockedUntil = Math.max(0, ...cells.map((c) => c.country_blocked_until ?? 0)) || null;
    const starts = cells.reduce((n, c) => n + c.prefixes.reduce((m, p) => m + p.starts, 0), 0);
    out.countries.push({
      country,
      starts,
      ...total,
      conversion: total.judged ? rate(total) : null,
      blocked_until: iso(blockedUntil),
      allowed: cells.some((c) => c.country_allowed),
    });
    if (blockedUntil)
      out.blocks.push({
        scope: 'country',
        key: country,
        country,
        until: iso(blockedUntil),
        retry_after: retryAfter(blockedUntil),
      });
    for (const cell of cells) {
      for (const p of cell.prefixes) {
        out.prefixes.push({
          prefix: p.prefix,
          country,
          starts: p.starts,
          judged: p.judged,
          converted: p.converted,
          conversion: p.judged ? rate(p) : null,
          blocked_until: iso(p.blocked_until),
          allowed: p.allowed,
        });
        if (p.blocked_until)
          out.blocks.push({
            scope: 'prefix',
            key: p.prefix,
            country,
            until: iso(p.blocked_until),
            retry_after: retryAfter(p.blocked_until),
          });
      }
    }
  }
  // The worst prefixes: judged ones by conversion, lowest first, then by how many were judged.
  out.prefixes = out.prefixes
    .filter((p) => p.judged > 0)
    .sort((a, b) => a.conversion - b.conversion || b.judged - a.judged)
    .slice(0, WORST_PREFIXES);
  return out;
}

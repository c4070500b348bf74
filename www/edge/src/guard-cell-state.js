// A guard cell's stored state (guard-cell.js) and its bookkeeping: what is kept, and for how long.
import { hourOf } from './guard.js';

const MAX_PREFIXES = 500;
const MAX_STARTS_PER_PREFIX = 1000;
const HISTORY_HOURS = 168;

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

/** @returns {Cell} */
export const emptyCell = () => ({ prefixes: {}, blocks: {}, allows: {}, history: {} });

/** Logs a start to `prefix`, keeping the prefix's newest MAX_STARTS_PER_PREFIX.
 * @param {Cell} cell @param {string} prefix @param {Start} start */
export function logStart(cell, prefix, start) {
  const log = (cell.prefixes[prefix] ??= []);
  log.push(start);
  if (log.length > MAX_STARTS_PER_PREFIX) log.splice(0, log.length - MAX_STARTS_PER_PREFIX);
}

/** Drops what left the window, the week or the caps, in place; true when nothing is left.
 * @param {Cell} cell @param {number} now */
export function prunedEmpty(cell, now) {
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
  return [cell.prefixes, cell.blocks, cell.allows, cell.history].every((part) => Object.keys(part).length === 0);
}

/** A refusal by the guard's `scope` (`prefix` or `country`), until `until`. */
export function refusal(scope, until, now) {
  return { ok: false, scope, retryAfter: Math.max(1, Math.ceil((until - now) / 1000)) };
}

/** Counts a start (`index` 0) or a conversion (1) in the hour's history entry. */
export function bump(history, hour, index) {
  const entry = (history[hour] ??= [0, 0]);
  entry[index]++;
}

// One Durable Object per verification this deployment started, named by its id: the capability the start returned.
// It holds when the code expires, the wrong codes spent on it, whether it was verified, and the delivery events
// Telnyx's webhooks reported (each once by event id, so a replayed delivery changes nothing). It holds no phone
// number and no raw body. Storage, not memory: it survives restarts and evictions, and an alarm deletes it a day
// after the code expired (RETENTION_MS), so storage falls back to what live verifications need.
import { DurableObject } from 'cloudflare:workers';
import { clock } from './clock.js';

const MAX_EVENTS = 20;
/** How long a verification's status stays readable after its code expired. */
export const RETENTION_MS = 86_400_000;

/**
 * @typedef {object} VerificationRecord
 * @property {'pending' | 'accepted' | 'expired'} state
 * @property {number} startedAt
 * @property {number} expiresAt
 * @property {number} attempts wrong codes spent
 * @property {object | null} guarded where the fraud guard logged the start
 */
/** @typedef {{ id: string, event_type: string, delivery_status: string | null, occurred_at: string | null }} Event */

export class VerificationLog extends DurableObject {
  /** Opens the record once Telnyx accepted the start: the code is valid for `timeoutSecs`; `guarded` is where the
   * fraud guard logged the start (its prefix and cell; no number), to report the outcome to. */
  async open({ timeoutSecs, guarded = null }) {
    const now = clock.now();
    /** @type {VerificationRecord} */
    const record = { state: 'pending', startedAt: now, expiresAt: now + timeoutSecs * 1000, attempts: 0, guarded };
    await this.ctx.storage.put('record', record);
    await this.#keepUntil(record.expiresAt + RETENTION_MS);
  }

  /**
   * Spends one attempt on a check, if the verification can still be checked: `{ ok: true }`, or
   * `{ ok: false, reason }` with `not_found` (never started here, verified, or expired) or `exhausted`.
   * Nothing is written unless an attempt is spent.
   */
  async attempt(maxAttempts) {
    const record = await this.#record();
    if (!record || record.state !== 'pending') return { ok: false, reason: 'not_found' };
    if (clock.now() >= record.expiresAt) {
      await this.ctx.storage.put('record', { ...record, state: 'expired' });
      return { ok: false, reason: 'not_found' };
    }
    if (record.attempts >= maxAttempts) return { ok: false, reason: 'exhausted' };
    await this.ctx.storage.put('record', { ...record, attempts: record.attempts + 1 });
    return { ok: true };
  }

  /** What the check's answer means for the record: `accepted` closes it; `unsent` gives the attempt back. Returns
   * where the fraud guard logged the start. */
  async settle(outcome) {
    const record = await this.#record();
    if (!record) return null;
    if (outcome === 'accepted') await this.ctx.storage.put('record', { ...record, state: 'accepted' });
    if (outcome === 'unsent')
      await this.ctx.storage.put('record', { ...record, attempts: Math.max(0, record.attempts - 1) });
    return record.guarded ?? null;
  }

  /** Records a verified delivery event; `{ duplicate: true }` when this event id was recorded before. */
  async record(event) {
    const storage = this.ctx.storage;
    const events = (await this.#events()) ?? [];
    if (events.some((e) => e.id === event.id)) return { duplicate: true };
    events.push({
      id: event.id,
      event_type: event.event_type,
      delivery_status: event.payload?.delivery_status ?? null,
      occurred_at: event.occurred_at ?? null,
    });
    await storage.put('events', events.slice(-MAX_EVENTS));
    // An event may arrive before the start's answer opened the record: it is kept for the retention either way.
    if ((await this.#until()) === undefined) await this.#keepUntil(clock.now() + RETENTION_MS);
    return { duplicate: false, guarded: (await this.#record())?.guarded ?? null };
  }

  /** What the page reads: the state, the latest delivery status, and the events' types and times; or null. */
  async status(id) {
    const [record, events] = await Promise.all([this.#record(), this.#events()]);
    if (!record && !events) return null;
    const list = events ?? [];
    // The latest event by time decides the delivery status; `sent` never overrides `delivered` or `failed`.
    const rank = (e) => (e.event_type === 'verify.sent' ? 0 : 1);
    const latest = list.reduce(
      (a, b) =>
        !a || rank(b) > rank(a) || (rank(b) === rank(a) && (b.occurred_at ?? '') >= (a.occurred_at ?? '')) ? b : a,
      undefined,
    );
    const expired = record?.state === 'pending' && clock.now() >= record.expiresAt;
    return {
      id,
      state: record ? (expired ? 'expired' : record.state) : null,
      delivery_status: latest?.delivery_status ?? null,
      event_type: latest?.event_type ?? null,
      events: list.map(({ event_type, delivery_status, occurred_at }) => ({
        event_type,
        delivery_status,
        occurred_at,
      })),
    };
  }

  /** Deletes the verification once its retention has passed (by this object's clock). */
  async alarm() {
    const until = await this.#until();
    if (until === undefined || clock.now() >= until) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(until);
  }

  async #keepUntil(until) {
    const current = (await this.#until()) ?? 0;
    if (until <= current) return;
    await this.ctx.storage.put('until', until);
    await this.ctx.storage.setAlarm(until);
  }

  /** @returns {Promise<VerificationRecord | undefined>} */
  #record() {
    return this.ctx.storage.get('record');
  }

  /** @returns {Promise<Event[] | undefined>} */
  #events() {
    return this.ctx.storage.get('events');
  }

  /** @returns {Promise<number | undefined>} when the record may be deleted */
  #until() {
    return this.ctx.storage.get('until');
  }
}

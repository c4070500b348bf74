// One Durable Object per verification: the delivery events Telnyx reported for it (verify.sent, .delivered,
// .failed), each recorded once by event id, so a replayed delivery, even after the 300 s signature window, changes
// nothing. Storage, not memory: the status survives restarts and evictions.
import { DurableObject } from 'cloudflare:workers';

const MAX_EVENTS = 20;

export class DeliveryLog extends DurableObject {
  /** Records a verified event; `{duplicate: true}` when this event id was recorded before. */
  async record(event, raw) {
    const storage = this.ctx.storage;
    const seen = (await storage.get('seen')) ?? [];
    if (seen.includes(event.id)) return { duplicate: true };
    const events = (await storage.get('events')) ?? [];
    events.push({ id: event.id, event_type: event.event_type, delivery_status: event.payload?.delivery_status ?? null, occurred_at: event.occurred_at ?? null, raw });
    // The latest event by time decides the status; `sent` never overrides `delivered` or `failed`.
    const rank = (e) => (e.event_type === 'verify.sent' ? 0 : 1);
    const latest = events.reduce((a, b) => (rank(b) > rank(a) || (rank(b) === rank(a) && (b.occurred_at ?? '') >= (a.occurred_at ?? '')) ? b : a));
    await storage.put({ seen: [...seen, event.id].slice(-100), events: events.slice(-MAX_EVENTS), latest });
    return { duplicate: false };
  }

  /** What the page reads: the latest status and the events as received (raw, signed bodies). */
  async status(verificationId) {
    const storage = this.ctx.storage;
    const latest = await storage.get('latest');
    return {
      id: verificationId,
      delivery_status: latest?.delivery_status ?? null,
      event_type: latest?.event_type ?? null,
      events: ((await storage.get('events')) ?? []).map(({ raw, ...rest }) => ({ ...rest, body: raw })),
    };
  }
}

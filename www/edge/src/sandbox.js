// Sandbox mode's Verify API: the package's sandbox in one Durable Object for the deployment, so a verification
// started through one isolate is checked through another. Its whole state (profiles, verifications, codes, outbox,
// webhook key) is written to the object's storage after every change and read back when the object starts again:
// a restart or an eviction loses nothing. Its webhooks go to the Worker's own handler, signed and verified.
import { DurableObject } from 'cloudflare:workers';
import { createSandbox } from 'telnyx-verify-wasm';
import { clock } from './clock.js';
import { receiveWebhook } from './webhooks.js';

/**
 * Small limits bound what is stored: with bodies of at most 4 KiB (the Worker's limit) the state stays a few
 * hundred KiB, well under the 2 MB a SQLite-backed Durable Object stores in one value. Past a limit the oldest
 * entry is evicted.
 */
export const SANDBOX_LIMITS = { profiles: 20, templates: 20, verifications: 200, messages: 100, verified_numbers: 20 };

export class SandboxObject extends DurableObject {
  #sandbox;

  /** The `fetch` a VerifyClient calls: the Verify API, then the webhooks that request emitted. */
  async fetch(request) {
    const sandbox = await this.#load();
    const answer = await sandbox.fetch(request);
    if (request.method !== 'GET') await this.#deliverAndSave(sandbox);
    return answer;
  }

  /** What the user would have received (the demo page's phone). */
  async outbox(phoneNumber) {
    return (await this.#load()).outbox(typeof phoneNumber === 'string' ? phoneNumber : undefined);
  }

  async publicKey() {
    return (await this.#load()).webhookPublicKey;
  }

  /** The sandbox's own profile, created once with the allowed countries and kept in storage. */
  async profileId(webhookUrl, destinations) {
    const stored = await this.ctx.storage.get('profile_id');
    if (stored) return stored;
    const sandbox = await this.#load();
    const answer = await sandbox.fetch('https://sandbox/v2/verify_profiles', {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Sandbox',
        webhook_url: webhookUrl,
        sms: {
          app_name: 'Sandbox',
          code_length: 6,
          default_verification_timeout_secs: 300,
          whitelisted_destinations: destinations,
        },
        call: {
          app_name: 'Sandbox',
          code_length: 6,
          default_verification_timeout_secs: 300,
          whitelisted_destinations: destinations,
        },
        flashcall: { default_verification_timeout_secs: 300, whitelisted_destinations: destinations },
        whatsapp: {
          app_name: 'Sandbox',
          code_length: 6,
          default_verification_timeout_secs: 300,
          whitelisted_destinations: destinations,
        },
      }),
    });
    const { data } = await answer.json();
    await this.ctx.storage.put('profile_id', data.id);
    await this.#deliverAndSave(sandbox);
    return data.id;
  }

  async #load() {
    if (this.#sandbox) return this.#sandbox;
    const options = { limits: SANDBOX_LIMITS, now: () => clock.now() };
    /** @type {any} the state exportState() wrote */
    const state = await this.ctx.storage.get('state');
    try {
      this.#sandbox = createSandbox({ ...options, ...(state ? { state } : {}) });
    } catch (error) {
      // A state this version of the package cannot read (an upgrade): start afresh rather than not at all.
      console.log(JSON.stringify({ msg: 'sandbox state unreadable, starting afresh', code: error?.code }));
      await this.ctx.storage.delete(['state', 'profile_id']);
      this.#sandbox = createSandbox(options);
    }
    return this.#sandbox;
  }

  async #deliverAndSave(sandbox) {
    // Delivered in-process (a Worker cannot fetch its own URL): the same handler a real delivery reaches.
    const key = sandbox.webhookPublicKey;
    await sandbox.deliverWebhooks((target, init) =>
      receiveWebhook(new Request(target, init), this.env, { sandboxKey: key }),
    );
    await this.ctx.storage.put('state', sandbox.exportState());
  }
}

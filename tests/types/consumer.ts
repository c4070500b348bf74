// A strict TypeScript consumer of the generated declarations (compiled with `tsc --strict --noEmit`, never run).
// The `@ts-expect-error` lines prove the types reject real mistakes: if one of them compiled, tsc would fail.
import init, {
  VerifyClient,
  isVerifyError,
  type CreateProfileInput,
  type StartVerificationInput,
  type VerifyCodeResult,
  type VerifyError,
  type VerifyProfile,
} from '../../pkg/telnyx_verify_wasm.js';

export async function flow(fetchImpl: typeof fetch): Promise<boolean> {
  await init();
  const client = new VerifyClient({ apiKey: 'KEY', timeoutMs: 10_000, fetch: fetchImpl, headers: { 'X-Trace': '1' } });
  const backend = new VerifyClient({ baseUrl: 'https://example.com/api' });
  void backend;

  const input: CreateProfileInput = {
    name: 'Acme',
    sms: {
      app_name: 'Acme',
      alpha_sender: null,
      whitelisted_destinations: ['US', 'CA'],
      messaging_template: 'Code {code}',
    },
  };
  const profile: VerifyProfile = await client.createProfile(input);
  const profileId: string = profile.id ?? '';

  const start: StartVerificationInput = { type: 'sms', phone_number: '+13035551234', verify_profile_id: profileId };
  const verification = await client.startVerification(start);
  const status: string | undefined = verification.status;
  void status;
  await client.startVerification({
    type: 'psd2',
    phone_number: '+13035551234',
    verify_profile_id: profileId,
    amount: '9.99',
    currency: 'EUR',
    payee: 'Acme',
  });

  const result: VerifyCodeResult = await client.verifyCode({
    phone_number: '+13035551234',
    code: '12345',
    verify_profile_id: profileId,
  });
  await client.verifyCodeById('id', { status: 'accepted' }, { timeoutMs: 500, signal: AbortSignal.timeout(1000) });

  for await (const p of client.iterateProfiles({ filter: { name: 'Acme' } })) {
    const name: string | undefined = p.name;
    void name;
  }
  const page = await client.listVerifiedNumbers({ page: { number: 2 } });
  const total: number | undefined = page.meta?.total_results;
  void total;

  try {
    await client.getProfile('nope');
  } catch (e: unknown) {
    if (isVerifyError(e)) {
      const narrowed: VerifyError = e;
      const where: string | undefined = narrowed.field;
      const retry: number | undefined = narrowed.retryAfter;
      const first: string | undefined = narrowed.errors[0]?.source?.pointer;
      void [where, retry, first];
      switch (narrowed.code) {
        case 'validation_failed':
        case 'rate_limited':
        case 'timeout':
          break;
        // @ts-expect-error not a code this package uses
        case 'validation_error':
          break;
      }
    }
  }

  // @ts-expect-error phoneNumber is not the API's field name
  await client.startVerification({ type: 'sms', phoneNumber: '+13035551234', verify_profile_id: profileId });
  // prettier-ignore
  // @ts-expect-error flash calls take no custom_code
  await client.startVerification({ type: 'flashcall', phone_number: '+1', verify_profile_id: profileId, custom_code: '1' });
  // @ts-expect-error psd2 needs amount, currency and payee
  await client.startVerification({ type: 'psd2', phone_number: '+1', verify_profile_id: profileId });
  // @ts-expect-error flashcall cannot be updated
  await client.updateProfile(profileId, { flashcall: {} });
  // @ts-expect-error verifyCode needs the profile id
  await client.verifyCode({ phone_number: '+13035551234', code: '12345' });
  // @ts-expect-error not an option
  new VerifyClient({ apikey: 'KEY' });

  return result.response_code === 'accepted';
}

// Webhooks: the event is a union discriminated on `event_type`, open to types Telnyx adds later.
import { verifyWebhook as verifyFromMain } from '../../pkg/telnyx_verify_wasm.js';
import {
  verifyWebhook,
  isVerifyError as isWebhookError,
  type VerifyWebhookEvent,
} from '../../pkg/webhooks/telnyx_verify_wasm.js';

export function receive(body: Uint8Array, headers: Headers, key: string): string {
  try {
    const event: VerifyWebhookEvent = verifyWebhook(body, headers, key, { toleranceSecs: 60, now: () => Date.now() });
    if (event.event_type === 'verify.failed') return `failed: ${event.payload.delivery_status ?? 'unknown'}`;
    const same = verifyFromMain('{}', { 'telnyx-timestamp': '1', 'telnyx-signature-ed25519': ['a', 'b'] }, key);
    // @ts-expect-error a parsed object is not a raw body
    verifyWebhook({ data: {} }, headers, key);
    return `${event.event_type} ${same.id}`;
  } catch (error) {
    return isWebhookError(error) ? error.code : 'unknown';
  }
}

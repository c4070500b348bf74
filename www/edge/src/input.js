// What the page may send: exactly the members a route takes, and a phone number in +E.164.
import { Refusal } from './http.js';

const E164 = /^\+[1-9]\d{1,14}$/;

/** The body's members, refusing anything else: a page may not choose the profile, a custom code or a timeout. */
export function narrow(body, allowed) {
  for (const key of Object.keys(body)) {
    if (allowed.includes(key)) continue;
    if (key === 'verify_profile_id') continue; // checked against the pinned one by requireProfile
    throw new Refusal(400, 'unexpected_field', `Only ${allowed.join(' and ')} may be sent here.`, {
      field: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    });
  }
  return body;
}

export function phoneOf(input, meta) {
  if (typeof input.phone_number !== 'string' || !E164.test(input.phone_number)) {
    throw new Refusal(400, 'validation_failed', 'phone_number must be +E.164: a plus and up to 15 digits.', {
      field: '/phone_number',
    });
  }
  meta.phone = input.phone_number;
  return input.phone_number;
}

/** A verification id, as Telnyx writes it. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const UUID = new RegExp(`^${UUID_PATTERN}$`);

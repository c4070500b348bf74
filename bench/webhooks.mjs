// Time per webhook verification in Node: ours (dalek Ed25519 in wasm, synchronous, through the whole
// verifyWebhook: headers, timestamp, signature, JSON) against the platform's WebCrypto Ed25519 (the signature
// alone, the key imported once) and node:crypto's native verify. Prints JSON (µs per verification).
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { verifyWebhook } from '../pkg/webhooks/node.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
const body = JSON.stringify({
  data: {
    event_type: 'verify.delivered',
    id: 'e',
    record_type: 'event',
    payload: { id: 'v', delivery_status: 'delivered', phone_number: '+13035551234' },
  },
});
const timestamp = String(Math.floor(Date.now() / 1000));
const message = Buffer.from(`${timestamp}|${body}`);
const signature = sign(null, message, privateKey);
const headers = { 'telnyx-signature-ed25519': signature.toString('base64'), 'telnyx-timestamp': timestamp };
const key = raw.toString('base64');

const N = 3000;
async function time(fn) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn();
  return ((performance.now() - t0) * 1000) / N;
}
const subtleKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
const nodeKey = publicKey;
const result = {
  ours: await time(() => verifyWebhook(body, headers, key)),
  webcrypto: await time(() => crypto.subtle.verify({ name: 'Ed25519' }, subtleKey, signature, message)),
  webcryptoWithImport: await time(async () =>
    crypto.subtle.verify(
      { name: 'Ed25519' },
      await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']),
      signature,
      message,
    ),
  ),
  nodeCrypto: await time(() => verify(null, message, nodeKey, signature)),
};
console.log(JSON.stringify(result));

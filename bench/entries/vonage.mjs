// Size entry: one SMS verification start + check with @vonage/verify2.
import { Verify2, Channels } from '@vonage/verify2';

const verify = new Verify2({ apiKey: 'key', apiSecret: 'secret' });
const { requestId } = await verify.newRequest({
  brand: 'Acme',
  workflow: [{ channel: Channels.SMS, to: '13035551234' }],
});
console.log(await verify.checkCode(requestId, '12345'));

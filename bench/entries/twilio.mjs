// Size entry: one SMS verification start + check with twilio-node (Verify v2).
import twilio from 'twilio';

const client = twilio('AC00000000000000000000000000000000', 'token');
const service = client.verify.v2.services('VA00000000000000000000000000000000');
await service.verifications.create({ to: '+13035551234', channel: 'sms' });
console.log((await service.verificationChecks.create({ to: '+13035551234', code: '12345' })).status);

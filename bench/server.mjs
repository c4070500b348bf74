// The loopback API for the timing runs, in its own process: answers the two calls with the spec's examples.
import http from 'node:http';

const verification = JSON.stringify({
  data: {
    created_at: '2020-09-14T17:03:32.965812',
    id: '12ade33a-21c0-473b-b055-b3c836e1c292',
    phone_number: '+13035551234',
    record_type: 'verification',
    status: 'pending',
    timeout_secs: 300,
    type: 'sms',
    updated_at: '2020-09-14T17:03:32.965812',
    verify_profile_id: '12ade33a-21c0-473b-b055-b3c836e1c292',
  },
});
const accepted = JSON.stringify({ data: { phone_number: '+13035551234', response_code: 'accepted' } });

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url.endsWith('/actions/verify') ? accepted : verification);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/v2`));

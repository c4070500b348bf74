// Child process of hostile.test.mjs (run with --expose-gc): one client, 100,000 calls (8 at a time) against a
// loopback server in this process, and the JS heap and wasm memory after 1,000 and after 100,000.
import http from 'node:http';
import * as lib from '../../pkg/client/node.js';

const profile = JSON.stringify({
  data: { id: '12ade33a-21c0-473b-b055-b3c836e1c292', name: 'x', record_type: 'verification_profile' },
});
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(profile);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const client = new lib.VerifyClient({ apiKey: 'KEY', baseUrl: `http://127.0.0.1:${server.address().port}/v2` });
const memory = lib.initSync().memory; // already initialised: returns the instance's exports

async function calls(total) {
  let left = total;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) await client.getProfile('12ade33a-21c0-473b-b055-b3c836e1c292');
    }),
  );
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { heap: process.memoryUsage().heapUsed, wasm: memory.buffer.byteLength };
}

const started = Date.now();
const after1k = await calls(1000);
const after100k = await calls(99_000);
server.close();
process.send({ after1k, after100k, seconds: ((Date.now() - started) / 1000).toFixed(1) });

// Serves the demo page on 127.0.0.1: www/ at /, the built package at /pkg/. With --backend, also starts the
// sandbox server (open: no key needed) so the page's backend mode has something to talk to.
// Usage: node scripts/serve-demo.mjs [--port 8080] [--backend-port 8787] [--no-backend]
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.ts': 'text/plain' };

export async function serveDemo({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [base, rest] = path.startsWith('/pkg/') ? [join(root, 'pkg'), path.slice(5)] : [join(root, 'www'), path.slice(1) || 'index.html'];
    const file = normalize(join(base, rest));
    if (!file.startsWith(base + sep)) { res.writeHead(403); return res.end(); }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return { url: `http://${host}:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) };
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const { url } = await serveDemo({ port: Number(arg('--port', 8080)) });
  console.log(`Demo page: ${url}`);
  if (!process.argv.includes('--no-backend')) {
    const { startSandboxServer } = await import(join(root, 'pkg', 'sandbox-server.mjs'));
    const backend = await startSandboxServer({ port: Number(arg('--backend-port', 8787)), open: true, log: null });
    console.log(`Backend mode target (sandbox server, no key needed): ${backend.url}/v2`);
  }
  console.log('Press Ctrl+C to stop.');
}

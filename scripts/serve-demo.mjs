// Serves the demo page on 127.0.0.1: www/ at /, the built package at /pkg/. Unless --no-backend, also runs the
// edge Worker (www/edge) with `wrangler dev --local` on 127.0.0.1:8787 for the page's backend mode.
// Usage: node scripts/serve-demo.mjs [--port 8080] [--backend-port 8787] [--no-backend]
import http from 'node:http';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain',
};

export async function serveDemo({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = http.createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      // A malformed URL (`/%`) is the client's mistake: answer it and keep serving.
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('bad request');
    }
    const [base, rest] = path.startsWith('/pkg/')
      ? [join(root, 'pkg'), path.slice(5)]
      : [join(root, 'www'), path.slice(1) || 'index.html'];
    const file = normalize(join(base, rest));
    if (!file.startsWith(base + sep) || file.startsWith(join(root, 'www', 'edge'))) {
      res.writeHead(403);
      return res.end();
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
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
  const port = Number(arg('--port', 8080));
  const { url } = await serveDemo({ port });
  console.log(`Demo page: ${url}`);
  const wrangler = join(root, 'www', 'edge', 'node_modules', '.bin', 'wrangler');
  if (!process.argv.includes('--no-backend') && existsSync(wrangler)) {
    const backendPort = arg('--backend-port', '8787');
    // The admin page's token for this run (sandbox mode: nothing real behind it), printed below.
    const adminToken = randomBytes(16).toString('hex');
    const child = spawn(
      wrangler,
      [
        'dev',
        '--local',
        '--ip',
        '127.0.0.1',
        '--port',
        backendPort,
        '--var',
        'MODE:sandbox',
        '--var',
        `ADMIN_TOKEN:${adminToken}`,
        '--var',
        `ALLOWED_ORIGIN:${url.slice(0, -1)}`,
        '--log-level',
        'warn',
      ],
      {
        cwd: join(root, 'www', 'edge'),
        stdio: ['ignore', 'inherit', 'inherit'],
        // Offline, wrangler would print a stack trace trying to fetch the `Request.cf` template: use its placeholder.
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      },
    );
    process.on('exit', () => child.kill());
    process.on('SIGINT', () => process.exit(0));
    console.log(`Backend mode: the edge Worker (MODE=sandbox, no key) on http://127.0.0.1:${backendPort}`);
    console.log(`Admin page:   http://127.0.0.1:${backendPort}/admin  (token for this run: ${adminToken})`);
  }
  console.log('Press Ctrl+C to stop.');
}

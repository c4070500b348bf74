// The runtime matrix: `npm pack` the built package, install the tarball into a fresh project, and run one
// conformance check (conformance.mjs) in Node ESM, Node require(), workerd (Miniflare), Deno, Bun and an esbuild
// browser bundle in headless Chromium, each against the in-process sandbox and over HTTP against the sandbox
// server of the installed package. Also publint, @arethetypeswrong/cli and a tsc --strict consumer.
// Prints the matrix (runtime, version, results). Run by scripts/test.sh after `make pkg`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker, workerOptions } from '../support/workerd.mjs';
import { injectedFailure } from '../support/injected.mjs';
import { launchChromium } from '../support/chromium.mjs';

injectedFailure('runtimes');

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const bin = (name) => join(here, 'node_modules', '.bin', name);
const rootBin = (name) => join(repo, 'node_modules', '.bin', name);
const matrix = [];
let work, project, tarball, sandbox;

/** Runs a command without blocking this process: the sandbox server it calls lives here. */
async function run(command, args) {
  try {
    const { stdout } = await promisify(execFile)(command, args, {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, SANDBOX_URL: sandbox?.url },
    });
    return stdout;
  } catch (error) {
    throw new Error(
      `${command} ${args.join(' ')} failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
    );
  }
}

function record(runtime, version, results) {
  matrix.push({ runtime, version, 'in-process sandbox': results.inProcess, 'sandbox server (HTTP)': results.http });
  assert.deepEqual({ inProcess: results.inProcess, http: results.http }, { inProcess: 'ok', http: 'ok' }, runtime);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tvw-matrix-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', join(repo, 'pkg'), '--pack-destination', work, '--json', '--loglevel=error'], {
      encoding: 'utf8',
    }),
  );
  tarball = join(work, packed[0].filename);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'matrix',
      private: true,
      type: 'module',
      dependencies: { 'telnyx-verify-wasm': `file:${tarball}` },
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  for (const file of ['conformance.mjs', 'run-esm.mjs', 'run-cjs.cjs', 'worker.mjs', 'browser.mjs'])
    cpSync(join(here, file), join(project, file));
  const { startSandboxServer } = await import(
    join(project, 'node_modules', 'telnyx-verify-wasm', 'sandbox-server.mjs')
  );
  sandbox = await startSandboxServer({ port: 0, log: null });
});

after(async () => {
  await sandbox?.close();
  if (matrix.length) {
    console.log(`\npackage tarball: ${statSync(tarball).size} bytes (${tarball.split('/').pop()})`);
    console.table(matrix);
  }
  rmSync(work, { recursive: true, force: true });
});

test('Node, ESM import', async () => {
  record('Node (ESM)', process.version, JSON.parse(await run(process.execPath, ['run-esm.mjs'])));
});

test('Node, CommonJS require', async () => {
  const results = JSON.parse(await run(process.execPath, ['run-cjs.cjs']));
  assert.equal(results.required, true);
  record('Node (require)', process.version, results);
});

test('workerd via Miniflare', async () => {
  const { Miniflare } = await import(join(here, 'node_modules', 'miniflare', 'dist', 'src', 'index.js'));
  const bundle = bundleWorker(join(project, 'worker.mjs'), join(work, 'worker-out'));
  const mf = new Miniflare(workerOptions(bundle, { bindings: { SANDBOX_URL: sandbox.url } }));
  try {
    const response = await mf.dispatchFetch('http://worker.test/');
    const version = JSON.parse(readFileSync(join(here, 'node_modules', 'workerd', 'package.json'), 'utf8')).version;
    record('workerd (Miniflare)', `workerd ${version}`, await response.json());
  } finally {
    await mf.dispose();
  }
});

test('Deno', async () => {
  const version = (await run(bin('deno'), ['--version'])).split('\n')[0];
  record(
    'Deno',
    version,
    JSON.parse(await run(bin('deno'), ['run', '--allow-read', '--allow-net', '--allow-env', 'run-esm.mjs'])),
  );
});

test('Bun', async () => {
  const version = `bun ${(await run(bin('bun'), ['--version'])).trim()}`;
  record('Bun', version, JSON.parse(await run(bin('bun'), ['run-esm.mjs'])));
});

test('esbuild browser bundle in headless Chromium', async () => {
  const out = join(work, 'browser-out');
  await run(rootBin('esbuild'), [
    'browser.mjs',
    '--bundle',
    '--format=esm',
    '--platform=browser',
    '--target=es2022',
    `--outdir=${out}`,
    '--log-level=error',
  ]);
  // The bundle fetches the .wasm beside itself (new URL(…, import.meta.url)): ship it next to the bundle.
  cpSync(
    join(project, 'node_modules', 'telnyx-verify-wasm', 'telnyx_verify_wasm_bg.wasm'),
    join(out, 'telnyx_verify_wasm_bg.wasm'),
  );
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><link rel="icon" href="data:,"><script type="module" src="browser.js"></script>',
  );
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = http.createServer((req, res) => {
    const file = join(out, new URL(req.url, 'http://x').pathname);
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html?sandbox=${encodeURIComponent(sandbox.url)}`);
    await page.waitForSelector('body[data-results]', { state: 'attached', timeout: 20_000 });
    assert.deepEqual(errors, []);
    record('Chromium (esbuild bundle)', browser.version(), JSON.parse(await page.getAttribute('body', 'data-results')));
  } finally {
    await browser.close();
    server.close();
  }
});

test('publint and @arethetypeswrong/cli report no errors', async () => {
  const lint = await run(bin('publint'), [join(project, 'node_modules', 'telnyx-verify-wasm'), '--strict']);
  assert.doesNotMatch(lint, /error/i, lint);
  // The .wasm files and package.json are not JS modules: nothing for TypeScript to resolve there. The sandbox
  // server is an ESM-only Node helper (no require(), no node10), typed by sandbox-server.d.mts.
  const excluded = [
    './telnyx_verify_wasm_bg.wasm',
    './client/telnyx_verify_wasm_bg.wasm',
    './webhooks/telnyx_verify_wasm_bg.wasm',
    './package.json',
    './sandbox-server',
  ];
  const attw = spawnSync(bin('attw'), [tarball, '--format', 'json', '--exclude-entrypoints', ...excluded], {
    encoding: 'utf8',
  });
  const report = JSON.parse(attw.stdout);
  const problems = Object.values(report.analysis?.problems ?? {}).flat();
  assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
});

test('npm publish --dry-run takes package.json as written, and the installed package links its bin', () => {
  // npm 11 drops a bin path written with a leading ./ at publish (a warning, exit 0): the package would ship
  // without `telnyx-verify-sandbox`.
  const dry = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts', '--tag', 'dry-run'], {
    cwd: join(repo, 'pkg'),
    encoding: 'utf8',
  });
  assert.equal(dry.status, 0, dry.stderr);
  assert.doesNotMatch(dry.stderr, /auto-corrected|invalid and removed/, dry.stderr);
  assert.ok(statSync(join(project, 'node_modules', '.bin', 'telnyx-verify-sandbox')).isFile());
});

test('a tsc --strict consumer compiles against the installed types', async () => {
  writeFileSync(
    join(project, 'consumer.ts'),
    `
import { VerifyClient, createSandbox, isVerifyError, type VerifyCodeResult } from 'telnyx-verify-wasm';
import { VerifyClient as LeanClient } from 'telnyx-verify-wasm/client';
const sandbox = createSandbox({ now: () => 0 });
const client = new VerifyClient({ fetch: sandbox.fetch, headers: { Authorization: 'Bearer x' } });
export async function check(): Promise<boolean> {
  const profile = await client.createProfile({ name: 'x' });
  const result: VerifyCodeResult = await client.verifyCode({ phone_number: '+13035551234', code: '1', verify_profile_id: profile.id ?? '' });
  try { new LeanClient({ baseUrl: 'https://example.com' }); } catch (e) { if (isVerifyError(e)) return e.code === 'validation_failed'; }
  return result.response_code === 'accepted' && sandbox.outbox().length > 0;
}
`,
  );
  for (const resolution of [
    ['--module', 'node16', '--moduleResolution', 'node16'],
    ['--module', 'esnext', '--moduleResolution', 'bundler'],
  ]) {
    await run(rootBin('tsc'), [
      '--strict',
      '--noEmit',
      '--target',
      'es2022',
      '--lib',
      'es2022,dom',
      ...resolution,
      'consumer.ts',
    ]);
  }
});

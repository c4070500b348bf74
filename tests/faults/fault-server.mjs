// The loopback fault server of the fault matrix: /<run>/<fault>/<API path> answers with that fault and counts the
// requests of each run. GET /count/<run> returns the count.
import http from 'node:http';

const counts = new Map();
const error = (code, title) => JSON.stringify({ errors: [{ code, title }] });
const ok = JSON.stringify({ data: { id: '12ade33a-21c0-473b-b055-b3c836e1c292', name: 'x', status: 'pending', phone_number: '+13035551234', response_code: 'accepted' } });

const FAULTS = {
  'reset before headers': (req) => req.socket.destroy(),
  'reset mid-body': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"data":{"id":"12ade33a');
    setTimeout(() => req.socket.destroy(), 20);
  },
  'headers after the timeout': (req, res) => setTimeout(() => send(res, 200, ok), 1500),
  'body stalls after headers': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data":');
    setTimeout(() => res.end('{}}'), 5000);
  },
  '429 Retry-After seconds': (req, res) => send(res, 429, error('10011', 'Too many requests'), { 'retry-after': '1' }),
  '429 Retry-After HTTP date': (req, res) => send(res, 429, error('10011', 'Too many requests'), { 'retry-after': new Date(Date.now() + 2000).toUTCString() }),
  '429 above the cap': (req, res) => send(res, 429, error('10011', 'Too many requests'), { 'retry-after': '120' }),
  500: (req, res) => send(res, 500, error('10007', 'Unexpected error')),
  502: (req, res) => send(res, 502, '<html>Bad gateway</html>', { 'content-type': 'text/html' }),
  503: (req, res) => send(res, 503, error('10007', 'Unavailable')),
  504: (req, res) => send(res, 504, '<html>Gateway timeout</html>', { 'content-type': 'text/html' }),
  'non-JSON 200': (req, res) => send(res, 200, '<html>maintenance</html>', { 'content-type': 'text/html' }),
  'truncated JSON': (req, res) => send(res, 200, ok.slice(0, 40)),
  '10 MB body': (req, res) => send(res, 200, `${ok.slice(0, -1)},"padding":"${'x'.repeat(10 * 1024 * 1024)}"}`),
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

export function startFaultServer() {
  const server = http.createServer((req, res) => {
    const [, run, fault] = req.url.split('/').map(decodeURIComponent);
    if (run === 'count') return send(res, 200, JSON.stringify(counts.get(fault) ?? 0));
    counts.set(run, (counts.get(run) ?? 0) + 1);
    req.resume();
    req.on('end', () => (FAULTS[fault] ? FAULTS[fault](req, res) : send(res, 404, error('10005', 'No such fault'))));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, faults: Object.keys(FAULTS), close: () => server.close() })));
}

// Prints the largest functions of a wasm file by body size (from its name section), the total per crate and
// the size of each section. Used by scripts/wasm-top.sh.
import { readFileSync } from 'node:fs';
const buf = readFileSync(process.argv[2]);
let p = 8;
const rd = () => {
  let r = 0,
    s = 0,
    b;
  do {
    b = buf[p++];
    r |= (b & 0x7f) << s;
    s += 7;
  } while (b & 0x80);
  return r >>> 0;
};
const sections = [];
while (p < buf.length) {
  const id = buf[p++];
  const len = rd();
  sections.push({ id, start: p, len });
  p += len;
}
let nimports = 0;
const names = new Map();
const sizes = [];
for (const s of sections) {
  p = s.start;
  if (s.id === 2) {
    const n = rd();
    for (let i = 0; i < n; i++) {
      let l = rd();
      p += l;
      l = rd();
      p += l;
      const k = buf[p++];
      if (k === 0) {
        rd();
        nimports++;
      } else if (k === 1) {
        p++;
        const f = buf[p++];
        rd();
        if (f & 1) rd();
      } else if (k === 2) {
        const f = buf[p++];
        rd();
        if (f & 1) rd();
      } else if (k === 3) {
        p += 2;
      } else {
        p++;
        rd();
      }
    }
  }
  if (s.id === 10) {
    const n = rd();
    for (let i = 0; i < n; i++) {
      const l = rd();
      sizes.push(l);
      p += l;
    }
  }
  if (s.id === 0) {
    const nl = rd();
    const nm = buf.slice(p, p + nl).toString();
    p += nl;
    if (nm === 'name') {
      const end = s.start + s.len;
      while (p < end) {
        const sid = buf[p++];
        const sl = rd();
        const se = p + sl;
        if (sid === 1) {
          const n = rd();
          for (let i = 0; i < n; i++) {
            const idx = rd();
            const l = rd();
            names.set(idx, buf.slice(p, p + l).toString());
            p += l;
          }
        }
        p = se;
      }
    }
  }
}
const rows = sizes.map((sz, i) => [sz, names.get(i + nimports) || `func${i + nimports}`]).sort((a, b) => b[0] - a[0]);
const total = sizes.reduce((a, b) => a + b, 0);
console.log('code bytes', total, 'functions', sizes.length);
for (const [sz, n] of rows.slice(0, +(process.argv[3] || 40))) console.log(String(sz).padStart(7), n.slice(0, 150));
const byCrate = new Map();
for (const [sz, n] of rows) {
  let k = n.replace(/^<+/, '').split(/::|\[/)[0];
  if (n.includes('wasm_bindgen')) k = 'wasm_bindgen*';
  byCrate.set(k, (byCrate.get(k) || 0) + sz);
}
console.log([...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 15));
for (const s of sections) console.log('section', s.id, s.len);

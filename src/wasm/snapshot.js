// Reads any JS value into plain JSON data (objects, arrays, strings, finite numbers, booleans, null), which
// serde-wasm-bindgen then decodes. serde-wasm-bindgen reads objects with bindings that do not catch, and a JS
// exception that unwinds through wasm leaks its shadow stack (after a few hundred, the instance is dead). So
// every read of a caller's value happens here, inside try/catch: this function never throws. It also bounds
// what it copies (depth, items, total nodes), so `new Array(2 ** 27)` is an error, not a 2 GB allocation.

const MAX_DEPTH = 32;
const MAX_ITEMS = 10_000;
const MAX_NODES = 100_000;

class Refused {
  constructor(pointer, message) {
    this.pointer = pointer;
    this.message = message;
  }
}

const push = (pointer, token) => `${pointer}/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;

function read(holder, key, pointer) {
  try {
    return holder[key];
  } catch {
    throw new Refused(pointer, 'could not be read (its getter threw)');
  }
}

function copy(value, pointer, depth, budget) {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Refused(pointer, 'must be a finite number');
      return value;
    case 'object':
      break;
    default:
      throw new Refused(pointer, 'must be JSON data (not a function, symbol or bigint)');
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) throw new Refused(pointer, 'is nested too deeply');
  if (++budget.nodes > MAX_NODES) throw new Refused(pointer, 'is too large');
  let isArray, keys;
  try {
    isArray = Array.isArray(value);
    keys = isArray ? null : Object.keys(value);
  } catch {
    throw new Refused(pointer, 'could not be read (a revoked Proxy?)');
  }
  if (isArray) {
    const length = read(value, 'length', pointer);
    if (!(length <= MAX_ITEMS)) throw new Refused(pointer, `has more than ${MAX_ITEMS} items`);
    const out = [];
    for (let i = 0; i < length; i++) {
      const item = copy(read(value, i, push(pointer, i)), push(pointer, i), depth + 1, budget);
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  if (keys.length > MAX_ITEMS) throw new Refused(pointer, `has more than ${MAX_ITEMS} members`);
  const out = {};
  for (const key of keys) {
    const member = copy(read(value, key, push(pointer, key)), push(pointer, key), depth + 1, budget);
    // defineProperty: a `__proto__` key stays a plain member.
    if (member !== undefined) Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// `{ value, special }` or `{ pointer, message }`. `special` names top-level members that are not JSON (a
// `fetch`, a `signal`): they are returned as they are, in `special`, and left out of `value`.
export function snapshot(value, pointer, special) {
  try {
    const picked = {};
    let source = value;
    if (special.length > 0 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const rest = {};
      for (const key of Object.keys(value)) {
        const member = read(value, key, push(pointer, key));
        if (special.includes(key)) picked[key] = member;
        else rest[key] = member;
      }
      source = rest;
    }
    return { value: copy(source, pointer, 0, { nodes: 0 }), special: picked };
  } catch (error) {
    if (error instanceof Refused) return { pointer: error.pointer, message: error.message };
    return { pointer, message: 'could not be read' };
  }
}

// Makes a PageIterator usable with `for await` (wasm-bindgen cannot export a symbol-named method).
export function makeAsyncIterable(iterator) {
  iterator[Symbol.asyncIterator] = function () {
    return this;
  };
  return iterator;
}

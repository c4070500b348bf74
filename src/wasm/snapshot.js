// Reads any JS value into JSON text (objects, arrays, strings, finite numbers, booleans, null), which the core
// parses with serde_json: one string across the boundary instead of several reads per member. The copy is
// what makes that safe: a caller's value may be a Proxy or have getters that throw, and a JS exception that
// unwinds through wasm leaks its shadow stack (after a few hundred, the instance is dead). So every read of a
// caller's value happens here, inside try/catch: this function never throws. It also bounds what it copies
// (depth, items, total nodes), so `new Array(2 ** 27)` is an error, not a 2 GB allocation.

const MAX_DEPTH = 32;
const MAX_ITEMS = 10_000;
const MAX_NODES = 100_000;

// The path to the value being copied, as tokens below the argument's pointer; a JSON pointer is only
// written when something is refused.
class Walk {
  constructor(pointer) {
    this.pointer = pointer;
    this.path = [];
    this.nodes = 0;
  }

  refuse(message) {
    const escape = (token) => String(token).replaceAll('~', '~0').replaceAll('/', '~1');
    return new Refused(this.pointer + this.path.map((token) => `/${escape(token)}`).join(''), message);
  }

  // `holder[key]`, with `key` pushed on the path (the caller pops it once the member is copied).
  read(holder, key) {
    this.path.push(key);
    try {
      return holder[key];
    } catch {
      throw this.refuse('could not be read (its getter threw)');
    }
  }
}

class Refused {
  constructor(pointer, message) {
    this.pointer = pointer;
    this.message = message;
  }
}

function copy(value, walk) {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw walk.refuse('must be a finite number');
      return value;
    case 'object':
      break;
    default:
      throw walk.refuse('must be JSON data (not a function, symbol or bigint)');
  }
  if (value === null) return null;
  if (walk.path.length >= MAX_DEPTH) throw walk.refuse('is nested too deeply');
  if (++walk.nodes > MAX_NODES) throw walk.refuse('is too large');
  let isArray, keys;
  try {
    isArray = Array.isArray(value);
    keys = isArray ? null : Object.keys(value);
  } catch {
    throw walk.refuse('could not be read (a revoked Proxy?)');
  }
  if (isArray) {
    let length;
    try {
      length = value.length;
    } catch {
      throw walk.refuse('could not be read (its getter threw)');
    }
    if (!(length <= MAX_ITEMS)) throw walk.refuse(`has more than ${MAX_ITEMS} items`);
    const out = [];
    for (let i = 0; i < length; i++) {
      const item = copy(walk.read(value, i), walk);
      walk.path.pop();
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  if (keys.length > MAX_ITEMS) throw walk.refuse(`has more than ${MAX_ITEMS} members`);
  const out = {};
  for (const key of keys) {
    const member = copy(walk.read(value, key), walk);
    walk.path.pop();
    // defineProperty: a `__proto__` key stays a plain member.
    if (member !== undefined)
      Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// The value as JSON text (`undefined` for `undefined`), or `{ pointer, message }` when it cannot be copied.
// `special` names (comma-separated) top-level members that are not JSON (a `fetch`, a `signal`): they are put
// in `picked`, in that order, as they are, and left out of the text.
export function snapshot(value, pointer, special, picked) {
  const walk = new Walk(pointer);
  try {
    let source = value;
    if (special !== '' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const names = special.split(',');
      const rest = {};
      for (const key of Object.keys(value)) {
        const member = walk.read(value, key);
        walk.path.pop();
        const at = names.indexOf(key);
        if (at >= 0) picked[at] = member;
        else rest[key] = member;
      }
      source = rest;
    }
    return JSON.stringify(copy(source, walk));
  } catch (error) {
    if (error instanceof Refused) return error;
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

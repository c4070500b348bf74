// How a variable's text becomes a value: the readers config.js composes, each failing with a ConfigError that names
// the variable and its rule (never its value).

export class ConfigError extends Error {
  constructor(variable, rule) {
    super(`${variable} ${rule}.`);
    this.variable = variable;
  }
}

/** Readers of `env`'s variables, falling back to `defaults`: trimmed text, whole numbers in a range, counts
 * (1 to `maxCount`) and comma-separated lists. */
export function reader(env, defaults, maxCount) {
  const text = (name) => {
    const value = env[name] ?? defaults[name];
    if (value !== undefined && typeof value !== 'string') throw new ConfigError(name, 'must be a string');
    return value === undefined ? undefined : value.trim();
  };
  const whole = (name, { min, max }) => {
    const value = text(name);
    if (!/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };
  const count = (name) => whole(name, { min: 1, max: maxCount });
  const list = (name) =>
    text(name)
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return { text, whole, count, list };
}

/** An http(s) URL without its trailing slash, or undefined when unset. */
export function optionalUrl(value, name) {
  if (!value) return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  return value.replace(/\/$/, '');
}

/** `value` when it matches `pattern`, or undefined when unset; `rule` says what it must be. */
export function optionalPattern(value, name, pattern, rule) {
  if (!value) return undefined;
  if (!pattern.test(value)) throw new ConfigError(name, rule);
  return value;
}

/** `*` for every country, else ISO 3166-1 alpha-2 codes; an empty list would refuse everything, so it is an error. */
export function countries(codes) {
  if (codes.length === 1 && codes[0] === '*') return '*';
  if (codes.length === 0 || !codes.every((code) => /^[A-Z]{2}$/.test(code))) {
    throw new ConfigError(
      'ALLOWED_COUNTRIES',
      'must be `*` or ISO 3166-1 alpha-2 codes in capitals, comma-separated (e.g. `US,CA`)',
    );
  }
  return new Set(codes);
}

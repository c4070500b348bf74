// The demo page: three steps (profile, verification, check), beside a simulated phone.
// Sandbox mode: a VerifyClient whose fetch is the in-page sandbox. Backend mode: the page calls a backend that
// holds the API key and pins the profile (the edge Worker of www/edge: GET /config, POST /verifications and
// /verifications/check); this page never asks for a key and never chooses the profile. Every step shows the exact
// request and response.
import init, { VerifyClient, createSandbox, verifyWebhook } from '/pkg/telnyx_verify_wasm.js';

/** The page's element with this id; most are form fields, read by `value` (others are cast where used).
 * @param {string} id
 * @returns {HTMLInputElement} */
const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** The backend's URL as typed, without a trailing slash. */
const backendUrl = () => $('backend-url').value.trim().replace(/\/$/, '');
/** @param {string} selector */
const element = (selector) => /** @type {HTMLElement} */ (document.querySelector(selector));
const state = {
  profileId: null,
  phone: null,
  verificationId: null,
  sandbox: null,
  client: null,
  backend: null,
  exchange: null,
  startExchange: null,
  delivery: new Map(),
};

await init();
state.sandbox = createSandbox();

const mode = () => /** @type {HTMLInputElement} */ (document.querySelector('input[name=mode]:checked')).value;

/** Wraps a fetch so the page can show the exchange exactly as it went over the wire. */
function recording(inner) {
  return async (input, init) => {
    // The client calls with one Request; the page's own backend calls pass (url, init).
    const request = input instanceof Request ? input : new Request(input, init);
    const text = request.method === 'GET' ? undefined : await request.clone().text();
    const exchange = { request: { method: request.method, url: request.url, body: parse(text) } };
    state.exchange = exchange;
    const response = await inner(request);
    exchange.response = { status: response.status, body: parse(await response.clone().text()) };
    return response;
  };
}

function parse(text) {
  if (text == null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The edge backend's routes, with the client's method names. Its errors (`{code, message, field}`) are shown at
 * the field they name, like the package's; a Turnstile token, when the backend asks for one, goes in a header.
 */
function edgeBackend(base) {
  const send = recording((request) => fetch(request));
  const post = async (path, body, headers = {}) => {
    const response = await send(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok)
      throw {
        ...answer,
        errors: answer.errors ?? [
          { detail: answer.message, source: answer.field ? { pointer: answer.field } : undefined },
        ],
      };
    return answer;
  };
  const unavailable = async () => {
    throw {
      code: 'not_available',
      message: 'This backend pins its profile: creating one is an admin action (POST /admin/profiles).',
    };
  };
  return {
    createProfile: unavailable,
    startVerification: ({ type, phone_number }) => post('/verifications', { type, phone_number }, turnstileHeader()),
    // The backend checks by the id its start answered: only whoever started a verification can spend its attempts.
    verifyCode: ({ code }) => post('/verifications/check', { verification_id: state.verificationId, code }),
    listTemplates: unavailable,
    createTemplate: unavailable,
  };
}

/** What the backend says about itself (GET /config): mode, pinned profile, channels, Turnstile site key. */
async function backendConfig(base) {
  try {
    const answer = await fetch(`${base}/config`);
    return answer.ok ? await answer.json() : null;
  } catch {
    return null;
  }
}

// ---- Turnstile, when the backend requires it ------------------------------------------------------------

let turnstileWidget = null;

function turnstileHeader() {
  if (turnstileWidget === null) return {};
  const token = window.turnstile?.getResponse(turnstileWidget);
  window.turnstile?.reset(turnstileWidget); // a token is good for one start
  return token ? { 'cf-turnstile-response': token } : {};
}

/** Loads Cloudflare's widget script (only when a backend asks for it) and renders it in step 2. */
async function showTurnstile(siteKey) {
  const box = $('turnstile');
  box.hidden = !siteKey;
  if (!siteKey || turnstileWidget !== null) return;
  if (!window.turnstile) {
    await new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), {
        src: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
        onload: resolve,
        onerror: reject,
      });
      document.head.append(script);
    }).catch(() => {
      box.textContent = 'The challenge could not be loaded; starts will be refused.';
    });
  }
  if (window.turnstile) turnstileWidget = window.turnstile.render(box, { sitekey: siteKey });
}

function makeClient() {
  if (mode() === 'backend') return edgeBackend(backendUrl());
  // The in-page sandbox accepts any bearer token; no real key exists here.
  return new VerifyClient({ headers: { Authorization: 'Bearer sandbox' }, fetch: recording(state.sandbox.fetch) });
}

// ---- Errors next to their fields ------------------------------------------------------------------

function clearErrors(form) {
  for (const el of form.querySelectorAll('.error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const result = form.querySelector('.result');
  result.textContent = '';
  result.className = 'result';
}

/** Shows each error at the field its JSON pointer names (`source.pointer`), the rest in the form's result. */
function showError(form, error) {
  const unplaced = [];
  let first = null;
  for (const detail of error.errors?.length ? error.errors : [{ detail: error.message }]) {
    const pointer = detail.source?.pointer;
    const slot =
      pointer &&
      [...form.querySelectorAll('.error[data-pointer]')].find((el) => el.dataset.pointer.split(' ').includes(pointer));
    const text = detail.detail ?? detail.title ?? error.message;
    if (!slot) {
      unplaced.push(text);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
    const input = form.querySelector(`[aria-describedby~="${slot.id}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
  }
  const result = form.querySelector('.result');
  result.className = 'result bad';
  result.textContent = unplaced.length ? unplaced.join(' ') : `${error.code}: see the fields marked above.`;
  first?.focus();
}

function showWire(id) {
  $(id).textContent = state.exchange
    ? JSON.stringify(state.exchange, null, 2)
    : '(no request was sent: the input was invalid)';
}

async function step(form, wireId, work) {
  clearErrors(form);
  state.exchange = null;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await work();
  } catch (error) {
    showError(form, error);
  } finally {
    button.disabled = false;
    showWire(wireId);
  }
}

// ---- Step 1: profile ------------------------------------------------------------------------------

async function loadTemplates() {
  const select = $('template');
  let templates = [];
  try {
    templates = (await state.client.listTemplates()).data;
  } catch {
    /* a backend may not offer it */
  }
  // A backend that cannot list templates uses the profile's default one, and custom text needs createTemplate.
  select.replaceChildren(
    ...(templates.length
      ? [...templates.map((t) => new Option(t.text, t.id)), new Option('Custom text…', 'custom')]
      : [new Option('The default template', '')]),
  );
  $('template-text').hidden = select.value !== 'custom';
}

$('template').addEventListener('change', () => {
  $('template-text').hidden = $('template').value !== 'custom';
});

$('profile-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.currentTarget);
  step(form, 'profile-wire', async () => {
    const checked = /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll('input[name=channel]:checked'));
    const channels = [...checked].map((c) => c.value);
    const appName = $('app-name').value.trim();
    const codeLength = $('code-length').value === '' ? undefined : Number($('code-length').value);
    let templateId = $('template').value;
    if (templateId === 'custom') {
      templateId = (await state.client.createTemplate({ text: $('template-text').value })).id;
    }
    // Sandbox mode: the sandbox signs delivery events for this URL and the page itself plays the receiver,
    // verifying each with verifyWebhook. Backend mode: the edge Worker sets its own /webhooks/telnyx.
    const input = { name: $('profile-name').value };
    if (mode() === 'sandbox') input.webhook_url = 'https://demo.invalid/webhooks/telnyx';
    for (const channel of channels) {
      const block = {};
      if (appName && channel !== 'psd2') block.app_name = appName;
      if (['sms', 'call', 'whatsapp'].includes(channel) && codeLength !== undefined) block.code_length = codeLength;
      if (channel === 'sms' && templateId) block.messaging_template_id = templateId;
      input[channel] = block;
    }
    const profile = await state.client.createProfile(input);
    state.profileId = profile.id;
    const result = $('profile-result');
    result.className = 'result ok';
    result.textContent = `Profile created: ${profile.id}`;
  });
});

// ---- Step 2: verification -------------------------------------------------------------------------

$('type').addEventListener('change', () => {
  element('.psd2').hidden = $('type').value !== 'psd2';
});

$('start-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.currentTarget);
  step(form, 'start-wire', async () => {
    if (!state.profileId) {
      throw {
        code: 'no_profile',
        errors: [{ detail: 'Create a profile first (step 1).', source: { pointer: '/verify_profile_id' } }],
      };
    }
    const type = $('type').value;
    const input = { type, phone_number: $('phone').value.trim(), verify_profile_id: state.profileId };
    // A backend pins its profile: the page sends only the number and the channel (edgeBackend drops the rest).
    if (type === 'psd2')
      Object.assign(input, {
        amount: $('amount').value.trim(),
        currency: $('currency').value,
        payee: $('payee').value,
      });
    const verification = await state.client.startVerification(input);
    state.phone = input.phone_number;
    state.verificationId = verification.id;
    state.startExchange = state.exchange;
    watchDelivery(verification.id);
    const result = $('start-result');
    result.className = 'result ok';
    result.textContent = `Code sent by ${type} (status ${verification.status}). Check the phone.`;
    await refreshPhone();
  });
});

// ---- Step 3: check --------------------------------------------------------------------------------

$('check-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.currentTarget);
  step(form, 'check-wire', async () => {
    const { response_code: code } = await state.client.verifyCode({
      phone_number: state.phone ?? $('phone').value.trim(),
      code: $('code').value.trim(),
      verify_profile_id: state.profileId ?? '',
    });
    const result = $('check-result');
    result.className = code === 'accepted' ? 'result ok' : 'result bad';
    result.textContent =
      code === 'accepted' ? 'accepted: the number is verified.' : 'rejected: wrong, expired or already used code.';
    result.dataset.responseCode = code;
  });
});

// ---- The phone ------------------------------------------------------------------------------------

const channelNames = {
  sms: 'SMS',
  call: 'Voice call',
  flashcall: 'Missed call',
  whatsapp: 'WhatsApp',
  psd2: 'SMS (payment)',
};

async function outbox(phone) {
  if (mode() === 'sandbox') return state.sandbox.outbox(phone);
  // The edge backend in sandbox mode shows its outbox; with a real key it sends to the real phone.
  const base = backendUrl();
  try {
    const answer = await fetch(`${base}/_sandbox/outbox?phone_number=${encodeURIComponent(phone)}`);
    return answer.ok ? await answer.json() : null;
  } catch {
    return null;
  }
}

async function refreshPhone() {
  const phone = state.phone;
  $('phone-number').textContent = phone ?? '';
  const messages = phone ? await outbox(phone) : [];
  const list = $('messages');
  list.replaceChildren(...(messages ?? []).map(renderMessage));
  $('phone-empty').textContent =
    messages === null ? 'This backend delivers to the real phone.' : 'Messages to this number appear here.';
  $('phone-empty').hidden = (messages ?? []).length > 0;
}

function renderMessage(message) {
  const item = document.createElement('li');
  item.className = 'message';
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.append(channelNames[message.channel] ?? message.channel, document.createElement('span'));
  meta.lastChild.textContent = message.from;
  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = message.text;
  const code = document.createElement('span');
  code.className = 'code';
  code.dataset.code = message.code;
  code.textContent = message.code;
  const use = document.createElement('button');
  use.type = 'button';
  use.textContent = 'Use this code';
  use.setAttribute('aria-label', `Use code ${message.code.split('').join(' ')}`);
  use.addEventListener('click', () => {
    $('code').value = message.code;
    $('code').focus();
  });
  item.append(meta, text, code, ' ', use);
  const delivery = state.delivery.get(message.verification_id);
  if (delivery) {
    const line = document.createElement('p');
    line.className = `delivery ${delivery}`;
    line.dataset.delivery = delivery;
    line.textContent = deliveryNames[delivery] ?? delivery;
    item.append(line);
  }
  return item;
}

// ---- Delivery status, from Telnyx's signed webhooks ---------------------------------------------------

const deliveryNames = {
  sent: 'Sent',
  delivered: 'Delivered ✓',
  sending_failed: 'Not sent',
  delivery_failed: 'Delivery failed',
  delivery_unconfirmed: 'Unconfirmed',
};

/** `{delivery_status, events}` for a verification: verified here (sandbox: each event's headers and body), or by
 * the edge Worker (backend: each event's type, status and time; the Worker keeps no body). */
async function deliveryStatus(verificationId) {
  if (mode() === 'sandbox') {
    const events = state.sandbox
      .webhooks()
      .reverse()
      .map((d) => ({ delivery: d, event: verifyWebhook(d.body, d.headers, state.sandbox.webhookPublicKey) }))
      .filter(({ event }) => event.payload.id === verificationId);
    const last = events.at(-1)?.event;
    return {
      delivery_status: last?.payload.delivery_status ?? null,
      events: events.map(({ delivery }) => ({ headers: delivery.headers, body: JSON.parse(delivery.body) })),
    };
  }
  const base = backendUrl();
  try {
    const answer = await fetch(`${base}/verifications/${verificationId}`);
    return answer.ok ? await answer.json() : null;
  } catch {
    return null;
  }
}

/** Polls the status a few times, as webhooks arrive, and shows it on the phone and in step 2's panel. */
async function watchDelivery(verificationId) {
  for (let i = 0; i < 20; i++) {
    const status = await deliveryStatus(verificationId);
    if (status) {
      state.delivery.set(verificationId, status.delivery_status);
      if (state.startExchange) {
        state.startExchange.webhooks = status.events;
        $('start-wire').textContent = JSON.stringify(state.startExchange, null, 2);
      }
      await refreshPhone();
      if (status.delivery_status && status.delivery_status !== 'sent') return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

// ---- Mode -----------------------------------------------------------------------------------------

let modeSwitches = 0;

async function switchMode() {
  const backend = mode() === 'backend';
  const switched = ++modeSwitches;
  element('.backend-url').hidden = !backend;
  /** @type {HTMLAnchorElement} */ (element('#admin-link')).href = `${backendUrl()}/admin`;
  // The state changes only once the backend answered: a step started meanwhile keeps the client it had.
  const config = backend ? await backendConfig(backendUrl()) : null;
  if (switched !== modeSwitches) return; // a later switch (another URL, the other mode) is under way
  state.client = makeClient();
  state.profileId = null;
  state.backend = config;
  // Backend mode has no step 1: the backend's profile is pinned by its configuration. Say so, honestly.
  const pinned = $('profile-pinned');
  pinned.hidden = !backend;
  const fields = $('profile-form').querySelectorAll('fieldset, .field, button[type=submit]');
  for (const field of /** @type {NodeListOf<HTMLElement>} */ (fields)) field.hidden = backend;
  if (backend) {
    state.profileId = state.backend?.verify_profile_id ?? null;
    pinned.textContent = state.backend
      ? `This backend (${state.backend.mode} mode) uses its configured profile ${state.profileId ?? '(none yet: set VERIFY_PROFILE_ID)'}; creating profiles is an admin action there.`
      : 'The backend did not answer GET /config.';
  }
  const type = /** @type {HTMLSelectElement} */ (element('#type'));
  for (const option of type.options) option.disabled = backend && !(state.backend?.types ?? []).includes(option.value);
  if (type.selectedOptions[0]?.disabled) type.value = [...type.options].find((o) => !o.disabled)?.value ?? 'sms';
  await showTurnstile(backend ? state.backend?.turnstile_site_key : null);
  if (!backend) await loadTemplates();
  await refreshPhone();
}

for (const radio of document.querySelectorAll('input[name=mode]')) radio.addEventListener('change', switchMode);
$('backend-url').addEventListener('change', switchMode);
await switchMode();
document.body.dataset.ready = 'true';

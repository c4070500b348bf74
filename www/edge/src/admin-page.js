// GET /admin: one HTML page, no framework, no CDN, works offline. It signs in with ADMIN_TOKEN (kept in
// sessionStorage, sent as a bearer header to GET /admin/stats), then draws the last 24 hours as inline SVG, the
// conversion by country and by the worst prefixes, and the active blocks with their unblock and allow buttons.
// It shows prefixes (as the owner configured their length), never a number.

export const ADMIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verify edge: admin</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
  header { background: #1d2330; color: #fff; padding: 12px 20px; display: flex; justify-content: space-between; align-items: center; }
  main { max-width: 1040px; margin: 0 auto; padding: 16px 20px 40px; }
  section { background: #fff; border-radius: 8px; padding: 14px 18px; margin: 14px 0; box-shadow: 0 1px 2px #0001; }
  h1 { font-size: 18px; margin: 0; } h2 { font-size: 16px; margin: 0 0 10px; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; }
  .tile { background: #f1f3f9; border-radius: 6px; padding: 8px 10px; } .tile b { display: block; font-size: 22px; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e7ef; }
  .bad { color: #b3261e; font-weight: 600; } .ok { color: #1b7f3b; } .muted { color: #667085; }
  button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid #1d2330; background: #fff; cursor: pointer; }
  button.primary { background: #1d2330; color: #fff; }
  input { font: inherit; padding: 5px 8px; width: 22em; max-width: 100%; }
  .legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 5px; }
  svg text { font: 11px system-ui, sans-serif; fill: #475467; }
</style>
</head>
<body>
<header><h1>Verify edge: admin</h1><button id="sign-out" hidden>Sign out</button></header>
<main>
<section id="sign-in">
  <h2>Sign in</h2>
  <form id="sign-in-form">
    <label for="token">Admin token (ADMIN_TOKEN)</label><br>
    <input id="token" type="password" autocomplete="off" required>
    <button class="primary" type="submit">Sign in</button>
  </form>
  <p id="sign-in-error" class="bad" role="alert"></p>
</section>
<div id="dashboard" hidden>
  <section><h2>Last 24 hours</h2><div class="tiles" id="tiles"></div></section>
  <section><h2>By hour</h2><div class="legend" id="legend"></div><div id="hourly"></div></section>
  <section><h2>Conversion by country <span class="muted" id="window"></span></h2><div id="countries"></div></section>
  <section><h2>Worst prefixes</h2><table id="prefixes"></table></section>
  <section><h2>Active blocks</h2><table id="blocks"></table><p id="guard" class="muted"></p></section>
</div>
</main>
<script>
(function () {
  var SVG = 'http://www.w3.org/2000/svg';
  var SERIES = [['starts', '#3558d4'], ['delivered', '#7aa2f7'], ['converted', '#1b7f3b'], ['refused', '#d99a00'], ['blocked', '#b3261e']];
  function $(id) { return document.getElementById(id); }
  function el(name, attrs, text) {
    var node = name.indexOf('svg:') === 0 ? document.createElementNS(SVG, name.slice(4)) : document.createElement(name);
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function sum(object) { var n = 0; for (var k in object) n += object[k]; return n; }
  function percent(x) { return x === null || x === undefined ? '-' : Math.round(x * 100) + ' %'; }
  function token() { return sessionStorage.getItem('admin-token'); }

  async function call(path, init) {
    init = init || {};
    init.headers = Object.assign({ authorization: 'Bearer ' + token() }, init.headers || {});
    var response = await fetch(path, init);
    if (response.status === 401) { sessionStorage.removeItem('admin-token'); throw new Error('That token was refused.'); }
    if (!response.ok) throw new Error((await response.json()).message || ('HTTP ' + response.status));
    return response.json();
  }

  function hourly(hours) {
    var width = 960, height = 220, left = 34, bottom = 24, top = 8;
    var values = hours.map(function (h) { return { starts: h.starts, delivered: h.delivered, converted: h.converted, refused: sum(h.refused), blocked: h.blocked.prefix + h.blocked.country }; });
    var max = Math.max(1, Math.max.apply(null, values.map(function (v) { return Math.max(v.starts, v.delivered, v.converted, v.refused, v.blocked); })));
    var svg = el('svg:svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'aria-label': 'Starts, deliveries, conversions, refusals and blocks per hour' });
    var slot = (width - left) / hours.length, bar = (slot - 4) / SERIES.length;
    for (var g = 0; g <= 4; g++) {
      var y = top + (height - top - bottom) * (1 - g / 4);
      svg.appendChild(el('svg:line', { x1: left, x2: width, y1: y, y2: y, stroke: '#e4e7ef' }));
      svg.appendChild(el('svg:text', { x: 2, y: y + 4 }, Math.round(max * g / 4)));
    }
    values.forEach(function (v, i) {
      SERIES.forEach(function (s, k) {
        var h = (height - top - bottom) * v[s[0]] / max;
        var rect = el('svg:rect', { x: left + i * slot + 2 + k * bar, y: height - bottom - h, width: Math.max(1, bar - 1), height: h, fill: s[1], 'data-series': s[0], 'data-hour': hours[i].hour, 'data-value': v[s[0]] });
        rect.appendChild(el('svg:title', {}, hours[i].hour.slice(11, 16) + ' UTC, ' + s[0] + ': ' + v[s[0]]));
        svg.appendChild(rect);
      });
      if (i % 3 === 0) svg.appendChild(el('svg:text', { x: left + i * slot, y: height - 6 }, hours[i].hour.slice(11, 16)));
    });
    $('hourly').replaceChildren(svg);
    $('legend').replaceChildren.apply($('legend'), SERIES.map(function (s) { var span = el('span'); var dot = el('i'); dot.style.background = s[1]; span.append(dot, s[0]); return span; }));
    var totals = values.reduce(function (a, v) { for (var k in v) a[k] = (a[k] || 0) + v[k]; return a; }, {});
    var judged = hours.length ? totals.starts : 0;
    $('tiles').replaceChildren.apply($('tiles'), [['starts', totals.starts], ['delivered', totals.delivered], ['converted', totals.converted], ['conversion', judged ? percent(totals.converted / judged) : '-'], ['refused by a limit', totals.refused], ['blocked by the guard', totals.blocked]].map(function (t) {
      var tile = el('div', { class: 'tile', 'data-tile': t[0] }); tile.append(el('b', {}, t[1]), t[0]); return tile;
    }));
  }

  function countries(list, guard) {
    var width = 960, row = 26, left = 60, height = Math.max(row, list.length * row) + 10;
    var svg = el('svg:svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'aria-label': 'Conversion by country' });
    var scale = width - left - 160;
    list.forEach(function (c, i) {
      var y = 4 + i * row, share = c.conversion === null ? 0 : c.conversion;
      svg.appendChild(el('svg:text', { x: 0, y: y + 15 }, c.country));
      var rect = el('svg:rect', { x: left, y: y, width: Math.max(1, scale * share), height: row - 8, fill: c.blocked_until ? '#b3261e' : '#1b7f3b', 'data-country': c.country, 'data-conversion': share });
      rect.appendChild(el('svg:title', {}, c.country + ': ' + c.converted + ' of ' + c.judged + ' judged starts converted'));
      svg.appendChild(rect);
      svg.appendChild(el('svg:text', { x: left + scale + 8, y: y + 15 }, percent(c.conversion) + ' of ' + c.judged + (c.blocked_until ? ', blocked' : '')));
    });
    if (guard.enabled) {
      var x = left + scale * guard.min_conversion / 100;
      svg.appendChild(el('svg:line', { x1: x, x2: x, y1: 0, y2: height, stroke: '#b3261e', 'stroke-dasharray': '4 3' }));
    }
    $('countries').replaceChildren(svg);
  }

  function table(id, head, rows) {
    var t = $(id), tr = el('tr');
    head.forEach(function (h) { tr.appendChild(el('th', {}, h)); });
    t.replaceChildren(tr);
    rows.forEach(function (cells) { var r = el('tr'); cells.forEach(function (c) { var td = el('td'); if (c instanceof Node) td.append(c); else td.textContent = c; r.appendChild(td); }); t.appendChild(r); });
    if (!rows.length) { var r = el('tr'), td = el('td', { colspan: head.length, class: 'muted' }, 'None.'); r.appendChild(td); t.appendChild(r); }
  }

  function action(name, scope, key, label) {
    var button = el('button', { 'data-action': name, 'data-key': key }, label);
    button.addEventListener('click', async function () {
      button.disabled = true;
      try { await call('/admin/guard', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: name, scope: scope, key: key }) }); await load(); }
      catch (error) { alert(error.message); button.disabled = false; }
    });
    return button;
  }

  async function load() {
    var stats = await call('/admin/stats');
    $('sign-in').hidden = true; $('dashboard').hidden = false; $('sign-out').hidden = false;
    hourly(stats.hours);
    countries(stats.countries, stats.guard);
    $('window').textContent = stats.guard.enabled ? '(last ' + stats.guard.window_seconds / 60 + ' min; blocked below ' + stats.guard.min_conversion + ' % once ' + stats.guard.min_starts + ' starts are judged)' : '(the fraud guard is off)';
    table('prefixes', ['Prefix', 'Country', 'Judged', 'Converted', 'Conversion', 'State'], stats.prefixes.map(function (p) {
      return [p.prefix, p.country, p.judged, p.converted, percent(p.conversion), p.blocked_until ? 'blocked' : p.allowed ? 'allowed' : 'watched'];
    }));
    table('blocks', ['Scope', 'Prefix or country', 'Until', '', ''], stats.blocks.map(function (b) {
      return [b.scope, b.key, b.until.replace('T', ' ').slice(0, 16) + ' UTC', action('unblock', b.scope, b.key, 'Unblock'), action('allow', b.scope, b.key, 'Allow')];
    }));
    $('guard').textContent = stats.guard.enabled ? 'Blocks last ' + stats.guard.block_seconds / 60 + ' min; a start has ' + stats.guard.grace_seconds + ' s to convert before it counts against its prefix.' : '';
    document.body.dataset.loaded = stats.generated_at;
  }

  $('sign-in-form').addEventListener('submit', async function (event) {
    event.preventDefault();
    sessionStorage.setItem('admin-token', $('token').value);
    $('sign-in-error').textContent = '';
    try { await load(); } catch (error) { $('sign-in-error').textContent = error.message; }
  });
  $('sign-out').addEventListener('click', function () { sessionStorage.removeItem('admin-token'); location.reload(); });
  if (token()) load().catch(function (error) { $('sign-in-error').textContent = error.message; });
})();
</script>
</body>
</html>
`;

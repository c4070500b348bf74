// The admin page's script (admin-page.js inlines it): sign in, read GET /admin/stats, draw the charts and tables,
// and send the owner's unblock and allow calls. Plain ES2017 in one function, no dependency; it builds every node
// with textContent, so nothing the API returns is ever parsed as HTML.

export const ADMIN_SCRIPT = `(function () {
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
`;

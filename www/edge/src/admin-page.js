// GET /admin: one HTML page, no framework, no CDN, works offline. It signs in with ADMIN_TOKEN (kept in
// sessionStorage, sent as a bearer header to GET /admin/stats), then draws the last 24 hours as inline SVG, the
// conversion by country and by the worst prefixes, and the active blocks with their unblock and allow buttons.
// It shows prefixes (as the owner configured their length), never a number.

import { ADMIN_SCRIPT } from './admin-page-script.js';

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
${ADMIN_SCRIPT}</script>
</body>
</html>
`;

// The fault matrix inside workerd (Miniflare): runs one cell per request with the package's workerd entry.
import * as lib from '../../pkg/client/workerd.js';
import { cell } from './cells.mjs';

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const { base, class: callClass, timeout } = Object.fromEntries(url.searchParams);
    return Response.json(await cell(lib, base, callClass, Number(timeout)));
  },
};

// Headless Chromium for the browser tests (the demo page, the bundle in the runtime matrix, the admin page): the
// distribution's build (CHROMIUM overrides its path), started off the network and quiet, from a fresh profile.
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

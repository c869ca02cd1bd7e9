/**
 * Debian's chromium, headless, driven with playwright-core (which downloads
 * no browser). One browser per test file: contexts are cheap, browsers not.
 * Every launch has a fresh profile (playwright makes a temporary one).
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A real headless Chromium — Debian's `chromium` package (installed by .ci/run when missing),
 * driven by playwright-core, which downloads no browser of its own — and the real network it
 * needs: Strapi listening on a port, and clients coming from their own loopback addresses.
 */
import http from 'http';
import type { Core } from '@strapi/strapi';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

/** Makes the booted Strapi listen on 127.0.0.1:port (0 = any free port); resolves with the port. */
export const listen = (strapi: Core.Strapi, port = 0) =>
  new Promise<number>((resolve, reject) => {
    const server = strapi.server.httpServer;
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as any).port));
  });

let nextClient = 0;
/**
 * An HTTP agent whose connections come from their own loopback address (127.0.x.y): each call
 * plays a different client, as far as the per-address rate limit can tell. Linux routes the
 * whole 127.0.0.0/8 to the loopback interface.
 */
export const clientAgent = (address?: string) => {
  nextClient += 1;
  const ip = address ?? `127.${1 + (process.pid % 200)}.${1 + (Math.floor(nextClient / 250) % 250)}.${1 + (nextClient % 250)}`;
  return new http.Agent({ localAddress: ip } as http.AgentOptions);
};

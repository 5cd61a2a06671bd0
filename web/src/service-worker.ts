/// <reference lib="webworker" />
// The desk's offline shell. Kit builds and registers this file; it only does its work in production builds.
//
// What it keeps, and why so little: the desk phone must reopen the scanner with no network (scans then
// queue in IndexedDB, see #lib/scan/queue.ts), but a shared phone must never show yesterday's roster or
// anyone's pet data from a cache. So only two things are stored:
//   - the build's immutable assets and the static files, precached per version and served cache-first;
//   - the scanner page itself (/b/<slug>/scan with no query: it renders no pet data until a scan),
//     refreshed on every online visit (network-first) and served only when the network fails.
//   - the driver's page, /drive exactly (#12): a driver's own phone must reopen today's route in a dead spot;
//     stored the same way (network-first, served only when the network fails). The page itself then shows
//     the route list it last saved in localStorage with an "offline" banner (#lib/drive/offline.ts).
// Everything else (other pages, __data.json, API calls, /auth, form POSTs, realtime-token) goes straight
// to the network untouched. Signing out (a POST to /logout, or anything under /login) empties the page
// cache so the next person on the phone cannot open the previous one's desk offline.
import { dev, version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { self } from '$app/service-worker';

const ASSET_CACHE = `assets-${version}`;
const PAGE_CACHE = `pages-${version}`;

/** Absolute URLs of everything precached; the manifest's paths are relative to the base path. */
const precached = new Set([...immutable, ...assets].map(({ path }) => new URL(path, self.registration.scope).href));

/** The scanner shell: /b/<slug>/scan exactly, so search results (?q=…) are never what gets stored. */
const scannerPath = /^\/b\/[a-z0-9-]+\/scan\/?$/;
/** The driver's day: /drive exactly (not /drive/ops, /drive/realtime-token). */
const drivePath = /^\/drive\/?$/;
/** Pages kept for offline opening. */
const storedPage = (path: string) => scannerPath.test(path) || drivePath.test(path);

function isSignOut(url: URL, method: string): boolean {
  return (
    (url.pathname === '/logout' && method === 'POST') || url.pathname === '/login' || url.pathname.startsWith('/login/')
  );
}

// Kit registers the worker in development too, where there is nothing immutable to precache and a stored
// page would only hide code changes: there it clears what it may have stored and steps aside.
if (dev) {
  self.addEventListener('install', () => void self.skipWaiting());
  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        for (const key of await caches.keys()) await caches.delete(key);
        await self.registration.unregister();
      })(),
    );
  });
} else {
  self.addEventListener('install', onInstall);
  self.addEventListener('activate', onActivate);
  self.addEventListener('fetch', onFetch);
  self.addEventListener('message', onMessage);
}

// Web Push (functions/notify's 'push' channel): the payload is {title, body, url, tag}, already decrypted by
// the browser. Shown in development too (push does not depend on the caches above).
self.addEventListener('push', (event) => {
  let msg: { title?: string; body?: string; url?: string; tag?: string };
  try {
    msg = event.data?.json() ?? {};
  } catch {
    msg = { body: event.data?.text() };
  }
  event.waitUntil(
    self.registration.showNotification(msg.title || 'PawCentral', {
      body: msg.body ?? '',
      tag: msg.tag,
      icon: '/icons/icon-192.png',
      data: { url: msg.url },
    }),
  );
});

// A tap on the notification opens (or focuses) the page it points to, on our origin only.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const raw = (event.notification.data as { url?: string } | null)?.url;
  const target = raw && new URL(raw, self.location.origin).origin === self.location.origin ? raw : '/';
  event.waitUntil(
    (async () => {
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        if ((client as WindowClient).url === new URL(target, self.location.origin).href)
          return (client as WindowClient).focus();
      }
      await self.clients.openWindow(target);
    })(),
  );
});

function onInstall(event: ExtendableEvent): void {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(ASSET_CACHE);
      await cache.addAll([...precached]);
      // A new build's assets are in place: take over now rather than after every tab closes, so the
      // desk never runs old HTML against assets this version no longer precaches.
      await self.skipWaiting();
    })(),
  );
}

function onActivate(event: ExtendableEvent): void {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== ASSET_CACHE && key !== PAGE_CACHE) await caches.delete(key);
      }
      await self.clients.claim();
      // The visit that installed this worker was not seen by it; store that scanner page now so a
      // single visit is enough to reopen it offline.
      const windows = await self.clients.matchAll({ type: 'window' });
      await Promise.all(windows.map((client) => storeScanner(new URL(client.url))));
    })(),
  );
}

/** The scanner page asks to be kept once a worker is active (see its onMount): the reliable path. */
function onMessage(event: ExtendableMessageEvent): void {
  const data = event.data as { type?: string; url?: string } | null;
  if ((data?.type === 'store-scanner' || data?.type === 'store-page') && typeof data.url === 'string')
    event.waitUntil(storeScanner(new URL(data.url)));
}

/** Fetches and stores the scanner (or driver's) page at `url` if it is one; failures are ignored (best effort). */
async function storeScanner(url: URL): Promise<void> {
  if (url.origin !== self.location.origin || !storedPage(url.pathname) || url.search) return;
  try {
    const response = await fetch(url.href, { credentials: 'same-origin', redirect: 'manual' });
    if (isStorable(response)) await (await caches.open(PAGE_CACHE)).put(url.pathname, response);
  } catch {
    // Offline or refused: the next online visit stores it.
  }
}

/** Only a plain 200 page is worth replaying; never a redirect (e.g. to /login) or an error page. */
function isStorable(response: Response): boolean {
  return response.status === 200 && response.type === 'basic' && !response.redirected;
}

async function scannerNavigation(request: Request, url: URL): Promise<Response> {
  try {
    const response = await fetch(request);
    if (!url.search && isStorable(response)) {
      const copy = response.clone();
      await (await caches.open(PAGE_CACHE)).put(url.pathname, copy);
    }
    return response;
  } catch (error) {
    const cached = await (await caches.open(PAGE_CACHE)).match(url.pathname);
    if (cached) return cached;
    throw error;
  }
}

async function cachedAsset(request: Request): Promise<Response> {
  const cache = await caches.open(ASSET_CACHE);
  const hit = await cache.match(request.url);
  if (hit) return hit;
  return fetch(request);
}

function onFetch(event: FetchEvent): void {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (isSignOut(url, request.method)) {
    event.waitUntil(caches.delete(PAGE_CACHE));
    return;
  }
  if (request.method !== 'GET') return;

  if (precached.has(url.href)) {
    event.respondWith(cachedAsset(request));
  } else if (request.mode === 'navigate' && storedPage(url.pathname)) {
    event.respondWith(scannerNavigation(request, url));
  }
  // Anything else: not intercepted, so the browser fetches it as if there were no worker.
}

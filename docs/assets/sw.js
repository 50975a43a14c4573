/* Early Years Pathway service worker. overrides/hooks/offline.py copies it to the site's root at each
   build and puts in the build's settings: its version, the pages and files to save, the offline page. */
"use strict";
const SETTINGS = self.__APP_SETTINGS__;
const SCOPE = self.registration.scope;  // the site's root, ending in "/"
// One cache per build, named so that two copies of the site on one host keep apart.
const PREFIX = "early-years-pathway:" + new URL(SCOPE).pathname + ":";
const CACHE = PREFIX + SETTINGS.version;
const HASHED = /\/assets\/.+\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css)$/;
const absolute = (path) => new URL(path, SCOPE).href;
// Pages and unhashed files are checked with the server; hashed files never change.
const fresh = (url) => (HASHED.test(new URL(url).pathname) ? url : new Request(url, { cache: "no-cache" }));

// The copy for offline reading is saved whole or not at all. If the device has too little room
// (a full phone, a small quota: QuotaExceededError), the half-made cache is deleted, this worker
// is dropped (an older worker keeps its own complete copy) and the open pages are told, so that
// the offline page can say offline reading is unavailable here (register-sw.js keeps the word).
self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    try {
      const lists = [SETTINGS, ...(await languagesRead())];
      await checkRoom(lists.reduce((sum, list) => sum + list.bytes, 0));
      const cache = await caches.open(CACHE);
      const paths = lists.flatMap((list) => [...list.pages, ...list.assets]);
      await cache.addAll(paths.map((path) => fresh(absolute(path))));
    } catch (error) {
      await caches.delete(CACHE);
      if (error && error.name === "QuotaExceededError") await tell({ offline: "unavailable" });
      throw error;
    }
    await self.skipWaiting();
  })());
});

// A language's translated pages (SETTINGS.languages, by code) are saved for a reader of it only:
// one with a page under /<code>/ open as the worker installs. An English reader saves none.
async function languagesRead() {
  const open = (await self.clients.matchAll({ type: "window", includeUncontrolled: true })).map((c) => c.url);
  return Object.entries(SETTINGS.languages || {})
    .filter(([code]) => open.some((url) => url.startsWith(absolute(code + "/"))))
    .map(([, list]) => list);
}

// Before downloading anything: where the browser says the copy cannot fit, fail at once, so a
// phone with no room does not download the whole copy again on every visit only to throw it away.
async function checkRoom(bytes) {
  if (!(self.navigator.storage && self.navigator.storage.estimate)) return;
  const { quota, usage } = await self.navigator.storage.estimate();
  if (typeof quota === "number" && quota - (usage || 0) < bytes) {
    throw new DOMException(`${bytes} bytes to save, ${quota - (usage || 0)} free`, "QuotaExceededError");
  }
}

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    client.postMessage({ app: "offline", ...message });
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // Navigation preload stays off: with it on, Firefox offline shows its own "Unable to connect"
    // instead of the offline page. Turned off here too for a worker that had turned it on.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.disable();
    await self.clients.claim();
    await tell({ offline: "ready" });
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range") || !request.url.startsWith(SCOPE)) return;
  const path = new URL(request.url).pathname;
  if (request.mode === "navigate") event.respondWith(networkFirst(event));
  else if (HASHED.test(path)) event.respondWith(cacheFirst(event));
  // Files only: an address with no extension (such as `mkdocs serve`'s live reload) is left alone.
  else if (/\.[a-z0-9]+$/i.test(path)) event.respondWith(staleWhileRevalidate(event));
});

function keep(event, key, response) {
  if (response.ok && response.type === "basic" && !response.redirected) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => {}));
  }
  return response;
}

// The same page under the addresses a browser may use for it.
function addresses(href) {
  const url = new URL(href);
  const path = url.origin + url.pathname;
  if (path.endsWith("/index.html")) return [path, path.slice(0, -10)];
  if (path.endsWith("/")) return [path, path + "index.html"];
  return /\.[a-z0-9]+$/i.test(path) ? [path] : [path, path + "/"];
}

async function savedPage(href) {
  const cache = await caches.open(CACHE);
  for (const key of addresses(href)) {
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
  }
  return null;
}

// The offline page, shown at the address asked for: <base> keeps its links and styles working,
// and the theme's settings get the site's root as an absolute address (its search reads them).
async function offlinePage() {
  if (!SETTINGS.offline) return null;
  const target = absolute(SETTINGS.offline);
  const hit = await (await caches.open(CACHE)).match(target);
  if (!hit) return null;
  const html = (await hit.text())
    .replace(/<head([^>]*)>/i, `<head$1><base href="${target}">`)
    .replace(/("base":\s*")[^"]*"/, `$1${SCOPE}"`);
  const headers = new Headers(hit.headers);  // keeps the server's security headers
  for (const name of ["content-length", "content-encoding", "etag", "last-modified"]) headers.delete(name);
  headers.set("cache-control", "no-store");
  return new Response(html, { headers });
}

async function networkFirst(event) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return (await savedPage(request.url)) || (await offlinePage()) || Response.error();
  }
  if (response.status >= 500) return (await savedPage(request.url)) || response;
  return keep(event, new URL(request.url).origin + new URL(request.url).pathname, response);
}

async function cacheFirst(event) {
  const hit = await caches.match(event.request, { cacheName: CACHE });
  return hit || keep(event, event.request, await fetch(event.request));
}

async function staleWhileRevalidate(event) {
  const hit = await caches.match(event.request, { cacheName: CACHE });
  const update = fetch(event.request).then((response) => keep(event, event.request, response));
  if (!hit) return update;
  event.waitUntil(update.catch(() => {}));
  return hit;
}

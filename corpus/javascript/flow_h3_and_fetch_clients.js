// h3 event handlers (Nuxt, Nitro) read the request through functions of the event, imported or
// auto-imported; undici's fetch and node-fetch imported under another name are fetch all the same.
import { defineEventHandler, getQuery, getRouterParam } from "h3";
import { fetch as request } from "undici";
import { default as pull } from "node-fetch";

export const preview = defineEventHandler(async (event) => {
  const { url } = getQuery(event);
  // ruleid: js.ssrf
  const res = await request(url);
  return res.text();
});

export const status = defineEventHandler(async (event) => {
  const id = Number(getRouterParam(event, "id"));
  // ok: js.ssrf
  const res = await request(`https://status.example.com/services/${id}`);
  return res.json();
});

// Auto-imported by Nuxt: no import names it.
export const relay = defineEventHandler(async (event) => {
  const body = await readBody(event);
  // ruleid: js.ssrf
  const res = await pull(body.callback, { method: "POST" });
  return { status: res.status };
});

const FEEDS = { news: "https://feeds.example.com/news.xml", jobs: "https://feeds.example.com/jobs.xml" };

export const feed = defineEventHandler(async (event) => {
  const { name } = getQuery(event);
  const source = FEEDS[name] ?? FEEDS.news;
  // ok: js.ssrf
  const res = await pull(source);
  return res.text();
});

// ofetch's `$fetch`, auto-imported by Nuxt and Nitro, and h3's `sendRedirect(event, url)`.
export const mirror = defineEventHandler(async (event) => {
  const { src } = getQuery(event);
  // ruleid: js.ssrf
  return await $fetch(src, { responseType: "text" });
});

export const statusPage = defineEventHandler(async () => {
  // ok: js.ssrf
  return await $fetch("https://status.example.com/api/summary.json");
});

export const leave = defineEventHandler(async (event) => {
  const { next } = getQuery(event);
  // ruleid: js.open-redirect
  return sendRedirect(event, next, 302);
});

export const home = defineEventHandler(async (event) => {
  // ok: js.open-redirect
  return sendRedirect(event, "/dashboard", 302);
});

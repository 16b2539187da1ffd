// Untrusted values entering through doors other than an Express route: AdonisJS controllers,
// Redis pub/sub listeners, Bun's server, AI SDK tools, Elysia handlers, HTMLRewriter handlers.
import { createClient } from 'redis';
import { request as undiciRequest } from 'undici';
import { tool } from 'ai';
import { Elysia } from 'elysia';
import ejs from 'ejs';
import escapeHtml from 'escape-html';

const subscriber = createClient({ url: process.env.REDIS_URL });
const WARM_HOSTS = new Set(['cdn.example.com']);

export default class BadgesController {
  async badge({ request, response }) {
    const name = request.input('name', 'Guest');
    response.header('Content-Type', 'text/html');
    // ruleid: js.xss-response
    return response.send(`<span class="name">${name}</span>`);
  }

  async safeBadge({ request, response }) {
    const name = escapeHtml(request.input('name', 'Guest'));
    response.header('Content-Type', 'text/html');
    // ok: js.xss-response
    return response.send(`<span class="name">${name}</span>`);
  }
}

await subscriber.subscribe('cache:warm', async (message) => {
  const entry = JSON.parse(message);
  // ruleid: js.ssrf
  await undiciRequest(entry.url);
});

await subscriber.subscribe('cache:warm-known', async (message) => {
  const entry = JSON.parse(message);
  const url = new URL(entry.url);
  if (!WARM_HOSTS.has(url.hostname)) return;
  // ok: js.ssrf
  await undiciRequest(url);
});

Bun.serve({
  async fetch(req) {
    const { host } = await req.json();
    // ruleid: js.exec-command-interpolation
    Bun.spawn(['sh', '-c', `ping -c 1 ${host}`]);
    // ok: js.exec-command-interpolation
    Bun.spawn(['ping', '-c', '1', host]);
    return new Response('ok');
  },
});

export const readPage = tool({
  description: 'Read a page',
  execute: async ({ url }) => {
    // ruleid: js.ssrf
    const res = await fetch(url);
    return res.text();
  },
});

export const readDocs = tool({
  description: 'Read a documentation page',
  execute: async ({ slug }) => {
    // ok: js.ssrf
    const res = await fetch(`https://docs.example.com/pages/${encodeURIComponent(slug)}`);
    return res.text();
  },
});

new Elysia()
  .post('/preview', ({ body }) => {
    // ruleid: js.template-injection
    return ejs.render(body.template, { name: 'Jane' });
  })
  .post('/greeting', ({ body }) => {
    // ok: js.template-injection
    return ejs.render('<p>Hello <%= name %></p>', { name: body.name });
  });

export function rewriteGreeting(element, request) {
  const name = new URL(request.url).searchParams.get('name');
  // ruleid: js.dom-html-injection
  element.setInnerContent(`<strong>${name}</strong>`, { html: true });
  // ok: js.dom-html-injection
  element.setInnerContent(`Welcome, ${name}`);
}

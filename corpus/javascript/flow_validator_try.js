const express = require('express');

const app = express();
const ALLOWED_HOSTS = new Set(['docs.example.com', 'nodejs.org']);

function isAllowedUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && ALLOWED_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

function isHttps(value) {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isAllowedOrLogged(value) {
  try {
    const url = new URL(value);
    return ALLOWED_HOSTS.has(url.hostname);
  } catch (err) {
    console.warn('bad url', err);
    return true;
  }
}

app.get('/docs', async (req, res) => {
  const url = req.query.url;
  if (!isAllowedUrl(url)) {
    return res.sendStatus(400);
  }
  // ok: js.ssrf
  res.send(await (await fetch(url)).text());
});

app.get('/any', async (req, res) => {
  const url = req.query.url;
  if (!isHttps(url)) {
    return res.sendStatus(400);
  }
  // ruleid: js.ssrf
  res.send(await (await fetch(url)).text());
});

app.get('/lenient', async (req, res) => {
  const url = req.query.url;
  if (!isAllowedOrLogged(url)) {
    return res.sendStatus(400);
  }
  // ruleid: js.ssrf
  res.send(await (await fetch(url)).text());
});

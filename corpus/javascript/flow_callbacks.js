// Values read from the request and used inside callbacks, promise wrappers and helpers that
// read the request themselves.
const express = require('express');
const fs = require('fs');
const path = require('path');
const db = require('./db');

const app = express();
const UPLOADS = path.join(__dirname, 'uploads');
const MIRRORS = { docs: 'https://docs.example.com/index.json' };

app.get('/avatar', (req, res) => {
  const name = req.query.name;
  db.lookup(req.user.id, (err, user) => {
    // ruleid: js.path-traversal-request
    fs.readFile(path.join(UPLOADS, name), (e, data) => res.send(data));
  });
});

app.get('/avatar-safe', (req, res) => {
  const name = path.basename(req.query.name);
  db.lookup(req.user.id, (err, user) => {
    // ok: js.path-traversal-request
    fs.readFile(path.join(UPLOADS, name), (e, data) => res.send(data));
  });
});

app.get('/mirror', (req, res) => {
  const target = req.query.target;
  db.audit('mirror').then(() => {
    // ruleid: js.ssrf
    return fetch(target);
  }).then((r) => r.text()).then((t) => res.send(t));
});

app.get('/mirror-docs', (req, res) => {
  const target = MIRRORS.docs;
  db.audit('mirror').then(() => {
    // ok: js.ssrf
    return fetch(target);
  }).then((r) => r.text()).then((t) => res.send(t));
});

// A promise wrapper: its callback's sink is reached by what callers pass.
function download(url) {
  return new Promise((resolve, reject) => {
    // ruleid: js.ssrf
    fetch(url).then(resolve, reject);
  });
}

function downloadStatic(url) {
  return new Promise((resolve, reject) => {
    // ok: js.ssrf
    fetch(url).then(resolve, reject);
  });
}

app.get('/import', async (req, res) => {
  res.send(await download(req.body.feed));
});

app.get('/import-docs', async (req, res) => {
  res.send(await downloadStatic(MIRRORS.docs));
});

// Helpers that read the request themselves hand it to every caller.
const queryParam = (req, key) => req.query[key];
const setting = (key) => MIRRORS[key];

app.get('/proxy', async (req, res) => {
  const upstream = queryParam(req, 'upstream');
  // ruleid: js.ssrf
  const r = await fetch(upstream);
  res.send(await r.text());
});

app.get('/proxy-docs', async (req, res) => {
  const upstream = setting('docs');
  // ok: js.ssrf
  const r = await fetch(upstream);
  res.send(await r.text());
});

// A check kept in a variable guards like the check itself.
const RETURN_PATHS = new Set(['/home', '/account']);

app.get('/done', (req, res) => {
  const back = req.query.back;
  const known = RETURN_PATHS.has(back);
  if (!known) return res.redirect('/home');
  // ok: js.open-redirect
  res.redirect(back);
});

app.get('/done-loose', (req, res) => {
  const back = req.query.back;
  const known = back.length < 200;
  if (!known) return res.redirect('/home');
  // ruleid: js.open-redirect
  res.redirect(back);
});

// A check that fails as a whole fails in each part: `!a || b` returning early vouches for `a`.
app.get('/continue', (req, res) => {
  const next = req.query.next;
  if (!next.startsWith('/') || next.startsWith('//')) return res.redirect('/');
  // ok: js.open-redirect
  res.redirect(next);
});

app.get('/continue-loose', (req, res) => {
  const next = req.query.next;
  if (next.startsWith('//') || next.length > 200) return res.redirect('/');
  // ruleid: js.open-redirect
  res.redirect(next);
});

// Node's own redirects: a Location header.
const needle = require('needle');

app.get('/legacy', (req, res) => {
  // ruleid: js.open-redirect
  res.writeHead(301, { Location: req.query.url });
  res.end();
});

app.get('/legacy-home', (req, res) => {
  // ok: js.open-redirect
  res.writeHead(301, { Location: '/home', 'X-From': req.query.url });
  res.end();
});

app.get('/moved', (req, res) => {
  res.statusCode = 302;
  // ruleid: js.open-redirect
  res.setHeader('Location', req.query.url);
  // ok: js.open-redirect
  res.setHeader('X-Requested', req.query.url);
  res.end();
});

app.get('/moved-express', (req, res) => {
  // ruleid: js.open-redirect
  res.location(req.query.back).sendStatus(302);
});

// needle's method forms.
app.post('/feeds', (req, res) => {
  // ruleid: js.ssrf
  needle.get(req.body.feed, (err, resp) => res.send(resp.body));
});

app.post('/feeds-fixed', (req, res) => {
  // ok: js.ssrf
  needle.post('https://feeds.example.com/ingest', req.body, (err, resp) => res.send(resp.body));
});

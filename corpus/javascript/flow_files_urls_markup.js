// Uploads through busboy and formidable, ORM filters, query strings and character filters.
const express = require('express');
const busboy = require('busboy');
const formidable = require('formidable');
const superagent = require('superagent');
const http = require('http');
const fs = require('fs');
const path = require('path');
const { Account, Session } = require('./models');

const app = express();
const MEDIA_ROOT = '/data/media';

app.post('/media', (req, res) => {
  const bb = busboy({ headers: req.headers });
  bb.on('file', (field, stream, info) => {
    const { filename } = info;
    // ruleid: js.path-traversal-request
    stream.pipe(fs.createWriteStream(MEDIA_ROOT + '/' + filename));
  });
  bb.on('field', (name, value) => {
    // ruleid: js.path-traversal-request
    fs.mkdirSync(path.join(MEDIA_ROOT, value), { recursive: true });
  });
  req.pipe(bb);
  res.sendStatus(202);
});

app.post('/archive', (req, res) => {
  const bb = busboy({ headers: req.headers });
  bb.on('file', (field, stream, info) => {
    // ok: js.path-traversal-request
    stream.pipe(fs.createWriteStream(path.join(MEDIA_ROOT, path.basename(info.filename))));
  });
  req.pipe(bb);
  res.sendStatus(202);
});

async function storeContract(file) {
  // ruleid: js.path-traversal-request
  await fs.promises.copyFile(file.filepath, path.join(MEDIA_ROOT, file.originalFilename));
  // ok: js.path-traversal-request
  await fs.promises.copyFile(file.filepath, path.join(MEDIA_ROOT, path.basename(file.originalFilename)));
}

app.post('/contracts', async (req, res) => {
  const [, files] = await formidable({}).parse(req);
  await storeContract(files.document[0]);
  res.sendStatus(201);
});

app.post('/login', async (req, res) => {
  // ok: js.nosql-operator-injection
  const account = await Account.findOne({ where: { username: req.body.username } });
  // ruleid: js.nosql-operator-injection
  const session = await Session.findOne({ token: req.body.token });
  res.json({ ok: Boolean(account && session) });
});

app.post('/geocode', async (req, res) => {
  const { address } = req.body;
  // ok: js.sql-injection-query
  const found = await superagent.get('https://geo.example.com/v1/search').query({ q: address });
  res.json(found.body);
});

app.get('/releases/:version', (req, res) => {
  const version = req.params.version.replace(/[^\w.-]/g, '');
  // ok: js.xss-response
  res.send(`<h1>Release ${version}</h1>`);
});

app.get('/tags/:tag', (req, res) => {
  const tag = req.params.tag.replace(/[^\w<>]/g, '');
  // ruleid: js.xss-response
  res.send(`<h1>Tag ${tag}</h1>`);
});

const PRINT_SERVER = { host: 'cups.office.internal', port: 631 };
const PRINT_PORT = { port: 631 };

app.get('/printers/:queue', (req, res) => {
  const options = { ...PRINT_SERVER, path: '/printers/' + encodeURIComponent(req.params.queue) };
  // ok: js.ssrf
  http.get(options, (upstream) => upstream.pipe(res));
});

app.get('/printers-by-host', (req, res) => {
  const options = { ...PRINT_PORT, host: req.query.host, path: '/printers' };
  // ruleid: js.ssrf
  http.get(options, (upstream) => upstream.pipe(res));
});

module.exports = app;

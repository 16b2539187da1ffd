// A record handed to a helper keeps its fields apart: what the caller filled with a constant
// stays constant inside, what it took from the request stays the request's.
'use strict';
const express = require('express');
const fs = require('fs');
const axios = require('axios');

const app = express();

function readAvatar(options) {
  // ok: js.path-traversal-request
  return fs.readFileSync('/srv/avatars/' + options.file);
}

function readChosenAvatar(options) {
  // ruleid: js.path-traversal-request
  return fs.readFileSync('/srv/avatars/' + options.file);
}

function notify(hook) {
  // ok: js.ssrf
  return axios.post(hook.url, { text: hook.text });
}

function notifyChosen(hook) {
  // ruleid: js.ssrf
  return axios.post(hook.url, { text: hook.text });
}

app.get('/avatar', (req, res) => {
  res.send(readAvatar({ file: 'default.png', user: req.query.user }));
});

app.get('/avatar/chosen', (req, res) => {
  res.send(readChosenAvatar({ file: req.query.file, user: 'anonymous' }));
});

app.post('/notify', async (req, res) => {
  await notify({ url: 'https://hooks.example.com/ops', text: req.body.text });
  res.sendStatus(204);
});

app.post('/notify/chosen', async (req, res) => {
  await notifyChosen({ url: req.body.url, text: 'ping' });
  res.sendStatus(204);
});

// An error thrown with request data in its message carries that data to the `catch` that
// writes `err.message` into a page or a command.
const { exec, execFile } = require('child_process');
const express = require('express');
const escapeHtml = require('escape-html');

const app = express();
const PAGES = new Map([['about', '<p>About us</p>']]);

app.get('/page', (req, res) => {
  try {
    const page = PAGES.get(req.query.name);
    if (!page) throw new Error(`no page called ${req.query.name}`);
    res.send(page);
  } catch (err) {
    // ruleid: js.xss-response
    res.send(`<h1>Not found</h1><p>${err.message}</p>`);
  }
});

app.get('/page-escaped', (req, res) => {
  try {
    const page = PAGES.get(req.query.name);
    if (!page) throw new Error(`no page called ${req.query.name}`);
    res.send(page);
  } catch (err) {
    // ok: js.xss-response
    res.send(`<h1>Not found</h1><p>${escapeHtml(err.message)}</p>`);
  }
});

app.post('/notify', (req, res) => {
  const { channel } = req.body;
  try {
    if (!/^[a-z]+$/.test(channel)) throw new TypeError(channel);
    res.sendStatus(204);
  } catch ({ message }) {
    // ruleid: js.exec-command-interpolation
    exec(`logger bad channel ${message}`);
    res.sendStatus(400);
  }
});

app.post('/notify-fixed', (req, res) => {
  const { channel } = req.body;
  try {
    if (!/^[a-z]+$/.test(channel)) throw new TypeError(channel);
    res.sendStatus(204);
  } catch ({ message }) {
    // ok: js.exec-command-interpolation
    execFile('logger', ['bad channel', message]);
    res.sendStatus(400);
  }
});

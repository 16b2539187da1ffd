// A hand-written escaper of the file turns `<` and `&` into entities, whatever way it walks the
// text; a helper that only trims does not.
const express = require('express');

const app = express();

function escapeHtml(text) {
  let out = '';
  for (const ch of String(text)) {
    switch (ch) {
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '&': out += '&amp;'; break;
      case '"': out += '&quot;'; break;
      default: out += ch;
    }
  }
  return out;
}

function encode(text) {
  const ENTITIES = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;' };
  return String(text).split('').map((ch) => ENTITIES[ch] || ch).join('');
}

function tidy(text) {
  return String(text).trim().slice(0, 80);
}

app.get('/hello', (req, res) => {
  // ok: js.xss-response
  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);
});

app.get('/bye', (req, res) => {
  // ok: js.xss-response
  res.send(`<h1>Bye ${encode(req.query.name)}</h1>`);
});

app.get('/echo', (req, res) => {
  // ruleid: js.xss-response
  res.send(`<p>${tidy(req.query.q)}</p>`);
});

app.get('/raw', (req, res) => {
  // ruleid: js.xss-response
  res.send(`<p>${req.query.q}</p>`);
});

module.exports = app;

// An object built by a constructor of the file knows what each field holds, as its caller
// passed it: a method reading the field the caller escaped is not tainted by another field.
'use strict';
const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

class Greeting {
  constructor(name, tone) {
    this.name = name;
    this.tone = tone;
  }

  html() {
    return `<p class="greeting">Hello, ${this.name}</p>`;
  }
}

class Card {
  constructor(title, theme) {
    this.title = title;
    this.theme = theme;
  }

  render() {
    return `<section><h2>${this.title}</h2></section>`;
  }
}

app.get('/greet', (req, res) => {
  const greeting = new Greeting(escapeHtml(req.query.name), req.query.tone);
  // ok: js.xss-response
  res.send(greeting.html());
});

app.get('/greet/raw', (req, res) => {
  const greeting = new Greeting(req.query.name, 'warm');
  // ruleid: js.xss-response
  res.send(greeting.html());
});

app.get('/card', (req, res) => {
  const card = new Card('Welcome', req.query.theme);
  // ok: js.xss-response
  res.send(card.render());
});

app.get('/card/titled', (req, res) => {
  const card = new Card(req.query.title, 'dark');
  // ruleid: js.xss-response
  res.send(card.render());
});

// Objects handed on: a getter read as a field runs as a method; a service held in a field is
// followed into its method and what it returns; `a && b` is `b` (or a falsy `a`); a builder
// that fills itself and returns `this` carries what it holds through a helper.
'use strict';
const express = require('express');
const path = require('path');

const app = express();
const REPORTS = path.resolve(__dirname, 'reports');
const PAGES = { billing: '/settings/billing', team: '/settings/team' };

class ReturnTarget {
  constructor(key) {
    this.key = key;
  }

  get url() {
    return PAGES[this.key] || '/';
  }

  get raw() {
    return this.key;
  }
}

app.get('/after-login', (req, res) => {
  const target = new ReturnTarget(req.query.next);
  // ok: js.open-redirect
  res.redirect(target.url);
});

app.get('/after-login/raw', (req, res) => {
  const target = new ReturnTarget(req.query.next);
  // ruleid: js.open-redirect
  res.redirect(target.raw);
});

class Locator {
  constructor(root) {
    this.root = root;
  }

  contained(name) {
    const full = path.resolve(this.root, name);
    if (!full.startsWith(this.root + path.sep)) {
      throw new Error('outside');
    }
    return full;
  }

  joined(name) {
    return this.root + '/' + name;
  }
}

class ReportService {
  constructor(locator) {
    this.locator = locator;
  }

  checked(name) {
    return this.locator.contained(name);
  }

  unchecked(name) {
    return this.locator.joined(name);
  }
}

const reports = new ReportService(new Locator(REPORTS));

app.get('/reports/:name', (req, res) => {
  // ok: js.path-traversal-request
  res.sendFile(reports.checked(req.params.name));
});

app.get('/reports/raw/:name', (req, res) => {
  // ruleid: js.path-traversal-request
  res.sendFile(reports.unchecked(req.params.name));
});

app.get('/jump', (req, res) => {
  const key = req.query.to;
  // ok: js.open-redirect
  res.redirect((key && PAGES[key]) || '/');
});

app.get('/jump/anywhere', (req, res) => {
  const key = req.query.to;
  // ruleid: js.open-redirect
  res.redirect((key && key.trim()) || '/');
});

class Card {
  constructor() {
    this.greeting = '';
  }

  to(name) {
    this.greeting = `<p>Dear ${name}</p>`;
    return this;
  }

  html() {
    return `<div class="card">${this.greeting}</div>`;
  }
}

function cardFor(name) {
  return new Card().to(name).html();
}

function plainCardFor(name) {
  return new Card().to(String(name).length).html();
}

app.get('/card', (req, res) => {
  // ruleid: js.xss-response
  res.send(cardFor(req.query.name));
});

app.get('/card/length', (req, res) => {
  // ok: js.xss-response
  res.send(plainCardFor(req.query.name));
});

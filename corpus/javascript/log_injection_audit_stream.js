const fs = require('fs');
const path = require('path');
const express = require('express');

const app = express();
const LOG_DIR = process.env.AUDIT_LOG_DIR || path.join(__dirname, 'logs');
const audit = fs.createWriteStream(path.join(LOG_DIR, 'auth-audit.log'), { flags: 'a' });
const exports_ = fs.createWriteStream(path.join(__dirname, 'exports.csv'), { flags: 'a' });

function logAuthEvent(event, username, ip) {
  const line = `${new Date().toISOString()} ${event} user=${username} ip=${ip}\n`;
  // ruleid: js.log-injection
  audit.write(line);
}

function logAuthEventQuoted(event, username, ip) {
  const line = `${new Date().toISOString()} ${event} user=${JSON.stringify(username)} ip=${ip}\n`;
  // ok: js.log-injection
  audit.write(line);
}

app.post('/login', (req, res) => {
  logAuthEvent('login_failed', req.body.username, req.ip);
  logAuthEventQuoted('login_failed', req.body.username, req.ip);
  const row = `${req.body.username},${Date.now()}\n`;
  // ok: js.log-injection
  exports_.write(row);
  res.sendStatus(401);
});

app.post('/logout', (req, res) => {
  const note = `logout user=${req.body.username}\n`;
  // ruleid: js.log-injection
  audit.write(note);
  res.sendStatus(204);
});

// Arrays filled with `push` and joined into markup or a command: an element that is not the
// program's own text makes the whole computed; a check of `String(x)` is a check of `x`.
const { exec } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPORTS = '/srv/reports';
const SAFE_NAME = /^[a-z0-9_-]{1,64}$/;

export async function showComments(container) {
  const response = await fetch('/api/comments');
  const comments = await response.json();
  const parts = [];
  for (const comment of comments) {
    parts.push(`<li>${comment.body}</li>`);
  }
  // ruleid: js.dom-html-injection
  container.innerHTML = parts.join('');
}

export function showMenu(container) {
  const parts = [];
  for (const label of ['Home', 'About', 'Contact']) {
    parts.push('<li>');
    parts.push(label);
    parts.push('</li>');
  }
  // ok: js.dom-html-injection
  container.innerHTML = parts.join('');
}

app.post('/thumb', (req, res) => {
  const args = [];
  args.push('--title', req.body.title);
  // ruleid: js.exec-command-interpolation
  exec(`convert ${args.join(' ')} in.png out.png`);
  res.sendStatus(202);
});

app.post('/thumb-fixed', (req, res) => {
  const args = [];
  args.push('--title', 'thumbnail');
  // ok: js.exec-command-interpolation
  exec(`convert ${args.join(' ')} in.png out.png`);
  res.sendStatus(202);
});

function reportPath(job) {
  if (!SAFE_NAME.test(String(job.name))) {
    throw new Error('bad report name');
  }
  return path.join(REPORTS, `${job.name}.csv`);
}

function loosePath(job) {
  if (!SAFE_NAME.test(String(job.owner))) {
    throw new Error('bad owner');
  }
  return path.join(REPORTS, `${job.name}.csv`);
}

app.post('/reports', (req, res) => {
  // ok: js.path-traversal-request
  fs.writeFileSync(reportPath(req.body), 'id,total\n');
  // ruleid: js.path-traversal-request
  fs.writeFileSync(loosePath(req.body), 'id,total\n');
  res.sendStatus(201);
});

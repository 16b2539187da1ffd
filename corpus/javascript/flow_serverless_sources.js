// Sources outside an HTTP framework: the records of a queue-fed Lambda, a gRPC handler's
// message, a Worker's request, an unzipper stream's entries.
'use strict';
const https = require('https');
const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
const { pipeline } = require('stream/promises');

const WEBHOOK_HOSTS = new Map([['billing', 'https://billing.internal/hooks'], ['crm', 'https://crm.internal/hooks']]);

exports.deliver = async (event) => {
  for (const record of event.Records) {
    const msg = JSON.parse(record.body);
    // ruleid: js.ssrf
    https.request(msg.endpoint, { method: 'POST' }).end(JSON.stringify(msg.payload));
    const known = WEBHOOK_HOSTS.get(msg.target);
    if (known) {
      // ok: js.ssrf
      https.request(known, { method: 'POST' }).end(JSON.stringify(msg.payload));
    }
  }
};

const ARTIFACTS = '/srv/artifacts';

function removeArtifact(call, callback) {
  const { project, name } = call.request;
  // ruleid: js.path-traversal-request
  fs.promises.rm(path.join(ARTIFACTS, project, name), { force: true }).then(() => callback(null, {}));
  // ok: js.path-traversal-request
  fs.promises.rm(path.join(ARTIFACTS, String(Number(project)), path.basename(name)), { force: true });
}

function searchLogs(call) {
  // ruleid: js.regexp-from-request
  const re = new RegExp(call.request.pattern);
  // ok: js.regexp-from-request
  const fixed = new RegExp('^level=(info|warn|error)$');
  return [re, fixed];
}

const worker = {
  async fetch(request, env) {
    const url = new URL(request.url);
    const next = url.searchParams.get('next');
    if (url.pathname === '/go') {
      // ruleid: js.open-redirect
      return Response.redirect(next, 302);
    }
    if (url.pathname === '/back') {
      // ruleid: js.open-redirect
      return new Response(null, { status: 302, headers: { Location: next } });
    }
    if (url.pathname === '/home') {
      // ok: js.open-redirect
      return new Response(null, { status: 302, headers: { Location: '/dashboard' } });
    }
    // ok: js.open-redirect
    return Response.redirect(`${env.ORIGIN}/login`, 302);
  },
};

async function unpack(body, root) {
  const zip = body.pipe(unzipper.Parse({ forceStream: true }));
  for await (const entry of zip) {
    const target = path.join(root, entry.path);
    // ruleid: js.archive-path-traversal
    await pipeline(entry, fs.createWriteStream(target));
    // ok: js.archive-path-traversal
    await pipeline(entry, fs.createWriteStream(path.join(root, path.basename(entry.path))));
  }
}

module.exports = { removeArtifact, searchLogs, worker, unpack };

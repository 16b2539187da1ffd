// Passwords digested by a helper whose parameter has another name.
const { createHash } = require('node:crypto');
const { Command } = require('commander');

function passwordDigest(plain) {
  const h = createHash('sha256');
  // ruleid: js.fast-password-hash
  h.update(plain, 'utf8');
  return h.digest('base64');
}

function chainedDigest(value) {
  // ruleid: js.fast-password-hash
  return createHash('sha512').update(value).digest('hex');
}

function emailKey(text) {
  // ok: js.fast-password-hash
  return createHash('sha256').update(text).digest('hex');
}

const program = new Command();
program
  .requiredOption('-e, --email <email>')
  .requiredOption('-p, --password <password>')
  .action((opts) => {
    const stored = passwordDigest(opts.password);
    const key = emailKey(opts.email);
    console.log(stored.length, key.length);
  });

function resetAll(accounts) {
  const digests = [];
  for (const { password } of accounts) {
    digests.push(chainedDigest(password));
  }
  return digests;
}

function cacheKey(body) {
  // ok: js.fast-password-hash
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

module.exports = { program, resetAll, cacheKey };

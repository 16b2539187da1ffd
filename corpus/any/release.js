#!/usr/bin/env node
// Release helper: publishes the npm package, uploads the Python wheel and
// creates the GitHub release. Written quickly for the 2.0 launch.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

// ruleid: any.npm-token
const NPM_TOKEN = "npm_2kEZoHHeUZQBh9sLSfiUkFZbLvjihwNKaiBn";

// ok: any.npm-token
const npmToken = process.env.NPM_TOKEN;

function writeNpmrc(dir) {
  // ruleid: any.npm-token
  fs.writeFileSync(path.join(dir, ".npmrc"), "//registry.npmjs.org/:_authToken=npm_XJGWUvFEd5icY5CDBNcLaUz3CFMGL6fiztIt\n");
}

function writeNpmrcFromEnv(dir) {
  // ok: any.npm-token
  fs.writeFileSync(path.join(dir, ".npmrc"), "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
}

// Public key for verifying release signatures: safe to ship.
// ok: any.private-key-block
const RELEASE_VERIFY_KEY = `-----BEGIN PUBLIC KEY-----
/P/MhuRRmXF391+PHA0dwlyQrQomEa0cHr0WUbUpo0yjUtDX8c9+zQHDjYVKhyrk
MKMa4vkrWGVGYuf7zcqz/BQmzYu4rrPgblWUQrYIamPykV7/SMteOe7aJlkIoaX8
-----END PUBLIC KEY-----`;

// ok: any.npm-token
const NPM_SCRIPTS_DIR = "npm_scripts_and_generated_release_artifacts";

function uploadWheel(file) {
  execFileSync("twine", ["upload", file], {
    env: {
      ...process.env,
      TWINE_USERNAME: "__token__",
      // ruleid: any.pypi-token
      TWINE_PASSWORD: "pypi-AgEIcHlwaS5vcmc_X5p803lPWb4hZeoutR59Z2dPjvOBkHaLWe5nFmB-lT2dr8UWvGaI1GA1gQgCZyDofWhQwakXKYckVxi-8tXzq3pfif9sqM0Hc94uLGQ3xc3GprI6eOW4lhoDVqMRoUjJ45HlpVxrtqtDC5oQ_r-ggGTPxa86ncr",
    },
  });
}

function uploadWheelFromEnv(file) {
  // ok: any.pypi-token
  execFileSync("twine", ["upload", file], { env: { ...process.env, TWINE_PASSWORD: process.env.PYPI_TOKEN } });
}

// ok: any.pypi-token
const PYPI_HELP = "Create a token at https://pypi.org/manage/account/token/ (it starts with pypi-)";

// ok: any.pypi-token
const pypiPackageName = "pypi-release-helper";

async function createGithubRelease(tag, notes) {
  const res = await fetch("https://api.github.com/repos/acme/widgets/releases", {
    method: "POST",
    headers: {
      // ruleid: any.github-fine-grained-token
      Authorization: "Bearer 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",
      Accept: "application/vnd.github+json",
    },
    body: JSON.stringify({ tag_name: tag, body: notes }),
  });
  return res.json();
}

// ok: any.github-token
const GH_CLI_HINT = "run `gh auth token` and export it as GH_TOKEN";

// ruleid: any.github-token
const curlCmd = "curl -H 'Authorization: token ghu_vfFNCtUT6TaJz5fDxLlfdE1rFAKYQCGx9jGh' https://api.github.com/user";

// ok: any.github-fine-grained-token
const FINE_GRAINED_RE = /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/;

// ok: any.github-token
const GITHUB_TOKEN_PATTERN = /^gh[pousr]_[A-Za-z0-9]{36}$/;

function authHeaders() {
  return {
    // ruleid: any.hardcoded-authorization-header
    "Authorization": "token 42ba1903c341be845eaa748dee2ea2b62b65400a",
    // ok: any.hardcoded-authorization-header
    "X-Request-Id": "release-script",
  };
}

// ok: any.hardcoded-authorization-header
const authorization = process.env.RELEASE_AUTHORIZATION;

// The example from RFC 7617 ("Aladdin" / "open sesame"), used in the docs test.
// ok: any.hardcoded-authorization-header
const RFC_EXAMPLE_HEADER = { Authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" };

// ruleid: any.google-oauth-client-secret
const oauthClient = { clientId: "781324556102-ab12cd34.apps.googleusercontent.com", clientSecret: "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" };

// ruleid: any.google-api-key
const YOUTUBE_API_KEY = "AIzaSyWttqJqwM0-kVtXrWoWV0g0DezFLu_jDlt";

// ok: any.google-api-key
const youtubeKey = process.env.YOUTUBE_API_KEY;

// ok: any.google-api-key
const FIREBASE_DOCS = "https://firebase.google.com/docs/projects/api-keys";

// ruleid: any.twilio-auth-token
const smsClient = require("twilio")("AC9cc779fc933799441e4cd187fb59ae4d", "13e52337febad605aba709b6368c949a");

// Snippet from the chat, not finished:
function notifyRelease(version) {
  const sms = require("twilio")(
    // ok: any.twilio-auth-token
    process.env.TWILIO_ACCOUNT_SID,
    process.env.TWILIO_AUTH_TOKEN,
  );
  // ruleid: any.github-fine-grained-token
  const pat = "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";
  return sms.messages.create({ to: process.env.ONCALL_PHONE, body: `released ${version} ${pat}`, from: "+15005550006"

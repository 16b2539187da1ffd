// Token settings nested in a configuration object the module builds itself.
const jwt = require("jsonwebtoken");

const config = {
  jwt: { secret: "my-super-secret-jwt-key-2024", expiresIn: "7d" },
  refresh: { secret: process.env.REFRESH_SECRET },
};

function issue(sub) {
  // ruleid: js.hardcoded-jwt-secret
  return jwt.sign({ sub }, config.jwt.secret, { expiresIn: config.jwt.expiresIn });
}

function refresh(sub) {
  // ok: js.hardcoded-jwt-secret
  return jwt.sign({ sub }, config.refresh.secret, { expiresIn: "30d" });
}

module.exports = { issue, refresh };

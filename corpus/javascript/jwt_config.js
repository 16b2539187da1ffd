// Token settings of an Express API, kept in one configuration module.
module.exports = {
  port: Number(process.env.PORT || 3000),
  // ruleid: js.hardcoded-jwt-secret
  jwtSecret: "my-jwt-secret",
  // ok: js.hardcoded-jwt-secret
  refreshTokenSecret: process.env.REFRESH_TOKEN_SECRET,
  // ruleid: js.hardcoded-jwt-secret
  accessTokenSecret: "access-secret-2024",
  // ok: js.hardcoded-jwt-secret
  jwtExpiresIn: "1h",
  // ok: js.hardcoded-jwt-secret
  jwtSecretHint: "",
};

// ok: js.hardcoded-jwt-secret
const JWT_KEY = "<your-jwt-secret>";
// ok: js.hardcoded-jwt-secret
const jwtSecret = process.env.JWT_SECRET || "";

module.exports.keys = { JWT_KEY, jwtSecret };

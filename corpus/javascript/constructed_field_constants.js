// A field the constructor copies from its parameter holds what every `new Class(...)` of the file
// passes there: an algorithm or parser options fixed where the object is built.
const crypto = require("crypto");
const { parseXmlString } = require("libxmljs2");

class PasswordHasher {
  constructor(algorithm) {
    this.algorithm = algorithm;
  }

  digest(password, salt) {
    // ruleid: js.weak-hash
    return crypto.createHash(this.algorithm).update(salt + password).digest("hex");
  }
}

class TokenHasher {
  constructor(algorithm) {
    this.algorithm = algorithm;
  }

  digest(token) {
    // ok: js.weak-hash
    return crypto.createHash(this.algorithm).update(token).digest("hex");
  }
}

class ConfiguredHasher {
  constructor(algorithm) {
    this.algorithm = algorithm;
  }

  digest(value) {
    // ok: js.weak-hash
    return crypto.createHash(this.algorithm).update(value).digest("hex");
  }
}

const PARSE_OPTIONS = { dtdload: true, noent: true };
const SAFE_OPTIONS = { noent: false };

class FeedParser {
  constructor(options) {
    this.options = options;
  }

  parse(xml) {
    // ruleid: js.libxmljs-noent
    return parseXmlString(xml, this.options);
  }
}

class SafeFeedParser {
  constructor(options) {
    this.options = options;
  }

  parse(xml) {
    // ok: js.libxmljs-noent
    return parseXmlString(xml, this.options);
  }
}

module.exports = {
  legacy: new PasswordHasher("md5"),
  tokens: new TokenHasher("sha256"),
  configured: new ConfiguredHasher(process.env.HASH_ALGORITHM),
  feeds: new FeedParser(PARSE_OPTIONS),
  safeFeeds: new SafeFeedParser(SAFE_OPTIONS),
};

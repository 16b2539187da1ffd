// GraphQL resolvers: the second argument holds the operation's arguments, which the client wrote.
const axios = require("axios");
const fs = require("fs/promises");
const path = require("path");

const PROVIDERS = new Map([["github", "https://api.github.com"], ["gitlab", "https://gitlab.com/api/v4"]]);
const DOCS = "/srv/docs";

const resolvers = {
  Query: {
    async remoteStatus(_parent, args) {
      // ruleid: js.ssrf
      const r = await axios.get(args.url);
      return r.status;
    },
    async providerStatus(_parent, args) {
      const base = PROVIDERS.get(args.provider) ?? "https://api.github.com";
      // ok: js.ssrf
      const r = await axios.get(base);
      return r.status;
    },
    doc: async (_parent, { name }) => {
      // ruleid: js.path-traversal-request
      return fs.readFile(path.join(DOCS, name), "utf8");
    },
    docIndex: async (_parent, { name }) => {
      // ok: js.path-traversal-request
      return fs.readFile(path.join(DOCS, path.basename(name)), "utf8");
    },
  },
  Mutation: {
    importFeed: async function (_parent, { feedUrl }) {
      // ruleid: js.ssrf
      return (await axios.post(feedUrl)).status;
    },
  },
};

module.exports = { resolvers };

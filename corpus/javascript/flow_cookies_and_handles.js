// Cookies read through Koa and hapi, and files opened by descriptor or created as directories.
const Koa = require("koa");
const Hapi = require("@hapi/hapi");
const fs = require("fs");
const { MongoClient } = require("mongodb");

const app = new Koa();
const LOCALES = ["en", "de"];

app.use(async (ctx) => {
  const skin = ctx.cookies.get("skin");
  // ruleid: js.path-traversal-request
  ctx.body = fs.readFileSync(`/srv/skins/${skin}/style.css`);
});

app.use(async (ctx) => {
  const locale = ctx.cookies.get("locale");
  if (!LOCALES.includes(locale)) return;
  // ok: js.path-traversal-request
  ctx.body = fs.readFileSync(`/srv/locales/${locale}.json`);
});

const server = Hapi.server({ port: 8000 });
server.route({
  method: "GET",
  path: "/draft",
  handler: (request) => {
    const draft = request.state.draft;
    // ruleid: js.path-traversal-request
    const fd = fs.openSync("/var/drafts/" + draft, "r");
    return fs.readFileSync(fd);
  },
});
server.route({
  method: "GET",
  path: "/draft-latest",
  handler: (request) => {
    // ok: js.path-traversal-request
    const fd = fs.openSync("/var/drafts/latest", "r");
    return fs.readFileSync(fd, { encoding: "utf8" }) + (request.state.draft ? "" : "\n");
  },
});
server.route({
  method: "POST",
  path: "/albums",
  handler: async (request) => {
    // ruleid: js.path-traversal-request
    await fs.promises.mkdir("/srv/albums/" + request.payload.album, { recursive: true });
    const id = parseInt(request.payload.id, 10);
    // ok: js.path-traversal-request
    await fs.promises.mkdir("/srv/albums/" + id, { recursive: true });
    return "ok";
  },
});

const mongo = new MongoClient("mongodb://localhost:27017");
server.route({
  method: "POST",
  path: "/stats",
  handler: async (request) => {
    const orders = mongo.db("shop").collection("orders");
    // ruleid: js.nosql-operator-injection
    const custom = await orders.aggregate(request.payload.stages).toArray();
    // ok: js.nosql-operator-injection
    const fixed = await orders.aggregate([{ $group: { _id: "$status", n: { $sum: 1 } } }]).toArray();
    return { custom, fixed };
  },
});

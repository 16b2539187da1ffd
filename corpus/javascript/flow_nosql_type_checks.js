// A login filter built from the JSON body: an object such as `{"$ne": null}` in place of a string
// matches every account. `typeof x === "string"` (or the early return when it is not) keeps
// operator objects out; a check of another type, or of another value, does not.
const express = require("express");
const User = require("./models/user");

const app = express();
app.use(express.json());

app.post("/login", async (req, res) => {
  const { email, password } = req.body;
  if (typeof email !== "string" || typeof password !== "string") {
    return res.status(400).send("bad request");
  }
  // ok: js.nosql-operator-injection
  const user = await User.findOne({ email, password });
  res.json({ id: user && user.id });
});

app.post("/login-direct", async (req, res) => {
  if (typeof req.body.email !== "string") return res.sendStatus(400);
  // ok: js.nosql-operator-injection
  const user = await User.findOne({ email: req.body.email });
  res.json({ id: user && user.id });
});

app.post("/login-object", async (req, res) => {
  const { email } = req.body;
  if (typeof email !== "object") return res.sendStatus(400);
  // ruleid: js.nosql-operator-injection
  const user = await User.findOne({ email });
  res.json({ id: user && user.id });
});

app.post("/login-other", async (req, res) => {
  const { email, name } = req.body;
  if (typeof name !== "string") return res.sendStatus(400);
  // ruleid: js.nosql-operator-injection
  const user = await User.findOne({ email });
  res.json({ id: user && user.id, name });
});

app.post("/login-branch", async (req, res) => {
  const { email } = req.body;
  if (typeof email === "string") {
    // ok: js.nosql-operator-injection
    return res.json(await User.findOne({ email }));
  }
  // ruleid: js.nosql-operator-injection
  res.json(await User.findOne({ email }));
});

// A body checked against a schema first holds the schema's strings; a schema's name is not
// enough when the call only reads the body (`body.get`).
const { loginBody } = require("./schemas");
app.post("/login-schema", async (req, res) => {
  const parsed = loginBody.safeParse(req.body);
  if (!parsed.success) return res.sendStatus(400);
  // ok: js.nosql-operator-injection
  res.json(await User.findOne({ email: parsed.data.email }));
});

app.post("/login-unchecked", async (req, res) => {
  const body = new Map(Object.entries(req.body));
  // ruleid: js.nosql-operator-injection
  res.json(await User.findOne({ email: body.get("email") }));
});

// A string is still markup: the type check keeps operator objects out of a filter, not tags
// out of a page.
app.get("/search", (req, res) => {
  const term = typeof req.query.q === "string" ? req.query.q.trim() : "";
  // ruleid: js.xss-response
  res.send(`<h1>Results for ${term}</h1>`);
});

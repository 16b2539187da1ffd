const express = require("express");
const { MongoClient } = require("mongodb");

const app = express();
app.use(express.json());
const keys = new MongoClient(process.env.MONGO_URL).db("gateway").collection("api_keys");

app.get("/v1/usage", async (req, res) => {
  const presented = req.get("x-api-key");
  if (!presented) return res.sendStatus(401);
  // ok: js.nosql-operator-injection
  const key = await keys.findOne({ token: presented, revoked: false });
  res.json({ plan: key?.plan ?? "none" });
});

app.get("/v1/tenants/usage", async (req, res) => {
  const tenant = req.headers["x-tenant-id"];
  // ok: js.nosql-operator-injection
  const rows = await keys.find({ tenant: { $eq: tenant } }).toArray();
  res.json(rows.length);
});

app.post("/v1/keys/lookup", async (req, res) => {
  const { owner } = req.body;
  // ruleid: js.nosql-operator-injection
  const rows = await keys.find({ owner }).toArray();
  res.json(rows.map((r) => r.label));
});

app.get("/v1/keys/by-label", async (req, res) => {
  const label = req.query.label;
  const filter = { label, revoked: false };
  // ruleid: js.nosql-operator-injection
  res.json(await keys.countDocuments(filter));
});

app.listen(3000);

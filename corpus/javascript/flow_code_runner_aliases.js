const express = require("express");

const app = express();
app.use(express.json());

// Other names for the functions that run strings as code.
const evaluate = eval;
const globalEval = globalThis.eval;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;

app.get("/calc", (req, res) => {
  // ruleid: js.eval-dynamic
  res.send(String(evaluate(req.query.expr)));
});

app.get("/calc/global", (req, res) => {
  // ruleid: js.eval-dynamic
  res.send(String(globalEval(req.query.expr)));
});

app.post("/jobs", async (req, res) => {
  // ruleid: js.new-function-dynamic
  const job = new AsyncFunction("ctx", req.body.script);
  res.json(await job({}));
});

app.post("/steps", (req, res) => {
  const body = req.body.steps;
  // ruleid: js.new-function-dynamic
  const steps = new GeneratorFunction(body);
  res.json([...steps()]);
});

app.get("/version", (req, res) => {
  // ok: js.eval-dynamic
  res.send(String(evaluate("1 + 1")));
});

app.post("/jobs/fixed", async (req, res) => {
  // ok: js.new-function-dynamic
  const job = new AsyncFunction("ctx", "return ctx.total * 2;");
  res.json(await job(req.body));
});

// A function's constructor read from something else is not the Function family's.
const Widget = Object.getPrototypeOf(new Map()).constructor;
app.post("/widgets", (req, res) => {
  // ok: js.new-function-dynamic
  res.json(new Widget(req.body.entries));
});

module.exports = app;

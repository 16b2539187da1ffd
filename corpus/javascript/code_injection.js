// Express helpers for a "rules" feature: evaluating user formulas and filters.
const express = require("express");
const vm = require("vm");
const { runInNewContext } = require("node:vm");

const app = express();
app.use(express.json());

app.post("/api/calc", (req, res) => {
  const { expression } = req.body;
  try {
    // ruleid: js.eval-dynamic
    const result = eval(expression);
    res.json({ result });
  } catch (err) {
    res.status(400).json({ error: err.message });
  }
});

app.get("/api/legacy-config", (req, res) => {
  const raw = req.query.cfg;
  // ruleid: js.eval-dynamic
  const cfg = eval("(" + raw + ")");
  res.json(cfg);
});

// ok: js.eval-dynamic
const answer = eval("6 * 7");

function parseConfig(text) {
  // ok: js.eval-dynamic
  return JSON.parse(text);
}

// Evaluates a stored discount rule against an order.
function compileRule(rule) {
  // ruleid: js.new-function-dynamic
  return new Function("order", `return ${rule.condition};`);
}

function makeGetter(path) {
  // ruleid: js.new-function-dynamic
  return Function("obj", "return obj." + path);
}

// ok: js.new-function-dynamic
const add = new Function("a", "b", "return a + b");

// ok: js.new-function-dynamic
const identity = new Function("x", `return x;`);

app.post("/api/filter", (req, res) => {
  const sandbox = { item: req.body.item };
  // ruleid: js.vm-dynamic-code
  const keep = vm.runInNewContext(req.body.filter, sandbox, { timeout: 50 });
  res.json({ keep: Boolean(keep) });
});

function runPlugin(source) {
  // ruleid: js.vm-dynamic-code
  const script = new vm.Script(source, { filename: "plugin.js" });
  return script.runInNewContext({ console });
}

function evalTemplate(tpl, data) {
  // ruleid: js.vm-dynamic-code
  return runInNewContext("`" + tpl + "`", data);
}

// ok: js.vm-dynamic-code
const two = vm.runInNewContext("1 + 1", {});

// ok: js.vm-dynamic-code
const boot = new vm.Script("globalThis.ready = true;");

// ok: js.vm-dynamic-code
const rendered = boot.runInContext(vm.createContext({}));

module.exports = { app, compileRule, makeGetter, runPlugin, evalTemplate };

// A formula body built from a number only, and one built from the request.
function scaler(req) {
  const times = Number(req.query.times);
  // ok: js.new-function-dynamic
  const scale = new Function("v", "return v * " + times);
  // ruleid: js.new-function-dynamic
  const custom = new Function("v", "return " + req.query.expr);
  return [scale, custom];
}

// An old mathjs `eval` given the request's formula, and a fixed one.
const math = require("mathjs");
function quote(req) {
  // ruleid: js.eval-dynamic
  const total = math.eval(req.body.formula);
  // ok: js.eval-dynamic
  const tax = math.eval("19 / 100");
  return total * tax;
}

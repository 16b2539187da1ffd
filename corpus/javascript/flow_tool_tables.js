// An agent's tools picked by the name the model chose: from an object literal naming functions
// of the file (`{ lookupOrders }`), or from a `Map` of entries (`registry.get(name)`). Each tool
// the table holds gets the model's arguments.
const fs = require("fs");
const path = require("path");
const { Pool } = require("pg");
const OpenAI = require("openai");

const client = new OpenAI();
const pool = new Pool();
const ROOT = "/srv/workspace";

async function lookupOrders(args) {
  // ruleid: js.sql-injection-query
  const { rows } = await pool.query(`SELECT * FROM orders WHERE email = '${args.email}'`);
  return rows;
}

async function countOrders(args) {
  // ok: js.sql-injection-query
  const { rows } = await pool.query("SELECT count(*) FROM orders WHERE email = $1", [args.email]);
  return rows;
}

const handlers = { lookupOrders, countOrders };

function readWorkspaceFile(file) {
  // ruleid: js.path-traversal-request
  return fs.readFileSync(path.join(ROOT, file), "utf8");
}

function listWorkspace() {
  // ok: js.path-traversal-request
  return fs.readdirSync(path.join(ROOT, "shared"));
}

const registry = new Map([
  ["read_file", (args) => readWorkspaceFile(args.path)],
  ["list_dir", () => listWorkspace()],
]);

async function runTools(messages) {
  const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
  for (const call of completion.choices[0].message.tool_calls ?? []) {
    const args = JSON.parse(call.function.arguments);
    const handler = handlers[call.function.name];
    if (handler) {
      messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(await handler(args)) });
    }
    const tool = registry.get(call.function.name);
    messages.push({ role: "tool", tool_call_id: call.id, content: tool ? tool(args) : "unknown tool" });
  }
}

module.exports = { runTools };

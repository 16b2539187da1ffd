// Tool calls read off a chat completion's JSON and acted on.
const { exec } = require('child_process');

async function runToolCalls(message) {
  const results = [];
  for (const call of message.tool_calls || []) {
    const args = JSON.parse(call.function.arguments);
    if (call.function.name === 'fetch_page') {
      // ruleid: js.ssrf
      results.push(await (await fetch(args.url)).text());
    } else if (call.function.name === 'grep') {
      // ruleid: js.exec-command-interpolation
      exec(`grep -r ${args.pattern} /srv/docs`, (err, out) => results.push(out));
    }
  }
  return results;
}

async function health(message) {
  const steps = (message.steps || []).length;
  // ok: js.ssrf
  const res = await fetch('https://status.example.com/health');
  return `${steps} ${await res.text()}`;
}

module.exports = { runToolCalls, health };

// A Bull queue named for what it carries (`deliveries`, not `...Queue`): its processor's job was
// put there by another program, often straight from a request.
const Queue = require("bull");
const axios = require("axios");

const deliveries = new Queue("webhook-deliveries", "redis://127.0.0.1:6379");
const reports = new Queue("reports", "redis://127.0.0.1:6379");

deliveries.process(8, async (job) => {
  const { callbackUrl, body } = job.data;
  // ruleid: js.ssrf
  await axios.post(callbackUrl, body, { timeout: 10000 });
  // ok: js.ssrf
  await axios.post("https://audit.example.com/deliveries", { id: job.id });
});

reports.process(async function (job) {
  // ruleid: js.ssrf
  const res = await axios.get(job.data.sourceUrl);
  // ok: js.ssrf
  await axios.post("https://reports.example.com/ingest", res.data);
});

// Queue consumers: a job or message was put on the queue by another program, often a route
// that copied the request into it, so what the worker reads is as untrusted as the request.
const { Worker } = require("bullmq");
const { Kafka } = require("kafkajs");
const { SQSClient, ReceiveMessageCommand } = require("@aws-sdk/client-sqs");
const { execFile, exec } = require("child_process");
const fs = require("fs/promises");
const path = require("path");
const axios = require("axios");

const EXPORTS = "/srv/exports";

class Thumbnailer {
  constructor(binary) {
    this.binary = binary;
  }

  make(spec, done) {
    const command = `${this.binary} -resize ${spec.size} ${spec.source} /tmp/thumb.png`;
    // ruleid: js.exec-command-variable
    exec(command, done);
  }

  makeSafely(spec, done) {
    // ok: js.exec-command-variable
    execFile(this.binary, ["-resize", String(Number(spec.size)), "--", spec.source, "/tmp/thumb.png"], done);
  }
}

async function consumeThumbnails(channel) {
  const thumbs = new Thumbnailer("convert");
  channel.consume("thumbnails", (msg) => {
    const spec = JSON.parse(msg.content.toString());
    thumbs.make(spec, () => channel.ack(msg));
  });
}

new Worker("cleanup", async (job) => {
  const dir = path.join(EXPORTS, job.data.workspace);
  // ruleid: js.path-traversal-request
  await fs.rm(dir, { recursive: true, force: true });
});

new Worker("cleanup-by-id", async (job) => {
  const id = Number.parseInt(job.data.workspace, 10);
  // ok: js.path-traversal-request
  await fs.rm(path.join(EXPORTS, `ws-${id}`), { recursive: true, force: true });
});

function queueJobs(queue) {
  queue.process(async (job) => {
    // ruleid: js.ssrf
    const res = await axios.get(job.data.callbackUrl);
    return res.status;
  });
}

async function runConsumer() {
  const consumer = new Kafka({ brokers: ["kafka:9092"] }).consumer({ groupId: "imports" });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const order = JSON.parse(message.value.toString());
      // ruleid: js.ssrf
      await axios.post(order.notifyUrl, { id: order.id });
    },
  });
}

async function pollInvoices(sqs) {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: process.env.QUEUE_URL }));
  for (const m of out.Messages ?? []) {
    const invoice = JSON.parse(m.Body);
    // ruleid: js.ssrf
    await axios.get(invoice.logoUrl, { responseType: "arraybuffer" });
  }
}

async function drainRedis(redis) {
  const [, raw] = await redis.brpop("reports", 0);
  const report = JSON.parse(raw);
  // ruleid: js.path-traversal-request
  return fs.readFile(path.join(EXPORTS, report.file));
}

// A queue whose jobs only name a fixed report: nothing in them picks the URL.
new Worker("nightly", async (job) => {
  // ok: js.ssrf
  await axios.post("https://reports.internal.example.com/nightly", { date: new Date().toISOString() });
});

module.exports = { consumeThumbnails, queueJobs, runConsumer, pollInvoices, drainRedis, SQSClient };

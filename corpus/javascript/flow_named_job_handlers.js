// A queue's processor passed by name is a function of the file whose first parameter is the
// job (or message): as untrusted as one written in place.
'use strict';
const Queue = require('bull');
const amqp = require('amqplib');
const axios = require('axios');

const feedQueue = new Queue('feeds', process.env.REDIS_URL);
const statusQueue = new Queue('status', process.env.REDIS_URL);

async function pollFeed(job) {
  // ruleid: js.ssrf
  return axios.get(job.data.feedUrl, { timeout: 5000 });
}

async function pollStatus(job) {
  const page = Number(job.data.page) || 1;
  // ok: js.ssrf
  return axios.get(`https://status.example.com/api/feed?page=${page}`, { timeout: 5000 });
}

feedQueue.process(5, pollFeed);
statusQueue.process(pollStatus);

async function onMessage(msg) {
  const job = JSON.parse(msg.content.toString());
  // ruleid: js.ssrf
  await axios.post(job.callbackUrl, { done: true });
}

async function onTick(msg) {
  const count = parseInt(msg.content.toString(), 10);
  // ok: js.ssrf
  await axios.post('https://metrics.example.com/ticks', { count });
}

async function start() {
  const connection = await amqp.connect(process.env.AMQP_URL);
  const channel = await connection.createChannel();
  channel.consume('callbacks', onMessage);
  channel.consume('ticks', onTick);
}

start();

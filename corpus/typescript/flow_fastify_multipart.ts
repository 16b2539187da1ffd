// @fastify/multipart: the name of each uploaded part is the client's.
import Fastify from "fastify";
import multipart from "@fastify/multipart";
import { createWriteStream } from "fs";
import path from "path";
import { pipeline } from "stream/promises";

const app = Fastify();
app.register(multipart);
const UPLOADS = path.resolve("uploads");

app.post("/attachments", async (req, reply) => {
  for await (const part of req.files()) {
    const destination = path.join(UPLOADS, part.filename);
    // ruleid: js.path-traversal-request
    await pipeline(part.file, createWriteStream(destination));
  }
  return reply.code(201).send();
});

app.post("/attachments/named", async (req, reply) => {
  for await (const part of req.files()) {
    const destination = path.join(UPLOADS, path.basename(part.filename));
    // ok: js.path-traversal-request
    await pipeline(part.file, createWriteStream(destination));
  }
  return reply.code(201).send();
});

app.post("/avatar", async (req, reply) => {
  const data = await req.file();
  if (!data) return reply.code(400).send();
  // ruleid: js.path-traversal-request
  await pipeline(data.file, createWriteStream(path.join(UPLOADS, data.filename)));
  return reply.code(201).send();
});

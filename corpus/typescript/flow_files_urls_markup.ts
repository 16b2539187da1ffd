// Bun's file API and busboy uploads, typed.
import busboy from "busboy";
import { createWriteStream } from "node:fs";
import { basename, join } from "node:path";
import type { IncomingMessage } from "node:http";

const UPLOAD_ROOT = "/srv/uploads";

async function storeAttachment(ticket: string, file: File): Promise<number> {
  const folder = `${UPLOAD_ROOT}/${ticket.replace(/\D/g, "")}`;
  // ruleid: js.path-traversal-request
  await Bun.write(`${folder}/${file.name}`, file);
  // ok: js.path-traversal-request
  await Bun.write(join(folder, basename(file.name)), file);
  return file.size;
}

Bun.serve({
  port: 3001,
  async fetch(req) {
    const form = await req.formData();
    const file = form.get("file");
    if (!(file instanceof File)) {
      return new Response("bad request", { status: 400 });
    }
    const size = await storeAttachment(String(form.get("ticket") ?? ""), file);
    // ok: js.path-traversal-request
    const logo = Bun.file(join(UPLOAD_ROOT, "logo.png"));
    return Response.json({ size, logo: logo.size });
  },
});

export function receive(req: IncomingMessage): void {
  const bb = busboy({ headers: req.headers });
  bb.on("file", (field: string, stream: NodeJS.ReadableStream, info: { filename: string }) => {
    // ruleid: js.path-traversal-request
    stream.pipe(createWriteStream(join(UPLOAD_ROOT, info.filename)));
  });
  req.pipe(bb);
}

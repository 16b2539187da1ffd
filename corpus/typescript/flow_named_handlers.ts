// Express handlers written apart from their routes, destructuring the typed request.
import { Router, type Request, type Response } from "express";
import { execFile, exec } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";

async function traceroute({ query }: Request, res: Response) {
  // ruleid: js.exec-command-interpolation
  exec(`traceroute ${query.host}`, (_e, out) => res.send(out));
}

async function tracerouteSafe({ query }: Request, res: Response) {
  // ok: js.exec-command-interpolation
  execFile("traceroute", [String(query.host)], (_e, out) => res.send(out));
}

async function attachment({ params }: Request<{ name: string }>, res: Response) {
  // ruleid: js.path-traversal-request
  res.send(await readFile(path.join("/srv/attachments", params.name)));
}

async function attachmentSafe({ params }: Request<{ name: string }>, res: Response) {
  // ok: js.path-traversal-request
  res.send(await readFile(path.join("/srv/attachments", path.basename(params.name))));
}

const router = Router();
router.get("/trace", traceroute);
router.get("/trace-safe", tracerouteSafe);
router.get("/attachments/:name", attachment);
router.get("/attachments-safe/:name", attachmentSafe);
export default router;

import type { Request, Response, NextFunction } from "express";
import express from "express";
import cors from "cors";
import jwt, { JwtPayload } from "jsonwebtoken";
import { jwtDecode } from "jwt-decode";
import path from "node:path";
import fs from "node:fs/promises";

const app = express();
const FILES_DIR = path.resolve("storage");

// ruleid: js.cors-credentials-any-origin
app.use(cors({ credentials: true, origin: true }));

// ok: js.cors-credentials-any-origin
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));

// A callback that hands back whatever origin asked (or `true` when there is none).
// ruleid: js.cors-credentials-any-origin
app.use(cors({ origin: (origin, cb) => cb(null, origin ?? true), credentials: true }));

// ok: js.cors-credentials-any-origin
app.use(cors({ origin: (origin, cb) => cb(null, origin === "https://app.example.com"), credentials: true }));

app.use((req: Request, res: Response, next: NextFunction) => {
  // ruleid: js.cors-reflect-origin
  res.setHeader("Access-Control-Allow-Origin", req.headers["origin"] as string);
  next();
});

export function auth(req: Request, res: Response, next: NextFunction): void {
  const token = req.header("authorization")?.slice(7) ?? "";
  // ruleid: js.jwt-decode-as-auth
  (req as any).user = jwtDecode<JwtPayload>(token);
  // ruleid: js.jwt-decode-as-auth
  res.locals.user = jwt.decode(token) as JwtPayload;
  next();
}

export function verifyAuth(req: Request, res: Response, next: NextFunction): void {
  const token = req.header("authorization")?.slice(7) ?? "";
  // ok: js.jwt-decode-as-auth, js.jwt-none-algorithm
  res.locals.user = jwt.verify(token, process.env.JWT_PUBLIC_KEY as string, { algorithms: ["RS256"] });
  next();
}

export function legacyVerify(token: string): JwtPayload {
  // ruleid: js.jwt-none-algorithm, js.jwt-ignore-expiration
  return jwt.verify(token, "", { algorithms: ["none"], ignoreExpiration: true }) as JwtPayload;
}

export async function readDoc(req: Request, res: Response): Promise<void> {
  // ruleid: js.path-traversal-request
  const text = await fs.readFile(path.join(FILES_DIR, req.params.doc as string), "utf8");
  res.type("text/plain").send(text);
}

export async function readDocSafely(req: Request, res: Response): Promise<void> {
  const target = path.resolve(FILES_DIR, String(req.params.doc));
  if (!target.startsWith(FILES_DIR + path.sep)) {
    res.sendStatus(400);
    return;
  }
  // ok: js.path-traversal-request
  res.type("text/plain").send(await fs.readFile(target, "utf8"));
}

export function search(req: Request, res: Response): void {
  // ruleid: js.regexp-from-request
  const pattern = new RegExp(req.query.q as string, "gi");
  // ok: js.regexp-from-request
  const literal = new RegExp("^[a-z0-9-]+$", "i");
  res.json({ valid: literal.test(String(req.query.q)), source: pattern.source });
}

export function finishLogin(req: Request, res: Response): void {
  // ruleid: js.open-redirect
  res.redirect(req.body.redirectUrl as string);
}

export function finishLoginSafely(req: Request, res: Response): void {
  const target = String(req.body.redirectUrl ?? "/");
  // ok: js.open-redirect
  res.redirect(target.startsWith("/") && !target.startsWith("//") ? target : "/");
}

export function setPrefs(req: Request, res: Response): void {
  // ruleid: js.insecure-cookie-flags
  res.cookie("session", req.body.session, { secure: false, httpOnly: true });
  // ok: js.insecure-cookie-flags
  res.cookie("session", req.body.session, { secure: true, httpOnly: true, sameSite: "strict" });
}

export default app;

// Express middleware that reads the bearer token: decoding is not verifying.
import jwt from "jsonwebtoken";
import type { NextFunction, Request, Response } from "express";

const JWT_PUBLIC_KEY = process.env.JWT_PUBLIC_KEY as string;

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  // ruleid: js.jwt-decode-as-auth
  const payload = jwt.decode(token) as { role?: string } | null;
  if (payload?.role === "admin") {
    return next();
  }
  return res.status(403).json({ error: "forbidden" });
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  // ruleid: js.jwt-decode-as-auth
  const claims: any = jwt.decode(token);
  if (!claims) {
    return res.status(401).end();
  }
  (req as any).userId = claims.sub;
  next();
}

export function requireAdminVerified(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  try {
    // ok: js.jwt-decode-as-auth
    const payload = jwt.verify(token, JWT_PUBLIC_KEY, { algorithms: ["RS256"] }) as { role?: string };
    if (payload.role === "admin") return next();
  } catch {
    // fall through
  }
  return res.status(403).json({ error: "forbidden" });
}

export function verifyWithKeyId(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  // ok: js.jwt-decode-as-auth
  const header = jwt.decode(token, { complete: true })?.header;
  const key = header?.kid === "2024" ? JWT_PUBLIC_KEY : "";
  const payload = jwt.verify(token, key) as { role?: string };
  if (payload.role !== "admin") return res.status(403).end();
  next();
}

export function logTokenSubject(req: Request) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  // ok: js.jwt-decode-as-auth
  const claims = jwt.decode(token) as { sub?: string } | null;
  console.info("request from", claims?.sub ?? "anonymous");
}

import https from "node:https";
import tls, { type PeerCertificate } from "node:tls";
import { readFileSync } from "node:fs";
import { Pool } from "pg";
import WebSocket from "ws";
import libxmljs from "libxmljs";
import jwt from "jsonwebtoken";

// Database on a managed host with a self-signed chain.
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ruleid: js.tls-reject-unauthorized
  ssl: { rejectUnauthorized: false },
});

// ok: js.tls-reject-unauthorized
export const verifiedPool = new Pool({ ssl: { ca: readFileSync("rds-ca.pem", "utf8"), rejectUnauthorized: true } });

export function openFeed(url: string): WebSocket {
  const options: https.RequestOptions = { headers: { "x-client": "feed" } };
  // ruleid: js.tls-reject-unauthorized
  (options as tls.ConnectionOptions).rejectUnauthorized = false;
  return new WebSocket(url, options);
}

export function connect(host: string): tls.TLSSocket {
  return tls.connect({
    host,
    port: 5671,
    // ruleid: js.check-server-identity-noop
    checkServerIdentity: (): Error | undefined => undefined,
  });
}

export function connectWithPin(host: string, pin: string): tls.TLSSocket {
  const opts: tls.ConnectionOptions = { host, port: 5671 };
  // ok: js.check-server-identity-noop
  opts.checkServerIdentity = (name: string, cert: PeerCertificate) =>
    tls.checkServerIdentity(name, cert) ?? (cert.fingerprint256 === pin ? undefined : new Error("pin"));
  // ruleid: js.check-server-identity-noop
  opts.checkServerIdentity = () => {};
  return tls.connect(opts);
}

export function devBootstrap(): void {
  if (process.env.ALLOW_SELF_SIGNED) {
    // ruleid: js.tls-reject-env
    process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
  }
  // ok: js.tls-reject-env
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
}

export function parseInvoice(xml: string): libxmljs.Document {
  // ruleid: js.libxmljs-noent
  return libxmljs.parseXmlString(xml, { noent: true, dtdload: true });
}

export function parseInvoiceSafely(xml: string): libxmljs.Document {
  // ok: js.libxmljs-noent
  return libxmljs.parseXmlString(xml, { nonet: true });
}

export function verifyLongLived(token: string): string | jwt.JwtPayload {
  // ok: js.jwt-ignore-expiration
  return jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ["HS512"], maxAge: "30d" });
}

export function corsHeaders(origin: string, allowed: string[]): Record<string, string> {
  // ok: js.cors-reflect-origin
  return allowed.includes(origin) ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {};
}

export function reflectAll(req: { headers: Record<string, string> }): Record<string, string> {
  // ruleid: js.cors-reflect-origin
  return { "Access-Control-Allow-Origin": req.headers.origin, "Access-Control-Allow-Credentials": "true" };
}

// jose takes its HMAC key as bytes: a literal encoded in place is a key in the source.
import { SignJWT, jwtVerify } from "jose";

const encoder = new TextEncoder();
const SESSION_KEY = encoder.encode("f3b1c9e27a4d8e6b0c5f1a9d2e7b4c8a");
const ENV_KEY = encoder.encode(process.env.SESSION_KEY ?? "");

export async function issue(userId: string): Promise<string> {
  // ruleid: js.hardcoded-jwt-secret
  return new SignJWT({ sub: userId }).setProtectedHeader({ alg: "HS256" }).sign(SESSION_KEY);
}

export async function issueFromEnv(userId: string): Promise<string> {
  // ok: js.hardcoded-jwt-secret
  return new SignJWT({ sub: userId }).setProtectedHeader({ alg: "HS256" }).sign(ENV_KEY);
}

export async function read(token: string) {
  // ruleid: js.hardcoded-jwt-secret
  const { payload } = await jwtVerify<{ sub: string }>(token, SESSION_KEY, { algorithms: ["HS256"] });
  return payload.sub;
}

export async function readFromEnv(token: string) {
  // ok: js.hardcoded-jwt-secret
  const { payload } = await jwtVerify(token, ENV_KEY, { algorithms: ["HS256"] });
  return payload.sub;
}

// ruleid: any.generic-secret-assignment
export const WEBHOOK_SECRET = new TextEncoder().encode("Qm7vZ2kR9xT4pL1wN8cB5yH3");
// ok: any.generic-secret-assignment
export const SIGNING_KEY = new TextEncoder().encode(process.env.SIGNING_KEY ?? "");

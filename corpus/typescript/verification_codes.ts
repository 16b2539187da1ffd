// One-time codes for sign-in and password reset, next to random numbers that are not secrets.
import { randomInt } from "crypto";

export function createVerificationCode(): string {
  // ruleid: js.insecure-random-secret
  const code = Math.floor(Math.random() * 1000000).toString().padStart(6, "0");
  return code;
}

export async function emailLogin(email: string, mailer: { send(to: string, body: string): Promise<void> }) {
  // ruleid: js.insecure-random-secret
  const code = String(Math.floor(100000 + Math.random() * 900000));
  await mailer.send(email, `Your login code is ${code}`);
  return code;
}

export function createVerificationCodeSecurely(): string {
  // ok: js.insecure-random-secret
  const code = randomInt(0, 1000000).toString().padStart(6, "0");
  return code;
}

export function pickTheme(themes: string[]): string {
  // ok: js.insecure-random-secret
  const code = themes[Math.floor(Math.random() * themes.length)];
  return code;
}

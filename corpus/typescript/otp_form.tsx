import { useState } from "react";

export function OtpDemo() {
  // ruleid: js.insecure-random-secret
  const [otp] = useState(() => String(Math.floor(Math.random() * 1_000_000)));
  // ok: js.insecure-random-secret
  const [seed] = useState(() => Math.random());
  return <p data-seed={seed}>Your code is {otp}</p>;
}

export function createInvite(email: string) {
  const rnd = Math.random();
  // ruleid: js.insecure-random-secret
  const code = rnd.toString(36).slice(2, 12).toUpperCase();
  return { email, code };
}

export function tileColor() {
  const rnd = Math.random();
  // ok: js.insecure-random-secret
  const code = rnd.toString(16).slice(2, 8);
  return `#${code}`;
}

export function issueResetToken(userId: string) {
  const seed = Math.random();
  // ruleid: js.insecure-random-secret
  const resetToken = seed.toString(36).slice(2);
  return { userId, resetToken };
}

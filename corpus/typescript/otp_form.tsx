import { useState } from "react";

export function OtpDemo() {
  // ruleid: js.insecure-random-secret
  const [otp] = useState(() => String(Math.floor(Math.random() * 1_000_000)));
  // ok: js.insecure-random-secret
  const [seed] = useState(() => Math.random());
  return <p data-seed={seed}>Your code is {otp}</p>;
}

// A TypeScript utility module with legacy hashing and a sandbox runner.
// ruleid: js.weak-hash-package
import md5 from "md5";
// ok: js.weak-hash-package
import { createHash } from "crypto";
// ruleid: js.vm2-sandbox
import { NodeVM } from "vm2";
// ok: js.vm2-sandbox
import ivm from "isolated-vm";

export function legacyId(value: string): string {
  return md5(value) + createHash("sha256").update(value).digest("hex");
}

export function runPlugin(code: string, token: string, user: { apiKey: string }): unknown {
  // ruleid: js.log-secret
  console.debug(`plugin token ${token} for key ${user.apiKey}`);
  // ok: js.log-secret
  console.debug(`plugin size ${code.length}`);
  return new NodeVM().run(code) ?? new ivm.Isolate();
}

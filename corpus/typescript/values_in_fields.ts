// Settings held in class fields, constant objects and named imports.
import { createCipheriv, createHash, randomBytes } from "crypto";
import { writeFile } from "fs/promises";
import https from "https";
import { parseXmlString } from "libxmljs2";
import { tmpdir } from "os";
import { join } from "path";

const ALGORITHMS = { fast: "rc4", strong: "aes-256-gcm" };
const verifyCerts = false;
const verifyUpstream = process.env.TLS_VERIFY !== "0";

export class FeedParser {
  private readonly options = { noent: true, dtdload: true };
  private readonly safeOptions = { noent: false };

  parse(xml: string) {
    // ruleid: js.libxmljs-noent
    return parseXmlString(xml, this.options);
  }

  parseSafely(xml: string) {
    // ok: js.libxmljs-noent
    return parseXmlString(xml, this.safeOptions);
  }
}

export class PasswordStore {
  private algo = "sha256";

  hash(password: string): string {
    // ruleid: js.fast-password-hash
    return createHash(this.algo).update(password).digest("hex");
  }

  fingerprint(document: string): string {
    // ok: js.fast-password-hash
    return createHash(this.algo).update(document).digest("hex");
  }
}

export function encryptFast(key: Buffer, data: Buffer): Buffer {
  // ruleid: js.weak-cipher
  const cipher = createCipheriv(ALGORITHMS.fast, key, null);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

export function encryptStrong(key: Buffer, data: Buffer): Buffer {
  // ok: js.weak-cipher
  const cipher = createCipheriv(ALGORITHMS.strong, key, randomBytes(12));
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

// ruleid: js.tls-reject-unauthorized
export const insecureAgent = new https.Agent({ rejectUnauthorized: verifyCerts });
// ok: js.tls-reject-unauthorized
export const upstreamAgent = new https.Agent({ rejectUnauthorized: verifyUpstream });

export async function cacheReport(csv: string): Promise<void> {
  // ruleid: js.insecure-temp-path
  await writeFile(join(tmpdir(), "report-cache.csv"), csv);
  // ok: js.insecure-temp-path
  await writeFile(join("/srv/reports", "report-cache.csv"), csv);
}

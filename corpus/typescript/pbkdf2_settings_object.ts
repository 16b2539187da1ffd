// PBKDF2 parameters kept in a settings object.
import { pbkdf2Sync } from "crypto";

const LEGACY_KDF = { salt: "static", iterations: 1000, keylen: 32, digest: "sha256" };
const KDF = { iterations: 600_000, keylen: 32, digest: "sha256" };

export function legacyDerive(password: string): Buffer {
  // ruleid: js.pbkdf2-low-iterations
  return pbkdf2Sync(password, LEGACY_KDF.salt, LEGACY_KDF.iterations, LEGACY_KDF.keylen, LEGACY_KDF.digest);
}

export function derive(password: string, salt: Buffer): Buffer {
  // ok: js.pbkdf2-low-iterations
  return pbkdf2Sync(password, salt, KDF.iterations, KDF.keylen, KDF.digest);
}

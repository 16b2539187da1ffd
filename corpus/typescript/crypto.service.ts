import * as crypto from "node:crypto";
import { createCipheriv } from "node:crypto";
import { Injectable } from "@nestjs/common";

@Injectable()
export class CryptoService {
  private readonly key: Buffer = crypto.scryptSync(process.env.DATA_KEY ?? "", "accounts", 32);

  hashForLookup(email: string): string {
    // ruleid: js.weak-hash
    return crypto.createHash("MD5").update(email.toLowerCase()).digest("hex");
  }

  etag(body: Buffer): string {
    // ok: js.weak-hash
    return crypto.createHash("sha256").update(body).digest("base64url");
  }

  seal(plain: string): string {
    // ruleid: js.cipher-static-iv
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, Buffer.from("000000000000", "utf8"));
    return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]).toString("hex");
  }

  sealZeroIv(plain: string): string {
    // ruleid: js.cipher-static-iv
    const cipher = crypto.createCipheriv("aes-256-cbc", this.key, new Uint8Array(16));
    return cipher.update(plain, "utf8", "hex") + cipher.final("hex");
  }

  sealProperly(plain: string): { iv: string; tag: string; data: string } {
    const iv: Buffer = crypto.randomBytes(12);
    // ok: js.cipher-static-iv, js.weak-cipher
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return { iv: iv.toString("hex"), tag: cipher.getAuthTag().toString("hex"), data: data.toString("hex") };
  }

  legacyCard(pan: string, key24: Buffer, iv8: Buffer): string {
    // ruleid: js.weak-cipher
    const cipher = crypto.createCipheriv("des-ede3-cbc", key24, iv8);
    return cipher.update(pan, "utf8", "hex") + cipher.final("hex");
  }

  stream(key: Buffer): crypto.Cipher {
    // ruleid: js.weak-cipher
    return crypto.createCipheriv("rc4", key, "");
  }

  chacha(key: Buffer, nonce: Buffer): crypto.Cipher {
    // ok: js.weak-cipher
    return crypto.createCipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
  }

  legacyOpen(hex: string): string {
    // ruleid: js.create-cipher-no-iv
    const d = crypto.createDecipher("aes192", process.env.DATA_KEY as string);
    return d.update(hex, "hex", "utf8") + d.final("utf8");
  }

  modernOpen(hex: string, iv: Buffer): string {
    // ok: js.create-cipher-no-iv
    const d = crypto.createDecipheriv("aes-256-cbc", this.key, iv);
    return d.update(hex, "hex", "utf8") + d.final("utf8");
  }

  // ruleid: js.insecure-random-secret
  generateApiKey(): string { return "sk_" + Math.random().toString(36).slice(2, 14); }

  // ok: js.insecure-random-secret
  generateApiKeySafely(): string { return "sk_" + crypto.randomBytes(24).toString("base64url"); }
}

// ok: js.create-cipher-no-iv
export const cipherFactory = { createCipher: (name: string) => ({ name }) };

export function randomUuid(): string {
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    // ruleid: js.insecure-random-secret
    const r = (Math.random() * 16) | 0;
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });
}

export const makeNonce = (): string =>
  // ruleid: js.insecure-random-secret
  Math.random().toString(36).slice(2);

// ok: js.insecure-random-secret
export const sampleIndex = (n: number): number => Math.floor(Math.random() * n);

// ok: js.insecure-random-secret
export const nonce: string = crypto.randomUUID();

export class ShareLinkCodec {
  private static readonly ALGO = "aes-256-ecb";
  private static readonly SEALED = "aes-256-gcm";

  constructor(private readonly key: Buffer) {}

  seal(text: string): Buffer {
    // ruleid: js.weak-cipher
    const cipher = createCipheriv(ShareLinkCodec.ALGO, this.key, null);
    return Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  }

  sealWithIv(text: string, iv: Buffer): Buffer {
    // ok: js.weak-cipher
    const cipher = createCipheriv(ShareLinkCodec.SEALED, this.key, iv);
    return Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  }
}

// Digest algorithms kept in a class's fields.
import { createHash } from "crypto";

export class LegacyPasswordHasher {
  private algo = "sha1";

  hash(password: string, salt: string): string {
    // ruleid: js.weak-hash
    return createHash(this.algo).update(salt + password).digest("hex");
  }
}

export class ConfigurableHasher {
  constructor(private readonly algorithm: string = "md5") {}

  hash(value: string): string {
    // ruleid: js.weak-hash
    return createHash(this.algorithm).update(value).digest("hex");
  }
}

export class DefaultedHasher {
  algorithm: string;

  constructor(algorithm = "sha1") {
    this.algorithm = algorithm;
  }

  hash(value: string): string {
    // ruleid: js.weak-hash
    return createHash(this.algorithm).update(value).digest("hex");
  }
}

export class ModernHasher {
  private algo = "sha256";

  hash(value: string): string {
    // ok: js.weak-hash
    return createHash(this.algo).update(value).digest("hex");
  }
}

export class InjectedHasher {
  constructor(private readonly algorithm: string) {}

  hash(value: string): string {
    // ok: js.weak-hash
    return createHash(this.algorithm).update(value).digest("hex");
  }
}

export class SwitchingHasher {
  private algo = "sha256";

  useLegacy(enabled: boolean, configured: string): void {
    this.algo = enabled ? configured : "sha512";
  }

  hash(value: string): string {
    // ok: js.weak-hash
    return createHash(this.algo).update(value).digest("hex");
  }
}

// A field holding an enum member: the algorithm the enum declares for it.
enum HashAlgo {
  Legacy = "sha1",
  Modern = "sha256",
}

export class ApiKeyDigests {
  private readonly algo: HashAlgo = HashAlgo.Legacy;
  private readonly current: HashAlgo = HashAlgo.Modern;

  legacy(password: string): string {
    // ruleid: js.weak-hash
    return createHash(this.algo).update(password).digest("hex");
  }

  modern(apiKey: string): string {
    // ok: js.weak-hash
    return createHash(this.current).update(apiKey).digest("hex");
  }
}

// A migration's own list, walked and joined into its DDL: reading the field with `map` or
// `slice` changes nothing it holds. Built from a method's argument it is no constant.
export class OrderStatusMigration {
  private readonly statuses = ["pending", "paid", "shipped"] as const;
  private columns = ["id", "status"];

  async up(runner: { query(sql: string): Promise<void> }): Promise<void> {
    const values = this.statuses.map((s) => `'${s}'`).join(", ");
    // ok: js.sql-injection-query
    await runner.query(`CREATE TYPE "order_status" AS ENUM (${values})`);
    const first = this.statuses.slice(0, 1).join(", ");
    // ok: js.sql-injection-query
    await runner.query(`UPDATE orders SET status = '${first}' WHERE status IS NULL`);
  }

  widen(runner: { query(sql: string): Promise<void> }, extra: string): Promise<void> {
    this.columns = this.columns.concat(extra);
    const list = this.columns.map((c) => `"${c}"`).join(", ");
    // ruleid: js.sql-injection-query
    return runner.query(`SELECT ${list} FROM orders`);
  }
}

// Argon2's memory cost is its defence against GPUs: a few MiB is too little.
import * as argon2 from 'argon2';

const CHEAP_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 1024,
  timeCost: 1,
};

const OWASP_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
};

export async function hashCheap(password: string): Promise<string> {
  // ruleid: js.argon2-low-memory
  return argon2.hash(password, { memoryCost: 4096, timeCost: 3 });
}

export async function hashFromConstant(password: string): Promise<string> {
  // ruleid: js.argon2-low-memory
  return argon2.hash(password, CHEAP_OPTIONS);
}

export async function hashDefault(password: string): Promise<string> {
  // ok: js.argon2-low-memory
  return argon2.hash(password);
}

export async function hashOwasp(password: string): Promise<string> {
  // ok: js.argon2-low-memory
  return argon2.hash(password, OWASP_OPTIONS);
}

export async function hashInline(password: string): Promise<string> {
  // ok: js.argon2-low-memory
  return argon2.hash(password, { memoryCost: 65536 });
}

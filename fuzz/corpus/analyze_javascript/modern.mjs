import { readFile } from "node:fs/promises";
import * as cp from "node:child_process";

export default async function handler({ query: { file = "" } = {} }, ...rest) {
  const data = await readFile(`./uploads/${file}`);
  const { stdout } = cp.execSync?.(`cat ${file}`) ?? {};
  class A extends B { #priv = 1; static { this.x = 2; } get y() { return this.#priv; } }
  label: for (const [k, v] of Object.entries(rest)) { if (k) continue label; }
  return <App data={data} onClick={() => eval(stdout)} />;
}

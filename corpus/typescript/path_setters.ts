// A typed path setter behind a NestJS controller, and one written with reduce.
import { Body, Controller, Patch } from "@nestjs/common";

const config: Record<string, unknown> = {};

function setByPath(obj: any, path: string, value: unknown): void {
  const parts = path.split(".");
  let current = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    current[parts[i]] = current[parts[i]] ?? {};
    current = current[parts[i]];
  }
  // ruleid: js.prototype-pollution-path-setter
  current[parts[parts.length - 1]] = value;
}

function setInMap(store: Map<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let target = store.get(parts[0]) as Record<string, unknown> | undefined;
  if (!target) return;
  target = target[parts[1]] as Record<string, unknown>;
  // ok: js.prototype-pollution-path-setter
  store.set(path, value);
}

@Controller("config")
export class ConfigController {
  @Patch()
  update(@Body() body: { path: string; value: unknown }) {
    setByPath(config, body.path, body.value);
    setInMap(new Map(), body.path, body.value);
    return config;
  }
}

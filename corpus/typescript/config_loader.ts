import yaml from "js-yaml";
import jsTypes from "js-yaml-js-types";
import * as serialize from "node-serialize";
import { readFile } from "node:fs/promises";

export interface WorkflowFile {
  name: string;
  steps: Array<{ run: string }>;
}

const extended = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);

export async function loadWorkflow(path: string): Promise<WorkflowFile> {
  const text = await readFile(path, "utf8");
  // ruleid: js.yaml-unsafe-schema
  return yaml.load(text, { schema: extended.extend(jsTypes.all) }) as WorkflowFile;
}

export function parseUpload(body: string): unknown {
  // ruleid: js.yaml-unsafe-schema
  return yaml.load(body, { json: true, "schema": yaml.DEFAULT_FULL_SCHEMA });
}

export function parseSafe(body: string): unknown {
  // ok: js.yaml-unsafe-schema
  return yaml.load(body, { schema: yaml.JSON_SCHEMA });
}

// ok: js.yaml-unsafe-schema
export const empty = yaml.load("{}");

export function fromCookie(value: string): Record<string, unknown> {
  // ruleid: js.unsafe-deserialization
  return serialize.unserialize(decodeURIComponent(value));
}

export function fromCookieSafely(value: string): Record<string, unknown> {
  // ok: js.unsafe-deserialization
  return JSON.parse(decodeURIComponent(value)) as Record<string, unknown>;
}

export function loadUnsafe(doc: string): unknown {
  // ruleid: js.yaml-unsafe-schema
  return yaml.unsafeLoad(doc);
}

export function loadDefaults(): unknown {
  // ok: js.yaml-unsafe-schema
  return yaml.unsafeLoad("retries: 3");
}

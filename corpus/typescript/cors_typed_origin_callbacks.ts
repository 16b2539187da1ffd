// CORS origin callbacks written with TypeScript parameter types: one that accepts every origin
// together with credentials, one that checks an allow-list.
import cors from "cors";
import express from "express";

const app = express();
const ALLOWED = new Set(["https://app.example.com"]);

app.use(
  // ruleid: js.cors-credentials-any-origin
  cors({
    origin: (origin: string | undefined, cb: (err: Error | null, allow?: boolean) => void) => cb(null, true),
    credentials: true,
  }),
);

app.use(
  "/api",
  // ok: js.cors-credentials-any-origin
  cors({
    origin: (origin: string | undefined, cb: (err: Error | null, allow?: boolean) => void) =>
      cb(null, origin !== undefined && ALLOWED.has(origin)),
    credentials: true,
  }),
);

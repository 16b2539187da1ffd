// A tRPC router: each procedure's `input` is what the client sent, checked for shape by zod but not
// for content; twins read a constant file or call a fixed endpoint.
import { initTRPC } from "@trpc/server";
import { z } from "zod";
import { readFile } from "node:fs/promises";
import path from "node:path";

const t = initTRPC.create();
const DOCS = path.join(__dirname, "docs");
const STATUS_URL = "https://status.example.com/api/summary";

export const docsRouter = t.router({
  page: t.procedure.input(z.object({ slug: z.string() })).query(async ({ input }) => {
    // ruleid: js.path-traversal-request
    return readFile(path.join(DOCS, `${input.slug}.md`), "utf8");
  }),
  pageSafe: t.procedure.input(z.object({ slug: z.string() })).query(async ({ input }) => {
    // ok: js.path-traversal-request
    return readFile(path.join(DOCS, `${path.basename(input.slug)}.md`), "utf8");
  }),
  preview: t.procedure.input(z.string().url()).mutation(async ({ input }) => {
    // ruleid: js.ssrf
    const page = await fetch(input);
    return page.text();
  }),
  status: t.procedure.input(z.string()).query(async ({ input }) => {
    // ok: js.ssrf
    const page = await fetch(`${STATUS_URL}?component=${encodeURIComponent(input)}`);
    return page.json();
  }),
  // The input taken apart where it arrives.
  chapter: t.procedure
    .input(z.object({ book: z.string(), chapter: z.number().int() }))
    .query(async ({ input: { book, chapter = 1 } }) => {
      // ruleid: js.path-traversal-request
      return readFile(path.join(DOCS, book, `chapter-${chapter}.md`), "utf8");
    }),
  chapterSafe: t.procedure
    .input(z.object({ book: z.string(), chapter: z.number().int() }))
    .query(async ({ input: { book } }) => {
      // ok: js.path-traversal-request
      return readFile(path.join(DOCS, path.basename(book), "contents.md"), "utf8");
    }),
});

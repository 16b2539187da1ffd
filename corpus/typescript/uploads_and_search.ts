// express-fileupload uploads moved by their client-given name, and search text used as a pattern.
import express from "express";
import fileUpload, { UploadedFile } from "express-fileupload";
import path from "path";

const app = express();
app.use(fileUpload());
const DOCS = ["alpha report", "beta notes"];

app.post("/upload", async (req, res) => {
  const doc = req.files!.document as UploadedFile;
  // ruleid: js.path-traversal-request
  await doc.mv(path.join(__dirname, "uploads", doc.name));
  // ok: js.path-traversal-request
  await doc.mv(path.join(__dirname, "uploads", `${Date.now()}.bin`));
  res.sendStatus(201);
});

app.get("/search", (req, res) => {
  const needle = req.query.q as string;
  // ruleid: js.regexp-from-request
  const hits = DOCS.filter((d) => d.match(needle));
  // ok: js.regexp-from-request
  const exact = DOCS.filter((d) => d.includes(needle));
  // ok: js.regexp-from-request
  const words = DOCS.filter((d) => d.match(/\w+/));
  res.json({ hits, exact, words });
});

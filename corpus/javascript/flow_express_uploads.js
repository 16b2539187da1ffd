// Express routes that destructure the request in their parameters and move multer uploads: the
// client's file name and body fields reach the file system and outgoing requests.
const express = require("express");
const multer = require("multer");
const fs = require("fs");
const path = require("path");
const axios = require("axios");

const router = express.Router();
const upload = multer({ dest: "/tmp/uploads" });
const AVATARS = path.join(__dirname, "public", "avatars");
const HOOK_URL = "https://hooks.example.com/notify";

router.post("/avatar", upload.single("avatar"), (req, res) => {
  const target = path.join(AVATARS, req.file.originalname);
  // ruleid: js.path-traversal-request
  fs.renameSync(req.file.path, target);
  res.json({ ok: true });
});

router.post("/avatar-safe", upload.single("avatar"), (req, res) => {
  const target = path.join(AVATARS, path.basename(req.file.originalname));
  // ok: js.path-traversal-request
  fs.renameSync(req.file.path, target);
  res.json({ ok: true });
});

router.post("/avatar-stored", upload.single("avatar"), (req, res) => {
  // ok: js.path-traversal-request
  fs.copyFileSync(req.file.path, path.join(AVATARS, `${req.file.filename}.png`));
  res.json({ ok: true });
});

router.post("/webhooks/test", async ({ body }, res) => {
  const { callbackUrl, payload } = body;
  // ruleid: js.ssrf
  const reply = await axios.post(callbackUrl, payload);
  res.json({ status: reply.status });
});

router.post("/webhooks/notify", async ({ body }, res) => {
  const { payload } = body;
  // ok: js.ssrf
  const reply = await axios.post(HOOK_URL, payload);
  res.json({ status: reply.status });
});

router.get("/files/:name", function ({ params }, res) {
  // ruleid: js.path-traversal-request
  res.sendFile(path.join(AVATARS, params.name));
});

module.exports = router;

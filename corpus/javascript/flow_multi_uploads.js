// Several uploads at once: multer's `upload.array` and express-fileupload's `req.files.<field>`.
const express = require("express");
const fileUpload = require("express-fileupload");
const multer = require("multer");
const fs = require("fs");
const path = require("path");

const app = express();
const upload = multer({ dest: "/tmp/incoming" });
const GALLERY = path.join(__dirname, "public", "gallery");
app.use(fileUpload());

app.post("/gallery", upload.array("photos", 12), (req, res) => {
  for (let i = 0; i < req.files.length; i++) {
    const target = path.join(GALLERY, req.files[i].originalname);
    // ruleid: js.path-traversal-request
    fs.renameSync(req.files[i].path, target);
  }
  res.json({ count: req.files.length });
});

app.post("/gallery-safe", upload.array("photos", 12), (req, res) => {
  for (let i = 0; i < req.files.length; i++) {
    const target = path.join(GALLERY, `${Date.now()}-${i}.jpg`);
    // ok: js.path-traversal-request
    fs.renameSync(req.files[i].path, target);
  }
  res.json({ count: req.files.length });
});

app.post("/avatar", (req, res) => {
  // ruleid: js.path-traversal-request
  req.files.avatar.mv(path.join(__dirname, "uploads", req.files.avatar.name));
  res.send("uploaded");
});

app.post("/avatar-safe", (req, res) => {
  const name = path.basename(req.files.avatar.name);
  // ok: js.path-traversal-request
  req.files.avatar.mv(path.join(__dirname, "uploads", name));
  res.send("uploaded");
});

app.post("/documents", (req, res) => {
  const doc = req.files.document;
  // ruleid: js.path-traversal-request
  fs.writeFileSync("/srv/documents/" + req.files.document.name, doc.data);
  // ok: js.path-traversal-request
  fs.readFileSync(doc.tempFilePath);
  res.send("stored");
});

// The upload put in a variable first: its `name` is still the client's, its `tempFilePath` and
// `data` are not paths the client chose.
app.post("/banner", async (req, res) => {
  const banner = req.files.banner;
  // ruleid: js.path-traversal-request
  await banner.mv(path.join(__dirname, "public/banners", banner.name));
  // ok: js.path-traversal-request
  fs.copyFileSync(banner.tempFilePath, path.join(__dirname, "public/banners/latest.png"));
  res.send("ok");
});

app.post("/banner-safe", async (req, res) => {
  const banner = req.files.banner;
  // ok: js.path-traversal-request
  await banner.mv(path.join(__dirname, "public/banners", path.basename(banner.name)));
  res.send("ok");
});

app.post("/resume", upload.single("resume"), (req, res) => {
  const resume = req.file;
  // ruleid: js.path-traversal-request
  fs.renameSync(resume.path, path.join("/srv/resumes", resume.originalname));
  // ok: js.path-traversal-request
  fs.renameSync(resume.path, path.join("/srv/resumes", `${resume.filename}.pdf`));
  res.sendStatus(201);
});

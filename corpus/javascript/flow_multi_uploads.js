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

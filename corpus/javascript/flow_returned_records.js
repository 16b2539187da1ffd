// A helper that returns an object literal, or null when there is nothing to store, hands back
// each field's own value: the stored path is built from a random id, the client's file name is
// only shown.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const UPLOADS = '/srv/uploads';
const EXTENSIONS = new Map([['image/png', '.png'], ['image/jpeg', '.jpg']]);

function describe(file) {
  const ext = EXTENSIONS.get(file.mimetype);
  if (!ext) return null;
  return {
    shownName: file.originalname,
    storedPath: path.join(UPLOADS, crypto.randomUUID() + ext),
  };
}

function describeByName(file) {
  if (!file.size) return null;
  return {
    shownName: file.originalname,
    storedPath: path.join(UPLOADS, file.originalname),
  };
}

function persist(record, data) {
  // ok: js.path-traversal-request
  fs.writeFileSync(record.storedPath, data);
}

app.post('/upload', upload.single('file'), (req, res) => {
  const record = describe(req.file);
  if (!record) return res.sendStatus(415);
  persist(record, req.file.buffer);
  const named = describeByName(req.file);
  if (!named) return res.sendStatus(400);
  // ruleid: js.path-traversal-request
  fs.writeFileSync(named.storedPath, req.file.buffer);
  res.json({ name: record.shownName });
});

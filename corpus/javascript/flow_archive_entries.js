// Archive extraction where the entry's name reaches the path written through variables: the
// names come from the archive (the uploader), so `../` in one climbs out of the folder.
const fs = require("fs");
const path = require("path");
const AdmZip = require("adm-zip");
const unzipper = require("unzipper");
const tarStream = require("tar-stream");

function importTheme(upload, themesDir) {
  const zip = new AdmZip(upload);
  for (const entry of zip.getEntries()) {
    const name = entry.entryName;
    const relative = name;
    const outPath = path.join(themesDir, relative);
    // ruleid: js.archive-path-traversal
    fs.writeFileSync(outPath, entry.getData());
  }
}

function importIcons(upload, iconsDir) {
  const zip = new AdmZip(upload);
  zip.getEntries().forEach((entry) => {
    const outPath = path.join(iconsDir, path.basename(entry.entryName));
    // ok: js.archive-path-traversal
    fs.writeFileSync(outPath, entry.getData());
  });
}

function importChecked(upload, destDir) {
  const root = path.resolve(destDir);
  const zip = new AdmZip(upload);
  for (const entry of zip.getEntries()) {
    const target = path.resolve(root, entry.entryName);
    if (!target.startsWith(root + path.sep)) {
      throw new Error(`entry outside the folder: ${entry.entryName}`);
    }
    // ok: js.archive-path-traversal
    fs.writeFileSync(target, entry.getData());
  }
}

function unpackStream(archive, target) {
  fs.createReadStream(archive)
    .pipe(unzipper.Parse())
    .on("entry", (entry) => {
      const fileName = entry.path;
      // ruleid: js.archive-path-traversal
      entry.pipe(fs.createWriteStream(target + "/" + fileName));
    });
}

function unpackFixed(archive, target) {
  fs.createReadStream(archive)
    .pipe(unzipper.Parse())
    .on("entry", (entry) => {
      const fileName = `${Date.now()}.part`;
      // ok: js.archive-path-traversal
      entry.pipe(fs.createWriteStream(path.join(target, fileName)));
    });
}

function untar(outDir) {
  const extract = tarStream.extract();
  extract.on("entry", function (header, stream, next) {
    const dir = path.dirname(path.join(outDir, header.name));
    // ruleid: js.archive-path-traversal
    fs.mkdirSync(dir, { recursive: true });
    stream.pipe(fs.createWriteStream(path.join(outDir, "current.part")));
    stream.on("end", next);
  });
  return extract;
}

async function unpackJsZip(zip, outDir) {
  zip.forEach(async (relativePath, file) => {
    // ruleid: js.archive-path-traversal
    await fs.promises.writeFile(path.join(outDir, relativePath), await file.async("nodebuffer"));
  });
}

function importCheckedNames(upload, destDir) {
  const zip = new AdmZip(upload);
  for (const entry of zip.getEntries()) {
    if (entry.entryName.includes("..")) continue;
    const name = entry.entryName;
    // ok: js.archive-path-traversal
    fs.writeFileSync(path.join(destDir, name), entry.getData());
  }
}

// Contained when equal to the resolved root or under it, checked in a helper or in place; the
// root is resolved from the caller's folder, which no entry name reached.
function containedJoin(base, entryName) {
  const root = path.resolve(base);
  const target = path.resolve(root, entryName);
  if (target !== root && !target.startsWith(root + path.sep)) {
    throw new Error(`entry escapes destination: ${entryName}`);
  }
  return target;
}

function looseJoin(base, entryName) {
  const root = path.resolve(base);
  return path.resolve(root, entryName);
}

function importSite(upload, destDir) {
  const zip = new AdmZip(upload);
  for (const entry of zip.getEntries()) {
    const outPath = containedJoin(destDir, entry.entryName);
    // ok: js.archive-path-traversal
    fs.writeFileSync(outPath, entry.getData());
  }
}

function importSiteInPlace(upload, destDir) {
  const zip = new AdmZip(upload);
  for (const entry of zip.getEntries()) {
    const root = path.resolve(destDir);
    const target = path.resolve(root, entry.entryName);
    if (target !== root && !target.startsWith(root + path.sep)) {
      throw new Error("entry escapes destination");
    }
    // ok: js.archive-path-traversal
    fs.writeFileSync(target, entry.getData());
  }
}

function importSiteLoose(upload, destDir) {
  const zip = new AdmZip(upload);
  for (const entry of zip.getEntries()) {
    const outPath = looseJoin(destDir, entry.entryName);
    // ruleid: js.archive-path-traversal
    fs.writeFileSync(outPath, entry.getData());
  }
}

module.exports.more = { importSite, importSiteInPlace, importSiteLoose };

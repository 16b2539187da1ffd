import AdmZip from "adm-zip";
import * as tar from "tar";
import yauzl from "yauzl";
import { createWriteStream, chmodSync, mkdirSync } from "node:fs";
import fse from "fs-extra";
import path from "node:path";

export function unpack(buffer: Buffer, dest: string): void {
  const zip = new AdmZip(buffer);
  zip.getEntries().forEach((entry: AdmZip.IZipEntry) => {
    // ruleid: js.archive-path-traversal
    fse.outputFileSync(path.resolve(dest, entry.entryName), entry.getData());
  });
}

export function unpackYauzl(file: string, dest: string): void {
  yauzl.open(file, { lazyEntries: true }, (err, zipfile) => {
    if (err || !zipfile) throw err;
    zipfile.on("entry", (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (e, stream) => {
        // ruleid: js.archive-path-traversal
        stream?.pipe(createWriteStream(path.join(dest, entry.fileName)));
      });
    });
    zipfile.readEntry();
  });
}

export function unpackSafely(buffer: Buffer, dest: string): void {
  const root = path.resolve(dest);
  for (const entry of new AdmZip(buffer).getEntries()) {
    const target = path.resolve(root, entry.entryName);
    if (!target.startsWith(root + path.sep)) continue;
    // ok: js.archive-path-traversal
    fse.outputFileSync(target, entry.getData());
  }
}

// ok: js.archive-path-traversal
export const extractBackup = (file: string) => tar.x({ file, cwd: "/var/backups/app" });

export function prepareSocketDir(dir: string): void {
  // ok: js.archive-path-traversal
  mkdirSync(dir, { recursive: true });
  // ruleid: js.world-writable-chmod
  chmodSync(dir, 0o777);
  // ruleid: js.world-writable-chmod
  chmodSync(path.join(dir, "app.sock"), 0o666);
  // ok: js.world-writable-chmod
  chmodSync(path.join(dir, "app.pid"), 0o644);
}

import fs from "fs";

export function serveFile(res, name) {
  res.send(fs.readFileSync("/srv/files/" + name));
}

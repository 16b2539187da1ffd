import { Injectable } from "@nestjs/common";
import { exec } from "child_process";
import { promises as fs } from "fs";

// A service a controller is given by its constructor: the sinks are here, the findings at the
// controller's calls.
@Injectable()
export class ExportsService {
  archive(folder: string) {
    // ruleid: js.exec-command-interpolation
    exec(`tar czf /tmp/export.tgz ${folder}`);
  }

  load(name: string) {
    return fs.readFile("/srv/exports/" + name, "utf8");
  }
}

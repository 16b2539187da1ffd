import { exec } from "child_process";

export class Runner {
  start(script: string) {
    // ruleid: js.exec-command-interpolation
    exec(`sh ./scripts/${script}`);
  }
}

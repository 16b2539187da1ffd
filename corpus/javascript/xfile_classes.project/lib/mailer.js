import { execSync } from "child_process";

export class Mailer {
  deliver(to) {
    // ruleid: js.exec-command-interpolation
    execSync(`sendmail ${to} < /tmp/body.txt`);
  }
}

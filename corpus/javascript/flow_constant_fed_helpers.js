// A private helper whose every call passes program constants runs only the program's commands;
// one that a caller feeds an unknown value, or that other modules can call, does not.
const { execSync, exec } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

function run(cmd) {
  console.log(`$ ${cmd}`);
  // ok: js.exec-command-variable
  execSync(cmd, { stdio: "inherit", cwd: ROOT });
}

const shell = (script, done) => {
  // ok: js.exec-command-variable
  exec(script, { cwd: ROOT }, done);
};

function build() {
  const config = path.join(ROOT, "tsconfig.build.json");
  run("npm run lint");
  run(`npx tsc -p ${config}`);
  const tag = execSync("git describe --tags --abbrev=0").toString().trim();
  run(`git log ${tag}..HEAD --oneline`);
  shell("npm pack", () => {});
}

function runFrom(dir, cmd) {
  // ruleid: js.exec-command-variable
  execSync(cmd, { cwd: dir });
}

function clean(target) {
  runFrom(ROOT, "rm -rf dist");
  // The second caller passes its own parameter: unknown here.
  runFrom(ROOT, `rm -rf ${target}`);
}

function publish(cmd) {
  // ruleid: js.exec-command-variable
  execSync(cmd);
}
publish("npm publish");
// Handed to another module: its callers there are not known.
module.exports = { publish };

function deploy(cmd) {
  // ruleid: js.exec-command-variable
  execSync(cmd);
}
["npm run deploy"].forEach(deploy);

build();
clean(process.argv[2] || "dist");

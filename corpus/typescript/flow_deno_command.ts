// Deno's Command runs a program; `sh -c` makes its argument a shell command line.
import { Router } from "jsr:@oak/oak";

export const router = new Router();

router.get("/dns/:domain", async (ctx) => {
  const script = `dig +short A ${ctx.params.domain}`;
  // ruleid: js.exec-command-interpolation
  const command = new Deno.Command("bash", { args: ["-c", script], stdout: "piped" });
  ctx.response.body = new TextDecoder().decode((await command.output()).stdout);
});

router.get("/dns-args/:domain", async (ctx) => {
  // ok: js.exec-command-interpolation
  const command = new Deno.Command("dig", { args: ["+short", "A", "--", ctx.params.domain] });
  ctx.response.body = new TextDecoder().decode((await command.output()).stdout);
});

router.get("/dns-fixed", async (ctx) => {
  // ok: js.exec-command-interpolation
  const command = new Deno.Command("bash", { args: ["-c", `dig +short A ${"example.com"}`] });
  ctx.response.body = new TextDecoder().decode((await command.output()).stdout);
});

// An argument array built apart and handed to `spawn` with a shell: the shell joins it into one
// command line, so request data pushed into it is a command. Constant arguments are not.
import { FastifyInstance, FastifyRequest } from "fastify";
import { spawn } from "child_process";

interface RenderBody {
  title: string;
  landscape?: boolean;
}

function wkhtmlArgs(body: RenderBody): string[] {
  const args: string[] = ["--quiet"];
  if (body.landscape) {
    args.push("--orientation", "Landscape");
  }
  args.push("--title", `"${body.title}"`);
  return args;
}

function fixedArgs(): string[] {
  const args: string[] = ["--quiet"];
  args.push("--orientation", "Landscape");
  return args;
}

export default async function routes(app: FastifyInstance) {
  app.post("/render", async (request: FastifyRequest<{ Body: RenderBody }>) => {
    const args = wkhtmlArgs(request.body);
    // ruleid: js.spawn-shell-true
    spawn("wkhtmltopdf", args, { shell: true });
  });

  app.post("/render-fixed", async () => {
    const args = fixedArgs();
    // ok: js.spawn-shell-true
    spawn("wkhtmltopdf", args, { shell: true });
  });
}

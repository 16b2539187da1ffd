import { exec } from "child_process";

// Server action in a Next.js admin page.
export async function deploy(formData: FormData) {
  "use server";
  const env = formData.get("env") as string;
  // ruleid: js.exec-command-interpolation
  exec(`./scripts/deploy.sh ${env}`, (error) => {
    if (error) console.error(error);
  });
  // ok: js.exec-command-interpolation
  exec("./scripts/notify.sh", () => undefined);
}

export function DeployButton() {
  return <form action={deploy}><button type="submit">Deploy</button></form>;
}

"use server";

// Next.js server actions: the browser calls them with arguments of its choosing.
import { writeFile } from "fs/promises";
import path from "path";
import { execFile, execSync } from "child_process";
import { redirect } from "next/navigation";

const UPLOADS: string = path.join(process.cwd(), "uploads");

export async function saveNote(formData: FormData): Promise<void> {
  const title = formData.get("title") as string;
  const body = formData.get("body") as string;
  // ruleid: js.path-traversal-request
  await writeFile(path.join(UPLOADS, title + ".txt"), body);
}

export async function saveNoteSafe(formData: FormData): Promise<void> {
  const title = path.basename(formData.get("title") as string);
  // ok: js.path-traversal-request
  await writeFile(path.join(UPLOADS, title + ".txt"), String(formData.get("body")));
}

export const archive = async (project: string): Promise<void> => {
  // ruleid: js.exec-command-interpolation
  execSync(`tar czf /backups/archive.tgz ${project}`);
};

export async function archiveSafe(project: string): Promise<void> {
  // ok: js.exec-command-interpolation
  // ruleid: js.argument-injection
  execFile("tar", ["czf", "/backups/archive.tgz", project]);
}

export async function goTo(target: string): Promise<void> {
  // ruleid: js.open-redirect
  redirect(target);
}

export async function goHome(section: string): Promise<void> {
  // ok: js.open-redirect
  redirect(`/home/${section}`);
}

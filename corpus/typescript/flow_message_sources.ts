// Sources of message-driven TypeScript services: NestJS microservice payloads, type-graphql
// arguments, Cloudflare queue batches, kafkajs handlers written apart; sinks imported by name.
import { Controller } from "@nestjs/common";
import { MessagePattern, Payload } from "@nestjs/microservices";
import { Arg, Mutation, Resolver } from "type-graphql";
import type { EachMessagePayload } from "kafkajs";
import { copyFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import axios from "axios";
import { Eta } from "eta";

const ASSETS = "/srv/assets";
const eta = new Eta({ views: path.join(__dirname, "views") });

interface DeleteAsset {
  name: string;
}

@Controller()
export class AssetsController {
  @MessagePattern("asset.delete")
  async remove(@Payload() cmd: DeleteAsset) {
    // ruleid: js.path-traversal-request
    await rm(path.join(ASSETS, cmd.name), { force: true });
    // ok: js.path-traversal-request
    await rm(path.join(ASSETS, path.basename(cmd.name)), { force: true });
  }
}

@Resolver()
export class AvatarResolver {
  @Mutation(() => Boolean)
  async importAvatar(@Arg("url") url: string): Promise<boolean> {
    // ruleid: js.ssrf
    await axios.get(url);
    // ok: js.ssrf
    await axios.get("https://avatars.internal/default.png");
    return true;
  }
}

export async function onMessage({ message }: EachMessagePayload): Promise<void> {
  const evt = JSON.parse(String(message.value)) as { file: string };
  // ruleid: js.path-traversal-request
  await rename(path.join(ASSETS, "outbox", evt.file), path.join(ASSETS, "archive", "latest"));
  // ok: js.path-traversal-request
  await copyFile(path.join(ASSETS, "outbox", "index.json"), path.join(ASSETS, "archive", "index.json"));
}

interface InvoiceMessage {
  template: string;
  customer: string;
}

export default {
  async queue(batch: MessageBatch<InvoiceMessage>): Promise<void> {
    for (const message of batch.messages) {
      // ruleid: js.template-injection
      eta.renderString(message.body.template, { customer: message.body.customer });
      // ok: js.template-injection
      eta.render("invoice", { customer: message.body.customer });
      // ruleid: js.path-traversal-request
      await copyFile(path.join(ASSETS, message.body.customer), "/tmp/invoice.pdf");
    }
  },
};

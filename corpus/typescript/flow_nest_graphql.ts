// NestJS GraphQL resolvers and WebSocket gateways: `@Args()` and `@MessageBody()` are what the
// client sent.
import { Args, Query, Resolver } from "@nestjs/graphql";
import { MessageBody, SubscribeMessage, WebSocketGateway } from "@nestjs/websockets";
import axios from "axios";
import { exec } from "child_process";

const COMMANDS: Record<string, string> = { uptime: "uptime", disk: "df -h" };

@Resolver()
export class StatusResolver {
  @Query(() => Number)
  async status(@Args("url") url: string) {
    // ruleid: js.ssrf
    return (await axios.get(url)).status;
  }

  @Query(() => Number)
  async serviceStatus(@Args("service") service: string) {
    // ok: js.ssrf
    return (await axios.get(`https://status.example.com/services/${encodeURIComponent(service)}`)).status;
  }
}

@WebSocketGateway()
export class OpsGateway {
  @SubscribeMessage("run")
  run(@MessageBody() command: string) {
    // ruleid: js.exec-command-variable
    exec(command);
  }

  @SubscribeMessage("run-known")
  runKnown(@MessageBody() name: string) {
    // ok: js.exec-command-variable
    exec(COMMANDS[name] ?? "uptime");
  }
}

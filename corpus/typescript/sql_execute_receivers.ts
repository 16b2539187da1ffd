// `execute` runs SQL on a pool, a connection or a database object, however the field is named,
// and a command on NestJS's CommandBus.
import { Body, Controller, Post } from "@nestjs/common";
import { CommandBus } from "@nestjs/cqrs";
import type { Pool } from "mysql2/promise";

class SubscribeDto {
  email!: string;
}

class SubscribeCommand {
  constructor(public readonly email: string) {}
}

@Controller("newsletter")
export class SubscribeController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly mainPool: Pool,
  ) {}

  @Post("subscribe")
  subscribe(@Body() dto: SubscribeDto) {
    // ok: js.sql-injection-query
    return this.commandBus.execute(new SubscribeCommand(dto.email));
  }

  @Post("lookup")
  async lookup(@Body() dto: SubscribeDto) {
    // ruleid: js.sql-string-built
    const sql = "SELECT id FROM subscribers WHERE email = '" + dto.email + "'";
    // ruleid: js.sql-injection-query
    return this.mainPool.execute(sql);
  }

  @Post("lookup-bound")
  async lookupBound(@Body() dto: SubscribeDto) {
    // ok: js.sql-injection-query
    return this.mainPool.execute("SELECT id FROM subscribers WHERE email = ?", [dto.email]);
  }
}

// NestJS controllers: the request's data arrives as decorated parameters, not through `req`.
import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res } from "@nestjs/common";
import { HttpService } from "@nestjs/axios";
import type { Response } from "express";
import { DataSource, Repository } from "typeorm";
import * as fs from "fs";
import * as path from "path";
import { firstValueFrom } from "rxjs";

interface ExportDto {
  fileName: string;
}

const EXPORT_DIR = "/var/exports";
const STATUS_URL = "https://status.example.com/health";

@Controller("reports")
export class ReportsController {
  constructor(
    private readonly httpService: HttpService,
    private readonly dataSource: DataSource,
    private readonly reports: Repository<object>,
  ) {}

  @Get("file/:name")
  download(@Param("name") name: string, @Res() res: Response) {
    const full = path.join(EXPORT_DIR, name);
    // ruleid: js.path-traversal-request
    return res.sendFile(full);
  }

  @Get("file-safe/:name")
  downloadSafe(@Param("name") name: string, @Res() res: Response) {
    const full = path.join(EXPORT_DIR, path.basename(name));
    // ok: js.path-traversal-request
    return res.sendFile(full);
  }

  @Post("export")
  exportTo(@Body() dto: ExportDto) {
    const target = path.join(EXPORT_DIR, dto.fileName);
    // ruleid: js.path-traversal-request
    fs.writeFileSync(target, "{}");
    return { target };
  }

  @Post("webhook")
  async webhook(@Body("url") url: string) {
    // ruleid: js.ssrf
    const res = await firstValueFrom(this.httpService.post(url, { ping: true }));
    return res.status;
  }

  @Get("status")
  async status(@Query("verbose") verbose: string) {
    // ok: js.ssrf
    const res = await firstValueFrom(this.httpService.get(STATUS_URL, { params: { verbose } }));
    return res.data;
  }

  @Get("avatar")
  async avatar(@Query("src") src: string) {
    // ruleid: js.ssrf
    const r = await fetch(src as string);
    return Buffer.from(await r.arrayBuffer());
  }

  @Get("hello")
  hello(@Query("name") name: string, @Res() res: Response) {
    // ruleid: js.xss-response
    res.send(`<p>Hello ${name}</p>`);
  }

  @Get("hello-json")
  helloJson(@Query("name") name: string, @Res() res: Response) {
    // ok: js.xss-response
    res.send(`<p>Hello</p>${name.length}`);
  }

  @Get("page/:id")
  page(@Param("id", ParseIntPipe) id: number, @Res() res: Response) {
    // ok: js.xss-response
    res.send(`<p>Page ${id}</p>`);
  }

  @Get("by-role")
  byRole(@Query("role") role: string) {
    // ruleid: js.sql-injection-query
    return this.reports.createQueryBuilder("r").where(`r.role = '${role}'`).getMany();
  }

  @Get("by-role-safe")
  byRoleSafe(@Query("role") role: string) {
    // ok: js.sql-injection-query
    return this.reports.createQueryBuilder("r").where("r.role = :role", { role }).getMany();
  }

  @Get("by-team")
  byTeam(@Query("team") team: string) {
    const qb = this.reports.createQueryBuilder("r");
    // ruleid: js.sql-injection-query
    qb.where(`r.team = '${team}'`);
    return qb.getMany();
  }

  @Get("by-team-safe")
  byTeamSafe(@Query("team") team: string) {
    const qb = this.reports.createQueryBuilder("r");
    // ok: js.sql-injection-query
    qb.where("r.team = :team", { team });
    return qb.getMany();
  }
}

// A NestJS feature module in one file: the controller hands decorated request values to a
// service it holds in a field; the sinks are in the service.
import { Body, Controller, Get, Injectable, Param, Query } from "@nestjs/common";
import * as fs from "fs/promises";
import * as path from "path";

const EXPORTS = "/srv/exports";
const STATUS_PAGE = "https://status.example.com/api";

@Injectable()
export class ExportsService {
  private readonly root = EXPORTS;

  async read(name: string): Promise<Buffer> {
    // ruleid: js.path-traversal-request
    return fs.readFile(path.join(this.root, name));
  }

  async readSafe(name: string): Promise<Buffer> {
    // ok: js.path-traversal-request
    return fs.readFile(path.join(this.root, path.basename(name)));
  }

  async mirror(url: string): Promise<string> {
    // ruleid: js.ssrf
    const res = await fetch(url);
    return res.text();
  }

  async status(component: string): Promise<string> {
    // ok: js.ssrf
    const res = await fetch(`${STATUS_PAGE}/${encodeURIComponent(component)}`);
    return res.text();
  }
}

@Controller("exports")
export class ExportsController {
  constructor(private readonly exportsService: ExportsService) {}

  @Get(":name")
  download(@Param("name") name: string) {
    return this.exportsService.read(name);
  }

  @Get("safe/:name")
  downloadSafe(@Param("name") name: string) {
    return this.exportsService.readSafe(name);
  }

  @Get("mirror")
  mirror(@Query("url") url: string) {
    return this.exportsService.mirror(url);
  }

  @Get("status")
  status(@Body("component") component: string) {
    return this.exportsService.status(component);
  }
}

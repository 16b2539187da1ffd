import { Controller, Get, Param, Post, Query } from "@nestjs/common";
import { ExportsService } from "./exports.service";

@Controller("exports")
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post("archive")
  archive(@Query("folder") folder: string) {
    // ruleid: js.exec-command-interpolation
    this.exports.archive(folder);
    // ok: js.exec-command-interpolation
    this.exports.archive("/srv/public");
  }

  @Get(":name")
  read(@Param("name") name: string) {
    // ruleid: js.path-traversal-request
    return this.exports.load(name);
  }

  @Get()
  readDefault() {
    // ok: js.path-traversal-request
    return this.exports.load("index.json");
  }
}

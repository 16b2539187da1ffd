// NestJS's Logger prints text lines, so a newline in a query forges entries; V8's own format is
// not for data a client sends.
import { Body, Controller, Get, Logger, Post, Query } from '@nestjs/common';
import v8 from 'v8';

@Controller('catalog')
export class CatalogController {
  private readonly logger = new Logger(CatalogController.name);

  @Get('search')
  search(@Query('q') q: string) {
    // ruleid: js.log-injection
    this.logger.log(`catalog search q=${q}`);
    return [];
  }

  @Get('count')
  count(@Query('q') q: string) {
    // ok: js.log-injection
    this.logger.log(`catalog search q=${JSON.stringify(q)}`);
    // ok: js.log-injection
    this.logger.warn({ event: 'search', q });
    return 0;
  }

  @Get('page')
  page(@Query('p') p: string) {
    // ruleid: js.log-injection
    this.logger.warn('page requested: ' + p);
    return [];
  }

  @Post('restore')
  restore(@Body('snapshot') snapshot: string) {
    // ruleid: js.unsafe-deserialization
    return v8.deserialize(Buffer.from(snapshot, 'base64'));
  }

  @Post('restore/local')
  restoreLocal() {
    const saved = v8.serialize({ items: [] });
    // ok: js.unsafe-deserialization
    return v8.deserialize(saved);
  }
}

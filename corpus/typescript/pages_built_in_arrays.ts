// Pages assembled line by line, a Fastify reply's Location header, and a NestJS service that
// maps a campaign name to one of its own URLs.
import { Controller, Get, Injectable, NotFoundException, Query, Redirect } from '@nestjs/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

class ErrorPage {
  render(code: string, detail: string): string {
    const lines: string[] = [];
    lines.push('<html><body>');
    lines.push(`<h1>Error ${code}</h1><pre>${detail}</pre>`);
    lines.push('</body></html>');
    return lines.join('\n');
  }
}

export async function errorRoutes(app: FastifyInstance) {
  const page = new ErrorPage();
  app.get('/error', async (req: FastifyRequest<{ Querystring: { code: string; detail: string } }>, reply: FastifyReply) => {
    const { code, detail } = req.query;
    const html = page.render(code, detail);
    // ruleid: js.xss-response
    reply.type('text/html').send(html);
  });

  app.get('/sso/callback', async (req: FastifyRequest<{ Querystring: { RelayState?: string } }>, reply: FastifyReply) => {
    const { RelayState: relay } = req.query;
    const location = relay ? decodeURIComponent(relay) : '/';
    // ruleid: js.open-redirect
    return reply.code(302).header('Location', location).send();
  });

  app.get('/home', async (_req: FastifyRequest, reply: FastifyReply) => {
    // ok: js.open-redirect
    return reply.code(302).header('Location', '/dashboard').send();
  });
}

@Injectable()
export class CampaignLinks {
  private readonly targets = new Map<string, string>([
    ['spring', 'https://shop.example.com/sale/spring'],
    ['newsletter', 'https://blog.example.com/latest'],
  ]);

  resolve(campaign: string): string {
    const url = this.targets.get(campaign);
    if (!url) throw new NotFoundException();
    return url;
  }

  echo(target: string): string {
    return target;
  }
}

@Controller('r')
export class RedirectController {
  constructor(private readonly links: CampaignLinks) {}

  @Get()
  @Redirect()
  go(@Query('c') campaign: string) {
    // ok: js.open-redirect
    return { url: this.links.resolve(campaign), statusCode: 302 };
  }

  @Get('out')
  @Redirect()
  out(@Query('to') to: string) {
    // ruleid: js.open-redirect
    return { url: this.links.echo(to), statusCode: 302 };
  }
}

// NestJS handlers answer with what they return: a string is the body (text/html on the default
// Express platform), and a `@Redirect()` handler sends the user to the `url` it returns.
import { Body, Controller, Get, Post, Query, Redirect } from "@nestjs/common";
import escapeHtml from "escape-html";

class GreetingDto {
  name!: string;
}

const DOCS_PAGES: Record<string, string> = { api: "/docs/api", guide: "/docs/guide" };

@Controller("pages")
export class PagesController {
  @Post("greeting")
  greeting(@Body() dto: GreetingDto) {
    // ruleid: js.xss-response
    return `<h2>Hello, ${dto.name}</h2>`;
  }

  @Post("greeting-escaped")
  greetingEscaped(@Body() dto: GreetingDto) {
    // ok: js.xss-response
    return `<h2>Hello, ${escapeHtml(dto.name)}</h2>`;
  }

  @Get("leave")
  @Redirect()
  leave(@Query("url") url: string) {
    // ruleid: js.open-redirect
    return { url };
  }

  @Get("docs")
  @Redirect()
  docs(@Query("page") page: string) {
    // ok: js.open-redirect
    return { url: DOCS_PAGES[page] ?? "/docs" };
  }
}

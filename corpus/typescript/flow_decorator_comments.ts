// A comment between a route decorator and its handler changes nothing: the handler is still the
// route's, and what it returns is the response.
import { Body, Controller, Post } from "@nestjs/common";

class GreetingDto {
  name!: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

@Controller("pages")
export class PagesController {
  @Post("greeting")
  // Renders the greeting card fragment.
  greeting(@Body() dto: GreetingDto) {
    // ruleid: js.xss-response
    return `<h2>Hello, ${dto.name}</h2>`;
  }

  @Post("greeting-escaped")
  // The same, escaped.
  greetingEscaped(@Body() dto: GreetingDto) {
    // ok: js.xss-response
    return `<h2>Hello, ${escapeHtml(dto.name)}</h2>`;
  }
}

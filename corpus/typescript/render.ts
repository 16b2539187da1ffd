import Handlebars from "handlebars";
import nunjucks from "nunjucks";
import Mustache from "mustache";

// ruleid: js.template-autoescape-off
const render = Handlebars.compile(source(), { noEscape: true, strict: true });

// ok: js.template-autoescape-off
const renderSafe = Handlebars.compile(source(), { strict: true });

// ruleid: js.template-autoescape-off
nunjucks.configure("views", { autoescape: false, watch: false });

// ok: js.template-autoescape-off
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader("views"), { autoescape: true });

// ruleid: js.template-autoescape-off
Mustache.escape = (text: string) => text;

function source(): string {
  return "<h1>{{title}}</h1>";
}

export { render, renderSafe, env };

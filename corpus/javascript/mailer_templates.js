// Email templates rendered server-side.
const Handlebars = require("handlebars");
const nunjucks = require("nunjucks");
const Mustache = require("mustache");
const escapeHtml = require("escape-html");

// ruleid: js.template-autoescape-off
const welcome = Handlebars.compile("<p>Hi {{name}}</p>", { "noEscape": true });

// ruleid: js.template-autoescape-off
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader("emails"), { autoescape: false });

// ruleid: js.template-autoescape-off
Mustache.escape = function (text) { return text; };

// ok: js.template-autoescape-off
Mustache.escape = (text) => escapeHtml(text);

// ok: js.template-autoescape-off
const digest = Handlebars.precompile("<p>{{count}} new</p>", { noEscape: false });

// ok: js.template-autoescape-off
nunjucks.configure("emails", { autoescape: true });

module.exports = { welcome, env, digest };

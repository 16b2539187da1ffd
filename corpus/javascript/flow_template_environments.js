// A nunjucks environment handed to a class compiles the template text its method is given.
const express = require("express");
const nunjucks = require("nunjucks");

const env = new nunjucks.Environment(null, { autoescape: true });

class NotificationFormatter {
  constructor(environment) {
    this.env = environment;
  }

  format(templateText, event) {
    // ruleid: js.template-injection
    return this.env.renderString(templateText, { event });
  }

  formatKnown(name, event) {
    // ok: js.template-injection
    return this.env.render(name + ".njk", { event });
  }
}

const formatter = new NotificationFormatter(env);
const router = express.Router();

router.post("/preview", (req, res) => {
  res.json({ preview: formatter.format(req.body.template, { type: "deploy" }) });
});

router.post("/preview/fixed", (req, res) => {
  // ok: js.template-injection
  res.json({ preview: env.renderString("Deploy {{ event.type }} finished", { event: req.body }) });
});

module.exports = { router };

// Template sources compiled from request values: nunjucks environments and lodash sub-modules.
import express from "express";
import nunjucks from "nunjucks";
import template from "lodash/template";

const app = express();
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader("views"));

app.post("/preview", (req, res) => {
  const signature = req.body.signature as string;
  // ruleid: js.template-injection
  const rendered = env.renderString(signature, { user: req.body.user });
  // ok: js.template-injection
  const fixed = env.renderString("Hello {{ user }}", { user: req.body.user });
  // ok: js.template-injection
  const page = env.render("preview.njk", { signature });
  res.send(rendered + fixed + page);
});

app.post("/layout", (req, res) => {
  // ruleid: js.template-injection
  const compiled = template(req.body.layout);
  // ok: js.template-injection
  const header = template("<h1><%- title %></h1>");
  res.send(compiled({ title: "x" }) + header({ title: req.body.title }));
});

// An object of a plain class the file declares, built from the request body: its constructor
// takes the fields it names (no mass assignment), and a field it converts with String() still
// holds the request's text when another method compiles it as a template.
const express = require("express");
const ejs = require("ejs");
const { Model } = require("sequelize");

class TemplateDraft {
  constructor({ subject, body }) {
    this.subject = String(subject || "");
    this.body = String(body || "");
  }

  renderBody(context) {
    // ruleid: js.template-injection
    return ejs.render(this.body, context);
  }
}

class Invoice extends Model {}

const router = express.Router();

router.post("/drafts/preview", express.json(), (req, res) => {
  // ok: js.mass-assignment
  const draft = new TemplateDraft(req.body);
  res.json({ subject: draft.subject, html: draft.renderBody({ name: "Ada" }) });
});

router.post("/invoices", express.json(), async (req, res) => {
  // ruleid: js.mass-assignment
  const invoice = new Invoice(req.body);
  await invoice.save();
  res.json({ id: invoice.id });
});

module.exports = router;

// A static method of a class of this file, called on the class: followed like any helper of the
// file, with what the caller passes.
const express = require("express");
const cookieParser = require("cookie-parser");
const { unserialize: restore } = require("node-serialize");

const app = express();
app.use(cookieParser());

class CartSnapshot {
  static fromCookie(raw) {
    const decoded = Buffer.from(raw, "base64").toString("utf8");
    // ruleid: js.unsafe-deserialization
    const data = restore(decoded);
    return new CartSnapshot(data.items || []);
  }

  static fromJson(raw) {
    // ok: js.unsafe-deserialization
    const data = JSON.parse(Buffer.from(raw, "base64").toString("utf8"));
    return new CartSnapshot(data.items || []);
  }

  constructor(items) {
    this.items = items;
  }
}

app.get("/cart", (req, res) => {
  const cart = CartSnapshot.fromCookie(req.cookies.cart);
  const safe = CartSnapshot.fromJson(req.cookies.cart);
  res.json({ items: cart.items.length + safe.items.length });
});

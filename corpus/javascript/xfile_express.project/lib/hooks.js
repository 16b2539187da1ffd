// A class the module exports as itself: `require` hands the importer the class.
const axios = require("axios");

class WebhookSender {
  async send(endpoint, event) {
    return axios.post(endpoint, event, { timeout: 5000 });
  }
}

module.exports = WebhookSender;

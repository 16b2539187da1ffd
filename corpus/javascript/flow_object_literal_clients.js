// A method of an object literal of the file (`const api = { get(path) {..} }`) is that code,
// not a library's sink of the same name: it is followed into its body.
'use strict';
const express = require('express');
const axios = require('axios');

const app = express();

const catalog = {
  get(path) {
    // ok: js.ssrf
    return axios.get('https://api.example.com/v1/' + encodeURIComponent(path));
  },
};

const proxy = {
  get(target) {
    // ruleid: js.ssrf
    return axios.get(target);
  },
};

app.get('/catalog', async (req, res) => {
  res.json((await catalog.get(req.query.item)).data);
});

app.get('/proxy', async (req, res) => {
  res.json((await proxy.get(req.query.url)).data);
});

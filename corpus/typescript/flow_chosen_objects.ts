// An object chosen by a ternary between two constructions of one class is an object of that
// class: its methods are followed with what each side gave its constructor.
import express, { Request, Response } from 'express';
import ejs from 'ejs';
import axios from 'axios';

const PLAIN = '<h1>Receipt for <%= customer %></h1>';
const FANCY = '<h1 class="fancy">Receipt for <%= customer %></h1>';

class Receipt {
  constructor(private readonly source: string = PLAIN) {}

  render(customer: string): string {
    // ruleid: js.template-injection
    return ejs.render(this.source, { customer });
  }
}

class Layout {
  constructor(private readonly source: string = PLAIN) {}

  render(customer: string): string {
    // ok: js.template-injection
    return ejs.render(this.source, { customer });
  }
}

class Mirror {
  constructor(private readonly base: string = 'https://mirror.example.com') {}

  health() {
    // ruleid: js.ssrf
    return axios.get(this.base + '/health');
  }
}

class Cdn {
  constructor(private readonly base: string = 'https://cdn.example.com') {}

  health() {
    // ok: js.ssrf
    return axios.get(this.base + '/health');
  }
}

const app = express();
app.use(express.json());

app.post('/receipts', (req: Request, res: Response) => {
  const src: string | undefined = req.body.template;
  const receipt = src ? new Receipt(src) : new Receipt();
  res.type('text/plain').send(receipt.render(String(req.body.customer)));
});

app.post('/layouts', (req: Request, res: Response) => {
  const layout = req.body.fancy ? new Layout(FANCY) : new Layout();
  res.type('text/plain').send(layout.render(String(req.body.customer)));
});

app.get('/mirror', async (req: Request, res: Response) => {
  const base = req.query.base as string | undefined;
  const mirror = base ? new Mirror(base) : new Mirror();
  res.json((await mirror.health()).data);
});

app.get('/cdn', async (req: Request, res: Response) => {
  const cdn = req.query.eu ? new Cdn('https://eu.cdn.example.com') : new Cdn();
  res.json((await cdn.health()).data);
});

// A controller reaches its service, and the service its client, through constructor parameter
// properties and fields typed with the file's own classes: the request value passed down must
// reach the sink the last one holds.
import { Body, Controller, Post } from "@nestjs/common";
import axios from "axios";
import { exec } from "child_process";

class FeedClient {
  async pull(url: string): Promise<string> {
    // ruleid: js.ssrf
    const res = await axios.get(url);
    return res.data;
  }

  async pullKnown(id: number): Promise<string> {
    // ok: js.ssrf
    const res = await axios.get(`https://feeds.example.com/${id}.xml`);
    return res.data;
  }
}

class Archiver {
  pack(name: string): void {
    // ruleid: js.exec-command-interpolation
    exec(`tar czf /srv/archives/${name}.tgz /srv/feeds`);
  }
}

class FeedService {
  private archiver: Archiver = new Archiver();

  constructor(private readonly client: FeedClient) {}

  async import(url: string, name: string): Promise<string> {
    const body = await this.client.pull(url);
    this.archiver.pack(name);
    return body;
  }

  async importKnown(id: string): Promise<string> {
    return this.client.pullKnown(Number(id));
  }
}

@Controller("feeds")
export class FeedController {
  constructor(private readonly feeds: FeedService) {}

  @Post("import")
  async import(@Body() dto: { url: string; name: string; id: string }) {
    await this.feeds.importKnown(dto.id);
    return this.feeds.import(dto.url, dto.name);
  }
}

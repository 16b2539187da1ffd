// A class the module exports as its default: the importer names it as it likes.
export default class Pinger {
  async ping(target: string): Promise<number> {
    const response = await fetch(target, { method: "HEAD" });
    return response.status;
  }
}

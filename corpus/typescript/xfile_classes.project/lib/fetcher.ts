class Fetcher {
  async grab(address: string) {
    return fetch(address);
  }
}

export const fetcher = new Fetcher();

export async function mirror(address: string) {
  return fetch(address);
}

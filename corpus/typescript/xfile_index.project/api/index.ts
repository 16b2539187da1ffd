import axios from "axios";

export async function pingHost(host: string) {
  return axios.get(`http://${host}/health`);
}

export const pinned = async (path: string) => axios.get(`https://status.example.com/${path}`);

export { serveFile as sendDownload } from "./disk.js";

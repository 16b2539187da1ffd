export { Runner } from "./runner";
export * from "./fetcher";

import { Injectable } from "@angular/core";
import axios from "axios";
import * as jwt from "jsonwebtoken";

type Row = { id: number; name?: string };
enum Mode { A = 1, B }

@Injectable()
export class UserService<T extends Row = Row> {
  private readonly secret: string = "hunter2";
  constructor(private http: typeof axios) {}

  async find(id: string): Promise<T[]> {
    const sql = `SELECT * FROM users WHERE id = ${id}`;
    const token = jwt.sign({ id }, this.secret, { algorithm: "none" as any });
    await this.http.get("http://example.org/api", { httpsAgent: { rejectUnauthorized: false } });
    return eval(sql) as unknown as T[];
  }
}

declare module "x" { export function y(a: number): void; }
namespace N { export const z = <const>["a", "b"]; }

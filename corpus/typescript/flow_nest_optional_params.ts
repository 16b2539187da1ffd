// A NestJS handler parameter declared optional (`status?: string`) is the request's as much as a
// required one, through a service and a repository of the same file.
import { Controller, Get, Injectable, Query, ParseIntPipe } from "@nestjs/common";
import { DataSource } from "typeorm";

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get db() {
    return this.dataSource.manager;
  }

  async findByStatus(status: string): Promise<unknown[]> {
    // ruleid: js.sql-string-built
    const sql = "SELECT id FROM orders WHERE status = '" + status + "'";
    // ruleid: js.sql-injection-query
    return this.db.query(sql);
  }

  async findPage(page: number): Promise<unknown[]> {
    const sql = `SELECT id FROM orders LIMIT 20 OFFSET ${page * 20}`;
    // ok: js.sql-injection-query
    return this.db.query(sql);
  }
}

@Controller("orders")
export class OrdersController {
  constructor(private readonly orders: OrdersRepository) {}

  @Get()
  list(@Query("status") status?: string, @Query("page", ParseIntPipe) page?: number) {
    return Promise.all([this.orders.findByStatus(status ?? "paid"), this.orders.findPage(page ?? 0)]);
  }
}

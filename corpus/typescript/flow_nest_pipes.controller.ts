// NestJS pipes convert a parameter before the handler runs: a ParseIntPipe'd id is a number.
import { Controller, Get, Param, Query, ParseIntPipe, ParseUUIDPipe, DefaultValuePipe } from "@nestjs/common";
import { DataSource } from "typeorm";

@Controller("invoices")
export class InvoicesController {
  constructor(private readonly db: DataSource) {}

  @Get(":invoiceNo")
  async one(@Param("invoiceNo", ParseIntPipe) invoiceNo: number) {
    // ok: js.sql-injection-query
    return this.db.query(`SELECT * FROM invoices WHERE no = ${invoiceNo}`);
  }

  @Get("by-ref/:ref")
  async byRef(@Param("ref") ref: number) {
    // ruleid: js.sql-injection-query
    return this.db.query(`SELECT * FROM invoices WHERE no = ${ref}`);
  }

  @Get("customer/:customer")
  async byCustomer(@Param("customer", new ParseUUIDPipe({ version: "4" })) customer: string) {
    // ok: js.sql-injection-query
    return this.db.query(`SELECT * FROM invoices WHERE customer = '${customer}'`);
  }

  @Get()
  async page(
    @Query("offset", new DefaultValuePipe(0), ParseIntPipe) offset: number,
    @Query("sortBy") sortBy: string,
  ) {
    // ruleid: js.sql-injection-query
    return this.db.query(`SELECT * FROM invoices ORDER BY ${sortBy} OFFSET ${offset}`);
  }
}

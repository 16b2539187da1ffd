// Fragment of a route handler pasted from a chat answer (imports and closing braces missing).
export async function exportReport(req: Request, res: Response) {
  const { from, to, format } = req.query as Record<string, string>;
  // ruleid: js.sql-injection-query
  const rows = await db.query(`SELECT * FROM invoices WHERE issued_at BETWEEN '${from}' AND '${to}'`);
  // ruleid: js.exec-command-interpolation
  execSync(`pandoc -f json -t ${format} -o /tmp/report.${format}`, { input: JSON.stringify(rows) });
  // ok: js.exec-command-interpolation
  execSync("pandoc --version");
  // ok: js.sql-injection-query
  await db.query("SELECT 1");
  if (rows.length > 1000) {
    res.setHeader("Content-Type", "application/octet-stream"

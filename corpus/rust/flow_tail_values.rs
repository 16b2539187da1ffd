// Helpers whose value is the `match` or `if` they end with.
use rocket::get;

fn sort_column(requested: &str) -> &'static str {
    match requested {
        "price" => "price",
        "created" => "created_at",
        _ => "title",
    }
}

fn direction(requested: &str) -> &'static str {
    if requested == "desc" { "DESC" } else { "ASC" }
}

fn column_or_default(requested: &str) -> String {
    match requested {
        "" => "title".to_string(),
        other => other.to_string(),
    }
}

#[get("/products?<sort>&<dir>")]
pub fn list_products(sort: String, dir: String) -> String {
    let col = sort_column(&sort);
    let order = direction(&dir);
    // ok: rust.sql-format-string
    let listed = format!("SELECT title FROM products ORDER BY {} {}", col, order);
    let raw = column_or_default(&sort);
    // ruleid: rust.sql-format-string
    let unchecked = format!("SELECT title FROM products ORDER BY {}", raw);
    let conn = rusqlite::Connection::open("shop.db").unwrap();
    // ok: rust.sql-format-query
    let first: String = conn.query_row(&listed, [], |r| r.get(0)).unwrap_or_default();
    // ruleid: rust.sql-format-query
    let second: String = conn.query_row(&unchecked, [], |r| r.get(0)).unwrap_or_default();
    format!("{}\n{}", first, second)
}

fn fetch_status(params: &std::collections::HashMap<&str, String>) -> String {
    let url = format!("{}://{}/status", params["scheme"], params["host"]);
    // ruleid: rust.ssrf
    reqwest::blocking::get(url).map(|r| r.status().to_string()).unwrap_or_default()
}

#[get("/probe?<host>")]
pub fn probe(host: String) -> String {
    let mut params = std::collections::HashMap::new();
    params.insert("scheme", "https".to_string());
    params.insert("host", host);
    fetch_status(&params)
}

#[get("/health")]
pub fn health() -> String {
    let mut params = std::collections::HashMap::new();
    params.insert("scheme", "https".to_string());
    params.insert("host", "status.internal".to_string());
    let url = format!("{}://{}/status", params["scheme"], params["host"]);
    // ok: rust.ssrf
    reqwest::blocking::get(url).map(|r| r.status().to_string()).unwrap_or_default()
}

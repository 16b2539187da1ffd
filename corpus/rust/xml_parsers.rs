// XML endpoints parsing posted documents with libxml.
use actix_web::{post, HttpResponse};
use libxml::parser::{Parser, ParserOptions};

#[post("/import")]
async fn import(body: String) -> HttpResponse {
    let parser = Parser::default();
    // ruleid: rust.libxml-entity-expansion
    let opts = ParserOptions { no_ent: true, no_net: false, ..Default::default() };
    let doc = parser.parse_string_with_options(&body, opts).unwrap();
    HttpResponse::Ok().body(doc.to_string())
}

#[post("/import-dtd")]
async fn import_dtd(body: String) -> HttpResponse {
    let parser = Parser::default();
    let opts = ParserOptions {
        // ruleid: rust.libxml-entity-expansion
        dtdload: true,
        ..Default::default()
    };
    let doc = parser.parse_string_with_options(&body, opts).unwrap();
    HttpResponse::Ok().body(doc.to_string())
}

#[post("/import-safe")]
async fn import_safe(body: String) -> HttpResponse {
    let parser = Parser::default();
    // ok: rust.libxml-entity-expansion
    let opts = ParserOptions { no_ent: false, no_net: true, ..Default::default() };
    let doc = parser.parse_string_with_options(&body, opts).unwrap();
    HttpResponse::Ok().body(doc.to_string())
}

#[post("/import-plain")]
async fn import_plain(body: String) -> HttpResponse {
    // ok: rust.libxml-entity-expansion
    let doc = Parser::default().parse_string(&body).unwrap();
    HttpResponse::Ok().body(doc.to_string())
}

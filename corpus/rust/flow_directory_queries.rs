// LDAP and XPath queries built from request values.
use actix_web::{web, HttpResponse};
use axum::extract::Query;
use ldap3::{LdapConnAsync, Scope, SearchEntry};
use std::collections::HashMap;
use sxd_document::parser;
use sxd_xpath::evaluate_xpath;

pub async fn lookup_employee(Query(q): Query<HashMap<String, String>>) -> String {
    let uid = q.get("uid").cloned().unwrap_or_default();
    let (conn, mut ldap) = LdapConnAsync::new("ldap://ldap.corp:389").await.unwrap();
    ldap3::drive!(conn);
    let filter = format!("(&(objectClass=person)(uid={}))", uid);
    let (rs, _) = ldap
        // ruleid: rust.ldap-injection
        .search("ou=people,dc=corp", Scope::Subtree, &filter, vec!["cn", "mail"])
        .await
        .unwrap()
        .success()
        .unwrap();
    let escaped = format!("(&(objectClass=person)(uid={}))", ldap3::ldap_escape(&uid));
    let (same, _) = ldap
        // ok: rust.ldap-injection
        .search("ou=people,dc=corp", Scope::Subtree, &escaped, vec!["cn", "mail"])
        .await
        .unwrap()
        .success()
        .unwrap();
    let all = rs.into_iter().chain(same);
    all.map(|e| SearchEntry::construct(e).dn).collect::<Vec<_>>().join("\n")
}

pub async fn find_price(sku: web::Path<String>) -> HttpResponse {
    let xml = std::fs::read_to_string("catalog.xml").unwrap();
    let pkg = parser::parse(&xml).unwrap();
    let doc = pkg.as_document();
    let expr = format!("//product[@sku='{}']/price/text()", sku.into_inner());
    // ruleid: rust.xpath-injection
    let value = evaluate_xpath(&doc, &expr).unwrap();
    // ok: rust.xpath-injection
    let total = evaluate_xpath(&doc, "count(//product)").unwrap();
    HttpResponse::Ok().body(format!("{} {}", value.string(), total.string()))
}

fn user_filter(name: &str) -> String {
    format!("(uid={})", name)
}

pub async fn login_lookup(Query(q): Query<HashMap<String, String>>) -> usize {
    let name = q.get("user").cloned().unwrap_or_default();
    let (conn, mut ldap) = LdapConnAsync::new("ldap://ldap.corp:389").await.unwrap();
    ldap3::drive!(conn);
    let filter = user_filter(&name);
    let base = format!("ou={},dc=corp", q.get("unit").cloned().unwrap_or_default());
    // ruleid: rust.ldap-injection
    let (rs, _) = ldap.search(&base, Scope::Subtree, &filter, vec!["cn"]).await.unwrap().success().unwrap();
    // ok: rust.ldap-injection
    let (staff, _) = ldap.search("ou=staff,dc=corp", Scope::Subtree, "(objectClass=person)", vec!["cn"]).await.unwrap().success().unwrap();
    rs.len() + staff.len()
}

pub async fn find_stock(Query(q): Query<HashMap<String, String>>) -> HttpResponse {
    let xml = std::fs::read_to_string("catalog.xml").unwrap();
    let pkg = parser::parse(&xml).unwrap();
    let doc = pkg.as_document();
    let factory = sxd_xpath::Factory::new();
    let name = q.get("name").cloned().unwrap_or_default();
    // ruleid: rust.xpath-injection
    let compiled = factory.build(&format!("//product[name='{}']/stock", name)).unwrap().unwrap();
    // ok: rust.xpath-injection
    let fixed = factory.build("//product[name=$name]/stock").unwrap().unwrap();
    let context = sxd_xpath::Context::new();
    let a = compiled.evaluate(&context, doc.root()).unwrap();
    let b = fixed.evaluate(&context, doc.root()).unwrap();
    HttpResponse::Ok().body(format!("{} {}", a.string(), b.string()))
}

pub async fn login(web::Form(form): web::Form<HashMap<String, String>>) -> HttpResponse {
    let (conn, mut ldap) = LdapConnAsync::new("ldap://ldap.corp:389").await.unwrap();
    ldap3::drive!(conn);
    let dn = format!("uid={},ou=people,dc=corp", form["user"]);
    // ruleid: rust.ldap-injection
    let bound = ldap.simple_bind(&dn, &form["pass"]).await;
    // ok: rust.ldap-injection
    let service = ldap.simple_bind("cn=svc,ou=services,dc=corp", &form["pass"]).await;
    match (bound, service) {
        (Ok(_), Ok(_)) => HttpResponse::Ok().finish(),
        _ => HttpResponse::Unauthorized().finish(),
    }
}

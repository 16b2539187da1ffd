//! A MongoDB filter the caller wrote whole: JSON from the request converted to a BSON document,
//! here or in a helper, or a body extracted as a document. A filter built with `doc!` from typed
//! string fields holds values only.
use actix_web::{post, web, HttpResponse};
use mongodb::bson::{doc, Document};
use mongodb::Collection;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
pub struct Lookup {
    tenant: String,
    email: String,
    filter: Value,
}

pub struct AccountRepo {
    accounts: Collection<Document>,
}

impl AccountRepo {
    fn scoped(tenant: &str, user_filter: Document) -> Document {
        let mut filter = user_filter;
        filter.insert("tenant", tenant);
        filter
    }

    pub async fn find_raw(&self, tenant: &str, raw: Value) -> Option<Document> {
        let user_filter = mongodb::bson::to_document(&raw).ok()?;
        let filter = Self::scoped(tenant, user_filter);
        // ruleid: rust.nosql-filter-from-request
        self.accounts.find_one(filter, None).await.ok()?
    }

    pub async fn find_by_email(&self, tenant: &str, email: &str) -> Option<Document> {
        let filter = doc! { "tenant": tenant, "email": email };
        // ok: rust.nosql-filter-from-request
        self.accounts.find_one(filter, None).await.ok()?
    }
}

#[post("/accounts/lookup")]
pub async fn lookup(repo: web::Data<AccountRepo>, body: web::Json<Lookup>) -> HttpResponse {
    let raw = repo.find_raw(&body.tenant, body.filter.clone()).await;
    let typed = repo.find_by_email(&body.tenant, &body.email).await;
    HttpResponse::Ok().json((raw.is_some(), typed.is_some()))
}

#[post("/accounts/delete")]
pub async fn delete(repo: web::Data<AccountRepo>, body: web::Json<Document>) -> HttpResponse {
    // ruleid: rust.nosql-filter-from-request
    let result = repo.accounts.delete_many(body.into_inner(), None).await;
    HttpResponse::Ok().json(result.is_ok())
}

#[post("/accounts/find")]
pub async fn find(repo: web::Data<AccountRepo>, body: web::Json<Lookup>) -> HttpResponse {
    let filter = doc! { "email": &body.email };
    // ok: rust.nosql-filter-from-request
    let found = repo.accounts.find_one(filter, None).await;
    HttpResponse::Ok().json(found.is_ok())
}

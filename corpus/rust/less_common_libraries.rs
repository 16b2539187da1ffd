// sea-query's custom fragments and MongoDB filters written over several lines.
use mongodb::bson::{doc, Document};
use mongodb::Collection;
use sea_query::{Expr, PostgresQueryBuilder, Query};

pub fn products_named(name: &str) -> String {
    let mut query = Query::select();
    query.column(Products::Id).from(Products::Table);
    // ruleid: rust.sql-format-query
    query.and_where(Expr::cust(format!("name ILIKE '%{}%'", name)));
    query.to_string(PostgresQueryBuilder)
}

pub fn products_named_bound(name: &str) -> String {
    let mut query = Query::select();
    query.column(Products::Id).from(Products::Table);
    // ok: rust.sql-format-query
    query.and_where(Expr::cust_with_values("name ILIKE $1", [format!("%{}%", name)]));
    query.to_string(PostgresQueryBuilder)
}

pub async fn open_tasks_for(tasks: &Collection<Document>, assignee: &str) -> mongodb::error::Result<()> {
    let filter = doc! {
        "done": false,
        // ruleid: rust.nosql-where
        "$where": format!("this.assignee == '{}'", assignee)
    };
    tasks.find(filter, None).await?;
    let plain = doc! {
        "done": false,
        // ok: rust.nosql-where
        "assignee": assignee
    };
    tasks.find(plain, None).await?;
    Ok(())
}

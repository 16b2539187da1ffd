// sea-query's custom fragments and MongoDB filters written over several lines.
use mongodb::bson::{doc, Document};
use mongodb::Collection;
use axum::extract::Query;
use sea_query::{Expr, PostgresQueryBuilder, Query as Select};
use serde::Deserialize;

pub fn products_named(name: &str) -> String {
    let mut query = Select::select();
    query.column(Products::Id).from(Products::Table);
    // ruleid: rust.sql-format-query
    query.and_where(Expr::cust(format!("name ILIKE '%{}%'", name)));
    query.to_string(PostgresQueryBuilder)
}

pub fn products_named_bound(name: &str) -> String {
    let mut query = Select::select();
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

#[derive(Deserialize)]
pub struct Search {
    q: String,
}

pub async fn search_titles(Query(search): Query<Search>) -> usize {
    // ruleid: rust.regex-injection
    let backtracking = onig::Regex::new(&search.q).unwrap();
    // ok: rust.regex-injection
    let literal = onig::Regex::new(&regex::escape(&search.q)).unwrap();
    // ok: rust.regex-injection
    let fixed = onig::Regex::new("^[a-z]+$").unwrap();
    [backtracking, literal, fixed].iter().filter(|re| re.find("title").is_some()).count()
}

pub mod drafts {
    use axum::extract::Form;
    use axum::response::Html;
    use pulldown_cmark::{html, Parser};
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Draft {
        markdown: String,
    }

    fn render_markdown(src: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new(src));
        out
    }

    pub async fn preview(Form(draft): Form<Draft>) -> Html<String> {
        let body = render_markdown(&draft.markdown);
        // ruleid: rust.html-format-response
        Html(format!("<article>{}</article>", body))
    }

    pub async fn preview_clean(Form(draft): Form<Draft>) -> Html<String> {
        let body = ammonia::clean(&render_markdown(&draft.markdown));
        // ok: rust.html-format-response
        Html(format!("<article>{}</article>", body))
    }
}

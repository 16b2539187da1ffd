// An upload that keeps only an allowed extension, and a purge whose schema name is read back
// from the database by a bound slug.
use axum::extract::{Multipart, Path, State};
use sqlx::PgPool;

pub async fn upload(mut form: Multipart) {
    while let Some(field) = form.next_field().await.unwrap() {
        let ext = field
            .file_name()
            .and_then(|n| n.rsplit('.').next())
            .filter(|e| matches!(*e, "png" | "jpg" | "pdf"))
            .unwrap_or("bin")
            .to_string();
        let data = field.bytes().await.unwrap();
        // ok: rust.path-traversal
        tokio::fs::write(format!("/srv/uploads/{}.{}", uuid::Uuid::new_v4(), ext), &data).await.unwrap();
    }
}

pub async fn upload_any_extension(mut form: Multipart) {
    while let Some(field) = form.next_field().await.unwrap() {
        let ext = field
            .file_name()
            .and_then(|n| n.rsplit('.').next())
            .unwrap_or("bin")
            .to_string();
        let data = field.bytes().await.unwrap();
        // ruleid: rust.path-traversal
        tokio::fs::write(format!("/srv/uploads/{}", ext), &data).await.unwrap();
    }
}

pub async fn purge(State(pool): State<PgPool>, Path(slug): Path<String>) {
    let row: Option<(String,)> = sqlx::query_as("SELECT schema_name FROM tenants WHERE slug = $1")
        .bind(&slug)
        .fetch_optional(&pool)
        .await
        .unwrap();
    let Some((schema,)) = row else { return };
    let stmt = format!("DELETE FROM \"{}\".sessions WHERE expires_at < now()", schema);
    // ok: rust.sql-format-query
    sqlx::query(&stmt).execute(&pool).await.unwrap();
    let by_slug = format!("DELETE FROM \"{}\".sessions", slug);
    // ruleid: rust.sql-format-query
    sqlx::query(&by_slug).execute(&pool).await.unwrap();
}

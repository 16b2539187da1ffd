// actix-web middleware (`middleware::from_fn`) is given the whole request as a
// `ServiceRequest`: its cookies and headers are the client's.
use actix_web::{
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    error::ErrorUnauthorized,
    middleware::Next,
    web,
};
use std::sync::Arc;
use tokio_postgres::Client;

pub struct Sessions {
    db: Arc<Client>,
}

impl Sessions {
    pub async fn user_of(&self, token: &str) -> Option<i32> {
        // ruleid: rust.sql-format-string
        let sql = format!("SELECT user_id FROM sessions WHERE token = '{}'", token);
        // ruleid: rust.sql-format-query
        let row = self.db.query_opt(&sql, &[]).await.ok()??;
        Some(row.get(0))
    }

    pub async fn user_of_bound(&self, token: &str) -> Option<i32> {
        // ok: rust.sql-format-query
        let row = self.db.query_opt("SELECT user_id FROM sessions WHERE token = $1", &[&token]).await.ok()??;
        Some(row.get(0))
    }
}

pub async fn require_session(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let sessions = req.app_data::<web::Data<Sessions>>().cloned().ok_or_else(|| ErrorUnauthorized("no sessions"))?;
    let token = req.cookie("session").map(|c| c.value().to_string()).ok_or_else(|| ErrorUnauthorized("login"))?;
    sessions.user_of(&token).await.ok_or_else(|| ErrorUnauthorized("expired"))?;
    sessions.user_of_bound(&token).await.ok_or_else(|| ErrorUnauthorized("expired"))?;
    next.call(req).await
}

// Fragments pasted from an assistant chat: no module, no imports, and the last one is cut off.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let app = Router::new()
        .route("/", get(index))
        .nest("/api", api_routes())
        // ruleid: rust.cors-permissive
        .layer(tower_http::cors::CorsLayer::permissive());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    axum::serve(listener, app).await?;
    Ok(())
}

// ok: rust.unsafe-block
unsafe extern "C" {
    fn getpid() -> i32;
    // ok: rust.static-mut
    static mut environ: *const *const std::ffi::c_char;
}

// ok: rust.unsafe-block
#[unsafe(no_mangle)]
pub extern "C" fn plugin_version() -> u32 {
    3
}

fn grpc_server() {
    let svc = GreeterServer::new(MyGreeter::default());
    // ruleid: rust.cors-permissive
    let cors = CorsLayer::permissive();
    Server::builder().accept_http1(true).layer(cors).add_service(tonic_web::enable(svc));
}

async fn lookup(pool: &PgPool, name: &str) -> Vec<PgRow> {
    // ruleid: rust.sql-format-query
    sqlx::query(&format!("SELECT * FROM pets WHERE name = '{}'", name)).fetch_all(pool).await.unwrap()
}

async fn purge(user: &str) {
    // ruleid: rust.shell-command-injection
    let out = tokio::process::Command::new("sh").arg("-c").arg(format!("rm -rf /data/{}", user)).output().await;
    println!("{:?}", out);
    let client = reqwest::Client::builder()
        // ruleid: rust.tls-verification-disabled
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    if let Ok(resp) = client.get(format!("https://backup.internal/{user}")).send().await {
        // ruleid: rust.transmute
        // ok: rust.unsafe-block
        let code: u16 = unsafe { std::mem::transmute(resp.status()) };
        for item in items {
            // ruleid: rust.world-writable-permissions
            std::fs::set_permissions(&item, std::fs::Permissions::from_mode(0o777)).ok();

// warp routes written inline: the closure a filter chain maps over receives what the filters
// extracted from the request (path segments, the query, the body), unless typed as a number.
use std::collections::HashMap;
use std::sync::Arc;
use warp::Filter;

pub fn attachments() -> impl Filter<Extract = impl warp::Reply, Error = warp::Rejection> + Clone {
    warp::path!("attachments" / String).map(|file: String| {
        // ruleid: rust.path-traversal
        let bytes = std::fs::read(format!("/var/attachments/{}", file)).unwrap_or_default();
        warp::reply::with_header(bytes, "content-type", "application/octet-stream")
    })
}

pub fn attachment_by_id() -> impl Filter<Extract = impl warp::Reply, Error = warp::Rejection> + Clone {
    warp::path!("attachments" / "id" / u64).map(|id: u64| {
        // ok: rust.path-traversal
        let bytes = std::fs::read(format!("/var/attachments/{}.bin", id)).unwrap_or_default();
        warp::reply::with_header(bytes, "content-type", "application/octet-stream")
    })
}

pub fn mirror(client: Arc<reqwest::Client>) -> impl Filter<Extract = impl warp::Reply, Error = warp::Rejection> + Clone {
    warp::path("mirror")
        .and(warp::query::<HashMap<String, String>>())
        .and_then(move |params: HashMap<String, String>| {
            let client = client.clone();
            async move {
                let target = params.get("src").cloned().unwrap_or_default();
                // ruleid: rust.ssrf
                let body = client.get(&target).send().await.map_err(|_| warp::reject())?;
                Ok::<_, warp::Rejection>(body.text().await.unwrap_or_default())
            }
        })
}

pub fn health(client: Arc<reqwest::Client>) -> impl Filter<Extract = impl warp::Reply, Error = warp::Rejection> + Clone {
    warp::path("health")
        .and(warp::any().map(move || client.clone()))
        .and_then(|http: Arc<reqwest::Client>| async move {
            // ok: rust.ssrf
            let body = http.get("http://127.0.0.1:9000/ready").send().await.map_err(|_| warp::reject())?;
            Ok::<_, warp::Rejection>(body.status().to_string())
        })
}

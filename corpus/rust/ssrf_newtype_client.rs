// A client kept in a newtype (`struct HttpClient(reqwest::Client)`) is used through `.0`.
#[macro_use]
extern crate rocket;

use rocket::State;

struct HttpClient(reqwest::Client);

const AVATAR_HOST: &str = "https://avatars.example.com/";

#[get("/img?<src>")]
async fn proxy_image(src: String, client: &State<HttpClient>) -> Option<Vec<u8>> {
    // ruleid: rust.ssrf
    let resp = client.0.get(&src).send().await.ok()?;
    Some(resp.bytes().await.ok()?.to_vec())
}

#[post("/img?<src>")]
async fn push_image(src: String, client: &State<HttpClient>) -> Option<String> {
    // ruleid: rust.ssrf
    let resp = client.0.post(&src).send().await.ok()?;
    resp.text().await.ok()
}

#[get("/avatar/<id>")]
async fn avatar(id: u64, client: &State<HttpClient>) -> Option<Vec<u8>> {
    // ok: rust.ssrf
    let resp = client.0.get(format!("{AVATAR_HOST}{id}.png")).send().await.ok()?;
    Some(resp.bytes().await.ok()?.to_vec())
}

#[get("/logo")]
async fn logo(client: &State<HttpClient>) -> Option<Vec<u8>> {
    // ok: rust.ssrf
    let resp = client.0.get(AVATAR_HOST).send().await.ok()?;
    Some(resp.bytes().await.ok()?.to_vec())
}

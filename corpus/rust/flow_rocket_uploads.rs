// Rocket uploads moved to a path: the folder the form names climbs out with `../`.
use rocket::form::Form;
use rocket::fs::TempFile;
use rocket::post;

#[derive(rocket::FromForm)]
pub struct Upload<'r> {
    folder: String,
    file: TempFile<'r>,
}

#[post("/upload", data = "<form>")]
pub async fn upload(mut form: Form<Upload<'_>>) -> std::io::Result<()> {
    let target = format!("media/{}/upload.bin", form.folder);
    // ruleid: rust.path-traversal
    form.file.persist_to(&target).await
}

#[post("/upload/fixed", data = "<form>")]
pub async fn upload_fixed(mut form: Form<Upload<'_>>) -> std::io::Result<()> {
    let target = format!("media/{}.bin", uuid::Uuid::new_v4());
    // ok: rust.path-traversal
    form.file.copy_to(&target).await
}

pub async fn ping_service(http: &reqwest::Client, form: Form<Upload<'_>>) -> bool {
    // ruleid: rust.ssrf
    http.head(form.folder.as_str()).send().await.is_ok()
}

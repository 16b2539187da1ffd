#[macro_use]
extern crate rocket;

use rocket::tokio::process::Command;

#[get("/tools/dig?<name>")]
async fn dig(name: &str) -> Option<String> {
    let output = Command::new("sh")
        .arg("-c")
        // ruleid: rust.shell-command-injection
        .arg(format!("dig +short {name}"))
        .output()
        .await
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[get("/tools/uptime")]
async fn uptime() -> Option<String> {
    let output = Command::new("sh")
        .arg("-c")
        // ok: rust.shell-command-injection
        .arg("uptime | cut -d, -f1")
        .output()
        .await
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![dig, uptime])
}

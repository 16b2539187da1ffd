use std::process::Command;
use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;

fn run(user: &str) -> std::io::Result<()> {
    let out = Command::new("sh").arg("-c").arg(format!("echo {user}")).output()?;
    fs::set_permissions("/tmp/x", fs::Permissions::from_mode(0o777))?;
    let _f = File::create("/tmp/x")?;
    let p = unsafe { std::ptr::null::<u8>().add(1) };
    let _ = (out, p);
    let key = "AKIAIOSFODNN7EXAMPLE";
    let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
    let q = format!("SELECT * FROM t WHERE name = '{}'", user);
    sqlx::query(&q);
    let _ = (key, client);
    Ok(())
}

macro_rules! m { ($($t:tt)*) => { $($t)* }; }
m! { fn f() {} }

fn main() {
    let args: Vec<String> = std::env::args().collect();
    run(&args[1]).unwrap();
}

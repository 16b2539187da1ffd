// A line-based TCP admin service: what a peer sends is as untrusted as a request.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::Command;
use tokio::io::AsyncReadExt;

fn serve_ping() {
    let listener = TcpListener::bind("127.0.0.1:7000").unwrap();
    for stream in listener.incoming() {
        let mut stream = stream.unwrap();
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line).unwrap();
        let host = line.trim();
        // ruleid: rust.shell-command-injection
        let out = Command::new("sh").arg("-c").arg(format!("ping -c1 {}", host)).output().unwrap();
        // ok: rust.shell-command-injection
        let _ = Command::new("sh").arg("-c").arg("uptime").output();
        stream.write_all(&out.stdout).unwrap();
    }
}

async fn serve_files(listener: tokio::net::TcpListener) {
    loop {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 1024];
        let n = socket.read(&mut buf).await.unwrap();
        let name = String::from_utf8_lossy(&buf[..n]).to_string();
        // ruleid: rust.path-traversal
        let _ = std::fs::read_to_string(format!("/srv/files/{}", name));
        // ok: rust.path-traversal
        let _ = std::fs::read_to_string("/srv/files/motd.txt");
    }
}

fn serve_scripts(engine: &rhai::Engine) {
    let listener = TcpListener::bind("0.0.0.0:7001").unwrap();
    for conn in listener.incoming() {
        let mut conn = conn.unwrap();
        let mut script = String::new();
        conn.read_to_string(&mut script).unwrap();
        // ruleid: rust.script-eval-untrusted
        let _ = engine.eval::<i64>(&script);
        // ok: rust.script-eval-untrusted
        let _ = engine.eval::<i64>("40 + 2");
    }
}

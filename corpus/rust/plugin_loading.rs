// A plugin host that loads shared libraries by name.
use axum::extract::Query;
use libloading::{Library, Symbol};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PluginReq {
    pub name: String,
}

pub struct Book {
    pub title: String,
}

mod catalogue {
    pub struct Library {
        pub books: Vec<super::Book>,
    }
    impl Library {
        pub fn new(owner: String) -> Self {
            let _ = owner;
            Library { books: Vec::new() }
        }
    }
}

pub async fn load_plugin(Query(p): Query<PluginReq>) -> String {
    let path = format!("./plugins/{}.so", p.name);
    // ruleid: rust.unsafe-block
    unsafe {
        // ruleid: rust.library-load-untrusted
        let lib = Library::new(&path).unwrap();
        let init: Symbol<unsafe extern "C" fn() -> i32> = lib.get(b"plugin_init").unwrap();
        init().to_string()
    }
}

pub async fn load_known_plugin(Query(p): Query<PluginReq>) -> String {
    let path = match p.name.as_str() {
        "csv" => "./plugins/libcsv.so",
        _ => "./plugins/libjson.so",
    };
    // ruleid: rust.unsafe-block
    unsafe {
        // ok: rust.library-load-untrusted
        let lib = Library::new(path).unwrap();
        let init: Symbol<unsafe extern "C" fn() -> i32> = lib.get(b"plugin_init").unwrap();
        init().to_string()
    }
}

pub async fn new_catalogue(Query(p): Query<PluginReq>) -> usize {
    // ok: rust.library-load-untrusted
    let shelf = catalogue::Library::new(p.name);
    shelf.books.len()
}

fn open_codec(name: &str) -> Result<Library, libloading::Error> {
    // ruleid: rust.library-load-untrusted, rust.unsafe-block
    unsafe { Library::new(format!("/opt/codecs/lib{}.so", name)) }
}

pub async fn transcode(Query(p): Query<PluginReq>) -> String {
    open_codec(&p.name).map(|_| "ok".to_string()).unwrap_or_default()
}

fn main() {
    let chosen = std::env::args().nth(1).unwrap_or_default();
    // ok: rust.library-load-untrusted
    // ruleid: rust.unsafe-block
    let _lib = unsafe { Library::new(chosen) };
}

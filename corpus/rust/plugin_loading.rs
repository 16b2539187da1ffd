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

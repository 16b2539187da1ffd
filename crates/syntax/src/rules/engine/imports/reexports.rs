//! Names a module passes on from another one without defining them: Python's `from .x import f`
//! (an `__init__.py` gathering a package's API) and `from .x import *`, JavaScript /
//! TypeScript's `export { f } from "./x"`, `export { default as f } from "./x"` and
//! `export * from "./x"`, Rust's `pub use x::f;`, `pub use x::{f, g as h};` and `pub use x::*;`.
//!
//! Read from the text, without a parse: each answer is only a candidate, which the caller
//! resolves from the re-exporting file like any call of it (through the same bounds).

use crate::lang::Language;

/// The canonical names (as the re-exporting file would call them: `.x.f`, `./x.f`,
/// `self::x::f`) that `member` of a module with this `text` may stand for, most specific
/// first. `member` may be `Class.method`: the class is what is re-exported.
pub(super) fn candidates(language: Language, text: &str, member: &str) -> Vec<String> {
    let (head, tail) = match member.split_once('.') {
        Some((head, tail)) => (head, Some(tail)),
        None => (member, None),
    };
    let mut named = Vec::new();
    let mut globs = Vec::new();
    match language {
        Language::Python => python(text, head, &mut named, &mut globs),
        Language::Rust => rust(text, head, &mut named, &mut globs),
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            javascript(text, head, &mut named, &mut globs);
        }
    }
    let separator = if language == Language::Rust {
        "::"
    } else {
        "."
    };
    let with_tail = |name: String| match tail {
        Some(tail) => format!("{name}{separator}{tail}"),
        None => name,
    };
    named
        .into_iter()
        .map(with_tail)
        .chain(globs.into_iter().map(|module| {
            let name = format!("{module}{separator}{head}");
            with_tail(name)
        }))
        .collect()
}

/// `from X import a, b as c` / `from X import (a,\n b)` / `from X import *`.
fn python(text: &str, wanted: &str, named: &mut Vec<String>, globs: &mut Vec<String>) {
    for (at, _) in text.match_indices("from ") {
        // At the start of a line.
        if at > 0 && !text[..at].ends_with('\n') {
            continue;
        }
        let statement = &text[at + "from ".len()..];
        let Some((module, rest)) = statement.split_once(" import ") else {
            continue;
        };
        let module = module.trim();
        if module.is_empty()
            || !module
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        {
            continue;
        }
        let rest = rest.trim_start();
        let names = match rest.strip_prefix('(') {
            Some(inner) => inner.split(')').next().unwrap_or(""),
            None => rest.lines().next().unwrap_or(""),
        };
        let names = names.split('#').next().unwrap_or("");
        if names.trim() == "*" {
            globs.push(module.to_string());
            continue;
        }
        for item in names.split(',') {
            let words: Vec<&str> = item.split_whitespace().collect();
            let (original, local) = match words.as_slice() {
                [name] => (*name, *name),
                [name, "as", local] => (*name, *local),
                _ => continue,
            };
            if local == wanted {
                let joint = if module.ends_with('.') { "" } else { "." };
                named.push(format!("{module}{joint}{original}"));
            }
        }
    }
}

/// `export { a, b as c, default as d } from "./x"` / `export * from "./x"`.
fn javascript(text: &str, wanted: &str, named: &mut Vec<String>, globs: &mut Vec<String>) {
    for (at, _) in text.match_indices("export") {
        let statement = text[at + "export".len()..].trim_start();
        let (names, rest) = if let Some(rest) = statement.strip_prefix('*') {
            // `export * as ns from` re-exports a namespace, not the names.
            (None, rest)
        } else if let Some(inner) = statement.strip_prefix('{') {
            let Some((names, rest)) = inner.split_once('}') else {
                continue;
            };
            (Some(names), rest)
        } else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix("from") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(spec) = rest[1..].split(quote).next() else {
            continue;
        };
        if !(spec.starts_with("./") || spec.starts_with("../")) {
            continue;
        }
        let Some(names) = names else {
            globs.push(spec.to_string());
            continue;
        };
        for item in names.split(',') {
            let words: Vec<&str> = item.split_whitespace().filter(|w| *w != "type").collect();
            let (original, local) = match words.as_slice() {
                [name] => (*name, *name),
                [name, "as", local] => (*name, *local),
                _ => continue,
            };
            if local == wanted {
                named.push(if original == "default" {
                    spec.to_string()
                } else {
                    format!("{spec}.{original}")
                });
            }
        }
    }
}

/// `pub use path::a;`, `pub use path::{a, b as c};`, `pub use path::*;` (also `pub(crate)`).
fn rust(text: &str, wanted: &str, named: &mut Vec<String>, globs: &mut Vec<String>) {
    for (at, _) in text.match_indices("pub") {
        let rest = &text[at + "pub".len()..];
        let rest = match rest.strip_prefix('(') {
            Some(inner) => inner.split_once(')').map_or("", |(_, r)| r),
            None => rest,
        };
        let Some(rest) = rest.trim_start().strip_prefix("use ") else {
            continue;
        };
        let Some(statement) = rest.split(';').next() else {
            continue;
        };
        let statement: String = statement.split_whitespace().collect::<Vec<_>>().join(" ");
        let (path, items) = match statement.split_once("::{") {
            Some((path, items)) => (path.to_string(), items.trim_end_matches('}').to_string()),
            None => match statement.rsplit_once("::") {
                Some((path, item)) => (path.to_string(), item.to_string()),
                None => continue,
            },
        };
        let path = path.trim();
        for item in items.split(',') {
            let words: Vec<&str> = item.split_whitespace().collect();
            match words.as_slice() {
                ["*"] => globs.push(path.to_string()),
                [name] if *name == wanted => named.push(format!("{path}::{name}")),
                [name, "as", local] if *local == wanted => {
                    named.push(format!("{path}::{name}"));
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::candidates;
    use crate::lang::Language;

    #[test]
    fn python_names_aliases_parentheses_and_globs() {
        let text = "from .clients import fetch, get as load\nfrom ..core import (\n    Client,\n    other,\n)\nfrom .extra import *\nx = 'from .y import fetch'\n";
        assert_eq!(
            candidates(Language::Python, text, "fetch"),
            [".clients.fetch", ".extra.fetch"]
        );
        assert_eq!(
            candidates(Language::Python, text, "load"),
            [".clients.get", ".extra.load"]
        );
        assert_eq!(
            candidates(Language::Python, text, "Client.get"),
            ["..core.Client.get", ".extra.Client.get"]
        );
        assert_eq!(
            candidates(Language::Python, "import os\n", "fetch"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn javascript_named_default_and_star_re_exports() {
        let text = "export { fetchUrl, load as get } from \"./client\";\nexport { default as run } from './runner';\nexport * from \"./more\";\nexport * as ns from \"./ns\";\nexport { x } from \"lodash\";\n";
        let found = |m| candidates(Language::TypeScript, text, m);
        assert_eq!(found("fetchUrl"), ["./client.fetchUrl", "./more.fetchUrl"]);
        assert_eq!(found("get"), ["./client.load", "./more.get"]);
        assert_eq!(found("run"), ["./runner", "./more.run"]);
        assert_eq!(found("x"), ["./more.x"]);
    }

    #[test]
    fn rust_pub_use_lists_aliases_and_globs() {
        let text = "mod client;\npub use client::fetch;\npub(crate) use self::store::{read, write as save};\npub use crate::net::*;\nuse private::hidden;\n";
        let found = |m| candidates(Language::Rust, text, m);
        assert_eq!(found("fetch"), ["client::fetch", "crate::net::fetch"]);
        assert_eq!(found("save"), ["self::store::write", "crate::net::save"]);
        assert_eq!(found("hidden"), ["crate::net::hidden"]);
    }
}

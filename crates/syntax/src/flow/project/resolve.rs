//! From a canonical callee name (as `names/` spells it) to the files of the project that may
//! define it, with the member to look up there. Candidates only: the caller keeps the first
//! that lies inside the project root (`Project::inside`) and defines the member.
//!
//! | language | written | canonical | candidates |
//! | --- | --- | --- | --- |
//! | Python | `from .services import fetch` | `.services.fetch` | `services.py`, `services/__init__.py` beside the file |
//! | Python | `from myapp.clients import get` | `myapp.clients.get` | `myapp/clients.py` (or `__init__.py`) in the file's directory and each one above it, up to the root |
//! | JS/TS | `import { f } from "./svc"`, `require("./svc").f` | `./svc.f` | `svc` + `.ts .tsx .js .jsx .mjs .cjs .mts .cts`, `svc/index.*`; `./svc.js` also as `svc.ts` |
//! | JS/TS | `import svc from "./svc"` … `svc(x)` | `./svc` | its default export |
//! | Rust | `use crate::service::fetch` | `crate::service::fetch` | `service.rs`, `service/mod.rs` beside the crate root (`main.rs`, `lib.rs`) |
//! | Rust | `mod service;` … `service::fetch` | `service::fetch` | the module's own directory, then the crate root's |
//! | Rust | `super::f`, `self::x::f` | | the parent module's file, the module's own directory |

use crate::lang::Language;
use std::path::{Path, PathBuf};

/// The member a default import or `require` of the module itself calls.
pub(crate) const DEFAULT: &str = "default";

const JS_EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// Where `canonical`, called in `from` (a file below `root`), may be defined: (file, member).
pub(crate) fn candidates(
    language: Language,
    from: &Path,
    root: &Path,
    canonical: &str,
) -> Vec<(PathBuf, String)> {
    match language {
        Language::Python => python(from, root, canonical),
        Language::JavaScript | Language::TypeScript | Language::Tsx => javascript(from, canonical),
        Language::Rust => rust(from, root, canonical),
    }
}

fn python(from: &Path, root: &Path, canonical: &str) -> Vec<(PathBuf, String)> {
    let dots = canonical.chars().take_while(|&c| c == '.').count();
    let rest = &canonical[dots..];
    let mut segments: Vec<&str> = rest.split('.').collect();
    // A function, or a type's method (`FileStore.read`).
    let Some(member) = segments
        .pop()
        .filter(|m| m.split('.').count() <= 2 && m.split('.').all(is_name))
    else {
        return Vec::new();
    };
    if !segments.iter().all(|s| is_name(s)) {
        return Vec::new();
    }
    let mut out = python_module(from, root, dots, &segments, member);
    // A method of a class or of a module-level object of a module (`.services.Client.get`,
    // `.clients.client.get`): `Client.get` in the module named without the last segment.
    if let Some((class, module)) = segments.split_last()
        && (dots > 0 || !module.is_empty())
    {
        out.extend(python_module(
            from,
            root,
            dots,
            module,
            &format!("{class}.{member}"),
        ));
    }
    out
}

/// The files that may hold module `segments` (after `dots` leading dots) as seen from `from`,
/// each with `member`.
fn python_module(
    from: &Path,
    root: &Path,
    dots: usize,
    segments: &[&str],
    member: &str,
) -> Vec<(PathBuf, String)> {
    let Some(dir) = from.parent() else {
        return Vec::new();
    };
    let bases: Vec<PathBuf> = if dots > 0 {
        let mut base = dir.to_path_buf();
        for _ in 1..dots {
            if !base.pop() {
                return Vec::new();
            }
        }
        vec![base]
    } else {
        if segments.is_empty() {
            return Vec::new(); // a builtin or a name of this file
        }
        dir.ancestors()
            .take_while(|a| a.starts_with(root))
            .map(Path::to_path_buf)
            .collect()
    };
    let mut out = Vec::new();
    for base in bases {
        let mut module = base;
        module.extend(segments);
        if segments.is_empty() {
            out.push((module.join("__init__.py"), member.to_string()));
            continue;
        }
        out.push((module.with_extension("py"), member.to_string()));
        out.push((module.join("__init__.py"), member.to_string()));
    }
    out
}

fn javascript(from: &Path, canonical: &str) -> Vec<(PathBuf, String)> {
    if !(canonical.starts_with("./") || canonical.starts_with("../")) {
        return Vec::new();
    }
    let Some(dir) = from.parent() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // The module itself (a default import called), then the module and one member.
    let mut specs = vec![(canonical, DEFAULT)];
    if let Some((spec, member)) = canonical.rsplit_once('.')
        && is_name(member)
        && !spec.ends_with('.')
        && !spec.ends_with('/')
    {
        specs.push((spec, member));
        // A method of an exported class: `./reports.service.ReportsService.read`.
        if let Some((module, class)) = spec.rsplit_once('.')
            && is_name(class)
            && !module.ends_with('.')
            && !module.ends_with('/')
        {
            specs.push((module, &canonical[module.len() + 1..]));
        }
    }
    for (spec, member) in specs {
        let base = dir.join(spec);
        let mut files = Vec::new();
        let extension = base.extension().and_then(|e| e.to_str()).unwrap_or("");
        if JS_EXTENSIONS.contains(&extension) {
            files.push(base.clone());
            // TypeScript's `import "./x.js"` of `x.ts`.
            if matches!(extension, "js" | "jsx" | "mjs" | "cjs") {
                for ts in ["ts", "tsx", "mts", "cts"] {
                    files.push(base.with_extension(ts));
                }
            }
        }
        for ext in JS_EXTENSIONS {
            files.push(PathBuf::from(format!("{}.{ext}", base.display())));
        }
        for ext in JS_EXTENSIONS {
            files.push(base.join(format!("index.{ext}")));
        }
        out.extend(files.into_iter().map(|f| (f, member.to_string())));
    }
    out
}

fn rust(from: &Path, root: &Path, canonical: &str) -> Vec<(PathBuf, String)> {
    let mut segments: Vec<&str> = canonical.split("::").collect();
    // A function, or a type's method (`FileStore.read`).
    let Some(member) = segments
        .pop()
        .filter(|m| m.split('.').count() <= 2 && m.split('.').all(is_name))
    else {
        return Vec::new();
    };
    if segments.is_empty() || !segments.iter().all(|s| is_name(s)) {
        return Vec::new();
    }
    let Some(dir) = from.parent() else {
        return Vec::new();
    };
    // The crate root's directory: the nearest one above with `main.rs` or `lib.rs`.
    let crate_dir = dir
        .ancestors()
        .take_while(|a| a.starts_with(root))
        .find(|d| d.join("main.rs").is_file() || d.join("lib.rs").is_file())
        .map(Path::to_path_buf);
    // The directory of this module's children.
    let stem = from.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let own = if matches!(stem, "main" | "lib" | "mod") {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    let starts: Vec<(PathBuf, &[&str])> = match segments[0] {
        "crate" => crate_dir
            .iter()
            .map(|d| (d.clone(), &segments[1..]))
            .collect(),
        "self" => vec![(own.clone(), &segments[1..])],
        "super" => {
            let mut base = own.clone();
            let mut rest = &segments[..];
            while rest.first() == Some(&"super") {
                if !base.pop() {
                    return Vec::new();
                }
                rest = &rest[1..];
            }
            vec![(base, rest)]
        }
        _ => {
            let mut starts = vec![(own.clone(), &segments[..])];
            if let Some(c) = crate_dir.as_ref().filter(|c| **c != own) {
                starts.push((c.clone(), &segments[..]));
            }
            starts
        }
    };
    let mut out = Vec::new();
    for (base, modules) in starts {
        let mut module = base;
        module.extend(modules);
        let files = if modules.is_empty() {
            // A function of the module whose children live in `module`.
            if crate_dir.as_ref() == Some(&module) {
                vec![module.join("main.rs"), module.join("lib.rs")]
            } else {
                vec![module.with_extension("rs"), module.join("mod.rs")]
            }
        } else {
            vec![module.with_extension("rs"), module.join("mod.rs")]
        };
        out.extend(files.into_iter().map(|f| (f, member.to_string())));
    }
    out
}

fn is_name(segment: &str) -> bool {
    !segment.is_empty()
        && segment
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

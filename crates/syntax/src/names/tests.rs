use super::*;
use crate::lang::walk_tree;

/// The canonical name of every call's callee in `source`, in document order.
fn callees(language: Language, source: &str) -> Vec<String> {
    let tree = crate::analysis::parse(language, source, None).expect("parses");
    let names = Names::of(language, &tree, source.as_bytes());
    let mut found = Vec::new();
    walk_tree(&tree, |node| {
        if matches!(node.kind(), "call" | "call_expression")
            && let Some(function) = node.child_by_field_name("function")
        {
            found.push(
                names
                    .resolve(function, source.as_bytes())
                    .unwrap_or_else(|| "?".into()),
            );
        }
    });
    found
}

#[test]
fn python_imports_and_aliases_resolve() {
    let source = "\
import subprocess as sp
import os.path
import xml.etree.ElementTree as ET
from hashlib import md5 as h, sha1
from yaml import (load,
    dump as d)
from . import sibling
from ..pkg import helper as hp
sp.run(cmd)
h(x)
sha1(x)
os.path.join(a)
ET.parse(f)
load(s)
d(s)
sibling.go()
hp()
hashlib.md5(x)
runner = sp.check_output
runner(cmd)
local = compute()
local()
f().g()
";
    assert_eq!(
        callees(Language::Python, source),
        [
            "subprocess.run",
            "hashlib.md5",
            "hashlib.sha1",
            "os.path.join",
            "xml.etree.ElementTree.parse",
            "yaml.load",
            "yaml.dump",
            ".sibling.go",
            "..pkg.helper",
            "hashlib.md5",
            "subprocess.check_output",
            "compute",
            "local",
            "?",
            "f",
        ]
    );
}

#[test]
fn javascript_imports_from_module_cdns_name_the_package() {
    let source = "\
import DOMPurify from 'https://cdn.jsdelivr.net/npm/dompurify@3/dist/purify.es.mjs';
import { marked } from 'https://esm.sh/marked@12?bundle';
import * as scoped from 'https://unpkg.com/@scope/pkg@1.2.0/index.js';
import other from 'https://example.com/lib.js';
DOMPurify.sanitize(html);
marked.parse(md);
scoped.run(x);
other.go(y);
";
    assert_eq!(
        callees(Language::JavaScript, source),
        [
            "dompurify.sanitize",
            "marked.marked.parse",
            "@scope/pkg.run",
            "https://example.com/lib.js.go",
        ]
    );
}

#[test]
fn javascript_requires_and_imports_resolve() {
    let source = "\
const cp = require('child_process');
const { exec, spawn: sp, execFile = null } = require('node:child_process');
const run = require('child_process').execSync;
import fs from 'node:fs';
import * as path from 'path';
import { createHash as hash, default as crypto } from 'crypto';
const { readFile } = fs;
cp.exec(cmd);
exec(cmd);
sp(cmd);
execFile(cmd);
run(cmd);
fs.readFileSync(p);
path.join(a);
hash('md5');
crypto.createHash('md5');
readFile(p);
require('child_process').exec(cmd);
notImported.exec(cmd);
";
    let found = callees(Language::JavaScript, source);
    let expected = [
        "require",
        "require",
        "require",
        "child_process.exec",
        "child_process.exec",
        "child_process.spawn",
        "child_process.execFile",
        "child_process.execSync",
        "fs.readFileSync",
        "path.join",
        "crypto.createHash",
        "crypto.createHash",
        "fs.readFile",
        "child_process.exec",
        "require",
        "notImported.exec",
    ];
    assert_eq!(found, expected);
    // TypeScript reads the same way.
    assert_eq!(callees(Language::TypeScript, source), expected);
}

#[test]
fn rust_use_declarations_resolve() {
    let source = "\
use std::process::Command as Cmd;
use reqwest::blocking::get;
use std::{fs, io::{self, Read}, env::var as env_var};
use ::openssl::ssl::*;
use tokio::process::{self as tproc};
fn main() {
    Cmd::new(\"sh\");
    get(url);
    fs::read(p);
    io::stdin();
    env_var(\"X\");
    std::process::Command::new(\"ls\");
    SslConnector::builder(m);
    local();
    tproc::Command::new(\"x\");
}
";
    assert_eq!(
        callees(Language::Rust, source),
        [
            "std::process::Command::new",
            "reqwest::blocking::get",
            "std::fs::read",
            "std::io::stdin",
            "std::env::var",
            "std::process::Command::new",
            "SslConnector::builder",
            "local",
            "tokio::process::Command::new",
        ]
    );
}

#[test]
fn rust_framework_reexports_resolve_to_the_crate_they_reexport() {
    let source = "\
use rocket::tokio::process::Command;
use rocket::{futures::stream, tokio::fs as rfs};
use axum::http::HeaderValue;
fn main() {
    Command::new(\"sh\");
    stream::iter(v);
    rfs::read(p);
    HeaderValue::from_str(s);
    rocket::tokio::process::Command::new(\"sh\");
    actix_web::rt::spawn(job);
}
";
    assert_eq!(
        callees(Language::Rust, source),
        [
            "tokio::process::Command::new",
            "futures::stream::iter",
            "tokio::fs::read",
            "http::HeaderValue::from_str",
            "tokio::process::Command::new",
            "actix_rt::spawn",
        ]
    );
}

#[test]
fn globs_make_unbound_names_candidate_members() {
    let source = "from os import *\nfrom subprocess import run\nsystem(cmd)\nrun(x)\n";
    let tree = crate::analysis::parse(Language::Python, source, None).unwrap();
    let names = Names::of(Language::Python, &tree, source.as_bytes());
    let mut calls = Vec::new();
    walk_tree(&tree, |node| {
        if node.kind() == "call" {
            calls.push(node.child_by_field_name("function").unwrap());
        }
    });
    let os_system = [NamePattern::parse("os.system")];
    let os_any = [NamePattern::parse("os.*")];
    assert!(names.matches(calls[0], source.as_bytes(), &os_system));
    assert!(names.matches(calls[0], source.as_bytes(), &os_any));
    // `run` is bound to subprocess, so the glob does not claim it.
    assert!(!names.matches(calls[1], source.as_bytes(), &os_any));
    assert!(names.matches(
        calls[1],
        source.as_bytes(),
        &[NamePattern::parse("subprocess.*")]
    ));
}

#[test]
fn name_patterns() {
    assert!(NamePattern::parse("a.b").matches("a.b"));
    assert!(!NamePattern::parse("a.b").matches("a.bc"));
    assert!(NamePattern::parse("a.*").matches("a.b"));
    assert!(NamePattern::parse("a.*").matches("a.b.c"));
    assert!(!NamePattern::parse("a.*").matches("a"));
    assert!(!NamePattern::parse("a.*").matches("ab.c"));
    assert!(NamePattern::parse("std::fs::*").matches("std::fs::read"));
}

#[test]
fn promisified_functions_keep_their_name() {
    let source = "\
import { promisify } from 'util';
import fs from 'node:fs';
const util = require('node:util');
const { exec } = require('child_process');
const run = promisify(exec);
const read = util.promisify(fs.readFile);
const local = promisify(helper);
const sh = util.promisify(require('node:child_process').execFile);
run(cmd);
read(p);
local(x);
sh(cmd);
";
    assert_eq!(
        callees(Language::TypeScript, source),
        [
            "require",
            "require",
            "util.promisify",
            "util.promisify",
            "util.promisify",
            "util.promisify",
            "require",
            "child_process.exec",
            "fs.readFile",
            "local",
            "child_process.execFile",
        ]
    );
}

#[test]
fn a_module_chosen_between_two_imports_is_the_first() {
    let source = "\
const http = require('http');
const https = require('node:https');
const client = process.env.TLS ? https : http;
const other = flag ? https : makeClient();
client.get(url);
other.get(url);
";
    assert_eq!(
        callees(Language::JavaScript, source),
        ["require", "require", "makeClient", "https.get", "other.get"]
    );
}

#[test]
fn a_functions_own_module_alias_is_known_by_where_it_is_declared() {
    let source =
        "const https = require('https');\nfunction f() {\n  const lib = https;\n  lib.get(u);\n}\n";
    let tree = crate::analysis::parse(Language::JavaScript, source, None).expect("parses");
    let names = Names::of(Language::JavaScript, &tree, source.as_bytes());
    let function = source.find("function").unwrap()..source.len();
    assert!(names.declared_within("lib", function.clone()));
    assert!(!names.declared_within("lib", 0..function.start));
    // The same names one line lower: equal (an incremental re-check compares them).
    let moved = format!("\n{source}");
    let tree = crate::analysis::parse(Language::JavaScript, &moved, None).expect("parses");
    assert_eq!(
        names,
        Names::of(Language::JavaScript, &tree, moved.as_bytes())
    );
}

#[test]
fn other_names_for_code_runners_are_the_globals() {
    let source = "\
const run = eval;
const g = globalThis.eval;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
const Made = Object.getPrototypeOf(new Map()).constructor;
const e = other.eval;
const wrapped = ((globalThis.eval));
run(a);
g(a);
AsyncFunction(a);
Made(a);
e(a);
wrapped(a);
";
    assert_eq!(
        callees(Language::JavaScript, source),
        [
            "Object.getPrototypeOf",
            "Object.getPrototypeOf",
            "eval",
            "eval",
            "Function",
            "Made",
            "e",
            "eval"
        ]
    );
}

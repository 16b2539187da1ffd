//! Install commands as dependency declarations: the packages that `pip install x`, `npm i x`,
//! `cargo add x` and their kin name in Markdown code blocks, shell scripts, Dockerfile `RUN`
//! lines, Makefile recipes, GitHub workflow `run:` steps and assistant instruction files
//! (`AGENTS.md`, `CLAUDE.md`, `.cursorrules`, `.github/copilot-instructions.md`).
//!
//! Three steps: `shell_regions` finds the byte ranges of a file that hold shell, `words`
//! splits them into commands of words that remember where each byte came from (quotes and
//! `\`-newlines do not lose a name's exact span), and [`install_names`] reads each command with a
//! small grammar per package manager: options and their values are skipped, pins, extras and npm
//! scopes are understood, and git, URL, path and archive forms are not registry names. A command
//! that names another index or registry (`--index-url`, `--registry`, `--git`, `--path`) is not
//! the public registry's to answer for and yields nothing.

use super::{Ecosystem, parse_pep508};
use crate::text::{LineIndex, Span};
use std::path::Path;

/// A registry package an install command names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallName {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// The exact bytes of the name in the file.
    pub span: Span,
    /// The exact version pinned (`x==1.2`, `x@1.2.3`), if any.
    pub pinned: Option<String>,
}

/// The kinds of file that hold install commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Markdown and assistant instruction files: shell code blocks only.
    Markdown,
    Shell,
    Dockerfile,
    Makefile,
    Workflow,
}

impl Source {
    fn from_path(path: &Path) -> Option<Source> {
        let file = path.file_name()?.to_str()?;
        let lower = file.to_ascii_lowercase();
        let ext = Path::new(&lower).extension().and_then(|e| e.to_str());
        let mut dirs = path.ancestors().skip(1).filter_map(|d| d.file_name());
        let in_workflows =
            dirs.next() == Some("workflows".as_ref()) && dirs.next() == Some(".github".as_ref());
        match ext {
            _ if lower == ".cursorrules" => Some(Source::Markdown),
            Some("md" | "markdown") => Some(Source::Markdown),
            Some("sh" | "bash") => Some(Source::Shell),
            Some("yml" | "yaml") if in_workflows => Some(Source::Workflow),
            Some("dockerfile") => Some(Source::Dockerfile),
            Some("mk") => Some(Source::Makefile),
            _ if lower == "dockerfile"
                || lower.starts_with("dockerfile.")
                || lower == "containerfile" =>
            {
                Some(Source::Dockerfile)
            }
            _ if lower == "makefile" || lower == "gnumakefile" => Some(Source::Makefile),
            _ => None,
        }
    }
}

/// Whether `path` is a file whose install commands are checked.
pub fn is_install_source(path: &Path) -> bool {
    Source::from_path(path).is_some()
}

/// The registry packages the install commands of `text` (read as `path` says) name.
pub fn install_names(path: &Path, text: &str) -> Vec<InstallName> {
    let Some(source) = Source::from_path(path) else {
        return Vec::new();
    };
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    for (start, end) in shell_regions(source, text) {
        for command in words(text, start, end) {
            for (ecosystem, word, range, pinned) in command_names(&command) {
                let (s, e) = (word.offsets[range.0], word.end_of(range.1));
                out.push(InstallName {
                    ecosystem,
                    name: word.value[range.0..range.1].to_string(),
                    span: lines.span(s, e),
                    pinned,
                });
            }
        }
    }
    out
}

/// Byte ranges of `text` that hold shell commands.
fn shell_regions(source: Source, text: &str) -> Vec<(usize, usize)> {
    let lines = line_ranges(text);
    match source {
        Source::Shell => vec![(0, text.len())],
        Source::Markdown => markdown_regions(text, &lines),
        Source::Dockerfile => logical_lines(text, &lines, |line| {
            let trimmed = line.trim_start();
            let keyword = trimmed.get(..4)?;
            (keyword.eq_ignore_ascii_case("run ") || keyword.eq_ignore_ascii_case("run\t"))
                .then(|| line.len() - trimmed.len() + 4)
        }),
        Source::Makefile => logical_lines(text, &lines, |line| {
            let body = line.strip_prefix('\t')?;
            let prefix = body.len() - body.trim_start_matches(['@', '-', '+', ' ']).len();
            Some(1 + prefix)
        }),
        Source::Workflow => workflow_regions(text, &lines),
    }
}

/// `(start, end)` of every line, without its line break.
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        out.push((start, start + body.len()));
        start += line.len();
    }
    out
}

/// Lines where `offset` finds a command (returning where it starts in the line), with the lines
/// a trailing `\` continues.
fn logical_lines(
    text: &str,
    lines: &[(usize, usize)],
    offset: impl Fn(&str) -> Option<usize>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (start, end) = lines[i];
        if let Some(at) = offset(&text[start..end]) {
            let mut last = i;
            while text[lines[last].0..lines[last].1].ends_with('\\') && last + 1 < lines.len() {
                last += 1;
            }
            out.push(((start + at).min(end), lines[last].1));
            i = last;
        }
        i += 1;
    }
    out
}

/// Shell lines of fenced code blocks labelled `sh`, `bash`, `shell`, `zsh`, `console` or not
/// at all. Where a block uses `$ ` prompts, only the prompted lines are commands.
fn markdown_regions(text: &str, lines: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &text[lines[i].0..lines[i].1];
        let indented = line.trim_start_matches(' ');
        let Some(fence) = ["```", "~~~"].into_iter().find(|f| indented.starts_with(f)) else {
            i += 1;
            continue;
        };
        let marker = fence.as_bytes()[0] as char;
        let length = indented.len() - indented.trim_start_matches(marker).len();
        let label = indented[length..]
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let close = lines[i + 1..].iter().position(|&(s, e)| {
            let t = text[s..e].trim();
            t.len() >= length && t.chars().all(|c| c == marker)
        });
        let body_end = close.map_or(lines.len(), |c| i + 1 + c);
        let shell = matches!(
            label.as_str(),
            "" | "sh" | "bash" | "shell" | "zsh" | "console" | "shell-session" | "terminal"
        );
        if shell {
            let body = &lines[i + 1..body_end];
            let prompted = |&(s, e): &(usize, usize)| {
                let t = text[s..e].trim_start();
                (t.starts_with("$ ") || t == "$").then(|| e - t.len() + 1)
            };
            if body.iter().any(|l| prompted(l).is_some()) {
                out.extend(body.iter().filter_map(|l| Some((prompted(l)?, l.1))));
            } else if let (Some(first), Some(last)) = (body.first(), body.last()) {
                out.push((first.0, last.1));
            }
        }
        i = body_end + 1;
    }
    out
}

/// The scripts of `run:` keys: the rest of the line, or the block (`|`, `>`) indented under it.
fn workflow_regions(text: &str, lines: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = Vec::new();
    for (i, &(start, end)) in lines.iter().enumerate() {
        let line = &text[start..end];
        let key = line.trim_start().trim_start_matches("- ");
        let Some(value) = key.strip_prefix("run:") else {
            continue;
        };
        let value_at = end - value.len();
        let trimmed = value.trim();
        if !(trimmed.starts_with('|') || trimmed.starts_with('>')) {
            out.push((value_at, end));
            continue;
        }
        let own = indent(line);
        let block: Vec<_> = lines[i + 1..]
            .iter()
            .take_while(|&&(s, e)| text[s..e].trim().is_empty() || indent(&text[s..e]) > own)
            .collect();
        if let (Some(first), Some(last)) = (block.first(), block.last()) {
            out.push((first.0, last.1));
        }
    }
    out
}

/// A shell word with its unquoted value and, for every byte of the value, where it is in the
/// file.
#[derive(Debug, Default)]
struct Word {
    value: String,
    offsets: Vec<usize>,
    /// Holds `$` or a backtick: not a literal name.
    dynamic: bool,
}

impl Word {
    /// The file offset just past the value byte before `end`.
    fn end_of(&self, end: usize) -> usize {
        let last = end - 1;
        let char_start = (0..=last)
            .rev()
            .find(|&i| self.value.is_char_boundary(i))
            .unwrap_or(0);
        let width = self.value[char_start..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        self.offsets[char_start] + width
    }
}

/// Splits `text[start..end]` into simple commands: on `&&`, `||`, `;`, `|`, `&`, parentheses
/// and line breaks, honouring quotes, `\` escapes and line continuations, and `#` comments.
fn words(text: &str, start: usize, end: usize) -> Vec<Vec<Word>> {
    let mut commands = vec![Vec::new()];
    let mut current: Option<Word> = None;
    let mut quote: Option<char> = None;
    let mut chars = text[start..end].char_indices().peekable();
    let finish = |current: &mut Option<Word>, commands: &mut Vec<Vec<Word>>| {
        if let (Some(word), Some(command)) = (current.take(), commands.last_mut()) {
            command.push(word);
        }
    };
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        let push = |current: &mut Option<Word>, c: char, at: usize| {
            let word = current.get_or_insert_with(Word::default);
            word.dynamic |= matches!(c, '$' | '`');
            for _ in 0..c.len_utf8() {
                word.offsets.push(at);
            }
            word.value.push(c);
        };
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => match chars.next() {
                Some((_, '\n')) => {}
                Some((j, next)) => push(&mut current, next, start + j),
                None => {}
            },
            (Some(_), c) => push(&mut current, c, at),
            (None, '\'' | '"') => {
                quote = Some(c);
                current.get_or_insert_with(Word::default);
            }
            (None, '\\') => match chars.next() {
                Some((_, '\n')) => finish(&mut current, &mut commands),
                Some((_, '\r')) if chars.peek().is_some_and(|&(_, c)| c == '\n') => {
                    chars.next();
                    finish(&mut current, &mut commands);
                }
                Some((j, next)) => push(&mut current, next, start + j),
                None => {}
            },
            (None, '#') if current.is_none() => {
                while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                    chars.next();
                }
            }
            (None, c) if c.is_whitespace() && c != '\n' => finish(&mut current, &mut commands),
            (None, '\n' | ';' | '&' | '|' | '(' | ')') => {
                finish(&mut current, &mut commands);
                if commands.last().is_some_and(|c| !c.is_empty()) {
                    commands.push(Vec::new());
                }
            }
            (None, c) => push(&mut current, c, at),
        }
    }
    finish(&mut current, &mut commands);
    commands.retain(|c| !c.is_empty());
    commands
}

/// What one package manager's install subcommand looks like.
struct Grammar {
    ecosystem: Ecosystem,
    /// Options followed by a value (`-r file`, `--features x`).
    valued: &'static [&'static str],
    /// Options that send the command to another source: nothing it names is checked.
    elsewhere: &'static [&'static str],
    /// Options whose value is itself a package (`npx -p x`).
    package_options: &'static [&'static str],
    /// Only the first positional word is a package (`npx x args...`).
    first_only: bool,
}

#[rustfmt::skip]
const PIP: Grammar = Grammar {
    ecosystem: Ecosystem::PyPI,
    valued: &[
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target",
        "--prefix", "--root", "--src", "-f", "--find-links", "--extra-index-url", "--platform",
        "--python-version", "--implementation", "--abi", "--upgrade-strategy", "--progress-bar",
        "--cache-dir", "--log", "--proxy", "--retries", "--timeout", "--trusted-host",
        "--no-binary", "--only-binary", "-C", "--config-settings", "--global-option", "--python",
        "-p", "--report", "-G", "--group", "-E", "--extras", "--extra", "--optional", "--source",
        "--markers", "--package", "--suffix", "--pip-args", "--rev", "--tag", "--branch",
        "--project", "--directory", "--python-platform", "--default-index", "-d",
    ],
    elsewhere: &[
        "-i", "--index-url", "--index", "--no-index", "--git", "--path",
    ],
    package_options: &[],
    first_only: false,
};

#[rustfmt::skip]
const NPM: Grammar = Grammar {
    ecosystem: Ecosystem::Npm,
    valued: &[
        "--prefix", "-w", "--workspace", "--tag", "--omit", "--include", "--install-strategy",
        "--cache", "--cwd", "-F", "--filter", "-C", "--dir", "--userconfig", "--loglevel",
    ],
    elsewhere: &["--registry"],
    package_options: &[],
    first_only: false,
};

const NPX: Grammar = Grammar {
    valued: &["-c", "--call", "--cache", "--prefix", "--userconfig"],
    package_options: &["-p", "--package"],
    first_only: true,
    ..NPM
};

#[rustfmt::skip]
const CARGO: Grammar = Grammar {
    ecosystem: Ecosystem::Crates,
    valued: &[
        "-F", "--features", "--rename", "--branch", "--tag", "--rev", "-p", "--package",
        "--manifest-path", "--target", "--target-dir", "--lockfile-path", "--config", "-Z",
        "--version", "--vers", "--root", "--profile", "-j", "--jobs", "--bin", "--example",
        "--color",
    ],
    elsewhere: &["--git", "--path", "--registry", "--index"],
    package_options: &[],
    first_only: false,
};

/// A package a command names: its ecosystem, the word, the name's byte range in the word's
/// value, and its exact pin.
type Named<'w> = (Ecosystem, &'w Word, (usize, usize), Option<String>);

/// The packages one command names.
fn command_names(command: &[Word]) -> Vec<Named<'_>> {
    // `sudo`, `env A=b`, `RUN`-style prefixes and variable assignments before the program.
    let mut rest = command;
    while let [first, tail @ ..] = rest {
        let v = first.value.as_str();
        let assignment = v.contains('=') && !v.starts_with('-');
        if matches!(v, "sudo" | "env" | "exec" | "time" | "command" | "nohup") || assignment {
            rest = tail;
        } else {
            break;
        }
    }
    let value = |i: usize| rest.get(i).map(|w| w.value.as_str());
    let program = value(0).unwrap_or("").rsplit('/').next().unwrap_or("");
    let pip_like = |p: &str| {
        p.strip_prefix("pip")
            .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    let python_like = |p: &str| {
        p.strip_prefix("python")
            .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    let (grammar, args) = match (program, value(1), value(2), value(3)) {
        (p, Some("install"), ..) if pip_like(p) => (PIP, 2),
        (p, Some("-m"), Some("pip"), Some("install")) if python_like(p) => (PIP, 4),
        ("uv", Some("pip"), Some("install"), _) => (PIP, 3),
        ("uv" | "poetry" | "pdm", Some("add"), ..) | ("pipx", Some("install"), ..) => (PIP, 2),
        ("npm", Some("i" | "install" | "add"), ..)
        | ("yarn" | "bun", Some("add"), ..)
        | ("pnpm", Some("add" | "install" | "i"), ..) => (NPM, 2),
        ("yarn", Some("global"), Some("add"), _) => (NPM, 3),
        ("npx" | "bunx", ..) => (NPX, 1),
        ("cargo", Some("add" | "install"), ..) => (CARGO, 2),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut words = rest[args..].iter();
    while let Some(word) = words.next() {
        let v = word.value.as_str();
        if v == "--" {
            continue;
        }
        if let Some(option) = v
            .strip_prefix('-')
            .map(|_| v.split('=').next().unwrap_or(v))
        {
            if grammar.elsewhere.contains(&option) {
                return Vec::new();
            }
            let inline = v.contains('=');
            if grammar.package_options.contains(&option) {
                let package = if inline { Some(word) } else { words.next() };
                if let Some(package) = package {
                    let from = if inline { option.len() + 1 } else { 0 };
                    out.extend(package_name(grammar.ecosystem, package, from));
                }
            } else if grammar.valued.contains(&option) && !inline {
                words.next();
            }
            continue;
        }
        out.extend(package_name(grammar.ecosystem, word, 0));
        if grammar.first_only {
            break;
        }
    }
    out.into_iter()
        .map(|(word, range, pin)| (grammar.ecosystem, word, range, pin))
        .collect()
}

/// The registry name in `word.value[from..]`, its range and exact pin; `None` for git, URL,
/// path and archive forms and anything that is not a name.
fn package_name(
    ecosystem: Ecosystem,
    word: &Word,
    from: usize,
) -> Option<(&Word, (usize, usize), Option<String>)> {
    let spec = word.value.get(from..)?;
    let lower = spec.to_ascii_lowercase();
    let archive = [".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar"]
        .iter()
        .any(|a| lower.ends_with(a));
    if word.dynamic
        || spec.is_empty()
        || archive
        || spec.contains(':')
        || spec.starts_with(['.', '/', '~'])
    {
        return None;
    }
    let exact = |v: &str| {
        (v.starts_with(|c: char| c.is_ascii_digit())
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".+-".contains(c)))
        .then(|| v.to_string())
    };
    let (name, pin) = match ecosystem {
        Ecosystem::PyPI => {
            if spec.contains('/') {
                return None;
            }
            let parsed = parse_pep508(spec).filter(|p| !p.direct_url)?;
            let pin = parsed
                .specifier
                .and_then(|(s, e)| spec[s..e].strip_prefix("=="))
                .and_then(|v| exact(v.trim()));
            (parsed.name, pin)
        }
        Ecosystem::Npm | Ecosystem::Crates => {
            let scoped = ecosystem == Ecosystem::Npm && spec.starts_with('@');
            let name_end = spec[usize::from(scoped)..]
                .find('@')
                .map_or(spec.len(), |i| i + usize::from(scoped));
            let name = &spec[..name_end];
            let version = spec.get(name_end + 1..).unwrap_or("");
            let valid = match ecosystem {
                Ecosystem::Npm => npm_name(name),
                _ => {
                    name.starts_with(|c: char| c.is_ascii_alphabetic())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
                }
            };
            if !valid {
                return None;
            }
            let pin = match ecosystem {
                Ecosystem::Crates => version.strip_prefix('=').and_then(exact),
                _ => exact(version),
            };
            ((0, name_end), pin)
        }
    };
    Some((word, (from + name.0, from + name.1), pin))
}

/// `name` or `@scope/name`, in the characters npm allows.
fn npm_name(name: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && !p.starts_with(['.', '_'])
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
    };
    match name.strip_prefix('@') {
        Some(scoped) => scoped
            .split_once('/')
            .is_some_and(|(scope, name)| part(scope) && part(name)),
        None => part(name),
    }
}

#[cfg(test)]
#[path = "install_commands_tests.rs"]
mod tests;

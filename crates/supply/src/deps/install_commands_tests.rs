use super::*;

/// `(ecosystem, name, pin)` of every name in `text` read as `path`, checking each span holds
/// exactly the name.
fn names(path: &str, text: &str) -> Vec<(Ecosystem, String, Option<String>)> {
    install_names(Path::new(path), text)
        .into_iter()
        .map(|n| {
            assert_eq!(
                &text[n.span.start_byte..n.span.end_byte],
                n.name,
                "span of {n:?}"
            );
            (n.ecosystem, n.name, n.pinned)
        })
        .collect()
}

fn plain(path: &str, text: &str) -> Vec<String> {
    names(path, text).into_iter().map(|n| n.1).collect()
}

#[test]
fn pip_flags_pins_extras_and_skipped_forms() {
    let found = names(
        "install.sh",
        "pip install -U -r req.txt -c c.txt --timeout 5 -e ./lib 'requests[socks]==2.31.0' flask>=2 \\\n  git+https://x/y.git ./pkg dist/a-1.whl a.tar.gz https://x/b.zip \"name @ https://x\" $PKG\n",
    );
    assert_eq!(
        found,
        vec![
            (Ecosystem::PyPI, "requests".into(), Some("2.31.0".into())),
            (Ecosystem::PyPI, "flask".into(), None),
        ]
    );
}

#[test]
fn every_python_installer() {
    let text = "pip3 install a1\npython -m pip install a2\npython3.12 -m pip install a3\n\
        uv pip install a4\nuv add --group dev a5\npoetry add -G dev a6\npipx install a7\n\
        pdm add a8\nsudo pip install a9\n/usr/bin/pip install a10\n";
    let found = plain("x.sh", text);
    let expected: Vec<String> = (1..=10).map(|i| format!("a{i}")).collect();
    assert_eq!(found, expected);
}

#[test]
fn another_index_is_not_pypi() {
    assert!(plain("x.sh", "pip install --index-url https://corp/simple a\n").is_empty());
    assert!(plain("x.sh", "pip install -i https://corp/simple a\n").is_empty());
    assert_eq!(
        plain("x.sh", "pip install --extra-index-url https://c/ a\n"),
        ["a"]
    );
}

#[test]
fn npm_family_scopes_and_versions() {
    let found = names(
        "x.sh",
        "npm i -D @types/node@20.1.0 left-pad@^1 --save-dev react@latest\n\
         yarn add @scope/x && pnpm add --filter web y file:../z github:u/r u/r\n\
         npx -y create-vite@5 my-app --template react\nbunx cowsay hi; bun add zod\n\
         npm install --registry https://corp/ private\nnpm run build\n",
    );
    assert_eq!(
        found,
        vec![
            (Ecosystem::Npm, "@types/node".into(), Some("20.1.0".into())),
            (Ecosystem::Npm, "left-pad".into(), None),
            (Ecosystem::Npm, "react".into(), None),
            (Ecosystem::Npm, "@scope/x".into(), None),
            (Ecosystem::Npm, "y".into(), None),
            (Ecosystem::Npm, "create-vite".into(), Some("5".into())),
            (Ecosystem::Npm, "cowsay".into(), None),
            (Ecosystem::Npm, "zod".into(), None),
        ]
    );
}

#[test]
fn npx_package_option() {
    assert_eq!(
        plain("x.sh", "npx -p typescript tsc --init\n"),
        ["typescript", "tsc"]
    );
    assert_eq!(plain("x.sh", "npx --package=@a/b run\n"), ["@a/b", "run"]);
}

#[test]
fn cargo_add_and_install() {
    let found = names(
        "x.sh",
        "cargo add serde@1 --features derive -F std tokio@=1.2.3\ncargo install ripgrep --locked\n\
         cargo install --git https://x/y tool\ncargo add --path ../local local\ncargo build\n",
    );
    assert_eq!(
        found,
        vec![
            (Ecosystem::Crates, "serde".into(), None),
            (Ecosystem::Crates, "tokio".into(), Some("1.2.3".into())),
            (Ecosystem::Crates, "ripgrep".into(), None),
        ]
    );
}

#[test]
fn markdown_shell_blocks_and_prompts() {
    let text = "Install:\n\n```bash\npip install alpha # comment beta\n```\n\n```python\nimport os\n# pip install no\n```\n\n\
        ```console\n$ npm i beta\nadded 1 package npm i no\n```\n\n```\ncargo add gamma\n```\n\n~~~sh\nuv add delta\n~~~\n";
    assert_eq!(
        plain("README.md", text),
        ["alpha", "beta", "gamma", "delta"]
    );
    assert_eq!(plain("AGENTS.md", text).len(), 4);
    assert_eq!(plain(".cursorrules", text).len(), 4);
    assert!(plain("notes.txt", text).is_empty());
}

#[test]
fn dockerfile_run_lines_with_continuations() {
    let text = "FROM python:3.12\nRUN apt-get update && \\\n    pip install --no-cache-dir alpha \\\n      beta && rm -rf /x\n\
        run npm i gamma\nCMD pip install no\n";
    assert_eq!(plain("Dockerfile", text), ["alpha", "beta", "gamma"]);
    assert_eq!(plain("build/Dockerfile.dev", text).len(), 3);
}

#[test]
fn makefile_recipes_only() {
    let text = "PIP := pip install no\nsetup:\n\t@pip install alpha\n\t-$(PIP) beta\n\tcargo install gamma\n";
    assert_eq!(plain("Makefile", text), ["alpha", "gamma"]);
}

#[test]
fn workflow_run_steps() {
    let text = "jobs:\n  test:\n    steps:\n      - run: pip install alpha\n      - name: deps\n        run: |\n          npm ci\n          npx beta\n      - uses: x/y@v1\n        with:\n          cmd: pip install no\n";
    assert_eq!(plain(".github/workflows/ci.yml", text), ["alpha", "beta"]);
    assert!(plain("config/ci.yml", text).is_empty());
}

#[test]
fn hostile_text_never_panics() {
    for text in [
        "pip install 'unterminated",
        "pip install \\",
        "```\npip install é\u{300}x\n",
        "RUN\\\n",
        "npm i @/\n",
        "npx -p\n",
        "pip install ==1\n",
        "\tpip install ünï\r\n",
    ] {
        for path in [
            "a.sh",
            "README.md",
            "Dockerfile",
            "Makefile",
            ".github/workflows/a.yml",
        ] {
            let _ = names(path, text);
        }
    }
}

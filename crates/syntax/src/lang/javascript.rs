//! JavaScript and TypeScript imports: `import ... from 'x'`, `import 'x'`, `import type`,
//! `export ... from 'x'`, `require('x')`, dynamic `import('x')` and TypeScript's
//! `import x = require('x')`. The same code reads the JavaScript, TypeScript and TSX trees.

use super::imports::{Import, ImportKind, string_content, walk_in_try};
use crate::text::LineIndex;
use tree_sitter::{Node, Tree};

/// Every module specifier in a JavaScript or TypeScript syntax tree, in document order,
/// relative and absolute ones included (use [`package_name`] to map one to its package).
pub fn imports(tree: &Tree, text: &str) -> Vec<Import> {
    let index = LineIndex::new(text);
    let mut found = Vec::new();
    let catches = |child: Node<'_>, _: &str| child.kind() == "catch_clause";
    walk_in_try(tree, text, catches, |node, in_try| match node.kind() {
        "import_statement" | "export_statement" | "import_require_clause" => {
            if let Some(source) = node.child_by_field_name("source")
                && let Some((start, end)) = string_content(source, text)
            {
                found.push(Import::from_range(
                    text,
                    &index,
                    start,
                    end,
                    ImportKind::Static,
                ));
            }
        }
        "call_expression" => {
            if let Some(import) = call_import(node, text, &index) {
                // `try { require('optional') } catch {}`: written to run without it.
                found.push(import.guarded_by(in_try));
            }
        }
        _ => {}
    });
    found
}

/// `require('x')` or `import('x')` with a constant specifier.
fn call_import(call: Node<'_>, text: &str, index: &LineIndex<'_>) -> Option<Import> {
    let function = call.child_by_field_name("function")?;
    let is_import = function.kind() == "import"
        || (function.kind() == "identifier"
            && function.utf8_text(text.as_bytes()) == Ok("require"));
    if !is_import {
        return None;
    }
    let arguments = call.child_by_field_name("arguments")?;
    let first = arguments.named_child(0)?;
    let (start, end) = string_content(first, text)?;
    Some(Import::from_range(
        text,
        index,
        start,
        end,
        ImportKind::Dynamic,
    ))
}

/// The npm package a bare specifier names: `lodash/fp` → `lodash`, `@scope/pkg/sub` →
/// `@scope/pkg`. `None` for what is not a registry package: relative and absolute paths, URLs,
/// `node:` and other scheme specifiers, subpath imports (`#internal`) and malformed names.
pub fn package_name(specifier: &str) -> Option<&str> {
    if specifier.is_empty()
        || specifier.starts_with(['.', '/', '#', '~', '\\'])
        || specifier.contains(':')
        || specifier.contains(char::is_whitespace)
    {
        return None;
    }
    let end = if let Some(scoped) = specifier.strip_prefix('@') {
        let slash = scoped.find('/')?;
        let rest = &scoped[slash + 1..];
        // `@/components`: an alias (Vue, Nuxt, Next templates), never a scope without a name.
        if rest.is_empty() || slash == 0 {
            return None;
        }
        1 + slash + 1 + rest.find('/').unwrap_or(rest.len())
    } else {
        specifier.find('/').unwrap_or(specifier.len())
    };
    let name = &specifier[..end];
    // npm names are URL-safe and do not start with `_` (`$lib/x` is SvelteKit's alias, `_x` a
    // bundler's virtual module): anything else is no registry name to ask about.
    let valid = name.len() <= 214
        && !name.starts_with('_')
        && name.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '/' | '~' | '!')
        });
    valid.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::parse;
    use crate::lang::Language;

    fn specifiers(language: Language, source: &str) -> Vec<String> {
        let tree = parse(language, source, None).unwrap();
        imports(&tree, source)
            .into_iter()
            .map(|i| {
                assert_eq!(&source[i.span.start_byte..i.span.end_byte], i.module);
                i.module
            })
            .collect()
    }

    #[test]
    fn every_import_form_is_found() {
        let source = "import a from 'alpha';\nimport 'side-effect';\nimport * as b from \"beta/sub\";\n\
                      export { c } from '@scope/gamma/deep';\nexport * from './local';\n\
                      const d = require('delta');\nconst e = await import('epsilon');\n\
                      require(name);\nimport(`tmpl`);\nimport(`t${x}`);\n";
        assert_eq!(
            specifiers(Language::JavaScript, source),
            [
                "alpha",
                "side-effect",
                "beta/sub",
                "@scope/gamma/deep",
                "./local",
                "delta",
                "epsilon",
                "tmpl"
            ]
        );
    }

    #[test]
    fn typescript_forms_are_found() {
        let source = "import type { T } from 'types-only';\nimport x = require('legacy');\n\
                      export type { U } from 'more-types';\nconst y: Z = <Z>require('tsx-no');\n";
        let found = specifiers(Language::TypeScript, source);
        assert_eq!(found, ["types-only", "legacy", "more-types", "tsx-no"]);
        let tsx = "import React from 'react';\nexport const A = () => <div>{require('b')}</div>;\n";
        assert_eq!(specifiers(Language::Tsx, tsx), ["react", "b"]);
    }

    #[test]
    fn specifiers_map_to_packages() {
        assert_eq!(package_name("lodash/fp"), Some("lodash"));
        assert_eq!(package_name("@scope/pkg/sub/x"), Some("@scope/pkg"));
        assert_eq!(package_name("@scope/pkg"), Some("@scope/pkg"));
        assert_eq!(package_name("react"), Some("react"));
        assert_eq!(package_name("@/components/Button.vue"), None);
        assert_eq!(package_name("$lib/stores"), None);
        assert_eq!(package_name("_virtual/entry"), None);
        assert_eq!(package_name("@scope/_private"), Some("@scope/_private"));
        for not_a_package in [
            "./a",
            "../b",
            "/abs/path",
            "https://esm.sh/x",
            "node:fs",
            "#internal",
            "@scope",
            "@scope/",
            "",
            "~/alias",
        ] {
            assert_eq!(package_name(not_a_package), None, "{not_a_package}");
        }
    }
}

//! Escaping for HTML holds where the markup quotes what it escapes. `html.escape(name)` written
//! into an unquoted attribute (`<img src=/avatars/{name}.png>`: a space ends the value and
//! starts an attribute of the caller's, `x onerror=alert(1)`) or bare into a script block
//! (`<script>var size = {size};</script>`: `1;alert(1)` holds nothing to escape) is as
//! untrusted there as before it was escaped: what the escape took (`Value::undone`) is back.
//!
//! Read for the parts of an f-string or a template literal, from the literal text written
//! before each part.

use super::FileFlow;
use super::value::Value;
use crate::flow::adapter::text_of;
use regex::Regex;
use std::sync::LazyLock;
use tree_sitter::Node;

/// A call that escapes for HTML (`html.escape`, `escapeHtml`, `xhtml_escape`, `he.encode`).
static ESCAPES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[\w.$]*(escape|encode)[\w$]*\s*\(").expect("a valid regex"));

/// Markup ending inside a tag, in the value of an attribute written without quotes.
static UNQUOTED_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<[A-Za-z][^<>]*\s[\w:.-]+\s*=\s*[^\s"'<>=`]*$"#).expect("a valid regex")
});

impl<'t> FileFlow<'t, '_> {
    /// `value`, of `part` of the string `literal`: with what its HTML escape took back when
    /// the text before the part puts it where such an escape does not hold.
    #[inline(never)]
    pub(super) fn escaped_out_of_context(
        &self,
        literal: Node<'t>,
        part: Node<'t>,
        mut value: Value,
    ) -> Value {
        if value.undone.is_none() || !matches!(literal.kind(), "string" | "template_string") {
            return value;
        }
        let made = value
            .made_by
            .as_ref()
            .and_then(|bytes| self.text.get(bytes.clone()))
            .unwrap_or_else(|| text_of(part, self.text));
        if !ESCAPES.is_match(made) {
            return value;
        }
        let before = self
            .text
            .get(literal.start_byte()..part.start_byte())
            .unwrap_or("");
        let context = if UNQUOTED_ATTRIBUTE.is_match(before) {
            "an unquoted attribute"
        } else if bare_in_script(before) {
            "a script block"
        } else {
            return value;
        };
        value.give_back(
            part.byte_range(),
            format!("escaped for HTML, written into {context}"),
        );
        value
    }
}

/// Whether text ends inside a `<script>` element, outside any string literal of its code.
fn bare_in_script(before: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    let Some(open) = lower.rfind("<script") else {
        return false;
    };
    if lower[open..].contains("</script") {
        return false;
    }
    let Some(body) = before[open..]
        .find('>')
        .map(|end| &before[open + end + 1..])
    else {
        return false;
    };
    let quotes = |q: char| body.chars().filter(|&c| c == q).count();
    quotes('"') % 2 == 0 && quotes('\'') % 2 == 0 && quotes('`') % 2 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_where_an_html_escape_does_not_hold() {
        assert!(UNQUOTED_ATTRIBUTE.is_match("<img class=avatar src=/avatars/"));
        assert!(UNQUOTED_ATTRIBUTE.is_match("<span style="));
        assert!(!UNQUOTED_ATTRIBUTE.is_match("<img src=\"/avatars/"));
        assert!(!UNQUOTED_ATTRIBUTE.is_match("<p class=x>"));
        assert!(bare_in_script("<script>\n  var size = "));
        assert!(!bare_in_script("<script>var name = \""));
        assert!(!bare_in_script("<script>var a = 1;</script><p>"));
        assert!(!bare_in_script("<p>"));
    }
}

//! `{{name}}` placeholders in messages and fix replacements; `{{name|text}}` says what stands
//! in for a capture one of the rule's patterns does not have.

use std::sync::LazyLock;

static PLACEHOLDER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:\|([^{}]*))?\}\}").unwrap()
});

/// The names a template refers to.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    PLACEHOLDER
        .captures_iter(template)
        .map(|c| c.get(1).unwrap().as_str())
}

/// The suffix that turns a capture's placeholder into its canonical name: `{{fn.resolved}}` is
/// `hashlib.md5` where the code wrote `h` after `from hashlib import md5 as h`.
pub const RESOLVED: &str = ".resolved";

/// Most characters of a capture shown in a message: a message is one line, not a code dump.
pub const MESSAGE_VALUE_LIMIT: usize = 60;

/// Fills a message: each value on one line, shortened to [`MESSAGE_VALUE_LIMIT`] characters.
pub fn render_message(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    render(template, |name| lookup(name).map(|value| one_line(&value)))
}

/// Fills a template with values as they are (fix replacements).
pub fn render(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    PLACEHOLDER
        .replace_all(template, |caps: &regex::Captures<'_>| {
            lookup(&caps[1])
                .or_else(|| caps.get(2).map(|fallback| fallback.as_str().to_string()))
                .unwrap_or_default()
        })
        .into_owned()
}

pub(crate) fn one_line(value: &str) -> String {
    one_line_within(value, MESSAGE_VALUE_LIMIT)
}

/// `value` on one line, cut to `limit` characters: a message names a sink in another file with
/// the helper that leads to it, which needs more room than a value written in the code.
pub(crate) fn one_line_within(value: &str, limit: usize) -> String {
    let collapsed: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= limit {
        return collapsed;
    }
    let mut short: String = collapsed.chars().take(limit - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_listed() {
        let names: Vec<_> = placeholders("`{{func}}` and {{ arg }} but not {x}").collect();
        assert_eq!(names, ["func", "arg"]);
    }

    #[test]
    fn a_missing_capture_takes_its_fallback() {
        let out = render_message("must not make {{name|a secret}} or {{other}}", |_| None);
        assert_eq!(out, "must not make a secret or ");
        let out = render_message("must not make {{name|a secret}}", |_| {
            Some("`apiKey`".into())
        });
        assert_eq!(out, "must not make `apiKey`");
        let names: Vec<_> = placeholders("{{ name | a secret }}").collect();
        assert_eq!(names, ["name"]);
    }

    #[test]
    fn messages_are_one_short_line() {
        let long = "a".repeat(100);
        let out = render_message("call {{f}}({{x}}) {{missing}}!", |n| match n {
            "f" => Some("os.system".into()),
            "x" => Some(format!("{long}\n  + b")),
            _ => None,
        });
        assert!(out.starts_with("call os.system(aaaa"));
        assert!(out.contains('…'));
        assert!(!out.contains('\n'));
        assert!(out.ends_with(") !"));
        assert_eq!(
            out.chars().count(),
            "call os.system() !".chars().count() + MESSAGE_VALUE_LIMIT
        );
    }

    #[test]
    fn replacements_keep_their_text() {
        let out = render("safe_{{func}}(\n{{args}})", |n| {
            Some(if n == "func" {
                "load".into()
            } else {
                "x,\n y".into()
            })
        });
        assert_eq!(out, "safe_load(\nx,\n y)");
    }
}

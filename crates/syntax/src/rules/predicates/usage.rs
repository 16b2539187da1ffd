//! `#in-function-used-as?`: how the file uses the function a match sits in. A hash constructor
//! is a weak hash or an HMAC's digest depending on where the program hands it, and that is
//! written at the function's uses, not inside it.

/// A regex over the whole file with `{name}` standing for the function's name, escaped.
#[derive(Debug, Clone)]
pub struct Usage {
    template: String,
}

const PLACEHOLDER: &str = "{name}";

impl Usage {
    /// Checks the template once: it names the function and is a valid regex for any name.
    pub fn parse(template: &str) -> Result<Self, String> {
        if !template.contains(PLACEHOLDER) {
            return Err(format!("the regex must hold `{PLACEHOLDER}`"));
        }
        regex::Regex::new(&template.replace(PLACEHOLDER, "f"))
            .map_err(|e| format!("invalid regex: {e}"))?;
        Ok(Usage {
            template: template.to_string(),
        })
    }

    /// Whether the file uses the function `name` as the template says. Compiled per call: only
    /// the rare nodes a rule already matched ask.
    pub fn holds(&self, name: &str, source: &[u8]) -> bool {
        if name.is_empty() {
            return false;
        }
        let pattern = self.template.replace(PLACEHOLDER, &regex::escape(name));
        regex::Regex::new(&pattern)
            .is_ok_and(|regex| regex.is_match(&String::from_utf8_lossy(source)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_substituted_escaped() {
        let usage = Usage::parse(r"digestmod\s*=\s*{name}\b").unwrap();
        assert!(usage.holds("_sha1", b"hmac.new(k, m, digestmod=_sha1)"));
        assert!(!usage.holds("_sha1", b"hmac.new(k, m, digestmod=_sha1x)"));
        assert!(!usage.holds("_sha1", b"_sha1(data).hexdigest()"));
        // A name is text, never regex syntax.
        assert!(!usage.holds("a.b", b"digestmod=axb"));
    }

    #[test]
    fn the_builtin_weak_hash_rule_reads_the_uses_of_the_enclosing_function() {
        let text = "import hashlib, hmac\n\
                    def digest(d=b''):\n    return hashlib.sha1(d)\n\
                    def plain(d):\n    return hashlib.sha1(d)\n\
                    def digest_x(d):\n    return hashlib.sha1(d)\n\
                    hashlib.sha1(b'')\n\
                    mac = hmac.new(k, m, digest)\nplain(b'')\n";
        let lines: Vec<u32> = crate::analysis::analyze(crate::lang::Language::Python, text)
            .into_iter()
            .filter(|f| &*f.rule_id == "python.weak-hash")
            .map(|f| f.span.start.line)
            .collect();
        // `digest` is the HMAC's digest; `plain` is called, `digest_x` only shares a prefix, and
        // the module-level call is in no function.
        assert_eq!(lines, [4, 6, 7]);
    }

    #[test]
    fn templates_without_the_name_or_with_bad_syntax_are_refused() {
        assert!(Usage::parse("digestmod=").is_err());
        assert!(Usage::parse("digestmod=({name}").is_err());
    }
}

//! Taint rule data: the `[taint]` table of a rule file, as written (serde) and as the flow core
//! runs it. Sources, sinks, sanitizers, propagators and guards are all data; the only code that
//! knows a language is its adapter.

use crate::rules::{LazyRegex, RegexCompile};
use serde::Deserialize;

/// `[taint]` exactly as written in a rule file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TaintFile {
    /// This file only lends its sources, sanitizers, propagators and guards to every taint rule
    /// of its languages; it reports nothing itself.
    #[serde(default)]
    pub library: bool,
    /// With a `[match]`: the capture whose value flow decides about (see `docs/dataflow.md`).
    pub refine: Option<String>,
    /// The message of a flow finding, when it differs from the rule's (a rule with `[match]`
    /// and `sinks`): may use `{{source}}`, `{{source_line}}` and `{{sink}}`.
    pub message: Option<String>,
    /// A value whose literal start matches this regex is not reported at this rule's sinks
    /// (a fixed scheme and host: `^https?://[^/{]+/`).
    pub safe_prefix: Option<String>,
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// Library sources that do not count for this rule, by path or by call or method name
    /// (`req.params`: a route parameter is always a string, so it cannot carry a query
    /// operator; `sys.argv`: a command-line tool opens the files its user names).
    #[serde(default)]
    pub ignore_sources: Vec<String>,
    #[serde(default)]
    pub sinks: Vec<SinkFile>,
    #[serde(default)]
    pub sanitizers: Vec<CallFile>,
    #[serde(default)]
    pub propagators: Vec<PropagatorFile>,
    #[serde(default)]
    pub guards: Vec<GuardFile>,
    /// Names whose value is a constant of the program (`__dirname`, `__file__`).
    #[serde(default)]
    pub constant_names: Vec<String>,
    /// Calls whose result is constant when every argument is (`path.join`, `os.path.dirname`).
    #[serde(default)]
    pub constant_calls: Vec<CallFile>,
    /// Lookups that return one of their receiver's entries, chosen by the arguments
    /// (`d.get(key, default)`, `map.get(key)`): on a constant table the result is constant
    /// whatever the key (and a default of its own, when one is given).
    #[serde(default)]
    pub lookups: Vec<CallFile>,
}

/// Which calls an entry is about: by canonical name, by method name, or both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CallFile {
    /// The callee's canonical dotted name: `requests.get`, `child_process.exec`,
    /// `std.process.Command.new` (Rust `::` is written `.`).
    pub call: Option<String>,
    /// The called method's name, on any receiver (`execute`, `innerHTML`).
    pub method: Option<String>,
    /// A regex the receiver's text must match (with `method`).
    pub receiver: Option<String>,
    /// A regex the receiver's text must not match (`href` set on anything but `location`).
    pub not_receiver: Option<String>,
    /// A regex the whole call's text, or the literal start of an argument's value (`html`
    /// after `html = "<p>" + q`), must match.
    pub text: Option<String>,
    /// A regex the whole call's text must not match (`HttpResponse(body,
    /// content_type="application/json")` is not markup).
    pub not_text: Option<String>,
    /// A regex the call that made one of the arguments must match (`etree.fromstring(data,
    /// parser)` after `parser = etree.XMLParser(resolve_entities=True)`).
    pub arg_made_by: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct SourceFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// An expression path that is itself untrusted (`request.args`, `process.argv`).
    pub path: Option<String>,
    /// Parameters of a function whose decorator or attribute text matches this regex.
    pub params_of: Option<String>,
    /// Parameters whose declared type matches this regex (axum's `Query<T>`); with
    /// `params-of`, only those of its parameters (a FastAPI body typed `dict`).
    pub param_type: Option<String>,
    /// With `params-of` or `injected-by`: parameters whose type or default matches this regex
    /// are not sources.
    pub except_param: Option<String>,
    /// The canonical name of a dependency-injection marker (`fastapi.Depends`): a parameter
    /// whose default or type holds `Depends(get_user)`, with `get_user` a function of this file,
    /// receives what `get_user` returns when the framework fills `get_user`'s own parameters
    /// from the request (they are sources, except those `except-param` matches).
    pub injected_by: Option<String>,
    /// A tree-sitter query; every `@source` node is untrusted (a parameter: its binding is).
    pub query: Option<String>,
    /// What the message calls this source (default: its text).
    pub label: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct SinkFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// An assigned property (`innerHTML`) or JSX attribute (`dangerouslySetInnerHTML`); with
    /// `receiver` and `text`, only on an object whose text matches (`ctx` for Koa's `ctx.body`)
    /// and for a value whose literal start matches (`^\s*<`: Koa answers such a body as HTML).
    pub property: Option<String>,
    /// With `property`: a regex the call that made the object must match (`s.src = url` after
    /// `s = document.createElement("script")`, whatever the variable is called).
    pub receiver_made_by: Option<String>,
    /// The values a function returns, for functions whose decorator text matches this regex
    /// (a Flask view's string is the response body); with `text`, only a value whose literal
    /// start matches (markup).
    pub returns_of: Option<String>,
    /// The fields of an object literal whose text matches this regex (a Lambda response
    /// `{ statusCode, headers: { "Content-Type": "text/html" }, body }`); `args` name the fields,
    /// nested ones with dots (`headers.Location`).
    pub object: Option<String>,
    /// Which arguments must not be tainted: positions from 0, keyword names, or `"receiver"`
    /// for the object a method is called on; empty: any argument.
    #[serde(default)]
    pub args: Vec<ArgFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum ArgFile {
    Position(usize),
    Keyword(String),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PropagatorFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// Where the taint comes from: `receiver` or `argN`.
    pub from: String,
    /// Where it goes: `receiver` or `argN`.
    pub to: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct GuardFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// `in`: a membership test (`x in ALLOWED`).
    pub operator: Option<String>,
    /// Which operand the check vouches for: `receiver`, `argN` or `element` (default: receiver
    /// for methods, arg0 for calls, element for operators).
    pub checks: Option<String>,
}

/// A validated call pattern.
#[derive(Debug, Clone)]
pub(crate) struct CallPattern {
    pub call: Option<String>,
    pub method: Option<String>,
    pub receiver: Option<LazyRegex>,
    pub not_receiver: Option<LazyRegex>,
    pub text: Option<LazyRegex>,
    pub not_text: Option<LazyRegex>,
    pub arg_made_by: Option<LazyRegex>,
}

impl CallPattern {
    pub fn matches(&self, call: &super::adapter::CallSite<'_>) -> bool {
        if let Some(name) = &self.call {
            match &call.path {
                Some(path) if names_match(name, path) => {}
                _ => return false,
            }
        }
        if let Some(method) = &self.method
            && call.method.as_deref() != Some(method.as_str())
        {
            return false;
        }
        if let Some(receiver) = &self.receiver
            && !call
                .receiver_text
                .is_some_and(|t| receiver.get().is_match(t))
        {
            return false;
        }
        if let Some(receiver) = &self.not_receiver
            && call
                .receiver_text
                .is_some_and(|t| receiver.get().is_match(t))
        {
            return false;
        }
        if let Some(text) = &self.text
            && !text.get().is_match(call.text)
            && !text.get().is_match(&call.arg_prefixes)
        {
            return false;
        }
        if let Some(text) = &self.not_text
            && text.get().is_match(call.text)
        {
            return false;
        }
        if let Some(made_by) = &self.arg_made_by
            && !made_by.get().is_match(&call.arg_calls)
        {
            return false;
        }
        true
    }
}

/// Whether the rule's name `wanted` names the callee `path` (canonical where the file's imports
/// say, else as written). Names of two or more segments also match at a segment boundary at the
/// end of the other: a short spelling written without its import (`Command.new` for
/// `std.process.Command.new`), and a module re-exported under a longer path
/// (`responses.HTMLResponse` for `fastapi.responses.HTMLResponse`). A one-segment name
/// (`redirect`, `exec`) matches only itself: unimported, or a builtin.
pub(crate) fn names_match(wanted: &str, path: &str) -> bool {
    // `req.files.*.name`: a `*` segment stands for any one name (the field an upload came in).
    if wanted.contains('*') {
        let (mut wanted, mut path) = (wanted.split('.'), path.split('.'));
        return loop {
            match (wanted.next(), path.next()) {
                (None, None) => break true,
                (Some(w), Some(p)) if w == "*" || w == p => {}
                _ => break false,
            }
        };
    }
    let ends_with = |long: &str, short: &str| {
        short.contains('.')
            && long
                .strip_suffix(short)
                .is_some_and(|prefix| prefix.ends_with('.'))
    };
    wanted == path || ends_with(wanted, path) || ends_with(path, wanted)
}

/// An argument selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ArgSel {
    Position(usize),
    Keyword(String),
    /// The object a method is called on (`path.read_text()`).
    Receiver,
}

impl ArgSel {
    /// Whether this names a field of an object literal passed at a position (`"1.Location"`).
    pub fn is_field(&self) -> bool {
        matches!(self, ArgSel::Keyword(k) if k.split_once('.').is_some_and(|(n, _)| n.parse::<usize>().is_ok()))
    }
}

/// Where a propagator reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Receiver,
    Arg(usize),
}

impl Slot {
    fn parse(text: &str) -> Result<Slot, String> {
        if text == "receiver" {
            return Ok(Slot::Receiver);
        }
        text.strip_prefix("arg")
            .and_then(|n| n.parse().ok())
            .map(Slot::Arg)
            .ok_or_else(|| format!("`{text}` is not `receiver` or `argN`"))
    }
}

#[derive(Debug, Clone)]
pub(crate) enum SourceKind {
    Call(CallPattern),
    Path(String),
    ParamsOf {
        decorator: LazyRegex,
        except: Option<LazyRegex>,
        /// Only parameters whose declared type matches.
        only: Option<LazyRegex>,
    },
    ParamType(LazyRegex),
    Query(String),
    /// A dependency-injection marker (`fastapi.Depends`) and the parameters of an injected
    /// function that are not request data.
    Injected {
        call: String,
        except: Option<LazyRegex>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub kind: SourceKind,
    pub label: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum SinkKind {
    Call(CallPattern),
    Property {
        name: String,
        receiver: Option<LazyRegex>,
        not_receiver: Option<LazyRegex>,
        text: Option<LazyRegex>,
        /// The call that made the object must match (`document.createElement("script")`).
        made_by: Option<LazyRegex>,
    },
    Return {
        decorator: LazyRegex,
        text: Option<LazyRegex>,
    },
    /// Fields of an object literal whose text matches `object`, holding a value whose literal
    /// start matches `text`.
    Object {
        object: LazyRegex,
        text: Option<LazyRegex>,
    },
}

impl SinkKind {
    /// Whether this sink is the assignment of `property` on an object written `receiver`, of a
    /// value starting with the literal `prefix`.
    /// Whether this sink is the property `property` set on an object written `receiver` and
    /// made by the call `made_by`, to a value starting with the literal `prefix`.
    pub fn is_property(
        &self,
        property: &str,
        receiver: Option<&str>,
        made_by: Option<&str>,
        prefix: Option<&str>,
    ) -> bool {
        let SinkKind::Property {
            name,
            receiver: wanted_receiver,
            not_receiver,
            text,
            made_by: wanted_maker,
        } = self
        else {
            return false;
        };
        if wanted_maker
            .as_ref()
            .is_some_and(|m| !made_by.is_some_and(|t| m.get().is_match(t)))
        {
            return false;
        }
        name == property
            && wanted_receiver
                .as_ref()
                .is_none_or(|r| receiver.is_some_and(|t| r.get().is_match(t)))
            && not_receiver
                .as_ref()
                .is_none_or(|r| !receiver.is_some_and(|t| r.get().is_match(t)))
            && text
                .as_ref()
                .is_none_or(|t| prefix.is_some_and(|p| t.get().is_match(p)))
    }

    /// Whether this sink is a field of an object literal written `written`, holding a value that
    /// starts with the literal `prefix` (`None`: any object written so, whatever its fields hold).
    pub fn is_object(&self, written: &str, prefix: Option<Option<&str>>) -> bool {
        let SinkKind::Object { object, text } = self else {
            return false;
        };
        object.get().is_match(written)
            && match (text, prefix) {
                (Some(text), Some(prefix)) => prefix.is_some_and(|p| text.get().is_match(p)),
                _ => true,
            }
    }

    /// Whether this sink is the return value of a function with these decorators, for a value
    /// starting with the literal `prefix`.
    pub fn is_return(&self, decorators: &[&str], prefix: Option<&str>) -> bool {
        let SinkKind::Return { decorator, text } = self else {
            return false;
        };
        decorators.iter().any(|d| decorator.get().is_match(d))
            && text
                .as_ref()
                .is_none_or(|t| prefix.is_some_and(|p| t.get().is_match(p)))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Sink {
    pub kind: SinkKind,
    pub args: Vec<ArgSel>,
}

#[derive(Debug, Clone)]
pub(crate) struct Propagator {
    pub call: CallPattern,
    pub from: Slot,
    pub to: Slot,
}

#[derive(Debug, Clone)]
pub(crate) enum GuardKind {
    Call(CallPattern, Slot),
    Operator(String),
}

/// A validated `[taint]` table.
#[derive(Debug, Clone, Default)]
pub struct TaintSpec {
    pub(crate) library: bool,
    pub(crate) refine: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) safe_prefix: Option<LazyRegex>,
    pub(crate) sources: Vec<Source>,
    pub(crate) ignore_sources: Vec<String>,
    pub(crate) sinks: Vec<Sink>,
    pub(crate) sanitizers: Vec<CallPattern>,
    pub(crate) propagators: Vec<Propagator>,
    pub(crate) guards: Vec<GuardKind>,
    pub(crate) constant_names: Vec<String>,
    pub(crate) constant_calls: Vec<CallPattern>,
    pub(crate) lookups: Vec<CallPattern>,
}

impl TaintSpec {
    /// Whether this table only lends data to the other taint rules of its languages.
    pub fn is_library(&self) -> bool {
        self.library
    }

    /// The `[match]` capture whose value flow decides about, for a shape rule.
    pub fn refined_capture(&self) -> Option<&str> {
        self.refine.as_deref()
    }

    /// The message of this rule's flow findings, when it has its own.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The texts of the sources written as tree-sitter queries.
    pub(crate) fn source_queries(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().filter_map(|source| match &source.kind {
            SourceKind::Query(text) => Some(text.as_str()),
            _ => None,
        })
    }
}

fn regex(text: &str, field: &str, when: RegexCompile) -> Result<LazyRegex, String> {
    LazyRegex::new(text, when).map_err(|e| format!("invalid `{field}` regex: {e}"))
}

fn canonical(name: &str) -> String {
    name.replace("::", ".")
}

fn call_pattern(file: &CallFile, what: &str, when: RegexCompile) -> Result<CallPattern, String> {
    if file.call.is_none() && file.method.is_none() && file.text.is_none() {
        return Err(format!("a {what} needs `call`, `method` or `text`"));
    }
    if (file.receiver.is_some() || file.not_receiver.is_some()) && file.method.is_none() {
        return Err(format!("a {what}'s `receiver` needs a `method`"));
    }
    Ok(CallPattern {
        call: file.call.as_deref().map(canonical),
        method: file.method.clone(),
        receiver: file
            .receiver
            .as_deref()
            .map(|r| regex(r, "receiver", when))
            .transpose()?,
        not_receiver: file
            .not_receiver
            .as_deref()
            .map(|r| regex(r, "not-receiver", when))
            .transpose()?,
        text: file
            .text
            .as_deref()
            .map(|r| regex(r, "text", when))
            .transpose()?,
        not_text: file
            .not_text
            .as_deref()
            .map(|r| regex(r, "not-text", when))
            .transpose()?,
        arg_made_by: file
            .arg_made_by
            .as_deref()
            .map(|r| regex(r, "arg-made-by", when))
            .transpose()?,
    })
}

fn has_call(file: &CallFile) -> bool {
    file.call.is_some() || file.method.is_some() || file.text.is_some()
}

impl TaintFile {
    /// Validates the table. `has_match`: the rule also has a `[match]`.
    pub(crate) fn compile(&self, has_match: bool, when: RegexCompile) -> Result<TaintSpec, String> {
        match (self.library, &self.refine, has_match) {
            (true, None, false) if self.sinks.is_empty() && self.message.is_none() => {}
            (true, _, _) => {
                return Err(
                    "a taint library has no `[match]`, `refine` or `sinks`: it only lends sources, sanitizers, propagators and guards".into(),
                );
            }
            (false, Some(_), true) => {}
            (false, Some(_), false) => {
                return Err("`refine` names a capture of `[match]`, which this rule lacks".into());
            }
            (false, None, true) => {
                return Err("a rule with `[match]` and `[taint]` must say which capture flow refines: `refine = \"<capture>\"`".into());
            }
            (false, None, false) if self.sinks.is_empty() => {
                return Err("a taint rule needs `sinks` (or `library = true`)".into());
            }
            (false, None, false) => {}
        }
        let mut spec = TaintSpec {
            library: self.library,
            refine: self.refine.clone(),
            message: self.message.clone(),
            safe_prefix: self
                .safe_prefix
                .as_deref()
                .map(|r| regex(r, "safe-prefix", when))
                .transpose()?,
            constant_names: self.constant_names.clone(),
            ignore_sources: self.ignore_sources.iter().map(|p| canonical(p)).collect(),
            ..TaintSpec::default()
        };
        for source in &self.sources {
            let kinds = [
                has_call(&source.call),
                source.path.is_some(),
                source.params_of.is_some(),
                source.param_type.is_some() && source.params_of.is_none(),
                source.query.is_some(),
                source.injected_by.is_some(),
            ];
            if kinds.iter().filter(|k| **k).count() != 1 {
                return Err("a source needs exactly one of `call`/`method`, `path`, `params-of`, `param-type`, `query` or `injected-by`".into());
            }
            if source.except_param.is_some()
                && source.params_of.is_none()
                && source.injected_by.is_none()
            {
                return Err(
                    "`except-param` belongs to `params-of` and `injected-by` sources".into(),
                );
            }
            let except = || {
                source
                    .except_param
                    .as_deref()
                    .map(|r| regex(r, "except-param", when))
                    .transpose()
            };
            let kind = if has_call(&source.call) {
                SourceKind::Call(call_pattern(&source.call, "source", when)?)
            } else if let Some(path) = &source.path {
                SourceKind::Path(canonical(path))
            } else if let Some(decorator) = &source.params_of {
                SourceKind::ParamsOf {
                    decorator: regex(decorator, "params-of", when)?,
                    except: except()?,
                    only: source
                        .param_type
                        .as_deref()
                        .map(|r| regex(r, "param-type", when))
                        .transpose()?,
                }
            } else if let Some(ty) = &source.param_type {
                SourceKind::ParamType(regex(ty, "param-type", when)?)
            } else if let Some(call) = &source.injected_by {
                SourceKind::Injected {
                    call: canonical(call),
                    except: except()?,
                }
            } else {
                SourceKind::Query(source.query.clone().unwrap_or_default())
            };
            spec.sources.push(Source {
                kind,
                label: source.label.clone(),
            });
        }
        for sink in &self.sinks {
            let named_call = sink.call.call.is_some() || sink.call.method.is_some();
            let text = || {
                sink.call
                    .text
                    .as_deref()
                    .map(|r| regex(r, "text", when))
                    .transpose()
            };
            let not_call =
                sink.property.is_some() || sink.returns_of.is_some() || sink.object.is_some();
            if not_call && (sink.call.not_text.is_some() || sink.call.arg_made_by.is_some()) {
                return Err("`not-text` and `arg-made-by` belong to call sinks".into());
            }
            if sink.receiver_made_by.is_some() && sink.property.is_none() {
                return Err("`receiver-made-by` belongs to `property` sinks".into());
            }
            let receiver = |field: &Option<String>, name| {
                field.as_deref().map(|r| regex(r, name, when)).transpose()
            };
            let kind = match (&sink.property, &sink.returns_of, &sink.object, named_call) {
                (Some(property), None, None, false) => SinkKind::Property {
                    name: property.clone(),
                    receiver: receiver(&sink.call.receiver, "receiver")?,
                    not_receiver: receiver(&sink.call.not_receiver, "not-receiver")?,
                    text: text()?,
                    made_by: receiver(&sink.receiver_made_by, "receiver-made-by")?,
                },
                (None, Some(decorator), None, false)
                    if sink.call.receiver.is_none() && sink.call.not_receiver.is_none() =>
                {
                    SinkKind::Return {
                        decorator: regex(decorator, "returns-of", when)?,
                        text: text()?,
                    }
                }
                (None, None, Some(object), false)
                    if sink.call.receiver.is_none() && sink.call.not_receiver.is_none() =>
                {
                    SinkKind::Object {
                        object: regex(object, "object", when)?,
                        text: text()?,
                    }
                }
                (None, None, None, _) if has_call(&sink.call) => {
                    SinkKind::Call(call_pattern(&sink.call, "sink", when)?)
                }
                _ => {
                    return Err(
                        "a sink needs exactly one of `call`/`method`, `property`, `returns-of` or `object`"
                            .into(),
                    );
                }
            };
            if matches!(kind, SinkKind::Return { .. }) && !sink.args.is_empty() {
                return Err("a `returns-of` sink has no `args`".into());
            }
            let args = sink
                .args
                .iter()
                .map(|a| match a {
                    ArgFile::Position(n) => ArgSel::Position(*n),
                    ArgFile::Keyword(k) if k == "receiver" => ArgSel::Receiver,
                    ArgFile::Keyword(k) => ArgSel::Keyword(k.clone()),
                })
                .collect();
            spec.sinks.push(Sink { kind, args });
        }
        for sanitizer in &self.sanitizers {
            spec.sanitizers
                .push(call_pattern(sanitizer, "sanitizer", when)?);
        }
        for constant in &self.constant_calls {
            spec.constant_calls
                .push(call_pattern(constant, "constant call", when)?);
        }
        for lookup in &self.lookups {
            spec.lookups.push(call_pattern(lookup, "lookup", when)?);
        }
        for propagator in &self.propagators {
            spec.propagators.push(Propagator {
                call: call_pattern(&propagator.call, "propagator", when)?,
                from: Slot::parse(&propagator.from)?,
                to: Slot::parse(&propagator.to)?,
            });
        }
        for guard in &self.guards {
            let kind = match (&guard.operator, has_call(&guard.call)) {
                (Some(op), false) => GuardKind::Operator(op.clone()),
                (None, true) => {
                    let default = if guard.call.method.is_some() {
                        "receiver"
                    } else {
                        "arg0"
                    };
                    let slot = Slot::parse(guard.checks.as_deref().unwrap_or(default))?;
                    GuardKind::Call(call_pattern(&guard.call, "guard", when)?, slot)
                }
                _ => {
                    return Err("a guard needs exactly one of `call`/`method` or `operator`".into());
                }
            };
            spec.guards.push(kind);
        }
        Ok(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paths_match_the_end_of_canonical_names() {
        assert!(names_match("requests.get", "requests.get"));
        assert!(names_match("std.process.Command.new", "Command.new"));
        assert!(!names_match("os.system", "system"));
        assert!(!names_match("requests.get", "xrequests.get"));
        assert!(names_match(
            "responses.HTMLResponse",
            "fastapi.responses.HTMLResponse"
        ));
        assert!(!names_match("redirect", "django.shortcuts.redirect"));
        assert!(!names_match("exec", "./db.exec"));
    }

    #[test]
    fn tables_say_what_they_are() {
        let sinkless = TaintFile::default();
        assert!(sinkless.compile(false, RegexCompile::WhenLoaded).is_err());
        let refine_without_match = TaintFile {
            refine: Some("cmd".into()),
            ..TaintFile::default()
        };
        assert!(
            refine_without_match
                .compile(false, RegexCompile::WhenLoaded)
                .is_err()
        );
        let library = TaintFile {
            library: true,
            ..TaintFile::default()
        };
        assert!(
            library
                .compile(false, RegexCompile::WhenLoaded)
                .unwrap()
                .is_library()
        );
    }
}

//! Taint rule data: the `[taint]` table of a rule file, as written (serde) and as the flow core
//! runs it. Sources, sinks, sanitizers, propagators and guards are all data; the only code that
//! knows a language is its adapter.

use crate::rules::LazyRegex;

mod file;

pub(crate) use file::TaintFile;

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
    /// A regex the call that made the receiver must match (`c.get(url)` after `with
    /// httpx.Client() as c`), for a method sink whose receiver's name says nothing.
    pub receiver_made_by: Option<LazyRegex>,
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
        // A chain written over several lines (`field\n    .file_name()`) as if on one.
        let joined = (call.text.contains('\n') && (self.text.is_some() || self.not_text.is_some()))
            .then(|| one_line_chain(call.text));
        let call_text = joined.as_deref().unwrap_or(call.text);
        if let Some(text) = &self.text
            && !text.get().is_match(call_text)
            && !text.get().is_match(&call.arg_prefixes)
            && !call
                .text_with_object
                .as_deref()
                .is_some_and(|t| text.get().is_match(t))
        {
            return false;
        }
        if let Some(text) = &self.not_text
            && (text.get().is_match(call_text)
                || call
                    .text_with_object
                    .as_deref()
                    .is_some_and(|t| text.get().is_match(t)))
        {
            return false;
        }
        if let Some(made_by) = &self.arg_made_by
            && !made_by.get().is_match(&call.arg_calls)
        {
            return false;
        }
        if let Some(made_by) = &self.receiver_made_by
            && !call
                .receiver_call
                .is_some_and(|t| made_by.get().is_match(t))
            && !call
                .receiver_call_resolved
                .as_deref()
                .is_some_and(|t| made_by.get().is_match(t))
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
    /// The node this slot names at a call: its receiver or one of its arguments.
    pub(crate) fn at<'t>(
        self,
        receiver: Option<tree_sitter::Node<'t>>,
        args: &[crate::flow::adapter::Arg<'t>],
    ) -> Option<tree_sitter::Node<'t>> {
        match self {
            Slot::Receiver => receiver,
            Slot::Arg(n) => args.get(n).map(|a| a.value),
        }
    }

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
        /// Captures parameter names in the decorator's text (`<int:id>`): those are converted.
        converted: Option<LazyRegex>,
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
    /// A call source that counts only when something untrusted went into the call.
    pub from_untrusted: bool,
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
        /// The call that made the object the decorator is read from must match (`app` of
        /// `@app.get("/")` made by `Flask(__name__)`, not `FastAPI()`).
        made_by: Option<LazyRegex>,
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
    /// `makers`: for each decorator, the text of the call that made the object it is read from.
    pub fn is_return(
        &self,
        decorators: &[&str],
        makers: &[Option<&str>],
        prefix: Option<&str>,
    ) -> bool {
        let SinkKind::Return {
            decorator,
            text,
            made_by,
        } = self
        else {
            return false;
        };
        decorators.iter().zip(makers).any(|(d, maker)| {
            decorator.get().is_match(d)
                && made_by
                    .as_ref()
                    .is_none_or(|m| maker.is_some_and(|t| m.get().is_match(t)))
        }) && text
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
    pub from: PropagatedFrom,
    pub to: Slot,
}

/// Where a propagator's taint comes from: one slot, or every argument (`xs.push(a, b, c)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PropagatedFrom {
    Slot(Slot),
    EveryArgument,
}

/// What of a call's inputs reaches its result (`to = "result"`), where the default (the
/// receiver and every argument) says too much: `docutils.core.publish_parts(text,
/// source_path=name)` renders `text`; `name` only labels its diagnostics.
#[derive(Debug, Clone)]
pub(crate) struct ResultPropagator {
    pub call: CallPattern,
    pub reach: Reach,
}

#[derive(Debug, Clone)]
pub(crate) enum Reach {
    /// Only these inputs (`args`).
    Only(Vec<ArgSel>),
    /// Every input but these (`not-args`).
    AllBut(Vec<ArgSel>),
    /// None: the result is clean for every rule whatever the inputs (`clean = true`).
    Nothing,
}

#[derive(Debug, Clone)]
pub(crate) enum GuardKind {
    Call(CallPattern, Slot),
    Operator(String),
    /// `typeof x === "string"`: where the type named (the literal, quotes included) matches,
    /// `x` holds a value of that type.
    TypeIs(LazyRegex),
    /// The parts of a parsed URL that name its host (`hostname`, `netloc`): a guard that
    /// vouches for one of them on the result of this call vouches for the URL it parsed.
    HostOf(CallPattern, Vec<String>),
    /// A call whose result compared equal to something vouches for an operand
    /// (`os.path.commonpath([p, root]) == root`, `path.dirname(p) === DIR`).
    Compared(CallPattern, Slot),
    /// A check on the result of the call `of` that holds only for a path that climbs out of its
    /// root (`path.relative(root, p).startsWith("..")`), or, `inside`, only for a path inside it
    /// (`p.components().all(|c| matches!(c, Component::Normal(_)))`): where it says inside, the
    /// operand of `of` is contained.
    Escape {
        check: CallPattern,
        of: CallPattern,
        operand: Slot,
        inside: bool,
    },
}

/// A validated `[taint]` table.
#[derive(Debug, Clone, Default)]
pub struct TaintSpec {
    pub(crate) library: bool,
    pub(crate) refine: Option<String>,
    pub(crate) untrusted_only: bool,
    pub(crate) message: Option<String>,
    pub(crate) safe_prefix: Option<LazyRegex>,
    /// A start check vouches for nothing here (`start-checks = false`).
    pub(crate) start_blind: bool,
    pub(crate) folder_start_blind: bool,
    /// A check for `..` vouches at this rule's sinks (`climb-checks = true`).
    pub(crate) climb_checks: bool,
    pub(crate) start_made_by: Option<LazyRegex>,
    pub(crate) option_choices: Option<LazyRegex>,
    pub(crate) sources: Vec<Source>,
    pub(crate) ignore_sources: Vec<String>,
    /// The language library's sources do not count for this rule, only its own.
    pub(crate) own_sources_only: bool,
    pub(crate) sinks: Vec<Sink>,
    pub(crate) sanitizers: Vec<CallPattern>,
    /// Functions of the file whose text matches are sanitisers (`helper-text`).
    pub(crate) helper_sanitizers: Vec<LazyRegex>,
    pub(crate) decoders: Vec<CallPattern>,
    pub(crate) propagators: Vec<Propagator>,
    pub(crate) result_propagators: Vec<ResultPropagator>,
    pub(crate) guards: Vec<GuardKind>,
    pub(crate) constant_names: Vec<String>,
    pub(crate) scalar_params: Vec<LazyRegex>,
    pub(crate) constant_calls: Vec<CallPattern>,
    pub(crate) lookups: Vec<CallPattern>,
    pub(crate) index_callbacks: Vec<CallPattern>,
    pub(crate) channel_sends: Vec<ChannelSend>,
    pub(crate) channel_receives: Vec<CallPattern>,
    pub(crate) channel_callbacks: Vec<CallPattern>,
    pub(crate) channel_params: Vec<String>,
    pub(crate) forwarders: Vec<Forwarder>,
}

/// A call that sends a value on a channel: its argument `value`, or its one argument.
#[derive(Debug, Clone)]
pub(crate) struct ChannelSend {
    pub call: CallPattern,
    pub value: Option<usize>,
}

/// A call that calls the function its argument `function` names with the arguments after it
/// (`asyncio.to_thread(tail, path, n)` runs `tail(path, n)`).
#[derive(Debug, Clone)]
pub(crate) struct Forwarder {
    pub call: CallPattern,
    pub function: FunctionArg,
    /// The keyword argument holding the arguments as a tuple or list (`args=(x,)`); without
    /// it, the arguments after the function's.
    pub arguments_keyword: Option<String>,
}

/// Where a forwarder's call names the function it calls.
#[derive(Debug, Clone)]
pub(crate) enum FunctionArg {
    Position(usize),
    Keyword(String),
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

    /// A refined match is kept only when its value comes from an untrusted source.
    pub fn untrusted_only(&self) -> bool {
        self.untrusted_only
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

/// Whether a capture group of a source's `except-converted` finds the parameter `name` in a
/// route decorator's text (`post_id` of `@app.route("/posts/<int:post_id>")`).
pub(crate) fn converts_param(converted: Option<&LazyRegex>, decorator: &str, name: &str) -> bool {
    converted.is_some_and(|converted| {
        converted.get().captures_iter(decorator).any(|found| {
            found
                .iter()
                .skip(1)
                .flatten()
                .any(|group| group.as_str() == name)
        })
    })
}

/// `text` with the line breaks and indentation before each `.`, `?.` or `::` of a chain
/// removed: rule regexes name calls as written on one line.
fn one_line_chain(text: &str) -> String {
    static BREAK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\s*\n\s*(\?\.|\.|::)").expect("valid regex")
    });
    BREAK.replace_all(text, "$1").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RegexCompile;

    /// A `[taint]` table written in TOML, compiled as a rule's.
    fn compiled(text: &str) -> Result<TaintSpec, String> {
        let file: TaintFile = toml::from_str(text).map_err(|e| e.to_string())?;
        file.compile(false, RegexCompile::WhenLoaded)
    }

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
    fn result_propagators_say_which_inputs_reach_the_result() {
        let table = |entry: &str| compiled(&format!("library = true\n[[propagators]]\n{entry}\n"));
        let spec = table("call = \"docutils.core.publish_parts\"\nto = \"result\"\nnot-args = [1, \"source_path\"]").unwrap();
        assert!(spec.propagators.is_empty());
        match &spec.result_propagators[0].reach {
            Reach::AllBut(list) => assert_eq!(
                list,
                &[ArgSel::Position(1), ArgSel::Keyword("source_path".into())]
            ),
            other => panic!("{other:?}"),
        }
        let spec = table("method = \"hexdigest\"\nto = \"result\"\nclean = true").unwrap();
        assert!(matches!(spec.result_propagators[0].reach, Reach::Nothing));
        let spec = table("method = \"f\"\nto = \"result\"\nargs = [\"receiver\", 0]").unwrap();
        assert!(
            matches!(&spec.result_propagators[0].reach, Reach::Only(l) if l == &[ArgSel::Receiver, ArgSel::Position(0)])
        );
        // The classic form is unchanged.
        let spec = table("method = \"append\"\nfrom = \"arg0\"\nto = \"receiver\"").unwrap();
        assert_eq!(spec.propagators.len(), 1);
        assert_eq!(spec.propagators[0].from, PropagatedFrom::Slot(Slot::Arg(0)));
        let spec = table("method = \"push\"\nfrom = \"args\"\nto = \"receiver\"").unwrap();
        assert_eq!(spec.propagators[0].from, PropagatedFrom::EveryArgument);
        assert!(table("method = \"push\"\nfrom = \"arguments\"\nto = \"receiver\"").is_err());

        for (entry, reason) in [
            (
                "method = \"f\"\nto = \"result\"",
                "exactly one of `args`, `not-args` or `clean",
            ),
            (
                "method = \"f\"\nto = \"result\"\nargs = [0]\nclean = true",
                "exactly one of",
            ),
            (
                "method = \"f\"\nto = \"result\"\nfrom = \"arg0\"\nargs = [0]",
                "not `from`",
            ),
            (
                "method = \"f\"\nto = \"result\"\nnot-args = []",
                "`not-args` is empty",
            ),
            (
                "method = \"f\"\nto = \"result\"\nclean = false",
                "`clean = false` says nothing",
            ),
            (
                "method = \"f\"\nto = \"result\"\nargs = [\"1.Location\"]",
                "not fields",
            ),
            (
                "method = \"f\"\nto = \"receiver\"\nfrom = \"arg0\"\nargs = [0]",
                "go with `to = \"result\"`",
            ),
            ("method = \"f\"\nto = \"receiver\"", "needs `from`"),
            (
                "method = \"f\"\nfrom = \"arg0\"\nto = \"everywhere\"",
                "(or `result`)",
            ),
            (
                "method = \"f\"\nto = \"result\"\nargs = [-1]",
                "did not match any variant",
            ),
        ] {
            let error = table(entry).unwrap_err();
            assert!(error.contains(reason), "{entry}: {error}");
        }
    }

    #[test]
    fn a_sink_or_sanitizer_may_name_several_calls() {
        let table = |entries: &str| compiled(&format!("message = \"m\"\n{entries}\n"));
        let spec = table(
            "[[sinks]]\ncall = [\"a.run\", \"b::go\"]\ntext = \"x\"\nargs = [1]\n\
             [[sanitizers]]\ncall = [\"c.clean\", \"d.clean\"]",
        )
        .unwrap();
        let names: Vec<_> = spec
            .sinks
            .iter()
            .map(|sink| match &sink.kind {
                SinkKind::Call(p) => (p.call.clone(), p.text.is_some(), sink.args.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            [
                (Some("a.run".into()), true, vec![ArgSel::Position(1)]),
                (Some("b.go".into()), true, vec![ArgSel::Position(1)]),
            ]
        );
        let cleaners: Vec<_> = spec.sanitizers.iter().map(|p| p.call.clone()).collect();
        assert_eq!(cleaners, [Some("c.clean".into()), Some("d.clean".into())]);
        let error = table("[[sinks]]\ncall = []").unwrap_err();
        assert!(error.contains("list is empty"), "{error}");
        let error =
            table("[[sinks]]\nmethod = \"m\"\n[[decoders]]\ncall = [\"a\", \"b\"]").unwrap_err();
        assert!(error.contains("only sinks and sanitizers"), "{error}");
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
        let untrusted_only_without_refine = TaintFile {
            untrusted_only: true,
            ..TaintFile::default()
        };
        let error = untrusted_only_without_refine
            .compile(true, RegexCompile::WhenLoaded)
            .unwrap_err();
        assert!(error.contains("`untrusted-only` needs `refine`"), "{error}");
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

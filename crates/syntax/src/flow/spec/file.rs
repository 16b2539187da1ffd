//! The `[taint]` table exactly as a rule file writes it (serde), and its validation into the
//! [`TaintSpec`] the flow core runs.

use super::*;
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
    /// With `refine`: a match is kept only when flow names the untrusted source of its value;
    /// a value flow knows nothing of is dropped too (a program run from a variable is ordinary
    /// code; one the request names is the finding).
    #[serde(default)]
    pub untrusted_only: bool,
    /// The message of a flow finding, when it differs from the rule's (a rule with `[match]`
    /// and `sinks`): may use `{{source}}`, `{{source_line}}` and `{{sink}}`.
    pub message: Option<String>,
    /// A value whose literal start matches this regex is not reported at this rule's sinks
    /// (a fixed scheme and host: `^https?://[^/{]+/`).
    pub safe_prefix: Option<String>,
    /// `false`: a check of how the value starts (`startsWith("note=")`) vouches for nothing at
    /// this rule's sinks, where the rest of the text does the harm (markup, SQL, code).
    pub start_checks: Option<bool>,
    /// `false`, with `start-checks = false`: a start naming a folder (`startswith("/home/")`)
    /// vouches for nothing either, since the sink takes the value itself (a shell reads on past
    /// `/home/x; rm -rf ~`), not the contents of a file it names.
    pub folder_start_checks: Option<bool>,
    /// `true`: a check for `..` in the value (`".." in name`, `name.includes("..")`) vouches
    /// for it at this rule's sinks, whose harm is a path climbing out of its folder. For every
    /// other rule such a check says nothing (`".." not in url` still lets `//evil.example` out).
    #[serde(default)]
    pub climb_checks: bool,
    /// A regex on the call that made a checked value: a check of how the value starts vouches
    /// for this rule only when that call matches (a path resolved first: `path.resolve(`),
    /// or the value is a parameter standing for what callers pass. `root.join("../x")` still
    /// starts with `root`.
    pub start_checks_made_by: Option<String>,
    /// A regex on the call that returns a command line's parsed options (`parser.parse_args()`):
    /// an option of its result that the file declares only with `choices=` of literals holds
    /// one of them (`core/choices.rs`).
    pub option_choices: Option<String>,
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// Library sources that do not count for this rule, by path or by call or method name
    /// (`req.params`: a route parameter is always a string, so it cannot carry a query
    /// operator; `sys.argv`: a command-line tool opens the files its user names).
    #[serde(default)]
    pub ignore_sources: Vec<String>,
    /// Only this rule's own `sources` count: none of the language library's (the names an
    /// archive holds are the untrusted input of a zip-slip rule; request data reaching the same
    /// file call is another rule's finding).
    #[serde(default)]
    pub own_sources_only: bool,
    #[serde(default)]
    pub sinks: Vec<SinkFile>,
    #[serde(default)]
    pub sanitizers: Vec<SanitizerFile>,
    /// Calls that decode their input (`html.unescape`, `unquote`, `he.decode`): what escaping
    /// or a check took from it is back in their result.
    #[serde(default)]
    pub decoders: Vec<CallFile>,
    #[serde(default)]
    pub propagators: Vec<PropagatorFile>,
    #[serde(default)]
    pub guards: Vec<GuardFile>,
    /// Names whose value is a constant of the program (`__dirname`, `__file__`).
    #[serde(default)]
    pub constant_names: Vec<String>,
    /// Regexes on a parameter as written, decorators included: a parameter that matches one
    /// holds a number, boolean or UUID when the function runs, whatever its type says
    /// (`@Param("id", ParseIntPipe) id: number`: NestJS converts it first).
    #[serde(default)]
    pub scalar_params: Vec<String>,
    /// Calls whose result is constant when every argument is (`path.join`, `os.path.dirname`).
    #[serde(default)]
    pub constant_calls: Vec<CallFile>,
    /// Lookups that return one of their receiver's entries, chosen by the arguments
    /// (`d.get(key, default)`, `map.get(key)`): on a constant table the result is constant
    /// whatever the key (and a default of its own, when one is given).
    #[serde(default)]
    pub lookups: Vec<CallFile>,
    /// Calls that pass a callback argument an index as its first parameter (jQuery's
    /// `$(sel).each(function (i, el) { ... })`): a number.
    #[serde(default)]
    pub index_callbacks: Vec<CallFile>,
    /// Calls that put their argument on a channel (`tx.send(job).await`,
    /// `events.emit("job", job)`): what a function of the file sends there comes out of the
    /// channel's receiving calls and callbacks.
    #[serde(default)]
    pub channel_sends: Vec<ChannelSendFile>,
    /// Calls that take a value off a channel (`rx.recv().await`).
    #[serde(default)]
    pub channel_receives: Vec<CallFile>,
    /// Calls whose callback argument is called with what was sent, in its first parameter
    /// (`events.on("job", (job) => ...)`).
    #[serde(default)]
    pub channel_callbacks: Vec<CallFile>,
    /// Parameters that receive, by their type's generic argument, what was sent of that type
    /// (`Extension(t): Extension<Tenant>` after middleware's `extensions_mut().insert(Tenant(..))`).
    #[serde(default)]
    pub channel_params: Vec<ChannelParamFile>,
    /// Calls that call a function they are given with the arguments after it
    /// (`asyncio.to_thread(tail, path)`, `loop.run_in_executor(None, fetch, url)`).
    #[serde(default)]
    pub forwarders: Vec<ForwarderFile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ChannelParamFile {
    /// The wrapper type's name as written, without its path (`Extension`).
    #[serde(rename = "type")]
    pub type_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ChannelSendFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// The position of the argument sent (from 0); without it, the call takes exactly one
    /// argument, which is sent (reqwest's `RequestBuilder::send()` takes none).
    pub value: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ForwarderFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// The position of the argument naming the function called (from 0); the arguments it is
    /// called with follow it.
    pub function: Option<usize>,
    /// Or the keyword of the argument naming it (`target` of `threading.Thread(target=f,
    /// args=(x,))`).
    pub function_keyword: Option<String>,
    /// The keyword of the argument holding, as a tuple or list written there, the arguments it
    /// is called with (`args`); with a `function-keyword`, none when the call passes none.
    pub arguments_keyword: Option<String>,
}

/// One callee's name, or the several an entry stands for.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum CallNames {
    One(String),
    Many(Vec<String>),
}

/// Which calls an entry is about: by canonical name, by method name, or both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CallFile {
    /// The callee's canonical dotted name: `requests.get`, `child_process.exec`,
    /// `std.process.Command.new` (Rust `::` is written `.`). Sinks and sanitizers may list
    /// several (`call = ["child_process.spawn", "execa"]`): one entry each, sharing the rest.
    pub call: Option<CallNames>,
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
    /// With `params-of`: a regex run over the matching decorator's text whose capture groups
    /// name parameters the framework converts (a Flask route's `<int:post_id>`): not sources.
    pub except_converted: Option<String>,
    /// The canonical name of a dependency-injection marker (`fastapi.Depends`): a parameter
    /// whose default or type holds `Depends(get_user)`, with `get_user` a function of this file,
    /// receives what `get_user` returns when the framework fills `get_user`'s own parameters
    /// from the request (they are sources, except those `except-param` matches).
    pub injected_by: Option<String>,
    /// A tree-sitter query; every `@source` node is untrusted (a parameter: its binding is).
    pub query: Option<String>,
    /// With `call` / `method`: the result is a source only when something untrusted went into
    /// the call, for any rule, ignored sources included (`json.loads` of a query-string value is
    /// an object again, though the string itself could carry no operator).
    #[serde(default)]
    pub from_untrusted: bool,
    /// What the message calls this source (default: its text).
    pub label: Option<String>,
    /// With a call source: a regex the call that made its receiver must match (Flask-RESTful's
    /// `parser.parse_args()` after `parser = reqparse.RequestParser()`, not argparse's).
    pub receiver_made_by: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct SanitizerFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// With `method`: a regex the call that made the receiver must match (`Action.parse(x)`
    /// after `const Action = z.enum(["start", "stop"])`).
    pub receiver_made_by: Option<String>,
    /// Instead of a call: a function of the file whose text matches this regex, called by
    /// name, returns a clean value (a hand-written HTML escaper that writes `&lt;` and `&amp;`).
    pub helper_text: Option<String>,
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
    /// With `property` or `method`: a regex the call that made the object must match (`s.src =
    /// url` after `s = document.createElement("script")`, `c.get(url)` after `with
    /// httpx.Client() as c`), whatever the variable is called.
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
    /// Where the taint comes from: `receiver` or `argN` (not with `to = "result"`).
    pub from: Option<String>,
    /// Where it goes: `receiver` or `argN`; or `result`, with `args`, `not-args` or `clean`
    /// saying which inputs reach the call's result.
    pub to: String,
    /// With `to = "result"`: only these inputs reach it (positions from 0, keyword names,
    /// `"receiver"`).
    pub args: Option<Vec<ArgFile>>,
    /// With `to = "result"`: every input but these reaches it.
    pub not_args: Option<Vec<ArgFile>>,
    /// With `to = "result"`: no input reaches it; the result is clean for every rule.
    pub clean: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct GuardFile {
    #[serde(flatten)]
    pub call: CallFile,
    /// `in`: a membership test (`x in ALLOWED`); `typeof`: a type test (`typeof x === "string"`)
    /// whose type name, a string literal with its quotes, matches `text`.
    pub operator: Option<String>,
    /// Which operand the check vouches for: `receiver`, `argN` or `element` (default: receiver
    /// for methods, arg0 for calls, element for operators).
    pub checks: Option<String>,
    /// With `call`: the fields of the call's result that hold the host of the URL it parses
    /// (`urlparse(u).hostname`); a guard on one of them vouches for the URL (`u`) too.
    pub host_fields: Option<Vec<String>>,
    /// With `call`: the check is the call's result compared with `==` / `!=`, and it holds
    /// where they are equal (`os.path.commonpath([p, root]) == root`); the call alone is none.
    pub compared: Option<bool>,
    /// The call whose result the check reads, when the check holds only for a path that climbs
    /// out of its root (`path.relative(root, p).startsWith("..")`, `p.components().any(|c|
    /// matches!(c, Component::ParentDir | Component::RootDir | ...))`): where it does not hold,
    /// the operand of that call `checks` names is contained (`arg1`: `p`).
    pub escape_of: Option<CallFile>,
    /// Like `escape-of`, for a check that holds only for a path inside its root (`p.components()
    /// .all(|c| matches!(c, Component::Normal(_)))`): where it holds, the operand is contained.
    pub inside_of: Option<CallFile>,
    /// A regex the call that made the receiver must match (`SLUG.match(name)` after `SLUG =
    /// re.compile(r"^[a-z]+$")`).
    pub receiver_made_by: Option<String>,
}

fn regex(text: &str, field: &str, when: RegexCompile) -> Result<LazyRegex, String> {
    LazyRegex::new(text, when).map_err(|e| format!("invalid `{field}` regex: {e}"))
}

/// [`regex`] of a field that may be absent.
fn optional_regex(
    text: &Option<String>,
    field: &str,
    when: RegexCompile,
) -> Result<Option<LazyRegex>, String> {
    text.as_deref().map(|r| regex(r, field, when)).transpose()
}

fn canonical(name: &str) -> String {
    name.replace("::", ".")
}

/// The patterns of an entry whose `call` may list several names: the first's, and a copy
/// for each other name sharing its regexes (compiled once).
fn call_patterns(
    file: &CallFile,
    what: &str,
    when: RegexCompile,
) -> Result<Vec<CallPattern>, String> {
    let Some(CallNames::Many(names)) = &file.call else {
        return Ok(vec![call_pattern(file, what, when)?]);
    };
    let Some((first, others)) = names.split_first() else {
        return Err(format!("a {what}'s `call` list is empty"));
    };
    let first = call_pattern(
        &CallFile {
            call: Some(CallNames::One(first.clone())),
            ..file.clone()
        },
        what,
        when,
    )?;
    let copies = others.iter().map(|name| CallPattern {
        call: Some(canonical(name)),
        ..first.clone()
    });
    Ok(std::iter::once(first.clone()).chain(copies).collect())
}

fn call_pattern(file: &CallFile, what: &str, when: RegexCompile) -> Result<CallPattern, String> {
    if file.call.is_none() && file.method.is_none() && file.text.is_none() {
        return Err(format!("a {what} needs `call`, `method` or `text`"));
    }
    let call = match &file.call {
        None => None,
        Some(CallNames::One(name)) => Some(canonical(name)),
        Some(CallNames::Many(_)) => {
            return Err(format!(
                "a {what} names one `call`; only sinks and sanitizers take a list"
            ));
        }
    };
    if (file.receiver.is_some() || file.not_receiver.is_some()) && file.method.is_none() {
        return Err(format!("a {what}'s `receiver` needs a `method`"));
    }
    Ok(CallPattern {
        call,
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
        receiver_made_by: None,
    })
}

/// Which inputs reach the result, for a propagator with `to = "result"`: exactly one of
/// `args`, `not-args` or `clean = true`, and no `from` (the entry says where from itself).
fn result_reach(propagator: &PropagatorFile) -> Result<Reach, String> {
    if propagator.from.is_some() {
        return Err(
            "a propagator with `to = \"result\"` takes `args`, `not-args` or `clean`, not `from`"
                .into(),
        );
    }
    let selectors = |list: &[ArgFile], key: &str| -> Result<Vec<ArgSel>, String> {
        let selected: Vec<ArgSel> = list.iter().map(arg_sel).collect();
        if let Some(bad) = selected.iter().find(|a| a.is_field()) {
            return Err(format!(
                "a propagator's `{key}` names arguments, not fields: `{bad:?}`"
            ));
        }
        Ok(selected)
    };
    match (&propagator.args, &propagator.not_args, propagator.clean) {
        (Some(args), None, None) => Ok(Reach::Only(selectors(args, "args")?)),
        (None, Some(args), None) if args.is_empty() => Err(
            "a propagator's `not-args` is empty: every input already reaches the result".into(),
        ),
        (None, Some(args), None) => Ok(Reach::AllBut(selectors(args, "not-args")?)),
        (None, None, Some(true)) => Ok(Reach::Nothing),
        (None, None, Some(false)) => {
            Err("`clean = false` says nothing: leave it out, or list `args` / `not-args`".into())
        }
        _ => Err("a propagator with `to = \"result\"` needs exactly one of `args`, `not-args` or `clean = true`".into()),
    }
}

fn arg_sel(arg: &ArgFile) -> ArgSel {
    match arg {
        ArgFile::Position(n) => ArgSel::Position(*n),
        ArgFile::Keyword(k) if k == "receiver" => ArgSel::Receiver,
        ArgFile::Keyword(k) => ArgSel::Keyword(k.clone()),
    }
}

fn has_call(file: &CallFile) -> bool {
    file.call.is_some() || file.method.is_some() || file.text.is_some()
}

impl TaintFile {
    /// Validates the table. `has_match`: the rule also has a `[match]`.
    pub(crate) fn compile(&self, has_match: bool, when: RegexCompile) -> Result<TaintSpec, String> {
        if self.untrusted_only && self.refine.is_none() {
            return Err("`untrusted-only` needs `refine` (the capture it decides about)".into());
        }
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
            untrusted_only: self.untrusted_only,
            message: self.message.clone(),
            safe_prefix: self
                .safe_prefix
                .as_deref()
                .map(|r| regex(r, "safe-prefix", when))
                .transpose()?,
            start_blind: self.start_checks == Some(false),
            folder_start_blind: self.start_checks == Some(false)
                && self.folder_start_checks == Some(false),
            climb_checks: self.climb_checks,
            start_made_by: self
                .start_checks_made_by
                .as_deref()
                .map(|r| regex(r, "start-checks-made-by", when))
                .transpose()?,
            option_choices: self
                .option_choices
                .as_deref()
                .map(|r| regex(r, "option-choices", when))
                .transpose()?,
            constant_names: self.constant_names.clone(),
            scalar_params: self
                .scalar_params
                .iter()
                .map(|r| regex(r, "scalar-params", when))
                .collect::<Result<_, _>>()?,
            ignore_sources: self.ignore_sources.iter().map(|p| canonical(p)).collect(),
            own_sources_only: self.own_sources_only,
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
            if source.from_untrusted && !has_call(&source.call) {
                return Err("`from-untrusted` belongs to `call` / `method` sources".into());
            }
            if source.except_converted.is_some() && source.params_of.is_none() {
                return Err("`except-converted` belongs to `params-of` sources".into());
            }
            let except = || {
                source
                    .except_param
                    .as_deref()
                    .map(|r| regex(r, "except-param", when))
                    .transpose()
            };
            let kind = if has_call(&source.call) {
                let mut pattern = call_pattern(&source.call, "source", when)?;
                pattern.receiver_made_by =
                    optional_regex(&source.receiver_made_by, "receiver-made-by", when)?;
                SourceKind::Call(pattern)
            } else if let Some(path) = &source.path {
                SourceKind::Path(canonical(path))
            } else if let Some(decorator) = &source.params_of {
                SourceKind::ParamsOf {
                    decorator: regex(decorator, "params-of", when)?,
                    except: except()?,
                    converted: source
                        .except_converted
                        .as_deref()
                        .map(|r| regex(r, "except-converted", when))
                        .transpose()?,
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
                from_untrusted: source.from_untrusted,
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
            // A sink without a callee's name (only `text`) is a call of a function value:
            // `receiver-made-by` reads the call that made it (`Handlebars.compile(..)`).
            if sink.receiver_made_by.is_some()
                && sink.property.is_none()
                && sink.returns_of.is_none()
                && sink.call.method.is_none()
                && (sink.call.call.is_some() || sink.call.text.is_none())
            {
                return Err(
                    "`receiver-made-by` belongs to `property`, `returns-of`, `method` and \
                     text-only sinks"
                        .into(),
                );
            }
            let receiver = |field: &Option<String>, name| optional_regex(field, name, when);
            let kinds = match (&sink.property, &sink.returns_of, &sink.object, named_call) {
                (Some(property), None, None, false) => vec![SinkKind::Property {
                    name: property.clone(),
                    receiver: receiver(&sink.call.receiver, "receiver")?,
                    not_receiver: receiver(&sink.call.not_receiver, "not-receiver")?,
                    text: text()?,
                    made_by: receiver(&sink.receiver_made_by, "receiver-made-by")?,
                }],
                (None, Some(decorator), None, false)
                    if sink.call.receiver.is_none() && sink.call.not_receiver.is_none() =>
                {
                    if !sink.args.is_empty() {
                        return Err("a `returns-of` sink has no `args`".into());
                    }
                    vec![SinkKind::Return {
                        decorator: regex(decorator, "returns-of", when)?,
                        text: text()?,
                        made_by: receiver(&sink.receiver_made_by, "receiver-made-by")?,
                    }]
                }
                (None, None, Some(object), false)
                    if sink.call.receiver.is_none() && sink.call.not_receiver.is_none() =>
                {
                    vec![SinkKind::Object {
                        object: regex(object, "object", when)?,
                        text: text()?,
                    }]
                }
                (None, None, None, _) if has_call(&sink.call) => {
                    let made_by = receiver(&sink.receiver_made_by, "receiver-made-by")?;
                    call_patterns(&sink.call, "sink", when)?
                        .into_iter()
                        .map(|pattern| {
                            SinkKind::Call(CallPattern {
                                receiver_made_by: made_by.clone(),
                                ..pattern
                            })
                        })
                        .collect()
                }
                _ => {
                    return Err(
                        "a sink needs exactly one of `call`/`method`, `property`, `returns-of` or `object`"
                            .into(),
                    );
                }
            };
            let args: Vec<ArgSel> = sink.args.iter().map(arg_sel).collect();
            spec.sinks.extend(kinds.into_iter().map(|kind| Sink {
                kind,
                args: args.clone(),
            }));
        }
        for sanitizer in &self.sanitizers {
            if let Some(helper) = &sanitizer.helper_text {
                if sanitizer.call.call.is_some() || sanitizer.call.method.is_some() {
                    return Err(
                        "a sanitizer's `helper-text` stands alone, without `call` or `method`"
                            .into(),
                    );
                }
                spec.helper_sanitizers
                    .push(regex(helper, "helper-text", when)?);
                continue;
            }
            let made_by = optional_regex(&sanitizer.receiver_made_by, "receiver-made-by", when)?;
            for pattern in call_patterns(&sanitizer.call, "sanitizer", when)? {
                spec.sanitizers.push(CallPattern {
                    receiver_made_by: made_by.clone(),
                    ..pattern
                });
            }
        }
        for decoder in &self.decoders {
            spec.decoders.push(call_pattern(decoder, "decoder", when)?);
        }
        for constant in &self.constant_calls {
            spec.constant_calls
                .push(call_pattern(constant, "constant call", when)?);
        }
        for lookup in &self.lookups {
            spec.lookups.push(call_pattern(lookup, "lookup", when)?);
        }
        for call in &self.index_callbacks {
            spec.index_callbacks
                .push(call_pattern(call, "index callback", when)?);
        }
        for send in &self.channel_sends {
            spec.channel_sends.push(ChannelSend {
                call: call_pattern(&send.call, "channel send", when)?,
                value: send.value,
            });
        }
        for call in &self.channel_receives {
            spec.channel_receives
                .push(call_pattern(call, "channel receive", when)?);
        }
        for call in &self.channel_callbacks {
            spec.channel_callbacks
                .push(call_pattern(call, "channel callback", when)?);
        }
        for param in &self.channel_params {
            spec.channel_params.push(param.type_name.clone());
        }
        for forwarder in &self.forwarders {
            let function = match (forwarder.function, &forwarder.function_keyword) {
                (Some(position), None) => FunctionArg::Position(position),
                (None, Some(keyword)) => FunctionArg::Keyword(keyword.clone()),
                _ => {
                    return Err(
                        "a forwarder needs one of `function` and `function-keyword`".to_string()
                    );
                }
            };
            spec.forwarders.push(Forwarder {
                call: call_pattern(&forwarder.call, "forwarder", when)?,
                function,
                arguments_keyword: forwarder.arguments_keyword.clone(),
            });
        }
        for propagator in &self.propagators {
            let call = call_pattern(&propagator.call, "propagator", when)?;
            if propagator.to == "result" {
                spec.result_propagators.push(ResultPropagator {
                    call,
                    reach: result_reach(propagator)?,
                });
                continue;
            }
            if propagator.args.is_some()
                || propagator.not_args.is_some()
                || propagator.clean.is_some()
            {
                return Err(format!(
                    "a propagator's `args`, `not-args` and `clean` go with `to = \"result\"`, not `to = \"{}\"`",
                    propagator.to
                ));
            }
            let Some(from) = &propagator.from else {
                return Err(format!(
                    "a propagator with `to = \"{}\"` needs `from` (`receiver`, `argN` or `args`)",
                    propagator.to
                ));
            };
            let from = match from.as_str() {
                "args" => PropagatedFrom::EveryArgument,
                slot => PropagatedFrom::Slot(
                    Slot::parse(slot).map_err(|e| format!("{e} (or `args`, every argument)"))?,
                ),
            };
            spec.propagators.push(Propagator {
                call,
                from,
                to: Slot::parse(&propagator.to).map_err(|e| format!("{e} (or `result`)"))?,
            });
        }
        for guard in &self.guards {
            let kind = match (&guard.operator, has_call(&guard.call)) {
                (None, true)
                    if let Some((of, inside)) = (guard.escape_of.as_ref().map(|o| (o, false)))
                        .or_else(|| guard.inside_of.as_ref().map(|o| (o, true))) =>
                {
                    GuardKind::Escape {
                        check: call_pattern(&guard.call, "guard", when)?,
                        of: call_pattern(of, "guard's `escape-of` / `inside-of`", when)?,
                        operand: Slot::parse(guard.checks.as_deref().unwrap_or("arg0"))?,
                        inside,
                    }
                }
                (None, true) if let Some(fields) = &guard.host_fields => {
                    GuardKind::HostOf(call_pattern(&guard.call, "guard", when)?, fields.clone())
                }
                (Some(op), _)
                    if op == "typeof"
                        && guard.call.call.is_none()
                        && guard.call.method.is_none() =>
                {
                    let Some(text) = &guard.call.text else {
                        return Err(
                            "a `typeof` guard needs `text`: a regex on the type name".into()
                        );
                    };
                    GuardKind::TypeIs(regex(text, "text", when)?)
                }
                (Some(op), false) => GuardKind::Operator(op.clone()),
                (None, true) => {
                    let default = if guard.call.method.is_some() {
                        "receiver"
                    } else {
                        "arg0"
                    };
                    let slot = Slot::parse(guard.checks.as_deref().unwrap_or(default))?;
                    let mut pattern = call_pattern(&guard.call, "guard", when)?;
                    pattern.receiver_made_by =
                        optional_regex(&guard.receiver_made_by, "receiver-made-by", when)?;
                    if guard.compared == Some(true) {
                        GuardKind::Compared(pattern, slot)
                    } else {
                        GuardKind::Call(pattern, slot)
                    }
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

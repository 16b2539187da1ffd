//! Closures: a nested function or callback reads the variables of the function around it as
//! they are where it is written (`app.get(..., (req, res) => { db.query(sql, (err) => {
//! exec(cmd) }) })`, `new Promise((resolve) => exec(cmd, ...))`, `useEffect(() => { el.innerHTML
//! = query })`). Every function also gets a pass of its own that starts with only the module's
//! values; this one runs it again, inside the enclosing pass, with the enclosing variables, and
//! its sink hits join the enclosing function's (the same finding from both passes is one).

use super::value::{Value, join_ranges};
use super::{FileFlow, Params, Pass};
use crate::flow::adapter::{Arg, CallSite, Elements, Expr, Function, text_of};
use tree_sitter::Node;

/// Closures nested deeper than this inside one pass are left to their own passes: each level
/// re-runs the ones inside it, and loop bodies run twice.
const MAX_NESTING: usize = 3;

impl<'t> FileFlow<'t, '_> {
    /// Gives a run its closure passes: a few per function, enough for callbacks in callbacks,
    /// bounded whatever the nesting. A file's own analysis (`run`) and the summaries another
    /// file follows (`export`) both start here; without it no closure would run.
    pub(super) fn reset_closure_budget(&self) {
        self.closure_budget.set(4 * self.functions.len() + 64);
    }

    /// Runs the function defined at `node` (a lambda, arrow function, closure or nested
    /// definition) with the variables `pass` holds there, when one of them is tainted by
    /// something other than the module.
    pub(super) fn closure(&self, node: Node<'t>, pass: &mut Pass<'_>) {
        let Some(&index) = self.by_node.get(&node.byte_range()) else {
            return;
        };
        // `urls.map((u) => fetch(u))`: the call hands the closure tainted elements.
        let element = self.callback_element.borrow().is_some();
        // The module's values are what the closure's own pass starts with already.
        let outer = &self.functions[pass.function];
        if outer.is_module() && !element {
            return;
        }
        // Any variable of the enclosing function: a tainted one reaches sinks inside, a constant
        // one quiets a shape rule there (`const cmd = "git status"` ... `exec(cmd, cb)`).
        let captures = pass.env.differing_from(&self.module_env).next().is_some();
        let budget = self.closure_budget.get();
        if !(captures || element) || budget == 0 || self.closure_nesting.get() >= MAX_NESTING {
            return;
        }
        self.closure_budget.set(budget - 1);
        self.closure_nesting.set(self.closure_nesting.get() + 1);
        let mut hits = Vec::new();
        // Inside a summary's pass, the closure's values are the summary's stand-ins too.
        let params = match pass.params {
            Params::Own => Params::Own,
            Params::Summarise(parameter) | Params::Captured(parameter) => {
                Params::Captured(parameter)
            }
            _ => Params::Unknown,
        };
        // The objects of the file's classes the enclosing function holds (`const dao = new
        // InventoryDao()` in an `init` whose routes call `dao.byWarehouse(...)`).
        *self.closure_objects.borrow_mut() = Some(pass.objects.clone());
        let (after, _) = self.pass(index, params, pass.env.clone(), &mut hits);
        self.closure_nesting.set(self.closure_nesting.get() - 1);
        self.captured_writes(index, &after, pass);
        // The path starts in the enclosing function: an edit anywhere in it can change it.
        let around = Some(outer.node.byte_range());
        for mut hit in hits {
            hit.extent = join_ranges(&Some(hit.extent), &around).unwrap_or_default();
            pass.hits.push(hit);
        }
    }

    /// A variable of the enclosing function that the closure appends untrusted data to
    /// (`req.on("data", (c) => { body += c })`, `items.forEach((i) => { html += i })`, Python's
    /// `nonlocal`): the enclosing function, and the closures it runs later, see that data in it.
    /// Only names the closure writes without declaring them itself.
    fn captured_writes(&self, index: usize, after: &super::env::Env, pass: &mut Pass<'_>) {
        let function = &self.functions[index];
        let body = text_of(function.body, self.text);
        let params: Vec<&str> = function
            .params
            .iter()
            .map(|p| text_of(p.pattern, self.text))
            .collect();
        let python = matches!(function.node.kind(), "function_definition" | "lambda");
        let mut joined = Vec::new();
        for (key, value) in after.iter() {
            let Some(taint) = &value.taint else { continue };
            let Some(outer) = pass.env.get(key) else {
                continue;
            };
            if outer
                .taint
                .as_ref()
                .is_some_and(|t| t.rules & taint.rules == taint.rules)
                || !is_identifier(key)
                || params.iter().any(|p| p.contains(key.as_str()))
                || !writes_captured(body, key, python)
            {
                continue;
            }
            joined.push((key.clone(), outer.join(value)));
        }
        for (key, value) in joined {
            pass.env.insert(key, value);
        }
    }

    /// The elements a call hands its callback argument (`urls.map((u) => ...)`, `map(lambda
    /// u: ..., urls)`), when they are tainted: only then does the callback need them.
    pub(super) fn callback_elements(
        &self,
        site: &CallSite<'_>,
        receiver: &Value,
        args: &[Arg<'t>],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let function = site.written.as_deref();
        let element = match self
            .adapter
            .callback_elements(site.method.as_deref(), function)?
        {
            Elements::Receiver => receiver.clone(),
            Elements::Arg(n) => self.eval(args.get(n)?.value, pass),
            Elements::Nothing => return None,
        };
        element.taint.is_some().then_some(element)
    }

    /// `map(check, urls)`, `pool.map(check, urls)`: a function of this file passed by name gets
    /// each element as its first argument, as if called with it; the sinks its summary reaches
    /// are reported here. Only a plain function (not a method) that the name picks alone.
    pub(super) fn named_callbacks(
        &self,
        node: Node<'t>,
        args: &[Arg<'t>],
        element: &Value,
        pass: &mut Pass<'_>,
    ) {
        let Some(taint) = &element.taint else { return };
        for arg in args {
            if arg.keyword.is_some()
                || !matches!(self.adapter.expr(arg.value, self.text), Expr::Name)
            {
                continue;
            }
            let name = text_of(arg.value, self.text);
            let Some([index]) = self.by_name.get(name).map(Vec::as_slice) else {
                continue;
            };
            if self.functions[*index].class().is_some() || self.functions[*index].params.is_empty()
            {
                continue;
            }
            let Some(summary) = self.summary(*index, 0) else {
                continue;
            };
            let entered = self.enter_helper(node, *index, taint, format!("passed to `{name}()`"));
            self.hits_through(&entered, &summary, pass);
        }
    }

    /// `pool.map(grep, files, patterns)`, `map(check, hosts, ports)`: a function of this file
    /// passed by name first to a map over several iterables gets an element of each further
    /// iterable in its next parameter; the sinks its summary reaches from those are reported
    /// here (the first iterable's are `named_callbacks`'). Kept out of `call`'s frame.
    #[inline(never)]
    pub(super) fn zipped_callbacks(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) {
        if args.len() < 3
            || !matches!(
                self.adapter
                    .callback_elements(site.method.as_deref(), site.written.as_deref()),
                Some(Elements::Arg(1))
            )
        {
            return;
        }
        let first = &args[0];
        if first.keyword.is_some()
            || !matches!(self.adapter.expr(first.value, self.text), Expr::Name)
        {
            return;
        }
        let name = text_of(first.value, self.text);
        let Some(&[index]) = self.by_name.get(name).map(Vec::as_slice) else {
            return;
        };
        let function = &self.functions[index];
        if function.class().is_some() {
            return;
        }
        for (position, (arg, value)) in args.iter().zip(values).enumerate().skip(2) {
            if arg.keyword.is_some() || arg.spread || position > function.params.len() {
                break;
            }
            let Some(taint) = &value.taint else { continue };
            let Some(summary) = self.summary(index, position - 1) else {
                continue;
            };
            let entered = self.enter_helper(node, index, taint, format!("passed to `{name}()`"));
            self.hits_through(&entered, &summary, pass);
        }
    }

    /// Runs `run` (the evaluation of a callback argument) with `element` waiting for the
    /// callback's first parameter: the closure's pass binds it (`enter`) and takes it.
    pub(super) fn with_callback_element<R>(
        &self,
        element: &Value,
        run: impl FnOnce(&Self) -> R,
    ) -> R {
        self.callback_element.replace(Some(element.clone()));
        let result = run(self);
        self.callback_element.replace(None);
        result
    }
}

impl<'t> FileFlow<'t, '_> {
    /// Whether `function` is a callback argument of a call the rules say passes it an index
    /// first (jQuery's `$(sel).each(function (i, el) { ... })`): its first parameter is a
    /// number, in the callback's own pass and in the enclosing function's.
    pub(super) fn takes_index_first(&self, function: &Function<'t>, pass: &Pass<'_>) -> bool {
        if self.rules.index_callbacks.is_empty() {
            return false;
        }
        self.call_taking(function, pass)
            .is_some_and(|(site, _)| self.rules.index_callbacks.iter().any(|p| p.matches(&site)))
    }

    /// The call `function` is written as an argument of (`$(sel).each(function (i, el) {
    /// ... })`, `bus.on("job", (job) => ...)`): its site and its arguments.
    pub(super) fn call_taking(
        &self,
        function: &Function<'t>,
        pass: &Pass<'_>,
    ) -> Option<(CallSite<'t>, Vec<Arg<'t>>)> {
        let call = function.ancestors[1]?;
        let Expr::Call {
            callee,
            receiver,
            method,
            args,
        } = self.adapter.expr(call, self.text)
        else {
            return None;
        };
        if !args.iter().any(|a| a.value == function.node) {
            return None;
        }
        Some((self.call_site(call, callee, receiver, method, pass), args))
    }

    /// What a callback argument returns, run with `element` in its first parameter (the
    /// others unknown) and the enclosing variables: `None` when no argument is a function
    /// written there, it returns nothing, or the closure budget is spent. Its sinks are the
    /// closure pass's to report, not this one's.
    fn callback_returns(
        &self,
        args: &[Arg<'t>],
        element: Option<&Value>,
        pass: &mut Pass<'_>,
    ) -> Option<(usize, Value)> {
        // A function written there, or the name of the one function of that name in the file
        // (`map(placeholder, tags)`).
        let (position, index, written_here) = args.iter().enumerate().find_map(|(i, a)| {
            if let Some(index) = self.by_node.get(&a.value.byte_range()) {
                return Some((i, *index, true));
            }
            // A name the pass bound itself is a value, not the module's function
            // (`const escapeRegExp = (s) => ...` at module level is both).
            let name = text_of(a.value, self.text);
            let shadowed = pass.env.get(name).is_some_and(|value| {
                self.module_env
                    .get(name)
                    .is_none_or(|module| !module.same_as(value))
            });
            if !matches!(self.adapter.expr(a.value, self.text), Expr::Name) || shadowed {
                return None;
            }
            match self.by_name.get(text_of(a.value, self.text))?.as_slice() {
                [index] => Some((i, *index, false)),
                _ => None,
            }
        })?;
        let budget = self.closure_budget.get();
        if budget == 0 || self.closure_nesting.get() >= MAX_NESTING {
            return None;
        }
        self.closure_budget.set(budget - 1);
        self.closure_nesting.set(self.closure_nesting.get() + 1);
        let mut hits = Vec::new();
        // A function defined elsewhere sees the module's names, not the caller's.
        let env = if written_here {
            pass.env.clone()
        } else {
            self.module_env.clone()
        };
        let run = |flow: &Self| flow.pass(index, Params::Unknown, env, &mut hits).1;
        let returned = match element {
            Some(element) => self.with_callback_element(element, run),
            None => run(self),
        };
        self.closure_nesting.set(self.closure_nesting.get() - 1);
        returned.map(|value| {
            (
                position,
                Value {
                    prefix: None,
                    whole: false,
                    made_by: None,
                    object: None,
                    ..value
                },
            )
        })
    }

    /// The result of a call that collects what its callback returns for each element
    /// (`tags.map((_, i) => `$${i + 1}`)`, `Array.from({ length: n }, () => "<li></li>")`,
    /// `map(quote, names)`, `(1..=n).map(|i| format!("${i}"))`): what the callback returns,
    /// whatever the elements were, not the list it walked.
    pub(super) fn mapped(
        &self,
        site: &CallSite<'_>,
        receiver: &Value,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let element = match self
            .adapter
            .callback_results(site.method.as_deref(), site.written.as_deref())?
        {
            Elements::Receiver => receiver.clone(),
            Elements::Arg(n) => values.get(n)?.clone(),
            Elements::Nothing => return Some(self.callback_returns(args, None, pass)?.1),
        };
        if let Some(sanitised) = self.sanitised_by_reference(args, &element, pass) {
            return Some(sanitised);
        }
        Some(self.callback_returns(args, Some(&element), pass)?.1)
    }

    /// `map(re.escape, terms)`, `names.map(encodeURIComponent)`: a sanitiser passed by name
    /// gives back each element clean for its rules, as a call of it would (a function of this
    /// file named like one too: `escapeRegExp`).
    fn sanitised_by_reference(
        &self,
        args: &[Arg<'t>],
        element: &Value,
        pass: &Pass<'_>,
    ) -> Option<Value> {
        let mask = args.iter().find_map(|arg| {
            let callee = arg.value;
            if arg.keyword.is_some()
                || self.by_node.contains_key(&callee.byte_range())
                || !matches!(
                    self.adapter.expr(callee, self.text),
                    Expr::Name | Expr::Member { .. }
                )
            {
                return None;
            }
            let site = self.reference_site(callee, pass);
            site.written.as_ref()?;
            let mask = self.sanitised_by(&site);
            (mask != 0).then_some(mask)
        })?;
        let taint = element.taint.clone().and_then(|mut taint| {
            taint.rules &= !mask;
            taint.grants &= !mask;
            (taint.rules != 0).then_some(taint)
        });
        Some(Value {
            taint,
            clean: mask | element.clean,
            ..Value::default()
        })
    }

    /// `words.filter((w) => /^\w+$/.test(w))`: the elements a callback that checks its
    /// parameter lets through are what the check vouches for, clean for every rule. A callback
    /// written there whose body is the check; anything else is an ordinary call.
    pub(super) fn filtered(
        &self,
        site: &CallSite<'_>,
        receiver: &Value,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &Pass<'_>,
    ) -> Option<Value> {
        let elements = match self
            .adapter
            .callback_filters(site.method.as_deref(), site.written.as_deref())?
        {
            Elements::Receiver => receiver,
            Elements::Arg(n) => values.get(n)?,
            Elements::Nothing => return None,
        };
        elements.taint.as_ref()?;
        (self.callback_vouches(args, pass) == super::ALL).then(Value::constant)
    }

    /// The rules a callback written as one of `args` vouches for its only parameter where its
    /// expression body holds (`(w) => /^\w+$/.test(w)`, `|p| SEGMENT.is_match(p)`); 0 for none.
    pub(super) fn callback_vouches(&self, args: &[Arg<'t>], pass: &Pass<'_>) -> u64 {
        let Some(index) = args
            .iter()
            .find_map(|a| self.by_node.get(&a.value.byte_range()).copied())
        else {
            return 0;
        };
        let function = &self.functions[index];
        let Some(param) = function.params.first().filter(|_| function.expression_body) else {
            return 0;
        };
        let mut names = Vec::new();
        self.adapter.bindings(param.pattern, &mut names);
        let [name] = names.as_slice() else {
            return 0;
        };
        let name = text_of(*name, self.text);
        let mut vouched = Vec::new();
        self.guards(function.body, true, &mut vouched, pass);
        vouched
            .iter()
            .filter(|(key, holds, ..)| *holds && key == name)
            .fold(0, |rules, (_, _, vouched, _)| rules | vouched)
    }

    /// `values` with a callback argument counted as what it returns, for a call that keeps
    /// what its inputs are (a constant call): `env::var("PAGER").unwrap_or_else(|_|
    /// "less".into())` is the environment or a literal.
    pub(super) fn with_callback_returns(
        &self,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Vec<Value>> {
        let (position, returned) = self.callback_returns(args, None, pass)?;
        let mut out = values.to_vec();
        *out.get_mut(position)? = returned;
        Some(out)
    }
}

fn is_identifier(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Whether `body` assigns to (`name =`, `name +=`) or appends to (`name.push(`, `.append(`,
/// `.push_str(`) the name `name` it does not declare (`let`, `const`, `var`); in Python, plain
/// assignment writes the enclosing variable only after `nonlocal name`.
fn writes_captured(body: &str, name: &str, python: bool) -> bool {
    let mut declared = false;
    let mut assigned = false;
    let mut appended = false;
    for (at, _) in body.match_indices(name) {
        let before = &body[..at];
        let after = &body[at + name.len()..];
        let bounded = !before
            .ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
            && !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$');
        if !bounded {
            continue;
        }
        let word_before = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next();
        if matches!(
            word_before,
            Some("let" | "const" | "var" | "mut" | "global")
        ) {
            declared = true;
        }
        let rest = after.trim_start();
        if (rest.starts_with('=') && !rest.starts_with("==") && !rest.starts_with("=>"))
            || rest.starts_with("+=")
        {
            assigned = true;
        }
        if [".push(", ".append(", ".push_str(", ".extend("]
            .iter()
            .any(|m| rest.starts_with(m))
        {
            appended = true;
        }
    }
    let nonlocal = python
        && body.lines().any(|line| {
            line.trim_start().starts_with("nonlocal ")
                && line
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == name)
        });
    !declared && (appended || (assigned && (!python || nonlocal)))
}

#[cfg(test)]
mod tests {
    use crate::flow::tests::flagged;
    use crate::lang::Language;

    fn lines(language: Language, rule: &str, text: &str) -> Vec<u32> {
        flagged(language, rule, text)
            .into_iter()
            .map(|(line, _)| line)
            .collect()
    }

    #[test]
    fn a_callback_sees_the_tainted_variables_around_it() {
        let js = "app.get('/f', (req, res) => {\n  const url = req.query.url;\n  db.get(1, (err, row) => {\n    fetch(url);\n  });\n});\n";
        assert_eq!(lines(Language::JavaScript, "js.ssrf", js), [3]);
        let constant = "app.get('/f', (req, res) => {\n  const url = 'https://a.example/x';\n  db.get(1, (err, row) => {\n    fetch(url);\n  });\n});\n";
        assert!(lines(Language::JavaScript, "js.ssrf", constant).is_empty());
        let python = "@app.route('/f')\ndef view():\n    url = request.args['u']\n    def go():\n        return requests.get(url)\n    return go()\n";
        assert_eq!(lines(Language::Python, "python.ssrf", python), [4]);
        let rust = "async fn h(Query(q): Query<Params>) {\n    let url = q.url.clone();\n    let run = || reqwest::get(&url);\n    run().await;\n}\n";
        assert_eq!(lines(Language::Rust, "rust.ssrf", rust), [2]);
    }

    #[test]
    fn a_wrapper_that_uses_its_parameter_in_a_callback_is_a_sink_for_its_callers() {
        let js = "function load(u) {\n  return new Promise((resolve) => {\n    fetch(u).then(resolve);\n  });\n}\napp.get('/p', (req, res) => {\n  load(req.query.u);\n});\n";
        assert_eq!(lines(Language::JavaScript, "js.ssrf", js), [2]);
        let constant = "function load(u) {\n  return new Promise((resolve) => {\n    fetch(u).then(resolve);\n  });\n}\napp.get('/p', (req, res) => {\n  load('https://a.example/x');\n});\n";
        assert!(lines(Language::JavaScript, "js.ssrf", constant).is_empty());
    }

    #[test]
    fn a_callback_gets_the_elements_of_a_tainted_list_in_its_first_parameter() {
        let js = "app.get('/f', async (req, res) => {\n  const urls = req.query.urls.split(',');\n  await Promise.all(urls.map((u) => fetch(u)));\n});\n";
        assert_eq!(lines(Language::JavaScript, "js.ssrf", js), [2]);
        let constant = "const URLS = ['https://a.example/x'];\napp.get('/f', async (req, res) => {\n  await Promise.all(URLS.map((u) => fetch(u)));\n});\n";
        assert!(lines(Language::JavaScript, "js.ssrf", constant).is_empty());
        let python = "@app.route('/f')\ndef view():\n    urls = request.args.getlist('u')\n    return list(map(lambda u: requests.get(u), urls))\n";
        assert_eq!(lines(Language::Python, "python.ssrf", python), [3]);
        let rust = "async fn h(Json(b): Json<Batch>) {\n    let client = reqwest::Client::new();\n    b.urls.iter().map(|u| client.get(u).send());\n}\n";
        assert_eq!(lines(Language::Rust, "rust.ssrf", rust), [2]);
        // At module level too: the page's address in the browser.
        let module = "const ids = location.hash.slice(1).split(',');\nids.forEach((id) => { el.innerHTML = id; });\n";
        let found = flagged(Language::JavaScript, "js.dom-html-injection", module);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("location.hash"), "{}", found[0].1);
    }

    #[test]
    fn a_mapping_call_returns_what_its_callback_returns() {
        let constant = "const ids = location.hash.slice(1).split(',');\nel.innerHTML = ids.map((_, i) => '<li>' + (i + 1) + '</li>').join('');\n";
        assert!(flagged(Language::JavaScript, "js.dom-html-injection", constant).is_empty());
        let element = "const ids = location.hash.slice(1).split(',');\nel.innerHTML = ids.map((id) => '<li>' + id + '</li>').join('');\n";
        let found = flagged(Language::JavaScript, "js.dom-html-injection", element);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("location.hash"), "{}", found[0].1);
        let python = "@app.route('/t')\ndef t():\n    tags = request.args.getlist('t')\n    marks = ', '.join(map(lambda _t: '?', tags))\n    return requests.get('http://' + marks)\n";
        assert!(flagged(Language::Python, "python.ssrf", python).is_empty());
        let python_element = "@app.route('/t')\ndef t():\n    tags = request.args.getlist('t')\n    hosts = ', '.join(map(lambda t: t.strip(), tags))\n    return requests.get('http://' + hosts)\n";
        assert_eq!(lines(Language::Python, "python.ssrf", python_element), [4]);
    }

    #[test]
    fn deeply_nested_callbacks_stay_bounded() {
        let depth = 400;
        let mut js = String::from("app.get('/f', (req, res) => {\n  const url = req.query.url;\n");
        for _ in 0..depth {
            js.push_str("for (const a of b) { run(() => {\n");
        }
        js.push_str("fetch(url);\n");
        for _ in 0..depth {
            js.push_str("}); }\n");
        }
        js.push_str("});\n");
        // Completes (the budget and the nesting bound), and analyses the rest of the file.
        let _ = lines(Language::JavaScript, "js.ssrf", &js);
    }
}

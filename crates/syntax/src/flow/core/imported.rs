//! Helpers defined in another file of the project: a call whose callee resolves (through the
//! file's imports) to a function of another file is followed through that function's portable
//! summary (`flow::project`), made by running this same core over that file.
//!
//! Two halves: [`FileFlow::imported`] at a call site of the calling file (the sinks the
//! arguments reach inside the other file become hits at the call, what the helper returns of
//! them comes back tainted), and [`FileFlow::exports`] over the other file (each top-level
//! function's per-parameter summary, with byte ranges that the engine turns into lines).

use super::value::{ALL, Value, join_ranges, join_taint};
use super::{FileFlow, Params, Pass, SinkHit};
use crate::flow::adapter::{CallSite, text_of};
use crate::flow::project::Imports;
use tree_sitter::Node;

/// How many files' module-level bindings a thread keeps for [`FileFlow::export`].
const MODULES_KEPT: usize = 64;

/// What a module's own statements bound (`module_env`, `module_objects`, `bindings`).
type ModuleState = (
    super::env::Env,
    std::collections::HashMap<String, String>,
    Vec<(std::ops::Range<usize>, String)>,
);

thread_local! {
    static MODULES: std::cell::RefCell<std::collections::HashMap<u64, ModuleState>> =
        std::cell::RefCell::default();
}

/// What one parameter of an exported function does, in the other file's terms: the rule bits
/// (of that file's `FlowRules`) its value still counts for when returned, and its sink hits.
pub(crate) struct ExportedParam {
    pub returns: Option<u64>,
    /// For a function returning a tuple (`return sql, params`): the rule bits each element
    /// counts for when returned, by position; empty for any other function.
    pub elements: Vec<Option<u64>>,
    pub sinks: Vec<SinkHit>,
}

/// One function another file may call.
pub(crate) struct Exported {
    pub name: String,
    /// Rule bits what it returns is clean for whatever it is given, and given constants.
    pub clean_whatever: u64,
    pub clean_given_constants: u64,
    pub prefix: Option<std::rc::Rc<str>>,
    pub params: Vec<ExportedParam>,
}

impl<'t, 'r> FileFlow<'t, 'r> {
    /// Links this file to the other files of its project: calls of their functions are followed.
    pub fn link_imports(&mut self, imports: &'r dyn Imports) {
        self.imports = Some(imports);
    }

    /// Whether the hit at `sink` was found through another file's function: its label already
    /// says where the sink is.
    pub fn hit_is_imported(&self, sink: &std::ops::Range<usize>) -> bool {
        self.imported_sinks.borrow().contains(sink)
    }

    /// A call of a function of another file of the project, followed when an argument is
    /// tainted; `None` when the callee is not one (or nothing tainted is passed).
    pub(super) fn imported(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let imports = self.imports?;
        // Followed only when it carries untrusted data, or when a shape rule asks about a value
        // the call is part of (`os.system(command_for("/tmp"))`: constant, if the helper
        // returns constants given constants): summaries cost a parse and a pass over the other
        // file, and code calls its own modules with constants all the time.
        let range = node.byte_range();
        if values.iter().all(|v| v.taint.is_none())
            && !self
                .watch
                .keys()
                .any(|w| w.start <= range.start && range.end <= w.end)
        {
            return None;
        }
        // Only a name the file imports (`fetch` after `from .services import fetch`, `svc.get`
        // after `import * as svc from "./svc"`) or a Rust path (`service::fetch`): a local
        // variable that shares a module's name is not that module.
        let canonical = site.path.as_deref();
        let imported = site
            .written
            .as_deref()
            .and_then(|w| w.split('.').next())
            .is_some_and(|head| self.names.binding(head).is_some());
        let function = match self.injected_service(node, site, pass) {
            // `this.reports.read(name)` on a service the constructor was given, typed with a
            // class another file exports (a NestJS controller and its service).
            Some(method) => imports.function(&method, true, true, false)?,
            // A method of an object of a class the file imports: the project's own class,
            // whatever a library method of that name does.
            None => match self
                .imported_class_method(site)
                .or_else(|| self.typed_param_method(site, pass))
                .and_then(|method| imports.function(&method, true, true, false))
            {
                Some(function) => function,
                None => {
                    // A library call the rules know the result of (`json.dumps` while scanning
                    // the standard library itself) is theirs; a method of a module-level
                    // object of the other file (`archive.read(name)`) is that file's. Decided
                    // before resolving: summarising `json.dumps` only to drop it costs a pass.
                    let constant = self.rules.constant_calls.iter().any(|p| p.matches(site));
                    imports.function(
                        canonical?,
                        imported,
                        site.receiver_text.is_some(),
                        constant,
                    )?
                }
            },
        };
        let name = &function.name;
        // Clean for a rule when it returns clean values whatever it is given, or when every
        // argument is clean for it and it returns clean values given constants; it starts as
        // its body writes it.
        let arguments = values.iter().fold(ALL, |clean, v| clean & v.clean);
        let mut result = Value {
            clean: imports.mask_of(&function.clean_whatever)
                | (imports.mask_of(&function.clean_given_constants) & arguments),
            prefix: function.prefix.as_deref().map(std::rc::Rc::from),
            ..Value::default()
        };
        let caller = self.functions[pass.function].node.byte_range();
        for (position, value) in values.iter().enumerate() {
            let Some(taint) = &value.taint else { continue };
            let Some(param) = function.params.get(position) else {
                continue;
            };
            let entered = taint.with_step(
                node.byte_range(),
                format!("passed to `{name}()` of {}", function.file),
            );
            for sink in &param.sinks {
                let Some(bit) = imports.bit_of(sink.rule) else {
                    continue;
                };
                if entered.rules & bit == 0 {
                    continue;
                }
                let mut taint = entered.clone();
                taint.rules &= bit;
                let extent = join_ranges(&Some(caller.clone()), &taint.via).unwrap_or_default();
                self.imported_sinks.borrow_mut().insert(node.byte_range());
                pass.hits.push(SinkHit {
                    rule: bit.trailing_zeros() as usize,
                    sink: node.byte_range(),
                    label: format!("`{name}()`, which passes it to {}", sink.reaches),
                    taint,
                    extent,
                    remote: Some(sink.at.clone()),
                    watched: false,
                });
            }
            if let Some(returns) = &param.returns {
                let back = returned_taint(node, &function, &entered, returns, imports);
                result.taint = join_taint(&result.taint, &back);
            }
        }
        // `sql, params = build_query(status, sort)`: each element as that element of its
        // `return sql, [status, limit]`.
        if let Some(parts) = self.parts_wanted(node) {
            let answer = parts
                .iter()
                .map(|part| self.imported_element(node, &function, part, values, &result))
                .collect();
            self.answer_wanted(node, answer);
        }
        Some(result)
    }

    /// What element `part` of the tuple another file's `function` returns holds at the call
    /// `node`, given `values`; `None` for a part that is no element, or a function returning
    /// no tuple.
    fn imported_element(
        &self,
        node: Node<'t>,
        function: &crate::flow::project::PortableFunction,
        part: &super::parts::Part,
        values: &[Value],
        whole: &Value,
    ) -> Option<Value> {
        let imports = self.imports?;
        let super::parts::Part::Element(k) = part else {
            return None;
        };
        let mut out = Value {
            clean: whole.clean,
            ..Value::default()
        };
        for (position, value) in values.iter().enumerate() {
            let (Some(taint), Some(param)) = (&value.taint, function.params.get(position)) else {
                continue;
            };
            let Some(rules) = param.elements.get(*k)? else {
                continue;
            };
            let entered = taint.with_step(
                node.byte_range(),
                format!("passed to `{}()` of {}", function.name, function.file),
            );
            let back = returned_taint(node, function, &entered, rules, imports);
            out.taint = join_taint(&out.taint, &back);
        }
        Some(out)
    }

    /// A method called on an object of a class the file imports, built right there or earlier
    /// (`Client().get(u)`, `svc.fetch(u)` after `svc = Service()`, `new Api().load(x)`): the
    /// canonical name of that class's method (`.services.Client.get`). The class is the callee
    /// of the call that made the receiver, a name bound by an import whose last segment starts
    /// with a capital (`requests.get(u).json()` names a function's result, not a class).
    fn imported_class_method(&self, site: &CallSite<'_>) -> Option<String> {
        let method = site.method.as_deref()?;
        // The receiver's value remembers the call that made it; a `new` expression written as
        // the receiver (`new Api().load(x)`) is read as written.
        let call = site
            .receiver_call
            .or(site.receiver_text.filter(|r| r.trim_end().ends_with(')')))?;
        let callee = written_callee(call)?;
        if callee.contains("::") {
            return self.rust_type_method(callee, method);
        }
        // `get_catalog().find(brand)` after `def get_catalog(): return Catalog()`.
        let callee = self.factory_class(callee).unwrap_or(callee);
        self.class_path_method(callee, method)
    }

    /// The class a function of this file named `callee` makes, when each of its `return`s
    /// calls that class (`def get_catalog(): return Catalog()`, a FastAPI dependency).
    fn factory_class(&self, callee: &str) -> Option<&'t str> {
        let &[index] = self.by_name.get(callee)?.as_slice() else {
            return None;
        };
        if self.functions[index].class().is_some() {
            return None;
        }
        let mut class = None;
        for value in self.returned_values(index)? {
            let made = written_callee(text_of(value, self.text)).filter(|c| is_class_path(c))?;
            if class.is_some_and(|earlier| earlier != made) {
                return None;
            }
            class = Some(made);
        }
        class
    }

    /// The canonical name of `method` on a class written as a dotted path (`Api`,
    /// `svc.Service`); `None` for a callee that is no class (`make_api`).
    pub(super) fn class_path_method(&self, callee: &str, method: &str) -> Option<String> {
        if !is_class_path(callee) {
            return None;
        }
        self.dotted_type_method(callee, method)
    }

    /// The canonical name of `method` on a class written `Class` or `module.Class` in this file:
    /// the import that binds its first segment, then the rest as written
    /// (`svc.Service` + `get` → `.services.svc.Service.get`).
    pub(super) fn dotted_type_method(&self, written: &str, method: &str) -> Option<String> {
        let (head, rest) = written
            .split_once('.')
            .map_or((written, None), |(h, r)| (h, Some(r)));
        let canonical = self.names.binding(head)?;
        Some(match rest {
            Some(rest) => format!("{canonical}.{rest}.{method}"),
            None => format!("{canonical}.{method}"),
        })
    }

    /// A Rust method called on a value a type's constructor made (`FileStore::new(root)`,
    /// `store::FileStore::default()`), the type named by a `use` or by a module path: the
    /// canonical name of the type's method, its path in `::` and the method after a `.`
    /// (`store::FileStore.read`).
    fn rust_type_method(&self, callee: &str, method: &str) -> Option<String> {
        let mut segments: Vec<&str> = callee.split("::").map(str::trim).collect();
        // `Type::new`: the constructor's type; `Type` alone came from a struct literal.
        if segments.last()?.starts_with(|c: char| c.is_lowercase()) {
            segments.pop();
        }
        let (ty, path) = segments.split_last()?;
        if !ty.starts_with(|c: char| c.is_uppercase())
            || !segments
                .iter()
                .all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
        {
            return None;
        }
        let head = segments[0];
        let mut canonical = match self.names.binding(head) {
            Some(bound) => bound.to_string(),
            // A module path written out (`store::FileStore::new`); a type of this file alone
            // is a local class, followed as one.
            None if !path.is_empty() => head.to_string(),
            None => return None,
        };
        for segment in &segments[1..] {
            canonical.push_str("::");
            canonical.push_str(segment);
        }
        Some(format!("{canonical}.{method}"))
    }

    /// A method called on a parameter typed with a class or struct another module defines,
    /// inside the extractors and pointers around it (`State(svc): State<Arc<WebhookService>>`,
    /// `svc: &WebhookService`, `svc: WebhookService = Depends(...)`): the canonical name of
    /// that type's method, as for an object the file built.
    fn typed_param_method(&self, site: &CallSite<'_>, pass: &Pass<'_>) -> Option<String> {
        let method = site.method.as_deref()?;
        let receiver = site.receiver_text?.trim();
        if receiver.is_empty() || !receiver.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let param = self.param_named(&self.functions[pass.function], receiver)?;
        let ty = innermost_type(text_of(param.annotation?, self.text))?;
        if ty.contains("::") {
            return self.rust_type_method(ty, method);
        }
        self.dotted_type_method(ty, method)
    }

    /// The top-level function (no method) named `wanted`, or the default export when `wanted`
    /// is `None`, with what each parameter reaches. Runs the module's statements first, so
    /// that the summary sees its constants.
    ///
    /// `module` identifies the file's text (and how deep its own calls are followed): what its
    /// module-level statements bind is kept on this thread under it, so a file whose functions
    /// are asked for one by one runs them once.
    pub fn export(&mut self, wanted: Option<&str>, module: u64) -> Option<Exported> {
        let kept = MODULES.with(|m| m.borrow().get(&module).cloned());
        match kept {
            Some((env, objects, bindings)) => {
                self.module_env = env;
                self.module_objects = objects;
                self.bindings = bindings;
            }
            None => {
                self.module_pass();
                let state = (
                    self.module_env.clone(),
                    self.module_objects.clone(),
                    self.bindings.clone(),
                );
                MODULES.with(|m| {
                    let mut m = m.borrow_mut();
                    if m.len() >= MODULES_KEPT {
                        m.clear();
                    }
                    m.insert(module, state);
                });
            }
        }
        // Closures inside the exported functions run too
        // (`new Promise((resolve) => client.search(...))`).
        self.reset_closure_budget();
        for index in 1..self.functions.len() {
            let function = &self.functions[index];
            let Some(name) = function.name.clone() else {
                continue;
            };
            // `Class.method`: a method of a class the file defines at its top level; `object.method`
            // on a module-level object of one (`client = Client()`, `export const api = new
            // Api()`).
            if let Some((class, method)) = wanted.and_then(|w| w.split_once('.')) {
                let class = match self.module_objects.get(class) {
                    Some(of) if !self.classes.contains(class) => of.as_str(),
                    _ => class,
                };
                let Some(node) = function.class() else {
                    continue;
                };
                if name != method
                    || super::objects::class_name(function, self.text) != Some(class)
                    || !top_level(node)
                {
                    continue;
                }
            } else {
                // The name first: `top_level` climbs, which costs as much as the node is deep.
                if function.class().is_some()
                    || wanted.is_some_and(|wanted| wanted != name)
                    || !top_level(function.node)
                {
                    continue;
                }
                if wanted.is_none() && !is_default_export(function.node) {
                    continue;
                }
            }
            // A Python method's `self` / `cls` is the object, not the caller's first argument.
            let skip = usize::from(
                wanted.is_some_and(|w| w.contains('.'))
                    && self.functions[index]
                        .params
                        .first()
                        .is_some_and(|p| matches!(text_of(p.pattern, self.text), "self" | "cls")),
            );
            // A hand-written escaper (`escapeHtml` in `utils/html.js`) is a sanitiser of its
            // rules for the files that import it, as it is for calls in its own file.
            let escapes = match wanted {
                Some(w) if w.contains('.') => 0,
                _ => self.escaping_helper(&name),
            };
            let elements = self.returned_tuple_len(index).unwrap_or(0);
            let returned = |summary: Option<std::rc::Rc<super::Summary>>| {
                summary?
                    .returns
                    .as_ref()
                    .map(|t| t.rules & !escapes)
                    .filter(|rules| *rules != 0)
            };
            let params = (skip..self.functions[index].params.len())
                .map(|position| match self.summary(index, position) {
                    Some(summary) => ExportedParam {
                        returns: returned(Some(summary.clone())),
                        sinks: summary.sinks.clone(),
                        elements: (0..elements)
                            .map(|k| {
                                returned(self.summary_part(
                                    index,
                                    position,
                                    Some(super::parts::Part::Element(k)),
                                ))
                            })
                            .collect(),
                    },
                    None => ExportedParam {
                        returns: None,
                        sinks: Vec::new(),
                        elements: Vec::new(),
                    },
                })
                .collect();
            let whatever = self.returns_given(index, Params::Unknown);
            let given_constants = self.returns_given(index, Params::Constants);
            return Some(Exported {
                clean_whatever: whatever.as_ref().map_or(0, |s| s.clean) | escapes,
                clean_given_constants: given_constants.as_ref().map_or(0, |s| s.clean),
                prefix: whatever.and_then(|s| s.prefix.clone()),
                name,
                params,
            });
        }
        // A method of the class the module exports as its default (`module.exports =
        // WebhookService` ... `new WebhookService().send(url)` in the importer).
        if let Some(method) = wanted.filter(|w| !w.contains('.'))
            && let Some(class) = default_class(self.functions[0].node, self.text)
            && self.classes.contains(class)
        {
            let qualified = format!("{class}.{method}");
            return self.export(Some(&qualified), module);
        }
        None
    }
}

/// The `entered` taint as another file's `function` returns it, for the `rules` (indices in
/// the rule set) its parameter's value still counts for; `None` when none is one of `entered`'s.
fn returned_taint(
    node: Node<'_>,
    function: &crate::flow::project::PortableFunction,
    entered: &super::value::Taint,
    rules: &[usize],
    imports: &dyn Imports,
) -> Option<super::value::Taint> {
    let mask = rules
        .iter()
        .filter_map(|&rule| imports.bit_of(rule))
        .fold(0, |mask, bit| mask | bit);
    if entered.rules & mask == 0 {
        return None;
    }
    let mut back = entered.with_step(
        node.byte_range(),
        format!("returned by `{}()` of {}", function.name, function.file),
    );
    back.rules &= mask;
    Some(back)
}

/// A name as JavaScript, TypeScript and Python write one (`$` included).
pub(super) fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// Names joined by dots (`Service`, `svc.Service`).
pub(super) fn is_dotted_name(text: &str) -> bool {
    text.split('.').all(is_name)
}

/// The callee of a call as written, `new` and arguments cut off: `Api` for `new Api(key)`,
/// `store::Store::open` for `store::Store::open(root)`, `Repo` for `Repo<User>()`.
pub(super) fn written_callee(call: &str) -> Option<&str> {
    let call = call.trim_start();
    let call = call.strip_prefix("new ").map_or(call, str::trim_start);
    Some(call[..call.find(['(', '<', '{'])?].trim())
}

/// A class as written: a dotted name whose last segment starts with a capital (`svc.Service`;
/// `requests.get` names a function).
pub(super) fn is_class_path(text: &str) -> bool {
    is_dotted_name(text)
        && text
            .rsplit('.')
            .next()
            .is_some_and(|last| last.starts_with(|c: char| c.is_uppercase()))
}

/// Types that hold the value a method is called on rather than being its type: extractors,
/// shared and boxed pointers, locks, optional values.
const WRAPPERS: [&str; 14] = [
    "State",
    "Extension",
    "Data",
    "Arc",
    "Rc",
    "Box",
    "Mutex",
    "RwLock",
    "Option",
    "Optional",
    "Annotated",
    "Inject",
    "Readonly",
    "Ref",
];

/// The type a parameter's annotation names once the wrappers around it are taken off
/// (`State<Arc<WebhookService>>` → `WebhookService`, `&'a mut store::Files` → `store::Files`):
/// the first path whose last segment starts with a capital and is no wrapper.
pub(super) fn innermost_type(written: &str) -> Option<&str> {
    written
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '.'))
        .filter(|token| !token.is_empty())
        .find(|token| {
            let last = token.rsplit([':', '.']).next().unwrap_or(token);
            last.starts_with(|c: char| c.is_uppercase()) && !WRAPPERS.contains(&last)
        })
}

/// The class a JavaScript / TypeScript module exports as its default, by name: `module.exports
/// = Service`, `export default Service`, `export default class Service {}`.
fn default_class<'t>(root: Node<'t>, text: &'t str) -> Option<&'t str> {
    let mut cursor = root.walk();
    let children: Vec<Node<'t>> = root.named_children(&mut cursor).collect();
    children.into_iter().rev().find_map(|statement| {
        let named = |node: Option<Node<'t>>| {
            node.filter(|n| n.kind() == "identifier" || n.kind() == "type_identifier")
                .map(|n| text_of(n, text))
        };
        match statement.kind() {
            "expression_statement" => {
                let assignment = statement.named_child(0)?;
                (assignment.kind() == "assignment_expression"
                    && assignment
                        .child_by_field_name("left")
                        .is_some_and(|left| text_of(left, text) == "module.exports"))
                .then(|| named(assignment.child_by_field_name("right")))?
            }
            "export_statement" if is_default_export_statement(statement) => {
                let exported = statement
                    .child_by_field_name("declaration")
                    .or_else(|| statement.child_by_field_name("value"))?;
                match exported.kind() {
                    "class_declaration" | "class" => named(exported.child_by_field_name("name")),
                    _ => named(Some(exported)),
                }
            }
            _ => None,
        }
    })
}

fn is_default_export_statement(statement: Node<'_>) -> bool {
    (0..statement.child_count())
        .filter_map(|i| statement.child(i))
        .any(|c| c.kind() == "default")
}

/// A function defined at the top of its module: a `def`/`function`/`fn` item, or a lambda bound
/// to a top-level variable (`export const fetch = async (u) => ...`), possibly exported.
fn top_level(node: Node<'_>) -> bool {
    let mut current = node;
    for _ in 0..5 {
        let Some(parent) = current.parent() else {
            return true;
        };
        if parent.parent().is_none() {
            return true;
        }
        match parent.kind() {
            "export_statement"
            | "lexical_declaration"
            | "variable_declaration"
            | "variable_declarator"
            | "decorated_definition"
            | "expression_statement"
            | "assignment_expression"
            | "assignment" => current = parent,
            _ => return false,
        }
    }
    false
}

fn is_default_export(node: Node<'_>) -> bool {
    node.parent().is_some_and(|parent| {
        parent.kind() == "export_statement" && is_default_export_statement(parent)
    })
}

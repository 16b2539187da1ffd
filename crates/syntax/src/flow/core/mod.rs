//! The language-neutral flow core: one pass over each function in statement order, keeping for
//! every variable whether its value is tainted (and from where, through which steps) and for
//! which rules it is clean (constant or sanitised). Branches run on copies of the environment
//! that are joined after; loop bodies run twice; local helpers are summarised once per
//! parameter and looked up at their call sites.
//!
//! `value.rs` holds what is known about a value, `env.rs` the names a pass knows (the module's
//! bindings shared, not copied), `statements.rs` walks statements, `eval.rs` evaluates
//! expressions and `calls.rs` matches calls against the rules and follows helpers, `objects.rs`
//! the methods of objects of the file's own classes, `params.rs` what a function's parameters hold
//! on entry.

mod aliases;
mod arguments;
mod callers;
mod calls;
mod channels;
mod choices;
mod climbs;
mod closures;
mod constructed;
mod contexts;
mod decoders;
mod env;
mod escapers;
mod eval;
mod factories;
mod fields;
mod forwarders;
mod guards;
mod helpers;
mod hosts;
mod imported;
mod injected;
mod inlined;
mod makers;
mod objects;
mod params;
mod parts;
mod raising;
mod records;
mod results;
mod services;
mod statements;
mod stores;
mod tables;
mod tainted_fields;
mod typed_fields;
mod validators;
mod value;
mod watched;

pub(crate) use stores::{REQUEST_STORES, container_names, mentions, request_fields_written};
pub use value::Step;
pub(crate) use value::{ALL, Taint, Value};

use super::FlowRules;
use super::adapter::{Adapter, Expr, Function, Stmt, named_children, text_of};
use crate::finding::RemotePoint;
use crate::names::Names;
use env::Env;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;
use tree_sitter::Node;

/// How the receiver of a method call is labelled among its arguments, for sinks (not a valid
/// keyword in any language).
const RECEIVER: &str = "<receiver>";
/// The summary key (in place of a parameter position) of a method run on an untrusted object:
/// `self` / `this` stand for the source.
const OBJECT: usize = usize::MAX - 2;
/// The key, among summaries in progress, of a constructor's constant attributes being read
/// (`objects.rs`). `calls.rs` uses `usize::MAX`, `usize::MAX - 1` and from `usize::MAX - 4` down
/// for its own.
const CONSTANT_FIELDS: usize = usize::MAX - 3;
/// How arguments at unknown positions (a spread and those after it) are labelled for sinks.
const SPREAD: &str = "<spread>";

/// What a check vouches for: the environment key of a value, whether the check holds there
/// (or fails), and the rules it vouches for it to.
type Vouch = (String, bool, u64, Option<Value>);

/// A summary's function, parameter (or special key) and part of what it returns.
type SummaryKey = (usize, usize, Option<parts::Part>);

/// A tainted value reaching a sink.
#[derive(Debug, Clone)]
pub(crate) struct SinkHit {
    pub rule: usize,
    pub sink: Range<usize>,
    pub label: String,
    pub taint: Taint,
    /// The functions the path runs through: the extent an edit must touch to change it.
    pub extent: Range<usize>,
    /// The sink in another file, when `sink` is a call of that file's helper.
    pub remote: Option<Arc<RemotePoint>>,
    /// A value a shape rule asks about (`[taint] refine`) that a caller's untrusted data
    /// reaches, not a sink: the rule's match around it is the finding.
    pub watched: bool,
}

#[derive(Debug, Clone, Default)]
struct Summary {
    /// The parameter's taint reaches the return value (with these steps and rule bits).
    returns: Option<Taint>,
    sinks: Vec<SinkHit>,
    /// The rules every value the function returns is clean for (constant or sanitised), with
    /// its parameters bound as the pass that made this summary bound them.
    clean: u64,
    /// The constant text every value it returns starts with (`return "<p>" + x`), with its
    /// parameters unknown: a sink trusting or matching a literal start sees it through the call.
    prefix: Option<std::rc::Rc<str>>,
    /// The method stores the parameter in a field of its object (`def set_url(self, u):
    /// self.url = u`): an object it is called on with untrusted data holds that data after.
    fills_object: bool,
    /// For a constructor, the fields its pass left set, with what each holds
    /// (`constructed.rs`).
    fields: constructed::Fields,
}

/// What a pass binds a function's parameters to, besides the sources the rules name. Only the
/// function's own pass (and the closure passes inside it) records the values shape rules ask
/// about: a summary may run while the module pass has not bound every module constant yet, or
/// with its parameters bound to stand-ins, and must not leave that in the file's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Params {
    /// Unknown values, recorded: the function's own pass.
    Own,
    /// Unknown values: what it returns whatever it is given.
    Unknown,
    /// This one stands for a source (its summary); the others are unknown.
    Summarise(usize),
    /// A closure run inside the summary of this parameter of the enclosing function: its own
    /// parameters are unknown, and what it captures stands for that parameter as in the summary
    /// (`new Promise((resolve) => execFile("git", ["clone", url]))` in `clone(url)`).
    Captured(usize),
    /// Program constants: what it returns when every argument is one.
    Constants,
    /// Request data, from the injection source with this index (`FlowRules::sources`): what a
    /// dependency returns when the framework calls it for a request (`injected.rs`).
    Injected(usize),
}

/// One file's analysis.
pub(crate) struct FileFlow<'t, 'r> {
    adapter: &'static dyn Adapter,
    rules: &'r FlowRules,
    /// What the file's imports bind: sinks and sources name canonical callees.
    names: &'r Names,
    text: &'t str,
    functions: Vec<Function<'t>>,
    by_name: HashMap<String, Vec<usize>>,
    /// Each method by its class's name and its own, the first written: a call on an object
    /// asks this, and a search of every method of that name made 10,000 classes with a `run`
    /// each take minutes.
    methods: HashMap<&'t str, HashMap<String, usize>>,
    /// The names of the classes that define methods here (`objects.rs`): asked at every
    /// assignment of a call, so computed once, not by walking every function each time.
    classes: HashSet<&'t str>,
    /// Struct fields the file declares only as numbers (`Adapter::scalar_fields`): reading one
    /// yields a number.
    scalar_fields: HashSet<&'t str>,
    /// Types of the file whose values hold no text (`Adapter::scalar_types`).
    scalar_types: HashSet<&'t str>,
    /// Each function by the bytes of its node: a closure met in another function's pass.
    by_node: HashMap<Range<usize>, usize>,
    /// How many closure passes this run may still make, and how deep they nest now (see
    /// `closures.rs`): hostile nesting must not multiply the work.
    closure_budget: Cell<usize>,
    closure_nesting: Cell<usize>,
    /// The elements a call hands the callback being entered now (`closures.rs`): bound to its
    /// first parameter, taken by `enter`.
    callback_element: RefCell<Option<Value>>,
    /// Nodes the rules' source queries captured.
    query_sources: HashMap<Range<usize>, (String, u64)>,
    module_env: Env,
    /// The module-level variables bound to objects of the file's own classes
    /// (`const service = new ReportService()` above the routes that call `service.pull(url)`).
    module_objects: HashMap<String, String>,
    /// The fields each class settles (`fields.rs`), by the class's bytes: every method's pass
    /// starts with them.
    fields: HashMap<Range<usize>, fields::Settled>,
    /// While `stores.rs` records them: what helpers keep in stores, and what their calls kept.
    store_recording: RefCell<Option<stores::StoreRecording>>,
    /// While `channels.rs` records them: what functions send on channels from a source.
    channel_recording: RefCell<Option<channels::Sent>>,
    /// What the file's channel receives return (`channels.rs`), when a source's data was sent.
    channel: channels::Sent,
    /// While `tainted_fields.rs` records them: the fields methods fill from a source.
    field_writes: RefCell<Option<tainted_fields::FieldWrites>>,
    /// While `tainted_fields.rs` records them: the fields methods keep their parameters in.
    fields_kept: RefCell<Option<tainted_fields::FieldsByParam>>,
    /// Per function, parameter (or one of the keys above) and part of a returned tuple or
    /// object (`None`: the whole value).
    summaries: RefCell<HashMap<SummaryKey, Rc<Summary>>>,
    in_progress: RefCell<HashSet<SummaryKey>>,
    /// The part of a returned tuple or object the next pass returns (`parts.rs`).
    next_part: Cell<Option<parts::Part>>,
    /// The call whose result a tuple pattern takes apart, with its number of elements, and
    /// what each element holds once the call has been followed (`parts.rs`).
    wanted_parts: RefCell<Option<parts::Asked>>,
    /// Per constructor: the fields other methods of its class set to computed values
    /// (`objects.rs`).
    fields_set_outside: RefCell<HashMap<usize, Rc<objects::OutsideWrites>>>,
    /// Nodes whose value a shape rule asks about, each with the rules (bits) among them that
    /// report untrusted values only: for those, the node inside a helper is a sink of the
    /// helper's summaries (`fn audit(user: &str) { info!("{}", user) }` called with request data).
    watch: HashMap<Range<usize>, u64>,
    /// Whether a watched value is a sink of summaries (a rule asking reports untrusted values
    /// only): summary passes look them up only then.
    watch_in_summaries: bool,
    /// The words of the stores functions leave holding request data (`stores.rs`), for
    /// `flow::reach`.
    pub stored: std::collections::BTreeSet<String>,
    /// Each module-level statement that binds names, with them (a name may repeat): filled by
    /// the module pass.
    pub bindings: Vec<(Range<usize>, String)>,
    pub watched: RefCell<HashMap<Range<usize>, Value>>,
    /// What the own passes of functions written inside other functions saw: they start with
    /// the module's values only, so a name the enclosing function bound (`const cmd = "git
    /// status"` ... `new Promise((r) => exec(cmd, r))`) is unknown there. Kept apart and used
    /// only for nodes the enclosing passes, which run them with their variables, did not reach.
    watched_alone: RefCell<HashMap<Range<usize>, Value>>,
    /// Per function, the nearest function (not the module) it is written inside.
    enclosing: Vec<Option<usize>>,
    pub hits: RefCell<Vec<SinkHit>>,
    /// The other files of the project, when the file is checked as part of one (`imported.rs`).
    imports: Option<&'r dyn crate::flow::project::Imports>,
    /// The calls whose hits were found in another file's function.
    imported_sinks: RefCell<HashSet<Range<usize>>>,
    /// The command-line options the file declares only with `choices=` of literals
    /// (`choices.rs`), read when some rule names the calls that parse them.
    choices: HashSet<String>,
    /// What each local helper's calls passed (`callers.rs`).
    helper_calls: RefCell<callers::CallsSeen>,
    /// The helper being walked again with what its callers pass (`callers.rs`): the rules
    /// each parameter is clean for.
    fed_by_callers: RefCell<Option<(usize, Vec<u64>)>>,
    /// The objects the enclosing function holds, for the closure pass about to start
    /// (`closures.rs`): taken by `pass`.
    closure_objects: RefCell<Option<HashMap<String, String>>>,
    /// The rules the guard being read vouches for (`statements.rs`): all but for a rule's own.
    vouch_rules: Cell<u64>,
    /// Whether the file is a script (`callers.rs`), found on first asking.
    script: std::cell::OnceCell<bool>,
    /// What each validator the guards met vouches for (`validators.rs`), by function.
    validators: RefCell<HashMap<usize, validators::Vouches>>,
    /// What each check helper that raises vouches for (`raising.rs`), by function.
    raising: RefCell<HashMap<usize, raising::RaisingChecks>>,
    /// The rules each function of the file escapes for (`escapers.rs`), read once.
    escapers: RefCell<HashMap<usize, u64>>,
    /// While a condition is read whose parts look for `//` (`guards.rs`).
    relative_checked: Cell<bool>,
    /// The names of the file's tables of functions (`tables.rs`), found on first asking.
    tables: std::cell::OnceCell<HashSet<String>>,
    /// Per plain function of the file, the one class whose objects it returns, if any
    /// (`objects.rs`, a factory such as `def build_client(form): return FeedClient(...)`).
    factories: RefCell<HashMap<usize, Option<&'t str>>>,
    /// Per call (by its range), the method of another file's class a service field's call
    /// reaches (`services.rs`): asked by the local helpers and by the imported functions.
    injected_services: RefCell<HashMap<Range<usize>, Option<Rc<str>>>>,
    /// The classes the file defines at its top level with no constructor of their own
    /// (`records.rs`), found on first asking.
    record_classes: std::cell::OnceCell<HashMap<&'t str, Vec<&'t str>>>,
    /// Per class, its fields declared with a class of the file (`typed_fields.rs`), found on
    /// first asking.
    field_classes: std::cell::OnceCell<typed_fields::FieldClasses<'t>>,
    /// Per literal key of an application registry, the class stored there (`typed_fields.rs`).
    registry_classes: std::cell::OnceCell<typed_fields::RegistryClasses<'t>>,
    /// Per class name, the bytes of its first class or `impl` block, which key its fields
    /// (`tainted_fields.rs`), found on first asking.
    first_class_bytes: std::cell::OnceCell<HashMap<&'t str, Range<usize>>>,
}

/// Deeper than this, an expression or block is not followed: its value is unknown (neither
/// tainted nor constant), so nothing is quieted by it. Real code stays far below it; the bound
/// keeps a 2 MiB thread stack safe in debug builds, where one level (`eval` into a call's
/// arguments and back) takes about 20 KB: at 96 a fuzzed Python file of calls nested in calls
/// overflowed it, and at 64 another did once a call's frame grew (2026-12-05); 56 leaves room.
const MAX_DEPTH: usize = 56;

thread_local! {
    /// How deep `eval` and `block` are nested on this thread right now, across files: the
    /// summary of another file's function runs its own `FileFlow` inside a call of this one, on
    /// the same stack. Hostile input (50,000 chained `+`, brackets hundreds deep) must not
    /// overflow it.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// The state of one function's pass.
struct Pass<'p> {
    env: Env,
    returned: Option<Value>,
    /// The function being analysed and what its parameters are bound to.
    function: usize,
    params: Params,
    hits: &'p mut Vec<SinkHit>,
    /// Each variable bound to a condition's value (`ok = url_has_allowed_host_and_scheme(u)`),
    /// with the bytes of that expression: `if ok:` vouches for what it checked.
    conditions: HashMap<String, Range<usize>>,
    /// Each variable bound to an object of a class this file defines, with the class's name.
    objects: HashMap<String, String>,
    /// How many loops enclose the statement being walked (`statements.rs`).
    loops: usize,
    /// For each loop being walked, innermost last: what the variables held at its `break` and
    /// `continue` statements, which reach the statements after the loop.
    left_loop: Vec<Option<Env>>,
    /// The part of a returned tuple or object (`return sql, params`, `return { where, params
    /// }`) this pass returns; the whole value when `None`.
    part: Option<parts::Part>,
    /// What the statements walked since the innermost `try` began raise or throw (`raise
    /// ValueError(f"no page {name}")`): the handler's `except ... as exc` / `catch (err)` binds it.
    thrown: Option<Value>,
}

impl<'t, 'r> FileFlow<'t, 'r> {
    pub fn new(
        adapter: &'static dyn Adapter,
        rules: &'r FlowRules,
        names: &'r Names,
        text: &'t str,
        root: Node<'t>,
        query_sources: HashMap<Range<usize>, (String, u64)>,
    ) -> Self {
        let mut functions = Vec::new();
        adapter.functions(root, text, &mut functions);
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, function) in functions.iter().enumerate() {
            if let Some(name) = &function.name {
                by_name.entry(name.clone()).or_default().push(index);
            }
        }
        let mut methods: HashMap<&str, HashMap<String, usize>> = HashMap::new();
        for (index, function) in functions.iter().enumerate() {
            if let (Some(class), Some(name)) = (objects::class_name(function, text), &function.name)
            {
                methods
                    .entry(class)
                    .or_default()
                    .entry(name.clone())
                    .or_insert(index);
            }
        }
        objects::inherit_methods(adapter, &functions, text, &mut methods);
        let classes = functions
            .iter()
            .filter_map(|function| objects::class_name(function, text))
            .collect();
        let choices = match rules.option_choices.is_empty() || !text.contains("choices") {
            true => HashSet::new(),
            false => adapter.option_choices(root, text),
        };
        let by_node = functions
            .iter()
            .enumerate()
            .map(|(index, function)| (function.node.byte_range(), index))
            .collect();
        let enclosing = enclosing_functions(&functions);
        FileFlow {
            adapter,
            rules,
            names,
            text,
            functions,
            by_name,
            methods,
            classes,
            scalar_fields: adapter.scalar_fields(root, text),
            scalar_types: adapter.scalar_types(root, text),
            by_node,
            closure_budget: Cell::new(0),
            closure_nesting: Cell::new(0),
            callback_element: RefCell::new(None),
            query_sources,
            module_env: Env::default(),
            module_objects: HashMap::new(),
            fields: HashMap::new(),
            field_writes: RefCell::new(None),
            fields_kept: RefCell::new(None),
            store_recording: RefCell::new(None),
            channel_recording: RefCell::new(None),
            channel: HashMap::new(),
            summaries: RefCell::default(),
            in_progress: RefCell::default(),
            next_part: Cell::default(),
            wanted_parts: RefCell::default(),
            fields_set_outside: RefCell::default(),
            watch: HashMap::new(),
            watch_in_summaries: false,
            bindings: Vec::new(),
            stored: Default::default(),
            watched: RefCell::default(),
            watched_alone: RefCell::default(),
            enclosing,
            hits: RefCell::default(),
            imports: None,
            imported_sinks: RefCell::default(),
            choices,
            helper_calls: RefCell::default(),
            fed_by_callers: RefCell::new(None),
            closure_objects: RefCell::new(None),
            vouch_rules: Cell::new(ALL),
            script: std::cell::OnceCell::new(),
            validators: RefCell::new(HashMap::new()),
            raising: RefCell::new(HashMap::new()),
            escapers: RefCell::new(HashMap::new()),
            relative_checked: Cell::new(false),
            tables: std::cell::OnceCell::new(),
            factories: RefCell::new(HashMap::new()),
            injected_services: RefCell::new(HashMap::new()),
            record_classes: std::cell::OnceCell::new(),
            field_classes: std::cell::OnceCell::new(),
            registry_classes: std::cell::OnceCell::new(),
            first_class_bytes: std::cell::OnceCell::new(),
        }
    }

    /// The nodes the rules' source queries captured, with their label and rule bits.
    pub fn query_sources(&self) -> &HashMap<Range<usize>, (String, u64)> {
        &self.query_sources
    }

    /// Every function of the file, the module's own statements first (when the module is
    /// one).
    pub fn functions(&self) -> &[Function<'t>] {
        &self.functions
    }

    /// Whether the call spanning `range` calls a plain function this file defines
    /// (`readFile(input)` beside `async function readFile(input) {..}`): no library's
    /// function of that name, whatever a shape rule took it for. Its body is followed instead.
    pub fn calls_own_function(&self, range: Range<usize>) -> bool {
        let Some(module) = self.functions.first() else {
            return false;
        };
        let Some(call) = module
            .node
            .descendant_for_byte_range(range.start, range.end)
            .filter(|n| n.byte_range() == range)
        else {
            return false;
        };
        match self.adapter.expr(call, self.text) {
            Expr::Call {
                callee,
                receiver: None,
                ..
            } => self.is_own_function(callee),
            _ => false,
        }
    }

    /// Whether `callee` is the name of a plain function this file defines (not a method).
    pub(super) fn is_own_function(&self, callee: tree_sitter::Node<'t>) -> bool {
        matches!(self.adapter.expr(callee, self.text), Expr::Name)
            && self
                .by_name
                .get(text_of(callee, self.text))
                .is_some_and(|found| {
                    found.iter().all(|&i| {
                        let function = &self.functions[i];
                        // An object literal's method (`Bun.serve({ fetch(req) {..} })`) is
                        // called on its object, never by its bare name.
                        function.class().is_none() && function.node.kind() != "method_definition"
                    })
                })
    }

    /// The struct fields the file declares only as numbers.
    pub fn scalar_fields(&self) -> &HashSet<&'t str> {
        &self.scalar_fields
    }

    pub fn scalar_types(&self) -> &HashSet<&'t str> {
        &self.scalar_types
    }

    /// The command-line options the file declares only with `choices=` of literals.
    pub fn option_choices(&self) -> &HashSet<String> {
        &self.choices
    }

    /// Analyses every function whose range intersects one of `ranges` (all when `None`),
    /// recording the values of the `watch` nodes; the module's own statements first, so
    /// functions see its constants. After an edit the caller passes the functions it touched
    /// and every function that calls them or reads a name it bound (see `flow::reach`).
    pub fn run(&mut self, watch: HashMap<Range<usize>, u64>, ranges: Option<&[Range<usize>]>) {
        self.watch_in_summaries = watch.values().any(|rules| *rules != 0);
        self.watch = watch;
        // As if nothing had run before: summaries made while the module pass of an earlier
        // `module_pass` call ran saw no module constants and recorded no watched
        // values.
        self.summaries.borrow_mut().clear();
        self.reset_closure_budget();
        self.helper_calls.borrow_mut().clear();
        let hits = self.module_pass();
        self.record(0, hits, ranges);
        // Over the whole file whatever `ranges` holds, so a re-check sees a full check's fields;
        // the summaries made meanwhile did not know them.
        self.fields = HashMap::new();
        self.fields = self.settle_fields();
        self.summaries.borrow_mut().clear();
        self.taint_fields();
        self.summaries.borrow_mut().clear();
        self.stored = self.taint_stores();
        self.summaries.borrow_mut().clear();
        self.taint_channels();
        self.summaries.borrow_mut().clear();
        for index in 0..self.functions.len() {
            if crate::analysis::cancelled() {
                break; // nobody will read the result
            }
            let node = self.functions[index].node;
            if self.functions[index].is_module() {
                continue;
            }
            if let Some(ranges) = ranges
                && !ranges.iter().any(|r| overlaps(&node.byte_range(), r))
            {
                continue;
            }
            let mut hits = Vec::new();
            let mut env = self.module_env.clone();
            self.initialised_objects(index, &mut env);
            self.pass(index, Params::Own, env, &mut hits);
            self.record(index, hits, ranges);
        }
        if !crate::analysis::cancelled() {
            self.rewalk_fed_by_callers(ranges);
        }
        let alone = std::mem::take(&mut *self.watched_alone.borrow_mut());
        let mut watched = self.watched.borrow_mut();
        for (node, value) in alone {
            watched.entry(node).or_insert(value);
        }
    }

    /// Whether a value seen in `pass` is what the node holds when its function runs where it
    /// is written: not when the pass is the own pass of a function nested in another.
    fn sees_enclosing(&self, pass: &Pass<'_>) -> bool {
        self.closure_nesting.get() > 0
            || self
                .enclosing
                .get(pass.function)
                .is_none_or(Option::is_none)
    }

    /// Runs the module's own statements in order, leaving what they bind in `module_env` and,
    /// per top-level statement, the names whose value it changed in `bindings`. Its sink hits.
    pub fn module_pass(&mut self) -> Vec<SinkHit> {
        let mut hits = Vec::new();
        let mut bindings = Vec::new();
        let Some(module) = self.functions.first().filter(|m| m.is_module()) else {
            return hits;
        };
        let root = module.node;
        self.module_env = Env::default();
        self.module_objects = HashMap::new();
        let mut pass = Pass {
            env: Env::default(),
            returned: None,
            function: 0,
            params: Params::Own,
            hits: &mut hits,
            conditions: HashMap::new(),
            objects: HashMap::new(),
            loops: 0,
            left_loop: Vec::new(),
            thrown: None,
            part: None,
        };
        // One statement at a time, as `block` would run them, so that each one's bindings are
        // known by its bytes.
        let statements = match self.adapter.stmt(root, self.text) {
            Stmt::Block => named_children(root),
            _ => vec![root],
        };
        if let Some(_guard) = self.deeper() {
            for statement in statements {
                let skipped = matches!(self.adapter.stmt(statement, self.text), Stmt::Skip);
                self.block(statement, &mut pass);
                if !skipped {
                    for key in pass.env.changed() {
                        bindings.push((statement.byte_range(), key.clone()));
                    }
                }
                // What the next statement's branches copy is only what it binds itself.
                pass.env.commit();
            }
        }
        self.module_env = pass.env;
        self.module_objects = pass.objects;
        self.bindings = bindings;
        // An escaper called at module level was read before the tables beside it were listed.
        self.escapers.get_mut().clear();
        hits
    }

    fn record(&self, function: usize, hits: Vec<SinkHit>, ranges: Option<&[Range<usize>]>) {
        let module = self.functions[function].is_module();
        let mut all = self.hits.borrow_mut();
        for hit in hits {
            // The module pass sees only module-level statements; keep what lies in range.
            if module
                && ranges.is_some_and(|ranges| {
                    !ranges
                        .iter()
                        .any(|r| hit.extent.end >= r.start && hit.extent.start <= r.end)
                })
            {
                continue;
            }
            all.push(hit);
        }
    }

    /// Runs `record`, passes that only record what functions leave behind (`stores.rs`,
    /// `tainted_fields.rs`, `channels.rs`), so that they change nothing a real pass reports:
    /// what they watched or spent of the closure budget is put back (their hits the caller
    /// drops).
    fn quietly<R>(&self, record: impl FnOnce(&Self) -> R) -> R {
        let watched = self.watched.borrow().clone();
        let watched_alone = self.watched_alone.borrow().clone();
        let budget = self.closure_budget.get();
        let recorded = record(self);
        *self.watched.borrow_mut() = watched;
        *self.watched_alone.borrow_mut() = watched_alone;
        self.closure_budget.set(budget);
        recorded
    }

    /// One pass over function `index`, its parameters bound as `params` says.
    fn pass(
        &self,
        index: usize,
        params: Params,
        env: Env,
        hits: &mut Vec<SinkHit>,
    ) -> (Env, Option<Value>) {
        let function = &self.functions[index];
        let mut env = env;
        if let Some(fields) = self
            .class_bytes(function)
            .and_then(|class| self.fields.get(&class))
        {
            for (key, value) in fields {
                match env.get(key) {
                    None => env.insert(key.clone(), value.clone()),
                    // What the object was built with, or what the module's names say: a field
                    // some method fills from request data may hold that too
                    // (`tainted_fields.rs`).
                    Some(held) if value.taint.is_some() => {
                        let joined = held.join(value);
                        env.insert(key.clone(), joined);
                    }
                    Some(_) => {}
                }
            }
        }
        let mut pass = Pass {
            env,
            returned: None,
            function: index,
            params,
            hits,
            conditions: HashMap::new(),
            objects: self
                .closure_objects
                .borrow_mut()
                .take()
                .unwrap_or_else(|| self.module_objects.clone()),
            loops: 0,
            left_loop: Vec::new(),
            thrown: None,
            part: self.next_part.take(),
        };
        self.enter(function, &mut pass);
        if function.expression_body {
            let value = self.eval(function.body, &mut pass);
            pass.returned = Some(value);
        } else {
            self.block(function.body, &mut pass);
        }
        (pass.env, pass.returned)
    }

    /// A pass over bits of function `index` outside its body (a class's field initialisers):
    /// the module's names and objects, parameters unknown.
    fn module_level_pass<'h>(&self, index: usize, hits: &'h mut Vec<SinkHit>) -> Pass<'h> {
        Pass {
            env: self.module_env.clone(),
            returned: None,
            function: index,
            params: Params::Unknown,
            hits,
            conditions: HashMap::new(),
            objects: self.module_objects.clone(),
            loops: 0,
            left_loop: Vec::new(),
            thrown: None,
            part: None,
        }
    }

    /// The node of the function `pass` walks that spans exactly `bytes`: where a value recorded
    /// by its bytes (a condition bound to a name, the call that made an object) was written.
    fn node_at(&self, pass: &Pass<'_>, bytes: &Range<usize>) -> Option<Node<'t>> {
        self.functions[pass.function]
            .node
            .descendant_for_byte_range(bytes.start, bytes.end)
            .filter(|n| n.byte_range() == *bytes)
    }

    /// The node anywhere in the file that spans exactly `bytes`: the call that made a value
    /// bound at module level (a client, a compiled template) read inside a function.
    fn module_node_at(&self, bytes: &Range<usize>) -> Option<Node<'t>> {
        self.module_root()?
            .descendant_for_byte_range(bytes.start, bytes.end)
            .filter(|n| n.byte_range() == *bytes)
    }

    /// The file's root node: the module's own statements.
    fn module_root(&self) -> Option<Node<'t>> {
        self.functions
            .iter()
            .find(|f| f.is_module())
            .map(|f| f.node)
    }

    /// The expression the name `name` was last bound to as a condition (`ok = check(u)`), if any.
    fn bound_condition(&self, name: &str, pass: &Pass<'_>) -> Option<Node<'t>> {
        self.node_at(pass, pass.conditions.get(name)?)
    }

    /// One level deeper, or `None` past [`MAX_DEPTH`]; the level is given back on drop.
    fn deeper(&self) -> Option<DepthGuard> {
        DEPTH.with(|depth| {
            let level = depth.get();
            if level >= MAX_DEPTH {
                return None;
            }
            depth.set(level + 1);
            Some(DepthGuard)
        })
    }
}

/// Gives a nesting level back when an `eval` or `block` returns.
struct DepthGuard;

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get() - 1));
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Text for a message: one line, at most 60 characters.
pub(crate) fn short(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 60 {
        let cut: String = line.chars().take(57).collect();
        format!("{cut}...")
    } else {
        line
    }
}

/// Per function, the nearest other function (not the module) that encloses it: in the order
/// of their starts, outermost first, a stack of the open ones answers in one walk.
fn enclosing_functions(functions: &[Function<'_>]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..functions.len()).collect();
    order.sort_by_key(|&i| {
        let range = functions[i].node.byte_range();
        (range.start, std::cmp::Reverse(range.end))
    });
    let mut enclosing = vec![None; functions.len()];
    // (end, index) of the functions around the current position, innermost last.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for index in order {
        let function = &functions[index];
        if function.is_module() {
            continue;
        }
        let range = function.node.byte_range();
        while open.last().is_some_and(|&(end, _)| end <= range.start) {
            open.pop();
        }
        enclosing[index] = open.last().map(|&(_, outer)| outer);
        open.push((range.end, index));
    }
    enclosing
}

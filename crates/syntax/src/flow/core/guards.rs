//! Guards: what a condition vouches for where it holds or fails (`if x in ALLOWED`, `if not
//! ok(x): return`, `p !== root && !p.startsWith(root + sep)`, a rule's own `typeof x ===
//! "string"`), and clearing the values it vouches for in the branch where it does.

use super::Vouch;
use super::value::{ALL, Value};
use super::{FileFlow, Pass};
use crate::flow::adapter::{Arg, CallSite, Condition, Expr, named_children, text_of};
use crate::flow::spec::{GuardKind, Slot};
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// The variables `condition` vouches for when it is `holds`.
    pub(super) fn guards(
        &self,
        condition: Node<'t>,
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        self.vouched(condition, holds, true, out, pass);
    }

    /// [`Self::guards`]; `follow`: a name bound to a condition stands for it (not inside one
    /// already followed: `ok = ok and check(u)` must not loop).
    fn vouched(
        &self,
        condition: Node<'t>,
        holds: bool,
        follow: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        // Hostile conditions (`a && b && ...` thousands long) must not overflow the stack.
        let Some(_guard) = self.deeper() else {
            return;
        };
        match self.adapter.condition(condition, self.text) {
            Condition::Not(inner) => self.vouched(inner, !holds, follow, out, pass),
            Condition::Same(inner) => self.vouched(inner, holds, follow, out, pass),
            Condition::All(parts) => {
                let _relative = self.relative_checked_in(&parts);
                // `if (p !== root && !p.startsWith(root + sep)) return null`: where the whole
                // fails, some part fails; what every part vouches for where it fails holds
                // there, for the rules all of them vouch for. Each part is read once: nested
                // conditions must not multiply the work.
                let mut common: Option<Vec<Vouch>> = None;
                for (index, &part) in parts.iter().enumerate() {
                    let mut each = Vec::new();
                    self.vouched(part, holds, follow, &mut each, pass);
                    if holds {
                        if let Condition::Not(_) = self.adapter.condition(part, self.text) {
                            // `a && !u.startsWith("//")`: where the whole holds the check
                            // fails, which vouches for nothing; where the whole fails it may
                            // hold or not, so the negation must not be read as one whose
                            // failure is the other branch. Unless every other part fails only
                            // where the checked value is empty (`(u or x) and not is_safe(u)`):
                            // an empty value sends nowhere.
                            out.extend(
                                each.iter()
                                    .filter(|(key, branch, ..)| {
                                        *branch
                                            || parts.iter().enumerate().all(|(i, &other)| {
                                                i == index || self.fails_only_if_empty(other, key)
                                            })
                                    })
                                    .cloned(),
                            );
                        } else {
                            // What a part vouches for where it fails says nothing of the
                            // whole: another part may be the one that failed.
                            out.extend(each.iter().filter(|(_, branch, ..)| *branch).cloned());
                        }
                    } else if !matches!(self.adapter.condition(part, self.text), Condition::Not(_))
                    {
                        // `if (!(u.startsWith("/") && !u.startsWith("//"))) return`: the whole
                        // holds where the negation around it fails, and there every part does.
                        out.extend(each.iter().filter(|(_, branch, ..)| !*branch).cloned());
                    }
                    each.retain(|(_, branch, ..)| *branch != holds);
                    common = Some(match common {
                        None => each,
                        Some(so_far) => so_far
                            .into_iter()
                            .filter_map(|(key, branch, rules, read)| {
                                let also = each.iter().find(|(k, ..)| *k == key)?;
                                Some((key, branch, rules & also.2, read.or(also.3.clone())))
                            })
                            .filter(|(.., rules, _)| *rules != 0)
                            .collect(),
                    });
                }
                out.extend(common.unwrap_or_default());
            }
            // `if (!u.startsWith("/") || u.startsWith("//")) return ...`: where the whole fails,
            // each part fails, so what a part vouches for where it fails holds there: a negated
            // check (`!u.startsWith("/")`), a negated lookup (`host not in ALLOWED`), an escape
            // check (`rel.startsWith("..")`). Where the whole holds, no part is known to.
            Condition::Any(parts) => {
                let _relative = self.relative_checked_in(&parts);
                for part in parts {
                    let mut each = Vec::new();
                    self.vouched(part, holds, follow, &mut each, pass);
                    out.extend(each.into_iter().filter(|(_, branch, ..)| *branch != holds));
                }
            }
            // Where `".." in path` fails, the path stays inside its root.
            Condition::Climbs { path, negated } => {
                self.vouch_climb_check(path, holds == negated, out, pass);
            }
            Condition::Membership { element, negated } => {
                let operator = self
                    .rules
                    .guards
                    .iter()
                    .any(|g| matches!(g, GuardKind::Operator(op) if op == "in"));
                if operator {
                    self.vouch(element, holds != negated, true, out, pass);
                }
            }
            Condition::Expr(node) => {
                if let Some(tested) = self.adapter.one_of_literals(node, self.text) {
                    self.vouch(tested, holds, false, out, pass);
                    return;
                }
                if let Some((left, right, negated)) = self.adapter.equality(node) {
                    self.compared(left, right, holds != negated, out, pass);
                    self.compared(right, left, holds != negated, out, pass);
                    self.first_part_climbs(left, right, holds != negated, out, pass);
                    // `host == "api.example.com"`, `url.host_str() != Some("cdn.example.com")`:
                    // equal to a constant, the value is that constant (and a host read from a
                    // parsed URL vouches for the URL, as an allow-list lookup does).
                    // Only the variable itself or a host: `url.scheme() == "https"` says
                    // nothing of the rest of `url`.
                    // `typeof x === "string"`: `x` holds a string there, for the rules that
                    // fear an object only (a NoSQL operator).
                    for (side, other) in [(left, right), (right, left)] {
                        let Some(tested) = self.adapter.type_test(side) else {
                            continue;
                        };
                        let type_name = text_of(other, self.text);
                        for (guard, &rules) in self.rules.guards.iter().zip(&self.rules.guard_rules)
                        {
                            if let GuardKind::TypeIs(names) = guard
                                && names.get().is_match(type_name)
                            {
                                self.vouch_rules.set(rules);
                                self.vouch(tested, holds != negated, false, out, pass);
                                self.vouch_rules.set(super::ALL);
                            }
                        }
                    }
                    for (side, other) in [(left, right), (right, left)] {
                        if !(self.is_constant_operand(other)
                            || self.holds_programs_own(other, pass))
                            || self.is_constant_operand(side)
                        {
                            continue;
                        }
                        let host = self.reads_host(side, pass);
                        if host || self.is_plain_name(side) {
                            self.vouch(side, holds != negated, host, out, pass);
                        }
                    }
                    return;
                }
                // `if ok:` after `ok = check(u)`: what the check vouches for (one level).
                if follow
                    && matches!(self.adapter.expr(node, self.text), Expr::Name)
                    && let Some(check) = self.bound_condition(text_of(node, self.text), pass)
                {
                    self.vouched(check, holds, false, out, pass);
                    return;
                }
                if let Expr::Call {
                    callee,
                    receiver,
                    method,
                    args,
                } = self.adapter.expr(node, self.text)
                {
                    let mut site = self.call_site(node, callee, receiver, method, pass);
                    // `SLUG.match(name)`: the call that made the receiver, for guards that
                    // name it (`re.compile(r"^[a-z]+$")`).
                    site.receiver_call = receiver
                        .and_then(|r| self.key(r))
                        .and_then(|key| pass.env.get(&key)?.made_by.clone())
                        .and_then(|bytes| self.text.get(bytes));
                    if let Some(receiver) = receiver {
                        self.escaped(&site, receiver, holds, out, pass);
                        // `name.includes("..")`, `name.contains("..")`: where it fails, the
                        // path stays inside its root.
                        if matches!(site.method.as_deref(), Some("includes" | "contains"))
                            && args.first().is_some_and(|a| {
                                matches!(
                                    text_of(a.value, self.text),
                                    "\"..\"" | "'..'" | "`..`" | "\"../\"" | "'../'"
                                )
                            })
                        {
                            self.vouch_climb_check(receiver, !holds, out, pass);
                        }
                    }
                    for (guard, &rules) in self.rules.guards.iter().zip(&self.rules.guard_rules) {
                        let GuardKind::Call(pattern, slot) = guard else {
                            continue;
                        };
                        if !pattern.matches(&site) {
                            continue;
                        }
                        let rules =
                            rules & !self.unprotected_by_start(&site, receiver, &args, pass);
                        let checked = slot.at(receiver, &args).filter(|_| rules != 0);
                        if let Some(checked) = checked {
                            // Looked up in something (`ALLOWED.has(x)`): an allow-list check.
                            let lookup = matches!(slot, Slot::Arg(_)) && receiver.is_some();
                            self.vouch_rules.set(rules);
                            self.vouch(checked, holds, lookup, out, pass);
                            self.vouch_rules.set(super::ALL);
                        }
                    }
                    self.allow_list_some(&site, receiver, &args, holds, out, pass);
                    self.every_element_checked(&site, receiver, &args, holds, out, pass);
                    // `if not is_safe_name(name):`: a function of this file that returns a check.
                    self.validated(callee, receiver, &args, holds, out, pass);
                }
            }
        }
    }

    /// For a check of how a value starts, the rules it does not vouch for: those whose sinks
    /// a start does not protect (`start-checks = false`), and for `/` and nothing more
    /// (`url.startsWith("/")`) those that trust only some relative starts (`//evil.example`
    /// and `/\evil.example` start with `/` too), unless a part of the same condition looks
    /// for `//` or a backslash (`u.startsWith("/") && !u.startsWith("//")`).
    fn unprotected_by_start(
        &self,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        args: &[Arg<'t>],
        pass: &Pass<'_>,
    ) -> u64 {
        let start_check = matches!(
            site.method.as_deref(),
            Some("startsWith" | "starts_with" | "startswith")
        );
        if !start_check {
            return 0;
        }
        let root_only = args.first().is_some_and(|a| {
            matches!(
                text_of(a.value, self.text),
                "\"/\"" | "'/'" | "`/`" | "b'/'" | "b\"/\""
            )
        });
        let unmade = receiver.map_or(0, |r| self.start_of_unresolved(r, pass));
        // `q.startsWith("note=")` says nothing of the markup or SQL after that start. A start
        // that names a folder (`this.root + path.sep`, `"/srv/docs/"`) is a containment check
        // of a path, whose file's contents are the program's whatever the rule.
        let constant_start = args
            .first()
            .filter(|a| matches!(self.adapter.expr(a.value, self.text), Expr::Constant))
            .map(|a| {
                text_of(a.value, self.text)
                    .trim_start_matches(['b', 'r', 'u', 'f'])
                    .trim_start_matches(['"', '\'', '`'])
            });
        let blind = unmade
            | match constant_start {
                Some(start) if !start.starts_with(['/', '.', '\\']) => self.rules.start_blind(),
                Some(_) => self.rules.folder_start_blind(),
                None => 0,
            };
        if root_only {
            return match self.relative_checked.get() {
                true => blind,
                false => blind | self.rules.distrusting_prefix("/"),
            };
        }
        // A literal start vouches for a rule trusting only some starts when it is one of them:
        // `url.startswith("https://api.example.com")` without the `/` after the host lets
        // `https://api.example.com.evil.example` through.
        // Written in place, or a name bound to one (`url.startswith(PARTNER_BASE)`).
        let literal = args
            .first()
            .and_then(|a| match self.adapter.expr(a.value, self.text) {
                Expr::Constant => Some(
                    text_of(a.value, self.text)
                        .trim_start_matches(['b', 'r', 'u', 'f'])
                        .trim_matches(['"', '\'', '`'])
                        .to_string(),
                ),
                _ => self
                    .key(a.value)
                    .and_then(|key| pass.env.get(&key))
                    .filter(|v| v.whole && v.taint.is_none())
                    .and_then(|v| Some(v.prefix.as_deref()?.to_string())),
            });
        match literal {
            // `name.startsWith("reports/")`: a relative start keeps nothing inside a folder
            // (`reports/../../etc/passwd` has it), and no resolved path has one.
            Some(start) if is_relative_start(&start) => {
                blind | self.rules.distrusting_prefix(&start) | self.rules.start_unmade("")
            }
            Some(start) => blind | self.rules.distrusting_prefix(&start),
            None => blind,
        }
    }

    /// The rules a check of how `checked` starts does not vouch for because nothing resolved
    /// it first (`start-checks-made-by`): `os.path.join(ROOT, name)` or `` `${BASE}/${name}` ``
    /// still starts with the root after `../`. A parameter, standing for what callers pass, and
    /// a value nothing is known of keep the check.
    #[inline(never)]
    fn start_of_unresolved(&self, checked: Node<'t>, pass: &Pass<'_>) -> u64 {
        if matches!(self.adapter.expr(checked, self.text), Expr::Call { .. }) {
            return self.rules.start_unmade(text_of(checked, self.text));
        }
        let Some(value) = self.key(checked).and_then(|key| pass.env.get(&key)) else {
            return 0;
        };
        match (&value.made_by, &value.taint) {
            (Some(bytes), _) => self
                .rules
                .start_unmade(self.text.get(bytes.clone()).unwrap_or("")),
            // Request data, or a parameter built into text here (`ROOT + decoded`): nothing
            // resolved it.
            (None, Some(taint)) if taint.parameter.is_none() || value.prefix.is_some() => {
                self.rules.start_unmade("")
            }
            _ => 0,
        }
    }

    /// Marks, while the parts of a condition are read, whether one of them looks for `//` or a
    /// backslash: a start check of `/` beside it is then one of a relative path.
    fn relative_checked_in(&self, parts: &[Node<'t>]) -> Option<RelativeChecked<'_>> {
        let looks = parts.iter().any(|&part| {
            let text = text_of(part, self.text);
            text.contains("\"//\"")
                || text.contains("'//'")
                || text.contains("`//`")
                || text.contains("'\\\\'")
                || text.contains("\"\\\\\"")
        });
        if !looks || self.relative_checked.get() {
            return None;
        }
        self.relative_checked.set(true);
        Some(RelativeChecked(&self.relative_checked))
    }

    /// A name bound to a constant (`ROOT` after `const ROOT = path.resolve(__dirname, "docs")`),
    /// or a field of the object the method runs on that no request data is known to reach
    /// (`this.baseDir` set by the constructor): equal to it, a value is the program's.
    pub(super) fn holds_programs_own(&self, node: Node<'t>, pass: &Pass<'_>) -> bool {
        // `origin.host_str()`: a part read off a value of the program's own.
        if let Expr::Call {
            receiver: Some(receiver),
            args,
            ..
        } = self.adapter.expr(node, self.text)
            && args.is_empty()
        {
            return self.holds_programs_own(receiver, pass);
        }
        let Some(key) = self.key(node) else {
            return false;
        };
        match pass.env.get(&key) {
            Some(value) => {
                value.taint.is_none()
                    && (value.clean == ALL
                        || super::helpers::is_field_of_self(&key)
                        || self.other_parameter(&key, pass)
                        || value
                            .made_by
                            .as_ref()
                            .is_some_and(|bytes| self.resolves_path(bytes)))
            }
            None => {
                // The variable the key is a field or element of (itself when it has no root,
                // and then not in `env`).
                let root = key
                    .split(['.', '['])
                    .next()
                    .and_then(|root| pass.env.get(root));
                super::helpers::is_field_of_self(&key)
                    // `own.origin` after `own = new URL(APP_ORIGIN)`: a field of a constant.
                    || root.is_some_and(|v| v.taint.is_none() && v.clean == ALL)
                    || self.captured_untainted(&key, pass)
                    || (self.other_parameter(&key, pass) && root.is_some_and(|v| v.taint.is_none()))
            }
        }
    }

    /// Whether `key` is a variable of a function around this one (`const base =
    /// path.resolve(root)` above `return (req, res) => { ... }`): this function's own pass does
    /// not see its value, and a pass inside the enclosing one (`closures.rs`) runs it again
    /// with that value whenever the enclosing function holds anything tainted, so here it
    /// counts as the program's own.
    fn captured_untainted(&self, key: &str, pass: &Pass<'_>) -> bool {
        if key.contains(['.', '[']) {
            return false;
        }
        let Some(&Some(outer)) = self.enclosing.get(pass.function) else {
            return false;
        };
        let inner = self.functions[pass.function].node.byte_range();
        let before = self
            .text
            .get(self.functions[outer].node.start_byte()..inner.start)
            .unwrap_or("");
        assigns(before, key) && !self.text.get(inner).is_some_and(|body| assigns(body, key))
    }

    /// Whether the call at `bytes` resolves a path (`root = path.resolve(base)`): equal to a
    /// root no request data reached, a path is that root, whatever else its caller passed.
    fn resolves_path(&self, bytes: &std::ops::Range<usize>) -> bool {
        let Some(call) = self.text.get(bytes.clone()) else {
            return false;
        };
        let callee = call.split('(').next().unwrap_or_default().trim();
        matches!(
            callee.rsplit(['.', ':']).next(),
            Some("resolve" | "realpath" | "realpathSync" | "canonicalize" | "abspath")
        )
    }

    /// Whether `key` names a parameter of a helper other than the one its summary follows
    /// (`full === base` in `safeJoin(base, rel)`), or a field of one (`url.origin ===
    /// base.origin`): equal to it, the followed value is the caller's other argument, not what
    /// the followed one held.
    fn other_parameter(&self, key: &str, pass: &Pass<'_>) -> bool {
        if !matches!(pass.params, super::Params::Summarise(_)) {
            return false;
        }
        // `base.origin` of a parameter `base`: a part of the caller's other argument.
        let root = key.split(['.', '[']).next().unwrap_or(key);
        self.param_named(&self.functions[pass.function], root)
            .is_some()
    }

    /// A variable, possibly in parentheses or behind `&`.
    fn is_plain_name(&self, node: Node<'t>) -> bool {
        match self.adapter.expr(node, self.text) {
            Expr::Name => true,
            Expr::Wrap(inner) => self.is_plain_name(inner),
            _ => false,
        }
    }

    /// A literal, or a literal wrapped in `Some(..)` / parentheses, as written.
    pub(super) fn is_constant_operand(&self, node: Node<'t>) -> bool {
        match self.adapter.expr(node, self.text) {
            Expr::Constant => true,
            Expr::Wrap(inner) => self.is_constant_operand(inner),
            Expr::Call {
                callee,
                receiver: None,
                args,
                ..
            } => {
                text_of(callee, self.text) == "Some"
                    && args.len() == 1
                    && self.is_constant_operand(args[0].value)
            }
            // `req.nextUrl.origin`, `location.origin`: a name the rules call the program's own.
            _ => self
                .adapter
                .path(node, self.text)
                .is_some_and(|path| self.rules.constant_names.contains(&path)),
        }
    }

    /// Whether `condition` is false only where the variable `key` is empty: `u`, or `u or x`.
    fn fails_only_if_empty(&self, condition: Node<'t>, key: &str) -> bool {
        match self.adapter.condition(condition, self.text) {
            Condition::Any(parts) => parts.iter().any(|&p| self.fails_only_if_empty(p, key)),
            Condition::Expr(node) => {
                (matches!(self.adapter.expr(node, self.text), Expr::Name)
                    && self.key(node).as_deref() == Some(key))
                    || self.differs_from_constant(node, key)
            }
            _ => false,
        }
    }

    /// `file !== ROOT`, `path != "/"`: fails only where the value is that constant (a literal or
    /// a name in capitals), which is no untrusted value.
    fn differs_from_constant(&self, node: Node<'t>, key: &str) -> bool {
        let children = named_children(node);
        let [left, right] = children[..] else {
            return false;
        };
        let between = self
            .text
            .get(left.end_byte()..right.start_byte())
            .unwrap_or("")
            .trim();
        if !matches!(between, "!=" | "!==") {
            return false;
        }
        let constant = |n: Node<'t>| {
            crate::lang::is_literal(n)
                || (n.kind() == "identifier"
                    && text_of(n, self.text)
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        };
        (self.key(left).as_deref() == Some(key) && constant(right))
            || (self.key(right).as_deref() == Some(key) && constant(left))
    }

    /// Marks guarded variables clean in the branch where their guard `holds`.
    pub(super) fn clear(&self, guards: &[Vouch], branch: bool, pass: &mut Pass<'_>) {
        for (key, holds, rules, read) in guards {
            if *holds != branch {
                continue;
            }
            // A rule's own guard clears the value for that rule only; the others still see
            // what it held (a source the path reads, `req.body.email`, when the environment
            // holds nothing for it).
            let held = pass.env.get(key).or(read.as_ref());
            let value = match (*rules == ALL, held) {
                (false, Some(held)) => held.clone().cleared_for(*rules),
                (false, None) => continue,
                // Harmless here, but what the check saw: a decoder after it gives it back.
                (true, held) => Value {
                    undone: held
                        .and_then(|v| v.taint.clone())
                        .map(std::rc::Rc::new)
                        .or_else(|| held.and_then(|v| v.undone.clone())),
                    ..Value::constant()
                },
            };
            pass.env.insert(key.clone(), value);
        }
    }
}

/// Sets the flag back when the condition whose parts set it has been read.
struct RelativeChecked<'a>(&'a std::cell::Cell<bool>);

impl Drop for RelativeChecked<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// Whether `text` assigns the variable `name` (`name = ...`, `const name = ...`), not compares
/// it (`name == ...`).
/// Whether a literal start names a relative path or a bare word (`reports/`, `./public`), not
/// the start of an absolute one or a URL's scheme: what a resolved path never starts with.
fn is_relative_start(start: &str) -> bool {
    let first = start.chars().next();
    !start.is_empty()
        && !start.contains(':')
        && !matches!(first, Some('/' | '\\' | '~' | '$' | '%'))
}

fn assigns(text: &str, name: &str) -> bool {
    let identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(name).any(|(at, _)| {
        let after = text[at + name.len()..].trim_start_matches([' ', '\t']);
        !text[..at].chars().next_back().is_some_and(identifier)
            && after.starts_with('=')
            && !after.starts_with("==")
            && !after.starts_with("=>")
    })
}

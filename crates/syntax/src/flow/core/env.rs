//! The names a pass knows, in two layers: the module's bindings, shared by every pass that
//! starts from them and never copied, under what the pass itself bound.
//!
//! A flat map copied the module's bindings into every function's pass and again at every
//! branch, loop and comprehension: work proportional to the module's size per function and
//! per branch, so quadratic in the file. A 20,000-line TypeScript file (2,400 module
//! bindings, 4,000 functions) spent most of a full check copying and dropping them. Now a
//! copy costs what the pass itself bound.

use super::value::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

#[derive(Clone, Default)]
pub(super) struct Env {
    /// The bindings the pass started from (the module's), shared.
    base: Rc<HashMap<String, Value>>,
    /// What the pass bound since; shadows `base`.
    local: HashMap<String, Value>,
    /// The names some key of `local` is a member path of (`op` for `op.path`): a new value
    /// bound to the name drops them ([`Env::forget_members`]).
    members: HashSet<String>,
}

impl Env {
    pub(super) fn get(&self, key: &str) -> Option<&Value> {
        self.local.get(key).or_else(|| self.base.get(key))
    }

    pub(super) fn contains_key(&self, key: &str) -> bool {
        self.local.contains_key(key) || self.base.contains_key(key)
    }

    pub(super) fn insert(&mut self, key: String, value: Value) {
        if let Some((head, _)) = key.split_once('.')
            && !self.members.contains(head)
        {
            self.members.insert(head.to_string());
        }
        self.local.insert(key, value);
    }

    /// Drops what the pass knew of `name`'s members (`op.path` vouched for by a guard in an
    /// earlier loop), now that `name` holds another value.
    pub(super) fn forget_members(&mut self, name: &str) {
        if !self.members.remove(name) {
            return;
        }
        self.local.retain(|key, _| {
            !(key.starts_with(name) && key.as_bytes().get(name.len()) == Some(&b'.'))
        });
    }

    pub(super) fn remove(&mut self, key: &str) {
        if self.base.contains_key(key) {
            // Never expected (a pass removes only names it bound itself); kept correct anyway.
            self.flatten();
        }
        self.local.remove(key);
    }

    /// Every binding, the pass's own first.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        let base = self.base.iter();
        let local = &self.local;
        (local.iter()).chain(base.filter(move |(key, _)| !local.contains_key(*key)))
    }

    /// The bindings whose value differs from `other`'s (or that `other` lacks). When both grew
    /// from the same base and `other` bound nothing of its own (a function's pass against the
    /// module), only this pass's own bindings need a look.
    pub(super) fn differing_from<'a>(
        &'a self,
        other: &'a Env,
    ) -> Box<dyn Iterator<Item = (&'a String, &'a Value)> + 'a> {
        let differs = |(key, value): &(&String, &Value)| {
            other.get(key).is_none_or(|theirs| !theirs.same_as(value))
        };
        if Rc::ptr_eq(&self.base, &other.base) && other.local.is_empty() {
            Box::new(self.local.iter().filter(differs))
        } else {
            Box::new(self.iter().filter(differs))
        }
    }

    /// What either environment may hold (after two branches): a name bound on one side only
    /// may be unbound on the other, so it is clean for no rule.
    pub(super) fn join(&self, other: &Env) -> Env {
        if !Rc::ptr_eq(&self.base, &other.base) {
            // Never expected (branches copy the same pass); kept correct anyway.
            let (mut a, mut b) = (self.clone(), other.clone());
            a.flatten();
            b.flatten();
            b.base = a.base.clone(); // both empty now
            return a.join(&b);
        }
        let mut local = HashMap::with_capacity(self.local.len().max(other.local.len()));
        for key in self.local.keys().chain(other.local.keys()) {
            if local.contains_key(key) {
                continue;
            }
            let joined = match (self.get(key), other.get(key)) {
                (Some(a), Some(b)) => a.join(b),
                (Some(one), None) | (None, Some(one)) => Value {
                    clean: 0,
                    ..one.clone()
                },
                (None, None) => continue,
            };
            local.insert(key.clone(), joined);
        }
        Env {
            base: self.base.clone(),
            local,
            members: self.members.union(&other.members).cloned().collect(),
        }
    }

    /// The names this pass bound to a value other than the one `base` holds: what the last
    /// statement changed, when [`Env::commit`] ran before it.
    pub(super) fn changed(&self) -> impl Iterator<Item = &String> {
        (self.local.iter())
            .filter(|(key, value)| self.base.get(*key).is_none_or(|old| !old.same_as(value)))
            .map(|(key, _)| key)
    }

    /// Moves the pass's own bindings into the base: the module pass does so after each
    /// statement, so the next statement's copies (at its branches) copy only its own. Copies
    /// the base only if another environment still shares it.
    pub(super) fn commit(&mut self) {
        Rc::make_mut(&mut self.base).extend(self.local.drain());
        self.members.clear();
    }

    /// Both layers in the pass's own, over an empty base.
    fn flatten(&mut self) {
        let mut all: HashMap<String, Value> = (*self.base).clone();
        all.extend(self.local.drain());
        self.members = (all.keys())
            .filter_map(|key| Some(key.split_once('.')?.0.to_string()))
            .collect();
        self.local = all;
        self.base = Rc::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tainted_value() -> Value {
        Value::tainted(super::super::value::Taint {
            origin: Rc::new((0..1, "input".into())),
            steps: None,
            rules: 1,
            parameter: None,
            ignored_by: 0,
            grants: 0,
            via: None,
            decodes: false,
        })
    }

    fn module() -> Env {
        let mut module = Env::default();
        module.insert("BASE".into(), Value::constant());
        module.insert("shared".into(), tainted_value());
        module.commit();
        module
    }

    #[test]
    fn a_function_sees_the_module_and_shadows_it_without_changing_it() {
        let module = module();
        let mut pass = module.clone();
        pass.insert("BASE".into(), tainted_value());
        assert!(pass.get("BASE").unwrap().taint.is_some());
        assert!(module.get("BASE").unwrap().taint.is_none());
        assert!(pass.contains_key("shared"));
        let differing: Vec<&String> = pass.differing_from(&module).map(|(k, _)| k).collect();
        assert_eq!(differing, ["BASE"]);
    }

    #[test]
    fn a_name_bound_on_one_branch_only_is_clean_for_no_rule() {
        let before = module();
        let mut then = before.clone();
        then.insert("x".into(), Value::constant());
        let joined = then.join(&before);
        assert_eq!(joined.get("x").unwrap().clean, 0);
        assert_eq!(joined.get("BASE").unwrap().clean, super::super::value::ALL);
        assert!(joined.get("shared").unwrap().taint.is_some());
    }

    #[test]
    fn a_join_keeps_the_taint_of_either_side() {
        let before = module();
        let (mut a, mut b) = (before.clone(), before.clone());
        a.insert("BASE".into(), tainted_value());
        b.insert("other".into(), Value::constant());
        let joined = a.join(&b);
        assert!(joined.get("BASE").unwrap().taint.is_some());
        assert_eq!(joined.get("other").unwrap().clean, 0);
    }

    #[test]
    fn changed_names_are_those_bound_to_another_value_since_the_last_commit() {
        let mut env = module();
        let kept = env.get("shared").unwrap().clone();
        env.insert("shared".into(), kept);
        env.insert("BASE".into(), Value::constant());
        env.insert("new".into(), Value::constant());
        let mut changed: Vec<&String> = env.changed().collect();
        changed.sort();
        // Bound again to an equal constant, or to its own value, is no change.
        assert_eq!(changed, ["new"]);
        env.commit();
        assert_eq!(env.changed().count(), 0);
    }

    #[test]
    fn environments_from_different_bases_join_as_flat_maps() {
        let mut a = module();
        a.insert("x".into(), Value::constant());
        let mut b = Env::default();
        b.insert("BASE".into(), tainted_value());
        let joined = a.join(&b);
        assert!(joined.get("BASE").unwrap().taint.is_some());
        assert_eq!(joined.get("shared").unwrap().clean, 0);
        assert_eq!(joined.get("x").unwrap().clean, 0);
    }

    #[test]
    fn removing_a_name_the_base_holds_removes_it() {
        let mut env = module();
        env.remove("BASE");
        assert!(!env.contains_key("BASE"));
        assert!(env.contains_key("shared"));
    }
}

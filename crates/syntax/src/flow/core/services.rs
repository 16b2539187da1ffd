//! Services a class is given: `this.reports.read(name)` / `self.repo.list(...)` where the
//! constructor received the field's object. Typed with a class another file exports (a NestJS
//! controller and its service, `repo: OrderRepository`), the method is that class's; untyped
//! (`def __init__(self, repo): self.repo = repo`), it is the method of the class whose object
//! this file hands the constructor where it builds the class
//! (`app.add_route("/orders", OrdersResource(OrderRepository()))`, Falcon's documented shape).

use super::imported::{innermost_type, is_class_path, is_dotted_name, is_name, written_callee};
use super::value::Value;
use super::{FileFlow, Pass};
use crate::flow::adapter::{CallSite, Expr, Function, text_of};
use std::rc::Rc;
use tree_sitter::Node;

/// How many places that build the class are read: the first that hands the constructor an
/// object of a class decides.
const BUILDS_READ: usize = 8;

impl<'t> FileFlow<'t, '_> {
    /// The canonical name of the method the call `node` (`site`) calls on a field of the
    /// calling method's object that its constructor received, when that field holds an object
    /// of another file's class. Found once per call: the local helpers ask first, to stand
    /// aside, then the imported functions, to follow it.
    pub(super) fn injected_service(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        pass: &Pass<'_>,
    ) -> Option<Rc<str>> {
        let key = node.byte_range();
        if let Some(known) = self.injected_services.borrow().get(&key) {
            return known.clone();
        }
        let found = self.find_injected_service(site, pass).map(Rc::from);
        self.injected_services
            .borrow_mut()
            .insert(key, found.clone());
        found
    }

    fn find_injected_service(&self, site: &CallSite<'_>, pass: &Pass<'_>) -> Option<String> {
        let receiver = site.receiver_text?;
        let field = receiver
            .strip_prefix("this.")
            .or_else(|| receiver.strip_prefix("self."))?;
        let method = site.method.as_deref()?;
        if !is_name(field) {
            return None;
        }
        let class = self.functions[pass.function].class()?;
        let constructor = self.functions.iter().find(|f| {
            matches!(f.name.as_deref(), Some("constructor" | "__init__"))
                && f.class().map(|c| c.id()) == Some(class.id())
        })?;
        // `self._repo = repo` keeps the parameter under a private name.
        let param_name = field.trim_start_matches('_');
        let position = self
            .param_position(constructor, field)
            .or_else(|| self.param_position(constructor, param_name))?;
        let param = &constructor.params[position];
        if let Some(annotation) = param.annotation {
            let written = innermost_type(text_of(annotation, self.text))?;
            return is_dotted_name(written)
                .then(|| self.dotted_type_method(written, method))
                .flatten();
        }
        // Untyped: the object this file builds the class with, when the constructor keeps the
        // parameter as it is (`self.repo = repo`). Python's `self` is no argument.
        let param_text = text_of(param.pattern, self.text);
        if !keeps(text_of(constructor.node, self.text), field, param_text) {
            return None;
        }
        let skipped = usize::from(
            constructor
                .params
                .first()
                .is_some_and(|p| text_of(p.pattern, self.text) == "self"),
        );
        let class_name = text_of(class.child_by_field_name("name")?, self.text);
        let written = self.built_with(class_name, position.checked_sub(skipped)?, param_name)?;
        self.dotted_type_method(written, method)
    }

    /// `card.html` where `card = ProfileCard(...)` of a class another file defines and `html`
    /// is a property (or method) there: the object's taint, clean for the rules whatever that
    /// property returns is clean for (`format_html(...)` escapes, a `match` of constants).
    /// `None` when the object's class is no imported one, or nothing tainted is read.
    #[inline(never)]
    pub(super) fn imported_property(&self, node: Node<'t>, inner: &Value) -> Option<Value> {
        let imports = self.imports?;
        inner.taint.as_ref()?;
        let attribute = self.adapter.path(node, self.text)?;
        let attribute = attribute.rsplit('.').next()?;
        let made = self.text.get(inner.made_by.clone()?)?;
        let method = self.class_path_method(written_callee(made)?, attribute)?;
        let function = imports.function(&method, true, true, false)?;
        Some(
            inner
                .clone()
                .cleared_for(imports.mask_of(&function.clean_whatever)),
        )
    }

    /// The index of `function`'s parameter bound to `name`.
    fn param_position(&self, function: &Function<'t>, name: &str) -> Option<usize> {
        let param = self.param_named(function, name)?;
        function
            .params
            .iter()
            .position(|p| p.pattern.id() == param.pattern.id())
    }

    /// Where this file builds `class` (`Class(Repo())`, `new Class(new Repo())`): the class
    /// whose object it passes at `position` (or as `keyword=`), as written (`Repo`,
    /// `repository.Repo`).
    fn built_with(&self, class: &str, position: usize, keyword: &str) -> Option<&'t str> {
        let root = self.module_root()?;
        let text = self.text;
        let mut read = 0;
        let mut from = 0;
        while let Some(found) = text.get(from..)?.find(class) {
            let start = from + found;
            from = start + class.len();
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                || !text[from..].trim_start().starts_with('(')
            {
                continue;
            }
            read += 1;
            if read > BUILDS_READ {
                return None;
            }
            let Some(call) = root
                .descendant_for_byte_range(start, from)
                .and_then(enclosing_call)
            else {
                continue;
            };
            let Expr::Call { callee, args, .. } = self.adapter.expr(call, text) else {
                continue;
            };
            if text_of(callee, text) != class {
                continue;
            }
            let arg = args
                .iter()
                .find(|a| a.keyword.is_some_and(|k| text_of(k, text) == keyword));
            let arg = match arg {
                Some(arg) => arg,
                None if args
                    .iter()
                    .take(position + 1)
                    .all(|a| a.keyword.is_none() && !a.spread) =>
                {
                    match args.get(position) {
                        Some(arg) => arg,
                        None => continue,
                    }
                }
                None => continue,
            };
            if let Expr::Call { callee, .. } = self.adapter.expr(arg.value, text) {
                let written = text_of(callee, text).trim();
                let written = written
                    .strip_prefix("new ")
                    .map_or(written, str::trim_start);
                if is_class_path(written) {
                    return Some(written);
                }
            }
        }
        None
    }
}

/// Whether a constructor's text assigns its parameter `param` to the field `field` as it is
/// (`self.repo = repo`, `this.mailer = mailer;`).
fn keeps(constructor: &str, field: &str, param: &str) -> bool {
    let mut from = 0;
    while let Some(found) = constructor.get(from..).and_then(|t| t.find(field)) {
        let start = from + found;
        from = start + field.len();
        if !constructor[..start].ends_with('.') {
            continue;
        }
        let Some(rest) = constructor[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        if let Some(after) = rest.trim_start().strip_prefix(param)
            && !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$')
        {
            return true;
        }
    }
    false
}

/// The call a class's name is the callee of (`Class(...)`, `new Class(...)`).
fn enclosing_call(name: Node<'_>) -> Option<Node<'_>> {
    let parent = name.parent()?;
    matches!(parent.kind(), "call" | "call_expression" | "new_expression").then_some(parent)
}

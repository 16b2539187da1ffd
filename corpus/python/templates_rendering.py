from flask import Flask, render_template, render_template_string, request
from jinja2 import Environment, FileSystemLoader, PackageLoader, Template, select_autoescape
import jinja2
from markupsafe import Markup, escape
from django.utils.html import format_html
from django.utils.safestring import mark_safe

app = Flask(__name__)

# ruleid: python.jinja2-autoescape-off
env = Environment(loader=FileSystemLoader("templates"))

# ok: python.jinja2-autoescape-off
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))

# ruleid: python.jinja2-autoescape-off
email_env = jinja2.Environment(loader=PackageLoader("myapp", "emails"), autoescape=False)

# ruleid: python.jinja2-autoescape-off
bare_env = jinja2.Environment()

# ok: python.jinja2-autoescape-off
html_env = jinja2.Environment(autoescape=True)


def configure(flask_app):
    # ruleid: python.jinja2-autoescape-off
    flask_app.jinja_env.autoescape = False


def configure_strict(flask_app):
    # ok: python.jinja2-autoescape-off
    flask_app.jinja_env.autoescape = True


def build_env(settings):
    # Some other library's Environment class, no jinja loader involved.
    # ok: python.jinja2-autoescape-off
    return settings.Environment(name="staging")


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    # ruleid: python.template-injection
    return render_template_string(f"<h1>Hello {name}!</h1>")


@app.route("/hello/safe")
def hello_safe():
    name = request.args.get("name", "world")
    # ok: python.template-injection
    return render_template_string("<h1>Hello {{ name }}!</h1>", name=name)


@app.route("/preview", methods=["POST"])
def preview():
    # ruleid: python.template-injection
    return render_template_string(request.form["template"])


@app.route("/greeting")
def greeting():
    title = request.args.get("title", "")
    # ruleid: python.template-injection
    tmpl = env.from_string("<h2>" + title + "</h2>{{ body }}")
    return tmpl.render(body="...")


@app.route("/page")
def page():
    # ok: python.template-injection
    return render_template("page.html", title=request.args.get("title"))


def render_banner(message):
    # ruleid: python.template-injection
    return Template("<div class='banner'>%s</div>" % message).render()


def render_banner_safe(message):
    # ok: python.template-injection
    return Template("<div class='banner'>{{ message }}</div>").render(message=message)


def render_report(rows):
    # ok: python.template-injection
    return jinja2.Template("{% for r in rows %}{{ r }}{% endfor %}").render(rows=rows)


def user_link(user):
    # ruleid: python.markup-unescaped-format
    return Markup(f'<a href="/u/{user.id}">{user.display_name}</a>')


def user_link_safe(user):
    # ok: python.markup-unescaped-format
    return Markup('<a href="/u/{}">{}</a>').format(user.id, user.display_name)


def bold(text):
    # ruleid: python.markup-unescaped-format
    return Markup("<b>%s</b>" % text)


def bold_safe(text):
    # ok: python.markup-unescaped-format
    return Markup("<b>%s</b>") % text


def comment_html(comment):
    # ruleid: python.markup-unescaped-format
    return mark_safe("<p class='comment'>{}</p>".format(comment.body))


def comment_html_safe(comment):
    # ok: python.markup-unescaped-format
    return format_html("<p class='comment'>{}</p>", comment.body)


def icon():
    # ok: python.markup-unescaped-format
    return mark_safe('<svg class="icon"><use href="#star"></use></svg>')


def escaped(text):
    # ok: python.markup-unescaped-format
    return Markup("<i>") + escape(text) + Markup("</i>")


def parse_tag(Tag, value):
    # A from_string() classmethod on a non-template class.
    # ok: python.template-injection
    return Tag.from_string(value + b"\n")


def render_snippet(snippet_body):
    # ruleid: python.template-injection
    return jinja2.Environment(autoescape=True).from_string("{% block body %}" + snippet_body + "{% endblock %}").render()


def badge(request):
    from django.http import HttpResponse
    from django.utils.html import format_html

    label = request.GET.get("label", "new")
    # ruleid: python.markup-unescaped-format
    raw = format_html("<span class='badge'>" + label + "</span>")
    # ruleid: python.markup-unescaped-format
    inline = format_html(f"<span class='badge'>{label}</span>")
    # ok: python.markup-unescaped-format
    escaped = format_html("<span class='badge'>{}</span>", label)
    return HttpResponse(raw + inline + escaped)

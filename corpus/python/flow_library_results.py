# What reaches the result of a library call: the rules say which arguments do, from the
# library's documented API (rules/python/taint-results.toml).
import hashlib
import hmac
import os
import shlex
import uuid
from importlib import import_module

import docutils.core
from django.urls import get_mod_func, get_resolver, get_urlconf
from django.utils.safestring import mark_safe
from flask import Flask, request

app = Flask(__name__)

HELP_TEXT = """
Usage
=====

Pick a report and press *Run*.
"""


@app.route("/help/<topic>")
def help_page(topic):
    # `source_path` names the text in docutils' diagnostics; only the text is rendered.
    parts = docutils.core.publish_parts(HELP_TEXT, source_path=topic, writer_name="html")
    # ok: python.xss
    return mark_safe(parts["fragment"])


@app.route("/preview")
def preview():
    text = request.args["text"]
    parts = docutils.core.publish_parts(text, source_path="<preview>", writer_name="html")
    # ruleid: python.xss
    return mark_safe(parts["fragment"])


@app.route("/preview-string")
def preview_string():
    label = request.args["label"]
    # The label passed by position: the second parameter of publish_string is `source_path`.
    html = docutils.core.publish_string(HELP_TEXT, f"<{label}>", writer_name="html")
    # ok: python.xss
    return mark_safe(html.decode())


@app.route("/preview-named")
def preview_named():
    label = request.args["label"]
    html = docutils.core.publish_string(source=label, writer_name="html")
    # ruleid: python.xss
    return mark_safe(html.decode())


@app.route("/badge")
def badge():
    name = request.args["name"]
    # Hex digits, whatever was hashed.
    digest = hashlib.sha256(name.encode()).hexdigest()
    # ok: python.markup-unescaped-format, python.xss
    return mark_safe(f'<span class="badge" data-id="{digest}">')


@app.route("/badge-raw")
def badge_raw():
    name = request.args["name"]
    digest = hashlib.sha256(name.encode())
    # ruleid: python.markup-unescaped-format
    return mark_safe(f'<span class="badge" data-id="{digest}">{name}</span>')


@app.route("/signed")
def signed():
    payload = request.args["payload"]
    tag = hmac.new(b"k", payload.encode(), "sha256").hexdigest()
    # ok: python.markup-unescaped-format, python.xss
    return mark_safe(f"<code>{tag}</code>")


@app.route("/anchor")
def anchor():
    title = request.args["title"]
    # A name-based UUID is hex digits and dashes.
    ref = uuid.uuid5(uuid.NAMESPACE_URL, title)
    # ok: python.markup-unescaped-format, python.xss
    return mark_safe(f'<a id="{ref}"></a>')


@app.route("/anchor-title")
def anchor_title():
    title = request.args["title"]
    ref = uuid.uuid5(uuid.NAMESPACE_URL, title)
    # ruleid: python.markup-unescaped-format
    return mark_safe(f'<a id="{ref}">{title}</a>')


class Reports:
    # A static method has no `self`: the caller's first argument is its first parameter.
    @staticmethod
    def _archive(name):
        # ruleid: python.os-system
        os.system("tar czf /tmp/reports.tgz " + name)

    @staticmethod
    def _quoted(name):
        return shlex.quote(name)

    def archive(self):
        self._archive(request.args["name"])

    def archive_quoted(self):
        name = self._quoted(request.args["name"])
        # ok: python.os-system
        os.system("tar czf /tmp/reports.tgz " + name)

    def archive_named(self):
        name = self._archive_name(request.args["name"])
        # ruleid: python.os-system
        os.system("tar czf /tmp/reports.tgz " + name)

    def _archive_name(self, name):
        return name + ".txt"


@app.route("/view-doc")
def view_doc():
    # The name is checked against the views the URLconf routes to before it is imported.
    view = request.args["view"]
    if get_resolver(get_urlconf())._is_callback(view):
        mod, func = get_mod_func(view)
        # ok: python.import-untrusted-module
        return getattr(import_module(mod), func).__doc__
    return ""


@app.route("/any-doc")
def any_doc():
    mod = request.args["module"]
    # ruleid: python.import-untrusted-module
    return import_module(mod).__doc__

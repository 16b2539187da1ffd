"""HTML built by hand in views, some of it from request data or a model's answer."""
import html

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape
from openai import OpenAI

api = FastAPI()
client = OpenAI()
FOOTER = "<footer>Example Inc.</footer>"


def card(title):
    # The shape rule reports this line; flow adds where `title` came from (show_card below).
    # ruleid: python.markup-unescaped-format
    return Markup("<div class='card'>" + title + "</div>")


def card_escaped(title):
    # ok: python.xss, python.markup-unescaped-format
    return Markup("<div class='card'>" + escape(title) + "</div>")


@api.get("/hello")
async def hello(name: str):
    # ruleid: python.xss
    return HTMLResponse(f"<h1>Hello {name}</h1>")


@api.get("/hello-escaped")
async def hello_escaped(name: str):
    # ok: python.xss
    return HTMLResponse(f"<h1>Hello {html.escape(name)}</h1>")


@api.get("/count")
async def count(n: int):
    # ok: python.xss
    return HTMLResponse(f"<p>{n} items</p>" + FOOTER)


@api.get("/profile")
async def profile(bio: str):
    text = bio.strip()
    paragraph = "<p>" + text + "</p>"
    page = paragraph + FOOTER
    # ruleid: python.xss
    return HTMLResponse(content=page)


@api.get("/card")
async def show_card(title: str):
    return card(title)


@api.get("/card-escaped")
async def show_card_escaped(title: str):
    return card_escaped(title)


@api.get("/summary")
async def summary(topic: str):
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"Summarise {topic}"}]
    )
    answer = completion.choices[0].message.content
    # ruleid: python.xss
    return HTMLResponse(f"<article>{answer}</article>")


@api.get("/summary-escaped")
async def summary_escaped(topic: str):
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"Summarise {topic}"}]
    )
    answer = completion.choices[0].message.content
    # ok: python.xss
    return HTMLResponse(f"<article>{escape(answer)}</article>")


def banner():
    # ok: python.xss
    return Markup("<b>" + "maintenance tonight" + "</b>")


def django_greeting(request):
    from django.utils.safestring import mark_safe

    name = request.GET.get("name", "")
    # ruleid: python.markup-unescaped-format
    return mark_safe("<span>" + name + "</span>")


def django_greeting_escaped(request):
    from django.utils.safestring import mark_safe

    name = html.escape(request.GET.get("name", ""))
    # ok: python.xss, python.markup-unescaped-format
    return mark_safe("<span>" + name + "</span>")


def page(body):
    # ruleid: python.xss
    return HTMLResponse("<main>" + body + "</main>")


@api.get("/notes")
async def notes(text: str):
    return page(text)


@api.get("/notes-count")
async def notes_count(count: int):
    return page(str(count))


# A translation of a literal message ships with the program, like the literal itself.
def select_all_checkbox():
    label = _("Select all objects on this page for an action")
    # ok: python.markup-unescaped-format
    return mark_safe(f'<input type="checkbox" id="action-toggle" aria-label="{label}">')


def labelled_checkbox(label_text):
    label = _(label_text)
    # ruleid: python.markup-unescaped-format
    return mark_safe(f'<input type="checkbox" aria-label="{label}">')


# Builders that escape what they are given, then marked safe as a whole.
from django.forms.utils import flatatt
from django.utils.html import format_html


def image_tag(attrs):
    # ok: python.markup-unescaped-format
    return mark_safe("<img%s>" % flatatt(attrs))


def crumb(title):
    # ok: python.markup-unescaped-format
    return mark_safe("<li>%s</li>" % format_html("<a>{}</a>", title))


def crumb_raw(title):
    # ruleid: python.markup-unescaped-format
    return mark_safe("<li><a>%s</a></li>" % title)


# `format_html` escapes its arguments, not its format string: one built beforehand is not escaped.
def colour_tag(obj):
    markup = f'<span style="color:{obj.colour}">{obj.label}</span>'
    # ruleid: python.markup-unescaped-format
    return format_html(markup)


def colour_tag_escaped(obj):
    template = '<span style="color:{}">{}</span>'
    # ok: python.markup-unescaped-format
    return format_html(template, obj.colour, obj.label)

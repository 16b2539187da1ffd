"""A jinja2 environment with autoescaping renders request values escaped, also when the loaded
template is held in a name first; a template made from the request's text does not escape it."""
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

app = FastAPI()
env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html"]))


@app.get("/welcome", response_class=HTMLResponse)
def welcome(name: str = "guest"):
    page = env.get_template("welcome.html")
    # ok: python.xss
    return page.render(name=name)


@app.get("/card", response_class=HTMLResponse)
def card(title: str):
    # ruleid: python.xss
    return HTMLResponse("<div class='card'><h2>" + title + "</h2></div>")

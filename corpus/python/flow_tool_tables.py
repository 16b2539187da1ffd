"""An agent's tools picked from a dict of the file's functions by the name the model chose
(`HANDLERS[call.function.name](**args)`): each function the dict holds gets the model's
arguments."""
import json
import os
import sqlite3

from openai import OpenAI

client = OpenAI()
ROOT = "/srv/notes"


def read_note(path: str) -> str:
    # ruleid: python.path-traversal
    with open(os.path.join(ROOT, path)) as handle:
        return handle.read()


def list_notes() -> str:
    # ok: python.path-traversal
    return "\n".join(os.listdir(os.path.join(ROOT, "shared")))


def find_orders(email: str) -> str:
    db = sqlite3.connect("shop.db")
    # ruleid: python.sql-string-formatting
    rows = db.execute(f"SELECT id FROM orders WHERE email = '{email}'").fetchall()
    return json.dumps(rows)


def count_orders(email: str) -> str:
    db = sqlite3.connect("shop.db")
    # ok: python.sql-string-formatting
    rows = db.execute("SELECT count(*) FROM orders WHERE email = ?", (email,)).fetchall()
    return json.dumps(rows)


HANDLERS = {"read_note": read_note, "list_notes": list_notes}
ORDER_TOOLS = {"find_orders": find_orders, "count_orders": count_orders}


def run_tools(messages):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    for call in reply.choices[0].message.tool_calls or []:
        args = json.loads(call.function.arguments or "{}")
        handler = HANDLERS[call.function.name]
        messages.append({"role": "tool", "tool_call_id": call.id, "content": handler(**args)})
        tool = ORDER_TOOLS.get(call.function.name)
        if tool:
            messages.append({"role": "tool", "tool_call_id": call.id, "content": tool(**args)})

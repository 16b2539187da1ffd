"""A model's answer fetched with a plain HTTP client from a model provider's API is model
output; the same call to another service's API is that service's data."""
import os

import requests

def fetch_suggested(ticket):
    resp = requests.post(
        "https://api.openai.com/v1/chat/completions",
        headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
        json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": ticket}]},
        timeout=30,
    )
    answer = resp.json()["choices"][0]["message"]["content"]
    # ruleid: python.ssrf
    return requests.get(answer.strip(), timeout=5).text


def fetch_status_link():
    resp = requests.get("https://status.example.com/api/summary", timeout=5)
    answer = resp.json()["summary"]
    # ok: python.ssrf
    return requests.get(answer.strip(), timeout=5).text


def fetch_cited(ticket):
    answer = requests.post(
        "https://api.anthropic.com/v1/messages", json={"prompt": ticket}, timeout=30
    ).json()["content"][0]["text"]
    # ruleid: python.ssrf
    return requests.get(answer, timeout=5).text


def fetch_status_title():
    answer = requests.get("https://status.example.com/api/title", timeout=5).json()["title"]
    # ok: python.ssrf
    return requests.get(answer, timeout=5).text

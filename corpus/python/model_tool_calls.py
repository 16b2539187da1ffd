"""Tool calls read off a chat completion's JSON and acted on."""
import json
import subprocess

import requests


def run_tool_calls(message: dict) -> list:
    results = []
    for call in message.get("tool_calls", []):
        args = json.loads(call["function"]["arguments"])
        if call["function"]["name"] == "fetch_page":
            # ruleid: python.ssrf
            results.append(requests.get(args["url"], timeout=10).text)
        elif call["function"]["name"] == "list_dir":
            # ruleid: python.subprocess-shell
            results.append(subprocess.run(f"ls {args['path']}", shell=True, capture_output=True).stdout)
    return results


def run_fixed(message: dict) -> list:
    results = []
    for call in message.get("steps", []):
        # ok: python.ssrf
        results.append(requests.get("https://status.example.com/health", timeout=10).text)
    return results

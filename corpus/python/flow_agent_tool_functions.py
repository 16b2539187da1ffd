"""Functions an agent framework offers the model as tools: the model picks their arguments from
whatever it read, so they are untrusted like a request's (LangChain's `@tool`, the OpenAI
Agents SDK's `@function_tool`, an MCP server's `@mcp.tool()`). A number stays a number, and a
run context is the program's."""
import subprocess
from pathlib import Path

import requests
from agents import RunContextWrapper, function_tool
from langchain_core.tools import tool
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
ROOT = Path("/srv/workspace")


@tool
def fetch_page(url: str) -> str:
    """Download a web page."""
    # ruleid: python.ssrf
    return requests.get(url, timeout=10).text


@tool("status")
def status(code: int) -> str:
    """Look up an HTTP status page."""
    # ok: python.ssrf
    return requests.get(f"https://httpstatuses.example.com/{code}", timeout=10).text


@function_tool
def grep_logs(ctx: RunContextWrapper, pattern: str) -> str:
    """Search the service logs."""
    # ruleid: python.subprocess-shell
    return subprocess.run(f"grep -r {pattern} /var/log/app", shell=True, capture_output=True, text=True).stdout


@function_tool
def disk_usage(ctx: RunContextWrapper) -> str:
    """Report disk usage."""
    # ok: python.subprocess-shell
    return subprocess.run("df -h /srv", shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def read_note(name: str) -> str:
    """Read a note from the workspace."""
    # ruleid: python.path-traversal
    return (ROOT / name).read_text()


@mcp.tool()
def read_readme() -> str:
    """Read the workspace's README."""
    # ok: python.path-traversal
    return (ROOT / "README.md").read_text()

import os
import re

import anthropic
import google.generativeai as genai
from huggingface_hub import hf_hub_download, login
from openai import OpenAI
from transformers import AutoModelForCausalLM

# --- OpenAI -----------------------------------------------------------------

# ruleid: any.openai-api-key
client = OpenAI(api_key="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")

# ok: any.openai-api-key
default_client = OpenAI()  # reads OPENAI_API_KEY

# ok: any.openai-api-key, any.generic-secret-assignment
OPENAI_API_KEY = "sk-proj-your-api-key-here"


def legacy_client():
    # ruleid: any.openai-api-key
    return OpenAI(api_key="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")


def batch_client():
    # ruleid: any.openai-api-key
    key = "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"
    return OpenAI(api_key=key)


def shortened_project_key():
    # A project key cut short (or made up for a demo) still reads as one.
    # ruleid: any.openai-api-key
    return OpenAI(api_key="sk-proj-9fQ2mX7vR4tL1bK8nW3zY6hJ0cD5sA2eG7uP9iO4rT1yE8wH")


def placeholder_project_key():
    # ok: any.openai-api-key
    return OpenAI(api_key="sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")


def deepseek_client():
    # DeepSeek keys are also "sk-" + 32 hex; not an OpenAI key, but still a secret.
    # ok: any.openai-api-key
    # ruleid: any.generic-secret-assignment
    return OpenAI(base_url="https://api.deepseek.com", api_key="sk-a7841cba6dcd9ed85c937eaff7584591")


# --- Anthropic --------------------------------------------------------------

# ruleid: any.anthropic-api-key
claude = anthropic.Anthropic(api_key="sk-ant-api03-05b7Okj9l0bsS45JbueX-bEaSmaUyp6haHpmE6TCE5xC-FcuSfVZshdEIofCyOrCrt_tTASsRdWTR8CqaLW1xjNmDiqjyAA")

# ok: any.anthropic-api-key
claude_from_env = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

# Shown in the console after creation; only a hint, not the key.
# ok: any.anthropic-api-key
KEY_HINT = "sk-ant-api03-R2D...igAA"


# ok: any.anthropic-api-key
CLAUDE_KEY_PATTERN = re.compile(r"^sk-ant-api03-[A-Za-z0-9_-]{93}AA$")


def admin_headers():
    # ruleid: any.anthropic-api-key
    return {"x-api-key": "sk-ant-admin01-_xwR9d9IOvGLi_WxD-HGa4kxw5G7kb6Z8GPs_bM2bkGwZIVLDsYwwPTi7Ulu9eazcnoynKiCwb5XisxHIDaEhvWJsLI5WAA", "anthropic-version": "2023-06-01"}


def summarize(text: str) -> str:
    msg = claude_from_env.messages.create(
        model="claude-3-5-sonnet-latest",
        max_tokens=512,
        messages=[{"role": "user", "content": f"Summarize:\n{text}"}],
    )
    return msg.content[0].text


# --- Hugging Face -----------------------------------------------------------

# ruleid: any.huggingface-token
login(token="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")

# ok: any.huggingface-token
weights = hf_hub_download(repo_id="acme/sentiment-small", filename="model.safetensors")

# ok: any.huggingface-token
hf_token = os.environ.get("HF_TOKEN")


def load_private_model():
    return AutoModelForCausalLM.from_pretrained(
        "acme/internal-llm",
        # ruleid: any.huggingface-token
        token="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",
    )


# ok: any.huggingface-token
README_SNIPPET = "huggingface-cli login --token hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

# --- Google Gemini ----------------------------------------------------------

# ruleid: any.google-api-key
genai.configure(api_key="AIzaSyNN-lxCyZhxRHAIScklbrGWeru-FDk2cf4")

# ok: any.google-api-key
genai.configure(api_key=os.environ["GEMINI_API_KEY"])

# ok: any.google-api-key, any.generic-secret-assignment
GEMINI_API_KEY = "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"


def gemini_model(name="gemini-1.5-flash"):
    return genai.GenerativeModel(name)

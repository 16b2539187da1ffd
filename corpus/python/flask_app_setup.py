import asyncio
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS, cross_origin
from starlette.middleware import Middleware

app = Flask(__name__)
# ruleid: python.flask-debug
app.config["DEBUG"] = True
# ok: python.flask-debug
app.config["TESTING"] = True

# ruleid: python.cors-wildcard-credentials
CORS(app, supports_credentials=True)


@app.route("/api/profile")
# ruleid: python.cors-wildcard-credentials
@cross_origin(origins="*", supports_credentials=True)
def profile():
    return {"name": "demo"}


@app.route("/api/public")
# ok: python.cors-wildcard-credentials
@cross_origin(origins="*")
def public_data():
    return {"ok": True}


def create_admin_app():
    admin = Flask("admin")
    # ok: python.cors-wildcard-credentials
    CORS(admin, origins=["https://admin.example.com"], supports_credentials=True)
    # ruleid: python.cors-wildcard-credentials
    CORS(admin, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)
    # ok: python.flask-debug
    admin.debug = False
    return admin


api = FastAPI()
# ruleid: python.cors-wildcard-credentials
api.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

# ok: python.cors-wildcard-credentials
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])

# ok: python.cors-wildcard-credentials
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)

# ruleid: python.cors-wildcard-credentials
api.add_middleware(  # the browser app and the partner widgets
    CORSMiddleware,
    allow_origin_regex=".*",
    allow_credentials=True,
)

middleware = [
    # ruleid: python.cors-wildcard-credentials
    Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True),
]


async def main():
    await asyncio.sleep(0)


def run_loop():
    # asyncio's debug mode is unrelated to the Werkzeug debugger.
    # ok: python.flask-debug
    asyncio.run(main(), debug=True)


def serve_api():
    import uvicorn
    # ok: python.flask-debug
    uvicorn.run("service:api", reload=True, debug=True)


def enable_debug(application):
    # ruleid: python.flask-debug
    application.config.update(DEBUG=True, SECRET_KEY=os.environ["SECRET_KEY"])


if os.environ.get("LOCAL_DEV"):
    # ruleid: python.flask-debug
    app.debug = True

if __name__ == "__main__":
    if os.environ.get("IN_DOCKER"):
        # ruleid: python.flask-debug-exposed
        app.run(host="0.0.0.0", port=5000, debug=True)
    elif os.environ.get("PUBLIC"):
        # ok: python.flask-debug-exposed, python.flask-debug
        app.run(host="0.0.0.0", port=8080)
    elif os.environ.get("LAN"):
        # ruleid: python.flask-debug-exposed
        app.run("0.0.0.0", debug=True, host="::")
    else:
        # ok: python.flask-debug-exposed
        # ruleid: python.flask-debug
        app.run(debug=True)

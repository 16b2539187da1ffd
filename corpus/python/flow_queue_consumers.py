"""Queue consumers: a route or another service put the message there, often straight from a
request, so what the worker reads is as untrusted as the request. Services reach their clients
through fields typed with the file's own classes."""
import asyncio
import json
import os
import subprocess

import boto3
import pika
import requests
from aio_pika.abc import AbstractIncomingMessage
from flask import Flask, request

app = Flask(__name__)
events: asyncio.Queue = asyncio.Queue()


class Downloader:
    def fetch(self, url):
        # ruleid: python.ssrf
        return requests.get(url, timeout=10).content

    def fetch_known(self, name):
        # ok: python.ssrf
        return requests.get("https://assets.example.com/logo.png", timeout=10).content


class AssetService:
    def __init__(self, downloader: Downloader):
        self.downloader = downloader

    def logo(self, event):
        return self.downloader.fetch(event["logo_url"])


def on_thumbnail(channel, method, properties, body):
    job = json.loads(body)
    # ruleid: python.subprocess-shell
    subprocess.run(f"convert {job['source']} -resize 64x64 /tmp/thumb.png", shell=True)
    channel.basic_ack(delivery_tag=method.delivery_tag)


def on_fixed_report(channel, method, properties, body):
    # ok: python.subprocess-shell
    subprocess.run("make -C /srv/reports nightly", shell=True)
    channel.basic_ack(delivery_tag=method.delivery_tag)


async def on_invoice(message: AbstractIncomingMessage) -> None:
    async with message.process():
        invoice = json.loads(message.body)
        path = os.path.join("/srv/invoices", invoice["file"])
        # ruleid: python.path-traversal
        with open(path, "rb") as handle:
            handle.read()


def poll_sqs(service: AssetService):
    sqs = boto3.client("sqs")
    out = sqs.receive_message(QueueUrl=os.environ["QUEUE_URL"], MaxNumberOfMessages=5)
    for message in out.get("Messages", []):
        service.logo(json.loads(message["Body"]))


@app.post("/hooks")
async def hook():
    await events.put(request.get_json())
    return {"queued": True}


async def consume(service: AssetService):
    while True:
        event = await events.get()
        service.logo(event)
        # ruleid: python.ssrf
        requests.post(event["callback"], json={"done": True}, timeout=10)
        events.task_done()


def main():
    connection = pika.BlockingConnection(pika.ConnectionParameters("rabbitmq"))
    channel = connection.channel()
    channel.basic_consume(queue="thumbnails", on_message_callback=on_thumbnail)
    channel.basic_consume(queue="reports", on_message_callback=on_fixed_report)
    channel.start_consuming()

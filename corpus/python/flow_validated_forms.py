"""Submitted fields read after validation (a Django form's `cleaned_data`, a DRF serializer's
`validated_data`), aiohttp's raw query string and Falcon's body stream."""
import json

import requests
from aiohttp import web
from django import forms
from django.http import HttpResponseRedirect
from django.views.generic import FormView
from rest_framework import serializers
from rest_framework.views import APIView
from rest_framework.response import Response


class FeedForm(forms.Form):
    feed_url = forms.URLField()
    limit = forms.IntegerField()


class FeedImportView(FormView):
    form_class = FeedForm
    template_name = "feeds/import.html"

    def form_valid(self, form):
        url = form.cleaned_data["feed_url"]
        # ruleid: python.ssrf
        requests.get(url, timeout=10)
        return HttpResponseRedirect("/feeds/")


class PinnedFeedView(FormView):
    form_class = FeedForm
    template_name = "feeds/import.html"

    def form_valid(self, form):
        limit = form.cleaned_data["limit"]
        # ok: python.ssrf
        requests.get("https://feeds.example.com/top", params={"n": limit}, timeout=10)
        return HttpResponseRedirect("/feeds/")


class WebhookSerializer(serializers.Serializer):
    target = serializers.CharField()


class WebhookTest(APIView):
    def post(self, request):
        serializer = WebhookSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = serializer.validated_data["target"]
        # ruleid: python.ssrf
        requests.post(target, json={"ping": True}, timeout=5)
        return Response({"sent": True})


async def not_found(request):
    asked = request.query_string
    # ruleid: python.xss
    return web.Response(text="<p>No page for %s</p>" % asked, content_type="text/html")


async def not_found_plain(request):
    asked = request.rel_url.path_qs
    # ok: python.xss
    return web.Response(text="No page for %s" % asked, content_type="text/plain")


class Preview:
    def on_post(self, req, resp):
        body = json.load(req.bounded_stream)
        # ruleid: python.ssrf
        resp.media = requests.get(body["url"], timeout=5).json()

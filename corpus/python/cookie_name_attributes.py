"""A remember-me cookie whose name is a class attribute, sent to every site (`samesite="None"`):
the name is read where the class sets it."""
import secrets

from django.http import JsonResponse


class RememberMeMixin:
    cookie_name = "remember_token"
    theme_cookie = "ui_theme"

    def attach_remember_cookie(self, response):
        token = secrets.token_urlsafe(48)
        # ruleid: python.cookie-samesite-none
        response.set_cookie(self.cookie_name, token, max_age=3600, samesite="None")
        return response

    def attach_theme_cookie(self, response, theme):
        # ok: python.cookie-samesite-none
        response.set_cookie(self.theme_cookie, theme, max_age=3600, samesite="None")
        return response


def login(request):
    response = JsonResponse({"ok": True})
    return RememberMeMixin().attach_remember_cookie(response)

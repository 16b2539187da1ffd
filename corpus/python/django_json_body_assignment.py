"""Django views copying a JSON body parsed from request.body onto a model."""
import json

from django.http import JsonResponse

from .models import Profile

EDITABLE = {"display_name", "bio"}


def update_profile(request):
    changes = json.loads(request.body)
    profile = Profile.objects.get(user=request.user)
    for field, value in changes.items():
        # ruleid: python.mass-assignment
        setattr(profile, field, value)
    profile.save()
    return JsonResponse({"ok": True})


def update_profile_checked(request):
    changes = json.loads(request.body)
    profile = Profile.objects.get(user=request.user)
    for field, value in changes.items():
        if field in EDITABLE:
            # ok: python.mass-assignment
            setattr(profile, field, value)
    profile.save()
    return JsonResponse({"ok": True})


def create_profile(request):
    # ruleid: python.mass-assignment
    profile = Profile(**json.loads(request.body))
    profile.save()
    return JsonResponse({"id": profile.id})

import os

MEDIA = "/srv/media"


def under_media(name):
    return os.path.join(MEDIA, name)

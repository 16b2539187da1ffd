"""A small CLI; its DEBUG flag is not a Django setting."""
import argparse
import logging

# ok: python.django-debug-true
DEBUG = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if DEBUG or args.verbose else logging.INFO)


class Settings:
    # ok: python.django-debug-true
    DEBUG = True
    INSTALLED_APPS = []

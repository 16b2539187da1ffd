import requests


def pull_rates(feed):
    return requests.get(feed, timeout=10).json()

import os


def base_path():
    return os.environ.get("RELAY_BASE")

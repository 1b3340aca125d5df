import os

RUNTIME_PREFIX = os.environ.get("BEACON_PREFIX", "")

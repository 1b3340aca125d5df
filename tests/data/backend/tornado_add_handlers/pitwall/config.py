import os

BASE_PATH = os.environ.get("PITWALL_BASE", "")
PORT = int(os.environ.get("PITWALL_PORT", "8890"))

import os

ROOT_PATH = os.environ.get("ROOT_PATH", "")

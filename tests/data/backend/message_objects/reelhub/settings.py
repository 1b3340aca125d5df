"""Run-time settings, filled from the config file at start."""

URL_PREFIX = ""
LISTEN_PORT = 8085

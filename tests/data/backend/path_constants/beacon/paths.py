"""Where the beacon's sockets live (a module of names only)."""

FEED_PATH = "/feed"
STATUS_SEGMENT = "status"
DOCS_URL = "https://example.org/docs"
EVENTS_PREFIX = "/events"
API_ROOT = "/api"

"""ws-migrate: move a real-time front end off per-topic WebSockets onto one unified connection."""

__version__ = "0.1.0"

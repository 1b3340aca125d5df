from fastapi import FastAPI

from botdesk.api import feed

app = FastAPI(title="botdesk")
app.include_router(feed.router, prefix="/api/v2")

from fastapi import FastAPI

from dnsapp.realtime.routes import ws_router
from dnsapp.zones import api as zones_api

app = FastAPI(root_path="/dns")
app.include_router(zones_api.router, prefix="/api")
app.include_router(ws_router)

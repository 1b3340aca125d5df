import logging

from fastapi import FastAPI

from inventory import settings
from inventory.api.v2.root import api as v2_api

logger = logging.getLogger(__name__)

app = FastAPI(title="Inventory")
app.mount(settings.base_path() + "/api/v2", v2_api)


def report(kind, details):
    logger.info("startup", {"kind": kind, "details": details})


report("boot", {"mode": "dev"})

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .service import audit, broadcast_zone_created

router = APIRouter(prefix="/zones")


@router.post("")
async def create_zone(body: dict) -> JSONResponse:
    await broadcast_zone_created(body)
    audit("zone_created", {"name": body.get("name")})
    return JSONResponse({"type": "zone", "name": body.get("name")})

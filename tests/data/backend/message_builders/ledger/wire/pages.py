from pydantic import BaseModel


class PageFrame(BaseModel):
    type: str = "page.v1"
    number: int = 0

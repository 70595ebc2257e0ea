"""Page-number pagination for the API with bounds a database can always answer."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# Past this page any list of ours is empty; the bound keeps offsets inside a 64-bit integer.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 200


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
        page_size: int | None = Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Items per page (default 50, at most {MAX_PAGE_SIZE}).",
        )

    def __init__(self, page_size: int = 50, **kwargs: object) -> None:
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)

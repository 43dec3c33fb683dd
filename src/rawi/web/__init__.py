"""rawi's HTTP API and page: `create_app(db_url)` (FastAPI), served by `rawi serve`."""

from rawi.web.app import create_app

__all__ = ["create_app"]

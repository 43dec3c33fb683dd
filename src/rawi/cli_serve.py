"""`rawi serve`: the HTTP API and page over a ledger, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import os

import click

from rawi.cli_output import DB_HELP

TOKEN_ENV = "RAWI_INGEST_TOKEN"
# A request's head, and then its body, must arrive within this: generous for a person on a
# slow line pasting an article, short enough that stalled connections do not pile up.
READ_TIMEOUT_S = 15.0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_hosts(host: str) -> list[str]:
    """Host header values a browser sends for this server on a loopback address."""
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    if ":" in host and not host.startswith("["):
        names.add(f"[{host}]")
    return sorted(names)


def register(main: click.Group) -> None:
    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="Address to listen on. Anything but loopback exposes the ledger to the network.",
    )
    @click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
    @click.option(
        "--token-env",
        default=TOKEN_ENV,
        show_default=True,
        metavar="VAR",
        help="Environment variable holding the ingest token; POST /api/ingest is off when it is unset. "
        "(The token itself is never an argument: arguments show in `ps`.)",
    )
    @click.option(
        "--max-chars",
        type=click.IntRange(1),
        default=200_000,
        show_default=True,
        help="The largest text /api/extract accepts.",
    )
    @click.option(
        "--read-timeout",
        type=click.FloatRange(0.1, 3600),
        default=READ_TIMEOUT_S,
        show_default=True,
        metavar="SECONDS",
        help="Time a client has to send a request's headers, and again its body; "
        "a slower or stalled client is disconnected.",
    )
    def serve(db: str | None, host: str, port: int, token_env: str, max_chars: int, read_timeout: float) -> None:
        """Serve the API (/api/…, schema at /openapi.json) and the page (/) over the ledger."""
        from rawi.web import create_app
        from rawi.web.server import run

        token = os.environ.get(token_env) or None
        allowed = loopback_hosts(host) if is_loopback(host) else None
        if not is_loopback(host):
            click.echo(f"warning: listening on {host}: anyone who can reach it can read the ledger", err=True)
        app = create_app(db, ingest_token=token, max_chars=max_chars, allowed_hosts=allowed, body_timeout=read_timeout)
        click.echo(
            f"rawi: http://{host if ':' not in host else f'[{host}]'}:{port}/ (ingest {'on' if token else 'off'})",
            err=True,
        )
        run(app, host, port, read_timeout)

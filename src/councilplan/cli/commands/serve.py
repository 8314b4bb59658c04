"""Serve the councilplan website."""

import argparse

NAME = "serve"
HELP = "serve the website (on 127.0.0.1:8000 unless told otherwise)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_server_arguments(parser)


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--workers", type=int, default=2, help="server processes (gunicorn)")


def run(args: argparse.Namespace) -> int:
    import os

    from councilplan.cli.django_setup import django_ready

    # Links in e-mails sent by this server point at it, unless the site's address is set.
    os.environ.setdefault("COUNCILPLAN_SITE_URL", f"http://{args.host}:{args.port}")
    django_ready()
    print(
        f"councilplan is serving on http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True
    )
    return server_run(host=args.host, port=args.port, workers=args.workers)


def server_run(*, host: str, port: int, workers: int) -> int:
    """Run gunicorn in this process until interrupted."""
    from gunicorn.app.wsgiapp import WSGIApplication

    class _Server(WSGIApplication):
        def __init__(self) -> None:
            self.usage, self.prog, self.callable = None, None, None
            super().__init__()

        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", None)
            self.app_uri = "councilplan.config.wsgi:application"

        def init(self, parser: object, opts: object, args: object) -> None:
            return None

    _Server().run()
    return 0

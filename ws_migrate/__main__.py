"""`ws-migrate` and `python -m ws_migrate`.

A `scan` whose answer cannot have changed is replayed (`ws_migrate._replay`) before the command
line, and everything behind it, is even imported."""

import sys


def main() -> None:
    from ws_migrate._replay import replay

    if not replay(sys.argv[1:]):
        from ws_migrate.cli import main as cli

        cli()


if __name__ == "__main__":
    main()

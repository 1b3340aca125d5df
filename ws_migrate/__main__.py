"""`ws-migrate` and `python -m ws_migrate`.

A plain `scan --format json` (what scripts and CI run, and what the speed goal is measured on)
goes around the command-line parser: replayed (`ws_migrate._replay`) when its answer cannot have
changed, before anything else is imported, else run by `ws_migrate._run.scan_json` without
typer's start-up (it ends the process itself). Its parser (`_replay.parse`) takes only the
options of `scan` that change the answer, and is checked against typer's `scan` by the tests.
Everything else, and any command line that parser does not take, goes to typer (`ws_migrate.cli`).
"""

import sys


def main() -> None:
    from ws_migrate._replay import parse, replay_invocation

    argv = sys.argv[1:]
    plain = parse(argv)
    if plain is not None:
        if replay_invocation(plain):
            return
        from ws_migrate._run import scan_json

        scan_json(plain)  # ends the process
    from ws_migrate.cli import main as cli

    cli()


if __name__ == "__main__":
    main()

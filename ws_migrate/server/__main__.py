"""`python -m ws_migrate.server serve|publish|validate`: the server commands on their own."""

from ._cli import main

main()

from ws_migrate.cli import main

main()

"""``python -m annotator`` runs the command line (no subcommand: the desktop app)."""

from annotator.cli import main

if __name__ == "__main__":
    main()

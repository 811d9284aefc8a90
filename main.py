"""Start Fieldbook from a source checkout: `python main.py [command ...]`."""

from desktop_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

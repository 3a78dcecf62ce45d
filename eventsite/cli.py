"""The `eventsite` command: Django's management commands for an installed site.

It uses the production settings unless DJANGO_SETTINGS_MODULE says otherwise, so
`eventsite check --deploy`, `eventsite migrate` and `eventsite import_event FILE`
behave as on a server. `eventsite seed-path` prints where the packaged seed
event file is.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if argv[1:2] == ["seed-path"]:
        from eventsite.paths import SEED_FILE

        print(SEED_FILE)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsite.settings.prod")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()

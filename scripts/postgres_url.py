"""Print the PostgreSQL URL the test suite should use, or nothing when none answers.

DATABASE_URL wins when it names PostgreSQL; otherwise the local server on 127.0.0.1:5432.
"""

import os
import sys

import psycopg

DEFAULT = "postgres://postgres@127.0.0.1:5432/intercity"


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    candidate = url if url.startswith(("postgres://", "postgresql://")) else DEFAULT
    admin = candidate.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(admin, connect_timeout=3).close()
    except psycopg.Error as exc:
        print(f"PostgreSQL at {admin} does not answer: {exc}".strip(), file=sys.stderr)
        return 0
    print(candidate)
    return 0


if __name__ == "__main__":
    sys.exit(main())

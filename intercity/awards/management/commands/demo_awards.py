"""Give WeGO a demonstration edition of its awards in round 1 (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.awards import demo


class Command(BaseCommand):
    help = (
        f"Create a WeGO awards edition of {demo.YEAR} in round 1, marked as demonstration data, "
        f"with {len(demo.APPLICATIONS)} eligible applications and the demo judges seated "
        "(run create_demo_users first); what exists already is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = demo.generate()
        except demo.Blocked as blocked:
            self.stdout.write(f"awards demo: nothing added, {blocked}")
            return
        made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
        self.stdout.write(f"awards demo: {'created ' + made if made else 'nothing new'}")
        seated = {judge.user.username for judge in demo.seated_judges() if judge.user}
        missing = sorted({demo.JUDGE, demo.HEAD_JUDGE} - seated)
        if missing:
            self.stdout.write(
                f"awards demo: no login {', '.join(missing)} to seat; "
                "run create_demo_users, then this command again."
            )

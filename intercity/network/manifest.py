"""What the registry brings: its pages, its API and its seed. It contributes nothing to other
modules' pages; they contribute to its network and organisation pages."""

from django.utils.translation import gettext_lazy as _

from intercity.core.modules import Manifest

manifest = Manifest(
    name="network",
    label=_("Network registry"),  # type: ignore[arg-type]
    urls=("intercity.network.urls",),
    api=("intercity.network.api:router",),
    seed="intercity.network.seed",
)

"""The exchange module's translated fields, registered by each part (modeltranslation reads
this module)."""

from intercity.exchange import translation_needs as translation_needs

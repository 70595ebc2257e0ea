"""Demonstration and benchmark data for the Civic Participation System: not used by any page,
the API or a task, only by `manage.py demo_reports`, `benchmarks/participation_scale.py` and
the tests."""
